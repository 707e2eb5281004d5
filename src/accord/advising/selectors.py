"""Every read of advising that users see, through the access policy.

Teams, counterparts, objectives, milestones and ratings are read by their marking; engagement
reports by their marking and, for spoke staff, at their own spoke only
(``AccessRule.site_confined``); evidence through its rating, and the record it names only when
the reader may read that record too (``advising.evidence``). The trends are means over the
ratings the reader may read, named only by ministries and by sites the reader may read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, QuerySet, Subquery
from django.utils.translation import gettext as _

from accord import access
from accord.advising import evidence as evidence_kinds
from accord.advising.choices import Ministry
from accord.advising.engine.trends import RatingPoint, TrendPoint, trends
from accord.advising.filters import CounterpartFilter, ReportFilter
from accord.advising.models import (
    AdvisorTeam,
    Counterpart,
    EngagementReport,
    EssentialFunction,
    Evidence,
    Milestone,
    Objective,
    Rating,
)
from accord.core import selectors as core_selectors
from accord.core.selectors import filtered
from accord.errors import NotFound


def _get(queryset: QuerySet, actor, **lookup):
    obj = access.visible(queryset, actor).filter(**lookup).first()
    if obj is None:
        raise NotFound(
            _("No %(kind)s with that identifier that you may read.")
            % {"kind": queryset.model._meta.verbose_name}
        )
    return obj


def _flags(actor, *fields: str) -> dict:
    return {f"{field}_shown": access.visible_flag(actor, f"{field}__") for field in fields}


# --- the Essential Functions --------------------------------------------------------------------


def function_list(*, actor) -> QuerySet:
    return access.visible(EssentialFunction.objects.all(), actor)


def function_get(*, actor, code: str) -> EssentialFunction:
    return _get(EssentialFunction.objects.prefetch_related("sources"), actor, code=code.upper())


# --- teams and counterparts ---------------------------------------------------------------------


def _teams(actor) -> QuerySet:
    return AdvisorTeam.objects.select_related("site", "lead_nation").annotate(
        **_flags(actor, "site", "lead_nation")
    )


def team_list(*, actor) -> QuerySet:
    return access.visible(_teams(actor), actor)


def team_get(*, actor, code: str) -> AdvisorTeam:
    return _get(_teams(actor), actor, code=code)


def _counterparts(actor) -> QuerySet:
    return Counterpart.objects.select_related("team", "site", "unit").annotate(
        **_flags(actor, "team", "site", "unit")
    )


def counterpart_list(*, actor, params=None, team: AdvisorTeam | None = None) -> QuerySet:
    qs = access.visible(_counterparts(actor), actor)
    if team is not None:
        qs = qs.filter(team=team)
    return filtered(CounterpartFilter, params, qs, actor)


def counterpart_get(*, actor, code: str) -> Counterpart:
    return _get(_counterparts(actor), actor, code=code)


# --- objectives, milestones and their ratings ---------------------------------------------------


def objective_list(*, actor, counterpart: Counterpart) -> QuerySet:
    return access.visible(
        Objective.objects.filter(counterpart=counterpart)
        .select_related("function")
        .annotate(**_flags(actor, "function")),
        actor,
    )


def objective_get(*, actor, counterpart: Counterpart, code: str) -> Objective:
    return _get(
        Objective.objects.select_related("counterpart", "function").annotate(
            **_flags(actor, "function")
        ),
        actor,
        counterpart=counterpart,
        code=code,
    )


def _latest(actor, field: str) -> Subquery:
    """The latest rating (``field`` of it) of the milestone, among those the actor reads."""
    ratings = access.visible(Rating.objects.filter(milestone=OuterRef("pk")), actor)
    return Subquery(ratings.order_by("-rated_on").values(field)[:1])


def _milestones(actor) -> QuerySet:
    return Milestone.objects.select_related(
        "objective__counterpart", "objective__function", "site"
    ).annotate(
        latest_score=_latest(actor, "score"),
        latest_on=_latest(actor, "rated_on"),
        objective_shown=access.visible_flag(actor, "objective__"),
        counterpart_shown=access.visible_flag(actor, "objective__counterpart__"),
        function_shown=access.visible_flag(actor, "objective__function__"),
    )


def milestone_list(*, actor, counterpart: Counterpart | None = None) -> QuerySet:
    qs = access.visible(_milestones(actor), actor)
    if counterpart is not None:
        qs = qs.filter(objective__counterpart=counterpart)
    return qs


def milestones_due(*, actor, until: date) -> QuerySet:
    """The milestones the actor may rate (their own site's, for site staff) due by ``until``
    and not yet rated on or after their due day, the earliest due first."""
    rated = access.visible(
        Rating.objects.filter(milestone=OuterRef("pk"), rated_on__gte=OuterRef("due")), actor
    )
    return (
        access.changeable(milestone_list(actor=actor), actor)
        .filter(due__isnull=False, due__lte=until)
        .exclude(Exists(rated))
        .order_by("due", "pk")
    )


def milestone_get(*, actor, pk: int) -> Milestone:
    return _get(_milestones(actor), actor, pk=pk)


def milestone_references(milestone: Milestone) -> dict:
    """The milestone's objective, counterpart and function, each only if the reader may read
    it (the flags ``_milestones`` annotated): a milestone may be readable where they are not."""
    objective = milestone.objective if milestone.objective_shown else None
    return {
        "objective": objective,
        "counterpart": milestone.objective.counterpart if milestone.counterpart_shown else None,
        "function": milestone.objective.function if milestone.function_shown else None,
    }


def rating_list(*, actor, milestone: Milestone) -> QuerySet:
    return access.visible(
        Rating.objects.filter(milestone=milestone).select_related("rated_by"), actor
    ).order_by("rated_on")


def rating_get(*, actor, pk: int) -> Rating:
    return _get(Rating.objects.select_related("milestone", "site"), actor, pk=pk)


@dataclass(frozen=True)
class EvidenceShown:
    """An evidence row and its record as the reader sees it (``resolved.record`` is None when
    the reader may not read the record the rating rests on)."""

    evidence: Evidence
    resolved: evidence_kinds.Resolved


def evidence_list(*, actor, ratings) -> dict[int, list[EvidenceShown]]:
    """The evidence of each of ``ratings`` (by rating id), each record read as the actor may."""
    rows = access.visible(Evidence.objects.filter(rating__in=list(ratings)), actor)
    shown: dict[int, list[EvidenceShown]] = {}
    for row in rows:
        resolved = evidence_kinds.resolve(actor, row.kind, row.record_id)
        shown.setdefault(row.rating_id, []).append(EvidenceShown(row, resolved))
    return shown


def evidence_get(*, actor, pk: int) -> Evidence:
    return _get(Evidence.objects.select_related("rating"), actor, pk=pk)


# --- engagement reports -------------------------------------------------------------------------


def _reports(actor) -> QuerySet:
    return EngagementReport.objects.select_related(
        "counterpart", "function", "site", "filed_by", "owner_nation"
    ).annotate(**_flags(actor, "counterpart", "function", "site"))


def report_list(*, actor, params=None) -> QuerySet:
    return filtered(ReportFilter, params, access.visible(_reports(actor), actor), actor)


def report_get(*, actor, pk: int) -> EngagementReport:
    return _get(_reports(actor), actor, pk=pk)


# --- trends -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Trend:
    """One group's trend: a ministry's or a site's, by its name in the reader's language."""

    key: str
    label: str
    points: list[TrendPoint]


def _rating_points(actor, group_field: str) -> list[RatingPoint]:
    rows = access.visible(Rating.objects.all(), actor).values_list(
        "milestone_id", group_field, "rated_on", "score"
    )
    return list(map(RatingPoint._make, rows.iterator(chunk_size=10_000)))


def trends_by_ministry(*, actor) -> list[Trend]:
    """The monthly trend of the ratings the actor reads, per ministry."""
    computed = trends(_rating_points(actor, "counterpart__ministry"))
    return [
        Trend(ministry.value, str(ministry.label), computed[ministry.value])
        for ministry in Ministry
        if ministry.value in computed
    ]


def trends_by_site(*, actor) -> list[Trend]:
    """The monthly trend of the ratings the actor reads, per hub or spoke; a site the actor may
    not read is not named (its ratings are left out)."""
    computed = trends(_rating_points(actor, "site_id"))
    sites = core_selectors.site_list(actor=actor).filter(pk__in=list(computed))
    return [Trend(site.code, str(site), computed[site.pk]) for site in sites]
