"""Passkeys: WebAuthn credentials a user signs in with, checked by py_webauthn (ADR 0018).

    registration_options   what the browser's ``navigator.credentials.create`` is given
    passkey_add            the authenticator's answer checked, the passkey kept under a name
    passkey_remove         one of the user's own passkeys forgotten
    authentication_options what ``navigator.credentials.get`` is given: the user's passkeys for
                           the second step of a sign-in, none (any passkey the authenticator
                           holds for Accord) for a sign-in with a passkey alone
    passkey_verify         the authenticator's signature checked; the passkey that signed

Each ceremony answers a challenge the interface keeps in the session, used once and for
``ACCORD_WEBAUTHN_CHALLENGE_SECONDS``; the interface hands it here (``None`` when it has
expired or was used). Every passkey is created with user verification required (the
authenticator's PIN, fingerprint or face): a passkey is something the user has, unlocked by
something they know or are, so a sign-in with it alone counts as two factors.

The relying party is ``ACCORD_WEBAUTHN_RP_ID``, the origins ``ACCORD_WEBAUTHN_ORIGIN``. A
signature counter that does not grow (a cloned authenticator) is refused. Every attempt is
audited, refused ones included; the public keys are never written to the audit trail.
"""

from __future__ import annotations

import json
from functools import cache
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accord.audit.services import audit_record, audited, audited_action, refusals_audited
from accord.core.accounts import _audit_user, _me, _sign_out_everywhere
from accord.core.models import Passkey, User
from accord.core.two_factor import two_factor_enabled
from accord.errors import Code, NotFound, PermissionDenied, ValidationFailed

if TYPE_CHECKING:
    from webauthn.helpers.structs import PublicKeyCredentialDescriptor

RP_NAME = "Accord"
# What a browser's answer may not exceed (a credential's ID is at most 1,023 bytes).
RESPONSE_LIMIT = 64 * 1024


# --- reads -------------------------------------------------------------------------------------


def has_passkey(user) -> bool:
    return Passkey.objects.filter(user_id=user.pk).exists()


def passkey_list(user) -> list[Passkey]:
    """The user's own passkeys (no one else's, administrators' included), oldest first."""
    return list(Passkey.objects.filter(user_id=user.pk).defer("public_key"))


def passkey_get(*, actor, pk: int) -> Passkey:
    """One of ``actor``'s own passkeys; anyone else's is not found."""
    passkey = Passkey.objects.filter(user_id=actor.pk, pk=pk).first()
    if passkey is None:
        raise NotFound(_("No such passkey among yours."))
    return passkey


def second_factor_enrolled(user) -> bool:
    """Whether a sign-in with the password asks for a second factor: an authenticator or a
    passkey."""
    return two_factor_enabled(user) or has_passkey(user)


def _handle(user: User) -> bytes:
    """The user handle the authenticator keeps with a passkey: the account's number, no name."""
    return str(user.pk).encode()


@cache
def _transports() -> frozenset[str]:
    """The transports py_webauthn knows (a browser may name others, which are not kept)."""
    # deferred: py_webauthn takes a fifth of a second to import and only the passkey
    # ceremonies need it, not every process that shows an account page.
    from webauthn.helpers.structs import AuthenticatorTransport

    return frozenset(transport.value for transport in AuthenticatorTransport)


def _descriptors(passkeys) -> list[PublicKeyCredentialDescriptor]:
    # deferred: py_webauthn takes a fifth of a second to import and only the passkey
    # ceremonies need it, not every process that shows an account page.
    from webauthn.helpers import base64url_to_bytes
    from webauthn.helpers.structs import AuthenticatorTransport, PublicKeyCredentialDescriptor

    return [
        PublicKeyCredentialDescriptor(
            id=base64url_to_bytes(p.credential_id),
            transports=[AuthenticatorTransport(t) for t in p.transports if t in _transports()],
        )
        for p in passkeys
    ]


def registration_options(user: User) -> tuple[str, bytes]:
    """The options for adding a passkey to ``user`` (JSON for the browser) and their challenge.
    A discoverable credential (a resident key), so that it signs in without a username; user
    verification required; the user's passkeys excluded, so an authenticator is added once."""
    # deferred: py_webauthn takes a fifth of a second to import and only the passkey
    # ceremonies need it, not every process that shows an account page.
    from webauthn import generate_registration_options, options_to_json
    from webauthn.helpers.structs import (
        AuthenticatorSelectionCriteria,
        ResidentKeyRequirement,
        UserVerificationRequirement,
    )

    options = generate_registration_options(
        rp_id=settings.ACCORD_WEBAUTHN_RP_ID,
        rp_name=RP_NAME,
        user_id=_handle(user),
        user_name=user.username,
        user_display_name=user.get_full_name() or user.username,
        exclude_credentials=_descriptors(Passkey.objects.filter(user_id=user.pk)),
        authenticator_selection=AuthenticatorSelectionCriteria(
            resident_key=ResidentKeyRequirement.REQUIRED,
            user_verification=UserVerificationRequirement.REQUIRED,
        ),
    )
    return options_to_json(options), options.challenge


def authentication_options(user: User | None = None) -> tuple[str, bytes]:
    """The options for signing in with a passkey: ``user``'s passkeys for the second step of a
    sign-in, or none named (the authenticator offers the passkeys it holds for Accord)."""
    # deferred: py_webauthn takes a fifth of a second to import and only the passkey
    # ceremonies need it, not every process that shows an account page.
    from webauthn import generate_authentication_options, options_to_json
    from webauthn.helpers.structs import UserVerificationRequirement

    passkeys = Passkey.objects.filter(user_id=user.pk) if user is not None else []
    options = generate_authentication_options(
        rp_id=settings.ACCORD_WEBAUTHN_RP_ID,
        allow_credentials=_descriptors(passkeys),
        user_verification=UserVerificationRequirement.REQUIRED,
    )
    return options_to_json(options), options.challenge


def passkey_owner(response: str) -> User | None:
    """Whose passkey signed ``response`` (the browser's answer), if it is one Accord knows: the
    sign-in page counts a refused attempt toward that user's lockout."""
    credential_id = _credential_id(response)
    if not credential_id:
        return None
    passkey = Passkey.objects.filter(credential_id=credential_id).select_related("user").first()
    return passkey.user if passkey is not None else None


def _credential_id(response: str) -> str:
    # deferred: py_webauthn takes a fifth of a second to import and only the passkey
    # ceremonies need it, not every process that shows an account page.
    from webauthn.helpers import base64url_to_bytes, bytes_to_base64url

    try:
        raw = json.loads(response).get("rawId") or ""
        return bytes_to_base64url(base64url_to_bytes(raw)) if isinstance(raw, str) else ""
    except (ValueError, TypeError, AttributeError):
        return ""


# --- writes ------------------------------------------------------------------------------------


def _not_accepted() -> ValidationFailed:
    return ValidationFailed(
        _(Code.PASSKEY_NOT_ACCEPTED.message),
        code=Code.PASSKEY_NOT_ACCEPTED,
        errors={"passkey": [gettext_noop("not accepted")]},
    )


def _expired() -> ValidationFailed:
    return ValidationFailed(
        _(Code.PASSKEY_REQUEST_EXPIRED.message),
        code=Code.PASSKEY_REQUEST_EXPIRED,
        errors={"passkey": [gettext_noop("expired or used")]},
    )


def _origins() -> list[str]:
    return list(settings.ACCORD_WEBAUTHN_ORIGIN)


@audited("user.passkey_add")
def passkey_add(
    *,
    actor,
    name: str,
    response: str,
    challenge: bytes | None,
    session_verified: bool,
    keep_session_key: str = "",
) -> Passkey:
    """Keep the passkey the browser's ``response`` made for ``challenge``, under ``name``.

    A user who already has a second factor adds one only from a session that passed it (a
    password alone must not add a key). A user's first passkey is their first second factor:
    as when an authenticator is set up, every other session of theirs ends."""
    # deferred: py_webauthn takes a fifth of a second to import and only the passkey
    # ceremonies need it, not every process that shows an account page.
    from webauthn import verify_registration_response
    from webauthn.helpers import bytes_to_base64url, parse_registration_credential_json
    from webauthn.helpers.exceptions import WebAuthnException

    user = _me(actor)
    name = " ".join(name.split())
    if not name:
        raise ValidationFailed(
            _("Name the passkey, so that you know it in the list (such as “work laptop”)."),
            code=Code.VALIDATION_FAILED,
            errors={"name": [gettext_noop("required")]},
        )
    had_factor = second_factor_enrolled(user)
    if had_factor and not session_verified:
        raise PermissionDenied(
            _(Code.PASSKEY_NEEDS_VERIFIED_SESSION.message),
            code=Code.PASSKEY_NEEDS_VERIFIED_SESSION,
        )
    if challenge is None:
        raise _expired()
    if len(response) > RESPONSE_LIMIT:
        raise _not_accepted()
    try:
        credential = parse_registration_credential_json(response)
        verified = verify_registration_response(
            credential=credential,
            expected_challenge=challenge,
            expected_rp_id=settings.ACCORD_WEBAUTHN_RP_ID,
            expected_origin=_origins(),
            require_user_verification=True,
        )
    except (WebAuthnException, ValueError, TypeError, KeyError):
        raise _not_accepted() from None
    credential_id = bytes_to_base64url(verified.credential_id)
    if Passkey.objects.filter(credential_id=credential_id).exists():
        raise _not_accepted()
    transports = [t.value for t in credential.response.transports or [] if t.value in _transports()]
    passkey = Passkey.objects.create(
        user=user,
        name=name[:64],
        confirmed=True,
        credential_id=credential_id,
        public_key=verified.credential_public_key,
        sign_count=verified.sign_count,
        transports=transports,
    )
    changes = {"passkey": [None, passkey.name]}
    if not had_factor:
        changes["sessions_ended"] = [None, _sign_out_everywhere(user, keep=keep_session_key)]
    _audit_user(actor, user, changes)
    return passkey


@audited("user.passkey_remove")
def passkey_remove(*, actor, passkey: Passkey) -> None:
    """Forget one of the user's own passkeys: it signs in no more."""
    user = _me(actor)
    if passkey.user_id != user.pk:
        raise _not_accepted()
    name = passkey.name
    passkey.delete()
    _audit_user(actor, user, {"passkey": [name, None]})


@refusals_audited("user.passkey_verify")
def passkey_verify(
    *, actor, response: str, challenge: bytes | None, user: User | None = None
) -> Passkey:
    """Check the browser's ``response`` to ``challenge``: signed by a passkey Accord knows (of
    ``user``, when the password named them already), with the user verified, for this relying
    party and origin, and a signature counter that grew. Returns the passkey, its counter and
    last use written down.

    No transaction is held while the signature is checked; the write is one conditional update
    (a second sign-in with the same counter finds it changed and is refused)."""
    # deferred: py_webauthn takes a fifth of a second to import and only the passkey
    # ceremonies need it, not every process that shows an account page.
    from webauthn import verify_authentication_response
    from webauthn.helpers import bytes_to_base64url, parse_authentication_credential_json
    from webauthn.helpers.exceptions import WebAuthnException

    if challenge is None:
        raise _expired()
    if len(response) > RESPONSE_LIMIT:
        raise _not_accepted()
    try:
        credential = parse_authentication_credential_json(response)
    except (WebAuthnException, ValueError, TypeError, KeyError):
        raise _not_accepted() from None
    passkey = (
        Passkey.objects.filter(credential_id=bytes_to_base64url(credential.raw_id))
        .select_related("user")
        .first()
    )
    if passkey is None or not passkey.user.is_active:
        raise _not_accepted()
    if user is not None and passkey.user_id != user.pk:
        raise _not_accepted()
    handle = credential.response.user_handle
    if handle is not None and handle != _handle(passkey.user):
        raise _not_accepted()
    try:
        verified = verify_authentication_response(
            credential=credential,
            expected_challenge=challenge,
            expected_rp_id=settings.ACCORD_WEBAUTHN_RP_ID,
            expected_origin=_origins(),
            credential_public_key=bytes(passkey.public_key),
            credential_current_sign_count=passkey.sign_count,
            require_user_verification=True,
        )
    except (WebAuthnException, ValueError, TypeError, KeyError):
        raise _not_accepted() from None
    now = timezone.now()
    with transaction.atomic():
        written = Passkey.objects.filter(pk=passkey.pk, sign_count=passkey.sign_count).update(
            sign_count=verified.new_sign_count, last_used_at=now
        )
        if not written:
            raise _not_accepted()
        audit_record(
            actor=passkey.user,
            action=audited_action(),
            obj=passkey.user,
            changes={"second_factor": [None, "passkey"], "passkey": [None, passkey.name]},
        )
    passkey.sign_count, passkey.last_used_at = verified.new_sign_count, now
    return passkey
