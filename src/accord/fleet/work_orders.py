"""Every write to work orders and defects: one audited function per use case.

A work order is raised on one aircraft from its due tasks and open defects; parts are drawn for
it from its site's stock, lot by lot (a draw is a conditional UPDATE of the lot, so two draws can
never take the same last unit, and a lot past its shelf life is refused); each item is signed off
by a technician certified for the aircraft type's work on the day they sign (training says who,
through ``accord.training.selectors.technician_certified``); closing it, once every item is
signed, records each task done at the aircraft's counters that day (``compliance_record``), which
moves the due list on, and marks its defects rectified. A closed order never changes.
"""

from __future__ import annotations

from datetime import date
from uuid import uuid4

from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accord import access
from accord.access import principal_of
from accord.audit.services import audit_record, audited, audited_action, field_changes, snapshot
from accord.errors import Code, Conflict, ValidationFailed
from accord.fleet import selectors, services
from accord.fleet.choices import DefectStatus, WorkOrderStatus
from accord.fleet.models import (
    Aircraft,
    Defect,
    MaintenanceTask,
    PartDraw,
    StockLot,
    WorkOrder,
    WorkOrderItem,
)
from accord.l10n import format_day, format_number
from accord.training import selectors as training


def _scope(aircraft: Aircraft) -> dict:
    return {"marking": aircraft.marking, "owner_nation_id": aircraft.owner_nation_id}


def _not_future(day: date, field: str) -> None:
    if day > selectors.today():
        raise ValidationFailed(
            _("%(day)s is in the future: give today or an earlier day.") % {"day": format_day(day)},
            code=Code.DATE_IN_FUTURE,
            errors={field: [_("today or earlier")]},
        )


def _not_before_raised(work_order: WorkOrder, day: date, field: str) -> None:
    if day < work_order.raised_on:
        raise ValidationFailed(
            _("%(number)s was raised on %(day)s: give that day or a later one.")
            % {"number": work_order.number, "day": format_day(work_order.raised_on)},
            errors={field: [_("on or after the day the order was raised")]},
        )


def _require_open(work_order: WorkOrder) -> None:
    if work_order.status != WorkOrderStatus.OPEN:
        raise Conflict(
            _("%(number)s was closed on %(day)s and no longer changes.")
            % {"number": work_order.number, "day": format_day(work_order.closed_on)},
            code=Code.WORK_ORDER_CLOSED,
        )


def _numbered(order: WorkOrder, year: int) -> WorkOrder:
    """Number a new order from its id (the database's own counter): never MAX + 1."""
    order.number = f"WO-{year}-{order.pk:05d}"
    WorkOrder.objects.filter(pk=order.pk).update(number=order.number)
    return order


def _check_tasks(aircraft: Aircraft, tasks: list[MaintenanceTask]) -> None:
    for task in tasks:
        if task.aircraft_type_id != aircraft.aircraft_type_id:
            raise ValidationFailed(
                _("%(task)s is not in the programme of %(tail)s's type.")
                % {"task": task.code, "tail": aircraft.tail_number},
                code=Code.TASK_NOT_OF_TYPE,
                errors={"tasks": [_("tasks of the aircraft's type")]},
            )


def _take_defects(aircraft: Aircraft, defects: list[Defect], order: WorkOrder) -> None:
    """Put open defects on the order: a conditional UPDATE, so a defect lands on one order."""
    ids = {d.pk for d in defects}
    taken = Defect.objects.filter(
        pk__in=ids, aircraft=aircraft, status=DefectStatus.OPEN, work_order__isnull=True
    ).update(work_order=order, version=F("version") + 1)
    if taken != len(ids):
        raise Conflict(
            _("A defect chosen is rectified, on another work order, or of another aircraft."),
            code=Code.DEFECT_NOT_OPEN,
            errors={"defects": [_("open defects of this aircraft")]},
        )


@audited("work_order.raise")
def work_order_raise(
    *,
    actor,
    aircraft: Aircraft,
    day: date,
    tasks: list[MaintenanceTask] = (),
    defects: list[Defect] = (),
    site=None,
    note: str = "",
    service_request=None,
) -> WorkOrder:
    """Raise a work order on an aircraft for some of its due tasks and open defects (at least
    one), done at ``site`` (the aircraft's base unless named), answering ``service_request``
    if it was raised for one."""
    access.require_change(actor, aircraft)
    access.require_create(actor, WorkOrder, _scope(aircraft))
    tasks, defects = list(tasks), list(defects)
    if not tasks and not defects:
        raise ValidationFailed(
            _("Choose at least one due task or open defect for the work order."),
            code=Code.WORK_ORDER_EMPTY,
            errors={"tasks": [_("at least one task or defect")]},
        )
    _not_future(day, "raised_on")
    _check_tasks(aircraft, tasks)
    order = WorkOrder.objects.create(
        number=f"new-{uuid4().hex[:12]}",
        aircraft=aircraft,
        site=site if site is not None else aircraft.base,
        raised_on=day,
        note=note,
        service_request=service_request,
        **_scope(aircraft),
    )
    _numbered(order, day.year)
    _take_defects(aircraft, defects, order)
    WorkOrderItem.objects.bulk_create(
        [WorkOrderItem(work_order=order, task=t) for t in {t.pk: t for t in tasks}.values()]
        + [WorkOrderItem(work_order=order, defect=d) for d in defects]
    )
    changes = field_changes({}, snapshot(order))
    changes["tasks"] = sorted(t.code for t in tasks)
    changes["defects"] = sorted(d.pk for d in defects)
    audit_record(actor=actor, action=audited_action(), obj=order, changes=changes)
    return order


@audited("defect.report")
def defect_report(
    *,
    actor,
    aircraft: Aircraft,
    description: str,
    reported_on: date,
    work_order: WorkOrder | None = None,
) -> Defect:
    """Report a defect on an aircraft; found during an open work order, it goes on that order
    as an item to sign off."""
    access.require_change(actor, aircraft)
    access.require_create(actor, Defect, _scope(aircraft))
    description = (description or "").strip()
    if not description:
        raise ValidationFailed(_("Describe the defect."), errors={"description": [_("required")]})
    _not_future(reported_on, "reported_on")
    if work_order is not None:
        _require_open(work_order)
        if work_order.aircraft_id != aircraft.pk:
            raise ValidationFailed(
                _("%(number)s is a work order of another aircraft.")
                % {"number": work_order.number},
                errors={"work_order": [_("a work order of this aircraft")]},
            )
    defect = Defect.objects.create(
        aircraft=aircraft,
        description=description,
        reported_on=reported_on,
        work_order=work_order,
        **_scope(aircraft),
    )
    if work_order is not None:
        WorkOrderItem.objects.create(work_order=work_order, defect=defect)
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=defect,
        changes=field_changes({}, snapshot(defect)),
    )
    return defect


def _positive(quantity: int) -> None:
    if quantity is None or quantity <= 0:
        raise ValidationFailed(
            _("Give a quantity of one or more."), errors={"quantity": [_("1 or more")]}
        )


@audited("work_order.draw")
def part_draw(*, actor, work_order: WorkOrder, lot: StockLot, quantity: int, day: date) -> PartDraw:
    """Take parts from a lot at the work order's site for it. Refused beyond what the lot holds
    (``out_of_stock``), from a lot past its shelf life on ``day`` (``lot_expired``), or from
    another site's stock."""
    access.require_change(actor, work_order)
    access.require_change(actor, lot)
    _require_open(work_order)
    _positive(quantity)
    _not_future(day, "day")
    _not_before_raised(work_order, day, "day")
    if work_order.site_id is not None and lot.site_id != work_order.site_id:
        raise Conflict(
            _("Lot %(lot)s is held at another site: draw from the work order's site.")
            % {"lot": lot.lot},
            code=Code.OUT_OF_STOCK,
            errors={"lot": [_("a lot at the work order's site")]},
        )
    if lot.expires_on is not None and lot.expires_on < day:
        raise Conflict(
            _("Lot %(lot)s expired on %(day)s and may not be used.")
            % {"lot": lot.lot, "day": format_day(lot.expires_on)},
            code=Code.LOT_EXPIRED,
            errors={"lot": [_("expired")]},
        )
    taken = StockLot.objects.filter(pk=lot.pk, quantity__gte=quantity).update(
        quantity=F("quantity") - quantity, version=F("version") + 1
    )
    if not taken:
        held = StockLot.objects.filter(pk=lot.pk).values_list("quantity", flat=True).first()
        raise Conflict(
            _("Lot %(lot)s holds %(held)s; %(asked)s cannot be drawn.")
            % {"lot": lot.lot, "held": format_number(held or 0), "asked": format_number(quantity)},
            code=Code.OUT_OF_STOCK,
            errors={"quantity": [_("no more than the lot holds")]},
        )
    draw = PartDraw.objects.create(work_order=work_order, lot=lot, quantity=quantity, drawn_on=day)
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=work_order,
        changes={
            "drawn": {"part": lot.part.part_number, "lot": lot.lot, "quantity": quantity},
            "day": str(day),
        },
    )
    return draw


@audited("work_order.sign_off")
def item_sign_off(*, actor, item: WorkOrderItem, day: date) -> WorkOrderItem:
    """Sign off one item of an open work order as the technician who did it, on ``day`` (not
    in the future). The signer must hold, that day, a valid certificate for the aircraft type's
    qualification (``not_certified`` otherwise)."""
    order = item.work_order
    access.require_change(actor, order)
    _require_open(order)
    _not_future(day, "day")
    _not_before_raised(order, day, "day")
    qualification = order.aircraft.aircraft_type.qualification
    if not qualification:
        raise Conflict(
            _("%(type)s names no qualification for signing off its work.")
            % {"type": order.aircraft.aircraft_type.name},
            code=Code.NO_QUALIFICATION,
        )
    if not training.technician_certified(actor, qualification, day):
        raise Conflict(
            _(
                "%(who)s holds no valid certificate for %(qualification)s on %(day)s: a "
                "certified technician signs this off."
            )
            % {
                "who": principal_of(actor).username,
                "qualification": qualification,
                "day": format_day(day),
            },
            code=Code.NOT_CERTIFIED,
        )
    signed = WorkOrderItem.objects.filter(pk=item.pk, signed_by__isnull=True).update(
        signed_by_id=principal_of(actor).user_id, signed_on=day
    )
    if not signed:
        raise Conflict(_("That item is signed off already."), code=Code.ALREADY_SIGNED)
    item.refresh_from_db()
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=order,
        changes={"signed": str(item.task.code if item.task_id else item.defect), "day": str(day)},
    )
    return item


@audited("work_order.close")
def work_order_close(*, actor, work_order: WorkOrder, day: date) -> WorkOrder:
    """Close a work order whose items are all signed off: each task is recorded done on ``day``
    at the aircraft's counters then (the due list counts from there), its defects are
    rectified. Closing twice is refused (``work_order_closed``), and so is closing with an item
    unsigned (``tasks_unsigned``)."""
    access.require_change(actor, work_order)
    _require_open(work_order)
    _not_future(day, "day")
    _not_before_raised(work_order, day, "day")
    unsigned = selectors.unsigned_items(work_order)
    if unsigned:
        raise Conflict(
            ngettext(
                "%(count)s item of %(number)s is not signed off yet.",
                "%(count)s items of %(number)s are not signed off yet.",
                unsigned,
            )
            % {"count": format_number(unsigned), "number": work_order.number},
            code=Code.TASKS_UNSIGNED,
        )
    aircraft = work_order.aircraft
    hours, landings = selectors.counters_on(aircraft, day)
    closed = WorkOrder.objects.filter(pk=work_order.pk, status=WorkOrderStatus.OPEN).update(
        status=WorkOrderStatus.CLOSED,
        closed_on=day,
        closed_hours=hours,
        closed_landings=landings,
        version=F("version") + 1,
    )
    if not closed:  # closed by someone else meanwhile
        raise Conflict(
            _("%(number)s is closed already.") % {"number": work_order.number},
            code=Code.WORK_ORDER_CLOSED,
        )
    items = WorkOrderItem.objects.filter(work_order=work_order, task__isnull=False)
    for item in items.select_related("task").order_by("task__code"):
        services.compliance_record(
            actor=actor,
            aircraft=aircraft,
            task=item.task,
            done_on=day,
            hours=hours,
            landings=landings,
            reference=work_order.number,
        )
    Defect.objects.filter(work_order=work_order).update(
        status=DefectStatus.RECTIFIED, version=F("version") + 1
    )
    before = snapshot(work_order)
    work_order.refresh_from_db()
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=work_order,
        changes=field_changes(before, snapshot(work_order)),
    )
    return work_order
