"""Attachments API, mounted at /api/v1/documents.

A record's attachments are listed and added under ``/records/{kind}/{key}`` (``kind`` as the
record's kinds are registered: ``decision``, ``fund``, ``shipment``...; ``key`` as the record's
own pages name it); one attachment's facts and content under ``/attachments/{id}``, its
replacement by a new version and its removal under ``/attachments/{id}/replace`` and
``/remove``. Everything answers what the caller may read: a record or attachment out of reach is
not found. The content is sent as a download (``Content-Disposition: attachment``), never to be
shown inline.
"""

import base64
import binascii

from django.utils.translation import gettext as _
from ninja import Router, Status

from accord.core.apiauth import PUBLIC_AUTH
from accord.documents import selectors, services, storage
from accord.documents.schemas import (
    AttachmentIn,
    AttachmentOut,
    AttachmentRemoveIn,
    AttachmentReplaceIn,
)
from accord.errors import ValidationFailed

router = Router(tags=["documents"])


@router.get("/records/{kind}/{key}", response=list[AttachmentOut], auth=PUBLIC_AUTH)
def attachment_list(request, kind: str, key: str):
    """The record's attachments the caller may read, newest first."""
    _found, record = selectors.record_get(actor=request.user, kind=kind, key=key)
    return list(selectors.attachments_of(actor=request.user, record=record))


@router.post("/records/{kind}/{key}", response={201: AttachmentOut})
def attachment_upload(request, kind: str, key: str, payload: AttachmentIn):
    """Attach a file to the record (the caller must be able to change it)."""
    _found, record = selectors.record_get(actor=request.user, kind=kind, key=key)
    attachment = services.attachment_upload(
        actor=request.user,
        record=record,
        name=payload.name,
        content=_decoded(payload.content_base64),
        marking=payload.marking,
    )
    return Status(201, attachment)


def _decoded(content_base64: str) -> bytes:
    try:
        return base64.b64decode(content_base64, validate=True)
    except (binascii.Error, ValueError):
        message = _("The content is not base64: encode the file's bytes in base64.")
        raise ValidationFailed(message, errors={"content_base64": [message]}) from None


@router.post("/attachments/{attachment_id}/replace", response={201: AttachmentOut})
def attachment_replace(request, attachment_id: int, payload: AttachmentReplaceIn):
    """Keep a new version of the attachment (the caller must be able to change its record); the
    old version stays as history."""
    attachment, _record = selectors.attachment_get(actor=request.user, pk=attachment_id)
    new = services.attachment_replace(
        actor=request.user,
        attachment=attachment,
        name=payload.name,
        content=_decoded(payload.content_base64),
    )
    return Status(201, new)


@router.post("/attachments/{attachment_id}/remove", response=AttachmentOut)
def attachment_remove(request, attachment_id: int, payload: AttachmentRemoveIn):
    """Withdraw the attachment (and its earlier versions) from its record, saying why; the file
    is kept for the audit trail. The caller must be able to change its record."""
    attachment, _record = selectors.attachment_get(actor=request.user, pk=attachment_id)
    return services.attachment_remove(
        actor=request.user, attachment=attachment, reason=payload.reason
    )


@router.get("/attachments/{attachment_id}", response=AttachmentOut, auth=PUBLIC_AUTH)
def attachment_get(request, attachment_id: int):
    attachment, _record = selectors.attachment_get(actor=request.user, pk=attachment_id)
    return attachment


@router.get("/attachments/{attachment_id}/content", auth=PUBLIC_AUTH)
def attachment_content(request, attachment_id: int):
    """The file itself, as a download."""
    attachment, _record = selectors.attachment_get(actor=request.user, pk=attachment_id)
    return storage.served(
        attachment.stored_name, filename=attachment.name, media_type=attachment.media_type
    )
