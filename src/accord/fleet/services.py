"""Every write to the fleet: one audited function per use case.

Who changes the fleet: maintenance officers and administrators (``FLEET_RULE``); everyone else
reads what the marking lets them read (the HMTF's donor delegations read NRC records).

The counters' rules (``accord.fleet.engine.counters``): a flight log entry adds a day's hours and
landings, never negative, never more than 24 hours in a day, never dated before the aircraft's
latest entry, and a logbook total never lower than the last; each entry keeps the totals after
it. The aircraft's totals move by a conditional UPDATE on the totals the service read, so two
writers can never both add to the same starting point. A compliance record lies at the aircraft's
counters on its day and never before the task's last one. A component is installed on one
airframe at a time (a partial unique index holds it too) and never past its life limits.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from accord import access
from accord.audit.services import (
    audit_record,
    audit_record_many,
    audited,
    audited_action,
    field_changes,
    snapshot,
)
from accord.core.services import record_create, record_update
from accord.errors import Code, Conflict, ValidationFailed
from accord.fleet import selectors
from accord.fleet.choices import ComponentCondition, TaskKind
from accord.fleet.engine.counters import Entry, Logged, Problem, log_entries
from accord.fleet.inputs import (
    AircraftTypeValues,
    AircraftValues,
    ComponentValues,
    MaintenanceTaskValues,
)
from accord.fleet.models import (
    Aircraft,
    AircraftType,
    ComplianceRecord,
    Component,
    FlightLog,
    Installation,
    MaintenanceTask,
)
from accord.l10n import format_day, format_number

# What each refusal of a flight log entry says, and its code.
PROBLEMS = {
    Problem.NEGATIVE_HOURS: (Code.NEGATIVE_HOURS, "hours"),
    Problem.NEGATIVE_LANDINGS: (Code.NEGATIVE_LANDINGS, "landings"),
    Problem.HOURS_PRECISION: (Code.HOURS_PRECISION, "hours"),
    Problem.HOURS_OVER_DAY: (Code.HOURS_OVER_DAY, "hours"),
    Problem.COUNTERS_BACKWARDS: (Code.COUNTERS_BACKWARDS, "total_hours"),
}


def problem_text(problem: Problem, *, aircraft: Aircraft, entry: Entry) -> str:
    """A refused entry's reason in the reader's words, naming the figures at fault."""
    if problem == Problem.NEGATIVE_HOURS:
        return _("Flight hours are never negative: give the hours flown that day.")
    if problem == Problem.NEGATIVE_LANDINGS:
        return _("Landings are never negative: give the landings made that day.")
    if problem == Problem.HOURS_PRECISION:
        return _("Give flight hours in tenths of an hour (one decimal).")
    if problem == Problem.HOURS_OVER_DAY:
        return _("More than 24 flight hours on %(day)s: check that day's entries.") % {
            "day": format_day(entry.day)
        }
    return _(
        "%(tail)s's counters stand at %(hours)s hours and %(landings)s landings, logged to "
        "%(day)s: an entry dated earlier or with a lower logbook total would run them backwards."
    ) % {
        "tail": aircraft.tail_number,
        "hours": format_number(aircraft.hours),
        "landings": format_number(aircraft.landings),
        "day": format_day(aircraft.logged_to) if aircraft.logged_to else "—",
    }


def _refuse(problem: Problem, detail: str, field_prefix: str = ""):
    code, field = PROBLEMS[problem]
    key = f"{field_prefix}{field}"
    error = Conflict if code.status == 409 else ValidationFailed
    return error(detail, code=code, errors={key: [detail]})


# --- types and their programmes ------------------------------------------------------------------


@audited("aircraft_type.create")
def aircraft_type_create(*, actor, values: AircraftTypeValues) -> AircraftType:
    """Add an aircraft type (its programme's tasks are added to it one by one)."""
    return record_create(
        actor=actor, model=AircraftType, data=values.given(), action=audited_action()
    )


def _task_data(values: MaintenanceTaskValues, aircraft_type: AircraftType) -> dict:
    data = values.given()
    # A type's programme is read with its type: a task carries its type's marking.
    data["marking"] = aircraft_type.marking
    data["owner_nation"] = aircraft_type.owner_nation
    return data


def _check_intervals(task: MaintenanceTask) -> None:
    if task.interval_hours is None and task.interval_cycles is None and task.interval_days is None:
        raise ValidationFailed(
            _("Give at least one interval: flight hours, cycles or days."),
            code=Code.TASK_NO_INTERVAL,
            errors={"interval_hours": [_("flight hours, cycles or days")]},
        )
    if task.interval_hours is not None and task.interval_hours <= 0:
        raise ValidationFailed(
            _("Interval in hours: an interval is more than zero hours."),
            code=Code.NEGATIVE_HOURS,
            errors={"interval_hours": [_("more than zero")]},
        )


@audited("maintenance_task.create")
def maintenance_task_create(*, actor, values: MaintenanceTaskValues) -> MaintenanceTask:
    """Add a task to a type's programme: it applies to every aircraft of the type at once. A
    programme task always repeats; a directive or bulletin may be done once."""
    aircraft_type = values.aircraft_type
    access.require_change(actor, aircraft_type)
    data = _task_data(values, aircraft_type)
    if data.get("kind", TaskKind.PROGRAMME) == TaskKind.PROGRAMME:
        data["repeats"] = True
    _check_intervals(MaintenanceTask(**{k: v for k, v in data.items() if k != "sources"}))
    return record_create(actor=actor, model=MaintenanceTask, data=data, action=audited_action())


# --- aircraft ------------------------------------------------------------------------------------


@audited("aircraft.create")
def aircraft_create(*, actor, values: AircraftValues) -> Aircraft:
    """Enter an aircraft in the programme: its counters start at the opening figures."""
    data = values.given()
    data.setdefault("marking", Aircraft.default_marking)
    hours = data.get("opening_hours", Decimal(0))
    if hours < 0:
        raise ValidationFailed(
            _("Opening hours: flight hours are never negative."),
            code=Code.NEGATIVE_HOURS,
            errors={"opening_hours": [_("0 or more")]},
        )
    data["hours"] = hours
    data["landings"] = data.get("opening_landings", 0)
    return record_create(actor=actor, model=Aircraft, data=data, action=audited_action())


@audited("aircraft.update")
def aircraft_update(
    *, actor, aircraft: Aircraft, values: AircraftValues, expected_version: int
) -> Aircraft:
    """Change an aircraft's base, status, operator, plan or notes. Its opening counters change
    only while it has no flight log (after that, they would move every figure logged since)."""
    data = values.given()
    opening = {k: data[k] for k in ("opening_hours", "opening_landings") if k in data}
    changed = {k: v for k, v in opening.items() if getattr(aircraft, k) != v}
    if changed:
        if FlightLog.objects.filter(aircraft=aircraft).exists():
            raise Conflict(
                _("%(tail)s has a flight log: its opening counters can no longer change.")
                % {"tail": aircraft.tail_number},
                code=Code.COUNTERS_BACKWARDS,
                errors={name: [_("fixed once flights are logged")] for name in changed},
            )
        data["hours"] = data.get("opening_hours", aircraft.opening_hours)
        data["landings"] = data.get("opening_landings", aircraft.opening_landings)
    return record_update(
        actor=actor,
        obj=aircraft,
        data=data,
        expected_version=expected_version,
        action=audited_action(),
    )


def _advance(aircraft: Aircraft, logged: list[Logged]) -> None:
    """Move the aircraft's totals to the last entry's, on the totals it was read with: a writer
    who added meanwhile makes this one a conflict, never a lost update."""
    last = logged[-1]
    moved = Aircraft.objects.filter(
        pk=aircraft.pk, hours=aircraft.hours, landings=aircraft.landings
    ).update(
        hours=last.total_hours,
        landings=last.total_landings,
        logged_to=last.day,
        version=F("version") + 1,
    )
    if moved == 0:
        raise Conflict(
            _("Someone logged flights on %(tail)s meanwhile; reload it and log again.")
            % {"tail": aircraft.tail_number},
            code=Code.STALE_VERSION,
        )


def _log_rows(aircraft: Aircraft, logged: list[Logged], notes: list[str], estimated: bool):
    return [
        FlightLog(
            aircraft=aircraft,
            date=entry.day,
            hours=entry.hours,
            landings=entry.landings,
            total_hours=entry.total_hours,
            total_landings=entry.total_landings,
            note=note,
            estimated=estimated,
            marking=aircraft.marking,
            owner_nation_id=aircraft.owner_nation_id,
        )
        for entry, note in zip(logged, notes, strict=True)
    ]


def _check_entries(aircraft: Aircraft, entries: list[Entry]) -> list:
    return log_entries(
        entries,
        hours=aircraft.hours,
        landings=aircraft.landings,
        last_day=aircraft.logged_to,
        day_hours=selectors.day_hours(aircraft, {e.day for e in entries}),
    )


def _may_log(actor, aircraft: Aircraft) -> None:
    access.require_change(actor, aircraft)
    access.require_create(
        actor,
        FlightLog,
        {"marking": aircraft.marking, "owner_nation_id": aircraft.owner_nation_id},
    )


@audited("flight_log.record")
def flight_log_record(
    *,
    actor,
    aircraft: Aircraft,
    day: date,
    hours: Decimal | None = None,
    landings: int | None = None,
    total_hours: Decimal | None = None,
    total_landings: int | None = None,
    note: str = "",
) -> FlightLog:
    """Log a day's flying: the hours and landings, or the logbook's totals after the day."""
    _may_log(actor, aircraft)
    aircraft = Aircraft.objects.select_for_update().get(pk=aircraft.pk)
    entry = Entry(day, hours, landings, total_hours, total_landings)
    [(logged, problem)] = _check_entries(aircraft, [entry])
    if problem is not None:
        raise _refuse(problem, problem_text(problem, aircraft=aircraft, entry=entry))
    _advance(aircraft, [logged])
    [row] = _log_rows(aircraft, [logged], [note], estimated=False)
    try:
        with transaction.atomic():
            row.save(force_insert=True)
    except IntegrityError as exc:  # the same totals logged twice: nothing was added
        raise _refuse(
            Problem.COUNTERS_BACKWARDS,
            problem_text(Problem.COUNTERS_BACKWARDS, aircraft=aircraft, entry=entry),
        ) from exc
    audit_record(
        actor=actor, action=audited_action(), obj=row, changes=field_changes({}, snapshot(row))
    )
    return row


def flight_logs_append(
    *,
    actor,
    aircraft: Aircraft,
    entries: list[Entry],
    notes: list[str],
    estimated: bool,
    line_of=None,
) -> list[Logged]:
    """Check and write many entries of one aircraft, all or nothing (inside the caller's audited
    transaction): the import and the demo's history. ``line_of(i)`` names the i-th entry's line
    in a refusal."""
    _may_log(actor, aircraft)
    aircraft = Aircraft.objects.select_for_update().get(pk=aircraft.pk)
    results = _check_entries(aircraft, entries)
    for i, (entry, (_logged, problem)) in enumerate(zip(entries, results, strict=True)):
        if problem is not None:
            where = line_of(i) if line_of else ""
            detail = problem_text(problem, aircraft=aircraft, entry=entry)
            raise _refuse(problem, f"{where}{detail}", field_prefix=where)
    logged = [result for result, _problem in results]
    if not logged:
        return []
    _advance(aircraft, logged)
    before = {"hours": aircraft.hours, "landings": aircraft.landings}
    FlightLog.objects.bulk_create(_log_rows(aircraft, logged, notes, estimated), batch_size=1000)
    after = {"hours": logged[-1].total_hours, "landings": logged[-1].total_landings}
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=aircraft,
        changes={**field_changes(before, after), "entries": len(logged)},
    )
    return logged


@audited("flight_log.import")
def flight_logs_import_history(*, actor, aircraft: Aircraft, entries: list[Entry]) -> int:
    """Write an aircraft's flying history at once, marked estimated (the demo's and a
    migration's): the same checks as every entry, all or nothing."""
    logged = flight_logs_append(
        actor=actor,
        aircraft=aircraft,
        entries=entries,
        notes=[""] * len(entries),
        estimated=True,
    )
    return len(logged)


# --- compliance ----------------------------------------------------------------------------------


@audited("compliance.record")
def compliance_record(
    *,
    actor,
    aircraft: Aircraft,
    task: MaintenanceTask,
    done_on: date,
    hours: Decimal | None = None,
    landings: int | None = None,
    reference: str = "",
    note: str = "",
    estimated: bool = False,
) -> ComplianceRecord:
    """Record a task done on an aircraft; the due list counts from here on. The counters default
    to the aircraft's at the end of that day, and may not lie before the task's last record."""
    access.require_change(actor, aircraft)
    if task.aircraft_type_id != aircraft.aircraft_type_id:
        raise ValidationFailed(
            _("%(task)s is not in the programme of %(tail)s's type.")
            % {"task": task.code, "tail": aircraft.tail_number},
            code=Code.TASK_NOT_OF_TYPE,
            errors={"task": [_("a task of the aircraft's type")]},
        )
    if done_on < aircraft.tracked_from:
        raise _backwards(
            _("Done on: before %(tail)s entered the programme (%(day)s).")
            % {"tail": aircraft.tail_number, "day": format_day(aircraft.tracked_from)},
            "done_on",
        )
    at_day = selectors.counters_on(aircraft, done_on)
    hours = at_day[0] if hours is None else hours
    landings = at_day[1] if landings is None else landings
    if hours < 0:
        raise ValidationFailed(
            _("hours: flight hours are never negative."),
            code=Code.NEGATIVE_HOURS,
            errors={"hours": [_("0 or more")]},
        )
    if hours > at_day[0] or landings > at_day[1]:
        raise _backwards(
            _(
                "%(tail)s had flown %(hours)s hours and %(landings)s landings by the end of "
                "%(day)s: a task cannot be done at more."
            )
            % {
                "tail": aircraft.tail_number,
                "hours": format_number(at_day[0]),
                "landings": format_number(at_day[1]),
                "day": format_day(done_on),
            },
            "hours",
        )
    last = selectors.last_compliance(aircraft, task)
    if last is not None and (
        done_on < last.done_on or hours < last.hours or landings < last.landings
    ):
        raise _backwards(
            _(
                "%(task)s was last done on %(day)s at %(hours)s hours: a record before it would "
                "run the due list backwards."
            )
            % {
                "task": task.code,
                "day": format_day(last.done_on),
                "hours": format_number(last.hours),
            },
            "done_on",
        )
    values = {"marking": aircraft.marking, "owner_nation_id": aircraft.owner_nation_id}
    access.require_create(actor, ComplianceRecord, values)
    record = ComplianceRecord.objects.create(
        aircraft=aircraft,
        task=task,
        done_on=done_on,
        hours=hours,
        landings=landings,
        reference=reference,
        note=note,
        estimated=estimated,
        **values,
    )
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=record,
        changes=field_changes({}, snapshot(record)),
    )
    return record


def _backwards(detail: str, field: str) -> Conflict:
    return Conflict(detail, code=Code.COUNTERS_BACKWARDS, errors={field: [detail]})


# --- components ----------------------------------------------------------------------------------


@audited("component.create")
def component_create(*, actor, values: ComponentValues) -> Component:
    """Register a component by serial with its counters so far and its limits."""
    data = values.given()
    data.setdefault("marking", Component.default_marking)
    for name in ("hours", "hours_since_overhaul"):
        if data.get(name, 0) < 0:
            raise ValidationFailed(
                _("%(field)s: hours are never negative.") % {"field": name},
                code=Code.NEGATIVE_HOURS,
                errors={name: [_("0 or more")]},
            )
    return record_create(actor=actor, model=Component, data=data, action=audited_action())


@audited("component.install")
def component_install(
    *, actor, component: Component, aircraft: Aircraft, position: str, day: date
) -> Installation:
    """Fit a component to an airframe at a position, from ``day``: its counters grow with the
    airframe's from then. Refused when it is on an airframe already, when the position is taken,
    or when it has reached a life limit."""
    access.require_change(actor, component)
    access.require_change(actor, aircraft)
    current = selectors.open_installation(component)
    if current is not None:
        raise Conflict(
            _("%(serial)s is installed on another airframe; remove it there first.")
            % {"serial": component.serial},
            code=Code.COMPONENT_INSTALLED,
        )
    if component.condition != ComponentCondition.SERVICEABLE:
        raise Conflict(
            _("%(serial)s is %(condition)s: only a serviceable component is installed.")
            % {"serial": component.serial, "condition": component.get_condition_display().lower()},
            code=Code.COMPONENT_UNSERVICEABLE,
        )
    reached = selectors.limits_reached(component, None)
    if reached:
        raise Conflict(
            _("%(serial)s has reached its limits (%(limits)s) and cannot be installed.")
            % {"serial": component.serial, "limits": ", ".join(_limit_names(reached))},
            code=Code.LIFE_EXPIRED,
        )
    last = component.installations.order_by("-removed_on").values_list("removed_on", flat=True)
    if last and last[0] is not None and day < last[0]:
        raise _backwards(
            _("%(serial)s was removed on %(day)s: it cannot be installed before that.")
            % {"serial": component.serial, "day": format_day(last[0])},
            "day",
        )
    hours, landings = selectors.counters_on(aircraft, day)
    row = Installation(
        component=component,
        aircraft=aircraft,
        position=position.strip(),
        installed_on=day,
        installed_hours=hours,
        installed_landings=landings,
        marking=component.marking,
        owner_nation_id=component.owner_nation_id,
    )
    try:
        with transaction.atomic():  # a savepoint: the refusal below reads on
            row.save(force_insert=True)
    except IntegrityError as exc:
        # The partial unique indexes: the component fitted meanwhile, or the position taken.
        if Installation.objects.filter(component=component, removed_on__isnull=True).exists():
            raise Conflict(
                _("%(serial)s is installed on another airframe.") % {"serial": component.serial},
                code=Code.COMPONENT_INSTALLED,
            ) from exc
        raise Conflict(
            _("Position %(position)s of %(tail)s holds another component; remove it first.")
            % {"position": position, "tail": aircraft.tail_number},
            code=Code.POSITION_TAKEN,
            errors={"position": [_("taken")]},
        ) from exc
    audit_record(
        actor=actor, action=audited_action(), obj=row, changes=field_changes({}, snapshot(row))
    )
    return row


def _limit_names(reached: list[str]) -> list[str]:
    names = {
        "hours": _("life limit in hours"),
        "cycles": _("life limit in cycles"),
        "overhaul": _("time between overhauls"),
    }
    return [str(names[r]) for r in reached]


@audited("component.remove")
def component_remove(
    *, actor, component: Component, day: date, serviceable: bool = False, site=None
) -> Installation:
    """Take a component off its airframe on ``day``: it keeps the hours and cycles it gained
    there, and carries them to the next airframe. It goes unserviceable (to repair) unless
    removed serviceable, and is held at ``site`` (the aircraft's base unless named)."""
    access.require_change(actor, component)
    if site is not None:
        access.require_view(actor, site)
    current = selectors.open_installation(component)
    if current is None:
        raise Conflict(
            _("%(serial)s is not installed on any airframe.") % {"serial": component.serial},
            code=Code.COMPONENT_NOT_INSTALLED,
        )
    access.require_change(actor, current.aircraft)
    if day < current.installed_on:
        raise _backwards(
            _("%(serial)s was installed on %(day)s: it cannot be removed before that.")
            % {"serial": component.serial, "day": format_day(current.installed_on)},
            "day",
        )
    hours, landings = selectors.counters_on(current.aircraft, day)
    before = snapshot(current)
    gained_hours = hours - current.installed_hours
    gained_cycles = landings - current.installed_landings
    closed = Installation.objects.filter(pk=current.pk, removed_on__isnull=True).update(
        removed_on=day, removed_hours=hours, removed_landings=landings, version=F("version") + 1
    )
    condition = ComponentCondition.SERVICEABLE if serviceable else ComponentCondition.UNSERVICEABLE
    held_at = site if site is not None else current.aircraft.base
    moved = Component.objects.filter(pk=component.pk, version=component.version).update(
        condition=condition,
        site=held_at,
        hours=F("hours") + gained_hours,
        cycles=F("cycles") + gained_cycles,
        hours_since_overhaul=F("hours_since_overhaul") + gained_hours,
        version=F("version") + 1,
    )
    if not (closed and moved):
        raise Conflict(
            _("Someone changed %(serial)s meanwhile; reload it and try again.")
            % {"serial": component.serial},
            code=Code.STALE_VERSION,
        )
    current.refresh_from_db()
    records = [
        (current, field_changes(before, snapshot(current))),
        (
            component,
            {
                "hours": [str(component.hours), str(component.hours + gained_hours)],
                "cycles": [component.cycles, component.cycles + gained_cycles],
                "condition": [component.condition, condition],
                "site": held_at.code if held_at is not None else None,
            },
        ),
    ]
    audit_record_many(actor=actor, action=audited_action(), records=records)
    return current
