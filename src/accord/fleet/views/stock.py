"""Parts, stock and parts orders: the part catalogue, the stock by site and lot (items at or below
their reorder point flagged), receiving stock, and parts orders paid from a trust fund (placing,
a parts order's page, delivery and cancellation)."""

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
from accord.fleet import parts, selectors
from accord.fleet.filters import PartFilter, PartsOrderFilter, StockFilter
from accord.fleet.forms import DayForm, PartForm, PartsOrderForm, ReceiptForm
from accord.fleet.inputs import OrderLine, PartValues
from accord.fleet.models import Part, PartsOrder, StockLot
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

PART_COLUMNS = (
    Column(gettext_lazy("Part number"), "part_number", sort="part_number", link=True),
    Column(gettext_lazy("Name"), "name", sort="name"),
    Column(pgettext_lazy("measure", "Unit"), "unit"),
    Column(gettext_lazy("Shelf life (days)"), "shelf_life_days", numeric=True),
    Column(gettext_lazy("Reorder point"), "reorder_point", numeric=True),
    MARKING,
)


def part_page() -> ListPage:
    return ListPage(
        name="parts",
        model=Part,
        filterset=PartFilter,
        columns=PART_COLUMNS,
        select=selectors.part_list,
        row_url=lambda p: reverse("fleet:stock") + f"?part={p.part_number}",
    )


def part_list(request):
    actor = request.user
    context = {
        "kind": Kind(gettext_lazy("part"), gettext_lazy("Parts")),
        "create_url": reverse("fleet:part-create")
        if access.may(actor, "create", Part, {"marking": Part.default_marking})
        else None,
    }
    return list_page(request, part_page(), context)


@login_required
@require_http_methods(["GET", "POST"])
def part_create(request):
    actor = request.user
    if not access.may(actor, "create", Part, {"marking": Part.default_marking}):
        return forbidden(request, _("Parts are added by maintenance officers."))
    form = PartForm(request.POST or None, actor=actor, initial={"marking": Part.default_marking})
    return fleet_form(
        request,
        form,
        run=lambda actor, cleaned: parts.part_create(actor=actor, values=PartValues(**cleaned)),
        title=_("New part"),
        cancel_url=reverse("fleet:parts"),
        success_url=reverse("fleet:parts"),
        message=lambda p: _("%(part)s is added.") % {"part": p.part_number},
    )


LOT_COLUMNS = (
    Column(gettext_lazy("Part"), lambda lot: lot.part.part_number, sort="part"),
    Column(gettext_lazy("Site"), lambda lot: str(shown(lot, "site") or "")),
    Column(gettext_lazy("Lot"), "lot"),
    Column(gettext_lazy("Quantity"), lambda lot: format_number(lot.quantity), numeric=True),
    Column(gettext_lazy("Received on"), lambda lot: format_day(lot.received_on)),
    Column(
        gettext_lazy("Expires on"),
        lambda lot: format_day(lot.expires_on) if lot.expires_on else "",
        sort="expires_on",
    ),
)


def stock_page() -> ListPage:
    return ListPage(
        name="stock",
        model=StockLot,
        filterset=StockFilter,
        columns=LOT_COLUMNS,
        select=selectors.stock_list,
        row_url=lambda lot: reverse("fleet:stock") + f"?part={lot.part.part_number}",
        template="fleet/stock.html",
    )


def stock(request):
    """The stock by lot, under each part's level at each site, the low ones flagged."""
    actor = request.user
    context = {
        "kind": Kind(gettext_lazy("receipt"), gettext_lazy("Stock")),
        "levels": selectors.stock_levels(actor=actor),
        "create_url": reverse("fleet:stock-receive") if access.may(actor, "change", Part) else None,
    }
    return list_page(request, stock_page(), context)


@login_required
@require_http_methods(["GET", "POST"])
def stock_receive(request):
    actor = request.user
    if not access.may(actor, "change", Part):
        return forbidden(request, _("Stock is received by maintenance officers."))
    known = list(selectors.part_list(actor=actor))
    sites = list(core_selectors.site_list(actor=actor))
    form = ReceiptForm(request.POST or None, parts=known, sites=sites)

    def run(actor, cleaned):
        data = dict(cleaned)
        data["part"] = selectors.part_get(actor=actor, part_number=cleaned["part"])
        data["site"] = core_selectors.site_get(actor=actor, code=cleaned["site"])
        return parts.stock_receive(actor=actor, **data)

    return fleet_form(
        request,
        form,
        run=run,
        title=_("Receive stock"),
        cancel_url=reverse("fleet:stock"),
        success_url=reverse("fleet:stock"),
        message=lambda lot: _("Received into lot %(lot)s.") % {"lot": lot.lot},
    )


ORDER_COLUMNS = (
    Column(gettext_lazy("Number"), "number", sort="number", link=True),
    Column(gettext_lazy("Supplier"), "supplier"),
    Column(gettext_lazy("Delivered to"), lambda o: str(shown(o, "site") or "")),
    Column(gettext_lazy("Trust fund"), lambda o: str(shown(o, "fund") or "")),
    Column(gettext_lazy("Status"), "status"),
    Column(gettext_lazy("Ordered on"), lambda o: format_day(o.ordered_on), sort="ordered_on"),
    Column(
        gettext_lazy("Amount"),
        lambda o: format_money(o.amount_minor, o.currency),
        numeric=True,
    ),
    Column(
        gettext_lazy("Parts"),
        lambda o: ", ".join(
            f"{line.quantity} × {line.part.part_number if line.part_shown else '—'}"
            for line in o.lines.all()
        ),
    ),
    MARKING,
)


def parts_order_page() -> ListPage:
    return ListPage(
        name="parts-orders",
        model=PartsOrder,
        filterset=PartsOrderFilter,
        columns=ORDER_COLUMNS,
        select=selectors.parts_order_list,
        row_url=lambda o: reverse("fleet:parts-order-detail", args=[o.number]),
    )


def _may_order(actor) -> bool:
    return access.may(actor, "create", PartsOrder, {"marking": PartsOrder.default_marking})


def parts_order_list(request):
    context = {
        "kind": Kind(gettext_lazy("parts order"), gettext_lazy("Parts orders")),
        "create_url": reverse("fleet:parts-order-create") if _may_order(request.user) else None,
    }
    return list_page(request, parts_order_page(), context)


@login_required
@require_http_methods(["GET", "POST"])
def parts_order_create(request):
    actor = request.user
    if not _may_order(actor):
        return forbidden(request, _("Parts are ordered by maintenance officers."))
    funds = [
        f
        for f in funds_selectors.fund_list(actor=actor)
        if access.may(actor, "purchase", type(f), f)
    ]
    form = PartsOrderForm(
        request.POST or None,
        actor=actor,
        funds=funds,
        parts=list(selectors.part_list(actor=actor)),
        sites=list(core_selectors.site_list(actor=actor)),
        initial={"marking": PartsOrder.default_marking},
    )

    def run(actor, cleaned):
        fund = funds_selectors.fund_get(actor=actor, code=cleaned["fund"])
        line = OrderLine(
            part=selectors.part_get(actor=actor, part_number=cleaned["part"]),
            quantity=cleaned["quantity"],
            unit_price_minor=to_minor(cleaned["unit_price"], fund.currency, field="unit_price"),
        )
        return parts.parts_order_place(
            actor=actor,
            site=core_selectors.site_get(actor=actor, code=cleaned["site"]),
            fund=fund,
            supplier=cleaned["supplier"],
            lines=[line],
            day=cleaned["ordered_on"],
            expected_on=cleaned["expected_on"],
            marking=cleaned["marking"],
            note=cleaned["note"],
        )

    return fleet_form(
        request,
        form,
        run=run,
        title=_("Order parts"),
        cancel_url=reverse("fleet:parts-orders"),
        success_url=lambda o: reverse("fleet:parts-order-detail", args=[o.number]),
        message=lambda o: _("%(number)s is placed; the money is committed.") % {"number": o.number},
    )


def parts_order_detail(request, number: str):
    actor = request.user
    order = record_or_404(selectors.parts_order_get, actor=actor, number=number)
    can_settle = access.may(actor, "change", PartsOrder, order) and order.status == "pending"
    context = {
        "order": order,
        "site": shown(order, "site"),
        "fund": shown(order, "fund"),
        "amount": format_money(order.amount_minor, order.currency),
        "lines": [
            (line, format_money(line.unit_price_minor, order.currency))
            for line in order.lines.all()
        ],
        "day_form": DayForm() if can_settle else None,
        "history": history_rows(actor, order),
    }
    return render(request, "fleet/parts_order_detail.html", context)


def _settle(request, number: str, service, done: str):
    actor = request.user
    order = record_or_404(selectors.parts_order_get, actor=actor, number=number)
    if not access.may(actor, "change", PartsOrder, order):
        return forbidden(request, _("Parts orders are kept by maintenance officers."))
    return record_action(
        request,
        form=DayForm(request.POST),
        run=lambda actor, cleaned: service(actor=actor, order=order, day=cleaned["day"]),
        back_url=reverse("fleet:parts-order-detail", args=[order.number]),
        done=done,
    )


@login_required
@require_POST
def parts_order_deliver(request, number: str):
    return _settle(
        request, number, parts.parts_order_deliver, _("Delivered into stock; the fund pays.")
    )


@login_required
@require_POST
def parts_order_cancel(request, number: str):
    return _settle(
        request, number, parts.parts_order_cancel, _("Cancelled; the money is free again.")
    )
