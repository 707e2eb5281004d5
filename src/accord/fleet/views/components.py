"""Components by serial: the list, a component's page, registering one, installing and removing;
rotables through repair: sending one to a shop, the repair orders, taking one back or calling
the repair off."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from accord import access
from accord.access import shown
from accord.core import selectors as core_selectors
from accord.fleet import rotables, selectors, services
from accord.fleet.choices import ComponentCondition, RepairStatus
from accord.fleet.filters import ComponentFilter, RepairOrderFilter
from accord.fleet.forms import (
    ComponentForm,
    InstallForm,
    RemoveForm,
    RepairCancelForm,
    RepairReturnForm,
    RepairSendForm,
)
from accord.fleet.inputs import ComponentValues
from accord.fleet.models import Component, RepairOrder
from accord.fleet.views.common import MARKING, Kind, fleet_form
from accord.funds import selectors as funds_selectors
from accord.l10n import format_day, format_number
from accord.money import format_money, to_minor
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
    Column(pgettext_lazy("component", "Condition"), "condition"),
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
    serviceable = component.condition == ComponentCondition.SERVICEABLE
    context = {
        "component": component,
        "current": current,
        "on_aircraft": on,
        "held_at": access.reachable(actor, component.site) if current is None else None,
        "usage": selectors.usage_of(component, current),
        "reached": selectors.limits_reached(component, current),
        "installations": list(selectors.installations_of(actor=actor, component=component)),
        "repairs": list(selectors.repair_order_list(actor=actor, component=component)),
        "can_change": can_change,
        "install_form": InstallForm(aircraft=selectors.aircraft_list(actor=actor))
        if can_change and current is None and serviceable
        else None,
        "remove_form": RemoveForm(sites=core_selectors.site_list(actor=actor))
        if can_change and current is not None
        else None,
        "repair_url": reverse("fleet:repair-send", args=[component.serial])
        if can_change and current is None and component.condition != ComponentCondition.IN_REPAIR
        else None,
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
    sites = list(core_selectors.site_list(actor=actor))

    def run(actor, cleaned):
        site = cleaned.get("site")
        return services.component_remove(
            actor=actor,
            component=component,
            day=cleaned["day"],
            serviceable=cleaned["serviceable"],
            site=core_selectors.site_get(actor=actor, code=site) if site else None,
        )

    return record_action(
        request,
        form=RemoveForm(request.POST, sites=sites),
        run=run,
        back_url=reverse("fleet:component-detail", args=[component.serial]),
        done=_("%(serial)s is removed; it keeps its hours.") % {"serial": component.serial},
    )


# --- rotables through repair ---------------------------------------------------------------------


REPAIR_COLUMNS = (
    Column(gettext_lazy("Number"), "number", sort="number", link=True),
    Column(gettext_lazy("Component"), lambda r: f"{r.component.model} {r.component.serial}"),
    Column(gettext_lazy("Repair shop"), "shop"),
    Column(gettext_lazy("Status"), "status"),
    Column(gettext_lazy("Sent on"), lambda r: format_day(r.sent_on), sort="sent_on"),
    Column(
        gettext_lazy("Expected back on"),
        lambda r: format_day(r.expected_on) if r.expected_on else "",
        sort="expected_on",
    ),
    Column(gettext_lazy("Trust fund"), lambda r: str(shown(r, "fund") or "")),
    Column(gettext_lazy("Cost"), lambda r: format_money(r.amount_minor, r.currency), numeric=True),
    MARKING,
)


def repair_page() -> ListPage:
    return ListPage(
        name="repair-orders",
        model=RepairOrder,
        filterset=RepairOrderFilter,
        columns=REPAIR_COLUMNS,
        select=selectors.repair_order_list,
        row_url=lambda r: reverse("fleet:repair-detail", args=[r.number]),
    )


def repair_list(request):
    """Rotables sent to repair: those at a shop now (``?status=in_repair``), back, called off."""
    context = {"kind": Kind(gettext_lazy("repair order"), gettext_lazy("Rotables in repair"))}
    return list_page(request, repair_page(), context)


def _purchasable_funds(actor) -> list:
    return [
        f
        for f in funds_selectors.fund_list(actor=actor)
        if access.may(actor, "purchase", type(f), f)
    ]


@login_required
@require_http_methods(["GET", "POST"])
def repair_send(request, serial: str):
    actor = request.user
    component = record_or_404(selectors.component_get, actor=actor, serial=serial)
    if not access.may(actor, "change", Component, component):
        return forbidden(request, _("Components are sent to repair by maintenance officers."))
    form = RepairSendForm(request.POST or None, funds=_purchasable_funds(actor))

    def run(actor, cleaned):
        fund = funds_selectors.fund_get(actor=actor, code=cleaned["fund"])
        return rotables.repair_send(
            actor=actor,
            component=component,
            shop=cleaned["shop"],
            fund=fund,
            amount_minor=to_minor(cleaned["amount"], fund.currency, field="amount"),
            day=cleaned["sent_on"],
            expected_on=cleaned["expected_on"],
            work=cleaned["work"],
            note=cleaned["note"],
        )

    return fleet_form(
        request,
        form,
        run=run,
        title=_("Send %(serial)s to repair") % {"serial": component.serial},
        cancel_url=reverse("fleet:component-detail", args=[component.serial]),
        success_url=lambda o: reverse("fleet:repair-detail", args=[o.number]),
        message=lambda o: (
            _("%(serial)s is sent to repair (%(number)s); the money is committed.")
            % {"serial": component.serial, "number": o.number}
        ),
    )


def repair_detail(request, number: str):
    actor = request.user
    order = record_or_404(selectors.repair_order_get, actor=actor, number=number)
    component = order.component
    open_ = order.status == RepairStatus.IN_REPAIR and access.may(
        actor, "change", RepairOrder, order
    )
    context = {
        "order": order,
        "component": component,
        "fund": shown(order, "fund"),
        "site": shown(order, "site"),
        "amount": format_money(order.amount_minor, order.currency),
        "return_form": RepairReturnForm(sites=core_selectors.site_list(actor=actor))
        if open_
        else None,
        "cancel_form": RepairCancelForm() if open_ else None,
        "history": history_rows(actor, order),
    }
    return render(request, "fleet/repair_detail.html", context)


def _repair_step(request, number: str, form_class, run, done, **form_kwargs):
    actor = request.user
    order = record_or_404(selectors.repair_order_get, actor=actor, number=number)
    if not access.may(actor, "change", RepairOrder, order):
        return forbidden(request, _("Repairs are kept by maintenance officers."))
    return record_action(
        request,
        form=form_class(request.POST, **form_kwargs),
        run=lambda actor, cleaned: run(actor, order, cleaned),
        back_url=reverse("fleet:repair-detail", args=[order.number]),
        done=done,
    )


@login_required
@require_POST
def repair_return(request, number: str):
    def run(actor, order, cleaned):
        return rotables.repair_return(
            actor=actor,
            order=order,
            day=cleaned["day"],
            site=core_selectors.site_get(actor=actor, code=cleaned["site"]),
            overhauled=cleaned["overhauled"],
            note=cleaned["note"],
        )

    return _repair_step(
        request,
        number,
        RepairReturnForm,
        run,
        _("Back serviceable, into stock; the fund pays."),
        sites=core_selectors.site_list(actor=request.user),
    )


@login_required
@require_POST
def repair_cancel(request, number: str):
    def run(actor, order, cleaned):
        return rotables.repair_cancel(
            actor=actor, order=order, day=cleaned["day"], reason=cleaned["reason"]
        )

    return _repair_step(
        request,
        number,
        RepairCancelForm,
        run,
        _("The repair is called off; the money is free again."),
    )
