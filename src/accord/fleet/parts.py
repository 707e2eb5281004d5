"""Every write to parts, stock and parts orders: one audited function per use case.

Stock is held per site by lot, each lot with the day its shelf life ends; a receipt adds to a lot
(an ``F()`` update, never read-then-write). A parts order is paid from a trust fund through the
funds module's services: placing it commits the money (a pending transfer of the fund's ledger,
refused beyond the fund's available balance with nothing written), delivery puts its parts into
the site's stock and posts the commitment, cancellation voids it. The fund's statement shows the
commitment to the supplier, its note naming the order and the parts bought.
"""

from __future__ import annotations

from datetime import date, timedelta
from uuid import uuid4

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from accord import access
from accord.audit.services import audit_record, audited, audited_action, field_changes, snapshot
from accord.core.services import record_create
from accord.errors import Code, Conflict, ValidationFailed
from accord.fleet import selectors
from accord.fleet.choices import PartsOrderStatus
from accord.fleet.inputs import OrderLine, PartValues
from accord.fleet.models import Part, PartsOrder, PartsOrderLine, StockLot
from accord.funds import services as funds
from accord.l10n import format_day
from accord.money import DEFAULT_LOCALE, format_money


@audited("part.create")
def part_create(*, actor, values: PartValues) -> Part:
    """Add a part number to the catalogue, with its shelf life and reorder point."""
    data = values.given()
    data.setdefault("marking", Part.default_marking)
    return record_create(actor=actor, model=Part, data=data, action=audited_action())


def _positive(quantity, field: str = "quantity") -> None:
    if quantity is None or quantity <= 0:
        raise ValidationFailed(
            _("Give a quantity of one or more."), errors={field: [_("1 or more")]}
        )


def _receive(part: Part, site, lot: str, quantity: int, day: date, expires_on) -> StockLot:
    """Add ``quantity`` to the lot at the site, opening it if new (the unique key decides
    between two writers opening it at once)."""
    if expires_on is None and part.shelf_life_days:
        expires_on = day + timedelta(days=part.shelf_life_days)
    added = StockLot.objects.filter(part=part, site=site, lot=lot).update(
        quantity=F("quantity") + quantity, version=F("version") + 1
    )
    if not added:
        try:
            with transaction.atomic():
                StockLot.objects.create(
                    part=part,
                    site=site,
                    lot=lot,
                    quantity=quantity,
                    received_on=day,
                    expires_on=expires_on,
                    marking=part.marking,
                    owner_nation_id=part.owner_nation_id,
                )
        except IntegrityError:  # opened meanwhile: add to it
            StockLot.objects.filter(part=part, site=site, lot=lot).update(
                quantity=F("quantity") + quantity, version=F("version") + 1
            )
    return StockLot.objects.get(part=part, site=site, lot=lot)


@audited("stock.receive")
def stock_receive(
    *, actor, part: Part, site, lot: str, quantity: int, day: date, expires_on=None
) -> StockLot:
    """Receive parts into a site's stock as a lot (or more of a lot it holds). The lot's
    shelf life ends on ``expires_on``, or the part's shelf life after ``day``."""
    access.require_change(actor, part)
    access.require_view(actor, site)
    _positive(quantity)
    lot = (lot or "").strip()
    if not lot:
        raise ValidationFailed(
            _("Name the lot (its batch number)."), errors={"lot": [_("required")]}
        )
    if day > selectors.today():
        raise ValidationFailed(
            _("%(day)s is in the future: give today or an earlier day.") % {"day": format_day(day)},
            code=Code.DATE_IN_FUTURE,
            errors={"day": [_("today or earlier")]},
        )
    row = _receive(part, site, lot, quantity, day, expires_on)
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=row,
        changes={"received": quantity, "lot": lot, "day": str(day)},
    )
    return row


def _lines_text(lines: list[OrderLine], currency: str) -> str:
    # The fund's statement is read by every reader: written in the default locale.
    return "; ".join(
        f"{line.quantity} × {line.part.part_number} {line.part.name} @ "
        f"{format_money(line.unit_price_minor, currency, locale=DEFAULT_LOCALE)}"
        for line in lines
    )


def _payee(supplier: str, number: str, lines: list[OrderLine]) -> str:
    """Who is paid and for what, as the fund's statement and ledger show it: the supplier, the
    order's number and its parts ("Motor Sich, PO-2026-00012: 12 × TV3-117-FF")."""
    parts_bought = ", ".join(f"{line.quantity} × {line.part.part_number}" for line in lines)
    text = f"{supplier}, {number}: {parts_bought}"
    return text if len(text) <= 200 else text[:199] + "…"


def _check_lines(lines: list[OrderLine]) -> None:
    if not lines:
        raise ValidationFailed(_("Order at least one part."), errors={"lines": [_("required")]})
    for line in lines:
        _positive(line.quantity, "lines")
        if line.unit_price_minor is None or line.unit_price_minor <= 0:
            raise ValidationFailed(
                _("Give each part's unit price, more than zero."),
                code=Code.AMOUNT_NOT_POSITIVE,
                errors={"lines": [_("a price more than zero")]},
            )


@audited("parts_order.place")
def parts_order_place(
    *,
    actor,
    site,
    fund,
    supplier: str,
    lines: list[OrderLine],
    day: date,
    expected_on: date | None = None,
    marking: str | None = None,
    note: str = "",
    work_order=None,
) -> PartsOrder:
    """Order parts for a site, paid from a trust fund: the money is committed now (refused
    beyond the fund's available balance, ``insufficient_funds``, and then nothing is kept).
    Ordered for a work order, its work waits for them in the maintenance schedule."""
    scope = {"marking": marking or PartsOrder.default_marking}
    access.require_create(actor, PartsOrder, scope)
    access.require_view(actor, site)
    if work_order is not None:
        access.require_view(actor, work_order)
    supplier = (supplier or "").strip()
    if not supplier:
        raise ValidationFailed(_("Name the supplier."), errors={"supplier": [_("required")]})
    _check_lines(lines)
    amount = sum(line.quantity * line.unit_price_minor for line in lines)
    order = PartsOrder.objects.create(
        number=f"new-{uuid4().hex[:12]}",
        site=site,
        fund=fund,
        supplier=supplier,
        ordered_on=day,
        expected_on=expected_on,
        amount_minor=amount,
        currency=fund.currency,
        note=note,
        work_order=work_order,
        **scope,
    )
    order.number = f"PO-{day.year}-{order.pk:05d}"
    PartsOrderLine.objects.bulk_create(
        [
            PartsOrderLine(
                order=order,
                part=line.part,
                quantity=line.quantity,
                unit_price_minor=line.unit_price_minor,
            )
            for line in lines
        ]
    )
    order.commitment = funds.purchase_commit(
        actor=actor,
        fund=fund,
        amount_minor=amount,
        day=day,
        payee=_payee(supplier, order.number, lines),
        note=f"Fleet parts order {order.number}: {_lines_text(lines, fund.currency)}",
    )
    PartsOrder.objects.filter(pk=order.pk).update(number=order.number, commitment=order.commitment)
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=order,
        changes={**field_changes({}, snapshot(order)), "lines": len(lines)},
    )
    return order


def _settle_status(order: PartsOrder, status: str, **fields) -> None:
    moved = PartsOrder.objects.filter(pk=order.pk, status=PartsOrderStatus.PENDING).update(
        status=status, version=F("version") + 1, **fields
    )
    if not moved:
        raise Conflict(
            _("%(number)s is delivered or cancelled already.") % {"number": order.number},
            code=Code.PARTS_ORDER_NOT_PENDING,
        )


@audited("parts_order.deliver")
def parts_order_deliver(*, actor, order: PartsOrder, day: date) -> PartsOrder:
    """Take delivery: each line goes into the site's stock as the lot named by the order's
    number (its shelf life from today), and the fund pays the commitment."""
    access.require_change(actor, order)
    if order.status != PartsOrderStatus.PENDING:
        _settle_status(order, PartsOrderStatus.DELIVERED)  # refuses, naming the order
    if day < order.ordered_on:
        raise ValidationFailed(
            _("%(number)s was ordered on %(day)s: it is delivered on that day or later.")
            % {"number": order.number, "day": format_day(order.ordered_on)},
            errors={"day": [_("on or after the order day")]},
        )
    _settle_status(order, PartsOrderStatus.DELIVERED, delivered_on=day)
    for line in order.lines.select_related("part"):
        _receive(line.part, order.site, order.number, line.quantity, day, None)
    funds.purchase_settle(actor=actor, commitment=order.commitment, day=day)
    order.refresh_from_db()
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=order,
        changes={"status": [PartsOrderStatus.PENDING, order.status], "day": str(day)},
    )
    return order


@audited("parts_order.cancel")
def parts_order_cancel(*, actor, order: PartsOrder, day: date) -> PartsOrder:
    """Call the order off: the fund's commitment is voided, the money available again."""
    access.require_change(actor, order)
    _settle_status(order, PartsOrderStatus.CANCELLED)
    funds.purchase_cancel(actor=actor, commitment=order.commitment, day=day)
    order.refresh_from_db()
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=order,
        changes={"status": [PartsOrderStatus.PENDING, order.status], "day": str(day)},
    )
    return order
