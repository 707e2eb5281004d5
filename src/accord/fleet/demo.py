"""The fleet's part of the demo: the Afghan Air Force's helicopters as of November 2012.

36 Mi-17 (20 Mi-17V-5, 16 Mi-17/Mi-8MTV) and 11 Mi-35, the counts of ``scenario.yaml``'s
``fleet.series`` for 2012-11, spread over the scenario's bases. Tail numbers, opening counters
and the split between the Mi-17 variants are synthetic (marked estimated), and so is their
flying: a weekly flight log at the demo's 350 hours a year from November 2012 to the demo's day,
with each task's latest inspection recorded on the day it fell due. Two aircraft are left with
an inspection overdue, so the due list shows an aircraft that is not airworthy.

Deterministic (one seeded generator), and idempotent: nothing is added when the fleet exists.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal

from accord.core import selectors as core_selectors
from accord.core.demo import demo_step
from accord.fleet import services
from accord.fleet.engine.synthetic import last_due_point, weekly_flying
from accord.fleet.inputs import AircraftValues
from accord.fleet.models import Aircraft, AircraftType, MaintenanceTask

FLEET_AS_OF = date(2012, 11, 1)
HOURS_PER_YEAR = Decimal(350)  # maintenance_programme.demo_assumptions (estimated)
FLEET = (  # (type code, count, operator, bases in turn)
    ("mi-17v-5", 20, "aaf", ("taac_air", "taac_south", "taac_north", "taac_west")),
    ("mi-8mtv", 16, "aaf", ("taac_air", "taac_south", "taac_east", "taac_west")),
    ("mi-35", 11, "aaf", ("taac_air", "taac_west")),
)
# (tail number, task code): the latest inspection not recorded, so it is overdue.
LEFT_OVERDUE = {("MI17-05", "h100"), ("MI35-03", "seasonal")}
NOTE = "Synthetic tail number and counters (demo)."


def tail_number(type_code: str, number: int) -> str:
    prefix = "MI35" if type_code == "mi-35" else "MI17"
    return f"{prefix}-{number:02d}"


@demo_step(order=50)
def afghan_fleet(actor, now) -> str | None:
    """Enter the fleet with its flying and maintenance history (once)."""
    if Aircraft.objects.filter(note=NOTE).exists():
        return None
    types = {t.code: t for t in AircraftType.objects.all()}
    if not all(code in types for code, *_rest in FLEET):
        return None
    rng = random.Random("accord-fleet-demo")
    today = now.date()
    made = 0
    numbers = {"MI17": 0, "MI35": 0}
    for code, count, operator, bases in FLEET:
        for i in range(count):
            prefix = "MI35" if code == "mi-35" else "MI17"
            numbers[prefix] += 1
            tail = tail_number(code, numbers[prefix])
            base = core_selectors.site_get(actor=actor, code=bases[i % len(bases)])
            _aircraft(actor, rng, types[code], tail, operator, base, today)
            made += 1
    return f"Fleet: {made} helicopters with their flight logs and due lists (/fleet/)"


def _aircraft(actor, rng, aircraft_type, tail, operator, base, today) -> Aircraft:
    opening = (Decimal(rng.randint(3000, 18000)) / 10, 0)
    opening = (opening[0], int(opening[0] * Decimal("1.3")))
    plane = services.aircraft_create(
        actor=actor,
        values=AircraftValues(
            tail_number=tail,
            aircraft_type=aircraft_type,
            operator=operator,
            base=base,
            tracked_from=FLEET_AS_OF,
            opening_hours=opening[0],
            opening_landings=opening[1],
            planned_hours_per_year=HOURS_PER_YEAR,
            note=NOTE,
            estimated=True,
        ),
    )
    flown = weekly_flying(
        rng, start=FLEET_AS_OF, end=today, hours_per_year=HOURS_PER_YEAR, opening=opening
    )
    services.flight_logs_import_history(actor=actor, aircraft=plane, entries=list(flown.entries))
    plane.refresh_from_db()
    for task in MaintenanceTask.objects.filter(aircraft_type=aircraft_type).order_by("code"):
        if (tail, task.code) in LEFT_OVERDUE:
            continue
        day = last_due_point(
            flown,
            start=FLEET_AS_OF,
            opening=opening,
            hours=task.interval_hours,
            days=task.interval_days,
            before=today,
        )
        if day is not None:
            services.compliance_record(
                actor=actor,
                aircraft=plane,
                task=task,
                done_on=day,
                reference="demo",
                estimated=True,
            )
    return plane
