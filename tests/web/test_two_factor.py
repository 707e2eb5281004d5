"""Two-factor sign-in through the pages: setting up an authenticator, the code after the
password, recovery codes used once, wrong codes toward the lockout, turning it off, and the
roles that require it (ADR 0018). Codes come from the RFC 6238 algorithm over the secret the
page shows, as the user's authenticator app computes them."""

import re
import time
from base64 import b32decode

import pytest
from django.test import Client
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accord.audit.models import AuditEntry
from accord.core import services
from accord.core.models import AccountSession

pytestmark = pytest.mark.django_db

PASSWORD = "accord-demo"


def _secret_shown(page) -> bytes:
    """The key the page offers for typing, as the authenticator app stores it."""
    typed = re.search(r'<code dir="ltr">([A-Z2-7 ]+)</code>', page.text).group(1)
    return b32decode(typed.replace(" ", ""))


def _code(key: bytes, *, steps_ahead: int = 0) -> str:
    """The authenticator's code now, or ``steps_ahead`` 30-second steps later (a code already
    used to confirm is spent; the next step's is within the one-step tolerance)."""
    totp = TOTP(key)
    totp.time = time.time() + 30 * steps_ahead
    return f"{totp.token():06d}"


def _enrol(client) -> tuple[bytes, list[str]]:
    page = client.get("/account/two-factor/")
    assert page.status_code == 200
    assert "<svg" in page.text  # the QR code, inline
    key = _secret_shown(page)
    done = client.post("/account/two-factor/", {"code": _code(key)})
    assert done.status_code == 302
    shown = client.get("/account/two-factor/").text
    codes = re.findall(r'<li><code dir="ltr">([a-z2-7]{8})</code></li>', shown)
    return key, codes


def _entries(action: str, **filters):
    return AuditEntry.objects.filter(action=action, **filters)


def test_a_user_sets_up_an_authenticator_and_sees_the_recovery_codes_once(client_as, persona):
    client = client_as("trainer")
    wrong = client.post("/account/two-factor/", {"code": "000000"})
    assert wrong.status_code == 422
    assert "This code is not correct" in wrong.text
    assert not TOTPDevice.objects.filter(user=persona("trainer")).exists()
    _key, codes = _enrol(client)
    assert len(codes) == 10
    assert TOTPDevice.objects.get(user=persona("trainer")).confirmed
    again = client.get("/account/two-factor/").text
    assert codes[0] not in again  # shown once
    assert "10 recovery codes are left" in again
    trainer = persona("trainer")
    assert _entries("user.two_factor_enable", actor_id=trainer.pk, outcome="done").exists()
    assert _entries("user.two_factor_enable", actor_id=trainer.pk, outcome="refused").exists()


def test_sign_in_asks_for_the_code_after_the_password(client_as, persona):
    key, _codes = _enrol(client_as("trainer"))
    visitor = Client()
    first = visitor.post("/login/", {"username": "trainer", "password": PASSWORD})
    assert first["Location"] == "/login/verify/"
    assert "_auth_user_id" not in visitor.session  # not signed in after the password alone
    assert visitor.get("/account/")["Location"].startswith("/login/")
    signed = visitor.post("/login/verify/", {"code": _code(key, steps_ahead=1)})
    assert signed.status_code == 302
    assert signed["Location"] == "/"
    assert visitor.get("/account/").status_code == 200
    trainer = persona("trainer")
    assert AccountSession.objects.filter(
        user=trainer, session_key=visitor.session.session_key
    ).exists()
    assert _entries("user.two_factor_verify", actor_id=trainer.pk, outcome="done").exists()


def test_a_recovery_code_signs_in_once(client_as, persona):
    _key, codes = _enrol(client_as("trainer"))
    first = Client()
    first.post("/login/", {"username": "trainer", "password": PASSWORD})
    assert first.post("/login/verify/", {"code": codes[3].upper()})["Location"] == "/"
    second = Client()
    second.post("/login/", {"username": "trainer", "password": PASSWORD})
    refused = second.post("/login/verify/", {"code": codes[3]})
    assert refused.status_code == 422
    assert "used already" in refused.text
    assert "_auth_user_id" not in second.session
    trainer = persona("trainer")
    assert StaticToken.objects.filter(device__user=trainer).count() == 9
    entry = _entries("user.two_factor_verify", actor_id=trainer.pk, outcome="done").get()
    assert entry.changes["recovery_codes_left"] == [None, 9]
    assert _entries(
        "user.two_factor_verify", actor_id=trainer.pk, outcome="refused"
    ).get().error_code == ("two_factor_code_incorrect")


def test_wrong_codes_count_toward_the_lockout(client_as, persona, settings):
    key, _codes = _enrol(client_as("trainer"))
    visitor = Client()
    visitor.post("/login/", {"username": "trainer", "password": PASSWORD})
    answers = [
        visitor.post("/login/verify/", {"code": "123456"})
        for _n in range(settings.AXES_FAILURE_LIMIT)
    ]
    assert [a.status_code for a in answers[:-1]] == [422] * (settings.AXES_FAILURE_LIMIT - 1)
    assert answers[-1].status_code == 429
    assert "Sign-in locked for a while" in answers[-1].text
    # Locked: neither the right code nor the password opens a session now.
    assert visitor.post("/login/verify/", {"code": _code(key, steps_ahead=1)}).status_code == 429
    again = Client().post("/login/", {"username": "trainer", "password": PASSWORD})
    assert again.status_code == 429
    trainer = persona("trainer")
    assert (
        _entries("user.two_factor_verify", actor_id=trainer.pk, outcome="refused").count()
        == settings.AXES_FAILURE_LIMIT
    )


def test_turning_it_off_asks_for_the_password(client_as, persona):
    client = client_as("trainer")
    _enrol(client)
    wrong = client.post("/account/two-factor/disable/", {"password": "not-it"})
    assert wrong.status_code == 422
    assert "current password is not correct" in wrong.text
    assert TOTPDevice.objects.filter(user=persona("trainer")).exists()
    off = client.post("/account/two-factor/disable/", {"password": PASSWORD})
    assert off.status_code == 302
    assert not TOTPDevice.objects.filter(user=persona("trainer")).exists()
    assert not StaticToken.objects.filter(device__user=persona("trainer")).exists()
    signed = Client().post("/login/", {"username": "trainer", "password": PASSWORD})
    assert signed["Location"] == "/"  # the password alone again
    assert _entries("user.two_factor_disable", outcome="refused").exists()
    assert _entries("user.two_factor_disable", outcome="done").exists()


def test_new_recovery_codes_replace_the_old(client_as, persona):
    client = client_as("trainer")
    _key, old = _enrol(client)
    client.post("/account/two-factor/recovery-codes/", {"password": PASSWORD})
    new = re.findall(
        r'<li><code dir="ltr">([a-z2-7]{8})</code></li>', client.get("/account/two-factor/").text
    )
    assert len(new) == 10
    stored = set(
        StaticToken.objects.filter(device__user=persona("trainer")).values_list("token", flat=True)
    )
    assert stored == set(new)
    assert not stored & set(old)


@pytest.mark.parametrize("who", ["admin", "fund-manager", "auditor"])
def test_roles_that_require_it_set_it_up_before_anything_else(client_as, settings, who):
    settings.ACCORD_TWO_FACTOR_REQUIRED = True
    visitor = Client()
    signed = visitor.post("/login/", {"username": who, "password": PASSWORD})
    assert signed.status_code == 302
    held = visitor.get("/")
    assert held.status_code == 302
    assert held["Location"] == "/account/two-factor/"
    page = visitor.get("/account/two-factor/")
    assert "Your role requires two-factor sign-in" in page.text
    key = _secret_shown(page)
    visitor.post("/account/two-factor/", {"code": _code(key)})
    assert visitor.get("/").status_code == 200  # this session passed its second factor


def test_other_roles_are_not_held_and_the_setting_off_holds_no_one(client_as, settings):
    settings.ACCORD_TWO_FACTOR_REQUIRED = True
    assert client_as("trainer").get("/").status_code == 200
    settings.ACCORD_TWO_FACTOR_REQUIRED = False
    assert client_as("admin").get("/").status_code == 200


def test_a_session_opened_before_it_was_required_is_confirmed_with_a_code(client_as, settings):
    settings.ACCORD_TWO_FACTOR_REQUIRED = True
    client = client_as("auditor")
    page = client.get("/account/two-factor/")
    key = _secret_shown(page)
    client.post("/account/two-factor/", {"code": _code(key)})
    older = client_as("auditor")  # a password-only session, as one opened before
    assert older.get("/")["Location"] == "/account/two-factor/"
    assert "Confirm this session" in older.get("/account/two-factor/").text
    assert (
        older.post("/account/two-factor/", {"code": _code(key, steps_ahead=1)})["Location"] == "/"
    )
    assert older.get("/").status_code == 200


def test_api_tokens_are_not_affected(client_as, persona, settings):
    settings.ACCORD_TWO_FACTOR_REQUIRED = True
    _token, secret = services.api_token_create(
        actor=persona("auditor"), name="oversight feed", expires_at=None
    )
    # The auditor has no authenticator: their pages wait for one, their token does not.
    assert client_as("auditor").get("/audit/")["Location"] == "/account/two-factor/"
    answer = Client().get("/api/v1/nations", headers={"Authorization": f"Bearer {secret}"})
    assert answer.status_code == 200
    assert answer.json()


def test_the_second_step_waits_only_so_long(client_as, settings):
    _enrol(client_as("trainer"))
    settings.ACCORD_TWO_FACTOR_STEP_SECONDS = -1
    visitor = Client()
    visitor.post("/login/", {"username": "trainer", "password": PASSWORD})
    late = visitor.get("/login/verify/")
    assert late["Location"] == "/login/"
    assert "waited too long" in visitor.get("/login/").text


def test_an_administrator_resets_the_two_factor_sign_in_of_a_user_who_lost_their_phone(
    client_as, persona
):
    trainer_client = Client()  # signed in through the page, so that the session is recorded
    trainer_client.post("/login/", {"username": "trainer", "password": PASSWORD})
    _enrol(trainer_client)
    assert client_as("auditor").post("/users/trainer/two-factor/reset/").status_code == 403
    assert TOTPDevice.objects.filter(user=persona("trainer")).exists()
    admin = client_as("admin")
    assert "Reset (a lost phone)" in admin.get("/users/trainer/").text
    done = admin.post("/users/trainer/two-factor/reset/", follow=True)
    assert "Two-factor sign-in of trainer is reset" in done.text
    assert not TOTPDevice.objects.filter(user=persona("trainer")).exists()
    assert not StaticToken.objects.filter(device__user=persona("trainer")).exists()
    assert trainer_client.get("/account/")["Location"].startswith("/login/")  # signed out
    signed = Client().post("/login/", {"username": "trainer", "password": PASSWORD})
    assert signed["Location"] == "/"
    entry = _entries("user.two_factor_reset", outcome="done").get()
    assert entry.actor_id == persona("admin").pk
    again = admin.post("/users/trainer/two-factor/reset/", follow=True)
    assert "Two-factor sign-in is not on" in again.text
