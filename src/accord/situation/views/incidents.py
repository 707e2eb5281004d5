"""Incidents and consequence management: the incidents list, recording one, an incident's page
with its tasks (adding one, moving one on), and the exposure of the mission's sites, routes and
shipments to incidents and recent conflict events, listed and on the map."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from accord import access
from accord.errors import Code, ValidationFailed
from accord.situation import selectors, services
from accord.situation.filters import IncidentFilter
from accord.situation.forms import ExposureForm, IncidentForm, TaskForm, TaskStatusForm
from accord.situation.inputs import IncidentTaskValues, IncidentValues
from accord.situation.models import Incident
from accord.situation.views.common import MARKING, Kind, situation_form
from accord.web.pages import (
    Column,
    ListPage,
    forbidden,
    history_rows,
    list_page,
    record_action,
    record_or_404,
)

INCIDENT_COLUMNS = (
    Column(gettext_lazy("Date"), "occurred_on", sort="date", link=True),
    Column(gettext_lazy("Title"), "title"),
    Column(gettext_lazy("Type"), "kind"),
    Column(gettext_lazy("Place"), "place"),
    Column(gettext_lazy("Province"), lambda i: i.province.local_name if i.province else "—"),
    Column(gettext_lazy("Killed"), "killed", sort="killed", numeric=True),
    Column(gettext_lazy("Injured"), "injured", numeric=True),
    MARKING,
)


def incident_page() -> ListPage:
    return ListPage(
        name="incidents",
        model=Incident,
        filterset=IncidentFilter,
        columns=INCIDENT_COLUMNS,
        select=lambda actor, params: selectors.incident_list(actor=actor, params=params),
        row_url=lambda i: reverse("situation:incident-detail", args=[i.pk]),
        export_extra=(
            Column(gettext_lazy("Latitude"), "latitude"),
            Column(gettext_lazy("Longitude"), "longitude"),
        ),
    )


def incident_list(request):
    context = {
        "kind": Kind(gettext_lazy("incident"), gettext_lazy("Incidents")),
        "create_url": reverse("situation:incident-create")
        if access.may(request.user, "create", Incident)
        else None,
        "more_actions": [(_("Exposure"), reverse("situation:exposure"))],
    }
    return list_page(request, incident_page(), context)


@require_GET
def incident_detail(request, pk: int):
    actor = request.user
    incident = record_or_404(selectors.incident_get, actor=actor, pk=pk)
    may_change = access.can_change(actor, incident)
    context = {
        "incident": incident,
        "tasks": selectors.incident_tasks(actor=actor, incident=incident),
        "task_form": TaskForm() if may_change else None,
        "may_change": may_change,
        "status_choices": TaskStatusForm.base_fields["status"].choices,
        "exposure_url": reverse("situation:exposure")
        + f"?km=50&date_from={incident.occurred_on}&date_to={incident.occurred_on}&incidents=on",
        "history": history_rows(actor, incident),
    }
    return render(request, "situation/incident_detail.html", context)


@login_required
def incident_create(request):
    actor = request.user
    if not access.may(actor, "create", Incident):
        return forbidden(request, _("Incidents are recorded by the hub's analysts."))
    form = IncidentForm(request.POST or None, actor=actor)
    return situation_form(
        request,
        form,
        run=lambda actor, cleaned: services.incident_create(
            actor=actor, values=IncidentValues(**cleaned)
        ),
        title=_("Record an incident"),
        cancel_url=reverse("situation:incidents"),
        success_url=lambda incident: reverse("situation:incident-detail", args=[incident.pk]),
        message=_("The incident is recorded: add its consequence-management tasks."),
    )


@login_required
@require_POST
def task_create(request, pk: int):
    actor = request.user
    incident = record_or_404(selectors.incident_get, actor=actor, pk=pk)
    if not access.can_change(actor, incident):
        return forbidden(request, _("Consequence-management tasks are kept by the hub's analysts."))
    back = reverse("situation:incident-detail", args=[incident.pk])
    return record_action(
        request,
        form=TaskForm(request.POST),
        run=lambda actor, cleaned: services.incident_task_create(
            actor=actor, incident=incident, values=IncidentTaskValues(**cleaned)
        ),
        back_url=back,
        done=_("The task is added."),
    )


@login_required
@require_POST
def task_status(request, pk: int):
    actor = request.user
    task = record_or_404(selectors.task_get, actor=actor, pk=pk)
    if not access.can_change(actor, task):
        return forbidden(request, _("Consequence-management tasks are kept by the hub's analysts."))
    back = reverse("situation:incident-detail", args=[task.incident_id])
    return record_action(
        request,
        form=TaskStatusForm(request.POST),
        run=lambda actor, cleaned: services.incident_task_update(
            actor=actor,
            task=task,
            values=IncidentTaskValues(status=cleaned["status"]),
            expected_version=cleaned["expected_version"],
        ),
        back_url=back,
        done=_("The task's status is changed."),
    )


# --- exposure -------------------------------------------------------------------------------------


def _exposure_query(request) -> tuple[dict, ExposureForm]:
    """The exposure's parameters from the query string (the defaults when none is given)."""
    asked = bool(request.GET)
    form = ExposureForm(request.GET if asked else None)
    if not asked:
        return {"events": True, "incidents": True}, form
    if not form.is_valid():
        errors = {name: list(texts) for name, texts in form.errors.items()}
        code = Code.EXPOSURE_DISTANCE if "km" in errors else Code.INVALID_FILTER
        raise ValidationFailed(code=code, errors=errors)
    return form.cleaned_data, form


def _exposure(request):
    params, form = _exposure_query(request)
    report = selectors.exposure(
        actor=request.user,
        km=params.get("km"),
        date_from=params.get("date_from"),
        date_to=params.get("date_to"),
        events=params.get("events", False),
        incidents=params.get("incidents", False),
    )
    return report, form


@require_GET
def exposure(request):
    """Which of the mission's sites, legs and shipments lie within the distance asked of an
    incident or a conflict event of the span: the lists and the map."""
    error = None
    try:
        report, form = _exposure(request)
    except ValidationFailed as exc:
        report, form, error = None, ExposureForm(request.GET), exc
    context = {
        "report": report,
        "form": form,
        "error": error,
        "data_url": reverse("situation:exposure-data") + "?" + request.GET.urlencode(),
        "incident_count": sum(1 for h in report.hazards.values() if h["kind"] == "incident")
        if report
        else 0,
    }
    return render(request, "situation/exposure.html", context)


@require_GET
def exposure_data(request):
    try:
        report, _form = _exposure(request)
    except ValidationFailed as exc:
        return JsonResponse({"detail": exc.detail, "code": exc.code}, status=422)
    return JsonResponse(selectors.exposure_geojson(actor=request.user, report=report))
