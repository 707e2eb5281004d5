"""Aircraft types and their maintenance programme: the types, a type's tasks, adding a task."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accord import access
from accord.fleet import selectors, services
from accord.fleet.forms import TaskForm
from accord.fleet.inputs import MaintenanceTaskValues
from accord.fleet.models import AircraftType
from accord.fleet.views.common import fleet_form
from accord.web.pages import forbidden, history_rows, record_or_404


def type_list(request):
    actor = request.user
    types = list(selectors.aircraft_type_list(actor=actor))
    return render(request, "fleet/types.html", {"types": types})


def type_detail(request, code: str):
    actor = request.user
    aircraft_type = record_or_404(selectors.aircraft_type_get, actor=actor, code=code)
    context = {
        "aircraft_type": aircraft_type,
        "tasks": list(selectors.task_list(actor=actor, aircraft_type=aircraft_type)),
        "sources": list(aircraft_type.sources.all()),
        "can_change": access.may(actor, "change", AircraftType, aircraft_type),
        "history": history_rows(actor, aircraft_type),
    }
    return render(request, "fleet/type_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def task_create(request, code: str):
    actor = request.user
    aircraft_type = record_or_404(selectors.aircraft_type_get, actor=actor, code=code)
    if not access.may(actor, "change", AircraftType, aircraft_type):
        return forbidden(request, _("The programme is kept by maintenance officers."))
    url = reverse("fleet:type-detail", args=[aircraft_type.code])
    form = TaskForm(request.POST or None, initial={"kind": "programme", "repeats": True})
    return fleet_form(
        request,
        form,
        run=lambda actor, cleaned: services.maintenance_task_create(
            actor=actor,
            values=MaintenanceTaskValues(aircraft_type=aircraft_type, **form.service_data()),
        ),
        title=_("New task for %(type)s") % {"type": aircraft_type.name},
        cancel_url=url,
        success_url=url,
        message=lambda task: _("%(task)s is added to the programme.") % {"task": task.code},
    )
