"""Passkeys through the pages' JSON endpoints (ADR 0018): added on the account page, signing in
alone or as the second factor after a password, removed; refused when an answer is replayed,
made for another site, or signed with a counter that went backwards.

The authenticator is a software one: a P-256 key pair made with ``cryptography``, answering the
server's options exactly as a browser's authenticator does (CBOR attestation of format "none",
ES256 signatures over the authenticator data and the client data's hash). Real ceremonies,
checked by py_webauthn: nothing is mocked. The browser's own ceremony, through Chromium's
virtual authenticator, is in tests/browser/test_people_and_work_journey.py.
"""

import hashlib
import json
import os

import cbor2
import pytest
from axes.models import AccessAttempt
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from django.conf import settings
from django.test import Client
from webauthn.helpers import base64url_to_bytes, bytes_to_base64url

from accord.audit.models import AuditEntry
from accord.core.models import Passkey

pytestmark = pytest.mark.django_db

UP_UV = 0x01 | 0x04  # user present, user verified
ATTESTED = 0x40


class Authenticator:
    """One passkey on a software authenticator: its key, its credential ID, its counter."""

    def __init__(self):
        self.key = ec.generate_private_key(ec.SECP256R1())
        self.credential_id = os.urandom(32)
        self.counter = 0
        self.user_handle = b""

    @staticmethod
    def _client_data(kind: str, options: dict, origin: str | None) -> bytes:
        origin = origin or settings.ACCORD_WEBAUTHN_ORIGIN[0]
        data = {"type": kind, "challenge": options["challenge"], "origin": origin}
        return json.dumps(data).encode()

    def _auth_data(self, flags: int, rp_id: str) -> bytes:
        return hashlib.sha256(rp_id.encode()).digest() + bytes([flags]) + self.counter.to_bytes(4)

    def create(self, options: dict, *, origin: str | None = None) -> dict:
        """What ``navigator.credentials.create`` gives back for ``options``."""
        self.user_handle = base64url_to_bytes(options["user"]["id"])
        numbers = self.key.public_key().public_numbers()
        cose = {1: 2, 3: -7, -1: 1, -2: numbers.x.to_bytes(32), -3: numbers.y.to_bytes(32)}
        attested = (
            bytes(16)  # AAGUID
            + len(self.credential_id).to_bytes(2)
            + self.credential_id
            + cbor2.dumps(cose)
        )
        auth_data = self._auth_data(UP_UV | ATTESTED, options["rp"]["id"]) + attested
        attestation = cbor2.dumps({"fmt": "none", "attStmt": {}, "authData": auth_data})
        client_data = self._client_data("webauthn.create", options, origin)
        return {
            "id": bytes_to_base64url(self.credential_id),
            "rawId": bytes_to_base64url(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": bytes_to_base64url(client_data),
                "attestationObject": bytes_to_base64url(attestation),
                "transports": ["internal"],
            },
            "clientExtensionResults": {},
        }

    def get(self, options: dict, *, origin: str | None = None, counter: int | None = None):
        """What ``navigator.credentials.get`` gives back: signed with the next counter."""
        self.counter = self.counter + 1 if counter is None else counter
        auth_data = self._auth_data(UP_UV, options["rpId"])
        client_data = self._client_data("webauthn.get", options, origin)
        signed = auth_data + hashlib.sha256(client_data).digest()
        signature = self.key.sign(signed, ec.ECDSA(hashes.SHA256()))
        return {
            "id": bytes_to_base64url(self.credential_id),
            "rawId": bytes_to_base64url(self.credential_id),
            "type": "public-key",
            "response": {
                "clientDataJSON": bytes_to_base64url(client_data),
                "authenticatorData": bytes_to_base64url(auth_data),
                "signature": bytes_to_base64url(signature),
                "userHandle": bytes_to_base64url(self.user_handle),
            },
            "clientExtensionResults": {},
        }


def _post(client, url: str, body: dict | None = None):
    return client.post(url, json.dumps(body or {}), content_type="application/json")


def _add(client, authenticator: Authenticator, name: str = "grey phone", **answer):
    options = _post(client, "/account/passkeys/options/").json()
    credential = authenticator.create(options, **answer)
    return _post(client, "/account/passkeys/", {"name": name, "credential": credential})


def _sign_in(client, authenticator: Authenticator, **answer):
    options = _post(client, "/login/passkey/options/").json()
    credential = authenticator.get(options, **answer)
    return _post(client, "/login/passkey/", {"credential": credential}), credential


def _entries(action: str, **filters):
    return AuditEntry.objects.filter(action=action, **filters)


def test_a_user_adds_a_passkey_signs_in_with_it_alone_and_removes_it(client_as, persona):
    trainer = persona("trainer")
    client = client_as("trainer")
    phone = Authenticator()

    # Made for another site: refused in words, nothing kept.
    elsewhere = _add(client, phone, origin="https://accord.example.net")
    assert elsewhere.status_code == 422
    assert "Your passkey was not accepted" in elsewhere.json()["error"]
    assert not Passkey.objects.filter(user=trainer).exists()

    assert _add(client, phone).status_code == 201
    passkey = Passkey.objects.get(user=trainer)
    assert passkey.name == "grey phone"
    assert passkey.transports == ["internal"]
    page = client.get("/account/").text
    assert "grey phone" in page
    assert passkey.credential_id not in page
    added = _entries("user.passkey_add", actor_id=trainer.pk)
    assert added.filter(outcome="done").exists()
    assert added.filter(outcome="refused").exists()
    assert "public_key" not in json.dumps(list(added.values_list("changes", flat=True)))

    # Anyone's sign-in page: the passkey alone, no username, no password.
    visitor = Client()
    signed, _credential = _sign_in(visitor, phone)
    assert signed.status_code == 200
    assert signed.json() == {"redirect": "/"}
    assert visitor.session["_auth_user_id"] == str(trainer.pk)
    assert visitor.session["otp_device_id"] == passkey.persistent_id  # counts as two-factor
    passkey.refresh_from_db()
    assert passkey.sign_count == 1
    assert passkey.last_used_at is not None
    assert _entries("user.passkey_verify", actor_id=trainer.pk, outcome="done").exists()

    # No one else sees or removes it; its owner does.
    other = client_as("auditor")
    assert other.post(f"/account/passkeys/{passkey.pk}/remove/").status_code == 404
    assert "grey phone" not in other.get("/account/").text
    assert client.post(f"/account/passkeys/{passkey.pk}/remove/").status_code == 302
    assert not Passkey.objects.filter(pk=passkey.pk).exists()
    assert _entries("user.passkey_remove", actor_id=trainer.pk, outcome="done").exists()


def test_a_replayed_foreign_or_cloned_answer_is_refused_and_counts_toward_the_lockout(
    client_as, persona
):
    phone = Authenticator()
    assert _add(client_as("trainer"), phone).status_code == 201
    visitor = Client()
    signed, credential = _sign_in(visitor, phone)
    assert signed.status_code == 200

    thief = Client()
    replayed = _post(thief, "/login/passkey/", {"credential": credential})
    assert replayed.status_code == 422
    assert "expired or was used already" in replayed.json()["error"]
    # Its challenge used once: the same answer again in the same session is refused too.
    _post(visitor, "/logout/")
    assert _post(visitor, "/login/passkey/", {"credential": credential}).status_code == 422

    foreign, _ = _sign_in(thief, phone, origin="https://accord.example.net")
    assert foreign.status_code == 422
    cloned, _ = _sign_in(thief, phone, counter=1)  # the counter went back to its first use
    assert cloned.status_code == 422
    assert "Your passkey was not accepted" in cloned.json()["error"]
    assert "_auth_user_id" not in thief.session

    refused = _entries("user.passkey_verify", outcome="refused")
    assert refused.count() == 4
    assert AccessAttempt.objects.get(username="trainer").failures_since_start == 4
    # The real passkey still signs in: its counter was not moved by the refusals.
    assert _sign_in(Client(), phone)[0].status_code == 200


def test_an_administrator_uses_a_passkey_as_the_second_factor(client_as, persona, settings):
    settings.ACCORD_TWO_FACTOR_REQUIRED = True
    admin = client_as("admin")
    assert admin.get("/users/")["Location"] == "/account/two-factor/"
    two_factor_page = admin.get("/account/two-factor/").text
    assert "Or add a passkey instead of an authenticator" in two_factor_page

    # The first second factor, added from the two-factor page: this session passes with it.
    key = Authenticator()
    assert _add(admin, key, name="security key").status_code == 201
    assert admin.get("/users/").status_code == 200

    # The password, then the passkey instead of a code.
    visitor = Client()
    after_password = visitor.post("/login/", {"username": "admin", "password": "accord-demo"})
    assert after_password["Location"] == "/login/verify/"
    step = visitor.get("/login/verify/").text
    assert "Use my passkey" in step
    assert 'name="code"' not in step
    options = _post(visitor, "/login/passkey/options/").json()
    assert [c["id"] for c in options["allowCredentials"]] == [bytes_to_base64url(key.credential_id)]
    answer = _post(visitor, "/login/passkey/", {"credential": key.get(options)})
    assert answer.status_code == 200
    assert visitor.get("/users/").status_code == 200

    # A session that did not pass two-factor (here one opened before it was required) cannot add
    # another key: a stolen password must not bring its own.
    stale = Client()
    stale.force_login(persona("admin"))
    refused = _add(stale, Authenticator())
    assert refused.status_code == 403
    assert Passkey.objects.filter(user=persona("admin")).count() == 1
