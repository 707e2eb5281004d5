"""The database itself refuses to edit or delete the trail, its checkpoints and the ledger, on
SQLite as on PostgreSQL; going past the triggers is left to the verifier (test_verify.py,
test_checkpoints.py)."""

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, transaction

from accord.access import system_principal
from accord.audit.models import AuditCheckpoint, AuditEntry
from accord.audit.services import audit_checkpoint_publish, audit_record
from accord.funds.models import LedgerEntry, LedgerTransfer


def _refused(sql: str, params: list, match: str) -> None:
    with (
        pytest.raises(DatabaseError, match=match),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(sql, params)


def test_posted_ledger_lines_can_be_neither_edited_nor_deleted(db):
    # A contribution: no pending amount points at its lines (a commitment's would stop the ORM's
    # delete before the database's rule is reached). Ids are random: order by the day recorded.
    entry = LedgerEntry.objects.filter(kind="contribution").order_by("value_date", "id").first()
    transfers = list(LedgerTransfer.objects.filter(entry=entry).values())
    assert transfers, "the scenario posts ledger lines"
    for table, column in (("funds_ledgertransfer", "entry_id"), ("funds_ledgerentry", "id")):
        _refused(f"DELETE FROM {table} WHERE {column} = %s", [entry.pk], "immutable")
        _refused(
            f"UPDATE {table} SET {column} = {column} WHERE {column} = %s", [entry.pk], "immutable"
        )
    with pytest.raises(DatabaseError, match="immutable"), transaction.atomic():
        LedgerTransfer.objects.filter(entry=entry).delete()
    assert list(LedgerTransfer.objects.filter(entry=entry).values()) == transfers
    assert LedgerEntry.objects.filter(pk=entry.pk).exists()


def test_the_list_of_checkpoints_can_be_neither_edited_nor_deleted(db, tmp_path):
    row, _ = audit_checkpoint_publish(
        actor=system_principal("tests"), output=str(tmp_path / "checkpoint.json")
    )
    table = "audit_auditcheckpoint"
    _refused(f"UPDATE {table} SET head_seq = 1 WHERE id = %s", [row.pk], "append-only")
    _refused(f"DELETE FROM {table} WHERE id = %s", [row.pk], "append-only")
    stored = AuditCheckpoint.objects.get(pk=row.pk)
    assert (stored.head_seq, stored.head_hash) == (row.head_seq, row.head_hash)


def test_the_test_suites_flush_empties_the_trail_and_leaves_it_append_only(mission):
    """Transactional tests end with Django's flush: on SQLite it deletes past the triggers
    (tests/sqlite_backend), which must be back in place afterwards."""
    audit_record(actor=system_principal("tests"), action="test.flush", changes={})
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEntry.objects.exists()
    entry = audit_record(actor=system_principal("tests"), action="test.flush", changes={})
    _refused("DELETE FROM audit_auditentry WHERE id = %s", [entry.pk], "append-only")
    assert AuditEntry.objects.filter(pk=entry.pk).exists()
