/* Passkeys (WebAuthn): the browser's side of adding one under the account and of signing in
   with one. The server (accord.web.views.passkeys) gives the options as JSON, with every byte
   string in base64url; the browser's answer goes back the same way. No library: the WebAuthn
   API of the browser itself (navigator.credentials.create / get).

   Markup: an element with data-passkey="add" (a form with a "name" field) or
   data-passkey="sign-in" (a button inside), data-options-url and data-url, the texts to show in
   data-unsupported and data-cancelled, a [data-passkey-error] element for refusals, and the
   CSRF token's hidden input. */
(function () {
  "use strict";

  function toBytes(text) {
    var base64 = text.replace(/-/g, "+").replace(/_/g, "/");
    while (base64.length % 4) { base64 += "="; }
    var binary = atob(base64);
    var bytes = new Uint8Array(binary.length);
    for (var i = 0; i < binary.length; i++) { bytes[i] = binary.charCodeAt(i); }
    return bytes.buffer;
  }

  function toText(buffer) {
    if (!buffer) { return null; }
    var bytes = new Uint8Array(buffer);
    var binary = "";
    for (var i = 0; i < bytes.length; i++) { binary += String.fromCharCode(bytes[i]); }
    return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function descriptors(list) {
    return (list || []).map(function (item) {
      return Object.assign({}, item, { id: toBytes(item.id) });
    });
  }

  function credentialJSON(credential) {
    var response = credential.response;
    var out = {
      id: credential.id,
      rawId: toText(credential.rawId),
      type: credential.type,
      authenticatorAttachment: credential.authenticatorAttachment || null,
      clientExtensionResults: credential.getClientExtensionResults(),
      response: { clientDataJSON: toText(response.clientDataJSON) }
    };
    if (response.attestationObject) {
      out.response.attestationObject = toText(response.attestationObject);
      out.response.transports = response.getTransports ? response.getTransports() : [];
    } else {
      out.response.authenticatorData = toText(response.authenticatorData);
      out.response.signature = toText(response.signature);
      out.response.userHandle = toText(response.userHandle);
    }
    return out;
  }

  function post(box, url, body) {
    var token = box.querySelector("input[name=csrfmiddlewaretoken]");
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": token ? token.value : "" },
      body: JSON.stringify(body || {})
    }).then(function (answer) {
      return answer.json().then(function (data) {
        if (!answer.ok) { throw new Error(data.error || answer.statusText); }
        return data;
      });
    });
  }

  function show(box, message) {
    var place = box.querySelector("[data-passkey-error]");
    place.textContent = message;
    place.hidden = !message;
  }

  function refused(box, error) {
    var cancelled = error && (error.name === "NotAllowedError" || error.name === "AbortError");
    show(box, cancelled ? box.dataset.cancelled : (error && error.message) || box.dataset.cancelled);
  }

  function supported(box) {
    if (window.PublicKeyCredential && navigator.credentials) { return true; }
    show(box, box.dataset.unsupported);
    return false;
  }

  function add(box) {
    box.addEventListener("submit", function (event) {
      event.preventDefault();
      show(box, "");
      if (!supported(box)) { return; }
      var name = box.elements.namedItem("name").value;
      post(box, box.dataset.optionsUrl).then(function (options) {
        options.challenge = toBytes(options.challenge);
        options.user.id = toBytes(options.user.id);
        options.excludeCredentials = descriptors(options.excludeCredentials);
        return navigator.credentials.create({ publicKey: options });
      }).then(function (credential) {
        return post(box, box.dataset.url, { name: name, credential: credentialJSON(credential) });
      }).then(function (data) {
        window.location.assign(data.redirect);
      }).catch(function (error) { refused(box, error); });
    });
  }

  function signIn(box) {
    box.querySelector("button").addEventListener("click", function () {
      show(box, "");
      if (!supported(box)) { return; }
      var alone = Boolean(box.dataset.alone);
      post(box, box.dataset.optionsUrl, { alone: alone }).then(function (options) {
        options.challenge = toBytes(options.challenge);
        options.allowCredentials = descriptors(options.allowCredentials);
        return navigator.credentials.get({ publicKey: options });
      }).then(function (credential) {
        return post(box, box.dataset.url, {
          credential: credentialJSON(credential), next: box.dataset.next || "", alone: alone
        });
      }).then(function (data) {
        window.location.assign(data.redirect);
      }).catch(function (error) { refused(box, error); });
    });
  }

  document.querySelectorAll("[data-passkey=add]").forEach(add);
  document.querySelectorAll("[data-passkey=sign-in]").forEach(signIn);
})();
