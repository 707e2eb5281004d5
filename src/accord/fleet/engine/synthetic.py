"""A helicopter's flying and maintenance history, made up deterministically for the demo and the
seed generator: weekly flight log entries at a planned utilisation, and the last time each task
was done before a day, at the counters it fell due.

Pure: the same random generator state gives the same history.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from accord.fleet.engine.counters import Entry

WEEK = timedelta(days=7)


@dataclass(frozen=True)
class Flown:
    """The history: entries in date order, and the airframe's totals after each."""

    entries: tuple[Entry, ...]
    totals: tuple[tuple[date, Decimal, int], ...]  # (day, total hours, total landings)


def weekly_flying(
    rng: random.Random,
    *,
    start: date,
    end: date,
    hours_per_year: Decimal,
    opening: tuple[Decimal, int],
    landings_per_hour: Decimal = Decimal("1.3"),
) -> Flown:
    """One entry a week from ``start`` to ``end``, the hours varying around the plan (a
    tenth of an hour at most 9 hours in the day), landings about ``landings_per_hour``."""
    per_week = hours_per_year / Decimal(52)
    entries, totals = [], []
    hours, landings = opening
    day = start
    while day <= end:
        tenths = max(0, int(per_week * 10) + rng.randint(-15, 15))
        flown = min(Decimal(tenths) / 10, Decimal(9))
        landed = int((flown * landings_per_hour).to_integral_value())
        entries.append(Entry(day, flown, landed))
        hours, landings = hours + flown, landings + landed
        totals.append((day, hours, landings))
        day += WEEK
    return Flown(tuple(entries), tuple(totals))


def last_due_point(
    flown: Flown,
    *,
    start: date,
    opening: tuple[Decimal, int],
    hours: Decimal | None,
    days: int | None,
    before: date,
) -> date | None:
    """The day a task repeating every ``hours`` or ``days`` (whichever first, counted from
    ``start``) was last due before ``before``, if it fell due at all: the demo's maintenance is
    done on the day it falls due."""
    basis_day, basis_hours = start, opening[0]
    last = None
    for day, total_hours, _landings in flown.totals:
        if day >= before:
            break
        by_hours = hours is not None and total_hours - basis_hours >= hours
        by_days = days is not None and (day - basis_day).days >= days
        if by_hours or by_days:
            last, basis_day, basis_hours = day, day, total_hours
    return last
