"""Budget API, mounted at /api/v1/budget.

Thin: each endpoint parses its schema, resolves codes through selectors (a code the caller
cannot read is unknown to it) and calls one service. Reads are open to anonymous callers for
PUBLIC records; writes need hub staff or an administrator (see docs/budget.md).
"""

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from accord.budget import selectors, services
from accord.budget.inputs import (
    BudgetLineValues,
    MinistryValues,
    ProgrammeValues,
    ProjectionValues,
    SubProgrammeValues,
    SustainmentPledgeValues,
)
from accord.budget.models import Currency
from accord.budget.schemas import (
    BudgetEntryIn,
    BudgetEntryOut,
    BudgetLineIn,
    BudgetLineOut,
    BudgetLinePatch,
    BudgetReportOut,
    BudgetReverseIn,
    DisbursementOut,
    ExecutionOut,
    FiscalYearIn,
    FiscalYearOut,
    MinistryIn,
    MinistryOut,
    MonthlyOut,
    MtefOut,
    ProgrammeIn,
    ProgrammeOut,
    ProjectionIn,
    ProjectionOut,
    ProjectionPatch,
    SubProgrammeIn,
    SubProgrammeOut,
    SustainmentPledgeIn,
    SustainmentPledgeOut,
    SustainmentPledgePatch,
    SustainmentYearOut,
    VersionIn,
    VirementDecisionIn,
    VirementIn,
    VirementOut,
)
from accord.core import selectors as core_selectors
from accord.core.apiauth import PUBLIC_AUTH
from accord.errors import Code, NotFound, ValidationFailed
from accord.inputs import Text, Values
from accord.pagination import Pages

router = Router(tags=["budget"])


def _unknown(field: str, value) -> ValidationFailed:
    return ValidationFailed(
        _("%(field)s: no record %(value)s that you may read.")
        % {"field": field, "value": repr(value)},
        code=Code.UNKNOWN_REFERENCE,
        errors={field: [_("unknown")]},
    )


def _patch[V: Values](payload: VersionIn, values_class: type[V]) -> tuple[V, int]:
    """A ``<Entity>Patch`` as the service's input: only the fields sent (a partial update stays
    partial), and the version the caller read."""
    data = payload.dict(exclude_unset=True)
    version = data.pop("expected_version")
    return values_class(**data), version


def _ministry(request, code):
    try:
        return selectors.ministry_get(actor=request.user, code=code)
    except NotFound:
        raise _unknown("ministry", code) from None


def _programme(request, ministry, code):
    try:
        return selectors.programme_by_code(actor=request.user, ministry=ministry, code=code)
    except NotFound:
        raise _unknown("programme", f"{ministry}/{code}") from None


def _sub_programme(request, ministry, programme, code):
    try:
        return selectors.sub_programme_by_code(
            actor=request.user, ministry=ministry, programme=programme, code=code
        )
    except NotFound:
        raise _unknown("sub_programme", f"{ministry}/{programme}/{code}") from None


# --- fiscal years ------------------------------------------------------------------------------


@router.get("/fiscal-years", response=list[FiscalYearOut], auth=PUBLIC_AUTH)
def fiscal_year_list(request):
    return list(selectors.fiscal_year_list(actor=request.user))


@router.post("/fiscal-years", response={201: FiscalYearOut})
def fiscal_year_create(request, payload: FiscalYearIn):
    fy = services.fiscal_year_create(
        actor=request.user, label=payload.label, marking=payload.marking, note=payload.note
    )
    return Status(201, fy)


@router.get("/fiscal-years/{label}", response=FiscalYearOut, auth=PUBLIC_AUTH)
def fiscal_year_get(request, label: Text):
    return selectors.fiscal_year_get(actor=request.user, label=label)


@router.post("/fiscal-years/{label}/close", response=FiscalYearOut)
def fiscal_year_close(request, label: Text, payload: VersionIn):
    fy = selectors.fiscal_year_get(actor=request.user, label=label)
    return services.fiscal_year_close(
        actor=request.user, fiscal_year=fy, expected_version=payload.expected_version
    )


@router.post("/fiscal-years/{label}/reopen", response=FiscalYearOut)
def fiscal_year_reopen(request, label: Text, payload: VersionIn):
    fy = selectors.fiscal_year_get(actor=request.user, label=label)
    return services.fiscal_year_reopen(
        actor=request.user, fiscal_year=fy, expected_version=payload.expected_version
    )


# --- structure ---------------------------------------------------------------------------------


@router.get("/ministries", response=list[MinistryOut], auth=PUBLIC_AUTH)
def ministry_list(request):
    return list(selectors.ministry_list(actor=request.user))


@router.post("/ministries", response={201: MinistryOut})
def ministry_create(request, payload: MinistryIn):
    code = payload.organisation or None  # "" names no organisation
    try:
        organisation = (
            core_selectors.organisation_get(actor=request.user, code=code) if code else None
        )
    except NotFound:
        raise _unknown("organisation", code) from None
    values = MinistryValues(**{**payload.dict(), "organisation": organisation})
    return Status(201, services.ministry_create(actor=request.user, values=values))


@router.get("/ministries/{code}", response=MinistryOut, auth=PUBLIC_AUTH)
def ministry_get(request, code: Text):
    return selectors.ministry_get(actor=request.user, code=code)


class ProgrammeQuery(Schema):
    ministry: str | None = None


@router.get("/programmes", response=list[ProgrammeOut], auth=PUBLIC_AUTH)
def programme_list(request, filters: Query[ProgrammeQuery]):
    ministry = _ministry(request, filters.ministry) if filters.ministry else None
    return list(selectors.programme_list(actor=request.user, ministry=ministry))


@router.post("/programmes", response={201: ProgrammeOut})
def programme_create(request, payload: ProgrammeIn):
    values = ProgrammeValues(**{**payload.dict(), "ministry": _ministry(request, payload.ministry)})
    return Status(201, services.programme_create(actor=request.user, values=values))


class SubProgrammeQuery(Schema):
    ministry: str | None = None
    programme: str | None = None


@router.get("/sub-programmes", response=list[SubProgrammeOut], auth=PUBLIC_AUTH)
def sub_programme_list(request, filters: Query[SubProgrammeQuery]):
    qs = selectors.sub_programme_list(actor=request.user)
    if filters.ministry:
        qs = qs.filter(programme__ministry=_ministry(request, filters.ministry))
        if filters.programme:
            qs = qs.filter(programme=_programme(request, filters.ministry, filters.programme))
    elif filters.programme:
        raise ValidationFailed(
            _("programme: name the ministry too (programme codes repeat across ministries)."),
            code=Code.MINISTRY_MISSING,
            errors={"ministry": [_("required with programme")]},
        )
    return list(qs)


@router.post("/sub-programmes", response={201: SubProgrammeOut})
def sub_programme_create(request, payload: SubProgrammeIn):
    data = payload.dict(exclude={"ministry"})
    data["programme"] = _programme(request, payload.ministry, payload.programme)
    values = SubProgrammeValues(**data)
    return Status(201, services.sub_programme_create(actor=request.user, values=values))


# --- budget lines and entries ------------------------------------------------------------------


class LineQuery(Schema):
    fiscal_year: str | None = None
    ministry: str | None = None
    currency: str | None = None
    on_budget: bool | None = None
    economic_code: str | None = Field(
        None, description="a GFS 2014 code; a category (21) finds its parts (211, 212)"
    )


@router.get("/lines", response=list[BudgetLineOut], auth=PUBLIC_AUTH)
@paginate(Pages)
def budget_line_list(request, filters: Query[LineQuery]):
    fy = (
        selectors.fiscal_year_lookup(actor=request.user, label=filters.fiscal_year)
        if filters.fiscal_year
        else None
    )
    ministry = _ministry(request, filters.ministry) if filters.ministry else None
    return selectors.budget_line_list(
        actor=request.user,
        fiscal_year=fy,
        ministry=ministry,
        currency=filters.currency,
        on_budget=filters.on_budget,
        economic_code=filters.economic_code,
    )


@router.post("/lines", response={201: BudgetLineOut})
def budget_line_create(request, payload: BudgetLineIn):
    data = payload.dict(exclude={"ministry", "programme"})
    data["sub_programme"] = _sub_programme(
        request, payload.ministry, payload.programme, payload.sub_programme
    )
    data["fiscal_year"] = selectors.fiscal_year_lookup(
        actor=request.user, label=payload.fiscal_year
    )
    values = BudgetLineValues(**data)
    return Status(201, services.budget_line_create(actor=request.user, values=values))


@router.get("/lines/{int:line_id}", response=BudgetLineOut, auth=PUBLIC_AUTH)
def budget_line_get(request, line_id: int):
    return selectors.budget_line_get(actor=request.user, pk=line_id)


@router.patch("/lines/{int:line_id}", response=BudgetLineOut)
def budget_line_update(request, line_id: int, payload: BudgetLinePatch):
    line = selectors.budget_line_get(actor=request.user, pk=line_id)
    values, version = _patch(payload, BudgetLineValues)
    return services.budget_line_update(
        actor=request.user, line=line, values=values, expected_version=version
    )


@router.get("/lines/{int:line_id}/entries", response=list[BudgetEntryOut], auth=PUBLIC_AUTH)
def budget_entry_list(request, line_id: int):
    line = selectors.budget_line_get(actor=request.user, pk=line_id)
    return list(selectors.budget_entry_list(actor=request.user, line=line))


@router.post("/lines/{int:line_id}/entries", response={201: BudgetEntryOut})
def budget_entry_record(request, line_id: int, payload: BudgetEntryIn):
    line = selectors.budget_line_get(actor=request.user, pk=line_id)
    entry = services.budget_entry_record(actor=request.user, line=line, **payload.dict())
    return Status(201, entry)


@router.post("/entries/{int:entry_id}/reverse", response={201: BudgetEntryOut})
def budget_entry_reverse(request, entry_id: int, payload: BudgetReverseIn):
    entry = selectors.budget_entry_get(actor=request.user, pk=entry_id)
    reversal = services.budget_entry_reverse(
        actor=request.user, entry=entry, reason=payload.reason, date=payload.date
    )
    return Status(201, reversal)


@router.get("/lines/{int:line_id}/disbursements", response=list[DisbursementOut], auth=PUBLIC_AUTH)
def budget_line_disbursements(request, line_id: int):
    line = selectors.budget_line_get(actor=request.user, pk=line_id)
    return selectors.disbursements_for_lines(actor=request.user, lines=[line])


# --- the report builder ------------------------------------------------------------------------


class BudgetReportQuery(Schema):
    rows: str = Field("organisation", description=", ".join(selectors.PIVOT_DIMENSIONS))
    columns: str = Field("economic_code", description=", ".join(selectors.PIVOT_DIMENSIONS))
    kind: str = "expenditure"
    currency: str = "AFN"


@router.get("/report", response=BudgetReportOut, auth=PUBLIC_AUTH)
def execution_report(request, query: Query[BudgetReportQuery]):
    pivot = selectors.execution_pivot(actor=request.user, **query.dict())
    return {
        **query.dict(),
        "rows_labels": pivot.rows,
        "columns_labels": pivot.columns,
        "cells": [{"row": r, "column": c, "amount_minor": v} for (r, c), v in pivot.cells.items()],
        "total_minor": pivot.total,
    }


# --- virements ---------------------------------------------------------------------------------


@router.get("/virements", response=list[VirementOut], auth=PUBLIC_AUTH)
@paginate(Pages)
def virement_list(request):
    return selectors.virement_list(actor=request.user)


@router.post("/virements", response={201: VirementOut})
def virement_request(request, payload: VirementIn):
    virement = services.virement_request(
        actor=request.user,
        from_line=selectors.budget_line_get(actor=request.user, pk=payload.from_line),
        to_line=selectors.budget_line_get(actor=request.user, pk=payload.to_line),
        amount_minor=payload.amount_minor,
        reason=payload.reason,
    )
    return Status(201, virement)


@router.get("/virements/{int:virement_id}", response=VirementOut, auth=PUBLIC_AUTH)
def virement_get(request, virement_id: int):
    return selectors.virement_get(actor=request.user, pk=virement_id)


@router.post("/virements/{int:virement_id}/approve", response=VirementOut)
def virement_approve(request, virement_id: int, payload: VirementDecisionIn):
    virement = selectors.virement_get(actor=request.user, pk=virement_id)
    return services.virement_approve(actor=request.user, virement=virement, note=payload.note)


@router.post("/virements/{int:virement_id}/reject", response=VirementOut)
def virement_reject(request, virement_id: int, payload: VirementDecisionIn):
    virement = selectors.virement_get(actor=request.user, pk=virement_id)
    return services.virement_reject(actor=request.user, virement=virement, note=payload.note)


# --- execution ---------------------------------------------------------------------------------


class ExecutionQuery(Schema):
    fiscal_year: str
    currency: str = "AFN"
    by: str = "ministry"
    ministry: str | None = None


def _figures(figures) -> dict:
    rate = figures.execution_rate
    return {
        "requirement": figures.requirement,
        "allotment": figures.allotment,
        "commitment": figures.commitment,
        "expenditure": figures.expenditure,
        "execution_rate": None if rate is None else str(rate),
    }


@router.get("/execution", response=ExecutionOut, auth=PUBLIC_AUTH)
def execution_get(request, filters: Query[ExecutionQuery]):
    fy = selectors.fiscal_year_lookup(actor=request.user, label=filters.fiscal_year)
    ministry = _ministry(request, filters.ministry) if filters.ministry else None
    result = selectors.execution_get(
        actor=request.user, fiscal_year=fy, currency=filters.currency, ministry=ministry
    )
    rows = selectors.execution_rows(result, filters.by)
    return {
        "fiscal_year": fy.label,
        "currency": filters.currency,
        "by": filters.by,
        "rows": [
            {
                "level": node.level,
                "path": list(node.path),
                "name": node.name,
                "line_id": result.line_ids.get(node.path),
                "figures": _figures(node.figures),
            }
            for node in rows
        ],
        "total": _figures(result.rollup.total),
    }


class MonthlyQuery(Schema):
    fiscal_year: str
    currency: str = "AFN"
    ministry: str | None = None


@router.get("/execution/monthly", response=MonthlyOut, auth=PUBLIC_AUTH)
def execution_monthly(request, filters: Query[MonthlyQuery]):
    fy = selectors.fiscal_year_lookup(actor=request.user, label=filters.fiscal_year)
    ministry = _ministry(request, filters.ministry) if filters.ministry else None
    allotment, months = selectors.execution_by_month(
        actor=request.user, fiscal_year=fy, currency=filters.currency, ministry=ministry
    )
    return {
        "fiscal_year": fy.label,
        "currency": filters.currency,
        "allotment": allotment,
        "months": [
            {
                "month": m.month.key,
                "name": m.month.label,
                "start": m.month.start,
                "end": m.month.end,
                "expended": m.expended,
                "cumulative": m.cumulative,
                "cumulative_rate": None if m.cumulative_rate is None else str(m.cumulative_rate),
            }
            for m in months
        ],
    }


# --- the Chicago sustainment pledge ------------------------------------------------------------


@router.get("/sustainment", response=list[SustainmentPledgeOut], auth=PUBLIC_AUTH)
def sustainment_pledge_list(request):
    return list(selectors.sustainment_pledge_list(actor=request.user))


@router.post("/sustainment", response={201: SustainmentPledgeOut})
def sustainment_pledge_create(request, payload: SustainmentPledgeIn):
    values = SustainmentPledgeValues(**payload.dict())
    pledge = services.sustainment_pledge_create(actor=request.user, values=values)
    return Status(201, pledge)


@router.get("/sustainment/by-year", response=list[SustainmentYearOut], auth=PUBLIC_AUTH)
def sustainment_by_year(request):
    return [
        {
            "year": y["year"],
            "pledged_usd_minor": y["coverage"].pledged,
            "actual_usd_minor": y["coverage"].funded if y["known"] else None,
            "gap_usd_minor": y["coverage"].gap if y["known"] else None,
            "rate": None
            if y["coverage"].rate is None or not y["known"]
            else str(y["coverage"].rate),
            "complete": y["complete"],
            "estimated": y["estimated"],
            "groups": y["groups"],
        }
        for y in selectors.sustainment_by_year(actor=request.user)
    ]


@router.get("/sustainment/{int:pledge_id}", response=SustainmentPledgeOut, auth=PUBLIC_AUTH)
def sustainment_pledge_get(request, pledge_id: int):
    return selectors.sustainment_pledge_get(actor=request.user, pk=pledge_id)


@router.patch("/sustainment/{int:pledge_id}", response=SustainmentPledgeOut)
def sustainment_pledge_update(request, pledge_id: int, payload: SustainmentPledgePatch):
    pledge = selectors.sustainment_pledge_get(actor=request.user, pk=pledge_id)
    values, version = _patch(payload, SustainmentPledgeValues)
    return services.sustainment_pledge_update(
        actor=request.user, pledge=pledge, values=values, expected_version=version
    )


# --- the medium-term expenditure framework -----------------------------------------------------


def _mtef_row(figures, *, ministry: str, programme: str, projection=None) -> dict:
    return {
        "ministry": ministry,
        "programme": programme,
        "projection": projection.pk if projection else None,
        "allotted_minor": figures.allotted,
        "executed_minor": figures.executed,
        "over_ceiling": figures.over_ceiling,
        "years": [
            {
                "label": year.label,
                "projected_minor": year.projected,
                "ceiling_minor": year.ceiling,
                "over_ceiling": year.over_ceiling,
            }
            for year in figures.years
        ],
    }


@router.get("/mtef", response=MtefOut, auth=PUBLIC_AUTH)
def mtef_table(request, fiscal_year: str, currency: str = "AFN"):
    """Year N's allotment and expenditure per programme beside its projections for N+1 to N+3
    against their ceilings (only what the reader may read is counted)."""
    fy = selectors.fiscal_year_lookup(actor=request.user, label=fiscal_year)
    if currency not in Currency.values:
        raise ValidationFailed(
            _("currency: %(currency)s is not a budget currency; use AFN or USD.")
            % {"currency": repr(currency)},
            code=Code.UNKNOWN_CURRENCY,
            errors={"currency": [_("AFN or USD")]},
        )
    table = selectors.mtef_table(actor=request.user, fiscal_year=fy, currency=currency)
    return {
        "fiscal_year": fy.label,
        "currency": currency,
        "years": list(table.labels),
        "rows": [
            _mtef_row(
                r.figures, ministry=r.ministry, programme=r.programme, projection=r.projection
            )
            for r in table.rows
        ],
        "total": _mtef_row(table.total, ministry="", programme=""),
    }


@router.get("/projections", response=list[ProjectionOut], auth=PUBLIC_AUTH)
@paginate(Pages)
def projection_list(request, fiscal_year: str | None = None, currency: str | None = None):
    fy = None
    if fiscal_year:
        fy = selectors.fiscal_year_lookup(actor=request.user, label=fiscal_year)
    return selectors.projection_list(actor=request.user, fiscal_year=fy, currency=currency)


@router.post("/projections", response={201: ProjectionOut})
def projection_create(request, payload: ProjectionIn):
    data = payload.dict(exclude={"ministry"})
    data["programme"] = _programme(request, payload.ministry, payload.programme)
    data["fiscal_year"] = selectors.fiscal_year_lookup(
        actor=request.user, label=payload.fiscal_year
    )
    values = ProjectionValues(**data)
    return Status(201, services.projection_create(actor=request.user, values=values))


@router.get("/projections/{int:projection_id}", response=ProjectionOut, auth=PUBLIC_AUTH)
def projection_get(request, projection_id: int):
    return selectors.projection_get(actor=request.user, pk=projection_id)


@router.patch("/projections/{int:projection_id}", response=ProjectionOut)
def projection_update(request, projection_id: int, payload: ProjectionPatch):
    projection = selectors.projection_get(actor=request.user, pk=projection_id)
    values, version = _patch(payload, ProjectionValues)
    return services.projection_update(
        actor=request.user, projection=projection, values=values, expected_version=version
    )
