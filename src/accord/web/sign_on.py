"""Single sign-on through an OpenID provider (mozilla-django-oidc), configured by the
environment (docs/operations.md, "Single sign-on"; ADR 0018). The claims become a user through
``accord.core.sign_on.user_sign_on``, which refuses in words and audits; the words reach the
sign-in page as a message."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import (
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from accord.access import system_principal
from accord.audit.services import set_via
from accord.core import accounts
from accord.core.readers import ReaderLoaded
from accord.core.sign_on import user_sign_on
from accord.errors import AccordError
from accord.web.middleware import SIGNED_ON

REFUSED = "accord_sign_on_refused"


class SignOnBackend(ReaderLoaded, OIDCAuthenticationBackend):
    """The provider's verified ID token and user info, mapped to an Accord user."""

    def get_or_create_user(self, access_token, id_token, payload):
        claims = {**payload, **self.get_userinfo(access_token, id_token, payload)}
        set_via("web")
        try:
            return user_sign_on(
                actor=system_principal("single sign-on"), issuer=payload["iss"], claims=claims
            )
        except AccordError as exc:
            messages.error(self.request, exc.detail)
            setattr(self.request, REFUSED, True)
            return None


def _require_configured() -> None:
    if not settings.ACCORD_OIDC:
        raise Http404(_("Single sign-on is not set up on this server."))


class SignOnStart(OIDCAuthenticationRequestView):
    """To the provider's sign-in page, with a fresh state, nonce and PKCE challenge."""

    def get(self, request):
        _require_configured()
        return super().get(request)


class SignOnCallback(OIDCAuthenticationCallbackView):
    """Back from the provider: the code exchanged for tokens, then the session recorded."""

    def get(self, request):
        _require_configured()
        return super().get(request)

    def login_success(self):
        response = super().login_success()
        request = self.request
        request.session[SIGNED_ON] = True
        accounts.session_open(
            actor=self.user,
            session_key=request.session.session_key or "",
            user_agent=request.headers.get("User-Agent", ""),
            ip_address=request.META.get("REMOTE_ADDR") or None,
        )
        return response

    def login_failure(self):
        if not getattr(self.request, REFUSED, False):
            messages.error(
                self.request,
                _("The sign-in through your organisation did not complete: try again."),
            )
        return super().login_failure()
