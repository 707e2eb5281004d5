"""Two-factor sign-in pages: setting up an authenticator under the account, the second step
of a sign-in, recovery codes shown once, turning it off (ADR 0018). The writes and their audit
are ``accord.core.two_factor``'s.

The second step holds no signed-in session: after the password, the session only remembers
who is half-way (``PENDING``, for ``ACCORD_TWO_FACTOR_STEP_SECONDS``); Django's and django-otp's
sign-in happen together once the code is right. A wrong code counts toward the same lockout as
a wrong password (django-axes, told through Django's ``user_login_failed`` signal).
"""

from __future__ import annotations

import time

import segno
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth import login as auth_login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from accord.audit.services import set_via
from accord.core import accounts, passkeys, two_factor
from accord.core.forms import PasswordConfirmForm, TwoFactorCodeForm
from accord.errors import AccordError
from accord.web.pages import acting, apply_domain_error, success_redirect

PENDING = "accord_two_factor_pending"
SECRET = "accord_two_factor_secret"  # noqa: S105 - a session key, not a secret
NEW_CODES = "accord_new_recovery_codes"
PAGE = "/account/two-factor/"


# --- the second step of a sign-in -----------------------------------------------------------


def begin_second_step(request, user, next_url: str):
    """After the password: remember who is half-way, and ask for the code."""
    request.session[PENDING] = {
        "user": user.pk,
        "backend": user.backend,
        "next": next_url,
        "at": int(time.time()),
    }
    return redirect("web:login-verify")


def pending_user(request):
    pending = request.session.get(PENDING)
    if not pending or time.time() - pending["at"] > settings.ACCORD_TWO_FACTOR_STEP_SECONDS:
        return None, None
    user = get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    return user, pending


@require_http_methods(["GET", "POST"])
def login_verify(request):
    """The code after the password: the authenticator's, or a recovery code."""
    user, pending = pending_user(request)
    if user is None:
        request.session.pop(PENDING, None)
        messages.info(request, _("Sign in again: the sign-in waited too long for its code."))
        return redirect("web:login")
    credentials = {"username": user.get_username()}
    if AxesProxyHandler.is_locked(request, credentials):
        return get_lockout_response(request, None, credentials)
    form = TwoFactorCodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        set_via("web")
        try:
            # Half-way, the session has no user yet: the one the password named acts.
            device = two_factor.two_factor_verify(
                actor=user, user=user, code=form.cleaned_data["code"]
            )
        except AccordError as exc:
            apply_domain_error(form, exc)
            # The same lockout as a wrong password (ACCORD_LOGIN_FAILURE_LIMIT per username and
            # address).
            user_login_failed.send(sender=__name__, credentials=credentials, request=request)
            if getattr(request, "axes_locked_out", False):
                return get_lockout_response(request, None, credentials)
        else:
            return _complete_sign_in(request, user, device, pending)
    status = 422 if form.is_bound else 200
    context = {
        "form": form,
        "authenticator": two_factor.two_factor_enabled(user),
        "passkey": passkeys.has_passkey(user),
    }
    return render(request, "web/login_verify.html", context, status=status)


def _complete_sign_in(request, user, device, pending):
    del request.session[PENDING]
    auth_login(request, user, backend=pending["backend"])
    otp_login(request, device)
    accounts.session_open(
        actor=acting(request),
        session_key=request.session.session_key or "",
        user_agent=request.headers.get("User-Agent", ""),
        ip_address=request.META.get("REMOTE_ADDR") or None,
    )
    next_url = pending.get("next") or ""
    if not url_has_allowed_host_and_scheme(
        next_url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        next_url = "/"
    return redirect(next_url)


# --- the account's two-factor page ------------------------------------------------------------


def _qr_svg(uri: str) -> str:
    # segno writes the SVG itself (no image library, no data: URL): it sits in the page inline.
    svg = segno.make(uri, error="m").svg_inline(
        scale=4, dark="#000", light="#fff", title=_("QR code of your authenticator's secret")
    )
    return mark_safe(svg)  # noqa: S308 - segno's own markup, of a URI Accord made


def _setup_context(request) -> dict:
    secret = request.session.get(SECRET)
    if not secret:
        secret = request.session[SECRET] = two_factor.secret_new()
    uri = two_factor.provisioning_uri(request.user, secret)
    return {"qr": _qr_svg(uri), "typed_secret": two_factor.secret_for_typing(secret)}


def _page(request, *, form=None, password_form=None, status=200):
    user = request.user
    enabled = two_factor.two_factor_enabled(user)
    context = {
        "enabled": enabled,
        "verified": user.is_verified(),
        "required": two_factor.two_factor_required(user),
        "form": form or TwoFactorCodeForm(),
        "password_form": password_form or PasswordConfirmForm(),
        "new_codes": request.session.pop(NEW_CODES, None),
        "codes_left": two_factor.recovery_codes_left(user) if enabled else 0,
        "passkeys": passkeys.passkey_list(user),
    }
    if not enabled:
        context.update(_setup_context(request))
    return render(request, "web/two_factor.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def two_factor_page(request):
    """Set up an authenticator (the QR code, then a code it shows), or, for a session opened
    before two-factor sign-in was on, confirm this session with a code."""
    if request.method == "GET":
        return _page(request)
    form = TwoFactorCodeForm(request.POST)
    if not form.is_valid():
        return _page(request, form=form, status=422)
    if two_factor.two_factor_enabled(request.user):
        return _confirm_session(request, form)
    try:
        codes = two_factor.two_factor_enable(
            actor=acting(request),
            secret=request.session.get(SECRET, ""),
            code=form.cleaned_data["code"],
            keep_session_key=request.session.session_key or "",
        )
    except AccordError as exc:
        apply_domain_error(form, exc)
        return _page(request, form=form, status=422)
    del request.session[SECRET]
    otp_login(request, two_factor.authenticator_of(request.user))
    request.session[NEW_CODES] = codes
    return success_redirect(
        request, PAGE, _("Two-factor sign-in is on; your other sessions ended.")
    )


def _confirm_session(request, form):
    try:
        device = two_factor.two_factor_verify(
            actor=acting(request), user=request.user, code=form.cleaned_data["code"]
        )
    except AccordError as exc:
        apply_domain_error(form, exc)
        return _page(request, form=form, status=422)
    otp_login(request, device)
    return success_redirect(request, "/", _("This session is confirmed."))


@login_required
@require_POST
def two_factor_disable(request):
    form = PasswordConfirmForm(request.POST)
    if form.is_valid():
        try:
            two_factor.two_factor_disable(
                actor=acting(request), password=form.cleaned_data["password"]
            )
        except AccordError as exc:
            apply_domain_error(form, exc)
        else:
            return success_redirect(request, PAGE, _("Two-factor sign-in is off."))
    return _page(request, password_form=form, status=422)


@login_required
@require_POST
def recovery_codes_renew(request):
    form = PasswordConfirmForm(request.POST)
    if form.is_valid():
        try:
            codes = two_factor.recovery_codes_renew(
                actor=acting(request), password=form.cleaned_data["password"]
            )
        except AccordError as exc:
            apply_domain_error(form, exc)
        else:
            request.session[NEW_CODES] = codes
            return success_redirect(request, PAGE, _("Your old recovery codes no longer work."))
    return _page(request, password_form=form, status=422)
