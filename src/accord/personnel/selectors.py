"""Every read of personnel that users see, through the access policy.

Units, positions and payroll months are read by their marking; persons, payroll lines and roster
entries are personal data, read by auditors and by the hub staff of the person's own nation
(``models.personal_rule``). A slot, an attrition or an override is read with its person or line.
The reconciliation report and the strength are aggregates: counts and sums over every line or
slot, named only by units the reader may read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from accord import access
from accord.budget import selectors as budget_selectors
from accord.core.selectors import filtered
from accord.errors import NotFound
from accord.personnel.choices import Reason
from accord.personnel.filters import LineFilter, PersonFilter, PositionFilter, UnitFilter
from accord.personnel.models import (
    Attrition,
    GraduateRecord,
    Override,
    PayrollLine,
    PayrollMonth,
    Person,
    Position,
    RosterEntry,
    Slot,
    Unit,
)


def _get(queryset: QuerySet, actor, **lookup):
    obj = access.visible(queryset, actor).filter(**lookup).first()
    if obj is None:
        raise NotFound(
            _("No %(kind)s with that identifier that you may read.")
            % {"kind": queryset.model._meta.verbose_name}
        )
    return obj


def today() -> date:
    return timezone.localdate()


# --- units and positions -------------------------------------------------------------------------


def _units(actor) -> QuerySet:
    return Unit.objects.select_related("parent", "site", "nation").annotate(
        parent_shown=access.visible_flag(actor, "parent__"),
        site_shown=access.visible_flag(actor, "site__"),
        nation_shown=access.visible_flag(actor, "nation__"),
    )


def unit_list(*, actor, params=None) -> QuerySet:
    return filtered(UnitFilter, params, access.visible(_units(actor), actor), actor)


def unit_get(*, actor, code: str) -> Unit:
    return _get(_units(actor), actor, code=code)


def unit_children(*, actor, unit: Unit) -> QuerySet:
    return access.visible(Unit.objects.filter(parent=unit), actor)


def _positions(actor) -> QuerySet:
    return (
        access.visible(Position.objects.all(), actor)
        .select_related("unit", "fiscal_year", "wage_line__fiscal_year")
        .annotate(
            unit_shown=access.visible_flag(actor, "unit__"),
            fiscal_year_shown=access.visible_flag(actor, "fiscal_year__"),
            wage_line_shown=access.visible_flag(actor, "wage_line__"),
        )
    )


def position_list(*, actor, params=None) -> QuerySet:
    return filtered(PositionFilter, params, _positions(actor), actor)


def position_get(*, actor, pk: int) -> Position:
    return _get(_positions(actor), actor, pk=pk)


def position_by_code(*, actor, fiscal_year, code: str) -> Position:
    return _get(_positions(actor), actor, fiscal_year=fiscal_year, code=code)


def fiscal_year_get(*, actor, label: str):
    return budget_selectors.fiscal_year_get(actor=actor, label=label)


def fiscal_year_of(*, actor, day: date):
    """The fiscal year the actor reads that holds ``day``, or None."""
    years = budget_selectors.fiscal_year_list(actor=actor)
    return years.filter(start__lte=day, end__gte=day).first()


def fiscal_year_list(*, actor) -> QuerySet:
    return budget_selectors.fiscal_year_list(actor=actor)


def wage_line_get(*, actor, pk: int):
    return budget_selectors.budget_line_get(actor=actor, pk=pk)


def budget_line_list(*, actor) -> QuerySet:
    return budget_selectors.budget_line_list(actor=actor)


def wage_line_by_code(*, actor, fiscal_year, code: str):
    return (
        budget_selectors.budget_line_list(actor=actor, fiscal_year=fiscal_year)
        .filter(code=code)
        .first()
    )


# --- persons -------------------------------------------------------------------------------------


def _persons(actor) -> QuerySet:
    return access.visible(Person.objects.select_related("duplicate_of", "nation"), actor)


def person_list(*, actor, params=None) -> QuerySet:
    return filtered(PersonFilter, params, _persons(actor), actor)


def person_get(*, actor, pk: int) -> Person:
    return _get(_persons(actor), actor, pk=pk)


def person_by_number(*, actor, number: str) -> Person:
    return _get(_persons(actor), actor, number=number)


def slots_of(*, actor, person: Person) -> QuerySet:
    """A person's slots, newest first, with their positions as the reader reads them."""
    access.require_view(actor, person)
    return (
        Slot.objects.filter(person=person)
        .select_related("position__unit", "requested_by", "confirmed_by")
        .annotate(position_shown=access.visible_flag(actor, "position__"))
        .order_by("-starts", "-pk")
    )


def slot_get(*, actor, pk: int) -> Slot:
    """A slot, found only if the reader reads its person."""
    slot = Slot.objects.select_related("person", "position").filter(pk=pk).first()
    if slot is None or not access.can_view(actor, slot.person):
        raise NotFound(_("No slot with that identifier that you may read."))
    return slot


def attrition_of(*, actor, person: Person) -> QuerySet:
    access.require_view(actor, person)
    return Attrition.objects.filter(person=person).order_by("on", "pk")


def duplicates_of(*, actor, person: Person) -> QuerySet:
    """The other persons the reader reads who share this person's biometric enrolment."""
    return _persons(actor).filter(biometric_id=person.biometric_id).exclude(pk=person.pk)


# --- strength ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Strength:
    unit: Unit
    authorised: int
    assigned: int

    @property
    def share(self) -> float:
        return self.assigned / self.authorised if self.authorised else 0.0


def strength(*, actor, fiscal_year, on: date | None = None) -> list[Strength]:
    """Authorised against assigned by unit, for the units the reader reads: positions of the
    fiscal year, and the confirmed slots in them held on the day (aggregates: no one named)."""
    on = on or today()
    held = Q(
        positions__slots__confirmed_at__isnull=False,
        positions__slots__starts__lte=on,
    ) & (Q(positions__slots__ends__isnull=True) | Q(positions__slots__ends__gte=on))
    units = (
        access.visible(Unit.objects.all(), actor)
        .filter(positions__fiscal_year=fiscal_year)
        .annotate(assigned=Count("positions__slots", filter=held))
        .order_by("code")
    )
    authorised = dict(
        access.visible(Position.objects.filter(fiscal_year=fiscal_year), actor)
        .values("unit_id")
        .annotate(total=Sum("authorised"))
        .values_list("unit_id", "total")
    )
    return [Strength(u, authorised.get(u.pk, 0), u.assigned) for u in units.distinct()]


# --- payroll -------------------------------------------------------------------------------------


def _months(actor) -> QuerySet:
    return PayrollMonth.objects.select_related("nation", "fiscal_year").annotate(
        nation_shown=access.visible_flag(actor, "nation__"),
        fiscal_year_shown=access.visible_flag(actor, "fiscal_year__"),
    )


def month_list(*, actor) -> QuerySet:
    return access.visible(_months(actor), actor)


def month_get(*, actor, pk: int) -> PayrollMonth:
    return _get(_months(actor), actor, pk=pk)


REASON_FIELDS = {reason: f"reason_{reason}" for reason in Reason.values}


def month_report(*, actor, month: PayrollMonth) -> list[dict]:
    """The month's lines by unit and reason (counts and amounts over every line: aggregates),
    the units the reader may not read counted together under no name."""
    access.require_view(actor, month)
    sums = {f"n_{r}": Count("pk", filter=Q(**{field: True})) for r, field in REASON_FIELDS.items()}
    rows = (
        PayrollLine.objects.filter(month=month)
        .values("position__unit_id")
        .annotate(
            lines=Count("pk"),
            flagged=Count("pk", filter=Q(flagged=True)),
            paid=Sum("amount_minor"),
            eft=Count("pk", filter=Q(eft=True)),
            **sums,
        )
        .order_by("position__unit_id")
    )
    accepted = dict(
        PayrollLine.objects.filter(month=month, flagged=True, override__confirmed_at__isnull=False)
        .values("position__unit_id")
        .annotate(n=Count("pk"))
        .values_list("position__unit_id", "n")
    )
    readable = {
        u.pk: u
        for u in access.visible(
            Unit.objects.filter(pk__in=[r["position__unit_id"] for r in rows]), actor
        )
    }
    report, hidden = [], None
    for row in rows:
        unit = readable.get(row["position__unit_id"])
        entry = {
            "unit": unit,
            "lines": row["lines"],
            "flagged": row["flagged"],
            "paid": row["paid"] or 0,
            "eft": row["eft"],
            "accepted": accepted.get(row["position__unit_id"], 0),
            "reasons": {r: row[f"n_{r}"] for r in REASON_FIELDS},
        }
        if unit is not None:
            report.append(entry)
        elif hidden is None:
            hidden = entry
        else:
            for key in ("lines", "flagged", "paid", "eft", "accepted"):
                hidden[key] += entry[key]
            for r in REASON_FIELDS:
                hidden["reasons"][r] += entry["reasons"][r]
    if hidden is not None:
        report.append(hidden)
    return report


def line_list(*, actor, month: PayrollMonth, params=None) -> QuerySet:
    access.require_view(actor, month)
    qs = access.visible(
        PayrollLine.objects.filter(month=month).select_related(
            "position__unit", "person", "override"
        ),
        actor,
    ).annotate(position_shown=access.visible_flag(actor, "position__"))
    return filtered(LineFilter, params, qs, actor)


def line_get(*, actor, pk: int) -> PayrollLine:
    qs = PayrollLine.objects.select_related(
        "month__nation", "position__unit", "person", "override"
    ).annotate(
        position_shown=access.visible_flag(actor, "position__"),
        month_shown=access.visible_flag(actor, "month__"),
    )
    return _get(qs, actor, pk=pk)


def line_reasons(line: PayrollLine) -> list[str]:
    return [r for r, field in REASON_FIELDS.items() if getattr(line, field)]


def roster_for(*, actor, line: PayrollLine) -> QuerySet:
    """The roster entries of the line's month for its service number (the drill-down)."""
    access.require_view(actor, line)
    return access.visible(
        RosterEntry.objects.filter(month_id=line.month_id, number=line.number), actor
    )


def other_payments(*, actor, line: PayrollLine) -> QuerySet:
    """The month's other lines paying the same service number."""
    return access.visible(
        PayrollLine.objects.filter(month_id=line.month_id, number=line.number).exclude(pk=line.pk),
        actor,
    )


def override_of(*, actor, line: PayrollLine) -> Override | None:
    access.require_view(actor, line)
    return Override.objects.select_related("requested_by", "confirmed_by").filter(line=line).first()


# --- where graduates go ------------------------------------------------------------------------


def graduate_records_of(*, actor, person: Person) -> QuerySet:
    """The training certificates linked to a person, newest first."""
    access.require_view(actor, person)
    return access.visible(GraduateRecord.objects.filter(person=person), actor)


def position_graduates(*, actor, position) -> list[tuple]:
    """Who held the position (a slot confirmed) with a training certificate linked: (person,
    slot, [records]), as far as the reader reads the persons (personal data)."""
    access.require_view(actor, position)
    records = access.visible(
        GraduateRecord.objects.filter(person__slots__position=position).distinct(), actor
    ).select_related("person")
    by_person: dict[int, list] = {}
    for record in records:
        by_person.setdefault(record.person_id, []).append(record)
    slots = Slot.objects.filter(
        position=position, person_id__in=by_person, confirmed_at__isnull=False
    ).select_related("person")
    return [(slot.person, slot, by_person[slot.person_id]) for slot in slots.order_by("-starts")]
