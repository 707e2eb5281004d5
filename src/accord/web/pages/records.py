"""A record page's parts: the record (or the 404 page) and its history panel."""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import FieldDoesNotExist
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accord import access
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


def change_rows(changes: dict, *, model=None, names: dict | None = None) -> list[dict]:
    """An audit entry's ``changes`` as rows: field, old, new (``pair`` False for a plain note).

    With the record's ``model``, each field is named as the model labels it (in the reader's
    language) and a choice by its label; with ``names`` (from :func:`linked_names`), a linked
    record's id is said by its name. Values the model does not know stay as stored.
    """
    rows = []
    for name, value in sorted((changes or {}).items()):
        field = _field(model, name)
        label = _label(field, name)
        if isinstance(value, list) and len(value) == 2:
            old, new = (_shown_value(field, v, names) for v in value)
            rows.append({"field": label, "old": old, "new": new, "pair": True})
        else:
            rows.append({"field": label, "old": None, "new": value, "pair": False})
    return rows


def _field(model, name: str):
    if model is None:
        return None
    try:
        return model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


# The marking's fields are declared once for every app, unlabelled (see accord.marked).
MARKING_LABELS = {"marking": gettext_lazy("Marking"), "owner_nation": gettext_lazy("Owner nation")}


def _label(field, name: str) -> str:
    if name in MARKING_LABELS:
        return str(MARKING_LABELS[name])
    if field is None or not hasattr(field, "verbose_name"):
        return name
    label = str(field.verbose_name)
    return label[:1].upper() + label[1:]


def _shown_value(field, value, names: dict | None):
    """A stored value as its reader reads it: a choice's label, a linked record's name."""
    if field is None or value is None:
        return value
    if getattr(field, "choices", None) and not field.is_relation:
        label = dict(field.flatchoices).get(value)
        return value if label is None else str(label)
    if field.is_relation and names is not None:
        said = names.get(field.related_model, {})
        if isinstance(value, list):
            return [said.get(str(v), v) for v in value]
        return said.get(str(value), value)
    return value


def linked_names(actor, model, changes_list: list[dict]) -> dict:
    """The names of the records that entries' changes link to (foreign keys, many-to-many ids),
    as ``{related model: {id: name}}``, for the records the reader may read: one query for each
    kind of linked record. An id the reader may not read stays an id."""
    wanted: dict = {}
    for changes in changes_list:
        for name, value in (changes or {}).items():
            field = _field(model, name)
            if field is None or not field.is_relation or not isinstance(value, list):
                continue
            ids = wanted.setdefault(field.related_model, set())
            for side in value if len(value) == 2 else ():
                ids.update(v for v in (side if isinstance(side, list) else [side]) if v is not None)
    names = {}
    for related, ids in wanted.items():
        if not ids:
            continue
        rows = related._default_manager.filter(pk__in=ids)
        if hasattr(related, "access_rule"):
            rows = access.visible(rows, actor)
        # Keyed by the id's text: the trail keeps many-to-many ids as strings.
        names[related] = {str(row.pk): _name_of(row) for row in rows}
    return names


def _name_of(record) -> str:
    # A record's own code or name, never ``str()``, which may name records of other markings
    # (a contribution names its site).
    for attr in ("name", "code", "iso3", "title", "reference"):
        value = getattr(record, attr, None)
        if value:
            return str(value)
    return str(record.pk)


def history_rows(
    actor,
    obj,
    *,
    limit: int = HISTORY_LIMIT,
    present: Callable[[dict], dict] | None = None,
    name_links: bool = False,
) -> list:
    """The history panel: the record's audit entries the actor may read, newest first, each with
    its ``change_rows``. ``present`` rewrites an entry's changes for this reader first (transit
    redacts stored route-check messages that name places the reader may not see);
    ``name_links`` says linked records by their names (a query for each kind of them)."""
    entries = list(audit_history(actor=actor, obj=obj)[:limit])
    model = type(obj)
    changed = [present(entry.changes) if present else entry.changes for entry in entries]
    names = linked_names(actor, model, changed) if name_links else None
    for entry, changes in zip(entries, changed, strict=True):
        entry.change_rows = change_rows(changes, model=model, names=names)
    return entries
