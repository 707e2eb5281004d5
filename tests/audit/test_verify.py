"""``accord audit verify``: passes on an intact trail and names the first entry tampered with.

The tampering is done the way an intruder with database access would: raw SQL, after getting past
the append-only triggers (on PostgreSQL only the table's owner can disable them). Each test runs
on the chain verified in one walk and in ranges joined as worker processes' ranges are (the
``walk`` fixture); test_verify_ranges.py shows that both say the same on any tampering.
"""

import hashlib
import importlib
import json
from io import StringIO
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from accord.access import system_principal
from accord.audit.models import AuditEntry, AuditSeal
from accord.audit.services import audit_record, audit_seal_pending
from tests.audit.tampering import ENTRY, SEAL, triggers_off

pytestmark = pytest.mark.usefixtures("walk")


def verify() -> str:
    out = StringIO()
    call_command("audit", "verify", stdout=out)
    return out.getvalue()


def broken() -> str:
    with pytest.raises(CommandError) as caught:
        verify()
    return str(caught.value)


def test_an_intact_trail_verifies(trail):
    out = verify()
    assert "The audit trail is intact" in out
    assert f"{AuditSeal.objects.count()} sealed entries, 0 awaiting" in out


def test_an_unsealed_entry_is_counted_as_pending(trail):
    audit_record(actor=system_principal("tests"), action="site.update", changes={})
    assert "1 awaiting their seal" in verify()


def test_the_database_refuses_to_edit_the_trail(trail):
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"UPDATE {ENTRY} SET actor_name = 'mallory' WHERE id = %s", [trail[2]])
    with (
        pytest.raises(DatabaseError, match="append-only"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute(f"UPDATE {SEAL} SET prev_hash = 'x' WHERE entry_id = %s", [trail[2]])
    assert AuditEntry.objects.get(pk=trail[2]).actor_name == "system:tests"


def test_the_database_refuses_to_delete_from_the_trail(trail):
    for table, column in ((ENTRY, "id"), (SEAL, "entry_id")):
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(f"DELETE FROM {table} WHERE {column} = %s", [trail[2]])
    assert AuditEntry.objects.filter(pk=trail[2]).exists()
    assert AuditSeal.objects.filter(entry_id=trail[2]).exists()
    assert "The audit trail is intact" in verify()


def test_the_database_refuses_to_truncate_the_tail(trail):
    """Deleting the newest seal and its entry would leave a shorter chain that still verifies
    (only a checkpoint shows it, see test_checkpoints.py): the database refuses it first."""
    head = AuditSeal.objects.order_by("-seq").first()
    for table, column in ((SEAL, "seq"), (ENTRY, "id")):
        value = head.seq if table == SEAL else head.entry_id
        with (
            pytest.raises(DatabaseError, match="append-only"),
            transaction.atomic(),
            connection.cursor() as cursor,
        ):
            cursor.execute(f"DELETE FROM {table} WHERE {column} >= %s", [value])
    assert AuditSeal.objects.order_by("-seq").first() == head
    assert AuditEntry.objects.filter(pk=head.entry_id).exists()


def test_the_django_orm_cannot_delete_from_the_trail_either(trail):
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=trail[0]).delete()
    assert AuditEntry.objects.filter(pk=trail[0]).exists()


def _seq(entry_id: int) -> int:
    return AuditSeal.objects.get(entry_id=entry_id).seq


def test_an_edited_entry_is_named(trail):
    target = trail[2]
    with triggers_off(ENTRY) as cursor:
        cursor.execute(f"UPDATE {ENTRY} SET actor_name = 'mallory' WHERE id = %s", [target])
    message = broken()
    assert f"entry {target} (seal {_seq(target)})" in message
    assert "content does not match its digest" in message
    assert f"{_seq(target) - 1} seals were intact before it" in message


def test_an_edit_with_a_recomputed_plain_hash_is_still_caught(trail):
    """Without Accord's key, a forger cannot make a digest that matches."""
    target = trail[1]
    fake = hashlib.sha256(b"mallory").hexdigest()
    with triggers_off(ENTRY) as cursor:
        cursor.execute(
            f"UPDATE {ENTRY} SET actor_name = 'mallory', digest = %s WHERE id = %s", [fake, target]
        )
    assert f"entry {target} (seal {_seq(target)})" in broken()


def test_a_deleted_entry_is_named(trail):
    target, seq = trail[3], _seq(trail[3])
    with triggers_off(ENTRY) as cursor:
        cursor.execute(f"DELETE FROM {ENTRY} WHERE id = %s", [target])
    message = broken()
    assert f"entry {target} (seal {seq}): the entry is missing" in message


def test_a_deleted_seal_is_named(trail):
    target, seq = trail[1], _seq(trail[1])
    with triggers_off(SEAL) as cursor:
        cursor.execute(f"DELETE FROM {SEAL} WHERE entry_id = %s", [target])
    assert f"seal {seq} is missing" in broken()


def test_an_entry_inserted_behind_accords_back_is_named(trail):
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {ENTRY} (occurred_at, actor_id, actor_name, action, outcome, error_code, "
            "object_type, object_id, object_repr, changes, marking, owner_nation_id, via, digest) "
            "VALUES (%s, NULL, 'mallory', 'site.update', 'done', '', 'core.site', '1', '', '{}', "
            "'PUBLIC', NULL, '', %s) RETURNING id",
            [
                "2024-01-01 00:00:00+00:00"
                if connection.vendor == "sqlite"
                else "2024-01-01T00:00Z",
                "0" * 64,
            ],
        )
        forged = cursor.fetchone()[0]
    message = broken()
    assert f"entry {forged} (unsealed): it was not written by Accord" in message


def test_a_seal_inserted_behind_accords_back_is_named(trail):
    head = AuditSeal.objects.order_by("-seq").first()
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {SEAL} (seq, entry_id, prev_hash, chain_hash, sealed_at) "
            "VALUES (%s, %s, %s, %s, %s)",
            [head.seq + 1, trail[0] + 10_000, "f" * 64, "e" * 64, head.sealed_at],
        )
    message = broken()
    assert f"(seal {head.seq + 1})" in message
    assert "does not follow the previous one" in message


def test_the_verify_api_says_the_same(trail, client_as):
    with triggers_off(ENTRY) as cursor:
        cursor.execute(f"UPDATE {ENTRY} SET via = 'x' WHERE id = %s", [trail[4]])
    body = client_as("auditor").get("/api/v1/audit/verify").json()
    assert body["intact"] is False
    assert body["first_break"].startswith(f"entry {trail[4]} (seal {_seq(trail[4])})")


def test_edited_stored_bytes_are_named(trail):
    """The digest is checked over the bytes kept with the entry: bytes changed under fields
    left alone break it as an edited field does."""
    target = trail[2]
    stored = bytes(AuditEntry.objects.get(pk=target).canonical)
    with triggers_off(ENTRY) as cursor:
        cursor.execute(
            f"UPDATE {ENTRY} SET canonical = %s WHERE id = %s",
            [stored.replace(b"system:tests", b"system:mallo"), target],
        )
    message = broken()
    assert f"entry {target} (seal {_seq(target)})" in message
    assert "content does not match its digest" in message


def test_fields_edited_to_match_no_longer_bytes_are_named(trail):
    """An edit of a field that the bytes contradict (the changes shown in the history) is named
    though the bytes and their digest are intact."""
    target = trail[3]
    with triggers_off(ENTRY) as cursor:
        cursor.execute(
            f"UPDATE {ENTRY} SET changes = %s WHERE id = %s", ['{"notes": ["", "99"]}', target]
        )
    message = broken()
    assert f"entry {target} (seal {_seq(target)})" in message
    assert "content does not match its digest" in message


def test_an_entry_without_its_bytes_is_named(trail):
    target = trail[1]
    with triggers_off(ENTRY) as cursor:
        cursor.execute(f"UPDATE {ENTRY} SET canonical = NULL WHERE id = %s", [target])
    assert f"entry {target} (seal {_seq(target)})" in broken()


def test_the_migration_fills_the_bytes_of_earlier_entries_as_their_digest_was_made(trail):
    """Entries written before the bytes were kept get them from their fields, as their digest
    was made: the chain verifies, an entry whose fields had been edited still fails, and the
    append-only triggers are back afterwards."""
    fill = importlib.import_module("accord.audit.migrations.0006_auditentry_canonical").fill
    edited = trail[4]
    label = AuditEntry.objects.values_list("object_repr", flat=True).get(pk=edited)
    with triggers_off(ENTRY) as cursor:
        cursor.execute(f"UPDATE {ENTRY} SET canonical = NULL")
        cursor.execute(f"UPDATE {ENTRY} SET object_repr = 'mallory' WHERE id = %s", [edited])
    fill(apps, SimpleNamespace(connection=connection))
    assert not AuditEntry.objects.filter(canonical__isnull=True).exists()
    assert f"entry {edited} (seal {_seq(edited)})" in broken()
    with triggers_off(ENTRY) as cursor:
        cursor.execute(
            f"UPDATE {ENTRY} SET canonical = NULL, object_repr = %s WHERE id = %s", [label, edited]
        )
    fill(apps, SimpleNamespace(connection=connection))
    assert "The audit trail is intact" in verify()
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(pk=edited).update(via="x")


def test_bytes_that_are_not_json_are_named(trail):
    """The database compares the fields with the bytes as it reads them; bytes it cannot read
    as JSON (PostgreSQL refuses the whole query) are still named, by comparing here."""
    target = trail[2]
    with triggers_off(ENTRY) as cursor:
        cursor.execute(
            f"UPDATE {ENTRY} SET canonical = %s WHERE id = %s", [b"\xff{not json", target]
        )
    message = broken()
    assert f"entry {target} (seal {_seq(target)})" in message
    assert "content does not match its digest" in message


@pytest.mark.sqlite
def test_a_field_of_another_type_is_named(trail):
    """SQLite keeps any type in any column: a field it cannot encode as JSON is named too."""
    target = trail[1]
    with triggers_off(ENTRY) as cursor:
        cursor.execute(f"UPDATE {ENTRY} SET object_repr = X'00ff' WHERE id = %s", [target])
    assert f"entry {target} (seal {_seq(target)})" in broken()


def test_changes_stored_in_another_encoding_still_verify(trail):
    """Entries written before the changes were stored as the bytes encode them (keys in any
    order, text escaped) say the same thing: the verifier compares those itself."""
    target = trail[3]
    with triggers_off(ENTRY) as cursor:
        cursor.execute(
            f"UPDATE {ENTRY} SET changes = %s WHERE id = %s",
            [json.dumps(AuditEntry.objects.get(pk=target).changes, indent=1), target],
        )
    assert "The audit trail is intact" in verify()


def test_fields_holding_what_json_escapes_verify_and_their_edit_is_named(trail):
    """A quote, a backslash or a line break in a field is escaped in the bytes: the database
    leaves such entries to the verifier (a quote or a backslash before it compares, a line break
    because it finds the text unequal), which still finds them intact, and edited, even to the
    escaped text the bytes hold."""
    entry = audit_record(
        actor=system_principal("te\\ts"),
        action="site.update",
        changes={"notes": ["", 'say "x"\nthen \\ Кабул']},
    )
    labelled = audit_record(
        actor=system_principal("tests"), action="site.update", object_label='say "x"\nthen'
    )
    audit_seal_pending()
    assert "The audit trail is intact" in verify()
    escaped = json.dumps(entry.actor_name)[1:-1]  # as the bytes hold it
    with triggers_off(ENTRY) as cursor:
        cursor.execute(f"UPDATE {ENTRY} SET actor_name = %s WHERE id = %s", [escaped, entry.pk])
    assert f"entry {entry.pk} (seal {_seq(entry.pk)})" in broken()
    with triggers_off(ENTRY) as cursor:
        cursor.execute(
            f"UPDATE {ENTRY} SET actor_name = %s WHERE id = %s", [entry.actor_name, entry.pk]
        )
        cursor.execute(f"UPDATE {ENTRY} SET object_type = 'say x' WHERE id = %s", [labelled.pk])
    assert f"entry {labelled.pk} (seal {_seq(labelled.pk)})" in broken()
