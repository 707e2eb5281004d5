"""When a maintenance task falls due: whichever of its intervals comes first.

A task repeats every so many flight hours, cycles (landings) and calendar days, each optional,
each with a tolerance (how far past the limit the task may still be done without grounding the
aircraft). Counting starts from the task's *basis*: the counters and date when it was last done,
or, never done, when the aircraft entered the programme (for a directive, the later of that and
the day the directive took effect).

For each criterion the engine gives the next due point and the margin left; the *governing*
criterion is the one that will be reached first at the aircraft's planned utilisation, and its
day is the forecast. The status is the worst over the criteria:

    ok                 every margin is more than a tenth of its interval
    due_soon           some margin is a tenth of its interval or less (or nil)
    within_tolerance   some due point is passed, but not its tolerance
    overdue            some due point is passed by more than its tolerance: not airworthy

A one-off task (a directive or bulletin done once) is ``done`` once complied with.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_FLOOR, Decimal
from enum import StrEnum

# A task is due soon when its margin is this share of its interval or less.
DUE_SOON_SHARE = Decimal("0.1")


class Criterion(StrEnum):
    HOURS = "hours"
    CYCLES = "cycles"
    DAYS = "days"


class DueStatus(StrEnum):
    OK = "ok"
    DUE_SOON = "due_soon"
    WITHIN_TOLERANCE = "within_tolerance"
    OVERDUE = "overdue"
    DONE = "done"


# Worse statuses rank higher; ``done`` (a one-off complied with) is the least of all.
SEVERITY = {
    DueStatus.DONE: 0,
    DueStatus.OK: 1,
    DueStatus.DUE_SOON: 2,
    DueStatus.WITHIN_TOLERANCE: 3,
    DueStatus.OVERDUE: 4,
}


@dataclass(frozen=True)
class Rule:
    """A task's intervals and tolerances (None: the criterion does not apply)."""

    hours: Decimal | None = None
    cycles: int | None = None
    days: int | None = None
    tolerance_hours: Decimal = Decimal(0)
    tolerance_cycles: int = 0
    tolerance_days: int = 0
    repeats: bool = True

    def __post_init__(self):
        if self.hours is None and self.cycles is None and self.days is None:
            raise ValueError("a task needs at least one interval")
        for value in (self.hours, self.cycles, self.days):
            if value is not None and value <= 0:
                raise ValueError("intervals are positive")
        if min(self.tolerance_hours, self.tolerance_cycles, self.tolerance_days) < 0:
            raise ValueError("tolerances are not negative")


@dataclass(frozen=True)
class Counters:
    """An aircraft's flight hours and cycles on a day."""

    hours: Decimal
    cycles: int
    day: date


@dataclass(frozen=True)
class Utilisation:
    """Planned flying: hours a year, and cycles per flight hour (to forecast cycles)."""

    hours_per_year: Decimal
    cycles_per_hour: Decimal = Decimal(1)

    @property
    def hours_per_day(self) -> Decimal:
        return self.hours_per_year / Decimal(365)


@dataclass(frozen=True)
class CriterionDue:
    criterion: Criterion
    next_due: Decimal | int | date  # the counter or the day at which the task falls due
    limit: Decimal | int | date  # the due point plus the tolerance
    remaining: Decimal | int  # hours, cycles or days left to the due point (negative: past)
    interval: Decimal | int
    days_left: Decimal | None  # the remaining margin in days at the planned utilisation


@dataclass(frozen=True)
class Due:
    status: DueStatus
    criteria: tuple[CriterionDue, ...]
    governing: CriterionDue | None
    forecast: date | None  # the day the governing criterion is reached at planned flying

    @property
    def airworthy(self) -> bool:
        return self.status != DueStatus.OVERDUE


def task_due(rule: Rule, basis: Counters, now: Counters, plan: Utilisation, *, done=False) -> Due:
    """The task's due points, margins, governing criterion, forecast and status ``now``.

    ``basis`` is when counting started (last done, or entry into the programme); ``done`` says a
    one-off task has been complied with (it is then never due again).
    """
    if done and not rule.repeats:
        return Due(DueStatus.DONE, (), None, None)
    criteria = tuple(_criteria(rule, basis, now, plan))
    status = max((_status(c, rule) for c in criteria), key=SEVERITY.__getitem__)
    governing = min(criteria, key=_urgency)
    forecast = None
    if governing.days_left is not None:
        days = governing.days_left.to_integral_value(rounding=ROUND_FLOOR)
        forecast = now.day + timedelta(days=int(days))
    return Due(status, criteria, governing, forecast)


def _criteria(rule: Rule, basis: Counters, now: Counters, plan: Utilisation):
    per_day = plan.hours_per_day
    if rule.hours is not None:
        due = basis.hours + rule.hours
        remaining = due - now.hours
        yield CriterionDue(
            Criterion.HOURS,
            due,
            due + rule.tolerance_hours,
            remaining,
            rule.hours,
            remaining / per_day if per_day > 0 else None,
        )
    if rule.cycles is not None:
        due = basis.cycles + rule.cycles
        remaining = due - now.cycles
        cycles_per_day = per_day * plan.cycles_per_hour
        yield CriterionDue(
            Criterion.CYCLES,
            due,
            due + rule.tolerance_cycles,
            remaining,
            rule.cycles,
            Decimal(remaining) / cycles_per_day if cycles_per_day > 0 else None,
        )
    if rule.days is not None:
        due = basis.day + timedelta(days=rule.days)
        remaining = (due - now.day).days
        yield CriterionDue(
            Criterion.DAYS,
            due,
            due + timedelta(days=rule.tolerance_days),
            remaining,
            rule.days,
            Decimal(remaining),
        )


def _urgency(c: CriterionDue):
    # The criterion reached first; one that cannot be forecast (no flying planned) comes last,
    # and among those the smallest share of its interval left.
    share = Decimal(c.remaining) / Decimal(c.interval)
    return (c.days_left is None, c.days_left if c.days_left is not None else share, share)


def _status(c: CriterionDue, rule: Rule) -> DueStatus:
    tolerance = {
        Criterion.HOURS: rule.tolerance_hours,
        Criterion.CYCLES: rule.tolerance_cycles,
        Criterion.DAYS: rule.tolerance_days,
    }[c.criterion]
    if c.remaining < 0 and -c.remaining > tolerance:
        return DueStatus.OVERDUE
    if c.remaining < 0:
        return DueStatus.WITHIN_TOLERANCE
    if Decimal(c.remaining) <= DUE_SOON_SHARE * Decimal(c.interval):
        return DueStatus.DUE_SOON
    return DueStatus.OK


def worst(statuses) -> DueStatus:
    """The worst of a set of statuses (``ok`` for none): an aircraft's overall state."""
    return max(statuses, key=SEVERITY.__getitem__, default=DueStatus.OK)
