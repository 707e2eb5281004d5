"""What a flight log may add to an aircraft's counters, and a component's counters and life.

Counters only ever grow: a day's hours and landings are never negative, a day has at most 24
flight hours on one airframe, and a logbook total lower than the one before is refused. A
component's hours and cycles grow only while it is installed: the airframe's growth since the
installation, added to what the component had when it was fitted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from enum import StrEnum

HOURS_IN_A_DAY = Decimal(24)
HOURS_STEP = Decimal("0.1")  # flight time is logged in tenths of an hour (six minutes)


class Problem(StrEnum):
    """Why a flight log entry is refused (the service names the error code for each)."""

    NEGATIVE_HOURS = "negative_hours"
    NEGATIVE_LANDINGS = "negative_landings"
    HOURS_PRECISION = "hours_precision"
    HOURS_OVER_DAY = "hours_over_day"
    COUNTERS_BACKWARDS = "counters_backwards"


@dataclass(frozen=True)
class Entry:
    """One day's flying as logged: hours and landings, or the logbook's totals after it."""

    day: date
    hours: Decimal | None
    landings: int | None
    total_hours: Decimal | None = None
    total_landings: int | None = None


@dataclass(frozen=True)
class Logged:
    """An entry accepted: what it adds, and the airframe's totals after it."""

    day: date
    hours: Decimal
    landings: int
    total_hours: Decimal
    total_landings: int


def hours_value(text) -> Decimal:
    """Hours as a Decimal (never a float); ValueError when it is not a number."""
    if isinstance(text, float):
        raise TypeError("hours are never floats")
    try:
        value = Decimal(str(text).strip())
    except InvalidOperation:
        raise ValueError(f"{text!r} is not a number of hours") from None
    if not value.is_finite():
        raise ValueError(f"{text!r} is not a number of hours")
    return value


def log_entry(
    entry: Entry, *, hours: Decimal, landings: int, last_day: date | None, day_hours: Decimal
) -> tuple[Logged | None, Problem | None]:
    """Check one entry against the airframe's totals (``hours``, ``landings``), the day of its
    latest entry and the hours already logged on the entry's day; the entry as logged, or why not.

    An entry may give the day's hours and landings, or the logbook's totals after the day (the
    increase is then what was flown). Either way nothing goes backwards.
    """
    flown = entry.hours
    if entry.total_hours is not None:
        if entry.total_hours < hours:
            return None, Problem.COUNTERS_BACKWARDS
        flown = entry.total_hours - hours if flown is None else flown
        if hours + flown != entry.total_hours:
            return None, Problem.COUNTERS_BACKWARDS
    landed = entry.landings
    if entry.total_landings is not None:
        if entry.total_landings < landings:
            return None, Problem.COUNTERS_BACKWARDS
        landed = entry.total_landings - landings if landed is None else landed
        if landings + landed != entry.total_landings:
            return None, Problem.COUNTERS_BACKWARDS
    flown = Decimal(0) if flown is None else flown
    landed = 0 if landed is None else landed
    if flown < 0:
        return None, Problem.NEGATIVE_HOURS
    if landed < 0:
        return None, Problem.NEGATIVE_LANDINGS
    if flown % HOURS_STEP != 0:
        return None, Problem.HOURS_PRECISION
    if last_day is not None and entry.day < last_day:
        # The counters at every later day would change under maintenance already recorded.
        return None, Problem.COUNTERS_BACKWARDS
    if day_hours + flown > HOURS_IN_A_DAY:
        return None, Problem.HOURS_OVER_DAY
    return Logged(entry.day, flown, landed, hours + flown, landings + landed), None


def log_entries(
    entries, *, hours: Decimal, landings: int, last_day: date | None, day_hours: dict
) -> list[tuple[Logged | None, Problem | None]]:
    """Check entries in order, each after the ones before it (an import's rows)."""
    results = []
    day_hours = dict(day_hours)
    for entry in entries:
        logged, problem = log_entry(
            entry,
            hours=hours,
            landings=landings,
            last_day=last_day,
            day_hours=day_hours.get(entry.day, Decimal(0)),
        )
        results.append((logged, problem))
        if logged is not None:
            hours, landings, last_day = logged.total_hours, logged.total_landings, logged.day
            day_hours[logged.day] = day_hours.get(logged.day, Decimal(0)) + logged.hours
    return results


@dataclass(frozen=True)
class Life:
    """A component's limits (None: no such limit)."""

    hours: Decimal | None = None  # life limit in hours since new
    cycles: int | None = None  # life limit in cycles since new
    overhaul_hours: Decimal | None = None  # time between overhauls (TBO)


@dataclass(frozen=True)
class Usage:
    """A component's counters: hours and cycles since new, hours since overhaul."""

    hours: Decimal
    cycles: int
    hours_since_overhaul: Decimal

    def plus(self, hours: Decimal, cycles: int) -> Usage:
        return Usage(self.hours + hours, self.cycles + cycles, self.hours_since_overhaul + hours)


def usage_now(base: Usage, *, fitted_at: tuple[Decimal, int] | None, airframe: tuple) -> Usage:
    """A component's counters now: what it had when fitted (``base``), plus the airframe's
    growth since (``airframe`` hours and cycles now against ``fitted_at``); unchanged while it
    is off any airframe."""
    if fitted_at is None:
        return base
    return base.plus(airframe[0] - fitted_at[0], airframe[1] - fitted_at[1])


def expired(usage: Usage, life: Life) -> list[str]:
    """The limits a component has reached: ``hours``, ``cycles``, ``overhaul``."""
    reached = []
    if life.hours is not None and usage.hours >= life.hours:
        reached.append("hours")
    if life.cycles is not None and usage.cycles >= life.cycles:
        reached.append("cycles")
    if life.overhaul_hours is not None and usage.hours_since_overhaul >= life.overhaul_hours:
        reached.append("overhaul")
    return reached
