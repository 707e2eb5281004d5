"""The scenario's fleet: aircraft types and their maintenance programme.

Reads three sections of ``scenario.yaml``: ``maintenance_programme`` (sourced: the Mi-17's 50-,
100- and 200-hour phase inspections, its 2,000-hour overhaul and 25-year service life, the
Mi-35's 500-hour inspection), ``fleet_extra`` (Accord's own: the types, the bases in the
registry, the calendar tasks and a service bulletin, estimated) and ``fleet`` (the bases and the
fleet's size over time, which the demo uses). Idempotent: types by code, tasks by type and code.
The aircraft themselves are the demo's (``accord.fleet.demo``): the scenario holds no tail
numbers.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Literal

from pydantic import Field

from accord.core.engine.scenario import Record
from accord.core.scenario_sections import ScenarioContext, scenario_section
from accord.fleet.models import AircraftType, MaintenanceTask

Family = Literal["Mi-17", "Mi-35"]
# Who signs off a family's work: the training qualification (training's scenario codes) that the
# HMTF technicians' courses certify for.
QUALIFICATION = {"Mi-17": "mi17-airframe", "Mi-35": "mi35-airframe"}


class TypeRecord(Record):
    id: str = Field(pattern=r"^[a-z0-9-]{1,40}$")
    name: str = Field(min_length=1, max_length=100)
    family: Family
    manufacturer: str = ""


class TaskRecord(Record):
    id: str = Field(pattern=r"^[a-z0-9-]{1,40}$")
    family: list[Family]
    name: str = Field(min_length=1, max_length=200)
    category: str
    kind: Literal["programme", "directive", "bulletin"] = "programme"
    repeats: bool = True
    effective: date | None = None
    reference: str = ""
    hours: Decimal | None = Field(None, gt=0)
    cycles: int | None = Field(None, gt=0)
    days: int | None = Field(None, gt=0)
    tolerance_hours: Decimal = Field(Decimal(0), ge=0)
    tolerance_cycles: int = Field(0, ge=0)
    tolerance_days: int = Field(0, ge=0)


class SourcedItem(Record):
    item: str
    type: str | None = None
    flight_hours: int | list[int] | None = None
    years: int | None = None
    note: str = ""


def _family_of(type_name: str | None) -> str | None:
    if type_name is None:
        return None
    return "Mi-35" if type_name.startswith("Mi-35") else "Mi-17"


def bases(ctx: ScenarioContext) -> dict[str, str]:
    """The fleet's bases by name, as registry site codes."""
    return dict(ctx.items("fleet_extra.bases", dict))


@scenario_section("fleet", order=50)
def load_fleet(ctx: ScenarioContext) -> None:
    raw_types = ctx.items("fleet_extra.types")
    types = ctx.records(raw_types, TypeRecord, "fleet_extra.types")
    sourced_raw = ctx.items("maintenance_programme.sourced")
    sourced = ctx.records(sourced_raw, SourcedItem, "maintenance_programme.sourced")
    life = {_family_of(s.type): s for s in sourced if s.item == "service_life"}
    for site in bases(ctx).values():
        if site not in ctx.sites:
            raise ctx.error(raw_types[0], None, "fleet_extra.bases", f"no site {site}")
    made: dict[str, list[AircraftType]] = {}
    for t in types:
        years = life.get(t.family)
        aircraft_type = ctx.upsert(
            AircraftType,
            {"code": t.id},
            {
                "name": t.name,
                "manufacturer": t.manufacturer,
                "qualification": QUALIFICATION[t.family],
                "service_life_years": years.years if years else None,
                "estimated": t.estimated,
            },
            list(dict.fromkeys([*t.source, *(years.source if years else [])])),
            "aircraft_type",
        )
        made.setdefault(t.family, []).append(aircraft_type)
    tolerance = Decimal(str(ctx.items("fleet_extra.phase_tolerance_hours", int) or 0))
    work = _work(ctx)
    for item in sourced:
        for task, source in _sourced_tasks(item, tolerance):
            for aircraft_type in made.get(_family_of(item.type), []):
                _task(ctx, aircraft_type, task, source, work)
    raw_tasks = ctx.items("fleet_extra.tasks")
    for task in ctx.records(raw_tasks, TaskRecord, "fleet_extra.tasks"):
        for family in task.family:
            for aircraft_type in made.get(family, []):
                _task(ctx, aircraft_type, task, task.source, work)
    ctx.shared["fleet.types"] = made


def _work(ctx: ScenarioContext) -> dict[str, tuple[int, int]]:
    """Task code -> (days in the hangar, technicians a day): the downtimes of the demo
    assumptions (phase inspections, overhaul turnaround), ``fleet_extra.task_downtime_days``
    for the other tasks and ``fleet_extra.task_crew``; one day and two technicians otherwise."""
    downtime: dict[str, int] = {}
    for item in ctx.items("maintenance_programme.demo_assumptions"):
        if item.get("item") == "phase_inspection_downtime_days":
            downtime.update({code: int(days) for code, days in item["value"].items()})
        elif item.get("item") == "overhaul_turnaround_days":
            downtime["overhaul"] = int(item["value"])
    downtime.update(ctx.items("fleet_extra.task_downtime_days", dict))
    crew = ctx.items("fleet_extra.task_crew", dict)
    codes = set(downtime) | set(crew)
    return {code: (int(downtime.get(code, 1)), int(crew.get(code, 2))) for code in codes}


def _sourced_tasks(item: SourcedItem, tolerance: Decimal):
    """The programme's flying-hour tasks the sourced items give."""
    if item.item == "phase_inspections":
        for hours in item.flight_hours or []:
            yield (
                TaskRecord(
                    id=f"h{hours}",
                    family=[_family_of(item.type)],
                    name=f"{hours}-hour periodic inspection",
                    category="periodic",
                    hours=Decimal(hours),
                    tolerance_hours=tolerance,
                    estimated=False,
                ),
                item.source,
            )
    elif item.item == "inspection" and isinstance(item.flight_hours, int):
        yield (
            TaskRecord(
                id=f"h{item.flight_hours}",
                family=[_family_of(item.type)],
                name=f"{item.flight_hours}-hour periodic inspection",
                category="periodic",
                hours=Decimal(item.flight_hours),
                tolerance_hours=tolerance,
            ),
            item.source,
        )
    elif item.item == "overhaul_interval" and isinstance(item.flight_hours, int):
        yield (
            TaskRecord(
                id="overhaul",
                family=[_family_of(item.type)],
                name="Overhaul",
                category="periodic",
                hours=Decimal(item.flight_hours),
            ),
            item.source,
        )


def _tenths(hours: Decimal | None) -> Decimal | None:
    # As the database keeps them (one decimal), so that loading twice compares equal.
    return None if hours is None else hours.quantize(Decimal("0.1"))


def _task(
    ctx: ScenarioContext, aircraft_type: AircraftType, task: TaskRecord, source, work: dict
) -> None:
    downtime, crew = work.get(task.id, (1, 2))
    ctx.upsert(
        MaintenanceTask,
        {"aircraft_type": aircraft_type, "code": task.id},
        {
            "name": task.name,
            "category": task.category,
            "kind": task.kind,
            "repeats": task.repeats,
            "effective": task.effective,
            "reference": task.reference,
            "interval_hours": _tenths(task.hours),
            "interval_cycles": task.cycles,
            "interval_days": task.days,
            "tolerance_hours": _tenths(task.tolerance_hours),
            "tolerance_cycles": task.tolerance_cycles,
            "tolerance_days": task.tolerance_days,
            "downtime_days": downtime,
            "crew": crew,
            "estimated": task.estimated,
            "marking": aircraft_type.marking,
        },
        source,
        "maintenance_task",
    )
