"""The trail refuses DELETE on SQLite too, and the checkpoints' list is append-only everywhere.

0002 left DELETE open on SQLite because Django's test flush empties tables with DELETE; then
deleting the newest seal and entry left a shorter chain that still verified. The test suite now
flushes with a backend that lifts the triggers for the flush only (tests/sqlite_backend), so the
database refuses DELETE here as PostgreSQL does. SQLite has no "UPDATE OR DELETE" trigger: one
trigger per operation.
"""

from django.db import migrations

TRAIL = ("audit_auditentry", "audit_auditseal")
CHECKPOINTS = "audit_auditcheckpoint"
MESSAGE = "the audit trail is append-only: {op} refused"


def _sqlite_trigger(table: str, op: str, suffix: str) -> str:
    return (
        f"CREATE TRIGGER {table}_{suffix} BEFORE {op} ON {table} "
        f"BEGIN SELECT RAISE(ABORT, '{MESSAGE.format(op=op)}'); END"
    )


def forwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        # The function accord_audit_append_only() comes from 0002.
        schema_editor.execute(
            f"CREATE TRIGGER {CHECKPOINTS}_append_only BEFORE UPDATE OR DELETE ON {CHECKPOINTS} "
            "FOR EACH ROW EXECUTE FUNCTION accord_audit_append_only()"
        )
    elif vendor == "sqlite":
        for table in TRAIL:
            schema_editor.execute(_sqlite_trigger(table, "DELETE", "no_delete"))
        schema_editor.execute(_sqlite_trigger(CHECKPOINTS, "UPDATE", "append_only"))
        schema_editor.execute(_sqlite_trigger(CHECKPOINTS, "DELETE", "no_delete"))


def backwards(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {CHECKPOINTS}_append_only ON {CHECKPOINTS}")
    elif vendor == "sqlite":
        for table in (*TRAIL, CHECKPOINTS):
            schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_delete")
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {CHECKPOINTS}_append_only")


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_audit_checkpoint")]
    operations = [migrations.RunPython(forwards, backwards)]
