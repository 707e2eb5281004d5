"""Pages a signed-in user reaches only once their sign-in is as strong as their role requires."""

from django.shortcuts import redirect

from accord.core import two_factor

# What a user who must first set up (or confirm) a second factor may still reach.
OPEN_PATHS = (
    "/account/two-factor/",
    "/account/passkeys/",
    "/logout/",
    "/language/",
    "/static/",
    "/login/",
)
# Set in the session by a single sign-on: the organisation's provider owns the factors.
SIGNED_ON = "accord_signed_on"


class TwoFactorRequired:
    """Send a user whose role requires two-factor sign-in (``ACCORD_TWO_FACTOR_REQUIRED``) to
    their two-factor page until this session passed a second factor: they set up an
    authenticator there, or confirm a session opened before it was required. API tokens do not
    pass here as a session does, and are not affected."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._held(request):
            return redirect("/account/two-factor/")
        return self.get_response(request)

    @staticmethod
    def _held(request) -> bool:
        user = request.user
        if not user.is_authenticated or request.path.startswith(OPEN_PATHS):
            return False
        if user.is_verified() or request.session.get(SIGNED_ON):
            return False
        return two_factor.two_factor_required(user)
