"""Every API operation, for every persona and for anonymous callers: the expected allow or deny.

The operations are enumerated from the project's own OpenAPI document, and the test fails if one
is missing from the table below, so an endpoint added later cannot go out unchecked. Each caller
runs inside a savepoint rolled back after it; a denied write must change nothing.
"""

import json

import pytest
from django.db import connection
from django.test import Client

from accord.api import api
from accord.core.models import Nation, Site, TroopContribution
from accord.markings import Role
from tests.matrix import (
    api_table,
    assert_write_recorded,
    audit_entries_done_since,
    each_caller,
    last_entry_id,
    queries_by_post,
)

pytestmark = pytest.mark.exhaustive

MATRIX = api_table()
QUERIES = queries_by_post()


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


def _headers(username: str | None, signed_in: dict) -> dict:
    if username is None:
        return {}
    # The persona's token, issued once in the snapshot (tests/conftest.py).
    return {"HTTP_AUTHORIZATION": f"Bearer {signed_in[username]['token']}"}


def table_fingerprint(*models) -> tuple:
    """Changes whenever a row of one of ``models`` is added, removed or edited: per table, its
    row count, the sum of its versions (which every edit raises) and its highest id."""
    aggregate = "SELECT COUNT(*), COALESCE(SUM(version), 0), COALESCE(MAX(id), 0) FROM {}"
    union = " UNION ALL ".join(aggregate.format(m._meta.db_table) for m in models)
    with connection.cursor() as cursor:
        cursor.execute(union)
        return tuple(tuple(row) for row in cursor.fetchall())


def _state(since: int) -> tuple:
    """A fingerprint of what the writes in the matrix could change.

    Every write goes through an audited service, so a write that was refused must leave no
    completed audit entry after ``since``; the registry's tables are checked directly too (an
    edit raises a row's version, so their count, sum of versions and highest id would move).
    """
    return (
        [entry.action for entry in audit_entries_done_since(since)],
        table_fingerprint(Nation, Site, TroopContribution),
        Role.values,
    )


@pytest.mark.parametrize("operation", sorted(MATRIX), ids=lambda op: f"{op[0]} {op[1]}")
def test_api_access(operation, matrix_records):
    # Every caller's try is rolled back (each_caller), so each starts from the same state: where
    # the audit trail ends and the fingerprint are read once for the row, not once per caller.
    since = last_entry_id()
    before = _state(since)
    each_caller(lambda username: _try(operation, username, matrix_records, since, before))


def _try(operation, username, matrix_records, since: int, before: tuple):
    method, _ = operation
    path, payload, expect = MATRIX[operation]
    url = "/api/v1" + path.format(**matrix_records)
    headers = _headers(username, matrix_records["signed_in"])
    if callable(payload):  # a body naming the records made for the matrix (their ids)
        payload = payload(matrix_records)
    body = json.dumps(payload) if payload is not None else None
    response = Client().generic(
        method, url, data=body or "", content_type="application/json", **headers
    )
    expected = expect(username)
    assert response.status_code == expected, (
        f"{method} {url}: {response.status_code} (expected {expected}): {response.content[:300]!r}"
    )
    if expected >= 400:
        assert response["Content-Type"].startswith("application/problem+json")
        assert response.json()["code"]
        if method != "GET":
            assert _state(since) == before, "a refused write changed something"
    elif operation in QUERIES:
        assert _state(since) == before, "a query changed something"
    elif method != "GET":
        assert_write_recorded(since, username, via="api")
