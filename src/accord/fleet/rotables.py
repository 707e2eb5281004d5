"""Rotables by serial through repair: one audited function per step.

A rotable (a main gearbox, a TV3-117 engine, a rotor blade) is repaired, not consumed. Removed
from an airframe it is unserviceable (``services.component_remove``); a repair order sends it to
a shop, its cost committed from a trust fund through the funds module's services (a pending
transfer, refused beyond the fund's available balance with nothing kept); it comes back
serviceable into a site's stock, its hours since overhaul started again if the shop overhauled
it, and the commitment posted; a repair called off voids the commitment and leaves it
unserviceable. Each step is written on the repair order and on the component, whose history
shows its path.

The component's condition moves by a conditional UPDATE on the condition the step expects, so
two officers sending the same component at once never both succeed.
"""

from __future__ import annotations

from datetime import date
from uuid import uuid4

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from accord import access
from accord.audit.services import audit_record_many, audited, audited_action
from accord.errors import Code, Conflict, ValidationFailed
from accord.fleet import selectors
from accord.fleet.choices import ComponentCondition as Condition
from accord.fleet.choices import RepairStatus
from accord.fleet.models import Component, RepairOrder
from accord.funds import services as funds
from accord.l10n import format_day
from accord.money import DEFAULT_LOCALE, format_money


def _not_future(day: date, field: str) -> None:
    if day > selectors.today():
        raise ValidationFailed(
            _("%(day)s is in the future: give today or an earlier day.") % {"day": format_day(day)},
            code=Code.DATE_IN_FUTURE,
            errors={field: [_("today or earlier")]},
        )


def _payee(shop: str, number: str, component: Component) -> str:
    """Who is paid and for what, as the fund's statement shows it ("Motor Sich, RO-2026-00003:
    repair of TV3-117VM 12345")."""
    text = f"{shop}, {number}: repair of {component.model} {component.serial}"
    return text if len(text) <= 200 else text[:199] + "…"


def _condition(component: Component, expected: list[str], to: str, **fields) -> bool:
    return bool(
        Component.objects.filter(pk=component.pk, condition__in=expected).update(
            condition=to, version=F("version") + 1, **fields
        )
    )


@audited("repair_order.send")
def repair_send(
    *,
    actor,
    component: Component,
    shop: str,
    fund,
    amount_minor: int,
    day: date,
    expected_on: date | None = None,
    work: str = "",
    note: str = "",
) -> RepairOrder:
    """Send a component off any airframe to a repair shop: the repair's cost is committed from
    the trust fund now. Refused while it is installed (``component_installed``) or at a shop
    already (``component_in_repair``)."""
    access.require_change(actor, component)
    shop = (shop or "").strip()
    if not shop:
        raise ValidationFailed(_("Name the repair shop."), errors={"shop": [_("required")]})
    if amount_minor is None or amount_minor <= 0:
        raise ValidationFailed(
            _("Give the cost of the repair, more than zero."),
            code=Code.AMOUNT_NOT_POSITIVE,
            errors={"amount": [_("more than zero")]},
        )
    _not_future(day, "day")
    if expected_on is not None and expected_on < day:
        raise ValidationFailed(
            _("It is expected back on the day it is sent or later."),
            errors={"expected_on": [_("on or after the day it is sent")]},
        )
    if selectors.open_installation(component) is not None:
        raise Conflict(
            _("%(serial)s is installed on an airframe: remove it before sending it to repair.")
            % {"serial": component.serial},
            code=Code.COMPONENT_INSTALLED,
        )
    if component.condition == Condition.IN_REPAIR:
        raise Conflict(
            _("%(serial)s is at a repair shop already.") % {"serial": component.serial},
            code=Code.COMPONENT_IN_REPAIR,
        )
    try:
        with transaction.atomic():  # a savepoint: the refusal below is audited
            order = RepairOrder.objects.create(
                number=f"new-{uuid4().hex[:12]}",
                component=component,
                shop=shop,
                work=(work or "").strip(),
                fund=fund,
                amount_minor=amount_minor,
                currency=fund.currency,
                sent_on=day,
                expected_on=expected_on,
                note=note,
                marking=component.marking,
                owner_nation_id=component.owner_nation_id,
            )
    except IntegrityError as exc:  # sent meanwhile by someone else
        raise Conflict(
            _("%(serial)s is at a repair shop already.") % {"serial": component.serial},
            code=Code.COMPONENT_IN_REPAIR,
        ) from exc
    # Numbered from its id, the database's own counter.
    order.number = f"RO-{day.year}-{order.pk:05d}"
    if not _condition(
        component, [Condition.SERVICEABLE, Condition.UNSERVICEABLE], Condition.IN_REPAIR
    ):
        raise Conflict(
            _("%(serial)s is at a repair shop already.") % {"serial": component.serial},
            code=Code.COMPONENT_IN_REPAIR,
        )
    money = format_money(amount_minor, fund.currency, locale=DEFAULT_LOCALE)
    order.commitment = funds.purchase_commit(
        actor=actor,
        fund=fund,
        amount_minor=amount_minor,
        day=day,
        payee=_payee(shop, order.number, component),
        # The fund's statement is read by every reader: written in the default locale.
        note=f"Fleet repair order {order.number}: {component.model} {component.serial}, {money}",
    )
    RepairOrder.objects.filter(pk=order.pk).update(number=order.number, commitment=order.commitment)
    step = {"repair_order": order.number, "shop": shop, "day": str(day)}
    audit_record_many(
        actor=actor,
        action=audited_action(),
        records=[
            (
                order,
                {
                    **step,
                    "component": component.serial,
                    "fund": fund.code,
                    "amount_minor": amount_minor,
                    "expected_on": str(expected_on) if expected_on else None,
                },
            ),
            (component, {**step, "condition": [component.condition, Condition.IN_REPAIR]}),
        ],
    )
    order.refresh_from_db()
    return order


def _open(order: RepairOrder, to: str, **fields) -> None:
    moved = RepairOrder.objects.filter(pk=order.pk, status=RepairStatus.IN_REPAIR).update(
        status=to, version=F("version") + 1, **fields
    )
    if not moved:
        current = RepairOrder.objects.get(pk=order.pk)
        raise Conflict(
            _("%(number)s is %(status)s: the component is not in repair on it.")
            % {"number": order.number, "status": current.get_status_display()},
            code=Code.REPAIR_NOT_OPEN,
        )


@audited("repair_order.return")
def repair_return(
    *, actor, order: RepairOrder, day: date, site, overhauled: bool = False, note: str = ""
) -> RepairOrder:
    """Take a repaired component back, serviceable, into a site's stock: the fund pays the
    commitment; overhauled, its hours since overhaul start again from zero. Refused for an
    order not in repair (``repair_not_open``)."""
    access.require_change(actor, order)
    component = order.component
    access.require_change(actor, component)
    access.require_view(actor, site)
    _not_future(day, "day")
    if day < order.sent_on:
        raise ValidationFailed(
            _("%(number)s was sent on %(day)s: it comes back on that day or later.")
            % {"number": order.number, "day": format_day(order.sent_on)},
            errors={"day": [_("on or after the day it was sent")]},
        )
    fields = {"returned_on": day, "site": site, "overhauled": overhauled}
    if note:
        fields["note"] = f"{order.note}\n{note}".strip()
    _open(order, RepairStatus.RETURNED, **fields)
    reset = {"hours_since_overhaul": 0} if overhauled else {}
    _condition(component, [Condition.IN_REPAIR], Condition.SERVICEABLE, site=site, **reset)
    funds.purchase_settle(actor=actor, commitment=order.commitment, day=day)
    step = {"repair_order": order.number, "day": str(day), "site": site.code}
    changes = {**step, "condition": [Condition.IN_REPAIR, Condition.SERVICEABLE]}
    if overhauled:
        changes["hours_since_overhaul"] = [str(component.hours_since_overhaul), "0"]
    audit_record_many(
        actor=actor,
        action=audited_action(),
        records=[
            (order, {**step, "status": [RepairStatus.IN_REPAIR, RepairStatus.RETURNED]}),
            (component, changes),
        ],
    )
    order.refresh_from_db()
    return order


@audited("repair_order.cancel")
def repair_cancel(*, actor, order: RepairOrder, day: date, reason: str = "") -> RepairOrder:
    """Call a repair off: the fund's commitment is voided and the component, not repaired, is
    unserviceable again. Refused for an order not in repair (``repair_not_open``)."""
    access.require_change(actor, order)
    component = order.component
    access.require_change(actor, component)
    reason = (reason or "").strip()
    fields = {"note": f"{order.note}\n{reason}".strip()} if reason else {}
    _open(order, RepairStatus.CANCELLED, **fields)
    _condition(component, [Condition.IN_REPAIR], Condition.UNSERVICEABLE)
    funds.purchase_cancel(actor=actor, commitment=order.commitment, day=day)
    step = {"repair_order": order.number, "day": str(day), "reason": reason}
    audit_record_many(
        actor=actor,
        action=audited_action(),
        records=[
            (order, {**step, "status": [RepairStatus.IN_REPAIR, RepairStatus.CANCELLED]}),
            (component, {**step, "condition": [Condition.IN_REPAIR, Condition.UNSERVICEABLE]}),
        ],
    )
    order.refresh_from_db()
    return order
