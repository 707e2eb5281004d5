// Accord's small page helpers: the CSRF header for HTMX requests. No inline scripts (CSP).
(function () {
  "use strict";
  document.addEventListener("htmx:configRequest", function (event) {
    var token = document.body.dataset.csrf;
    if (token && event.detail.verb !== "get") {
      event.detail.headers["X-CSRFToken"] = token;
    }
  });

  // Live validation must not race the form's own submission: once a form with live validation
  // is being submitted, validation requests still waiting on their delay are dropped.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail.elt;
    var form = elt.closest ? elt.closest("form[data-live-validate]") : null;
    if (!form) return;
    if (elt === form) {
      form.dataset.submitting = "1";
    } else if (form.dataset.submitting) {
      event.preventDefault();
    }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var elt = event.detail.elt;
    if (elt.matches && elt.matches("form[data-live-validate]")) {
      delete elt.dataset.submitting;
    }
  });

  // The menu's groups: one open at a time, closed by a click elsewhere or by Escape.
  function closeMenus(except) {
    document.querySelectorAll("details.nav-group[open]").forEach(function (group) {
      if (group !== except) group.removeAttribute("open");
    });
  }
  document.addEventListener("toggle", function (event) {
    var group = event.target;
    if (group.matches && group.matches("details.nav-group") && group.open) closeMenus(group);
  }, true);
  document.addEventListener("click", function (event) {
    if (!event.target.closest("details.nav-group")) closeMenus(null);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") closeMenus(null);
  });
})();
