"""Passkeys in the pages: the ceremonies' small JSON endpoints that ``accord/passkeys.js``
calls (``navigator.credentials.create`` and ``get``), and removing a passkey from the account
page. The checks, the writes and their audit are ``accord.core.passkeys``'s.

Each ceremony's challenge is kept in the session (``CHALLENGE``) with what it is for and when it
was made: taken out as the answer arrives, so it is used once, and refused after
``ACCORD_WEBAUTHN_CHALLENGE_SECONDS``. A refused passkey at sign-in counts toward the same
lockout as a wrong password (django-axes, told through Django's ``user_login_failed`` signal).
"""

from __future__ import annotations

import json
import time

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.http import JsonResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp import login as otp_login

from accord.core import accounts, passkeys
from accord.errors import AccordError, Code
from accord.web.pages import acting, record_or_404, success_redirect
from accord.web.views.two_factor import PENDING, pending_user

CHALLENGE = "accord_passkey_challenge"
ADD, SIGN_IN = "add", "sign-in"
BACKEND = "accord.core.readers.ReaderBackend"


def _keep_challenge(request, purpose: str, challenge: bytes) -> None:
    # deferred: py_webauthn takes a fifth of a second to import and only the passkey ceremonies
    # need it, not every process that loads the URLs.
    from webauthn.helpers import bytes_to_base64url

    request.session[CHALLENGE] = {
        "for": purpose,
        "challenge": bytes_to_base64url(challenge),
        "at": time.time(),
    }


def _take_challenge(request, purpose: str) -> bytes | None:
    """The challenge kept for ``purpose``, taken out of the session: ``None`` when there is none,
    it was for something else, or it waited too long."""
    # deferred: py_webauthn takes a fifth of a second to import and only the passkey ceremonies
    # need it, not every process that loads the URLs.
    from webauthn.helpers import base64url_to_bytes

    kept = request.session.pop(CHALLENGE, None)
    if not kept or kept.get("for") != purpose:
        return None
    if time.time() - kept["at"] > settings.ACCORD_WEBAUTHN_CHALLENGE_SECONDS:
        return None
    return base64url_to_bytes(kept["challenge"])


def _body(request) -> dict:
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _options(text: str) -> JsonResponse:
    return JsonResponse(json.loads(text))


def _refused(exc: AccordError) -> JsonResponse:
    return JsonResponse({"error": exc.detail, "code": str(exc.code)}, status=exc.status)


# --- adding and removing, under the account ---------------------------------------------------


@login_required
@require_POST
def add_options(request):
    """What the browser's ``navigator.credentials.create`` is given."""
    options, challenge = passkeys.registration_options(request.user)
    _keep_challenge(request, ADD, challenge)
    return _options(options)


@login_required
@require_POST
def add(request):
    """The authenticator's answer and the passkey's name: kept, or refused in words."""
    body = _body(request)
    user = request.user
    try:
        passkey = passkeys.passkey_add(
            actor=acting(request),
            name=str(body.get("name") or ""),
            response=json.dumps(body.get("credential")),
            challenge=_take_challenge(request, ADD),
            session_verified=user.is_verified() or bool(request.session.get("accord_signed_on")),
            keep_session_key=request.session.session_key or "",
        )
    except AccordError as exc:
        return _refused(exc)
    if not user.is_verified():
        # The user's first second factor, just used with their PIN or fingerprint.
        otp_login(request, passkey)
    messages.success(request, _("The passkey “%(name)s” is added.") % {"name": passkey})
    return JsonResponse({"redirect": "/account/"}, status=201)


@login_required
@require_POST
def remove(request, pk: int):
    passkey = record_or_404(passkeys.passkey_get, actor=request.user, pk=pk)
    try:
        passkeys.passkey_remove(actor=acting(request), passkey=passkey)
    except AccordError as exc:
        return success_redirect(request, "/account/", exc.detail)
    return success_redirect(
        request, "/account/", _("The passkey “%(name)s” is removed.") % {"name": passkey}
    )


# --- signing in --------------------------------------------------------------------------------


def _half_way(request):
    """The user whose password was just accepted, and what their sign-in remembers; none for
    the sign-in page's button (``alone``), which signs in whoever the passkey names."""
    if _body(request).get("alone"):
        request.session.pop(PENDING, None)
        return None, None
    return pending_user(request)


@require_POST
def sign_in_options(request):
    """What the browser's ``navigator.credentials.get`` is given: the passkeys of the user whose
    password was just accepted (the second step), or none named (a passkey alone)."""
    user, _pending = _half_way(request)
    options, challenge = passkeys.authentication_options(user)
    _keep_challenge(request, SIGN_IN, challenge)
    return _options(options)


@require_POST
def sign_in(request):
    """Sign in with a passkey: alone, or as the second step after the password. A passkey
    verifies its user (PIN, fingerprint or face), so the session counts as two-factor."""
    body = _body(request)
    response = json.dumps(body.get("credential"))
    half_way, pending = _half_way(request)
    owner = half_way or passkeys.passkey_owner(response)
    credentials = {"username": owner.get_username() if owner is not None else ""}
    if AxesProxyHandler.is_locked(request, credentials):
        return _locked()
    try:
        passkey = passkeys.passkey_verify(
            actor=owner,
            user=half_way,
            response=response,
            challenge=_take_challenge(request, SIGN_IN),
        )
    except AccordError as exc:
        user_login_failed.send(sender=__name__, credentials=credentials, request=request)
        if getattr(request, "axes_locked_out", False):
            return _locked()
        return _refused(exc)
    request.session.pop(PENDING, None)
    next_url = (pending or {}).get("next") or str(body.get("next") or "")
    auth_login(request, passkey.user, backend=(pending or {}).get("backend") or BACKEND)
    otp_login(request, passkey)
    accounts.session_open(
        actor=acting(request),
        session_key=request.session.session_key or "",
        user_agent=request.headers.get("User-Agent", ""),
        ip_address=request.META.get("REMOTE_ADDR") or None,
    )
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    return JsonResponse({"redirect": next_url})


def _locked() -> JsonResponse:
    code = Code.SIGN_IN_LOCKED
    return JsonResponse({"error": _(code.message), "code": str(code)}, status=code.status)
