"""Two-factor sign-in: an authenticator app's six-digit codes (TOTP, RFC 6238) and recovery
codes, on django-otp's devices (``TOTPDevice``, ``StaticDevice``). ADR 0018.

    two_factor_enable    the authenticator's secret, confirmed by a code it shows; recovery codes
    two_factor_disable   with the user's password; their devices go
    recovery_codes_renew with the user's password; the old codes stop working
    two_factor_verify    the second step of a sign-in: a code, or a recovery code (used once)
    two_factor_reset     an administrator's, for a user who lost their phone and their codes

Every attempt is audited, refused ones included. A wrong code also counts toward the sign-in
lockout (the interface tells django-axes, as a wrong password does).
"""

from __future__ import annotations

import re
import secrets
from base64 import b32encode
from binascii import unhexlify

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accord import access
from accord.audit.services import audit_record, audited, audited_action, refusals_audited
from accord.core.accounts import (
    _audit_user,
    _me,
    _require_administrator,
    _require_other,
    _sign_out_everywhere,
)
from accord.core.models import User
from accord.errors import Code, Conflict, ValidationFailed

AUTHENTICATOR = "authenticator"
RECOVERY = "recovery codes"
# django-otp's default: one 30-second step either side of the server's clock.
TOLERANCE = 1


# --- reads -------------------------------------------------------------------------------------


def two_factor_enabled(user) -> bool:
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).exists()


def two_factor_required(user) -> bool:
    """Whether this user must have a second factor: the setting is on and they hold one of the
    roles it names (``ACCORD_TWO_FACTOR_ROLES``)."""
    if not settings.ACCORD_TWO_FACTOR_REQUIRED or not user.is_authenticated:
        return False
    # The principal is cached on the user, and the page asks for it anyway: no query of its own.
    return bool(access.principal_of(user).roles & set(settings.ACCORD_TWO_FACTOR_ROLES))


def authenticator_of(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user_id=user.pk, confirmed=True).first()


def recovery_codes_left(user) -> int:
    return StaticToken.objects.filter(device__user_id=user.pk, device__confirmed=True).count()


def secret_new() -> str:
    """A new authenticator secret (20 random bytes, hex, as django-otp keeps them)."""
    return secrets.token_hex(20)


def provisioning_uri(user, secret: str) -> str:
    """The ``otpauth://`` address an authenticator app reads from the QR code."""
    return TOTPDevice(user=user, key=secret).config_url


def secret_for_typing(secret: str) -> str:
    """The secret as an authenticator app asks for it when typed by hand: base 32, in groups."""
    text = b32encode(unhexlify(secret)).decode()
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


# --- writes ------------------------------------------------------------------------------------


def _code_incorrect(field: str = "code") -> ValidationFailed:
    return ValidationFailed(
        _(Code.TWO_FACTOR_CODE_INCORRECT.message),
        code=Code.TWO_FACTOR_CODE_INCORRECT,
        errors={field: [gettext_noop("not correct")]},
    )


def _check_password(user: User, password: str) -> None:
    if not user.check_password(password):
        raise ValidationFailed(
            _(Code.PASSWORD_INCORRECT.message),
            code=Code.PASSWORD_INCORRECT,
            errors={"password": [gettext_noop("not correct")]},
        )


def _new_recovery_codes(user: User) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _n in range(settings.ACCORD_RECOVERY_CODES)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes


@audited("user.two_factor_enable")
def two_factor_enable(*, actor, secret: str, code: str, keep_session_key: str = "") -> list[str]:
    """Turn on two-factor sign-in with the authenticator that holds ``secret``, once it shows
    the right ``code``; the recovery codes, returned to be shown once. Every other session of
    the user ends: it was opened with the password alone."""
    user = _me(actor)
    if not secret:
        raise _code_incorrect()
    if two_factor_enabled(user):
        raise Conflict(_(Code.TWO_FACTOR_ALREADY_ON.message), code=Code.TWO_FACTOR_ALREADY_ON)
    totp = TOTP(unhexlify(secret))
    digits = "".join(code.split())
    if not re.fullmatch(r"[0-9]{6}", digits) or not totp.verify(int(digits), TOLERANCE):
        raise _code_incorrect()
    # The confirming code is spent: last_t keeps it from opening a session too.
    TOTPDevice.objects.create(
        user=user, name=AUTHENTICATOR, key=secret, confirmed=True, last_t=totp.t()
    )
    codes = _new_recovery_codes(user)
    ended = _sign_out_everywhere(user, keep=keep_session_key)
    _audit_user(
        actor,
        user,
        {
            "two_factor": [False, True],
            "recovery_codes": [None, len(codes)],
            "sessions_ended": [None, ended],
        },
    )
    return codes


@audited("user.two_factor_disable")
def two_factor_disable(*, actor, password: str) -> User:
    """Turn two-factor sign-in off, after the user's password: their authenticator and recovery
    codes are forgotten. A role that requires it sends them to set one up again."""
    user = _me(actor)
    _check_password(user, password)
    if not two_factor_enabled(user):
        raise Conflict(_(Code.TWO_FACTOR_OFF.message), code=Code.TWO_FACTOR_OFF)
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    _audit_user(actor, user, {"two_factor": [True, False]})
    return user


@audited("user.recovery_codes_renew")
def recovery_codes_renew(*, actor, password: str) -> list[str]:
    """New recovery codes after the user's password; the old ones stop working."""
    user = _me(actor)
    _check_password(user, password)
    if not two_factor_enabled(user):
        raise Conflict(_(Code.TWO_FACTOR_OFF.message), code=Code.TWO_FACTOR_OFF)
    before = recovery_codes_left(user)
    codes = _new_recovery_codes(user)
    _audit_user(actor, user, {"recovery_codes": [before, len(codes)]})
    return codes


@audited("user.two_factor_reset")
def two_factor_reset(*, actor, user: User) -> User:
    """An administrator takes away a user's authenticator, recovery codes and passkeys (lost
    with their phone): the user is signed out everywhere, signs in again with their password,
    and sets up a new authenticator then if their role requires one. Never one's own: another
    administrator does it, as for rights."""
    _require_administrator(actor)
    _require_other(actor, user)
    enabled, passkeys = two_factor_enabled(user), user.passkeys.count()
    if not enabled and not passkeys:
        raise Conflict(_(Code.TWO_FACTOR_OFF.message), code=Code.TWO_FACTOR_OFF)
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    user.passkeys.all().delete()
    ended = _sign_out_everywhere(user)
    changes = {"two_factor": [enabled, False], "sessions_ended": [None, ended]}
    if passkeys:
        changes["passkeys"] = [passkeys, 0]
    _audit_user(actor, user, changes)
    return user


@refusals_audited("user.two_factor_verify")
def two_factor_verify(*, actor, user: User, code: str):
    """The second step of ``user``'s sign-in: the authenticator's code, or one of their
    recovery codes (spent as it is used). Returns the device that accepted it.

    No transaction is held around the refusal: django-otp's throttling (each failure doubles
    the wait before the next try) is written by the device itself and must stay written when
    the attempt is refused; the refusal is audited in a transaction of its own.
    """
    token = "".join(code.split()).lower()
    with transaction.atomic():
        device = _matching_device(user, token)
        if device is not None:
            method = "recovery_code" if isinstance(device, StaticDevice) else "authenticator"
            changes = {"second_factor": [None, method]}
            if method == "recovery_code":
                changes["recovery_codes_left"] = [None, recovery_codes_left(user)]
            audit_record(actor=actor, action=audited_action(), obj=user, changes=changes)
            return device
    raise _code_incorrect()


def _matching_device(user: User, token: str):
    """The first of the user's devices that accepts ``token``: the authenticator for six
    digits, the recovery codes for anything else (so a code is never tried twice)."""
    kind = TOTPDevice if re.fullmatch(r"[0-9]{6}", token) else StaticDevice
    for device in kind.objects.filter(user=user, confirmed=True).select_for_update():
        if device.verify_token(token):
            return device
    return None
