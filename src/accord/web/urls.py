"""The pages: portal and dashboard, the registry's lists and records, the audit trail, accounts."""

from django.urls import path

from accord.web.views import account, audit, dashboard, lists, records

app_name = "web"

urlpatterns = [
    # "/" is the dashboard for a signed-in user and the public portal for everyone else.
    path("", dashboard.home, name="dashboard"),
    path("", dashboard.home, name="portal"),
    path("public/", dashboard.portal, name="public"),
    path("map/sites.geojson", dashboard.sites_geojson, name="map-sites"),
    path("login/", account.LoginView.as_view(), name="login"),
    path("logout/", account.LogoutView.as_view(), name="logout"),
    path("account/", account.account, name="account"),
    path("account/preferences/", account.preferences, name="preferences"),
    path("language/", account.language_switch, name="language"),
    path("account/tokens/<int:pk>/revoke/", account.token_revoke, name="token-revoke"),
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
