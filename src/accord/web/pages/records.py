"""A record page's parts: the record (or the 404 page) and its history panel."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.db.models import ForeignObjectRel
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accord import access
from accord.audit.selectors import WITHHELD_PREFIX, audit_history, renames_in_trail
from accord.errors import NotFound
from accord.l10n import format_day, format_moment, format_number
from accord.money import MoneyError, format_money
from accord.names import in_language

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


def change_rows(
    changes: dict,
    *,
    model=None,
    names: dict | None = None,
    obj=None,
    entry_id: int | None = None,
) -> list[dict]:
    """An audit entry's ``changes`` as rows: field, old, new (``pair`` False for a plain note).

    With the record's ``model``, each field is named as the model labels it (in the reader's
    language), a choice by its label, a day or an instant as the reader's language writes it,
    yes or no for a flag; with the record itself (``obj``), an amount in minor units as money
    in its currency. With ``names`` (from :func:`linked_names`), a linked record's id is said by
    its name as it was after entry ``entry_id``, and one the reader may not read as such.
    Values the model does not know stay as stored.
    """
    rows = []
    model = model or (type(obj) if obj is not None else None)
    if isinstance(names, dict):
        names = LinkedNames(names, {})
    for name, value in sorted((changes or {}).items()):
        field = _field(model, name)
        if getattr(field, "primary_key", False):
            continue  # the record's own id: the page is about it
        label = _label(field, name, model)
        said = _Said(model, field, obj, names, entry_id)
        if isinstance(value, list) and len(value) == 2:
            old, new = said(value[0]), said(value[1])
            rows.append({"field": label, "old": old, "new": new, "pair": True})
        else:
            rows.append({"field": label, "old": None, "new": value, "pair": False})
    return rows


def _field(model, name: str):
    if model is None:
        return None
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return None
    # A reverse relation (another record's link to this one) is no field of the record's own.
    return None if isinstance(field, ForeignObjectRel) else field


# The marking's fields are declared once for every app, unlabelled (see accord.marked).
MARKING_LABELS = {"marking": gettext_lazy("Marking"), "owner_nation": gettext_lazy("Owner nation")}


def _label(field, name: str, model=None) -> str:
    if name in MARKING_LABELS:
        return str(MARKING_LABELS[name])
    if field is None or not hasattr(field, "verbose_name"):
        # A fact the service recorded beside the fields (a break's statement, its nation): the
        # model names it in ``change_labels``; else said in words, never as an attribute.
        if model is None:
            return name  # no record to say it by: as stored
        said = getattr(model, "change_labels", {}).get(name)
        return str(said) if said else name.replace("_", " ").capitalize()
    label = str(field.verbose_name)
    return label[:1].upper() + label[1:]


class _Said:
    """One field's stored values as its reader reads them."""

    def __init__(self, model, field, obj, names, entry_id):
        self.model, self.field, self.obj = model, field, obj
        self.names, self.entry_id = names, entry_id

    def __call__(self, value):
        field = self.field
        if field is None or value is None or value == "":
            return value
        if isinstance(value, str) and value.startswith(WITHHELD_PREFIX):
            marking = value.removeprefix(WITHHELD_PREFIX).strip(" )")
            # The marking's code, as the entry stores it (NATO, NRC...).
            return _("(withheld: was marked %(marking)s)") % {"marking": marking}
        listed = getattr(self.model, "listed_choices", {}).get(field.name)
        if listed is not None and isinstance(value, list):
            return [_choice_label(listed, v) for v in value]
        if field.is_relation:
            return self._linked(value)
        if getattr(field, "choices", None):
            label = dict(field.flatchoices).get(value)
            return value if label is None else str(label)
        return _plain(field, value, self._currency())

    def _linked(self, value):
        if self.names is None:
            return value
        related = self.field.related_model
        if isinstance(value, list):
            return [self.names.name(related, v, self.entry_id) for v in value]
        return self.names.name(related, value, self.entry_id)

    def _currency(self) -> str | None:
        """The currency of a ``*_minor`` amount: the record says it (``currency_of``), or its
        own ``currency``."""
        if self.obj is None or not self.field.name.endswith("_minor"):
            return None
        currency_of = getattr(self.obj, "currency_of", None)
        return currency_of(self.field.name) if currency_of else getattr(self.obj, "currency", None)


def _choice_label(choices, value) -> str:
    label = dict(choices.choices).get(value)
    return value if label is None else str(label)


def _plain(field, value, currency: str | None):
    """A value of no choice and no link: money, a day, an instant, a flag, a figure."""
    try:
        if currency and isinstance(value, int) and not isinstance(value, bool):
            return format_money(value, currency)
        if isinstance(field, models.DateTimeField) and isinstance(value, str):
            return format_moment(datetime.fromisoformat(value), timezone.get_current_timezone())
        if isinstance(field, models.DateField) and isinstance(value, str):
            return format_day(date.fromisoformat(value))
        if isinstance(field, models.BooleanField) and isinstance(value, bool):
            return _("yes") if value else _("no")
        if isinstance(field, models.DecimalField) and isinstance(value, str):
            return format_number(Decimal(value))
        if isinstance(field, models.IntegerField) and isinstance(value, int):
            return format_number(value)
    except (ValueError, ArithmeticError, MoneyError):
        pass  # a value of another form (an older entry's) is shown as stored
    return value


class LinkedNames:
    """The names of the records an entry's changes link to, for one reader: each record as it
    is named now and, from its own trail, as it was named before each rename (``name``). A
    record the reader may not read is never named."""

    def __init__(self, now: dict, renames: dict):
        self.now = now  # {related model: {id: name}}
        self.renames = renames  # {related model: {id: [(entry id, name before), ...] ascending}}

    def name(self, related, ident, after_entry: int | None = None):
        if not _is_id(related, ident):
            return ident  # a code stored where the record's id goes (an older entry's form)
        key = str(ident)
        current = self.now.get(related, {}).get(key)
        if current is None:
            return _("(a record you may not read)")
        if after_entry is not None:
            for renamed_at, before in self.renames.get(related, {}).get(key, ()):
                if renamed_at > after_entry:
                    return before
        return current


def linked_names(actor, model, changes_list: list[dict]) -> LinkedNames:
    """The names of the records that entries' changes link to (foreign keys, many-to-many ids)
    for the records the reader may read, and their renames the reader may read in their trail:
    a query for each kind of linked record, and one for the renames of them all."""
    wanted: dict = {}
    for changes in changes_list:
        for name, value in (changes or {}).items():
            field = _field(model, name)
            if field is None or not field.is_relation or not isinstance(value, list):
                continue
            ids = wanted.setdefault(field.related_model, set())
            for side in value if len(value) == 2 else ():
                items = side if isinstance(side, list) else [side]
                ids.update(
                    str(v) for v in items if v is not None and _is_id(field.related_model, v)
                )
    now = {}
    for related, ids in wanted.items():
        if not ids:
            continue
        rows = related._default_manager.filter(pk__in=ids)
        if hasattr(related, "access_rule"):
            rows = access.visible(rows, actor)
        # Keyed by the id's text: the trail keeps many-to-many ids as strings.
        now[related] = {str(row.pk): _name_of(row) for row in rows}
    return LinkedNames(now, _renames(actor, now))


def _is_id(related, value) -> bool:
    """Whether ``value`` has the form of the related model's primary key."""
    try:
        related._meta.pk.to_python(value)
    except (ValidationError, ValueError, TypeError):
        return False
    return True


def _renames(actor, now: dict) -> dict:
    """``{related model: {id: [(entry id, name before), ...]}}`` from the renames in the named
    records' own trail (one query for them all)."""
    wanted, models_by_label = [], {}
    for related, names in now.items():
        attr = next((a for a in NAME_FIELDS if _field(related, a) is not None), None)
        if attr is not None and names:
            wanted.append((related, list(names), attr))
            models_by_label[related._meta.label_lower] = related
    found: dict = {}
    for label, entry_id, object_id, before in renames_in_trail(actor=actor, wanted=wanted):
        by_id = found.setdefault(models_by_label[label], {})
        by_id.setdefault(object_id, []).append((entry_id, before))
    return found


# A record's own naming fields, in the order that names it best for a reader.
NAME_FIELDS = ("name", "title")


def _name_of(record) -> str:
    # A record's own name (``display_name`` where a model composes one from its own fields),
    # in the reader's language where the record keeps one (accord.names), never ``str()``,
    # which may name records of other markings (a contribution names its site); a code only
    # where it has no name.
    shown = getattr(record, "display_name", None)
    if shown:
        return str(shown)
    for attr in (*NAME_FIELDS, "code", "iso3", "reference"):
        value = in_language(record, attr) if attr == "name" else getattr(record, attr, None)
        if value:
            return str(value)
    return str(record.pk)


def history_rows(
    actor,
    obj,
    *,
    limit: int = HISTORY_LIMIT,
    present: Callable[[dict], dict] | None = None,
    name_links: bool = True,
) -> list:
    """The history panel: the record's audit entries the actor may read, newest first, each with
    its ``change_rows``. ``present`` rewrites an entry's changes for this reader first (transit
    redacts stored route-check messages that name places the reader may not see);
    ``name_links`` says linked records by their names as they were then (a query for each kind
    of them and one for their renames; False keeps their ids)."""
    entries = list(audit_history(actor=actor, obj=obj)[:limit])
    model = type(obj)
    changed = [present(entry.changes) if present else entry.changes for entry in entries]
    names = linked_names(actor, model, changed) if name_links else None
    for entry, changes in zip(entries, changed, strict=True):
        entry.change_rows = change_rows(
            changes, model=model, names=names, obj=obj, entry_id=entry.pk
        )
    return entries
