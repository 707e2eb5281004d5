"""Make the ledger's entries and transfers immutable in the database itself.

Corrections are made by reversal, never by editing a posted line. PostgreSQL: a trigger refuses
UPDATE and DELETE. SQLite: the same for UPDATE; DELETE stays open there because Django's test
flush empties tables with DELETE (as for the audit trail).
"""

from django.db import migrations

TABLES = ("funds_ledgerentry", "funds_ledgertransfer")

PG_FUNCTION = """
CREATE OR REPLACE FUNCTION accord_funds_immutable() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'ledger lines are immutable; correct them by reversal: % on % refused',
        TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$ LANGUAGE plpgsql;
"""


def forwards(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor == "postgresql":
        schema_editor.execute(PG_FUNCTION, params=None)
        for table in TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_immutable BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION accord_funds_immutable()"
            )
    elif connection.vendor == "sqlite":
        for table in TABLES:
            schema_editor.execute(
                f"CREATE TRIGGER {table}_immutable BEFORE UPDATE ON {table} "
                "BEGIN SELECT RAISE(ABORT, 'ledger lines are immutable; correct them by "
                "reversal'); END"
            )


def backwards(apps, schema_editor):
    connection = schema_editor.connection
    for table in TABLES:
        if connection.vendor == "postgresql":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_immutable ON {table}")
        elif connection.vendor == "sqlite":
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_immutable")
    if connection.vendor == "postgresql":
        schema_editor.execute("DROP FUNCTION IF EXISTS accord_funds_immutable()")


class Migration(migrations.Migration):
    dependencies = [("funds", "0001_initial")]
    operations = [migrations.RunPython(forwards, backwards)]
