"""Readiness: the maintenance schedule built from the real due list, solved and stored, and the
mission-capable rate now and over the days ahead, with downtime by reason.

The schedule's problem (``schedule_problem``) is read from the fleet the actor reads: each
active aircraft's due list at its planned flying (every task's next due points, and the ones
after them within the horizon for repeating tasks), its open defects (due at once), the parts
on order for its open work orders (the work waits for them), and each base's capacity: its
hangar's slots (``Hangar``) and, day by day, the technicians training knows to work at the base
with a valid certificate for a type based there (``certified_technicians``), at most as many as
the hangar puts to work at once. A base with no hangar recorded can do no work, and one with no
certified technician none either: its aircraft wait for technicians. The solve
(``plan_solve``) runs OR-Tools CP-SAT (:mod:`accord.fleet.engine.schedule`) and stores the plan
with a row per job, each carrying its aircraft's marking; a reader's readiness is counted over
the rows of the aircraft they read.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import F, Max, QuerySet
from django.utils.translation import gettext as _

from accord import access
from accord.audit.services import (
    audit_record,
    audited,
    audited_action,
    field_changes,
    refusals_audited,
    snapshot,
)
from accord.core.selectors import filtered, readable_get
from accord.errors import Code, Conflict, ValidationFailed
from accord.fleet import selectors
from accord.fleet.choices import (
    AircraftStatus,
    DefectStatus,
    PartsOrderStatus,
    WorkOrderStatus,
)
from accord.fleet.engine import readiness as engine
from accord.fleet.engine.due import Criterion, DueStatus
from accord.fleet.engine.schedule import Base, Job, Problem, Schedule, greedy, solve
from accord.fleet.filters import HangarFilter
from accord.fleet.models import (
    Aircraft,
    Defect,
    Hangar,
    MaintenancePlan,
    PartsOrder,
    PlannedJob,
    WorkOrderItem,
)
from accord.training import selectors as training

ACTIVE = (AircraftStatus.IN_SERVICE, AircraftStatus.IN_MAINTENANCE)
NO_BASE = "-"
LOOKAHEAD = 30  # days past the horizon whose due work is read (the schedule defers it)
DEFECT_DAYS, DEFECT_CREW = 1, 2  # a defect's rectification, before it is assessed (assumption)
MAX_HORIZON = 366


@dataclass
class Built:
    """The problem, and what each of its jobs stands for."""

    day: date
    problem: Problem
    aircraft: dict[str, Aircraft]
    defects: set[Job] = field(default_factory=set)
    base_sites: dict = field(default_factory=dict)  # base code -> its site


def _days(criterion, units, plane_rate: Decimal, cycles_rate: Decimal) -> Decimal | None:
    """A criterion's units (hours, cycles, a timedelta) as days at the aircraft's flying."""
    if criterion == Criterion.DAYS:
        return Decimal(units.days if isinstance(units, timedelta) else units)
    rate = plane_rate if criterion == Criterion.HOURS else cycles_rate
    return Decimal(units) / rate if rate > 0 else None


def _task_jobs(plane: Aircraft, base: str, rows, horizon: int, ready: dict) -> list[Job]:
    """The aircraft's due tasks as jobs: each task's next due day and, for a repeating task,
    the ones after it up to the lookahead, at the aircraft's planned flying."""
    plan = selectors.utilisation(plane)
    per_day = plan.hours_per_day
    cycles_per_day = per_day * plan.cycles_per_hour
    jobs = []
    for row in rows:
        c = row.due.governing
        if row.due.status == DueStatus.DONE or c is None or c.days_left is None:
            continue
        tolerance = _days(c.criterion, c.limit - c.next_due, per_day, cycles_per_day) or 0
        interval = _days(c.criterion, c.interval, per_day, cycles_per_day)
        first_due = math.floor(c.days_left)
        n = 0
        while True:
            # The next ones count from when this one is done: at once if it is overdue.
            due = first_due if n == 0 else max(first_due, 0) + math.floor(n * interval)
            if due >= horizon + LOOKAHEAD or (n and not (row.task.repeats and interval)):
                break
            jobs.append(
                Job(
                    aircraft=plane.tail_number,
                    base=base,
                    task=row.task.code if n == 0 else f"{row.task.code}#{n}",
                    duration_days=row.task.downtime_days,
                    earliest_day=due - math.floor(tolerance),
                    due_day=due,
                    technicians=row.task.crew,
                    parts_ready_day=ready.get(("task", plane.pk, row.task.pk), 0) if n == 0 else 0,
                    tolerance_days=math.floor(tolerance),
                )
            )
            n += 1
    return jobs


def _parts_ready(planes: list[Aircraft], day: date) -> dict:
    """("task" | "defect", aircraft or defect, task) -> the day (from ``day``) the parts on order
    for the open work order holding that work are expected; pending orders with no expected
    day wait for the whole horizon."""
    orders = (
        PartsOrder.objects.filter(
            status=PartsOrderStatus.PENDING,
            work_order__status=WorkOrderStatus.OPEN,
            work_order__aircraft__in=planes,
        )
        .values("work_order_id")
        .annotate(expected=Max("expected_on"))
    )
    expected = {o["work_order_id"]: o["expected"] for o in orders}
    ready = {}
    items = WorkOrderItem.objects.filter(work_order_id__in=expected).values(
        "work_order_id", "work_order__aircraft_id", "task_id", "defect_id"
    )
    for item in items:
        when = expected[item["work_order_id"]]
        days = MAX_HORIZON if when is None else max(0, (when - day).days)
        if item["task_id"]:
            ready[("task", item["work_order__aircraft_id"], item["task_id"])] = days
        else:
            ready[("defect", item["defect_id"])] = days
    return ready


def schedule_problem(*, actor, day: date | None = None, horizon: int = 90) -> Built:
    """The schedule's problem over the active aircraft the actor reads (see the module)."""
    day = day or selectors.today()
    if not 1 <= horizon <= MAX_HORIZON:
        raise ValidationFailed(
            _("Plan 1 to %(most)s days ahead.") % {"most": MAX_HORIZON},
            errors={"days": [_("1 to %(most)s") % {"most": MAX_HORIZON}]},
        )
    planes = list(
        selectors.aircraft_list(actor=actor)
        .filter(status__in=ACTIVE)
        .select_related("base", "aircraft_type")
    )
    hangars = {h.site_id: h for h in Hangar.objects.visible_to(actor).select_related("site")}
    built = Built(day, Problem((), (), horizon), {p.tail_number: p for p in planes})
    crews = certified_technicians(actor=actor, planes=planes, day=day, days=horizon + LOOKAHEAD)

    def base(code, hangar):
        return _base(code, hangar, crews.get(hangar.site_id, ())) if hangar else Base(code, 0, 0)

    bases = {h.site.code: base(h.site.code, h) for h in hangars.values()}
    for plane in planes:
        code = plane.base.code if plane.base_id else NO_BASE
        bases[code] = base(code, hangars.get(plane.base_id))
        if plane.base_id:
            built.base_sites[code] = plane.base
    ready = _parts_ready(planes, day)
    jobs: list[Job] = []
    for due in selectors.due_lists(actor=actor, aircraft=planes, day=day):
        plane = due.aircraft
        base = plane.base.code if plane.base_id else NO_BASE
        jobs.extend(_task_jobs(plane, base, due.tasks, horizon, ready))
    for defect in Defect.objects.filter(aircraft__in=planes, status=DefectStatus.OPEN):
        plane = next(p for p in planes if p.pk == defect.aircraft_id)
        job = Job(
            aircraft=plane.tail_number,
            base=plane.base.code if plane.base_id else NO_BASE,
            task=f"defect-{defect.pk}",
            duration_days=DEFECT_DAYS,
            earliest_day=0,
            due_day=0,
            technicians=DEFECT_CREW,
            parts_ready_day=ready.get(("defect", defect.pk), 0),
        )
        jobs.append(job)
        built.defects.add(job)
    built.problem = Problem(
        tuple(sorted(bases.values(), key=lambda b: b.code)),
        tuple(jobs),
        horizon,
        tuple(sorted(built.aircraft)),
    )
    return built


def certified_technicians(*, actor, planes, day: date, days: int) -> dict[int, tuple[int, ...]]:
    """Per base (its site's id), the technicians available on each of ``days`` days from
    ``day``: the people training knows to work at the base who hold, that day, a valid
    certificate for the qualification of a type based there (the actor's readable ones)."""
    wanted: dict[int, set[str]] = defaultdict(set)
    for plane in planes:
        if plane.base_id and plane.aircraft_type.qualification:
            wanted[plane.base_id].add(plane.aircraft_type.qualification)
    return training.certified_counts(dict(wanted), day, days, actor=actor)


def _base(code: str, hangar: Hangar, crew: tuple[int, ...]) -> Base:
    """A base's capacity: its hangar's slots, and its certified technicians each day, never
    more than the hangar can put to work at once (``Hangar.technicians``)."""
    on = tuple(min(n, hangar.technicians) for n in crew) or (0,)
    return Base(code, hangar.slots, max(on), on)


def _label(built: Built, job: Job) -> str:
    if job in built.defects:
        return _("defect") + f" {job.task.removeprefix('defect-')}"
    return job.task.split("#")[0]


def _store(actor, built: Built, schedule: Schedule) -> MaintenancePlan:
    problem, day = built.problem, built.day
    with transaction.atomic():
        plan = MaintenancePlan.objects.create(
            solved_on=day,
            horizon_days=problem.horizon_days,
            status=schedule.status,
            wall_time_s=round(schedule.wall_time_s, 3),
            marking=MaintenancePlan.default_marking,
        )

        def on(offset):
            return None if offset is None else day + timedelta(days=offset)

        rows = []
        for r in engine.downtimes(problem, schedule, built.defects):
            plane = built.aircraft[r.job.aircraft]
            site = built.base_sites.get(r.job.base)  # none: an aircraft with no base, never placed
            rows.append(
                PlannedJob(
                    plan=plan,
                    aircraft=plane,
                    base=site,
                    label=_label(built, r.job)[:80],
                    is_defect=r.is_defect,
                    start_on=on(r.start),
                    end_on=on(r.end),
                    limit_on=on(max(r.job.limit_day, 0)),
                    grounded_from=on(r.grounded_from),
                    waits_for=r.waits_for,
                    marking=plane.marking,
                    owner_nation_id=plane.owner_nation_id,
                )
            )
        PlannedJob.objects.bulk_create(rows)
        audit_record(
            actor=actor,
            action=audited_action(),
            obj=plan,
            changes={
                "horizon_days": problem.horizon_days,
                "status": schedule.status,
                "jobs": len(rows),
                "aircraft_days": schedule.objective,
            },
        )
    return plan


@audited("hangar.set")
def hangar_set(
    *,
    actor,
    site,
    slots: int,
    technicians: int,
    estimated: bool = False,
    note: str = "",
    expected_version: int | None = None,
) -> Hangar:
    """Record a base's hangar: the aircraft it holds at once and the most technicians it puts to
    work a day (the schedule fills it with the base's certified technicians, counted from
    training's certificates, up to that figure). A base has one hangar record, updated."""
    access.require_view(actor, site)
    if slots is None or slots < 0 or technicians is None or technicians < 0:
        raise ValidationFailed(
            _("Give the hangar slots and technicians as whole numbers, zero or more."),
            errors={"slots": [_("zero or more")], "technicians": [_("zero or more")]},
        )
    found = Hangar.objects.filter(site=site).first()
    if found is None:
        access.require_create(actor, Hangar, {"marking": Hangar.default_marking})
        hangar = Hangar.objects.create(
            site=site,
            slots=slots,
            technicians=technicians,
            estimated=estimated,
            note=note,
            marking=Hangar.default_marking,
        )
        changes = field_changes({}, snapshot(hangar))
    else:
        access.require_change(actor, found)
        before = snapshot(found)
        version = found.version if expected_version is None else expected_version
        moved = Hangar.objects.filter(pk=found.pk, version=version).update(
            slots=slots,
            technicians=technicians,
            estimated=estimated,
            note=note,
            version=F("version") + 1,
        )
        if not moved:
            raise Conflict(
                _("Someone changed the hangar of %(base)s meanwhile; reload it and try again.")
                % {"base": site},
                code=Code.STALE_VERSION,
            )
        hangar = Hangar.objects.get(pk=found.pk)
        changes = field_changes(before, snapshot(hangar))
    audit_record(actor=actor, action=audited_action(), obj=hangar, changes=changes)
    return hangar


Progress = Callable[[int, int, float], None]


@refusals_audited("maintenance_plan.solve")
def plan_solve(
    *,
    actor,
    day: date | None = None,
    horizon: int = 90,
    time_limit_s: float = 10.0,
    workers: int = 2,
    on_solution: Progress | None = None,
) -> tuple[MaintenancePlan, Built, Schedule]:
    """Solve the fleet's maintenance schedule for the days ahead with CP-SAT and store it.

    Reads and solves with no transaction open (the solve may take its whole time limit) and
    writes the plan in one short transaction."""
    access.require_create(actor, MaintenancePlan, {"marking": MaintenancePlan.default_marking})
    built = schedule_problem(actor=actor, day=day, horizon=horizon)
    if not hangar_list(actor=actor).exists():
        raise ValidationFailed(
            _("No base has a hangar recorded: record a base's hangar slots and technicians first."),
            code=Code.NO_HANGAR,
        )
    schedule = solve(
        built.problem, time_limit_s=time_limit_s, num_workers=workers, on_solution=on_solution
    )
    return _store(actor, built, schedule), built, schedule


# --- reads ---------------------------------------------------------------------------------------


def hangar_list(*, actor, params=None) -> QuerySet:
    """The hangars the reader reads; ``shown(h, "site")`` names the base only if they read it."""
    rows = (
        Hangar.objects.visible_to(actor)
        .select_related("site")
        .annotate(site_shown=access.visible_flag(actor, "site__"))
    )
    return filtered(HangarFilter, params, rows, actor) if params is not None else rows


def hangar_get(*, actor, site: str) -> Hangar:
    """The hangar of the base of that code, if the reader reads both."""
    return readable_get(hangar_list(actor=actor).filter(site_shown=True), actor, site__code=site)


def plan_get(*, actor, pk: int) -> MaintenancePlan:
    return readable_get(MaintenancePlan.objects.all(), actor, pk=pk)


def plan_latest(*, actor) -> MaintenancePlan | None:
    return MaintenancePlan.objects.visible_to(actor).first()


def plan_jobs(*, actor, plan: MaintenancePlan) -> QuerySet:
    """The plan's rows of the aircraft the reader reads (each carries its aircraft's marking)."""
    return (
        PlannedJob.objects.filter(plan=plan)
        .select_related("aircraft", "aircraft__aircraft_type", "base")
        .annotate(base_shown=access.visible_flag(actor, "base__"))
        .visible_to(actor)
    )


@dataclass(frozen=True)
class Forecast:
    """A reader's readiness over the plan's days: the fleet, by type and by base."""

    start: date
    days: int
    fleet: engine.Readiness
    by_type: dict[str, engine.Readiness]
    by_base: dict[str, engine.Readiness]


def _intervals(jobs, start: date, horizon: int) -> list[engine.Interval]:
    found = []
    for j in jobs:
        tail = j.aircraft.tail_number
        if j.start_on is not None:
            reason = engine.DEFECT if j.is_defect else engine.SCHEDULED
            first, last = (j.start_on - start).days, (j.end_on - start).days
            found.append(engine.Interval(tail, first, last, reason))
        if j.grounded_from is not None:
            last = horizon if j.start_on is None else (j.start_on - start).days
            found.append(engine.Interval(tail, (j.grounded_from - start).days, last, j.waits_for))
    return found


def _forecast(actor, found: list[engine.Interval], start: date, horizon: int) -> Forecast:
    """Availability each day, counted over the active aircraft the reader reads, for the
    fleet, each type and each base."""
    planes = list(
        selectors.aircraft_list(actor=actor)
        .filter(status__in=ACTIVE)
        .select_related("aircraft_type", "base")
    )
    groups: dict[str, dict[str, set]] = {"type": defaultdict(set), "base": defaultdict(set)}
    for p in planes:
        groups["type"][str(access.reachable(actor, p.aircraft_type) or "—")].add(p.tail_number)
        groups["base"][str(access.reachable(actor, p.base) or "—")].add(p.tail_number)
    return Forecast(
        start,
        horizon,
        engine.readiness({p.tail_number for p in planes}, found, horizon),
        {k: engine.readiness(v, found, horizon) for k, v in sorted(groups["type"].items())},
        {k: engine.readiness(v, found, horizon) for k, v in sorted(groups["base"].items())},
    )


def plan_forecast(*, actor, plan: MaintenancePlan) -> Forecast:
    """A stored plan's availability, over the rows of the aircraft the reader reads."""
    found = _intervals(plan_jobs(actor=actor, plan=plan), plan.solved_on, plan.horizon_days)
    return _forecast(actor, found, plan.solved_on, plan.horizon_days)


def schedule_forecast(*, actor, built: Built, schedule: Schedule) -> Forecast:
    """A schedule's availability (one just computed, not stored), over the aircraft the reader
    reads (``built`` was read by the same reader)."""
    horizon = built.problem.horizon_days
    rows = engine.downtimes(built.problem, schedule, built.defects)
    return _forecast(actor, engine.intervals(rows, horizon), built.day, horizon)


@dataclass(frozen=True)
class Now:
    """The mission-capable rate today over the active aircraft the reader reads, and the
    aircraft down by reason."""

    fleet: int
    available: int
    down: dict[str, int]

    @property
    def rate(self) -> float:
        return self.available / self.fleet if self.fleet else 0.0


def readiness_now(*, actor, day: date | None = None) -> Now:
    """Down today: an open defect (*defect*; *awaiting parts* if its work waits for parts on
    order), an overdue task or an open work order (*scheduled maintenance*, or *awaiting
    parts*); an aircraft is counted once, under the first of those it meets."""
    day = day or selectors.today()
    # Each row comes with its due list at ``day`` (``plane.due``), worked out as it is read.
    planes = list(selectors.aircraft_list(actor=actor, day=day).filter(status__in=ACTIVE))
    ready = _parts_ready(planes, day)
    waiting_parts = {key[1] for key, days in ready.items() if key[0] == "task" and days > 0}
    defect_parts = {key[1] for key, days in ready.items() if key[0] == "defect" and days > 0}
    defects: dict[int, list[int]] = defaultdict(list)
    for d in Defect.objects.filter(aircraft__in=planes, status=DefectStatus.OPEN):
        defects[d.aircraft_id].append(d.pk)
    in_work = set(
        WorkOrderItem.objects.filter(
            work_order__aircraft__in=planes, work_order__status=WorkOrderStatus.OPEN
        ).values_list("work_order__aircraft_id", flat=True)
    )
    down = {reason: 0 for reason in engine.REASONS}
    for due in (plane.due for plane in planes):
        pk = due.aircraft.pk
        if any(d in defect_parts for d in defects.get(pk, ())):
            down[engine.AWAITING_PARTS] += 1
        elif defects.get(pk):
            down[engine.DEFECT] += 1
        elif pk in waiting_parts and (not due.airworthy or pk in in_work):
            down[engine.AWAITING_PARTS] += 1
        elif not due.airworthy or due.aircraft.status == AircraftStatus.IN_MAINTENANCE:
            down[engine.SCHEDULED] += 1
    return Now(len(planes), len(planes) - sum(down.values()), down)


def live_schedule(*, actor, day: date | None = None, horizon: int = 90):
    """The earliest-limit-first schedule of the fleet the actor reads, computed at once (a few
    milliseconds): the forecast a reader sees before any plan is solved."""
    built = schedule_problem(actor=actor, day=day, horizon=horizon)
    return built, greedy(built.problem)
