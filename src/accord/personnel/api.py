"""Personnel API, mounted at /api/v1/personnel.

Thin: each endpoint parses its schema, resolves codes through the selectors (a code the caller
cannot read is unknown to it) and calls one service. Persons and payroll lines are personal
data: read by auditors and the hub staff of their own nation only (docs/personnel.md).
"""

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from accord.access import require_kind
from accord.core import selectors as core_selectors
from accord.errors import Code, NotFound, ValidationFailed
from accord.inputs import Input, Text
from accord.pagination import Pages
from accord.personnel import selectors, services
from accord.personnel.inputs import PersonValues, PositionValues
from accord.personnel.models import Person, Position
from accord.personnel.schemas import (
    AdvanceIn,
    AttritionIn,
    LineOut,
    MonthDetailOut,
    OverrideIn,
    OverrideOut,
    PayrollMonthOut,
    PersonnelPersonIn,
    PersonOut,
    PositionIn,
    PositionOut,
    SlotIn,
    SlotOut,
    UnitOut,
    UnitStrengthOut,
)

router = Router(tags=["personnel"])


class PersonnelSearchQuery(Input):
    q: str | None = None


class PositionQuery(Input):
    unit: str | None = None
    fiscal_year: str | None = None
    grade: str | None = None
    q: str | None = None


class PayrollLineQuery(Input):
    flagged: bool | None = None
    reason: str | None = None
    unit: str | None = None
    q: str | None = None


def _params(query: Schema) -> dict:
    return {k: v for k, v in query.dict().items() if v is not None}


def _reference(kind: str, lookup):
    try:
        found = lookup()
    except NotFound:
        found = None
    if found is None:
        raise ValidationFailed(
            _("%(kind)s: no record with that code that you may read.") % {"kind": kind},
            code=Code.UNKNOWN_REFERENCE,
            errors={kind: [_("unknown code")]},
        )
    return found


# --- units and positions -------------------------------------------------------------------------


@router.get("/units", response=list[UnitOut])
@paginate(Pages)
def unit_list(request, filters: Query[PersonnelSearchQuery]):
    return selectors.unit_list(actor=request.user, params=_params(filters))


@router.get("/units/{code}", response=UnitOut)
def unit_get(request, code: Text):
    return selectors.unit_get(actor=request.user, code=code)


@router.get("/positions", response=list[PositionOut])
@paginate(Pages)
def position_list(request, filters: Query[PositionQuery]):
    return selectors.position_list(actor=request.user, params=_params(filters))


@router.get("/positions/{int:position_id}", response=PositionOut)
def position_get(request, position_id: int):
    return selectors.position_get(actor=request.user, pk=position_id)


@router.post("/positions", response={201: PositionOut})
def position_create(request, payload: PositionIn):
    """Authorise posts in a unit for a fiscal year, paid by a wage line of that year."""
    actor = request.user
    require_kind(actor, "create", Position)  # before the references: see require_kind
    year = _reference(
        "fiscal_year", lambda: selectors.fiscal_year_get(actor=actor, label=payload.fiscal_year)
    )
    line = _reference(
        "wage_line",
        lambda: selectors.budget_line_list(actor=actor).filter(code=payload.wage_line).first(),
    )
    position = services.position_create(
        actor=actor,
        values=PositionValues(
            unit=_reference("unit", lambda: selectors.unit_get(actor=actor, code=payload.unit)),
            fiscal_year=year,
            wage_line=line,
            code=payload.code,
            grade=payload.grade,
            specialty=payload.specialty,
            authorised=payload.authorised,
        ),
    )
    return Status(201, selectors.position_get(actor=actor, pk=position.pk))


@router.get("/strength/{fiscal_year}", response=list[UnitStrengthOut])
def strength(request, fiscal_year: Text):
    """Authorised against assigned by unit (counts: no one is named)."""
    year = selectors.fiscal_year_get(actor=request.user, label=fiscal_year)
    return [
        {"unit": row.unit.code, "authorised": row.authorised, "assigned": row.assigned}
        for row in selectors.strength(actor=request.user, fiscal_year=year)
    ]


# --- persons -------------------------------------------------------------------------------------


@router.get("/persons", response=list[PersonOut])
@paginate(Pages)
def person_list(request, filters: Query[PersonnelSearchQuery]):
    return selectors.person_list(actor=request.user, params=_params(filters))


@router.get("/persons/{int:person_id}", response=PersonOut)
def person_get(request, person_id: int):
    return selectors.person_get(actor=request.user, pk=person_id)


@router.post("/persons", response={201: PersonOut})
def person_create(request, payload: PersonnelPersonIn):
    """Enrol a person; they count once a second user confirms them."""
    actor = request.user
    require_kind(actor, "create", Person)
    nation = _reference(
        "nation", lambda: core_selectors.nation_get(actor=actor, iso3=payload.nation)
    )
    data = payload.dict()
    data["nation"] = nation
    person = services.person_create(actor=actor, values=PersonValues(**data))
    return Status(201, selectors.person_get(actor=actor, pk=person.pk))


@router.post("/persons/{int:person_id}/confirm", response=PersonOut)
def person_confirm(request, person_id: int):
    person = selectors.person_get(actor=request.user, pk=person_id)
    return services.person_confirm(actor=request.user, person=person)


@router.post("/persons/{int:person_id}/advance", response=PersonOut)
def person_advance(request, person_id: int, payload: AdvanceIn):
    person = selectors.person_get(actor=request.user, pk=person_id)
    return services.person_advance(
        actor=request.user,
        person=person,
        stage=payload.stage,
        expected_version=payload.expected_version,
    )


@router.get("/persons/{int:person_id}/slots", response=list[SlotOut])
def slot_list(request, person_id: int):
    person = selectors.person_get(actor=request.user, pk=person_id)
    return list(selectors.slots_of(actor=request.user, person=person))


@router.post("/persons/{int:person_id}/slots", response={201: SlotOut})
def slot_request(request, person_id: int, payload: SlotIn):
    actor = request.user
    person = selectors.person_get(actor=actor, pk=person_id)
    year = _reference(
        "fiscal_year", lambda: selectors.fiscal_year_get(actor=actor, label=payload.fiscal_year)
    )
    position = _reference(
        "position",
        lambda: selectors.position_by_code(actor=actor, fiscal_year=year, code=payload.position),
    )
    slot = services.slot_request(
        actor=actor, person=person, position=position, starts=payload.starts
    )
    return Status(201, selectors.slots_of(actor=actor, person=person).get(pk=slot.pk))


@router.post("/slots/{int:slot_id}/confirm", response=SlotOut)
def slot_confirm(request, slot_id: int):
    slot = selectors.slot_get(actor=request.user, pk=slot_id)
    services.slot_confirm(actor=request.user, slot=slot)
    return selectors.slots_of(actor=request.user, person=slot.person).get(pk=slot_id)


@router.post("/persons/{int:person_id}/attrition", response={201: PersonOut})
def attrition_record(request, person_id: int, payload: AttritionIn):
    actor = request.user
    person = selectors.person_get(actor=actor, pk=person_id)
    services.attrition_record(actor=actor, person=person, **payload.dict())
    return Status(201, selectors.person_get(actor=actor, pk=person_id))


# --- payroll -------------------------------------------------------------------------------------


@router.get("/payroll", response=list[PayrollMonthOut])
@paginate(Pages)
def month_list(request):
    return selectors.month_list(actor=request.user)


@router.get("/payroll/{int:month_id}", response=MonthDetailOut)
def month_get(request, month_id: int):
    """A month's counts and its report by unit and reason (aggregates: no one named)."""
    record = selectors.month_get(actor=request.user, pk=month_id)
    record.report = [
        {
            "unit": row["unit"].code if row["unit"] is not None else None,
            "lines": row["lines"],
            "flagged": row["flagged"],
            "paid_minor": row["paid"],
            "eft": row["eft"],
            "accepted": row["accepted"],
            "reasons": row["reasons"],
        }
        for row in selectors.month_report(actor=request.user, month=record)
    ]
    return record


@router.post("/payroll/{int:month_id}/reconcile", response=PayrollMonthOut)
def month_reconcile(request, month_id: int):
    """Reconcile a month again (after persons or slots were confirmed since its import)."""
    record = selectors.month_get(actor=request.user, pk=month_id)
    services.payroll_reconcile(actor=request.user, month=record)
    return selectors.month_get(actor=request.user, pk=month_id)


@router.get("/payroll/{int:month_id}/lines", response=list[LineOut])
@paginate(Pages)
def line_list(request, month_id: int, filters: Query[PayrollLineQuery]):
    record = selectors.month_get(actor=request.user, pk=month_id)
    return selectors.line_list(actor=request.user, month=record, params=_params(filters))


@router.get("/lines/{int:line_id}", response=LineOut)
def line_get(request, line_id: int):
    return selectors.line_get(actor=request.user, pk=line_id)


@router.post("/lines/{int:line_id}/override", response={201: OverrideOut})
def override_request(request, line_id: int, payload: OverrideIn):
    line = selectors.line_get(actor=request.user, pk=line_id)
    return Status(
        201, services.override_request(actor=request.user, line=line, reason=payload.reason)
    )


@router.post("/lines/{int:line_id}/override/confirm", response=OverrideOut)
def override_confirm(request, line_id: int):
    line = selectors.line_get(actor=request.user, pk=line_id)
    return services.override_confirm(actor=request.user, line=line)
