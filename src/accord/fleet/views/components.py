"""Components by serial: the list, a component's page, registering one, installing and removing."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from accord import access
from accord.fleet import selectors, services
from accord.fleet.filters import ComponentFilter
from accord.fleet.forms import ComponentForm, InstallForm, RemoveForm
from accord.fleet.inputs import ComponentValues
from accord.fleet.models import Component
from accord.fleet.views.common import MARKING, Kind, fleet_form
from accord.l10n import format_number
from accord.web.pages import (
    Column,
    ListPage,
    forbidden,
    history_rows,
    list_page,
    record_action,
    record_or_404,
)

COMPONENT_COLUMNS = (
    Column(gettext_lazy("Serial number"), "serial", sort="serial", link=True),
    Column(gettext_lazy("Kind"), "kind"),
    Column(gettext_lazy("Model"), "model", sort="model"),
    Column(
        gettext_lazy("Hours since new (at fitting)"),
        lambda c: format_number(c.hours),
        sort="hours",
        numeric=True,
    ),
    MARKING,
)


def component_page() -> ListPage:
    return ListPage(
        name="components",
        model=Component,
        filterset=ComponentFilter,
        columns=COMPONENT_COLUMNS,
        select=selectors.component_list,
        row_url=lambda c: reverse("fleet:component-detail", args=[c.serial]),
    )


def component_list(request):
    actor = request.user
    context = {
        "kind": Kind(gettext_lazy("component"), gettext_lazy("Components")),
        "create_url": reverse("fleet:component-create")
        if access.may(actor, "create", Component, {"marking": Component.default_marking})
        else None,
    }
    return list_page(request, component_page(), context)


def component_detail(request, serial: str):
    actor = request.user
    component = record_or_404(selectors.component_get, actor=actor, serial=serial)
    current = selectors.open_installation(component)
    # The airframe it is on, unless the reader may not read that aircraft.
    on = access.reachable(actor, current.aircraft) if current is not None else None
    can_change = access.may(actor, "change", Component, component)
    context = {
        "component": component,
        "current": current,
        "on_aircraft": on,
        "usage": selectors.usage_of(component, current),
        "reached": selectors.limits_reached(component, current),
        "installations": list(selectors.installations_of(actor=actor, component=component)),
        "can_change": can_change,
        "install_form": InstallForm(aircraft=selectors.aircraft_list(actor=actor))
        if can_change and current is None
        else None,
        "remove_form": RemoveForm() if can_change and current is not None else None,
        "history": history_rows(actor, component),
    }
    return render(request, "fleet/component_detail.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def component_create(request):
    actor = request.user
    if not access.may(actor, "create", Component, {"marking": Component.default_marking}):
        return forbidden(request, _("Components are registered by maintenance officers."))
    form = ComponentForm(
        request.POST or None,
        actor=actor,
        initial={
            "marking": Component.default_marking,
            "hours": 0,
            "cycles": 0,
            "hours_since_overhaul": 0,
        },
    )
    return fleet_form(
        request,
        form,
        run=lambda actor, cleaned: services.component_create(
            actor=actor, values=ComponentValues(**cleaned)
        ),
        title=_("New component"),
        cancel_url=reverse("fleet:components"),
        success_url=lambda c: reverse("fleet:component-detail", args=[c.serial]),
        message=lambda c: _("%(serial)s is registered.") % {"serial": c.serial},
    )


@login_required
@require_POST
def component_install(request, serial: str):
    actor = request.user
    component = record_or_404(selectors.component_get, actor=actor, serial=serial)
    if not access.may(actor, "change", Component, component):
        return forbidden(request, _("Components are installed by maintenance officers."))
    planes = selectors.aircraft_list(actor=actor)
    form = InstallForm(request.POST, aircraft=planes)

    def run(actor, cleaned):
        plane = selectors.aircraft_get(actor=actor, tail_number=cleaned["aircraft"])
        return services.component_install(
            actor=actor,
            component=component,
            aircraft=plane,
            position=cleaned["position"],
            day=cleaned["day"],
        )

    return record_action(
        request,
        form=form,
        run=run,
        back_url=reverse("fleet:component-detail", args=[component.serial]),
        done=lambda row: (
            _("%(serial)s is installed on %(tail)s.")
            % {"serial": component.serial, "tail": row.aircraft.tail_number}
        ),
    )


@login_required
@require_POST
def component_remove(request, serial: str):
    actor = request.user
    component = record_or_404(selectors.component_get, actor=actor, serial=serial)
    if not access.may(actor, "change", Component, component):
        return forbidden(request, _("Components are removed by maintenance officers."))
    return record_action(
        request,
        form=RemoveForm(request.POST),
        run=lambda actor, cleaned: services.component_remove(
            actor=actor, component=component, day=cleaned["day"]
        ),
        back_url=reverse("fleet:component-detail", args=[component.serial]),
        done=_("%(serial)s is removed; it keeps its hours.") % {"serial": component.serial},
    )
