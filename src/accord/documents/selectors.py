"""Reads of attachments, always under the access policy: an attachment is read by whoever reads
its record and its own marking; anything else is not found."""

from __future__ import annotations

from django.db.models import Model, QuerySet
from django.utils.translation import gettext as _

from accord import access
from accord.documents import kinds
from accord.documents.models import Attachment
from accord.errors import NotFound


def _not_found() -> NotFound:
    return NotFound(_("No attachment or record with that name that you may read."))


def record_get(*, actor, kind: str, key: str) -> tuple[kinds.Kind, Model]:
    """The kind and the record a page or the API names, if the actor may read it."""
    found = kinds.named(kind)
    record = found.find(actor, key) if found is not None else None
    if record is None:
        raise _not_found()
    return found, record


def attachments_of(*, actor, record: Model, history: bool = False) -> QuerySet:
    """The attachments of ``record`` the actor may read (none if they may not read the record):
    their latest versions, or with ``history`` the versions they replaced too; never a removed
    one."""
    kind = kinds.of_record(record)
    if kind is None or not access.can_view(actor, record):
        return Attachment.objects.none()
    found = (
        Attachment.objects.visible_to(actor)
        .filter(kind=kind.name, record_id=str(record.pk), removed_at__isnull=True)
        .select_related("uploaded_by", "owner_nation")
    )
    return found if history else found.filter(replaced_by__isnull=True)


def with_history(rows: list[Attachment]) -> list[tuple[Attachment, list[Attachment]]]:
    """The latest versions among ``rows`` (``attachments_of(history=True)``), each with the
    earlier versions it replaced that are among them, newest first."""
    by_pk = {row.pk: row for row in rows}
    replaced = {row.replaces_id for row in rows if row.replaces_id is not None}
    found = []
    for row in rows:
        if row.pk in replaced:
            continue
        earlier, step = [], by_pk.get(row.replaces_id)
        while step is not None:
            earlier.append(step)
            step = by_pk.get(step.replaces_id)
        found.append((row, earlier))
    return found


def attachment_get(*, actor, pk) -> tuple[Attachment, Model]:
    """An attachment and its record, if the actor may read both (``NotFound`` otherwise, the
    same for one out of reach as for one that does not exist)."""
    if not str(pk).isdigit():
        raise _not_found()
    attachment = Attachment.objects.visible_to(actor).filter(pk=pk, removed_at__isnull=True).first()
    kind = kinds.named(attachment.kind) if attachment is not None else None
    record = kind.find_by_pk(actor, attachment.record_id) if kind is not None else None
    if record is None:
        raise _not_found()
    return attachment, record
