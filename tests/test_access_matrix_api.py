"""Every API operation, for every persona and for anonymous callers: the expected allow or deny.

The operations are enumerated from the project's own OpenAPI document, and the test fails if one
is missing from the table below, so an endpoint added later cannot go out unchecked. Writes run
inside the test's transaction and are rolled back; a denied write must change nothing.
"""

import json

import pytest
from django.test import Client

from accord.api import api
from accord.core.choices import Role
from accord.core.demo import PERSONAS
from accord.core.models import Nation, Site, TroopContribution, User
from accord.core.services import api_token_create

ANON = None
EVERYONE = {p.username for p in PERSONAS}
SIGNED_IN = EVERYONE
ADMINS = {"admin"}
AUDITORS = {"admin", "auditor"}
ORG_EDITORS = {"admin", "secretariat"}
NORTH_SITE_EDITORS = {"admin", "spoke-north"}
NORTH_CONTRIBUTION_EDITORS = {"admin", "spoke-north", "delegation-deu"}
NATO_READERS = EVERYONE - {"delegation-rus"}


def rule(allowed: set, ok: int, denied: int = 403, anonymous: int = 401):
    """Expected status for each caller: ``ok`` for ``allowed``, else ``denied``."""

    def expect(username):
        if username is None:
            return anonymous
        return ok if username in allowed else denied

    return expect


# (method, path template) -> (concrete path, payload or None, expectation)
MATRIX = {
    ("GET", "/api/v1/me"): ("/me", None, rule(SIGNED_IN, 200)),
    ("GET", "/api/v1/tokens"): ("/tokens", None, rule(SIGNED_IN, 200)),
    ("POST", "/api/v1/tokens"): ("/tokens", {"name": "matrix"}, rule(SIGNED_IN, 201)),
    ("POST", "/api/v1/tokens/{token_id}/revoke"): (
        "/tokens/{auditor_token}/revoke",
        None,
        rule({"auditor", "admin"}, 200, denied=404),
    ),
    ("GET", "/api/v1/nations"): ("/nations", None, rule(EVERYONE, 200, anonymous=200)),
    ("GET", "/api/v1/nations/{iso3}"): ("/nations/DEU", None, rule(EVERYONE, 200, anonymous=200)),
    ("PATCH", "/api/v1/nations/{iso3}"): (
        "/nations/DEU",
        {"expected_version": 1, "notes": "checked"},
        rule(ADMINS, 200),
    ),
    ("GET", "/api/v1/organisations"): ("/organisations", None, rule(EVERYONE, 200, anonymous=200)),
    ("POST", "/api/v1/organisations"): (
        "/organisations",
        {"code": "matrix_org", "name": "Matrix Organisation", "kind": "agency"},
        rule(ORG_EDITORS, 201),
    ),
    ("GET", "/api/v1/organisations/{code}"): (
        "/organisations/unodc",
        None,
        rule(EVERYONE, 200, anonymous=200),
    ),
    ("PATCH", "/api/v1/organisations/{code}"): (
        "/organisations/unodc",
        {"expected_version": 1, "notes": "checked"},
        rule(ORG_EDITORS, 200),
    ),
    ("GET", "/api/v1/sites"): ("/sites", None, rule(EVERYONE, 200, anonymous=200)),
    ("POST", "/api/v1/sites"): (
        "/sites",
        {
            "code": "matrix_site",
            "name": "Matrix Site",
            "kind": "airbase",
            "latitude": "34.5",
            "longitude": "69.2",
        },
        rule(ADMINS, 201),
    ),
    ("GET", "/api/v1/sites/{code}"): (
        "/sites/{nato_site}",
        None,
        rule(NATO_READERS, 200, denied=404, anonymous=404),
    ),
    ("PATCH", "/api/v1/sites/{code}"): (
        "/sites/taac_north",
        {"expected_version": 1, "notes": "checked"},
        rule(NORTH_SITE_EDITORS, 200),
    ),
    ("GET", "/api/v1/contributions"): ("/contributions", None, rule(EVERYONE, 200, anonymous=200)),
    ("POST", "/api/v1/contributions"): (
        "/contributions",
        {"nation": "DEU", "site": "taac_north", "as_of": "2016-06-01", "personnel": 900},
        rule(NORTH_CONTRIBUTION_EDITORS, 201),
    ),
    ("GET", "/api/v1/contributions/by-nation"): (
        "/contributions/by-nation",
        None,
        rule(EVERYONE, 200, anonymous=200),
    ),
    ("GET", "/api/v1/contributions/by-site"): (
        "/contributions/by-site",
        None,
        rule(EVERYONE, 200, anonymous=200),
    ),
    ("GET", "/api/v1/contributions/{contribution_id}"): (
        "/contributions/{north_contribution}",
        None,
        rule(EVERYONE, 200, anonymous=200),
    ),
    ("PATCH", "/api/v1/contributions/{contribution_id}"): (
        "/contributions/{north_contribution}",
        {"expected_version": 1, "personnel": 860},
        rule(NORTH_CONTRIBUTION_EDITORS, 200),
    ),
    ("DELETE", "/api/v1/contributions/{contribution_id}"): (
        "/contributions/{north_contribution}?expected_version=1",
        None,
        rule(NORTH_CONTRIBUTION_EDITORS, 204),
    ),
    ("GET", "/api/v1/strength"): ("/strength", None, rule(EVERYONE, 200, anonymous=200)),
    ("GET", "/api/v1/audit/entries"): ("/audit/entries", None, rule(AUDITORS, 200)),
    ("GET", "/api/v1/audit/verify"): ("/audit/verify", None, rule(AUDITORS, 200)),
}


def _operations() -> set[tuple[str, str]]:
    schema = api.get_openapi_schema()
    return {
        (method.upper(), path)
        for path, operations in schema["paths"].items()
        for method in operations
        if method in {"get", "post", "put", "patch", "delete"}
    }


def test_every_api_operation_is_in_the_matrix():
    missing = _operations() - set(MATRIX)
    stale = set(MATRIX) - _operations()
    assert not missing, f"add these operations to the access matrix: {sorted(missing)}"
    assert not stale, f"these matrix rows name no operation: {sorted(stale)}"


def _client_for(username: str | None) -> tuple[Client, dict]:
    client = Client()
    if username is None:
        return client, {}
    user = User.objects.get(username=username)
    _, secret = api_token_create(actor=user, name="matrix caller")
    return client, {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def _state() -> tuple:
    """A fingerprint of what the writes in the matrix could change."""
    return (
        list(Nation.objects.order_by("pk").values_list("pk", "version")),
        list(Site.objects.order_by("pk").values_list("pk", "version")),
        list(TroopContribution.objects.order_by("pk").values_list("pk", "version")),
        Role.values,
    )


@pytest.mark.parametrize("username", [None, *sorted(EVERYONE)])
@pytest.mark.parametrize("operation", sorted(MATRIX), ids=lambda op: f"{op[0]} {op[1]}")
def test_api_access(operation, username, matrix_records):
    method, _ = operation
    path, payload, expect = MATRIX[operation]
    url = "/api/v1" + path.format(**matrix_records)
    client, headers = _client_for(username)
    before = _state()
    body = json.dumps(payload) if payload is not None else None
    response = client.generic(
        method, url, data=body or "", content_type="application/json", **headers
    )
    expected = expect(username)
    assert response.status_code == expected, (
        f"{method} {url} as {username or 'anonymous'}: {response.status_code} "
        f"(expected {expected}): {response.content[:300]!r}"
    )
    if expected >= 400:
        assert response["Content-Type"].startswith("application/problem+json")
        assert response.json()["code"]
        if method != "GET":
            assert _state() == before, "a refused write changed something"
