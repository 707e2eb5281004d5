"""Signing in and out, the lockout page, the account page (password, e-mail, language and time
zone, API tokens, sessions), accepting an invitation, resetting a forgotten password (Django's
views, the writes through ``accord.core.accounts``), and the language switch in every page's
header."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import PasswordResetForm, SetPasswordForm
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from accord.core import accounts, passkeys, selectors, services, token_scopes, two_factor
from accord.core.forms import (
    ApiTokenForm,
    EmailForm,
    NewPasswordForm,
    PasswordChangeForm,
    PreferencesForm,
)
from accord.errors import AccordError
from accord.web.pages import (
    acting,
    apply_domain_error,
    form_page,
    record_or_404,
    success_redirect,
)
from accord.web.views.two_factor import begin_second_step

NEW_SECRET = "accord_new_token_secret"  # noqa: S105 - a session key, not a secret


class LoginView(auth_views.LoginView):
    """Sign in; the session is recorded so that its owner sees it among their sessions."""

    template_name = "web/login.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        # Read per request, so that a test (or a reload) that turns single sign-on on shows it.
        return {**super().get_context_data(**kwargs), "sign_on": settings.ACCORD_OIDC}

    def form_valid(self, form):
        user = form.get_user()
        if passkeys.second_factor_enrolled(user):
            # Not signed in yet: the code or a passkey comes first (web.views.two_factor).
            return begin_second_step(self.request, user, self.get_success_url())
        response = super().form_valid(form)
        request = self.request
        accounts.session_open(
            actor=acting(request),
            session_key=request.session.session_key or "",
            user_agent=request.headers.get("User-Agent", ""),
            ip_address=request.META.get("REMOTE_ADDR") or None,
        )
        return response


class LogoutView(auth_views.LogoutView):
    """Sign out (POST only, as Django requires), then back to the public portal."""

    def post(self, request, *args, **kwargs):
        if request.user.is_authenticated and request.session.session_key:
            accounts.session_close(actor=acting(request), session_key=request.session.session_key)
        return super().post(request, *args, **kwargs)


@login_required
@require_http_methods(["GET", "POST"])
def account(request):
    form = ApiTokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            _token, secret = services.api_token_create(
                actor=acting(request),
                name=form.cleaned_data["name"],
                expires_at=form.cleaned_data["expires_at"],
                scopes=form.cleaned_data["scopes"],
            )
        except AccordError as exc:
            apply_domain_error(form, exc)
        else:
            # Shown once, on the next page; only its digest is kept.
            request.session[NEW_SECRET] = secret
            return redirect("web:account")
    return _account_page(request, form=form)


def _account_page(request, *, form=None, preferences=None, password=None, email=None, status=200):
    user = request.user
    context = {
        "form": form or ApiTokenForm(),
        "password_form": password or PasswordChangeForm(),
        "email_form": email or EmailForm(initial={"email": user.email}),
        "sessions": list(selectors.session_list(actor=user)),
        "session_key": request.session.session_key,
        "preferences": preferences
        or PreferencesForm(initial={"language": user.language, "time_zone": user.time_zone}),
        "tokens": _with_reach(selectors.api_token_list(actor=request.user)),
        "new_secret": request.session.pop(NEW_SECRET, None),
        "roles": sorted(request.user.role_grants.all(), key=lambda g: g.role),
        "two_factor": two_factor.two_factor_enabled(user),
        "passkeys": passkeys.passkey_list(user),
    }
    return render(request, "web/account.html", context, status=status)


def _with_reach(tokens):
    """Each token with what it may reach in words (``reach``), for the list."""
    tokens = list(tokens)
    for token in tokens:
        token.reach = token_scopes.describe(token.scopes)
    return tokens


@login_required
@require_POST
def preferences(request):
    """Keep the user's language and time zone; the next page comes in them."""
    form = PreferencesForm(request.POST)
    if form.is_valid():
        try:
            user = services.user_preferences_set(actor=acting(request), **form.cleaned_data)
        except AccordError as exc:
            apply_domain_error(form, exc)
        else:
            translation.activate(user.language or translation.get_language())
            response = success_redirect(request, "/account/", _("Your preferences are saved."))
            return _remember_language(response, user.language)
    return _account_page(request, preferences=form, status=422)


@require_POST
def language_switch(request):
    """The header's language buttons: the cookie for everyone, the account for a signed-in
    user (so the choice follows them to another browser), then back to the page."""
    language = request.POST.get("language", "")
    if language not in dict(settings.LANGUAGES):
        language = settings.LANGUAGE_CODE
    if request.user.is_authenticated:
        services.user_preferences_set(
            actor=acting(request), language=language, time_zone=request.user.time_zone
        )
    back = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        back, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        back = "/"
    return _remember_language(HttpResponseRedirect(back), language)


def _remember_language(response, language: str):
    if language:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            secure=settings.SESSION_COOKIE_SECURE,
        )
    else:
        response.delete_cookie(settings.LANGUAGE_COOKIE_NAME)
    return response


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = record_or_404(selectors.api_token_get, actor=request.user, pk=pk)
    services.api_token_revoke(actor=acting(request), token=token)
    return success_redirect(
        request, "/account/", _("Revoked the token %(name)s.") % {"name": token.name}
    )


@login_required
@require_POST
def password_change(request):
    """The user's new password; this session stays signed in, every other one ends."""
    form = PasswordChangeForm(request.POST)
    if form.is_valid():
        try:
            user = accounts.password_change(
                actor=acting(request),
                current_password=form.cleaned_data["current_password"],
                new_password=form.cleaned_data["new_password"],
                keep_session_key=request.session.session_key or "",
            )
        except AccordError as exc:
            apply_domain_error(form, exc)
        else:
            update_session_auth_hash(request, user)
            return success_redirect(
                request, "/account/", _("Your password is changed; your other sessions ended.")
            )
    return _account_page(request, password=form, status=422)


@login_required
@require_POST
def email_change(request):
    form = EmailForm(request.POST)
    if form.is_valid():
        try:
            accounts.email_change(actor=acting(request), email=form.cleaned_data["email"])
        except AccordError as exc:
            apply_domain_error(form, exc)
        else:
            return success_redirect(request, "/account/", _("Your e-mail address is saved."))
    return _account_page(request, email=form, status=422)


@login_required
@require_POST
def sessions_end_others(request):
    ended = accounts.sessions_end_others(
        actor=acting(request), keep_session_key=request.session.session_key or ""
    )
    return success_redirect(
        request,
        "/account/",
        ngettext(
            "Signed out of %(count)s other session.",
            "Signed out of %(count)s other sessions.",
            ended,
        )
        % {"count": ended},
    )


@require_http_methods(["GET", "POST"])
def invitation(request, token: str):
    """The invitee's page: the link from the e-mail, where they choose their password."""
    invitee = accounts.invitation_user(token)
    if invitee is None:
        return render(request, "web/invitation_invalid.html", status=410)
    form = NewPasswordForm(request.POST or None)
    return form_page(
        request,
        form=form,
        run=lambda actor, data: accounts.invitation_accept(
            actor=actor, token=token, password=data["password"]
        ),
        template="web/invitation.html",
        success_url=reverse("web:login"),
        success_message=_("Your password is set: sign in with your username and it."),
        context={"invitee": invitee},
        invalid_status=422,
    )


# --- a forgotten password: Django's views, the writes through accord.core.accounts ----------


class ResetRequestForm(PasswordResetForm):
    """Django's form, whose sending is the audited service: the same answer whether or not the
    address belongs to anyone."""

    def send_reset(self, request) -> None:
        accounts.password_reset_request(
            actor=acting(request),
            email=self.cleaned_data["email"],
            link=lambda uid, token: request.build_absolute_uri(
                reverse("web:password-reset-confirm", args=[uid, token])
            ),
        )


class PasswordResetView(auth_views.PasswordResetView):
    template_name = "web/password_reset.html"
    form_class = ResetRequestForm
    success_url = reverse_lazy("web:password-reset-sent")

    def form_valid(self, form):
        form.send_reset(self.request)
        return HttpResponseRedirect(self.get_success_url())


class PasswordResetSentView(auth_views.PasswordResetDoneView):
    template_name = "web/password_reset_sent.html"


class ResetPasswordForm(SetPasswordForm):
    """Django's form, whose saving is the audited service."""

    def save(self, commit=True):
        return accounts.password_reset_complete(
            actor=self.user, user=self.user, password=self.cleaned_data["new_password1"]
        )


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "web/password_reset_confirm.html"
    form_class = ResetPasswordForm
    success_url = reverse_lazy("web:password-reset-complete")

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except AccordError as exc:
            apply_domain_error(form, exc)
            return self.form_invalid(form)


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "web/password_reset_complete.html"
