"""The migrations build a fresh database quickly and carry an old one on (ADR 0015)."""

import copy
from importlib.machinery import SourceFileLoader
from importlib.util import module_from_spec, spec_from_loader
from pathlib import Path

import pytest
from django.db import DatabaseError, connection, transaction
from django.db.migrations import operations as ops
from django.db.migrations.loader import MigrationLoader

ROOT = Path(__file__).resolve().parent.parent


def _fold_script():
    loader = SourceFileLoader("fold_migration", str(ROOT / "scripts" / "fold-migration"))
    module = module_from_spec(spec_from_loader("fold_migration", loader))
    loader.exec_module(module)
    return module


def _ours(loader):
    return {
        key: m
        for key, m in loader.disk_migrations.items()
        if type(m).__module__.startswith("accord.")
    }


def test_a_fresh_database_is_built_from_the_squashes_and_the_replaced_ones_stay_for_old_ones():
    loader = MigrationLoader(None, ignore_no_migrations=True)
    squashes = {key: m for key, m in _ours(loader).items() if m.replaces}
    assert {app for app, _ in squashes} == {
        "audit",
        "budget",
        "core",
        "council",
        "funds",
        "transit",
    }
    for key, squash in squashes.items():
        assert key in loader.graph.nodes
        for replaced in squash.replaces:
            assert replaced in loader.disk_migrations, f"{replaced} is gone: old databases need it"
            assert replaced not in loader.graph.nodes


def test_every_migration_that_creates_models_has_its_constraints_and_fields_folded_in():
    fold = _fold_script().fold
    loader = MigrationLoader(None, ignore_no_migrations=True)
    unfolded = []
    for (app, name), migration in _ours(loader).items():
        if (app, name) not in loader.graph.nodes:
            continue  # replaced by a squash: applied once, long ago, never on a fresh database
        operations = [o for o in migration.operations if not isinstance(o, ops.RunPython)]
        if not any(isinstance(o, ops.CreateModel) for o in operations):
            continue
        left = fold(copy.deepcopy(operations), app)  # fold changes what it is given
        if len(left) < len(operations):
            unfolded.append(f"{app}.{name}: run scripts/fold-migration on it")
    assert unfolded == []


# Every table guarded by triggers, with a word of its refusal. SQLite drops a table's triggers
# whenever a migration rebuilds it (to alter a column or a constraint), so a later migration can
# silently undo an earlier one's guard there; PostgreSQL keeps them (its own tests try them).
GUARDED_TABLES = {
    "funds_ledgerentry": "immutable",
    "funds_ledgertransfer": "immutable",
    "audit_auditentry": "append-only",
    "audit_auditseal": "append-only",
    "audit_auditcheckpoint": "append-only",
}


@pytest.mark.sqlite
@pytest.mark.django_db
@pytest.mark.parametrize("table", sorted(GUARDED_TABLES))
@pytest.mark.parametrize("operation", ["UPDATE", "DELETE"])
def test_on_sqlite_every_guard_survives_the_later_migrations(table, operation):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s", [table]
        )
        triggers = [sql for (sql,) in cursor.fetchall()]
    refusing = [sql for sql in triggers if f"BEFORE {operation}" in sql]
    assert refusing, f"nothing on SQLite refuses {operation} on {table}"
    assert all(GUARDED_TABLES[table] in sql for sql in refusing)


@pytest.mark.sqlite
@pytest.mark.django_db
def test_on_sqlite_a_posted_ledger_line_cannot_be_edited_or_deleted():
    for statement in (
        "UPDATE funds_ledgerentry SET description = 'edited'",
        "DELETE FROM funds_ledgertransfer",
    ):
        with (
            pytest.raises(DatabaseError, match="immutable"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(statement)
