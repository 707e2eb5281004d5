"""The registry of records a finding may cite, and how a citation is read for one reader.

A citation stores a kind (a model's label) and an id. Each kind is declared here once: the
model's label, the field by which people name such a record (a tail number, a reference) and
the page that shows it. A cited record is read through the model's own access door
(``Model.objects.visible_to(actor)``), so a reader is shown only the records the policy lets them
read; one they may not read is left out entirely, as if it were not cited. Apps above oversight
(advising) add their kinds with ``register``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.apps import apps
from django.db import models
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _

from accord.audit.services import label_of
from accord.registry import Registry


@dataclass(frozen=True)
class Citable:
    """One kind of record a finding may cite."""

    label: str  # the model's label, lower case: "funds.disbursement"
    # The field people name a record by, as its page shows it: "number", "reference", a fund
    # record's ledger entry ("entry_id"), or "pk" where the page's address is all there is.
    key: str
    url: Callable[[models.Model], str] | None = None  # the record's page

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.label)

    @property
    def name(self) -> str:
        return str(self.model._meta.verbose_name)


def _page(name: str, attr: str = "pk") -> Callable[[models.Model], str]:
    def url(obj) -> str:
        value = obj
        for part in attr.split("."):
            value = getattr(value, part)
        return reverse(name, args=[value])

    return url


_REGISTRY: Registry[Citable] = Registry("citable kind", on_repeat="replace")


def register(citable: Citable) -> None:
    """Declare a kind of record findings may cite (once per label)."""
    _REGISTRY.add(citable.label, citable)


for _citable in (
    Citable("funds.pledge", "entry_id", _page("funds:detail", "fund.code")),
    Citable("funds.contribution", "entry_id", _page("funds:detail", "fund.code")),
    Citable("funds.commitment", "entry_id", _page("funds:detail", "fund.code")),
    Citable("funds.disbursement", "entry_id", _page("funds:detail", "fund.code")),
    Citable("funds.trustfund", "code", _page("funds:detail", "code")),
    Citable("fleet.aircraft", "tail_number", _page("fleet:aircraft-detail", "tail_number")),
    Citable("fleet.workorder", "number", _page("fleet:work-order-detail", "number")),
    Citable("fleet.partsorder", "number", _page("fleet:parts-order-detail", "number")),
    Citable("transit.shipment", "reference", _page("transit:shipment-detail", "reference")),
    Citable("council.decision", "reference", _page("council:decision-detail", "reference")),
    Citable("personnel.person", "pk", _page("personnel:person-detail")),
    Citable("personnel.payrollline", "pk", _page("personnel:line-detail")),
    Citable("personnel.payrollmonth", "pk", _page("personnel:month-detail")),
    Citable("budget.budgetline", "pk", _page("budget:line-detail")),
    Citable("situation.conflictevent", "pk", _page("situation:event-detail")),
    Citable("oversight.finding", "pk", _page("oversight:finding-detail")),
):
    register(_citable)


def citable_kinds() -> list[Citable]:
    """Every kind a finding may cite whose model is installed, by its name."""
    return sorted((c for c in _REGISTRY if _installed(c.label)), key=lambda c: c.name.lower())


def citable(label: str) -> Citable | None:
    found = _REGISTRY.get(label)
    return found if found is not None and _installed(label) else None


def _installed(label: str) -> bool:
    try:
        apps.get_model(label)
    except (LookupError, ValueError):
        return False
    return True


def find_record(actor, kind: Citable, key: str) -> models.Model | None:
    """The record of ``kind`` that people name ``key``, if the actor may read it."""
    key = str(key).strip()
    # An id is a 64-bit number in plain digits; anything else names no record.
    if kind.key == "pk" and not (key.isascii() and key.isdigit() and int(key) < 2**63):
        return None
    return kind.model.objects.visible_to(actor).filter(**{kind.key: key}).first()


@dataclass(frozen=True)
class CitedRecord:
    """A cited record as one reader may see it."""

    kind: str
    name: str
    url: str | None


def read_cited(actor, wanted: list[tuple[str, int]]) -> dict[tuple[str, int], CitedRecord]:
    """The cited records of ``(kind, id)`` the actor may read, one query per kind; the others
    are absent from the answer."""
    by_kind: dict[str, set[int]] = {}
    for label, ident in wanted:
        by_kind.setdefault(label, set()).add(ident)
    found = {}
    for label, ids in by_kind.items():
        kind = citable(label)
        if kind is None:
            continue
        for obj in kind.model.objects.visible_to(actor).filter(pk__in=ids):
            found[(label, obj.pk)] = CitedRecord(kind.name, _name_of(kind, obj), _url_of(kind, obj))
    return found


def _name_of(kind: Citable, obj) -> str:
    """The record as the auditor cited it: its kind and the key its page shows (a disbursement's
    ledger entry, a work order's number); by its id where the page has no other name."""
    if kind.key == "pk":
        return label_of(obj)
    return f"{kind.name} {getattr(obj, kind.key)}"


def _url_of(kind: Citable, obj) -> str | None:
    if kind.url is None:
        return None
    try:
        return kind.url(obj)
    except NoReverseMatch:
        return None


AUDIT_KIND_NAME = _("audit entry")
