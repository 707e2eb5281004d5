"""Every write to advising: one audited function per use case.

A record below a team takes the team's site (a counterpart), or its parent's (an objective, a
milestone, a rating, a report, an evidence link), so the staff of that site, and no other,
change it. A rating is given once a day per milestone (a unique key, not a check before the
insert), from 1 to 5, never in the future. An engagement report is marked NATO or NATIONAL
(then its filer's nation owns it). Evidence names a record the advisor may read, through the
kind's own selector.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accord import access
from accord.advising import evidence as evidence_kinds
from accord.advising.choices import REPORT_MARKINGS
from accord.advising.inputs import (
    CounterpartValues,
    EvidenceValues,
    MilestoneValues,
    ObjectiveValues,
    RatingValues,
    ReportValues,
    TeamValues,
)
from accord.advising.models import (
    AdvisorTeam,
    Counterpart,
    EngagementReport,
    Evidence,
    Milestone,
    Objective,
    Rating,
)
from accord.audit.services import audited, audited_action
from accord.core.services import record_create, record_update
from accord.errors import Code, Conflict, ValidationFailed
from accord.markings import Marking


def _inherit(data: dict, parent) -> dict:
    """The record takes its parent's site, and its marking unless the caller names one."""
    data["site"] = parent.site
    data.setdefault("marking", parent.marking)
    if data["marking"] == Marking.NATIONAL:
        data.setdefault("owner_nation", parent.owner_nation)
    return data


def _owned(actor, data: dict, obj=None) -> dict:
    """A record marked NATIONAL with no owning nation named is its writer's nation's (or stays
    the nation's that owns it already)."""
    if data.get("marking") == Marking.NATIONAL and not data.get("owner_nation"):
        data.pop("owner_nation", None)
        if obj is None or obj.owner_nation_id is None:
            data["owner_nation_id"] = access.principal_of(actor).nation_id
    return data


def _not_in_future(day, field: str) -> None:
    if day is not None and day > timezone.localdate():
        raise ValidationFailed(
            _("The date %(day)s is in the future: give today or earlier.") % {"day": day},
            code=Code.DATE_IN_FUTURE,
            errors={field: [_("today or earlier")]},
        )


def _create_once(*, actor, model, data: dict, key: tuple, code: Code, message: str, field: str):
    """``record_create`` where a second record with the same ``key`` fields is refused with
    ``code``. The look-up words the common case; the database's unique key decides a race (two
    writers at once), answered the same way."""
    refusal = Conflict(message, code=code, errors={field: [message]})
    owner = data.get("owner_nation")
    scope = {
        "site_id": data["site"].pk,
        "marking": data["marking"],
        "owner_nation_id": owner.pk if owner is not None else None,
    }
    access.require_create(actor, model, scope)  # who may not write hears that first
    if model.objects.filter(**{name: data[name] for name in key}).exists():
        raise refusal
    try:
        with transaction.atomic():
            return record_create(actor=actor, model=model, data=data, action=audited_action())
    except Conflict as exc:
        if exc.code != Code.DUPLICATE:
            raise
        raise refusal from None


@audited("advisor_team.create")
def team_create(*, actor, values: TeamValues) -> AdvisorTeam:
    """Stand up an advisor team at the hub or a spoke."""
    data = _owned(actor, values.given())
    return record_create(actor=actor, model=AdvisorTeam, data=data, action=audited_action())


@audited("counterpart.create")
def counterpart_create(*, actor, values: CounterpartValues) -> Counterpart:
    """Name an institution a team advises; it is advised from the team's site."""
    data = _owned(actor, _inherit(values.given(), values.team))
    return record_create(actor=actor, model=Counterpart, data=data, action=audited_action())


@audited("objective.create")
def objective_create(*, actor, values: ObjectiveValues) -> Objective:
    """Set an objective for a counterpart in one Essential Function."""
    data = _inherit(values.given(), values.counterpart)
    return record_create(actor=actor, model=Objective, data=data, action=audited_action())


@audited("milestone.create")
def milestone_create(*, actor, values: MilestoneValues) -> Milestone:
    """Add a milestone towards an objective."""
    data = _inherit(values.given(), values.objective)
    return record_create(actor=actor, model=Milestone, data=data, action=audited_action())


def _update(*, actor, obj, data: dict, expected_version: int):
    return record_update(
        actor=actor, obj=obj, data=data, expected_version=expected_version, action=audited_action()
    )


def _fixed(obj, data: dict, field: str, message: str) -> None:
    """Refuse a change of ``field``: the records below carry the site it gives them."""
    given = data.pop(field, None)
    if given is not None and given.pk != getattr(obj, f"{field}_id"):
        raise ValidationFailed(message, code=Code.ADVISING_PLACE_FIXED, errors={field: [message]})


@audited("advisor_team.update")
def team_update(*, actor, team: AdvisorTeam, values: TeamValues, expected_version: int):
    """Rename a team, name its lead nation, note or re-mark it; its site stays (its
    counterparts, objectives and milestones are changed by that site's staff)."""
    data = values.given()
    _fixed(
        team,
        data,
        "site",
        _("A team stays at its site: stand up a new team at the other site instead."),
    )
    return _update(
        actor=actor, obj=team, data=_owned(actor, data, team), expected_version=expected_version
    )


@audited("counterpart.update")
def counterpart_update(
    *, actor, counterpart: Counterpart, values: CounterpartValues, expected_version: int
) -> Counterpart:
    """Rename a counterpart, change its kind, ministry or unit, or re-mark it; its team stays."""
    data = values.given()
    _fixed(
        counterpart,
        data,
        "team",
        _("A counterpart stays with its team: name it anew under the other team instead."),
    )
    return _update(
        actor=actor,
        obj=counterpart,
        data=_owned(actor, data, counterpart),
        expected_version=expected_version,
    )


@audited("objective.update")
def objective_update(
    *, actor, objective: Objective, values: ObjectiveValues, expected_version: int
) -> Objective:
    """Retitle an objective, recode it or move it to another Essential Function."""
    data = values.given()
    _fixed(
        objective,
        data,
        "counterpart",
        _("An objective stays with its counterpart: set it anew for the other one instead."),
    )
    return _update(actor=actor, obj=objective, data=data, expected_version=expected_version)


@audited("milestone.update")
def milestone_update(
    *, actor, milestone: Milestone, values: MilestoneValues, expected_version: int
) -> Milestone:
    """Retitle or recode a milestone, or move its due date; its objective stays."""
    data = values.given()
    _fixed(
        milestone,
        data,
        "objective",
        _("A milestone stays under its objective: add it anew under the other one instead."),
    )
    return _update(actor=actor, obj=milestone, data=data, expected_version=expected_version)


@audited("rating.record")
def rating_record(*, actor, values: RatingValues) -> Rating:
    """Rate a milestone (1–5) on a day: at most once a day, never ahead of today."""
    data = values.given()
    milestone = data["milestone"]
    score = data.get("score")
    if not isinstance(score, int) or not 1 <= score <= 5:
        raise ValidationFailed(
            "",
            code=Code.RATING_OUT_OF_SCALE,
            errors={"score": [_("from 1 to 5")]},
        )
    _not_in_future(data.get("rated_on"), "rated_on")
    data = _inherit(data, milestone)
    data["counterpart"] = milestone.objective.counterpart
    data["rated_by_id"] = access.principal_of(actor).user_id
    return _create_once(
        actor=actor,
        model=Rating,
        data=data,
        key=("milestone", "rated_on"),
        code=Code.RATING_EXISTS,
        message=_("This milestone is rated on %(day)s already: rate it on another day.")
        % {"day": data.get("rated_on")},
        field="rated_on",
    )


@audited("engagement_report.file")
def report_file(*, actor, values: ReportValues) -> EngagementReport:
    """File an engagement report: what advisors did with a counterpart on a day, in one
    Essential Function, marked NATO or NATIONAL (the filer's nation's own)."""
    data = values.given()
    marking = data.get("marking", EngagementReport.default_marking)
    if marking not in REPORT_MARKINGS:
        raise ValidationFailed(
            "",
            code=Code.REPORT_MARKING,
            errors={"marking": [_("NATO or National")]},
        )
    _not_in_future(data.get("held_on"), "held_on")
    counterpart = data["counterpart"]
    data["site"] = counterpart.site
    data["marking"] = marking
    if marking == Marking.NATIONAL and not data.get("owner_nation"):
        data["owner_nation_id"] = access.principal_of(actor).nation_id
        data.pop("owner_nation", None)
    data["filed_by_id"] = access.principal_of(actor).user_id
    return record_create(actor=actor, model=EngagementReport, data=data, action=audited_action())


@audited("evidence.link")
def evidence_link(*, actor, values: EvidenceValues) -> Evidence:
    """Rest a rating on a record the advisor may read: a budget line's execution, a payroll
    month's reconciliation (``advising.evidence`` names the kinds)."""
    rating = values.rating
    access.require_change(actor, rating)
    kind = evidence_kinds.KINDS.get(values.kind)
    if kind is None:
        raise ValidationFailed(
            "",
            code=Code.EVIDENCE_KIND_UNKNOWN,
            errors={"kind": [_("one of the kinds offered")]},
        )
    kind.read(actor, values.record_id)  # NotFound for a record the advisor may not read
    data = _inherit(
        {"rating": rating, "kind": kind.code, "record_id": values.record_id, "note": values.note},
        rating,
    )
    return _create_once(
        actor=actor,
        model=Evidence,
        data=data,
        key=("rating", "kind", "record_id"),
        code=Code.EVIDENCE_EXISTS,
        message=_("This rating rests on that record already: nothing was added."),
        field="record_id",
    )
