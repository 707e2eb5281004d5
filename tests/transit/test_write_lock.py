"""No long work holds the write lock, and a lock not granted in time is a 503, never a 500.

SQLite's write lock only behaves as in production on a file, so the SQLite tests copy the test
database (the demo mission) to a file and run ``tests/transit/lockrun.py`` against it in a process
of its own. Nothing here asserts a duration: the tests count answers and rows.
"""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import psycopg
import pytest
from django.db import connection
from django.db.backends.sqlite3._functions import register

from accord.funds.models import Disbursement
from accord.transit.planning import services as planning_services
from tests.transit.conftest import OPEN_DAY

ROOT = Path(__file__).resolve().parents[2]
# SQLite's one write lock is what these tests are about: they run in the SQLite pass only (the
# PostgreSQL pass deselects them, see tests/conftest.py).
sqlite_only = pytest.mark.sqlite
SEARCH_INDEX_ON_SQLITE = import_module("accord.search.migrations.0001_search_index").SQLITE


def copy_test_database(path: Path) -> None:
    """The suite's SQLite test database (in memory, shared cache) copied to a file."""
    source = sqlite3.connect(connection.settings_dict["NAME"], uri=True)
    # The shared cache's table locks would make this reader wait for the suite's own open
    # transaction; nothing is uncommitted when the copy is taken.
    source.execute("PRAGMA read_uncommitted = 1")
    target = sqlite3.connect(path)
    register(target)  # the functions Django's CHECK constraints call (REGEXP...)
    try:
        # A dump of SQL cannot recreate the search's FTS5 virtual table (it writes it into the
        # schema by hand, which SQLite then does not know): leave it and its triggers out, make
        # them as the search's migration does, and rebuild the index from its rows.
        dump = [s for s in source.iterdump() if "search_entry_fts" not in s]
        target.executescript("\n".join(dump))
        for statement in SEARCH_INDEX_ON_SQLITE:
            if not statement.startswith("CREATE INDEX"):  # the dump has the plain index
                target.execute(statement)
        target.execute("INSERT INTO search_entry_fts(search_entry_fts) VALUES ('rebuild')")
        target.commit()
    finally:
        target.close()
        source.close()


def lockrun(mode: str, path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if k != "ACCORD_TEST_DATABASE_URL"}
    done = subprocess.run(
        [sys.executable, "-m", "tests.transit.lockrun", mode, str(path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture(scope="module")
def busy_run(tmp_path_factory, django_db_setup, django_db_blocker):
    """Requests sent while another process holds SQLite's write lock (see lockrun.busy)."""
    path = tmp_path_factory.mktemp("busy") / "accord.sqlite3"
    with django_db_blocker.unblock():
        copy_test_database(path)
    return lockrun("busy", path)


@sqlite_only
def test_disbursements_sent_during_a_20000_row_import_all_answer_and_none_fails(
    tmp_path, django_db_setup, django_db_blocker
):
    with django_db_blocker.unblock():
        copy_test_database(tmp_path / "accord.sqlite3")
    report = lockrun("race", tmp_path / "accord.sqlite3")

    assert report["finished"], "a request never answered"
    assert report["import"]["status"] == 200, report["import"]["body"]
    assert json.loads(report["import"]["body"]) == {"events": 20_000, "shipments": 4}
    assert report["events_stored"] == 20_000
    answers = report["disbursements"]
    assert len(answers) >= 20
    assert {a["status"] for a in answers} <= {201, 503}, [
        a["body"][:300] for a in answers if a["status"] not in (201, 503)
    ]
    for refused in (a for a in answers if a["status"] == 503):
        assert refused["retry_after"]
        assert json.loads(refused["body"])["code"] == "database_busy"
    # Each 201 is a payment made, each 503 one that was not: nothing half-written.
    assert report["disbursements_stored"] == sum(a["status"] == 201 for a in answers)


@sqlite_only
def test_a_busy_database_answers_the_api_with_503_and_retry_after(busy_run):
    api = busy_run["api"]
    assert api["status"] == 503
    assert api["retry_after"] == "5"
    assert api["content_type"] == "application/problem+json"
    body = json.loads(api["body"])
    assert body["code"] == "database_busy"
    assert "again" in body["detail"]
    assert busy_run["after"]["disbursements"] == busy_run["before"]["disbursements"]


@sqlite_only
def test_a_busy_database_answers_a_page_with_a_503_page_and_retry_after(busy_run):
    web = busy_run["web"]
    assert web["status"] == 503
    assert web["retry_after"] == "5"
    assert "try again" in web["body"]
    assert "nothing you sent was saved" in web["body"]
    assert busy_run["after"]["nodes"] == busy_run["before"]["nodes"]


@sqlite_only
def test_a_route_query_answers_while_another_writer_holds_the_lock(busy_run):
    # A query is a read: it opens no transaction, so it does not wait for the writer.
    route = busy_run["route"]
    assert route["status"] == 200, route["body"]
    assert '"found": true' in route["body"]


@pytest.mark.postgres
def test_a_postgresql_lock_timeout_answers_503_with_retry_after(client_as):
    table = Disbursement._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL lock_timeout = '200ms'")
    params = connection.get_connection_params()
    params.pop("cursor_factory", None)
    holder = psycopg.connect(**params)
    try:
        with holder.cursor() as cursor:
            cursor.execute(f'LOCK TABLE "{table}" IN ACCESS EXCLUSIVE MODE')
            cursor.execute(f'SELECT count(*) FROM "{table}"')
            before = cursor.fetchone()[0]
        response = client_as("fund-manager").post(
            "/api/v1/funds/funds/nrc_hmtf/disbursements",
            {"amount": "1", "day": "2013-03-02", "payee": "vendor"},
            content_type="application/json",
        )
    finally:
        holder.rollback()
        holder.close()
    assert response.status_code == 503, response.content
    assert response["Retry-After"] == "5"
    assert response.json()["code"] == "database_busy"
    assert Disbursement.objects.count() == before


def test_the_flow_plan_is_solved_outside_any_transaction(logistician):
    # The solver may run for minutes: it must not hold the write lock meanwhile. The progress
    # callback runs as the solving starts; no transaction beyond the test's own is open then.
    depth = len(connection.atomic_blocks)
    seen = {}

    def progress(step, total, label):
        seen[label] = len(connection.atomic_blocks)

    plan = planning_services.flow_plan_solve(actor=logistician, month=OPEN_DAY, progress=progress)
    assert seen["solving"] == depth
    assert seen["reading the network"] == depth
    assert plan.pk is not None
