"""Signing in and out, the lockout page, and the account page with the user's API tokens."""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from accord.core import selectors, services
from accord.core.forms import ApiTokenForm
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
    context = {
        "form": form,
        "tokens": selectors.api_token_list(actor=request.user),
        "new_secret": request.session.pop(NEW_SECRET, None),
        "roles": sorted(request.user.role_grants.all(), key=lambda g: g.role),
    }
    return render(request, "web/account.html", context)


@login_required
@require_POST
def token_revoke(request, pk: int):
    token = record_or_404(selectors.api_token_get, actor=request.user, pk=pk)
    services.api_token_revoke(actor=acting(request), token=token)
    return success_redirect(request, "/account/", f"Revoked the token {token.name}.")
