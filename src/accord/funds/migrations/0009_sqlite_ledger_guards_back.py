"""The ledger's guards back on SQLite, where 0008 lost them.

SQLite alters a column (0008 took the index off ``fund``) by rebuilding the table, which drops
its triggers: from 0008 on, a fresh SQLite database let a posted entry or transfer be edited or
deleted. PostgreSQL keeps its triggers through ALTER TABLE and is left as it is. The triggers
are those of 0002 and 0003, created only where missing, so a database that kept them is
unchanged. ``tests/test_migrations.py`` now tries every guard on SQLite after all migrations.
"""

from django.db import migrations

TABLES = ("funds_ledgerentry", "funds_ledgertransfer")
REFUSAL = "ledger lines are immutable; correct them by reversal"


def guards_back(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    for table in TABLES:
        for name, operation in (("immutable", "UPDATE"), ("no_delete", "DELETE")):
            schema_editor.execute(
                f"CREATE TRIGGER IF NOT EXISTS {table}_{name} BEFORE {operation} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{REFUSAL}'); END"
            )


class Migration(migrations.Migration):
    dependencies = [("funds", "0008_ledger_indexes")]
    operations = [migrations.RunPython(guards_back, migrations.RunPython.noop)]
