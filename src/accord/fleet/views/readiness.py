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
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from accord import access
from accord.access import shown
from accord.core import selectors as core_selectors
from accord.fleet import readiness, tasks
from accord.fleet.charts import availability_chart
from accord.fleet.filters import HangarFilter
from accord.fleet.forms import HangarForm
from accord.fleet.models import Hangar, MaintenancePlan
from accord.fleet.panels import percent, reasons_shown
from accord.fleet.views.common import MARKING, Kind, fleet_form
from accord.l10n import format_number
from accord.web.forms import CountField
from accord.web.pages import Column, ListPage, forbidden, list_page, record_or_404


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


# --- hangars: the schedule's capacity at each base ---------------------------------------------


HANGAR_COLUMNS = (
    Column(gettext_lazy("Base"), lambda h: str(shown(h, "site") or "—")),
    Column(
        gettext_lazy("Hangar slots"), lambda h: format_number(h.slots), sort="slots", numeric=True
    ),
    Column(
        gettext_lazy("Certified technicians a day"),
        lambda h: format_number(h.technicians),
        sort="technicians",
        numeric=True,
    ),
    Column(gettext_lazy("Note"), "note"),
    MARKING,
)


def _hangar_url(h) -> str:
    return reverse("fleet:hangar-edit", args=[h.site.code]) if shown(h, "site") else ""


def hangar_page() -> ListPage:
    return ListPage(
        name="hangars",
        model=Hangar,
        filterset=HangarFilter,
        columns=HANGAR_COLUMNS,
        select=readiness.hangar_list,
        # The readiness page shows each base's hangar beside the schedule it feeds.
        row_url=lambda h: reverse("fleet:readiness") + "#hangars",
        edit_url=_hangar_url,
        changeable=lambda actor, pks: set(
            Hangar.objects.filter(pk__in=pks).changeable_by(actor).values_list("pk", flat=True)
        ),
    )


def _may_add_hangar(actor) -> bool:
    return access.may(actor, "create", Hangar, {"marking": Hangar.default_marking})


def hangar_list(request):
    """The hangars the maintenance schedule fills: each base's slots and technicians a day."""
    context = {
        "kind": Kind(gettext_lazy("hangar"), gettext_lazy("Hangars")),
        "create_url": reverse("fleet:hangar-create") if _may_add_hangar(request.user) else None,
    }
    return list_page(request, hangar_page(), context)


def _hangar_form(request, *, form, title: str):
    return fleet_form(
        request,
        form,
        run=lambda actor, cleaned: readiness.hangar_set(
            actor=actor,
            site=core_selectors.site_get(actor=actor, code=cleaned["site"]),
            slots=cleaned["slots"],
            technicians=cleaned["technicians"],
            estimated=cleaned["estimated"],
            note=cleaned["note"],
            expected_version=cleaned.get("expected_version"),
        ),
        title=title,
        cancel_url=reverse("fleet:hangars"),
        success_url=reverse("fleet:hangars"),
        message=lambda h: _("The hangar of %(base)s is recorded.") % {"base": h.site},
    )


@login_required
@require_http_methods(["GET", "POST"])
def hangar_create(request):
    actor = request.user
    if not _may_add_hangar(actor):
        return forbidden(request, _("Hangars are recorded by maintenance officers."))
    taken = Hangar.objects.values("site")
    sites = core_selectors.site_list(actor=actor).exclude(pk__in=taken)
    form = HangarForm(request.POST or None, sites=sites, initial={"slots": 1, "technicians": 4})
    return _hangar_form(request, form=form, title=_("New hangar"))


@login_required
@require_http_methods(["GET", "POST"])
def hangar_edit(request, site: str):
    actor = request.user
    hangar = record_or_404(readiness.hangar_get, actor=actor, site=site)
    if not access.may(actor, "change", Hangar, hangar):
        return forbidden(request, _("Hangars are recorded by maintenance officers."))
    initial = {
        "site": hangar.site.code,
        "slots": hangar.slots,
        "technicians": hangar.technicians,
        "estimated": hangar.estimated,
        "note": hangar.note,
        "expected_version": hangar.version,
    }
    data = request.POST.copy() if request.method == "POST" else None
    if data is not None:
        data["site"] = hangar.site.code  # the base of a hangar does not change
    form = HangarForm(data, sites=[hangar.site], initial=initial)
    form.fields["site"].disabled = True
    return _hangar_form(request, form=form, title=_("Hangar of %(base)s") % {"base": hangar.site})
