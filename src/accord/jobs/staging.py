"""Files a task reads, kept from the request that asks for the task until its worker has read
them: an upload too large to import in the request (a month's payroll, an IATI file, a
carrier's CSV of events).

They wait in the ``documents`` storage, which the web servers and the workers share as they do
an attachment's, under ``staged/<what>/`` and a name nobody can guess. The task removes them once
the import is done or refused for good; a task retried after its worker was lost reads them
again.
"""

from __future__ import annotations

import secrets

from django.core.files.base import ContentFile
from django.core.files.storage import storages

STAGED = "staged"


def _store():
    return storages["documents"]


def stage(what: str, name: str, content: bytes, *, extension: str) -> dict:
    """Keep an uploaded file for a task; returns what the task's arguments carry (its name as
    uploaded, shown to the user, and where it is kept)."""
    stored = _store().save(
        f"{STAGED}/{what}/{secrets.token_hex(16)}.{extension}", ContentFile(content)
    )
    return {"name": name[:200], "stored": stored}


def staged(file: dict) -> bytes:
    """The content of a file kept by ``stage``."""
    with _store().open(file["stored"], "rb") as handle:
        return handle.read()


def unstage(*files: dict) -> None:
    """Remove files kept by ``stage`` (those already removed are skipped)."""
    for file in files:
        if _store().exists(file["stored"]):
            _store().delete(file["stored"])


def staged_names(what: str) -> list[str]:
    """The files waiting under ``staged/<what>/`` (for the tests and operators)."""
    folder = f"{STAGED}/{what}"
    return _store().listdir(folder)[1] if _store().exists(folder) else []
