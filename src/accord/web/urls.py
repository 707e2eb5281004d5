"""The pages: portal and dashboard, the registry's lists and records, the audit trail, accounts."""

from django.urls import path

from accord.web.views import (
    account,
    audit,
    dashboard,
    lists,
    passkeys,
    records,
    two_factor,
    users,
)

app_name = "web"


def _sign_on_view(name: str):
    """The class-based view ``name`` of ``accord.web.sign_on``, loaded at its first request:
    mozilla-django-oidc (with requests and PyJWT) takes a fifth of a second to import, and most
    processes never serve a sign-on through an organisation."""
    loaded = []

    def view(request, *args, **kwargs):
        if not loaded:
            # deferred: see the docstring; a process that serves no sign-on never imports it.
            from accord.web import sign_on

            loaded.append(getattr(sign_on, name).as_view())
        return loaded[0](request, *args, **kwargs)

    return view


urlpatterns = [
    # "/" is the dashboard for a signed-in user and the public portal for everyone else.
    path("", dashboard.home, name="dashboard"),
    path("", dashboard.home, name="portal"),
    path("public/", dashboard.portal, name="public"),
    path("map/sites.geojson", dashboard.sites_geojson, name="map-sites"),
    path("login/", account.LoginView.as_view(), name="login"),
    path("login/verify/", two_factor.login_verify, name="login-verify"),
    path("login/passkey/options/", passkeys.sign_in_options, name="passkey-sign-in-options"),
    path("login/passkey/", passkeys.sign_in, name="passkey-sign-in"),
    path("sign-on/", _sign_on_view("SignOnStart"), name="sign-on"),
    path("sign-on/callback/", _sign_on_view("SignOnCallback"), name="sign-on-callback"),
    path("logout/", account.LogoutView.as_view(), name="logout"),
    path("account/", account.account, name="account"),
    path("account/preferences/", account.preferences, name="preferences"),
    path("account/two-factor/", two_factor.two_factor_page, name="two-factor"),
    path("account/two-factor/disable/", two_factor.two_factor_disable, name="two-factor-disable"),
    path(
        "account/two-factor/recovery-codes/",
        two_factor.recovery_codes_renew,
        name="recovery-codes-renew",
    ),
    path("account/passkeys/options/", passkeys.add_options, name="passkey-add-options"),
    path("account/passkeys/", passkeys.add, name="passkey-add"),
    path("account/passkeys/<int:pk>/remove/", passkeys.remove, name="passkey-remove"),
    path("language/", account.language_switch, name="language"),
    path("account/tokens/<int:pk>/revoke/", account.token_revoke, name="token-revoke"),
    path("account/password/", account.password_change, name="password-change"),
    path("account/email/", account.email_change, name="email-change"),
    path("account/sessions/end/", account.sessions_end_others, name="sessions-end"),
    path("invitation/<str:token>/", account.invitation, name="invitation"),
    path("password-reset/", account.PasswordResetView.as_view(), name="password-reset"),
    path(
        "password-reset/sent/", account.PasswordResetSentView.as_view(), name="password-reset-sent"
    ),
    path(
        "password-reset/<uidb64>/<token>/",
        account.PasswordResetConfirmView.as_view(),
        name="password-reset-confirm",
    ),
    path(
        "password-reset/done/",
        account.PasswordResetCompleteView.as_view(),
        name="password-reset-complete",
    ),
    path("users/", users.user_list, name="users-list"),
    path("users/new/", users.user_create_page, name="users-create"),
    path("users/invite/", users.user_invite_page, name="users-invite"),
    path("users/<str:username>/", users.user_detail, name="users-detail"),
    path("users/<str:username>/deactivate/", users.user_deactivate, name="users-deactivate"),
    path("users/<str:username>/reactivate/", users.user_reactivate, name="users-reactivate"),
    path("users/<str:username>/roles/grant/", users.role_grant, name="users-role-grant"),
    path("users/<str:username>/roles/revoke/", users.role_revoke, name="users-role-revoke"),
    path("users/<str:username>/place/", users.user_place, name="users-place"),
    path(
        "users/<str:username>/two-factor/reset/",
        users.user_two_factor_reset,
        name="users-two-factor-reset",
    ),
    path("audit/", audit.audit_trail, name="audit"),
    path("audit/verify/", audit.audit_verify_view, name="audit-verify"),
    path("audit/checkpoints/", audit.audit_checkpoints, name="audit-checkpoints"),
    path(
        "contributions/<int:ident>/delete/",
        records.contribution_delete,
        name="contributions-delete",
    ),
]

ROUTES = {
    "nations": "<str:ident>",
    "organisations": "<slug:ident>",
    "sites": "<slug:ident>",
    "contributions": "<int:ident>",
}
for key, ident in ROUTES.items():
    urlpatterns += [
        path(f"{key}/", lists.record_list, {"kind_key": key}, name=f"{key}-list"),
        path(f"{key}/new/", records.record_create, {"kind_key": key}, name=f"{key}-create"),
        path(f"{key}/{ident}/", records.record_detail, {"kind_key": key}, name=f"{key}-detail"),
        path(f"{key}/{ident}/edit/", records.record_edit, {"kind_key": key}, name=f"{key}-edit"),
    ]
