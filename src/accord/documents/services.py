"""Writes of attachments: a file kept beside a record, checked, hashed and audited.

``attachment_upload`` is the one way in; ``attachment_replace`` keeps a new version beside the
old (both hashes audited) and ``attachment_remove`` withdraws a file from its record's panel,
keeping it in the storage and saying who removed it, when and why. An upload or a new version is
refused, in words, when too large, of a kind Accord does not keep, with content that disagrees
with its extension, or with content that runs (``sniff``); the file is kept through the storage,
then the attachment and its audit entry (with the content's SHA-256) are written in one
transaction, and the kept file is removed if that transaction fails, so nothing is half-written.
A PDF's preview is asked of the worker with it.
"""

from __future__ import annotations

import hashlib
import unicodedata

from django.conf import settings
from django.db import transaction
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext as _

from accord import access
from accord.audit.services import audit_record, audited, audited_action, refusals_audited
from accord.documents import kinds, preview, sniff, storage
from accord.documents.choices import PreviewState
from accord.documents.models import Attachment
from accord.documents.previews import preview_enqueue
from accord.errors import Code, Conflict, NotFound, ValidationFailed
from accord.markings import Marking

# How far each marking reaches: an attachment may be read by no more people than its record.
_NARROWNESS = {Marking.PUBLIC: 0, Marking.NRC: 1, Marking.NATO: 2, Marking.NATIONAL: 3}


def clean_name(name: str) -> str:
    """The file's name as a person reads it: no folders, no control characters, at most 200."""
    name = name.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip(" .")
    if len(name) > 200:
        stem, _dot, extension = name.rpartition(".")
        name = f"{stem[: 199 - len(extension)]}.{extension}" if stem else name[:200]
    return name


@refusals_audited("attachment.upload")
def attachment_upload(
    *,
    actor,
    record: Model,
    name: str,
    content: bytes,
    marking: str | None = None,
    owner_nation=None,
) -> Attachment:
    """Attach ``content`` (sent as ``name``) to ``record``; the attachment is marked like the
    record unless a narrower ``marking`` is given."""
    kind = kinds.of_record(record)
    if kind is None:
        raise NotFound(_("Files cannot be attached to this kind of record."))
    access.require_change(actor, record)
    name = clean_name(name)
    verdict = _checked(name, content)
    marking, owner_nation_id = _marking(actor, record, marking, owner_nation)
    digest = hashlib.sha256(content).hexdigest()
    stored = storage.save(storage.new_name(verdict.kind), content)
    try:
        with transaction.atomic():
            attachment = Attachment.objects.create(
                kind=kind.name,
                record_id=str(record.pk),
                name=name,
                media_type=verdict.media_type,
                size=len(content),
                sha256=digest,
                stored_name=stored,
                marking=marking,
                owner_nation_id=owner_nation_id,
                uploaded_by_id=access.principal_of(actor).user_id,
                preview_state=PreviewState.PREPARING
                if verdict.kind == "pdf"
                else PreviewState.NONE,
            )
            audit_record(
                actor=actor,
                action=audited_action(),
                obj=attachment,
                changes={
                    "record": f"{kind.name} {kind.key_of(record)}",
                    "name": name,
                    "media_type": verdict.media_type,
                    "size": len(content),
                    "sha256": digest,
                    "marking": marking,
                },
            )
            if verdict.kind == "pdf":
                preview_enqueue(actor=actor, attachment=attachment)
    except BaseException:
        storage.remove(stored)
        raise
    return attachment


REASON_MAX = 1000


def _record_of(actor, attachment: Attachment) -> tuple[kinds.Kind, Model]:
    """The attachment's kind and record, if the actor reads both the attachment and its record
    (``NotFound`` otherwise, as for one that does not exist)."""
    kind = kinds.named(attachment.kind)
    record = kind.find_by_pk(actor, attachment.record_id) if kind is not None else None
    if (
        record is None
        or attachment.removed_at is not None
        or not access.can_view(actor, attachment)
    ):
        raise NotFound(_("No attachment or record with that name that you may read."))
    return kind, record


def _still_current(attachment: Attachment) -> Attachment:
    """The attachment, locked, if it is still its record's latest version and not removed."""
    current = Attachment.objects.select_for_update().filter(pk=attachment.pk).first()
    if (
        current is None
        or current.removed_at is not None
        or Attachment.objects.filter(replaces=current).exists()
    ):
        raise Conflict(
            _(
                "“%(name)s” has been replaced or removed since you opened the page: reload it "
                "and act on its latest version."
            )
            % {"name": attachment.name}
        )
    return current


@refusals_audited("attachment.replace")
def attachment_replace(*, actor, attachment: Attachment, name: str, content: bytes) -> Attachment:
    """Keep ``content`` (sent as ``name``) as the new version of ``attachment``: checked as an
    upload, marked as the version it replaces; the old version stays as history. Allowed to
    whoever may change the record it is attached to."""
    kind, record = _record_of(actor, attachment)
    access.require_change(actor, record)
    name = clean_name(name)
    verdict = _checked(name, content)
    marking, owner_nation_id = _marking(
        actor, record, attachment.marking, attachment.owner_nation_id
    )
    digest = hashlib.sha256(content).hexdigest()
    stored = storage.save(storage.new_name(verdict.kind), content)
    try:
        with transaction.atomic():
            old = _still_current(attachment)
            new = Attachment.objects.create(
                kind=kind.name,
                record_id=str(record.pk),
                name=name,
                media_type=verdict.media_type,
                size=len(content),
                sha256=digest,
                stored_name=stored,
                marking=marking,
                owner_nation_id=owner_nation_id,
                uploaded_by_id=access.principal_of(actor).user_id,
                replaces=old,
                preview_state=PreviewState.PREPARING
                if verdict.kind == "pdf"
                else PreviewState.NONE,
            )
            audit_record(
                actor=actor,
                action=audited_action(),
                obj=new,
                changes={
                    "record": f"{kind.name} {kind.key_of(record)}",
                    "name": [old.name, name],
                    "media_type": verdict.media_type,
                    "size": len(content),
                    "sha256": [old.sha256, digest],
                    "replaces": old.pk,
                    "marking": marking,
                },
            )
            if verdict.kind == "pdf":
                preview_enqueue(actor=actor, attachment=new)
    except BaseException:
        storage.remove(stored)
        raise
    return new


@audited("attachment.remove")
def attachment_remove(*, actor, attachment: Attachment, reason: str) -> Attachment:
    """Withdraw ``attachment`` and its earlier versions from the record's panel, saying why;
    the files stay in the storage for the audit trail. Allowed to whoever may change the record
    it is attached to."""
    kind, record = _record_of(actor, attachment)
    access.require_change(actor, record)
    reason = (reason or "").strip()
    if not reason or len(reason) > REASON_MAX:
        message = _("Say in at most %(most)s characters why the file is removed.") % {
            "most": REASON_MAX
        }
        raise ValidationFailed(message, errors={"reason": [message]})
    current = _still_current(attachment)
    versions = [current]
    while versions[-1].replaces_id is not None:
        versions.append(Attachment.objects.get(pk=versions[-1].replaces_id))
    now = timezone.now()
    Attachment.objects.filter(pk__in=[v.pk for v in versions]).update(
        removed_at=now, removed_by_id=access.principal_of(actor).user_id, removal_reason=reason
    )
    current.refresh_from_db()
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=current,
        changes={
            "record": f"{kind.name} {kind.key_of(record)}",
            "name": current.name,
            "sha256": [v.sha256 for v in versions],
            "reason": reason,
        },
    )
    return current


def _checked(name: str, content: bytes) -> sniff.Verdict:
    limit = settings.ACCORD_DOCUMENT_MAX_BYTES
    if len(content) > limit:
        raise ValidationFailed(
            _("“%(name)s” is %(size)s MB; an attachment may be at most %(limit)s MB.")
            % {
                "name": name,
                "size": f"{len(content) / 1048576:.1f}",
                "limit": settings.ACCORD_DOCUMENT_MAX_MB,
            },
            code=Code.DOCUMENT_TOO_LARGE,
        )
    allowed = set(settings.ACCORD_DOCUMENT_TYPES)
    verdict = sniff.judge(content, name, allowed)
    if not verdict.refused and verdict.kind == "pdf":
        try:
            if preview.script_count(content):
                verdict = sniff.Verdict(refused=sniff.ACTIVE, said="/javascript")
        except preview.PreviewError:
            verdict = sniff.Verdict(refused=sniff.TYPE, said="damaged pdf")
    if not verdict.refused:
        return verdict
    kinds_kept = ", ".join(sorted(k.upper() for k in allowed))
    if verdict.refused == sniff.ACTIVE:
        detail = _(
            "“%(name)s” was refused: it carries content that runs when it is opened (a script, "
            "a web page or a program). Save it without that content, as a plain PDF for "
            "instance, and send it again."
        ) % {"name": name}
        code = Code.DOCUMENT_ACTIVE_CONTENT
    elif verdict.refused == sniff.MISMATCH:
        detail = _(
            "“%(name)s” was refused: its content is a %(kind)s file, not what its name says. "
            "Give it its own extension and send it again."
        ) % {"name": name, "kind": verdict.said.upper()}
        code = Code.DOCUMENT_TYPE_REFUSED
    elif verdict.refused == sniff.EMPTY:
        detail = _("“%(name)s” is empty: choose the file again.") % {"name": name or "?"}
        code = Code.DOCUMENT_TYPE_REFUSED
    else:
        detail = _(
            "“%(name)s” was refused: Accord keeps only these kinds of file: %(kinds)s, and "
            "reads what a file is from its content."
        ) % {"name": name, "kinds": kinds_kept}
        code = Code.DOCUMENT_TYPE_REFUSED
    raise ValidationFailed(detail, code=code)


def _marking(actor, record, marking, owner_nation) -> tuple[str, int | None]:
    """The attachment's marking: the record's by default, else one at least as narrow, which
    the actor reads."""
    if not marking:
        return record.marking, record.owner_nation_id
    if marking not in _NARROWNESS:
        raise ValidationFailed(_("Choose one of the markings offered."))
    owner_id = None
    if marking == Marking.NATIONAL:  # the nation named, else the uploader's own
        owner_id = getattr(owner_nation, "pk", owner_nation) or access.principal_of(actor).nation_id
    narrower = _NARROWNESS[marking] >= _NARROWNESS[record.marking]
    if record.marking == Marking.NATIONAL:
        narrower = marking == Marking.NATIONAL and owner_id == record.owner_nation_id
    if not narrower:
        detail = _(
            "The record is marked %(record)s: its attachment may be marked the same or narrower, "
            "not %(marking)s."
        ) % {"record": record.get_marking_display(), "marking": Marking(marking).label}
        raise ValidationFailed(detail, code=Code.DOCUMENT_MARKING_TOO_LOW)
    probe = Attachment(marking=marking, owner_nation_id=owner_id)
    if (marking == Marking.NATIONAL and owner_id is None) or not access.can_view(actor, probe):
        detail = _("You may not mark an attachment so that you could not read it yourself.")
        raise ValidationFailed(detail)
    return marking, owner_id
