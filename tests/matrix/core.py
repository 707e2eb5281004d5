"""The registry's, the audit trail's and the account pages' rows of the access matrices."""

from accord.markings import Role
from tests.matrix import (
    ADMINS,
    AUDITORS,
    EVERYONE,
    NATO_READERS,
    SIGNED_IN,
    api_rule,
    everyone,
    holding,
    page_rule,
)

ORG_EDITORS = ADMINS | holding(Role.SECRETARIAT)
NORTH_SITE_EDITORS = {"admin", "spoke-north"}
NORTH_CONTRIBUTION_EDITORS = {"admin", "spoke-north", "delegation-deu"}
# Every persona of these roles has a site (staff) or a nation (delegations) to create for.
CONTRIBUTION_CREATORS = ADMINS | holding(Role.HUB_STAFF, Role.SPOKE_STAFF, Role.DELEGATION)

API = {
    ("GET", "/api/v1/me"): ("/me", None, api_rule(SIGNED_IN, 200)),
    ("GET", "/api/v1/tokens"): ("/tokens", None, api_rule(SIGNED_IN, 200)),
    ("POST", "/api/v1/tokens"): ("/tokens", {"name": "matrix"}, api_rule(SIGNED_IN, 201)),
    ("POST", "/api/v1/tokens/{token_id}/revoke"): (
        "/tokens/{auditor_token}/revoke",
        None,
        api_rule({"auditor", "admin"}, 200, denied=404),
    ),
    ("GET", "/api/v1/nations"): ("/nations", None, api_rule(EVERYONE, 200, anonymous=200)),
    ("GET", "/api/v1/nations/{iso3}"): (
        "/nations/DEU",
        None,
        api_rule(EVERYONE, 200, anonymous=200),
    ),
    ("PATCH", "/api/v1/nations/{iso3}"): (
        "/nations/DEU",
        {"expected_version": 1, "notes": "checked"},
        api_rule(ADMINS, 200),
    ),
    ("GET", "/api/v1/organisations"): (
        "/organisations",
        None,
        api_rule(EVERYONE, 200, anonymous=200),
    ),
    ("POST", "/api/v1/organisations"): (
        "/organisations",
        {"code": "matrix_org", "name": "Matrix Organisation", "kind": "agency"},
        api_rule(ORG_EDITORS, 201),
    ),
    ("GET", "/api/v1/organisations/{code}"): (
        "/organisations/unodc",
        None,
        api_rule(EVERYONE, 200, anonymous=200),
    ),
    ("PATCH", "/api/v1/organisations/{code}"): (
        "/organisations/unodc",
        {"expected_version": 1, "notes": "checked"},
        api_rule(ORG_EDITORS, 200),
    ),
    ("GET", "/api/v1/sites"): ("/sites", None, api_rule(EVERYONE, 200, anonymous=200)),
    ("POST", "/api/v1/sites"): (
        "/sites",
        {
            "code": "matrix_site",
            "name": "Matrix Site",
            "kind": "airbase",
            "latitude": "34.5",
            "longitude": "69.2",
        },
        api_rule(ADMINS, 201),
    ),
    ("GET", "/api/v1/sites/{code}"): (
        "/sites/{nato_site}",
        None,
        api_rule(NATO_READERS, 200, denied=404, anonymous=404),
    ),
    ("PATCH", "/api/v1/sites/{code}"): (
        "/sites/taac_north",
        {"expected_version": 1, "notes": "checked"},
        api_rule(NORTH_SITE_EDITORS, 200),
    ),
    ("GET", "/api/v1/contributions"): (
        "/contributions",
        None,
        api_rule(EVERYONE, 200, anonymous=200),
    ),
    ("POST", "/api/v1/contributions"): (
        "/contributions",
        {"nation": "DEU", "site": "taac_north", "as_of": "2016-06-01", "personnel": 900},
        api_rule(NORTH_CONTRIBUTION_EDITORS, 201),
    ),
    ("GET", "/api/v1/contributions/by-nation"): (
        "/contributions/by-nation",
        None,
        api_rule(EVERYONE, 200, anonymous=200),
    ),
    ("GET", "/api/v1/contributions/by-site"): (
        "/contributions/by-site",
        None,
        api_rule(EVERYONE, 200, anonymous=200),
    ),
    ("GET", "/api/v1/contributions/{contribution_id}"): (
        "/contributions/{north_contribution}",
        None,
        api_rule(EVERYONE, 200, anonymous=200),
    ),
    ("PATCH", "/api/v1/contributions/{contribution_id}"): (
        "/contributions/{north_contribution}",
        {"expected_version": 1, "personnel": 860},
        api_rule(NORTH_CONTRIBUTION_EDITORS, 200),
    ),
    ("DELETE", "/api/v1/contributions/{contribution_id}"): (
        "/contributions/{north_contribution}?expected_version=1",
        None,
        api_rule(NORTH_CONTRIBUTION_EDITORS, 204),
    ),
    ("GET", "/api/v1/strength"): ("/strength", None, api_rule(EVERYONE, 200, anonymous=200)),
    ("GET", "/api/v1/audit/entries"): ("/audit/entries", None, api_rule(AUDITORS, 200)),
    ("GET", "/api/v1/audit/verify"): ("/audit/verify", None, api_rule(AUDITORS, 200)),
}

PAGES = {
    "web:dashboard": ("GET", "/", everyone()),
    "web:portal": ("GET", "/", everyone()),
    "web:public": ("GET", "/public/", everyone()),
    "web:map-sites": ("GET", "/map/sites.geojson", everyone()),
    # Signed in already, the sign-in page sends you on to the dashboard.
    "web:login": ("GET", "/login/", page_rule(set(), denied=302, anonymous=200)),
    "web:logout": ("POST", "/logout/", everyone(302)),
    "web:account": ("GET", "/account/", page_rule(EVERYONE)),
    # Posted empty: no language or time zone chosen, the account page shows what is missing.
    "web:preferences": ("POST", "/account/preferences/", page_rule(SIGNED_IN, ok=422)),
    # The header's language switch: for anyone, signed in or not, then back to the page.
    "web:language": ("POST", "/language/", everyone(302)),
    "web:token-revoke": (
        "POST",
        "/account/tokens/{auditor_token}/revoke/",
        page_rule({"auditor", "admin"}, ok=302, denied=404),
    ),
    "web:audit": ("GET", "/audit/", page_rule(AUDITORS)),
    "web:audit-verify": ("POST", "/audit/verify/", page_rule(AUDITORS)),
    "web:audit-checkpoints": ("GET", "/audit/checkpoints/", page_rule(AUDITORS)),
    "web:nations-list": ("GET", "/nations/", everyone()),
    "web:nations-create": ("GET", "/nations/new/", page_rule(set(), denied=404)),
    "web:nations-detail": ("GET", "/nations/RUS/", everyone()),
    "web:nations-edit": ("GET", "/nations/RUS/edit/", page_rule({"admin"})),
    "web:organisations-list": ("GET", "/organisations/", everyone()),
    "web:organisations-create": ("GET", "/organisations/new/", page_rule(ORG_EDITORS)),
    "web:organisations-detail": ("GET", "/organisations/unodc/", everyone()),
    "web:organisations-edit": (
        "GET",
        "/organisations/unodc/edit/",
        page_rule(ORG_EDITORS),
    ),
    "web:sites-list": ("GET", "/sites/", everyone()),
    "web:sites-create": ("GET", "/sites/new/", page_rule({"admin"})),
    "web:sites-detail": (
        "GET",
        "/sites/{nato_site}/",
        page_rule(NATO_READERS, denied=404, anonymous=404),
    ),
    "web:sites-edit": ("GET", "/sites/taac_north/edit/", page_rule({"admin", "spoke-north"})),
    "web:contributions-list": ("GET", "/contributions/", everyone()),
    # Creating is open to every role that could own a contribution somewhere (hub and spoke
    # staff at their site, delegations for their nation, whatever its marking reach): the form
    # itself limits the choices, and the service refuses anything out of scope.
    "web:contributions-create": (
        "GET",
        "/contributions/new/",
        page_rule(CONTRIBUTION_CREATORS),
    ),
    "web:contributions-detail": ("GET", "/contributions/{north_contribution}/", everyone()),
    "web:contributions-edit": (
        "GET",
        "/contributions/{north_contribution}/edit/",
        page_rule({"admin", "spoke-north", "delegation-deu"}),
    ),
    "web:contributions-delete": (
        "GET",
        "/contributions/{north_contribution}/delete/",
        page_rule({"admin", "spoke-north", "delegation-deu"}),
    ),
}
