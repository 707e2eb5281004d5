"""Work orders and defects: the list, raising an order from an aircraft's due tasks and open
defects, reporting a defect, and a work order's page with its buttons (draw a part, sign an item
off, close the order)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from accord import access
from accord.access import shown
from accord.fleet import selectors, work_orders
from accord.fleet.filters import DefectFilter, WorkOrderFilter
from accord.fleet.forms import DayForm, DefectForm, DrawForm, WorkOrderForm
from accord.fleet.models import Defect, WorkOrder
from accord.fleet.views.common import MARKING, Kind, fleet_form
from accord.training import selectors as training
from accord.web.pages import (
    Column,
    ListPage,
    forbidden,
    history_rows,
    list_page,
    record_action,
    record_or_404,
)


def _open_items(order) -> str:
    items = list(order.items.all())
    signed = sum(1 for i in items if i.signed_by_id)
    return f"{signed}/{len(items)}"


WORK_ORDER_COLUMNS = (
    Column(gettext_lazy("Number"), "number", sort="number", link=True),
    Column(gettext_lazy("Aircraft"), lambda o: o.aircraft.tail_number),
    Column(gettext_lazy("Site"), lambda o: str(shown(o, "site") or "")),
    Column(gettext_lazy("Status"), "status", sort="status"),
    Column(gettext_lazy("Raised on"), "raised_on", sort="raised_on"),
    Column(gettext_lazy("Closed on"), "closed_on"),
    Column(gettext_lazy("Signed off"), _open_items),
    MARKING,
)


def work_order_page() -> ListPage:
    return ListPage(
        name="work-orders",
        model=WorkOrder,
        filterset=WorkOrderFilter,
        columns=WORK_ORDER_COLUMNS,
        select=selectors.work_order_list,
        row_url=lambda o: reverse("fleet:work-order-detail", args=[o.number]),
    )


def work_order_list(request):
    context = {"kind": Kind(gettext_lazy("work order"), gettext_lazy("Work orders"))}
    return list_page(request, work_order_page(), context)


DEFECT_COLUMNS = (
    Column(gettext_lazy("Reported on"), "reported_on", sort="reported_on", link=True),
    Column(gettext_lazy("Aircraft"), lambda d: d.aircraft.tail_number),
    Column(gettext_lazy("Description"), "description"),
    Column(gettext_lazy("Status"), "status"),
    Column(gettext_lazy("Work order"), lambda d: d.work_order.number if d.work_order else ""),
    MARKING,
)


def defect_page() -> ListPage:
    return ListPage(
        name="defects",
        model=Defect,
        filterset=DefectFilter,
        columns=DEFECT_COLUMNS,
        select=selectors.defect_list,
        row_url=lambda d: reverse("fleet:aircraft-detail", args=[d.aircraft.tail_number]),
    )


def defect_list(request):
    context = {"kind": Kind(gettext_lazy("defect"), gettext_lazy("Defects"))}
    return list_page(request, defect_page(), context)


def _may_raise(actor, aircraft) -> bool:
    scope = {"marking": aircraft.marking, "owner_nation_id": aircraft.owner_nation_id}
    return access.may(actor, "change", type(aircraft), aircraft) and access.may(
        actor, "create", WorkOrder, scope
    )


@login_required
@require_http_methods(["GET", "POST"])
def work_order_new(request, tail: str):
    actor = request.user
    aircraft = record_or_404(selectors.aircraft_get, actor=actor, tail_number=tail)
    if not _may_raise(actor, aircraft):
        return forbidden(request, _("Work orders are raised by maintenance officers."))
    tasks = selectors.tasks_to_work(actor=actor, aircraft=aircraft)
    defects = list(selectors.open_defects(actor=actor, aircraft=aircraft))
    initial = {"tasks": [request.GET["task"]]} if request.GET.get("task") else {}
    form = WorkOrderForm(request.POST or None, tasks=tasks, defects=defects, initial=initial)
    by_code = {row.task.code: row.task for row in tasks}
    by_pk = {str(d.pk): d for d in defects}

    def run(actor, cleaned):
        return work_orders.work_order_raise(
            actor=actor,
            aircraft=aircraft,
            day=cleaned["raised_on"],
            tasks=[by_code[code] for code in cleaned["tasks"]],
            defects=[by_pk[pk] for pk in cleaned["defects"]],
            note=cleaned["note"],
        )

    return fleet_form(
        request,
        form,
        run=run,
        title=_("Raise a work order on %(tail)s") % {"tail": aircraft.tail_number},
        cancel_url=reverse("fleet:aircraft-detail", args=[aircraft.tail_number]),
        success_url=lambda o: reverse("fleet:work-order-detail", args=[o.number]),
        message=lambda o: _("Work order %(number)s is raised.") % {"number": o.number},
    )


@login_required
@require_http_methods(["GET", "POST"])
def defect_new(request, tail: str):
    actor = request.user
    aircraft = record_or_404(selectors.aircraft_get, actor=actor, tail_number=tail)
    scope = {"marking": aircraft.marking, "owner_nation_id": aircraft.owner_nation_id}
    if not access.may(actor, "create", Defect, scope):
        return forbidden(request, _("Defects are reported by maintenance officers."))
    url = reverse("fleet:aircraft-detail", args=[aircraft.tail_number])
    return fleet_form(
        request,
        DefectForm(request.POST or None),
        run=lambda actor, cleaned: work_orders.defect_report(
            actor=actor, aircraft=aircraft, **cleaned
        ),
        title=_("Report a defect on %(tail)s") % {"tail": aircraft.tail_number},
        cancel_url=url,
        success_url=url,
        message=_("The defect is reported."),
    )


def work_order_detail(request, number: str):
    actor = request.user
    order = record_or_404(selectors.work_order_get, actor=actor, number=number)
    can_change = access.may(actor, "change", WorkOrder, order) and order.status == "open"
    qualification = order.aircraft.aircraft_type.qualification
    lots = selectors.lots_at(actor=actor, site=order.site) if order.site_id else []
    context = {
        "order": order,
        "site": shown(order, "site"),
        "items": list(order.items.all()),
        "draws": list(order.draws.all()),
        "can_change": can_change,
        "certified": can_change
        and training.technician_certified(actor, qualification, selectors.today()),
        "qualification": qualification,
        "draw_form": DrawForm(lots=list(lots)) if can_change else None,
        "defect_form": DefectForm() if can_change else None,
        "day_form": DayForm() if can_change else None,
        "history": history_rows(actor, order),
    }
    return render(request, "fleet/work_order_detail.html", context)


def _order_for_change(request, number):
    actor = request.user
    order = record_or_404(selectors.work_order_get, actor=actor, number=number)
    if not access.may(actor, "change", WorkOrder, order):
        return order, forbidden(request, _("Work orders are kept by maintenance officers."))
    return order, None


def _back(order) -> str:
    return reverse("fleet:work-order-detail", args=[order.number])


@login_required
@require_POST
def part_draw(request, number: str):
    order, refused = _order_for_change(request, number)
    if refused:
        return refused
    lots = list(selectors.lots_at(actor=request.user, site=order.site)) if order.site_id else []
    by_pk = {str(lot.pk): lot for lot in lots}
    return record_action(
        request,
        form=DrawForm(request.POST, lots=lots),
        run=lambda actor, cleaned: work_orders.part_draw(
            actor=actor,
            work_order=order,
            lot=by_pk[cleaned["lot"]],
            quantity=cleaned["quantity"],
            day=cleaned["day"],
        ),
        back_url=_back(order),
        done=_("The part is drawn from stock."),
    )


@login_required
@require_POST
def defect_found(request, number: str):
    order, refused = _order_for_change(request, number)
    if refused:
        return refused
    return record_action(
        request,
        form=DefectForm(request.POST),
        run=lambda actor, cleaned: work_orders.defect_report(
            actor=actor, aircraft=order.aircraft, work_order=order, **cleaned
        ),
        back_url=_back(order),
        done=_("The defect is recorded on the work order."),
    )


@login_required
@require_POST
def item_sign_off(request, number: str, item: int):
    order, refused = _order_for_change(request, number)
    if refused:
        return refused
    found = record_or_404(
        selectors.work_order_item_get, actor=request.user, work_order=order, pk=item
    )
    return record_action(
        request,
        form=DayForm(request.POST),
        run=lambda actor, cleaned: work_orders.item_sign_off(
            actor=actor, item=found, day=cleaned["day"]
        ),
        back_url=_back(order),
        done=_("Signed off."),
    )


@login_required
@require_POST
def work_order_close(request, number: str):
    order, refused = _order_for_change(request, number)
    if refused:
        return refused
    return record_action(
        request,
        form=DayForm(request.POST),
        run=lambda actor, cleaned: work_orders.work_order_close(
            actor=actor, work_order=order, day=cleaned["day"]
        ),
        back_url=_back(order),
        done=_("The work order is closed; its tasks are recorded done."),
    )
