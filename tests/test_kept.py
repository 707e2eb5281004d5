"""The last values built, kept per key: at most ``size``, the least recently used out first; the
triggers that version what is kept, present on every table the migrations name; and on
PostgreSQL, a version set once per transaction, nothing kept from a transaction's own writes."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from hypothesis import given
from hypothesis import strategies as st

from accord.core.models import Nation
from accord.funds.models import ExchangeRate
from accord.kept import (
    KeptRecent,
    all_versions,
    bumping_tables,
    kept_for,
    sqlite_set_by_upsert,
    topic_version,
)


@given(keys=st.lists(st.integers(min_value=0, max_value=9), max_size=60))
def test_a_key_is_built_only_when_not_among_the_last_used(keys):
    kept: KeptRecent[str] = KeptRecent(size=3)
    recent: list[int] = []  # the model: most recently used last
    for key in keys:
        built: list[int] = []

        def build(key=key, built=built):
            built.append(key)
            return f"value {key}"

        assert kept.get_or_build(key, build) == f"value {key}"
        assert built == ([] if key in recent else [key])
        recent = [*(k for k in recent if k != key), key][-3:]
        assert len(kept) == len(recent)


def _declared_topics() -> dict[str, set[str]]:
    """Each topic's tables, as the migrations declare them (``accord.kept.bump_on_write``)."""
    declared: dict[str, set[str]] = {}
    for migration in MigrationLoader(connection).graph.nodes.values():
        for operation in migration.operations:
            if hasattr(operation, "kept_topic"):
                declared.setdefault(operation.kept_topic, set()).update(operation.kept_tables)
    return declared


def _every_declared_table_bumps_its_topic() -> None:
    declared = _declared_topics()
    assert {"training_statistics", "funds", "core"} <= set(declared)
    missing = {
        topic: sorted(tables - bumping_tables(topic))
        for topic, tables in declared.items()
        if tables - bumping_tables(topic)
    }
    assert not missing, f"tables whose writes no longer set their topic's version: {missing}"


@pytest.mark.django_db
def test_every_table_a_migration_names_keeps_its_triggers():
    """A migration that rebuilds a table (SQLite's way of altering most columns) drops its
    triggers: a value kept under its topic would then outlive the table's changes."""
    _every_declared_table_bumps_its_topic()


@pytest.mark.sqlite
@pytest.mark.django_db
def test_every_table_a_migration_names_keeps_its_triggers_on_sqlite():
    _every_declared_table_bumps_its_topic()


def _stored_tokens(topic: str) -> set[tuple[str, int]]:
    """The topic's rows as stored, whoever reads them."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT topic, token FROM kept_version WHERE topic LIKE %s", [f"{topic}%"])
        return set(cursor.fetchall())


def _renamed(name: str) -> None:
    Nation.objects.filter(iso3="AFG").update(name=name)


@pytest.mark.postgres
def test_a_transaction_sets_a_version_once_and_keeps_nothing_built_from_its_own_writes(mission):
    """A posting writes five tables of one topic in one statement: one version row set, not
    five. The transaction's own reader, which sees writes no one else does yet, keeps nothing
    under the topic until it commits; a savepoint rolled back undoes the hold with the write."""
    kept: KeptRecent[int] = KeptRecent(size=4)
    built: list[str] = []

    def read(key: str) -> int:
        return kept_for(kept, None, key, ("core",), lambda: built.append(key) or len(built))

    committed = topic_version("core")
    assert committed is not None
    with transaction.atomic():
        read("before")
        read("before")  # nothing written yet: kept under the committed version
        assert built == ["before"]
        saved = transaction.savepoint_create()
        _renamed("Afghanistan (a write rolled back)")
        assert topic_version("core") is None
        transaction.savepoint_rollback(saved)
        assert topic_version("core") == committed
        _renamed("Afghanistan (first write)")
        set_once = _stored_tokens("core")
        assert topic_version("core") is None
        assert "core" not in all_versions()
        read("after")
        read("after")  # built from this transaction's own writes: not kept
        assert built == ["before", "after", "after"]
        _renamed("Afghanistan (second write)")
        assert _stored_tokens("core") == set_once
    after = topic_version("core")
    assert after is not None
    assert after != committed
    assert set(after) == set_once
    read("after")
    read("after")
    assert built == ["before", "after", "after", "after"]


def _trigger_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT sql FROM sqlite_master WHERE type = 'trigger'")
        return [sql for (sql,) in cursor.fetchall()]


@pytest.mark.sqlite
@pytest.mark.django_db
def test_an_upsert_over_a_kept_row_sets_the_version_on_sqlite():
    """SQLite lets the statement that fires a trigger override the conflict clause of the
    trigger's own statements: while the triggers set a version by INSERT OR REPLACE, an upsert
    over a row already kept (the ECB's rates imported again) failed on the topic's row."""
    rate = {"currency": "USD", "source": "ECB", "estimated": False}
    ExchangeRate.objects.update_or_create(day=date(2014, 3, 4), defaults={**rate, "per_eur": 1})
    before = topic_version("funds")
    ExchangeRate.objects.bulk_create(
        [ExchangeRate(day=date(2014, 3, day), per_eur=Decimal("1.3759"), **rate) for day in (3, 4)],
        update_conflicts=True,
        unique_fields=["currency", "day"],
        update_fields=["per_eur"],
    )
    assert ExchangeRate.objects.get(currency="USD", day=date(2014, 3, 4)).per_eur == Decimal(
        "1.3759"
    )
    assert topic_version("funds") != before
    assert not [sql for sql in _trigger_statements() if "INSERT OR REPLACE" in sql]


class _Editor:
    """What the operation uses of a schema editor (Django's own refuses to open on SQLite inside
    the test's transaction, with foreign keys checked)."""

    connection = connection

    def execute(self, sql, params=None):
        with connection.cursor() as cursor:
            cursor.execute(sql, params)


@pytest.mark.sqlite
@pytest.mark.django_db
def test_the_migration_rewrites_a_trigger_that_set_its_version_by_replace_on_sqlite():
    old = (
        "CREATE TRIGGER core_nation_bumps_probe_update AFTER UPDATE ON core_nation"
        " BEGIN INSERT OR REPLACE INTO kept_version (topic, token) VALUES ('probe', random()); END"
    )
    with connection.cursor() as cursor:
        cursor.execute(old)
    sqlite_set_by_upsert().code(None, _Editor())
    probe = [sql for sql in _trigger_statements() if "core_nation_bumps_probe_update" in sql]
    assert probe == [
        "CREATE TRIGGER core_nation_bumps_probe_update AFTER UPDATE ON core_nation BEGIN INSERT"
        " INTO kept_version (topic, token) VALUES ('probe', random()) ON CONFLICT (topic) DO"
        " UPDATE SET token = excluded.token; END"
    ]
    _renamed("Afghanistan, probed")  # fires it: no failure on the probe's row
    _renamed("Afghanistan, probed again")
    assert topic_version("probe") is not None
