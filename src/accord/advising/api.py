"""Advising API, mounted at /api/v1/advising.

Thin: each endpoint parses its schema, resolves codes through the selectors (a code the caller
cannot read is unknown to it) and calls one service. Engagement reports are read by spoke staff
at their own spoke only (docs/advising.md).
"""

from typing import Literal

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from accord.access import require_change, require_kind
from accord.advising import selectors, services
from accord.advising.inputs import (
    CounterpartValues,
    EvidenceValues,
    MilestoneValues,
    ObjectiveValues,
    RatingValues,
    ReportValues,
    TeamValues,
)
from accord.advising.models import AdvisorTeam, EngagementReport
from accord.advising.schemas import (
    CounterpartIn,
    CounterpartOut,
    CounterpartPatch,
    EvidenceOut,
    FunctionOut,
    MilestoneIn,
    MilestoneOut,
    ObjectiveIn,
    ObjectiveOut,
    RatingEvidenceIn,
    RatingIn,
    RatingOut,
    ReportIn,
    ReportOut,
    TeamIn,
    TeamOut,
    TeamPatch,
    TrendOut,
)
from accord.core import selectors as core_selectors
from accord.errors import Code, NotFound, ValidationFailed
from accord.inputs import Input, Text
from accord.pagination import Pages
from accord.personnel import selectors as personnel_selectors

router = Router(tags=["advising"])


class ReportQuery(Input):
    counterpart: str | None = None
    function: str | None = None
    site: str | None = None
    q: str | None = None


class CounterpartQuery(Input):
    ministry: str | None = None
    site: str | None = None
    q: str | None = None


def _params(query: Schema) -> dict:
    return {k: v for k, v in query.dict().items() if v is not None}


def _reference(kind: str, lookup):
    try:
        return lookup()
    except NotFound:
        raise ValidationFailed(
            _("%(kind)s: no record with that code that you may read.") % {"kind": kind},
            code=Code.UNKNOWN_REFERENCE,
            errors={kind: [_("unknown code")]},
        ) from None


@router.get("/functions", response=list[FunctionOut])
def function_list(request):
    """The Essential Functions EF1–EF8."""
    return list(selectors.function_list(actor=request.user))


@router.get("/teams", response=list[TeamOut])
def team_list(request):
    return list(selectors.team_list(actor=request.user))


@router.get("/teams/{code}", response=TeamOut)
def team_get(request, code: Text):
    return selectors.team_get(actor=request.user, code=code)


def _nation(actor, iso3: str | None):
    if not iso3:
        return None
    return _reference("lead_nation", lambda: core_selectors.nation_get(actor=actor, iso3=iso3))


def _unit(actor, code: str | None):
    if not code:
        return None
    return _reference("unit", lambda: personnel_selectors.unit_get(actor=actor, code=code))


@router.post("/teams", response={201: TeamOut})
def team_create(request, payload: TeamIn):
    """Stand up an advisor team at the hub or a spoke (its site's staff, or an administrator)."""
    actor = request.user
    require_kind(actor, "create", AdvisorTeam)  # before the references: see require_kind
    site = _reference("site", lambda: core_selectors.site_get(actor=actor, code=payload.site))
    data = payload.dict(exclude={"site", "lead_nation", "marking"})
    if payload.marking:
        data["marking"] = payload.marking
    team = services.team_create(
        actor=actor,
        values=TeamValues(**data, site=site, lead_nation=_nation(actor, payload.lead_nation)),
    )
    return Status(201, selectors.team_get(actor=actor, code=team.code))


@router.patch("/teams/{code}", response=TeamOut)
def team_update(request, code: Text, payload: TeamPatch):
    """Rename a team, name its lead nation, note or re-mark it; its site stays."""
    actor = request.user
    team = selectors.team_get(actor=actor, code=code)
    data = payload.dict(exclude_unset=True)
    version = data.pop("expected_version")
    if "lead_nation" in data:
        data["lead_nation"] = _nation(actor, data["lead_nation"])
    team = services.team_update(
        actor=actor, team=team, values=TeamValues(**data), expected_version=version
    )
    return selectors.team_get(actor=actor, code=team.code)


@router.post("/counterparts", response={201: CounterpartOut})
def counterpart_create(request, payload: CounterpartIn):
    """Name an institution a team advises; it is advised from the team's site."""
    actor = request.user
    team = _reference("team", lambda: selectors.team_get(actor=actor, code=payload.team))
    data = payload.dict(exclude={"team", "unit", "marking"})
    if payload.marking:
        data["marking"] = payload.marking
    counterpart = services.counterpart_create(
        actor=actor,
        values=CounterpartValues(**data, team=team, unit=_unit(actor, payload.unit)),
    )
    return Status(201, selectors.counterpart_get(actor=actor, code=counterpart.code))


@router.patch("/counterparts/{code}", response=CounterpartOut)
def counterpart_update(request, code: Text, payload: CounterpartPatch):
    """Rename a counterpart, change its kind, ministry or unit, or re-mark it; its team stays."""
    actor = request.user
    counterpart = selectors.counterpart_get(actor=actor, code=code)
    data = payload.dict(exclude_unset=True)
    version = data.pop("expected_version")
    if "unit" in data:
        data["unit"] = _unit(actor, data["unit"])
    counterpart = services.counterpart_update(
        actor=actor,
        counterpart=counterpart,
        values=CounterpartValues(**data),
        expected_version=version,
    )
    return selectors.counterpart_get(actor=actor, code=counterpart.code)


@router.get("/counterparts", response=list[CounterpartOut])
@paginate(Pages)
def counterpart_list(request, filters: Query[CounterpartQuery]):
    return selectors.counterpart_list(actor=request.user, params=_params(filters))


@router.get("/counterparts/{code}", response=CounterpartOut)
def counterpart_get(request, code: Text):
    return selectors.counterpart_get(actor=request.user, code=code)


@router.get("/counterparts/{code}/objectives", response=list[ObjectiveOut])
def objective_list(request, code: Text):
    counterpart = selectors.counterpart_get(actor=request.user, code=code)
    return list(selectors.objective_list(actor=request.user, counterpart=counterpart))


@router.post("/counterparts/{code}/objectives", response={201: ObjectiveOut})
def objective_create(request, code: Text, payload: ObjectiveIn):
    """Set an objective for the counterpart in one Essential Function."""
    actor = request.user
    counterpart = selectors.counterpart_get(actor=actor, code=code)
    require_change(actor, counterpart)
    function = _reference(
        "function", lambda: selectors.function_get(actor=actor, code=payload.function)
    )
    objective = services.objective_create(
        actor=actor,
        values=ObjectiveValues(
            counterpart=counterpart, function=function, code=payload.code, title=payload.title
        ),
    )
    return Status(201, objective)


@router.get("/counterparts/{code}/milestones", response=list[MilestoneOut])
def milestone_list(request, code: Text):
    counterpart = selectors.counterpart_get(actor=request.user, code=code)
    return list(selectors.milestone_list(actor=request.user, counterpart=counterpart))


@router.post("/counterparts/{code}/milestones", response={201: MilestoneOut})
def milestone_create(request, code: Text, payload: MilestoneIn):
    """Add a milestone towards one of the counterpart's objectives."""
    actor = request.user
    counterpart = selectors.counterpart_get(actor=actor, code=code)
    require_change(actor, counterpart)
    objective = _reference(
        "objective",
        lambda: selectors.objective_get(
            actor=actor, counterpart=counterpart, code=payload.objective
        ),
    )
    milestone = services.milestone_create(
        actor=actor,
        values=MilestoneValues(
            objective=objective, code=payload.code, title=payload.title, due=payload.due
        ),
    )
    return Status(201, selectors.milestone_get(actor=actor, pk=milestone.pk))


@router.get("/milestones/{int:milestone_id}", response=MilestoneOut)
def milestone_get(request, milestone_id: int):
    return selectors.milestone_get(actor=request.user, pk=milestone_id)


@router.get("/milestones/{int:milestone_id}/ratings", response=list[RatingOut])
def rating_list(request, milestone_id: int):
    milestone = selectors.milestone_get(actor=request.user, pk=milestone_id)
    return list(selectors.rating_list(actor=request.user, milestone=milestone))


@router.post("/milestones/{int:milestone_id}/ratings", response={201: RatingOut})
def rating_record(request, milestone_id: int, payload: RatingIn):
    """Rate the milestone (1–5) on a day."""
    actor = request.user
    milestone = selectors.milestone_get(actor=actor, pk=milestone_id)
    rating = services.rating_record(
        actor=actor,
        values=RatingValues(
            milestone=milestone, rated_on=payload.rated_on, score=payload.score, note=payload.note
        ),
    )
    return Status(201, rating)


def _evidence_out(shown) -> dict:
    record = shown.resolved.record
    return {
        "id": shown.evidence.pk,
        "rating": shown.evidence.rating_id,
        "kind": shown.evidence.kind,
        "record": shown.evidence.record_id if record is not None else None,
        "label": shown.resolved.label or None,
        "note": shown.evidence.note,
    }


@router.get("/ratings/{int:rating_id}/evidence", response=list[EvidenceOut])
def evidence_list(request, rating_id: int):
    """What the rating rests on; a record you may not read is listed without its id or name."""
    rating = selectors.rating_get(actor=request.user, pk=rating_id)
    rows = selectors.evidence_list(actor=request.user, ratings=[rating]).get(rating.pk, [])
    return [_evidence_out(row) for row in rows]


@router.post("/ratings/{int:rating_id}/evidence", response={201: EvidenceOut})
def evidence_link(request, rating_id: int, payload: RatingEvidenceIn):
    """Rest the rating on a budget line's execution or a payroll month's reconciliation."""
    actor = request.user
    rating = selectors.rating_get(actor=actor, pk=rating_id)
    row = services.evidence_link(
        actor=actor,
        values=EvidenceValues(
            rating=rating, kind=payload.kind, record_id=payload.record, note=payload.note
        ),
    )
    shown = selectors.evidence_list(actor=actor, ratings=[rating])[rating.pk]
    return Status(201, _evidence_out(next(s for s in shown if s.evidence.pk == row.pk)))


@router.get("/reports", response=list[ReportOut])
@paginate(Pages)
def report_list(request, filters: Query[ReportQuery]):
    return selectors.report_list(actor=request.user, params=_params(filters))


@router.get("/reports/{int:report_id}", response=ReportOut)
def report_get(request, report_id: int):
    return selectors.report_get(actor=request.user, pk=report_id)


@router.post("/reports", response={201: ReportOut})
def report_file(request, payload: ReportIn):
    """File an engagement report, marked NATO or NATIONAL (your nation's own)."""
    actor = request.user
    require_kind(actor, "create", EngagementReport)  # before the references: see require_kind
    counterpart = _reference(
        "counterpart", lambda: selectors.counterpart_get(actor=actor, code=payload.counterpart)
    )
    function = _reference(
        "function", lambda: selectors.function_get(actor=actor, code=payload.function)
    )
    report = services.report_file(
        actor=actor,
        values=ReportValues(
            counterpart=counterpart,
            function=function,
            held_on=payload.held_on,
            advisors=payload.advisors,
            notes=payload.notes,
            **({"marking": payload.marking} if payload.marking else {}),
        ),
    )
    return Status(201, selectors.report_get(actor=actor, pk=report.pk))


@router.get("/trends/{by}", response=list[TrendOut])
def trend_list(request, by: Literal["ministry", "site"]):
    """The monthly mean of the latest milestone ratings, per ministry or per hub and spoke."""
    if by == "ministry":
        return selectors.trends_by_ministry(actor=request.user)
    return selectors.trends_by_site(actor=request.user)
