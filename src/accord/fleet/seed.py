"""Synthetic fleet at scale: ``accord seed --scale N`` writes ceil(N/100) aircraft, each with a
year of weekly flight log entries (52) and one audit entry, so the due list can be measured over
many aircraft. Tail numbers start ``syn-``; every value comes from the run's generator."""

from __future__ import annotations

import math
from collections.abc import Iterable
from datetime import UTC, date, datetime
from decimal import Decimal

from accord.core.seed import SeedRun, register
from accord.fleet.engine.synthetic import weekly_flying
from accord.fleet.models import (
    Aircraft,
    AircraftType,
    FlightLog,
    MaintenanceTask,
    WorkOrder,
    WorkOrderItem,
)
from accord.markings import Marking

PREFIX = "syn-"
AIRCRAFT_PER_N = 100
START = date(2015, 1, 5)
END = date(2015, 12, 28)
BASE_TIME = datetime(2016, 1, 1, tzinfo=UTC)


@register(
    "fleet", order=60, ratios="ceil(N/100) aircraft, 52 flight log entries each, 1 audit entry each"
)
class FleetGenerator:
    def plan(self, scale: int) -> dict[str, int]:
        planes = math.ceil(scale / AIRCRAFT_PER_N)
        return {"aircraft": planes, "flight log entries": 52 * planes, "audit entries": planes}

    def existing(self) -> int:
        return Aircraft.objects.filter(tail_number__startswith=PREFIX).count()

    def run(self, seed_run: SeedRun) -> None:
        types = list(AircraftType.objects.order_by("code"))
        if not types:
            return  # no programme loaded: nothing to fly
        count = math.ceil(seed_run.scale / AIRCRAFT_PER_N)
        for start in range(0, count, seed_run.batch_size):
            with seed_run.batch():
                self._batch(seed_run, types, start, min(start + seed_run.batch_size, count))

    def _batch(self, seed_run: SeedRun, types, start: int, stop: int) -> None:
        rng = seed_run.rng
        planes, histories = [], []
        for number in range(start + 1, stop + 1):
            opening = (Decimal(rng.randint(1000, 20000)) / 10, rng.randint(1000, 20000))
            flown = weekly_flying(
                rng, start=START, end=END, hours_per_year=Decimal(350), opening=opening
            )
            last = flown.totals[-1]
            planes.append(
                Aircraft(
                    tail_number=f"{PREFIX}{number:06d}",
                    aircraft_type=types[number % len(types)],
                    operator="aaf",
                    tracked_from=START,
                    opening_hours=opening[0],
                    opening_landings=opening[1],
                    hours=last[1],
                    landings=last[2],
                    logged_to=last[0],
                    estimated=True,
                    marking=Marking.NRC,
                )
            )
            histories.append(flown)
        Aircraft.objects.bulk_create(planes)
        saved = {
            a.tail_number: a
            for a in Aircraft.objects.filter(tail_number__in=[p.tail_number for p in planes])
        }
        rows, entries = [], []
        for plane, flown in zip(planes, histories, strict=True):
            plane = saved[plane.tail_number]
            for entry, (day, hours, landings) in zip(flown.entries, flown.totals, strict=True):
                rows.append(
                    FlightLog(
                        aircraft=plane,
                        date=day,
                        hours=entry.hours,
                        landings=entry.landings,
                        total_hours=hours,
                        total_landings=landings,
                        estimated=True,
                        marking=plane.marking,
                    )
                )
            entries.append(
                {
                    "occurred_at": BASE_TIME,
                    "actor_id": None,
                    "actor_name": f"{PREFIX}maintenance",
                    "action": "aircraft.create",
                    "outcome": "done",
                    "error_code": "",
                    "object_type": plane._meta.label_lower,
                    "object_id": str(plane.pk),
                    "object_repr": f"aircraft {plane.tail_number}",
                    "changes": {"hours": [None, str(plane.hours)], "entries": len(flown.entries)},
                    "marking": plane.marking,
                    "owner_nation_id": None,
                    "via": "cli",
                }
            )
        FlightLog.objects.bulk_create(rows, batch_size=2000)
        seed_run.audit_append(entries)
        seed_run.count("fleet.aircraft", len(planes))
        seed_run.count("fleet.flight_logs", len(rows))
        seed_run.advance(len(planes))

    def digest_rows(self) -> Iterable[tuple]:
        planes = Aircraft.objects.filter(tail_number__startswith=PREFIX)
        yield from planes.order_by("tail_number").values_list(
            "tail_number", "aircraft_type__code", "opening_hours", "hours", "landings"
        )
        yield from (
            FlightLog.objects.filter(aircraft__tail_number__startswith=PREFIX)
            .order_by("aircraft__tail_number", "date")
            .values_list("aircraft__tail_number", "date", "hours", "landings")
            .iterator(chunk_size=5000)
        )


@register(
    "fleet-work",
    order=61,
    ratios="an open work order per synthetic aircraft (its shortest inspection), 1 audit entry",
)
class WorkOrderGenerator:
    """An open work order on each synthetic aircraft for its type's shortest flying-hour
    inspection, for the work-order lists at scale. Numbered from the tail number
    (``WO-syn-000001``), so the digest does not depend on ids."""

    def plan(self, scale: int) -> dict[str, int]:
        planes = math.ceil(scale / AIRCRAFT_PER_N)
        return {"work orders": planes, "audit entries": planes}

    def existing(self) -> int:
        return WorkOrder.objects.filter(number__startswith=f"WO-{PREFIX}").count()

    def run(self, seed_run: SeedRun) -> None:
        planes = Aircraft.objects.filter(tail_number__startswith=PREFIX).order_by("tail_number")
        tasks = {}
        hourly = MaintenanceTask.objects.filter(interval_hours__isnull=False, repeats=True)
        for task in hourly.order_by("interval_hours", "code"):
            tasks.setdefault(task.aircraft_type_id, task)
        rows = [p for p in planes.select_related("aircraft_type") if p.aircraft_type_id in tasks]
        for start in range(0, len(rows), seed_run.batch_size):
            with seed_run.batch():
                self._batch(seed_run, rows[start : start + seed_run.batch_size], tasks)

    def _batch(self, seed_run: SeedRun, planes: list, tasks: dict) -> None:
        orders = WorkOrder.objects.bulk_create(
            [
                WorkOrder(
                    number=f"WO-{plane.tail_number}",
                    aircraft=plane,
                    raised_on=END,
                    note="Synthetic (seed).",
                    marking=plane.marking,
                )
                for plane in planes
            ]
        )
        saved = WorkOrder.objects.filter(number__in=[o.number for o in orders])
        by_number = {o.number: o for o in saved}
        WorkOrderItem.objects.bulk_create(
            [
                WorkOrderItem(
                    work_order=by_number[f"WO-{plane.tail_number}"],
                    task=tasks[plane.aircraft_type_id],
                )
                for plane in planes
            ]
        )
        seed_run.audit_append(
            [
                {
                    "occurred_at": BASE_TIME,
                    "actor_id": None,
                    "actor_name": f"{PREFIX}maintenance",
                    "action": "work_order.raise",
                    "outcome": "done",
                    "error_code": "",
                    "object_type": WorkOrder._meta.label_lower,
                    "object_id": str(by_number[f"WO-{plane.tail_number}"].pk),
                    "object_repr": f"work order WO-{plane.tail_number}",
                    "changes": {"tasks": [tasks[plane.aircraft_type_id].code]},
                    "marking": plane.marking,
                    "owner_nation_id": None,
                    "via": "cli",
                }
                for plane in planes
            ]
        )
        seed_run.count("fleet.work_orders", len(planes))
        seed_run.advance(len(planes))

    def digest_rows(self) -> Iterable[tuple]:
        yield from (
            WorkOrder.objects.filter(number__startswith=f"WO-{PREFIX}")
            .order_by("number")
            .values_list("number", "aircraft__tail_number", "raised_on", "items__task__code")
        )
