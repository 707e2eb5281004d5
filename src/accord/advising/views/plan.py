"""Advisor teams and their counterparts, the Essential Functions, a counterpart's objectives
and milestones, a milestone's ratings and their evidence."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accord import access
from accord.access import shown
from accord.advising import evidence as evidence_kinds
from accord.advising import selectors, services
from accord.advising.forms import EvidenceForm, RatingForm
from accord.advising.inputs import EvidenceValues, RatingValues
from accord.advising.models import AdvisorTeam, Counterpart, Milestone, Objective, Rating
from accord.advising.views.common import one_form, page, scope
from accord.budget import selectors as budget_selectors
from accord.oversight import selectors as oversight_selectors
from accord.personnel import selectors as personnel_selectors
from accord.web.pages import forbidden, history_rows, record_or_404


@page
def team_list(request):
    actor = request.user
    teams = list(selectors.team_list(actor=actor))
    counterparts: dict[int, list] = {}
    for counterpart in selectors.counterpart_list(actor=actor):
        counterparts.setdefault(counterpart.team_id, []).append(counterpart)
    rows = [
        {
            "team": t,
            "site": shown(t, "site"),
            "counterparts": counterparts.get(t.pk, []),
            "edit_url": reverse("advising:team-edit", args=[t.code])
            if access.may(actor, "change", AdvisorTeam, t)
            else None,
            "counterpart_url": reverse("advising:counterpart-create", args=[t.code])
            if access.may(actor, "create", Counterpart, scope(t))
            else None,
        }
        for t in teams
    ]
    context = {
        "rows": rows,
        "create_url": reverse("advising:team-create")
        if access.may(actor, "create", AdvisorTeam)
        else None,
    }
    return render(request, "advising/teams.html", context)


@page
def function_list(request):
    functions = list(selectors.function_list(actor=request.user).prefetch_related("sources"))
    return render(request, "advising/functions.html", {"functions": functions})


@page
def counterpart_detail(request, code: str):
    actor = request.user
    counterpart = record_or_404(selectors.counterpart_get, actor=actor, code=code)
    milestones: dict[int, list] = {}
    for milestone in selectors.milestone_list(actor=actor, counterpart=counterpart):
        milestones.setdefault(milestone.objective_id, []).append(milestone)
    objectives = [
        {
            "objective": o,
            "function": shown(o, "function"),
            "milestones": milestones.get(o.pk, []),
            "edit_url": reverse("advising:objective-edit", args=[counterpart.code, o.code])
            if access.may(actor, "change", Objective, o)
            else None,
            "milestone_url": reverse("advising:milestone-create", args=[counterpart.code, o.code])
            if access.may(actor, "create", Milestone, scope(o))
            else None,
        }
        for o in selectors.objective_list(actor=actor, counterpart=counterpart)
    ]
    context = {
        "counterpart": counterpart,
        "edit_url": reverse("advising:counterpart-edit", args=[counterpart.code])
        if access.may(actor, "change", Counterpart, counterpart)
        else None,
        "objective_url": reverse("advising:objective-create", args=[counterpart.code])
        if access.may(actor, "create", Objective, scope(counterpart))
        else None,
        "team": shown(counterpart, "team"),
        "site": shown(counterpart, "site"),
        "unit": shown(counterpart, "unit"),
        "objectives": objectives,
        "history": history_rows(actor, counterpart),
    }
    return render(request, "advising/counterpart_detail.html", context)


@page
def milestone_detail(request, pk: int):
    actor = request.user
    milestone = record_or_404(selectors.milestone_get, actor=actor, pk=pk)
    ratings = list(selectors.rating_list(actor=actor, milestone=milestone))
    evidence = selectors.evidence_list(actor=actor, ratings=ratings)
    may_rate = access.may(actor, "create", Rating, scope(milestone))
    rows = [
        {
            "rating": r,
            "evidence": evidence.get(r.pk, []),
            "evidence_url": reverse("advising:evidence-link", args=[r.pk])
            if may_rate and access.may(actor, "change", Rating, r)
            else None,
        }
        for r in reversed(ratings)
    ]
    context = {
        "milestone": milestone,
        **selectors.milestone_references(milestone),
        "rows": rows,
        "rate_url": reverse("advising:milestone-rate", args=[milestone.pk]) if may_rate else None,
        "edit_url": reverse("advising:milestone-edit", args=[milestone.pk])
        if access.may(actor, "change", Milestone, milestone)
        else None,
        "history": history_rows(actor, milestone),
    }
    return render(request, "advising/milestone_detail.html", context)


@page
def milestone_rate(request, pk: int):
    actor = request.user
    milestone = record_or_404(selectors.milestone_get, actor=actor, pk=pk)
    if not access.may(actor, "create", Rating, scope(milestone)):
        return forbidden(request, _("A milestone is rated by the staff of its team's site."))
    form = RatingForm(request.POST or None, initial={"rated_on": timezone.localdate()})
    back = reverse("advising:milestone-detail", args=[milestone.pk])
    return one_form(
        request,
        form,
        run=lambda actor, data: services.rating_record(
            actor=actor,
            values=RatingValues(
                milestone=milestone,
                rated_on=data["rated_on"],
                score=data["score"],
                note=data["note"],
            ),
        ),
        title=_("Rate the milestone: %(milestone)s") % {"milestone": milestone},
        cancel_url=back,
        success_url=back,
        message=_("The rating is recorded."),
    )


def _evidence_records(actor) -> list[tuple[str, list]]:
    """The records a rating may rest on, by kind, among those the actor may read."""
    lines = budget_selectors.budget_line_list(actor=actor)[:500]
    months = personnel_selectors.month_list(actor=actor)[:200]
    findings = oversight_selectors.finding_list(actor=actor)[:200]
    kinds = evidence_kinds.KINDS
    return [
        (
            kinds["budget_execution"].label,
            [(f"budget_execution:{x.pk}", kinds["budget_execution"].describe(x)) for x in lines],
        ),
        (
            kinds["payroll_reconciliation"].label,
            [
                (f"payroll_reconciliation:{m.pk}", kinds["payroll_reconciliation"].describe(m))
                for m in months
            ],
        ),
        (
            kinds["finding"].label,
            [(f"finding:{f.pk}", kinds["finding"].describe(f)) for f in findings],
        ),
    ]


@page
def evidence_link(request, pk: int):
    actor = request.user
    rating = record_or_404(selectors.rating_get, actor=actor, pk=pk)
    if not access.may(actor, "change", Rating, rating):
        return forbidden(request, _("Evidence is added by the staff of the rating's site."))
    form = EvidenceForm(
        request.POST or None,
        records=_evidence_records(actor),
    )
    back = reverse("advising:milestone-detail", args=[rating.milestone_id])

    def run(actor, data):
        kind, _sep, record = data["record"].partition(":")
        return services.evidence_link(
            actor=actor,
            values=EvidenceValues(
                rating=rating, kind=kind, record_id=int(record), note=data["note"]
            ),
        )

    return one_form(
        request,
        form,
        run=run,
        title=_("Evidence for the rating of %(day)s") % {"day": rating.rated_on},
        cancel_url=back,
        success_url=back,
        message=_("The rating now rests on that record."),
    )
