"""The last values built, kept per key: at most ``size``, the least recently used out first; and
the triggers that version what is kept, present on every table the migrations name."""

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from hypothesis import given
from hypothesis import strategies as st

from accord.kept import KeptRecent, bumping_tables


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
