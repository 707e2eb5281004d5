"""Tampering as an intruder with database access would do it: raw SQL past the triggers."""

from contextlib import contextmanager

from django.db import connection

ENTRY, SEAL, CHECKPOINT = "audit_auditentry", "audit_auditseal", "audit_auditcheckpoint"


@contextmanager
def triggers_off(table: str):
    """Get past the append-only triggers, as the table's owner (or whoever can write the SQLite
    file) could, and put them back after."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER ALL")
            yield cursor
            cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER ALL")
        else:
            cursor.execute(
                "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = %s",
                [table],
            )
            triggers = cursor.fetchall()
            assert triggers, f"{table} has no triggers to get past"
            for name, _ in triggers:
                cursor.execute(f"DROP TRIGGER {name}")
            yield cursor
            for _, sql in triggers:
                cursor.execute(sql)
