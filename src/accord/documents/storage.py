"""Where attachments' bytes are kept: Django's storage named ``documents`` (the file system under
``ACCORD_DOCUMENTS_DIR`` by default, an S3-compatible store by setting; docs/documents.md)."""

from __future__ import annotations

import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.http import FileResponse
from django.utils import timezone


def store():
    return storages["documents"]


def new_name(extension: str) -> str:
    """A stored name nobody can guess or choose: year/month/random, with the kind's extension."""
    now = timezone.now()
    return f"{now:%Y}/{now:%m}/{secrets.token_hex(16)}.{extension}"


def save(name: str, content: bytes) -> str:
    """Keep ``content`` under ``name`` (or the name the storage chose, which it returns)."""
    return store().save(name, ContentFile(content))


def read(name: str) -> bytes:
    with store().open(name, "rb") as handle:
        return handle.read()


def open_file(name: str):
    return store().open(name, "rb")


def remove(name: str) -> None:
    """Remove a kept file; a file already gone is not an error."""
    if name:
        store().delete(name)


# Nothing in a served file may run or load anything, even if a browser were to open it.
FILE_POLICY = "default-src 'none'; sandbox; frame-ancestors 'none'; form-action 'none'"


def served(name: str, *, filename: str = "", media_type: str) -> FileResponse:
    """A kept file as an answer: a download named ``filename`` (never shown inline), or, without
    a filename, an image Accord drew itself (the preview); with ``nosniff`` and a policy under
    which nothing in it runs."""
    response = FileResponse(
        open_file(name), as_attachment=bool(filename), filename=filename, content_type=media_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = FILE_POLICY
    response["Cache-Control"] = "private, no-store"
    response["Cross-Origin-Resource-Policy"] = "same-origin"
    return response
