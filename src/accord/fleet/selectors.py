"""Every read of the fleet that users see, through the access policy, and the due list.

The due list is computed for many aircraft in a fixed number of queries, whatever their number:
the aircraft, the tasks of their types, the latest compliance of each task on each aircraft (one
aggregate: compliance records only move forward, so the greatest day and counters are the
latest record's), and, for a directive that took effect after an aircraft entered the programme,
the airframe's totals on that day (one aggregate over the flight log per distinct day). The
rules themselves are the engine's (``accord.fleet.engine.due``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.db.models import Max, Prefetch, Q, QuerySet, Sum
from django.db.models.query import ModelIterable
from django.utils import timezone
from django.utils.translation import gettext as _

from accord import access
from accord.core.selectors import filtered, readable_get
from accord.errors import NotFound
from accord.fleet.engine import due as engine
from accord.fleet.engine.counters import Life, Usage, expired, usage_now
from accord.fleet.filters import (
    AircraftFilter,
    ComponentFilter,
    DefectFilter,
    PartFilter,
    PartsOrderFilter,
    RepairOrderFilter,
    ServiceRequestFilter,
    StockFilter,
    WorkOrderFilter,
)
from accord.fleet.models import (
    Aircraft,
    AircraftType,
    ComplianceRecord,
    Component,
    Defect,
    FlightLog,
    Installation,
    MaintenanceTask,
    Part,
    PartDraw,
    PartsOrder,
    PartsOrderLine,
    RepairOrder,
    ServiceRequest,
    StockLot,
    WorkOrder,
    WorkOrderItem,
)

TENTH = Decimal("0.1")
BATCH = 500  # aircraft whose due lists are computed together when a list is read


def today() -> date:
    return timezone.localdate()


# --- types and their programmes ------------------------------------------------------------------


def aircraft_type_list(*, actor) -> QuerySet:
    return access.visible(AircraftType.objects.all(), actor)


def aircraft_type_get(*, actor, code: str) -> AircraftType:
    return readable_get(AircraftType.objects.prefetch_related("sources"), actor, code=code)


def task_list(*, actor, aircraft_type: AircraftType | None = None) -> QuerySet:
    tasks = access.visible(MaintenanceTask.objects.select_related("aircraft_type"), actor)
    if aircraft_type is not None:
        tasks = tasks.filter(aircraft_type=aircraft_type)
    return tasks


def task_get(*, actor, aircraft_type: AircraftType, code: str) -> MaintenanceTask:
    return readable_get(
        MaintenanceTask.objects.select_related("aircraft_type"),
        actor,
        aircraft_type=aircraft_type,
        code=code,
    )


def rule_of(task: MaintenanceTask) -> engine.Rule:
    return engine.Rule(
        hours=task.interval_hours,
        cycles=task.interval_cycles,
        days=task.interval_days,
        tolerance_hours=task.tolerance_hours,
        tolerance_cycles=task.tolerance_cycles,
        tolerance_days=task.tolerance_days,
        repeats=task.repeats,
    )


# --- aircraft ------------------------------------------------------------------------------------


def _aircraft(actor) -> QuerySet:
    """Aircraft with their type and base loaded, each flagged ``<field>_shown`` when the reader
    may read it (a NATO-only base is never named to Russia's delegation)."""
    return (
        Aircraft.objects.select_related("aircraft_type", "base")
        .annotate(
            aircraft_type_shown=access.visible_flag(actor, "aircraft_type__"),
            base_shown=access.visible_flag(actor, "base__"),
        )
        .visible_to(actor)
    )


def aircraft_list(*, actor, params=None, day: date | None = None) -> QuerySet:
    """The aircraft the actor reads, filtered; each row read carries its due status and
    airworthiness (``due_status``, ``airworthy``), computed a batch of rows at a time."""
    rows = filtered(AircraftFilter, params, _aircraft(actor), actor)
    return with_due(rows, actor=actor, day=day)


def aircraft_get(*, actor, tail_number: str, day: date | None = None) -> Aircraft:
    found = with_due(_aircraft(actor).prefetch_related("sources"), actor=actor, day=day)
    return readable_get(found, actor, tail_number=tail_number)


def with_due(queryset: QuerySet, *, actor, day: date | None = None) -> QuerySet:
    """``queryset`` of aircraft whose rows, when read, carry ``due_status`` and ``airworthy``:
    the due list of a batch of rows is computed at once, so a page of 500 aircraft costs the
    queries of a page of one."""

    class WithDue(ModelIterable):
        def __iter__(self):
            batch = []
            for obj in super().__iter__():
                batch.append(obj)
                if len(batch) == BATCH:
                    yield from _marked_due(batch, actor, day)
                    batch = []
            yield from _marked_due(batch, actor, day)

    rows = queryset.all()
    rows._iterable_class = WithDue
    return rows


def _marked_due(batch: list, actor, day) -> list:
    if not batch:
        return batch
    dues = {d.aircraft.pk: d for d in due_lists(actor=actor, aircraft=batch, day=day)}
    for obj in batch:
        found = dues[obj.pk]
        obj.due = found  # the whole due list, for the aircraft's own page
        obj.due_status = found.status
        obj.airworthy = found.airworthy
    return batch


def flight_log_list(*, actor, aircraft: Aircraft) -> QuerySet:
    return access.visible(FlightLog.objects.filter(aircraft=aircraft), actor).order_by(
        "-date", "-total_hours", "-pk"
    )


def compliance_list(*, actor, aircraft: Aircraft) -> QuerySet:
    records = ComplianceRecord.objects.filter(aircraft=aircraft).select_related("task")
    return (
        access.visible(records, actor)
        .annotate(task_shown=access.visible_flag(actor, "task__"))
        .order_by("-done_on", "-pk")
    )


def counters_on(aircraft: Aircraft, day: date) -> tuple[Decimal, int]:
    """The airframe's totals at the end of ``day``: the last entry on or before it (totals only
    grow), else the opening figures. A system read for the services, not shown as such."""
    last = (
        FlightLog.objects.filter(aircraft=aircraft, date__lte=day)
        .order_by("-total_hours", "-total_landings")
        .values_list("total_hours", "total_landings")
        .first()
    )
    return last if last is not None else (aircraft.opening_hours, aircraft.opening_landings)


def day_hours(aircraft: Aircraft, days: Iterable[date]) -> dict[date, Decimal]:
    """Hours already logged on each of ``days``, in one aggregate (for the 24-hour rule)."""
    rows = (
        FlightLog.objects.filter(aircraft=aircraft, date__in=set(days))
        .values("date")
        .annotate(flown=Sum("hours"))
    )
    return {row["date"]: _tenths(row["flown"]) for row in rows}


def last_compliance(aircraft: Aircraft, task: MaintenanceTask) -> ComplianceRecord | None:
    return (
        ComplianceRecord.objects.filter(aircraft=aircraft, task=task)
        .order_by("-done_on", "-hours", "-pk")
        .first()
    )


# --- the due list --------------------------------------------------------------------------------


@dataclass(frozen=True)
class TaskDue:
    task: MaintenanceTask
    last_done: date | None
    last_hours: Decimal | None
    last_landings: int | None
    due: engine.Due

    @property
    def status(self) -> str:
        return self.due.status


@dataclass(frozen=True)
class AircraftDue:
    aircraft: Aircraft
    tasks: tuple[TaskDue, ...]

    @property
    def status(self) -> str:
        return engine.worst(t.due.status for t in self.tasks)

    @property
    def airworthy(self) -> bool:
        return all(t.due.airworthy for t in self.tasks)

    @property
    def overdue(self) -> list[TaskDue]:
        return [t for t in self.tasks if t.due.status == engine.DueStatus.OVERDUE]


def utilisation(aircraft: Aircraft) -> engine.Utilisation:
    """Planned flying, and the cycles per hour the aircraft has flown (one if unknown)."""
    flown = aircraft.hours - aircraft.opening_hours
    landed = aircraft.landings - aircraft.opening_landings
    ratio = Decimal(landed) / flown if flown > 0 and landed > 0 else Decimal(1)
    return engine.Utilisation(aircraft.planned_hours_per_year, ratio)


def due_lists(*, actor, aircraft: list[Aircraft], day: date | None = None) -> list[AircraftDue]:
    """The due list of each aircraft (already read by the actor), in a fixed number of queries."""
    day = day or today()
    if not aircraft:
        return []
    type_ids = {a.aircraft_type_id for a in aircraft}
    tasks_by_type: dict[int, list[MaintenanceTask]] = defaultdict(list)
    for task in (
        task_list(actor=actor)
        .filter(aircraft_type_id__in=type_ids)
        .order_by("aircraft_type_id", "code")
    ):
        tasks_by_type[task.aircraft_type_id].append(task)
    last = _latest_compliance([a.pk for a in aircraft])
    at_effective = _counters_at_effective(aircraft, tasks_by_type)
    result = []
    for plane in aircraft:
        now = engine.Counters(plane.hours, plane.landings, day)
        plan = utilisation(plane)
        rows = []
        for task in tasks_by_type.get(plane.aircraft_type_id, ()):
            done = last.get((plane.pk, task.pk))
            basis = _basis(plane, task, done, at_effective)
            due = engine.task_due(rule_of(task), basis, now, plan, done=done is not None)
            rows.append(
                TaskDue(
                    task,
                    done["done_on"] if done else None,
                    done["hours"] if done else None,
                    done["landings"] if done else None,
                    due,
                )
            )
        result.append(AircraftDue(plane, tuple(rows)))
    return result


def _latest_compliance(aircraft_ids: list[int]) -> dict:
    """(aircraft, task) -> the latest compliance's day and counters, in one aggregate. Every
    record lies at or after the one before it (the services refuse one that does not), so each
    maximum is the latest record's. Compliance the reader may not read still counts: it is the
    aircraft's airworthiness, which the reader reads with the aircraft."""
    rows = (
        ComplianceRecord.objects.filter(aircraft_id__in=aircraft_ids)
        .values("aircraft_id", "task_id")
        .annotate(done_on=Max("done_on"), hours=Max("hours"), landings=Max("landings"))
    )
    return {(r["aircraft_id"], r["task_id"]): {**r, "hours": _tenths(r["hours"])} for r in rows}


def _tenths(value) -> Decimal:
    # An aggregate over a decimal column comes back with the database's own scale (SQLite
    # computes in binary): the counters are tenths of an hour.
    return Decimal(value).quantize(TENTH)


def _counters_at_effective(aircraft: list[Aircraft], tasks_by_type: dict) -> dict:
    """(aircraft, day) -> airframe totals on the days directives took effect after the aircraft
    entered the programme: one aggregate over the flight log per distinct day."""
    days = {
        task.effective
        for tasks in tasks_by_type.values()
        for task in tasks
        if not task.repeats and task.effective is not None
    }
    found = {}
    ids = [a.pk for a in aircraft]
    for day in sorted(days):
        rows = (
            FlightLog.objects.filter(aircraft_id__in=ids, date__lte=day)
            .values("aircraft_id")
            .annotate(hours=Max("total_hours"), landings=Max("total_landings"))
        )
        for row in rows:
            found[row["aircraft_id"], day] = (_tenths(row["hours"]), row["landings"])
    return found


def _basis(plane: Aircraft, task: MaintenanceTask, done: dict | None, at_effective: dict):
    if done is not None:
        return engine.Counters(done["hours"], done["landings"], done["done_on"])
    start = engine.Counters(plane.opening_hours, plane.opening_landings, plane.tracked_from)
    if task.effective is None or task.effective <= plane.tracked_from:
        return start
    hours, landings = at_effective.get(
        (plane.pk, task.effective), (plane.opening_hours, plane.opening_landings)
    )
    return engine.Counters(hours, landings, task.effective)


def due_list(*, actor, aircraft: Aircraft, day: date | None = None) -> AircraftDue:
    """One aircraft's due list; the one computed when the selectors read it, if it was today's
    for this reader."""
    known = getattr(aircraft, "due", None)
    if known is not None and day is None:
        return known
    return due_lists(actor=actor, aircraft=[aircraft], day=day)[0]


def fleet_due(*, actor, base: str | None = None, day: date | None = None) -> list[AircraftDue]:
    """The due list of every aircraft the actor reads (at one base, by its code)."""
    params = {"base": base} if base else None
    planes = list(filtered(AircraftFilter, params, _aircraft(actor), actor))
    return due_lists(actor=actor, aircraft=planes, day=day)


# --- components ----------------------------------------------------------------------------------


def _components(actor) -> QuerySet:
    """Components with their open installation and its airframe loaded (``fitted``): their
    counters now need no read per row."""
    fitted = Installation.objects.filter(removed_on__isnull=True).select_related("aircraft")
    return (
        Component.objects.select_related("site")
        .prefetch_related(Prefetch("installations", queryset=fitted, to_attr="fitted"))
        .visible_to(actor)
    )


def component_list(*, actor, params=None) -> QuerySet:
    return filtered(ComponentFilter, params, _components(actor), actor)


def component_get(*, actor, serial: str) -> Component:
    return readable_get(_components(actor), actor, serial=serial)


def installations_of(*, actor, component: Component) -> QuerySet:
    rows = Installation.objects.filter(component=component).select_related("aircraft")
    return (
        access.visible(rows, actor)
        .annotate(aircraft_shown=access.visible_flag(actor, "aircraft__"))
        .order_by("-installed_on", "-pk")
    )


def fitted_to(*, actor, aircraft: Aircraft) -> QuerySet:
    """The components installed on an aircraft now, as the reader may read them."""
    rows = Installation.objects.filter(aircraft=aircraft, removed_on__isnull=True)
    return access.visible(rows.select_related("component"), actor).order_by("position")


def open_installation(component: Component) -> Installation | None:
    """The component's installation now (None: off any airframe); a system read."""
    if hasattr(component, "fitted"):  # loaded by the selectors
        return component.fitted[0] if component.fitted else None
    return (
        Installation.objects.filter(component=component, removed_on__isnull=True)
        .select_related("aircraft")
        .first()
    )


def life_of(component: Component) -> Life:
    return Life(component.life_hours, component.life_cycles, component.overhaul_hours)


def usage_of(component: Component, installation: Installation | None) -> Usage:
    """The component's counters now: while installed, its airframe's growth added."""
    base = Usage(component.hours, component.cycles, component.hours_since_overhaul)
    if installation is None:
        return base
    plane = installation.aircraft
    return usage_now(
        base,
        fitted_at=(installation.installed_hours, installation.installed_landings),
        airframe=(plane.hours, plane.landings),
    )


def limits_reached(component: Component, installation: Installation | None) -> list[str]:
    return expired(usage_of(component, installation), life_of(component))


# --- work orders and defects ---------------------------------------------------------------------
#
# A work order, its items and the parts drawn for it are read with their aircraft; a list loads
# each page's items, tasks, defects, draws, lots and parts in a fixed number of queries.


def _work_orders(actor) -> QuerySet:
    items = WorkOrderItem.objects.select_related("task", "defect", "signed_by").annotate(
        task_shown=access.visible_flag(actor, "task__")
    )
    draws = PartDraw.objects.select_related("lot__part", "lot__site").annotate(
        lot_shown=access.visible_flag(actor, "lot__")
    )
    return (
        WorkOrder.objects.select_related("aircraft__aircraft_type", "site")
        .annotate(site_shown=access.visible_flag(actor, "site__"))
        .prefetch_related(Prefetch("items", queryset=items), Prefetch("draws", queryset=draws))
        .visible_to(actor)
    )


def work_order_list(*, actor, params=None, aircraft: Aircraft | None = None) -> QuerySet:
    rows = filtered(WorkOrderFilter, params, _work_orders(actor), actor)
    return rows.filter(aircraft=aircraft) if aircraft is not None else rows


def work_order_get(*, actor, number: str) -> WorkOrder:
    return readable_get(_work_orders(actor), actor, number=number)


def work_order_item_get(*, actor, work_order: WorkOrder, pk: int) -> WorkOrderItem:
    """An item of a work order the actor read already (its items come with it)."""
    for item in work_order.items.all():
        if item.pk == pk:
            return item
    raise NotFound(_("The work order has no such item."))


def unsigned_items(work_order: WorkOrder) -> int:
    """How many of the order's items are not signed off; a system read for the services."""
    return WorkOrderItem.objects.filter(work_order=work_order, signed_by__isnull=True).count()


def _defects(actor) -> QuerySet:
    return Defect.objects.select_related("aircraft", "work_order").visible_to(actor)


def defect_list(*, actor, params=None, aircraft: Aircraft | None = None) -> QuerySet:
    rows = filtered(DefectFilter, params, _defects(actor), actor)
    return rows.filter(aircraft=aircraft) if aircraft is not None else rows


def defect_get(*, actor, pk: int) -> Defect:
    return readable_get(_defects(actor), actor, pk=pk)


def open_defects(*, actor, aircraft: Aircraft) -> QuerySet:
    """The aircraft's defects not yet on a work order: what a new work order may take."""
    return defect_list(actor=actor, aircraft=aircraft).filter(
        status="open", work_order__isnull=True
    )


def tasks_to_work(*, actor, aircraft: Aircraft) -> list[TaskDue]:
    """The aircraft's due-list rows a work order may take: every task not done for good and
    not on one of its open work orders, worst first (the due list is ``due_list``'s)."""
    taken = set(
        WorkOrderItem.objects.filter(
            work_order__aircraft=aircraft, work_order__status="open", task__isnull=False
        ).values_list("task_id", flat=True)
    )
    rows = [
        row
        for row in due_list(actor=actor, aircraft=aircraft).tasks
        if row.due.status != engine.DueStatus.DONE and row.task.pk not in taken
    ]
    return sorted(rows, key=lambda row: -engine.SEVERITY[row.due.status])


# --- parts and stock -----------------------------------------------------------------------------


def part_list(*, actor, params=None) -> QuerySet:
    return filtered(PartFilter, params, Part.objects.visible_to(actor), actor)


def part_get(*, actor, part_number: str) -> Part:
    return readable_get(Part.objects.all(), actor, part_number=part_number)


def _lots(actor) -> QuerySet:
    return (
        StockLot.objects.select_related("part", "site")
        .annotate(site_shown=access.visible_flag(actor, "site__"))
        .visible_to(actor)
    )


def stock_list(*, actor, params=None) -> QuerySet:
    """The lots the actor reads (through their part), each with its part and site loaded."""
    return filtered(StockFilter, params, _lots(actor), actor).order_by(
        "part__part_number", "site__code", "expires_on", "lot"
    )


def lots_at(*, actor, site, day: date | None = None) -> QuerySet:
    """The usable lots at a site on ``day``: in stock and within their shelf life, the ones
    expiring first first (what a work order draws from)."""
    day = day or today()
    return (
        _lots(actor)
        .filter(site=site, quantity__gt=0)
        .filter(Q(expires_on__isnull=True) | Q(expires_on__gte=day))
        .order_by("part__part_number", "expires_on", "lot")
    )


def lots_of(part: Part, site) -> list[StockLot]:
    """A part's lots at a site, the ones expiring first first; a system read (the demo)."""
    return list(StockLot.objects.filter(part=part, site=site).order_by("expires_on", "lot"))


def lot_get(*, actor, pk: int) -> StockLot:
    return readable_get(_lots(actor), actor, pk=pk)


def lot_find(*, actor, part: Part, site, lot: str) -> StockLot:
    """A lot of a part at a site, by its lot number."""
    return readable_get(_lots(actor), actor, part=part, site=site, lot=lot)


@dataclass(frozen=True)
class StockLevel:
    part: Part
    site: object
    usable: int
    expired: int

    @property
    def low(self) -> bool:
        """At or below the part's reorder point: time to order."""
        return self.usable <= self.part.reorder_point


def stock_levels(*, actor, day: date | None = None) -> list[StockLevel]:
    """Each part's stock at each site the reader reads: usable units (within shelf life) and
    expired ones, in one aggregate; the low ones first."""
    day = day or today()
    usable = Q(expires_on__isnull=True) | Q(expires_on__gte=day)
    rows = (
        _lots(actor)
        .filter(site_shown=True)
        .values("part_id", "site_id")
        .annotate(
            usable=Sum("quantity", filter=usable, default=0),
            expired=Sum("quantity", filter=~usable, default=0),
        )
    )
    found = list(rows)
    parts = Part.objects.in_bulk({r["part_id"] for r in found})
    sites = StockLot._meta.get_field("site").related_model.objects.in_bulk(
        {r["site_id"] for r in found}
    )
    levels = [
        StockLevel(parts[r["part_id"]], sites[r["site_id"]], r["usable"], r["expired"])
        for r in found
    ]
    return sorted(levels, key=lambda s: (not s.low, s.part.part_number, s.site.code))


def _parts_orders(actor) -> QuerySet:
    lines = PartsOrderLine.objects.select_related("part").annotate(
        part_shown=access.visible_flag(actor, "part__")
    )
    return (
        PartsOrder.objects.select_related("site", "fund")
        .annotate(
            site_shown=access.visible_flag(actor, "site__"),
            fund_shown=access.visible_flag(actor, "fund__"),
        )
        .prefetch_related(Prefetch("lines", queryset=lines))
        .visible_to(actor)
    )


def parts_order_list(*, actor, params=None) -> QuerySet:
    return filtered(PartsOrderFilter, params, _parts_orders(actor), actor)


def parts_order_get(*, actor, number: str) -> PartsOrder:
    return readable_get(_parts_orders(actor), actor, number=number)


# --- rotables through repair ---------------------------------------------------------------------


def _repair_orders(actor) -> QuerySet:
    return (
        RepairOrder.objects.select_related("component", "fund", "site")
        .annotate(
            fund_shown=access.visible_flag(actor, "fund__"),
            site_shown=access.visible_flag(actor, "site__"),
        )
        .visible_to(actor)
    )


def repair_order_list(*, actor, params=None, component: Component | None = None) -> QuerySet:
    rows = _repair_orders(actor)
    if component is not None:
        rows = rows.filter(component=component)
    return filtered(RepairOrderFilter, params, rows, actor)


def repair_order_get(*, actor, number: str) -> RepairOrder:
    return readable_get(_repair_orders(actor), actor, number=number)


def open_repair(component: Component) -> RepairOrder | None:
    """The component's repair order at a shop now (None: not in repair); a system read."""
    return RepairOrder.objects.filter(component=component, status="in_repair").first()


# --- service requests ----------------------------------------------------------------------------


def _service_requests(actor) -> QuerySet:
    return (
        ServiceRequest.objects.select_related("requester", "aircraft_type", "fund", "decided_by")
        .annotate(
            aircraft_type_shown=access.visible_flag(actor, "aircraft_type__"),
            fund_shown=access.visible_flag(actor, "fund__"),
        )
        .prefetch_related(
            Prefetch("aircraft", queryset=Aircraft.objects.visible_to(actor)),
            Prefetch("work_orders", queryset=WorkOrder.objects.visible_to(actor)),
        )
        .visible_to(actor)
    )


def service_request_list(*, actor, params=None) -> QuerySet:
    """The requests the actor reads: every one for those who act on them, their own nation's
    for a delegation (``ServiceRequest.access_rule``)."""
    return filtered(ServiceRequestFilter, params, _service_requests(actor), actor)


def service_request_get(*, actor, number: str) -> ServiceRequest:
    return readable_get(_service_requests(actor), actor, number=number)
