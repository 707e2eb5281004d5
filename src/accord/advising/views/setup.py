"""Setting up the plan: standing up and editing advisor teams, naming their counterparts, and
setting objectives and milestones. Each form is offered to whom ``access.may`` lets write the
record (its site's staff and administrators) and runs one audited service."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accord import access
from accord.access import shown
from accord.advising import selectors, services
from accord.advising.forms import CounterpartForm, MilestoneForm, ObjectiveForm, TeamForm
from accord.advising.inputs import CounterpartValues, MilestoneValues, ObjectiveValues, TeamValues
from accord.advising.models import AdvisorTeam, Counterpart, Milestone, Objective
from accord.advising.views.common import one_form, page, posted_version, scope
from accord.core import selectors as core_selectors
from accord.personnel import selectors as personnel_selectors
from accord.web.pages import forbidden, record_or_404

TEAMS_HELD_BY = gettext_lazy("Teams are stood up and changed by the staff of their hub or spoke.")


def _code(record, attribute: str = "code") -> str:
    return getattr(record, attribute) if record is not None else ""


def _counterpart_url(counterpart) -> str:
    return reverse("advising:counterpart-detail", args=[counterpart.code])


# --- advisor teams ------------------------------------------------------------------------------


def _team_sites(actor) -> list:
    """The hub and spokes where the actor may stand up a team."""
    return [
        s
        for s in core_selectors.site_list(actor=actor)
        if access.may(
            actor,
            "create",
            AdvisorTeam,
            {"site_id": s.pk, "marking": AdvisorTeam.default_marking},
        )
    ]


def _team_form(request, actor, *, initial, sites):
    return TeamForm(
        request.POST or None,
        sites=sites,
        nations=core_selectors.nation_list(actor=actor),
        markings=access.markings_offered(actor),
        initial=initial,
    )


def _team_values(actor, data) -> TeamValues:
    nation = data["lead_nation"]
    return TeamValues(
        code=data["code"],
        name=data["name"],
        site=core_selectors.site_get(actor=actor, code=data["site"]),
        lead_nation=core_selectors.nation_get(actor=actor, iso3=nation) if nation else None,
        note=data["note"],
        marking=data["marking"],
    )


@page
def team_create(request):
    actor = request.user
    if not access.may(actor, "create", AdvisorTeam):
        return forbidden(request, TEAMS_HELD_BY)
    form = _team_form(
        request,
        actor,
        initial={"marking": AdvisorTeam.default_marking},
        sites=_team_sites(actor),
    )
    return one_form(
        request,
        form,
        run=lambda actor, data: services.team_create(actor=actor, values=_team_values(actor, data)),
        title=_("New advisor team"),
        cancel_url=reverse("advising:teams"),
        success_url=lambda t: reverse("advising:teams") + f"#team-{t.code}",
        message=_("The advisor team is stood up."),
    )


@page
def team_edit(request, code: str):
    actor = request.user
    team = record_or_404(selectors.team_get, actor=actor, code=code)
    if not access.may(actor, "change", AdvisorTeam, team):
        return forbidden(request, TEAMS_HELD_BY)
    site = shown(team, "site")
    initial = {
        "code": team.code,
        "name": team.name,
        "site": _code(site),
        "lead_nation": _code(shown(team, "lead_nation"), "iso3"),
        "marking": team.marking,
        "note": team.note,
    }
    form = _team_form(request, actor, initial=initial, sites=[site] if site else [])
    return one_form(
        request,
        form,
        run=lambda actor, data: services.team_update(
            actor=actor,
            team=team,
            values=_team_values(actor, data),
            expected_version=posted_version(request, team.version),
        ),
        title=_("Edit %(team)s") % {"team": team},
        cancel_url=reverse("advising:teams") + f"#team-{team.code}",
        success_url=lambda t: reverse("advising:teams") + f"#team-{t.code}",
        message=_("The advisor team is saved."),
        version=team.version,
    )


# --- counterparts -------------------------------------------------------------------------------

COUNTERPARTS_HELD_BY = gettext_lazy(
    "A team's counterparts are named by the staff of the team's site."
)


def _counterpart_form(request, actor, initial):
    return CounterpartForm(
        request.POST or None,
        units=personnel_selectors.unit_list(actor=actor),
        markings=access.markings_offered(actor),
        initial=initial,
    )


def _counterpart_values(actor, data, *, team=None, unit_changed=True) -> CounterpartValues:
    values = {k: data[k] for k in ("code", "name", "kind", "ministry", "marking")}
    if team is not None:
        values["team"] = team
    if unit_changed:  # a unit the editor may not read is kept, not cleared
        code = data["unit"]
        values["unit"] = personnel_selectors.unit_get(actor=actor, code=code) if code else None
    return CounterpartValues(**values)


@page
def counterpart_create(request, code: str):
    actor = request.user
    team = record_or_404(selectors.team_get, actor=actor, code=code)
    if not access.may(actor, "create", Counterpart, scope(team)):
        return forbidden(request, COUNTERPARTS_HELD_BY)
    form = _counterpart_form(request, actor, {"marking": team.marking})
    return one_form(
        request,
        form,
        run=lambda actor, data: services.counterpart_create(
            actor=actor, values=_counterpart_values(actor, data, team=team)
        ),
        title=_("New counterpart of %(team)s") % {"team": team},
        cancel_url=reverse("advising:teams") + f"#team-{team.code}",
        success_url=_counterpart_url,
        message=_("The counterpart is named."),
    )


@page
def counterpart_edit(request, code: str):
    actor = request.user
    counterpart = record_or_404(selectors.counterpart_get, actor=actor, code=code)
    if not access.may(actor, "change", Counterpart, counterpart):
        return forbidden(request, COUNTERPARTS_HELD_BY)
    initial = {
        "code": counterpart.code,
        "name": counterpart.name,
        "kind": counterpart.kind,
        "ministry": counterpart.ministry,
        "unit": _code(shown(counterpart, "unit")),
        "marking": counterpart.marking,
    }
    form = _counterpart_form(request, actor, initial)
    return one_form(
        request,
        form,
        run=lambda actor, data: services.counterpart_update(
            actor=actor,
            counterpart=counterpart,
            values=_counterpart_values(actor, data, unit_changed="unit" in form.changed_data),
            expected_version=posted_version(request, counterpart.version),
        ),
        title=_("Edit %(counterpart)s") % {"counterpart": counterpart},
        cancel_url=_counterpart_url(counterpart),
        success_url=_counterpart_url,
        message=_("The counterpart is saved."),
        version=counterpart.version,
    )


# --- objectives and milestones ------------------------------------------------------------------

PLAN_HELD_BY = gettext_lazy("Objectives and milestones are set by the staff of the team's site.")


def _objective_form(request, actor, initial):
    return ObjectiveForm(
        request.POST or None, functions=selectors.function_list(actor=actor), initial=initial
    )


def _objective_values(actor, data, counterpart=None) -> ObjectiveValues:
    values = {
        "function": selectors.function_get(actor=actor, code=data["function"]),
        "code": data["code"],
        "title": data["title"],
    }
    if counterpart is not None:
        values["counterpart"] = counterpart
    return ObjectiveValues(**values)


@page
def objective_create(request, code: str):
    actor = request.user
    counterpart = record_or_404(selectors.counterpart_get, actor=actor, code=code)
    if not access.may(actor, "create", Objective, scope(counterpart)):
        return forbidden(request, PLAN_HELD_BY)
    return one_form(
        request,
        _objective_form(request, actor, {}),
        run=lambda actor, data: services.objective_create(
            actor=actor, values=_objective_values(actor, data, counterpart)
        ),
        title=_("New objective for %(counterpart)s") % {"counterpart": counterpart},
        cancel_url=_counterpart_url(counterpart),
        success_url=_counterpart_url(counterpart),
        message=_("The objective is set."),
    )


def _objective(actor, code: str, objective: str) -> Objective:
    counterpart = record_or_404(selectors.counterpart_get, actor=actor, code=code)
    return record_or_404(
        selectors.objective_get, actor=actor, counterpart=counterpart, code=objective
    )


@page
def objective_edit(request, code: str, objective: str):
    actor = request.user
    found = _objective(actor, code, objective)
    if not access.may(actor, "change", Objective, found):
        return forbidden(request, PLAN_HELD_BY)
    function = shown(found, "function")
    initial = {"function": _code(function), "code": found.code, "title": found.title}
    back = _counterpart_url(found.counterpart)
    return one_form(
        request,
        _objective_form(request, actor, initial),
        run=lambda actor, data: services.objective_update(
            actor=actor,
            objective=found,
            values=_objective_values(actor, data),
            expected_version=posted_version(request, found.version),
        ),
        title=_("Edit the objective: %(objective)s") % {"objective": found},
        cancel_url=back,
        success_url=back,
        message=_("The objective is saved."),
        version=found.version,
    )


def _milestone_url(milestone) -> str:
    return reverse("advising:milestone-detail", args=[milestone.pk])


@page
def milestone_create(request, code: str, objective: str):
    actor = request.user
    found = _objective(actor, code, objective)
    if not access.may(actor, "create", Milestone, scope(found)):
        return forbidden(request, PLAN_HELD_BY)
    return one_form(
        request,
        MilestoneForm(request.POST or None),
        run=lambda actor, data: services.milestone_create(
            actor=actor, values=MilestoneValues(objective=found, **data)
        ),
        title=_("New milestone towards %(objective)s") % {"objective": found},
        cancel_url=_counterpart_url(found.counterpart),
        success_url=_milestone_url,
        message=_("The milestone is added."),
    )


@page
def milestone_edit(request, pk: int):
    actor = request.user
    milestone = record_or_404(selectors.milestone_get, actor=actor, pk=pk)
    if not access.may(actor, "change", Milestone, milestone):
        return forbidden(request, PLAN_HELD_BY)
    initial = {"code": milestone.code, "title": milestone.title, "due": milestone.due}
    return one_form(
        request,
        MilestoneForm(request.POST or None, initial=initial),
        run=lambda actor, data: services.milestone_update(
            actor=actor,
            milestone=milestone,
            values=MilestoneValues(**data),
            expected_version=posted_version(request, milestone.version),
        ),
        title=_("Edit the milestone: %(milestone)s") % {"milestone": milestone},
        cancel_url=_milestone_url(milestone),
        success_url=_milestone_url,
        message=_("The milestone is saved."),
        version=milestone.version,
    )
