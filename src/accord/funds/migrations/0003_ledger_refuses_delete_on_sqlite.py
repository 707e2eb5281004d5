"""The ledger's lines refuse DELETE on SQLite too, as they do on PostgreSQL (0002).

0002 left DELETE open on SQLite for Django's test flush; the test suite now flushes with a
backend that lifts the triggers for the flush only (tests/sqlite_backend), so a posted line can
no more be deleted than edited.
"""

from django.db import migrations

TABLES = ("funds_ledgerentry", "funds_ledgertransfer")


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for table in TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table} "
                "BEGIN SELECT RAISE(ABORT, 'ledger lines are immutable; correct them by "
                "reversal'); END"
            )


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        for table in TABLES:
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")


class Migration(migrations.Migration):
    dependencies = [("funds", "0002_immutable_ledger")]
    operations = [migrations.RunPython(forwards, backwards)]
