"""Query-count baselines for every page and API read (NetBox's ``query_counts`` habit).

Two checks, for every GET in the access matrices that the auditor (a signed-in reader who is not an
administrator, so every visibility filter is in play) may open:

- the number of queries does not grow with the rows shown: the same page at one row per page and
  at 500 (the API's ``page_size``, the pages' ``ACCORD_PAGE_SIZE``) costs the same queries;
- the number of queries is the one recorded in ``tests/query_counts.json``, so that a change that
  adds queries says so in review. After a deliberate change (a lower count is welcome), rewrite
  the file with ``ACCORD_QUERY_BASELINES=write pytest -p no:xdist tests/test_query_counts.py``
  on SQLite and commit it.

Each read is made once to warm the caches (content types, the reader's principal) before it is
counted at either size.
"""

import json
import os
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

from tests.matrix import api_table, page_table

READER = "auditor"
BASELINES = Path(__file__).with_name("query_counts.json")
WRITE = os.environ.get("ACCORD_QUERY_BASELINES") == "write"


def _api_reads() -> dict[str, str]:
    return {
        f"GET {operation[1]}": "/api/v1" + path
        for operation, (path, _, expect) in api_table().items()
        if operation[0] == "GET" and expect(READER) == 200
    }


def _page_reads() -> dict[str, str]:
    return {
        f"page {name}": path
        for name, (method, path, expect) in page_table().items()
        if method == "GET" and expect(READER) == 200
    }


READS = {**_api_reads(), **_page_reads()}


@pytest.fixture(scope="module")
def baselines():
    recorded = json.loads(BASELINES.read_text()) if BASELINES.exists() else {}
    measured: dict[str, int | dict] = {}
    yield recorded, measured
    if WRITE:
        BASELINES.write_text(json.dumps(dict(sorted(measured.items())), indent=1) + "\n")


def _expected(recorded: dict, read: str) -> int:
    """The count recorded for ``read``: one for both databases, or one per database where they
    differ by design (``{"sqlite": n, "postgresql": m}``: the audit trail's verification streams
    through server-side cursors on PostgreSQL, each opened in a savepoint)."""
    found = recorded[read]
    return found[connection.vendor] if isinstance(found, dict) else found


def _measured(recorded: dict, read: str, count: int) -> int | dict:
    """What writing the baselines records: a per-database entry keeps the other database's."""
    found = recorded.get(read)
    return {**found, connection.vendor: count} if isinstance(found, dict) else count


def _count(client: Client, url: str, warm: bool = False) -> int:
    if warm:
        client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return len(queries)


def _with_page_size(url: str, size: int) -> str:
    return f"{url}{'&' if '?' in url else '?'}page_size={size}"


@pytest.mark.parametrize("read", sorted(READS))
def test_query_count(read, matrix_records, baselines):
    recorded, measured = baselines
    url = READS[read].format(**matrix_records)
    client = Client()  # the reader's session, made once in the snapshot (tests/conftest.py)
    client.cookies[settings.SESSION_COOKIE_NAME] = matrix_records["signed_in"][READER]["session"]
    api = read.startswith("GET ")
    # Warmed before the first count only: the second, at the other size, finds the caches warm.
    if api:
        few = _count(client, _with_page_size(url, 1), warm=True)
        many = _count(client, _with_page_size(url, 500))
    else:
        with override_settings(ACCORD_PAGE_SIZE=1):
            few = _count(client, url, warm=True)
        with override_settings(ACCORD_PAGE_SIZE=500):
            many = _count(client, url)
    assert few == many, (
        f"{read}: {few} queries for one row, {many} for many: a query per row (an N+1); "
        "select_related, prefetch_related or an annotation in its selector fixes it"
    )
    measured[read] = _measured(recorded, read, many)
    if WRITE:
        return
    assert read in recorded, f"{read} has no baseline: record it (see this module's docstring)"
    expected = _expected(recorded, read)
    assert many == expected, (
        f"{read}: {many} queries, {expected} recorded. If the change is meant, record the "
        "new count (see this module's docstring)."
    )
