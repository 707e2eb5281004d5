"""A record page's parts: the record (or the 404 page) and its history panel."""

from __future__ import annotations

from collections.abc import Callable

from django.http import Http404
from django.utils.translation import gettext as _

from accord.audit.selectors import audit_history
from accord.errors import NotFound

HISTORY_LIMIT = 100


def record_or_404(get: Callable, *args, **kwargs):
    """The record a selector finds for the actor, or the 404 page.

    A record outside the reader's reach is NotFound in the selector, and a malformed identifier
    (a letter where a number goes) a ValueError: both are the same 404, so that a record's
    existence never leaks.
    """
    try:
        return get(*args, **kwargs)
    except (NotFound, ValueError) as error:
        detail = getattr(error, "detail", "") or _("No such record that you may read.")
        raise Http404(detail) from None


def change_rows(changes: dict) -> list[dict]:
    """An audit entry's ``changes`` as rows: field, old, new (``pair`` False for a plain note)."""
    rows = []
    for name, value in sorted((changes or {}).items()):
        if isinstance(value, list) and len(value) == 2:
            rows.append({"field": name, "old": value[0], "new": value[1], "pair": True})
        else:
            rows.append({"field": name, "old": None, "new": value, "pair": False})
    return rows


def history_rows(
    actor, obj, *, limit: int = HISTORY_LIMIT, present: Callable[[dict], dict] | None = None
) -> list:
    """The history panel: the record's audit entries the actor may read, newest first, each with
    its ``change_rows``. ``present`` rewrites an entry's changes for this reader first (transit
    redacts stored route-check messages that name places the reader may not see)."""
    entries = list(audit_history(actor=actor, obj=obj)[:limit])
    for entry in entries:
        changes = present(entry.changes) if present else entry.changes
        entry.change_rows = change_rows(changes)
    return entries
