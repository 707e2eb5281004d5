"""The kinds of record a milestone's rating may rest on, and how each is read.

An ``Evidence`` row names a kind and a record's id; it never holds a foreign key into another
app's table, so advising does not reach into the budget's, personnel's or oversight's storage.
Each kind reads its record through its own app's selector, which goes through that model's
``visible_to``: a reader who may not read the record is shown that the rating rests on
something they may not see, never its name, and an advisor cannot link a record they may not
read.

Adding a kind: an app below advising is named here, beside the others, and read through its
own selector (as oversight's findings are, at the end of this module). ``read`` must raise
``accord.errors.NotFound`` for a record the actor may not read (every app's ``*_get`` selector
does); add the kind's code to ``docs/advising.md``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext_lazy

from accord import access
from accord.budget import selectors as budget_selectors
from accord.errors import NotFound
from accord.oversight import selectors as oversight_selectors
from accord.personnel import selectors as personnel_selectors
from accord.registry import Registry


@dataclass(frozen=True)
class EvidenceKind:
    """One kind of record a rating may rest on."""

    code: str
    label: str
    read: Callable[[object, int], object]  # (actor, pk) -> the record; NotFound if unreadable
    url: Callable[[object], str]
    describe: Callable[[object], str] = str


KINDS: Registry[EvidenceKind] = Registry("evidence kind", on_repeat="refuse")


def register(kind: EvidenceKind) -> None:
    KINDS.add(kind.code, kind)


def kind_choices() -> list[tuple[str, str]]:
    return [(kind.code, kind.label) for kind in KINDS]


@dataclass(frozen=True)
class Resolved:
    """An evidence row's record as the reader sees it: its label and page, or nothing."""

    kind: EvidenceKind | None
    record: object | None
    label: str
    url: str


def resolve(actor, code: str, pk: int) -> Resolved:
    """The record an evidence row names, if the actor may read it; else an empty ``Resolved``
    (the kind may be known while the record is not the reader's to see)."""
    kind = KINDS.get(code)
    if kind is None:
        return Resolved(None, None, "", "")
    try:
        record = kind.read(actor, pk)
    except NotFound:
        return Resolved(kind, None, "", "")
    return Resolved(kind, record, kind.describe(record), kind.url(record))


def _month_label(month) -> str:
    """A payroll month by its month, and its nation where the reader may read the nation."""
    nation = access.shown(month, "nation")
    return f"{month.month:%Y-%m}" if nation is None else f"{nation.iso3} {month.month:%Y-%m}"


register(
    EvidenceKind(
        code="budget_execution",
        label=gettext_lazy("Budget execution (a budget line)"),
        read=lambda actor, pk: budget_selectors.budget_line_get(actor=actor, pk=pk),
        url=lambda line: reverse("budget:line-detail", args=[line.pk]),
        # Its own code and name only: its fiscal year and ministry may be the reader's to see
        # or not, and the line's page says them to those who may.
        describe=lambda line: f"{line.code}: {line.name}",
    )
)
register(
    EvidenceKind(
        code="payroll_reconciliation",
        label=gettext_lazy("Payroll reconciliation (a payroll month)"),
        read=lambda actor, pk: personnel_selectors.month_get(actor=actor, pk=pk),
        url=lambda month: reverse("personnel:month-detail", args=[month.pk]),
        describe=_month_label,
    )
)
register(
    EvidenceKind(
        code="finding",
        label=gettext_lazy("Oversight finding"),
        read=lambda actor, pk: oversight_selectors.finding_get(actor=actor, pk=pk),
        url=lambda finding: reverse("oversight:finding-detail", args=[finding.pk]),
        describe=lambda finding: finding.title,
    )
)
