"""The last values built, kept per key: at most ``size``, the least recently used out first; the
triggers that version what is kept, present on every table the migrations name; and on
PostgreSQL, a version set once per transaction, nothing kept from a transaction's own writes."""

import pytest
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from hypothesis import given
from hypothesis import strategies as st

from accord.core.models import Nation
from accord.kept import KeptRecent, all_versions, bumping_tables, kept_for, topic_version


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
