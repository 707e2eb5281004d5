"""Every page, for every persona and for anonymous visitors: the expected allow or deny.

The URL patterns are enumerated from the resolver, and the test fails if one is missing from the
table, so a page added later cannot leak. A NATO-marked site stands in for records the Russian
delegation and the public must not reach; denied writes must change nothing.
"""

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from accord.audit.models import AuditEntry
from accord.core.demo import PERSONAS
from accord.core.models import User

EVERYONE = {p.username for p in PERSONAS}
AUDITORS = {"admin", "auditor"}
NATO_READERS = EVERYONE - {"delegation-rus"}
LOGIN = "login"  # expected: a redirect to the sign-in page


def rule(allowed: set, ok: int = 200, denied: int = 403, anonymous=LOGIN):
    def expect(username):
        if username is None:
            return anonymous
        return ok if username in allowed else denied

    return expect


def everyone(status: int = 200):
    return lambda username: status


# url name -> (method, path, expectation)
MATRIX = {
    "web:dashboard": ("GET", "/", everyone()),
    "web:portal": ("GET", "/", everyone()),
    "web:public": ("GET", "/public/", everyone()),
    "web:map-sites": ("GET", "/map/sites.geojson", everyone()),
    # Signed in already, the sign-in page sends you on to the dashboard.
    "web:login": ("GET", "/login/", rule(set(), denied=302, anonymous=200)),
    "web:logout": ("POST", "/logout/", everyone(302)),
    "web:account": ("GET", "/account/", rule(EVERYONE)),
    "web:token-revoke": (
        "POST",
        "/account/tokens/{auditor_token}/revoke/",
        rule({"auditor", "admin"}, ok=302, denied=404),
    ),
    "web:audit": ("GET", "/audit/", rule(AUDITORS)),
    "web:audit-verify": ("POST", "/audit/verify/", rule(AUDITORS)),
    "web:nations-list": ("GET", "/nations/", everyone()),
    "web:nations-create": ("GET", "/nations/new/", rule(set(), denied=404)),
    "web:nations-detail": ("GET", "/nations/RUS/", everyone()),
    "web:nations-edit": ("GET", "/nations/RUS/edit/", rule({"admin"})),
    "web:organisations-list": ("GET", "/organisations/", everyone()),
    "web:organisations-create": ("GET", "/organisations/new/", rule({"admin", "secretariat"})),
    "web:organisations-detail": ("GET", "/organisations/unodc/", everyone()),
    "web:organisations-edit": ("GET", "/organisations/unodc/edit/", rule({"admin", "secretariat"})),
    "web:sites-list": ("GET", "/sites/", everyone()),
    "web:sites-create": ("GET", "/sites/new/", rule({"admin"})),
    "web:sites-detail": (
        "GET",
        "/sites/{nato_site}/",
        rule(NATO_READERS, denied=404, anonymous=404),
    ),
    "web:sites-edit": ("GET", "/sites/taac_north/edit/", rule({"admin", "spoke-north"})),
    "web:contributions-list": ("GET", "/contributions/", everyone()),
    # Creating is open to every role that could own a contribution somewhere: the form itself
    # limits the choices, and the service refuses anything out of scope.
    "web:contributions-create": (
        "GET",
        "/contributions/new/",
        rule(
            {
                "admin",
                "hub-staff",
                "spoke-north",
                "spoke-west",
                "delegation-usa",
                "delegation-deu",
                "delegation-rus",
            }
        ),
    ),
    "web:contributions-detail": ("GET", "/contributions/{north_contribution}/", everyone()),
    "web:contributions-edit": (
        "GET",
        "/contributions/{north_contribution}/edit/",
        rule({"admin", "spoke-north", "delegation-deu"}),
    ),
    "web:contributions-delete": (
        "GET",
        "/contributions/{north_contribution}/delete/",
        rule({"admin", "spoke-north", "delegation-deu"}),
    ),
}


def _named_patterns(resolver=None, namespace="") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            if pattern.namespace in ("api",) or pattern.app_name == "api":
                continue  # the API has its own matrix, enumerated from its OpenAPI document
            names |= _named_patterns(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def test_every_page_is_in_the_matrix():
    pages = {name for name in _named_patterns() if name.startswith("web:")}
    assert pages - set(MATRIX) == set(), f"add to the page matrix: {sorted(pages - set(MATRIX))}"
    assert set(MATRIX) - pages == set(), f"no such pages: {sorted(set(MATRIX) - pages)}"


@pytest.mark.parametrize("username", [None, *sorted(EVERYONE)])
@pytest.mark.parametrize("name", sorted(MATRIX))
def test_page_access(name, username, matrix_records):
    method, path, expect = MATRIX[name]
    url = path.format(**matrix_records)
    client = Client()
    if username:
        client.force_login(User.objects.get(username=username))
    writes_before = AuditEntry.objects.filter(outcome="done").count()
    response = client.get(url) if method == "GET" else client.post(url)
    expected = expect(username)
    who = username or "anonymous"
    if expected == LOGIN:
        assert response.status_code == 302, f"{method} {url} as {who}: {response.status_code}"
        assert response["Location"].startswith("/login/"), response["Location"]
    else:
        assert response.status_code == expected, (
            f"{method} {url} as {who}: {response.status_code}, expected {expected}"
        )
    if expected != 200 and method == "POST" and name != "web:logout":
        refused = response.status_code >= 400 or expected == LOGIN
        if refused:
            assert AuditEntry.objects.filter(outcome="done").count() == writes_before
