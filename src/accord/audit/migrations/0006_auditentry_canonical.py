"""Each entry keeps the canonical bytes its digest was computed over.

The verifier then authenticates the stored bytes and compares the fields with them, instead of
encoding every entry again. The entries already written get their bytes here, computed from their
fields exactly as the digest was; the append-only triggers are lifted for this fill only, inside
the migration's transaction (on PostgreSQL, ALTER TABLE takes the table's lock until it ends, so
no other session writes or edits entries meanwhile). An entry whose fields had been edited gets
bytes that do not match its digest, so verification still names it.
"""

from django.db import migrations, models

from accord.audit import engine

TABLE = "audit_auditentry"
BATCH = 2000


def _lift(cursor, vendor: str) -> list:
    """Lift the trigger that refuses UPDATE on entries; returns what ``_restore`` needs."""
    if vendor == "postgresql":
        cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER {TABLE}_append_only")
        return []
    cursor.execute(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name = %s",
        [f"{TABLE}_append_only"],
    )
    triggers = cursor.fetchall()
    for name, _sql in triggers:
        cursor.execute(f"DROP TRIGGER {name}")
    return triggers


def _restore(cursor, vendor: str, triggers: list) -> None:
    if vendor == "postgresql":
        cursor.execute(f"ALTER TABLE {TABLE} ENABLE TRIGGER {TABLE}_append_only")
    for _name, sql in triggers:
        cursor.execute(sql)


def fill(apps, schema_editor):
    AuditEntry = apps.get_model("audit", "AuditEntry")
    rows = AuditEntry.objects.filter(canonical__isnull=True).order_by("id")
    if not rows.exists():
        return
    vendor = schema_editor.connection.vendor
    last = 0
    with schema_editor.connection.cursor() as cursor:
        triggers = _lift(cursor, vendor)
        while batch := list(rows.filter(id__gt=last).values("id", *engine.DIGEST_FIELDS)[:BATCH]):
            cursor.executemany(
                f"UPDATE {TABLE} SET canonical = %s WHERE id = %s",  # noqa: S608 - our table
                [(engine.canonical_bytes(row), row["id"]) for row in batch],
            )
            last = batch[-1]["id"]
        _restore(cursor, vendor, triggers)


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_verbose_names")]

    operations = [
        migrations.AddField(
            model_name="auditentry",
            name="canonical",
            field=models.BinaryField(null=True, verbose_name="canonical content"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
