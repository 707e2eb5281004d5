"""How API callers authenticate: a bearer token, the browser session, or (for reads) nobody."""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.security import APIKeyCookie, HttpBearer

from accord.audit.services import audit_refusal, set_via
from accord.core import token_scopes
from accord.core.services import api_token_authenticate
from accord.errors import Code, PermissionDenied


class TokenAuth(HttpBearer):
    """``Authorization: Bearer acc_...``: a revocable token issued on the account page or API.

    A token that is unknown, revoked or expired is refused with 401, never downgraded to the
    session or to anonymous: a system whose token stopped working must hear about it. A token
    used outside its scopes (a module it was not given, or a write with read alone) is refused
    with 403, and the refusal is audited.
    """

    def authenticate(self, request: HttpRequest, token: str):
        found = api_token_authenticate(token)
        if found is None:
            raise AuthenticationError()
        user = found.user
        request.user = user
        set_via("api")
        module = token_scopes.module_of(request.path_info) or token_scopes.REGISTRY
        if not token_scopes.allows(found.scopes, module, request.method or "GET"):
            raise _out_of_scope(request, found, module)
        return user


def _out_of_scope(request: HttpRequest, token, module: str) -> PermissionDenied:
    """The refusal of a token used outside its scopes, recorded in the audit trail."""
    name = token_scopes.modules().get(module, module)
    if token_scopes.level_of(token.scopes, module) == token_scopes.READ:
        error = PermissionDenied(
            _(
                "This token may only read %(module)s: create a token that may read and write "
                "%(module)s on your account page."
            )
            % {"module": name},
            code=Code.TOKEN_READ_ONLY,
        )
    else:
        error = PermissionDenied(
            _(
                "This token may not use the API of %(module)s: create a token with %(module)s in "
                "its scope on your account page."
            )
            % {"module": name},
            code=Code.TOKEN_OUT_OF_SCOPE,
        )
    audit_refusal(
        actor=request.user,
        action="api_token.use",
        error=error,
        target=token,
        asked=[f"{request.method} {module}"],
    )
    return error


class SessionAuth(APIKeyCookie):
    """The signed-in browser session (CSRF-checked on unsafe methods)."""

    param_name = "sessionid"

    def __call__(self, request: HttpRequest):
        # Without a signed-in session there is nothing to protect from cross-site forgery: let
        # the next method decide (anonymous reads) or answer 401, not a 403 CSRF failure.
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)

    def _get_key(self, request: HttpRequest):
        try:
            return super()._get_key(request)
        except HttpError:
            raise PermissionDenied(
                _(
                    "The CSRF check failed: send the csrftoken cookie's value in X-CSRFToken, "
                    "or use a Bearer token."
                ),
                code=Code.CSRF_FAILED,
            ) from None

    def authenticate(self, request: HttpRequest, key):
        if request.user.is_authenticated:
            set_via("api")
            return request.user
        return None


class Anonymous:
    """Lets a request through unauthenticated: it then reads PUBLIC records only."""

    def __call__(self, request):
        set_via("api")
        return True


AUTH = [TokenAuth(), SessionAuth(csrf=True)]
PUBLIC_AUTH = [TokenAuth(), SessionAuth(csrf=True), Anonymous()]
