"""The rows of user administration and of each user's own account: administrators manage users
(everyone else hears 403, before any user is looked up, so nothing says who exists); everyone
signed in changes their own password, e-mail and sessions; the invitation and password reset
pages are open to anyone with the link."""

from accord.access import system_principal
from accord.core import accounts
from accord.core.models import Nation
from accord.core.services import user_create
from tests.matrix import ADMINS, LOGIN, SIGNED_IN, api_rule, everyone, page_rule

STRONG = "Matrix-Passphrase-2013!"
U = "/users/matrix-user"


def records() -> dict:
    """A delegate for the administrators to act on, a deactivated trainer to reactivate, and an
    invitee whose link is still good."""
    actor = system_principal("matrix")
    user_create(
        actor=actor,
        username="matrix-user",
        password=STRONG,
        roles=["delegation"],
        nation=Nation.objects.get(iso3="USA"),
        email="matrix-user@example.org",
    )
    gone = user_create(
        actor=actor,
        username="matrix-gone",
        password=STRONG,
        roles=["trainer"],
        nation=Nation.objects.get(iso3="TUR"),
    )
    accounts.user_deactivate(actor=actor, user=gone)
    invitee = accounts.user_invite(
        actor=actor,
        username="matrix-invitee",
        email="matrix-invitee@example.org",
        roles=["auditor"],
        nation=Nation.objects.get(iso3="NLD"),
        link=lambda token: f"/invitation/{token}/",
    )
    return {"invitation_token": accounts.invitation_token(invitee)}


ADMIN_ONLY = api_rule(ADMINS, 200)

API = {
    ("GET", "/api/v1/users"): ("/users?nation=USA&role=delegation", None, ADMIN_ONLY),
    ("POST", "/api/v1/users"): (
        "/users",
        {"username": "matrix-made", "password": STRONG, "roles": ["auditor"], "nation": "NLD"},
        api_rule(ADMINS, 201),
    ),
    ("POST", "/api/v1/users/invitations"): (
        "/users/invitations",
        {"username": "matrix-asked", "email": "asked@example.org", "roles": ["administrator"]},
        api_rule(ADMINS, 201),
    ),
    ("GET", "/api/v1/users/{username}"): (U, None, ADMIN_ONLY),
    ("PATCH", "/api/v1/users/{username}"): (U, {"nation": "CAN"}, ADMIN_ONLY),
    ("POST", "/api/v1/users/{username}/deactivate"): (f"{U}/deactivate", None, ADMIN_ONLY),
    ("POST", "/api/v1/users/{username}/reactivate"): (
        "/users/matrix-gone/reactivate",
        None,
        ADMIN_ONLY,
    ),
    ("POST", "/api/v1/users/{username}/roles"): (
        f"{U}/roles",
        {"role": "auditor"},
        ADMIN_ONLY,
    ),
    ("DELETE", "/api/v1/users/{username}/roles/{role}"): (
        f"{U}/roles/delegation",
        None,
        # Its last role: refused (422) even for administrators, and audited as refused.
        api_rule(ADMINS, 422),
    ),
    ("POST", "/api/v1/me/password"): (
        "/me/password",
        {"current_password": "accord-demo", "new_password": STRONG},
        api_rule(SIGNED_IN, 204),
    ),
    ("POST", "/api/v1/me/email"): (
        "/me/email",
        {"email": "someone@example.org"},
        api_rule(SIGNED_IN, 204),
    ),
}

ADMIN_PAGE = page_rule(ADMINS)

PAGES = {
    "web:users-list": ("GET", "/users/?role=delegation", ADMIN_PAGE),
    "web:users-create": ("GET", "/users/new/", ADMIN_PAGE),
    "web:users-invite": ("GET", "/users/invite/", ADMIN_PAGE),
    "web:users-detail": ("GET", f"{U}/", ADMIN_PAGE),
    "web:users-deactivate": ("POST", f"{U}/deactivate/", page_rule(ADMINS, ok=302)),
    "web:users-reactivate": (
        "POST",
        "/users/matrix-gone/reactivate/",
        page_rule(ADMINS, ok=302),
    ),
    # Posted empty: no role named, back to the user's page with what is missing.
    "web:users-role-grant": ("POST", f"{U}/roles/grant/", page_rule(ADMINS, ok=302)),
    "web:users-role-revoke": ("POST", f"{U}/roles/revoke/", page_rule(ADMINS, ok=302)),
    "web:users-place": ("POST", f"{U}/place/", page_rule(ADMINS, ok=302)),
    # The matrix's user has no authenticator: refused in words, back to the user's page.
    "web:users-two-factor-reset": (
        "POST",
        f"{U}/two-factor/reset/",
        page_rule(ADMINS, ok=302),
    ),
    # Posted empty: the account page comes back with what is missing.
    "web:password-change": ("POST", "/account/password/", page_rule(SIGNED_IN, ok=422)),
    "web:email-change": ("POST", "/account/email/", page_rule(SIGNED_IN, ok=422)),
    "web:sessions-end": ("POST", "/account/sessions/end/", page_rule(SIGNED_IN, ok=302)),
    # Two-factor sign-in (ADR 0018): each user's own page; posted empty, it comes back with
    # what is missing.
    "web:two-factor": ("GET", "/account/two-factor/", page_rule(SIGNED_IN)),
    "web:two-factor-disable": (
        "POST",
        "/account/two-factor/disable/",
        page_rule(SIGNED_IN, ok=422),
    ),
    "web:recovery-codes-renew": (
        "POST",
        "/account/two-factor/recovery-codes/",
        page_rule(SIGNED_IN, ok=422),
    ),
    # Passkeys (ADR 0018): the ceremonies' options for anyone signed in (or signing in); the
    # answers posted empty are refused in words (no name, no challenge); no persona has a
    # passkey to remove, and no one sees another's.
    "web:passkey-add-options": ("POST", "/account/passkeys/options/", page_rule(SIGNED_IN)),
    "web:passkey-add": ("POST", "/account/passkeys/", page_rule(SIGNED_IN, ok=422)),
    "web:passkey-remove": ("POST", "/account/passkeys/1/remove/", page_rule(SIGNED_IN, ok=404)),
    "web:passkey-sign-in-options": ("POST", "/login/passkey/options/", everyone()),
    "web:passkey-sign-in": ("POST", "/login/passkey/", everyone(422)),
    # The second step without a password just accepted: back to the sign-in page, for anyone.
    "web:login-verify": ("GET", "/login/verify/", lambda username: LOGIN),
    # Single sign-on is not set up in the matrix's settings: no such page.
    "web:sign-on": ("GET", "/sign-on/", everyone(404)),
    "web:sign-on-callback": ("GET", "/sign-on/callback/", everyone(404)),
    "web:invitation": ("GET", "/invitation/{invitation_token}/", everyone()),
    "web:password-reset": ("GET", "/password-reset/", everyone()),
    "web:password-reset-sent": ("GET", "/password-reset/sent/", everyone()),
    # A link that names no one: the page says so (and which link to ask for).
    "web:password-reset-confirm": ("GET", "/password-reset/MQ/bad-token/", everyone()),
    "web:password-reset-complete": ("GET", "/password-reset/done/", everyone()),
}
