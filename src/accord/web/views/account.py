"""Signing in and out, the lockout page, the account page (API tokens, language and time zone),
and the language switch in every page's header."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from accord.core import selectors, services
from accord.core.forms import ApiTokenForm, PreferencesForm
from accord.errors import AccordError
from accord.web.pages import acting, apply_domain_error, record_or_404, success_redirect

NEW_SECRET = "accord_new_token_secret"  # noqa: S105 - a session key, not a secret


class LoginView(auth_views.LoginView):
    template_name = "web/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """Sign out (POST only, as Django requires), then back to the public portal."""


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
            )
        except AccordError as exc:
            apply_domain_error(form, exc)
        else:
            # Shown once, on the next page; only its digest is kept.
            request.session[NEW_SECRET] = secret
            return redirect("web:account")
    return _account_page(request, form=form)


def _account_page(request, *, form=None, preferences=None, status=200):
    user = request.user
    context = {
        "form": form or ApiTokenForm(),
        "preferences": preferences
        or PreferencesForm(initial={"language": user.language, "time_zone": user.time_zone}),
        "tokens": selectors.api_token_list(actor=request.user),
        "new_secret": request.session.pop(NEW_SECRET, None),
        "roles": sorted(request.user.role_grants.all(), key=lambda g: g.role),
    }
    return render(request, "web/account.html", context, status=status)


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
