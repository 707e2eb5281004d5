"""How API callers authenticate: a bearer token, the browser session, or (for reads) nobody."""

from django.http import HttpRequest
from ninja.security import APIKeyCookie, HttpBearer

from accord.audit.services import set_via
from accord.core.services import api_token_authenticate


class TokenAuth(HttpBearer):
    """``Authorization: Bearer acc_...``: a revocable token issued on the account page or API."""

    def authenticate(self, request: HttpRequest, token: str):
        user = api_token_authenticate(token)
        if user is not None:
            request.user = user
            set_via("api")
        return user


class SessionAuth(APIKeyCookie):
    """The signed-in browser session (CSRF-checked on unsafe methods)."""

    param_name = "sessionid"

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
