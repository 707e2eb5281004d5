"""Readiness: the mission-capable rate now, the forecast of the days ahead from the latest
maintenance plan (or, before one is solved, the earliest-limit-first schedule computed at once),
downtime by reason, availability by type and base as a chart, and the plan's jobs; a maintenance
officer asks for a new plan, solved in the background."""

from __future__ import annotations

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from accord import access
from accord.access import shown
from accord.fleet import readiness, tasks
from accord.fleet.charts import availability_chart
from accord.fleet.models import MaintenancePlan
from accord.fleet.panels import percent, reasons_shown
from accord.fleet.views.common import fleet_form
from accord.web.forms import CountField
from accord.web.pages import forbidden, record_or_404


class ScheduleForm(forms.Form):
    days = CountField(label=gettext_lazy("Days ahead"), min_value=1, max_value=366)
    time_limit_seconds = CountField(
        label=gettext_lazy("Solver time (seconds)"), min_value=1, max_value=600
    )


def _plan(actor, pk: str | None):
    """The plan asked for (a task's result links to it), else the latest the reader reads."""
    if pk and pk.isdigit():
        return record_or_404(readiness.plan_get, actor=actor, pk=int(pk))
    return readiness.plan_latest(actor=actor)


def _may_plan(actor) -> bool:
    return access.may(
        actor, "create", MaintenancePlan, {"marking": MaintenancePlan.default_marking}
    )


@require_GET
def readiness_page(request):
    actor = request.user
    plan = _plan(actor, request.GET.get("plan"))
    if plan is not None:
        forecast = readiness.plan_forecast(actor=actor, plan=plan)
        placed = readiness.plan_jobs(actor=actor, plan=plan).exclude(start_on=None)[:200]
        jobs = [(j, shown(j, "base")) for j in placed]
    else:
        built, schedule = readiness.live_schedule(actor=actor)
        forecast = readiness.schedule_forecast(actor=actor, built=built, schedule=schedule)
        jobs = []
    now = readiness.readiness_now(actor=actor)
    fleet = forecast.fleet
    days = len(fleet.available)
    context = {
        "now": now,
        "now_rate": percent(now.rate),
        "now_reasons": reasons_shown(now.down),
        "plan": plan,
        "forecast": forecast,
        "mean_rate": percent(sum(fleet.rate) / days) if days else "",
        "lowest_rate": percent(min(fleet.rate)) if days else "",
        "downtime": reasons_shown({r: sum(v) for r, v in fleet.down.items()}),
        "by_type": availability_chart(forecast.start, forecast.by_type),
        "by_base": availability_chart(forecast.start, forecast.by_base),
        "jobs": jobs,
        "hangars": [(h, shown(h, "site")) for h in readiness.hangar_list(actor=actor)],
        "schedule_form": ScheduleForm(initial={"days": 90, "time_limit_seconds": 10})
        if access.may(
            actor, "create", MaintenancePlan, {"marking": MaintenancePlan.default_marking}
        )
        else None,
    }
    return render(request, "fleet/readiness.html", context)


@login_required
@require_POST
def schedule_request(request):
    actor = request.user
    if not _may_plan(actor):
        return forbidden(request, _("The schedule is solved by maintenance officers."))
    return fleet_form(
        request,
        ScheduleForm(request.POST),
        run=lambda actor, data: tasks.plan_request(
            actor=actor, days=data["days"], time_limit_seconds=float(data["time_limit_seconds"])
        ),
        title=_("Solve the maintenance schedule"),
        cancel_url=reverse("fleet:readiness"),
        # The solve runs in the background: the task's page follows it and links to the plan.
        success_url=lambda record: reverse("jobs:task", args=[record.pk]),
        message=lambda record: _("The maintenance schedule is being solved."),
    )
