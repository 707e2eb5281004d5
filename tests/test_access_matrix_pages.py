"""Every page, for every persona and for anonymous visitors: the expected allow or deny.

The URL patterns are enumerated from the resolver, and the test fails if one is missing from the
table, so a page added later cannot leak. A NATO-marked site stands in for records the Russian
delegation and the public must not reach; denied writes must change nothing.
"""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from tests.matrix import (
    LOGIN,
    assert_row_matches,
    audit_entries_done_since,
    each_caller,
    last_entry_id,
    page_table,
)

pytestmark = pytest.mark.exhaustive

MATRIX = page_table()


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
    # Every namespaced page: the registry's (web:) and each module's (council:, funds:...).
    pages = {name for name in _named_patterns() if ":" in name}
    assert pages - set(MATRIX) == set(), f"add to the page matrix: {sorted(pages - set(MATRIX))}"
    assert set(MATRIX) - pages == set(), f"no such pages: {sorted(set(MATRIX) - pages)}"


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_page_access(name, matrix_records):
    method, path, expect = MATRIX[name]
    url = path.format(**matrix_records)
    sessions = matrix_records["signed_in"]
    # Every caller's try is rolled back (each_caller): the trail ends at the same entry for each.
    since = last_entry_id()
    each_caller(
        lambda username: _try(name, method, url, expect(username), username, sessions, since)
    )


def _try(name, method, url, expected, username, sessions, since):
    client = Client()
    if username:  # the persona's session, made once in the snapshot (tests/conftest.py)
        client.cookies[settings.SESSION_COOKIE_NAME] = sessions[username]["session"]
    response = client.get(url) if method == "GET" else client.post(url)
    who = username or "anonymous"
    if expected == LOGIN:
        assert response.status_code == 302, f"{method} {url}: {response.status_code}"
        assert response["Location"].startswith("/login/"), response["Location"]
    else:
        assert response.status_code == expected, (
            f"{method} {url}: {response.status_code}, expected {expected}"
        )
    written = audit_entries_done_since(since)
    if method == "POST" and name != "web:logout":
        refused = expected != 200 and (response.status_code >= 400 or expected == LOGIN)
        # Refused, or an empty form shown again with its errors: nothing is half-written.
        if refused or response.status_code == 200:
            assert not written, f"POST {url} wrote {[entry.action for entry in written]}"
    for entry in written:
        assert entry.actor_name == who, f"{entry.action} recorded as {entry.actor_name}"
        assert_row_matches(entry)
