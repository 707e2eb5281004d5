"""A PDF attachment's preview: its first page drawn as a PNG image by the worker.

The upload enqueues ``preview_task`` with its write (``services.attachment_upload``); the worker
reads the kept PDF, draws its first page (``preview.first_page_png``), keeps the image beside it
and marks the attachment's preview ready, or failed for a PDF PDFium cannot draw. The record's
page says "preparing" until then.
"""

from __future__ import annotations

import hashlib

from django.db import transaction
from django.tasks import task

from accord.audit.services import audit_record, refusals_audited
from accord.documents import preview, storage
from accord.documents.choices import PreviewState
from accord.documents.models import Attachment
from accord.jobs.choices import TaskKind
from accord.jobs.services import task_enqueue, task_work


def preview_enqueue(*, actor, attachment: Attachment) -> None:
    """Ask the worker for the preview, inside the caller's transaction (an outbox)."""
    task_enqueue(
        actor=actor,
        task=preview_task,
        kind=TaskKind.DOCUMENT_PREVIEW,
        subject=attachment.name,
        kwargs={"attachment_id": attachment.pk},
    )


@refusals_audited("attachment.preview")
def attachment_preview_render(*, actor, attachment_id: int) -> str:
    """Draw and keep the preview of one attachment; returns its preview state. Accord's own
    work on a file already kept: the uploader's access was checked when it was kept."""
    attachment = Attachment.objects.filter(pk=attachment_id).first()
    if attachment is None or attachment.preview_state == PreviewState.READY:
        return attachment.preview_state if attachment else PreviewState.NONE
    try:
        image = preview.first_page_png(storage.read(attachment.stored_name))
    except preview.PreviewError:
        image = None
    name = ""
    if image is not None:
        name = storage.save(attachment.stored_name.rsplit(".", 1)[0] + ".preview.png", image)
    state = PreviewState.READY if image is not None else PreviewState.FAILED
    try:
        with transaction.atomic():
            Attachment.objects.filter(pk=attachment.pk).update(
                preview_state=state, preview_name=name
            )
            changes = {"preview_state": [attachment.preview_state, state]}
            if image is not None:
                changes["preview_sha256"] = hashlib.sha256(image).hexdigest()
            audit_record(actor=actor, action="attachment.preview", obj=attachment, changes=changes)
    except BaseException:
        storage.remove(name)
        raise
    return state


@task(takes_context=True)
def preview_task(context, attachment_id: int) -> str:
    with task_work(context) as work:
        return attachment_preview_render(actor=work.actor, attachment_id=attachment_id)
