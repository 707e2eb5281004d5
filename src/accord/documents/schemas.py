"""The API's schemas of attachments (``/api/v1/documents/...``)."""

import datetime as dt

from django.urls import reverse
from ninja import Field, Schema

from accord.documents.choices import PreviewState
from accord.inputs import Input
from accord.markings import Marking


class AttachmentIn(Input):
    """A file to attach: its name (whose extension must agree with its content), its content
    in base64, and a marking at least as narrow as its record's (default: the record's)."""

    name: str = Field(min_length=1, max_length=255)
    content_base64: str = Field(min_length=1)
    marking: Marking | None = None


class AttachmentReplaceIn(Input):
    """A new version of an attachment: its name and its content in base64 (marked as the version
    it replaces)."""

    name: str = Field(min_length=1, max_length=255)
    content_base64: str = Field(min_length=1)


class AttachmentRemoveIn(Input):
    """Why the file is removed (kept in the audit trail)."""

    reason: str = Field(min_length=1, max_length=1000)


class AttachmentOut(Schema):
    id: int
    kind: str
    record_id: str
    name: str
    media_type: str
    size: int
    sha256: str
    marking: Marking
    uploaded_by: str
    uploaded_at: dt.datetime
    preview: PreviewState
    replaces: int | None
    removed_at: dt.datetime | None
    content_url: str
    preview_url: str | None

    @staticmethod
    def resolve_uploaded_by(obj) -> str:
        return obj.uploaded_by.username if obj.uploaded_by_id else ""

    @staticmethod
    def resolve_replaces(obj) -> int | None:
        return obj.replaces_id

    @staticmethod
    def resolve_preview(obj) -> str:
        return obj.preview_state

    @staticmethod
    def resolve_content_url(obj) -> str:
        return f"/api/v1/documents/attachments/{obj.pk}/content"

    @staticmethod
    def resolve_preview_url(obj) -> str | None:
        if obj.preview_state != PreviewState.READY:
            return None
        return reverse("documents:preview", args=[obj.pk])
