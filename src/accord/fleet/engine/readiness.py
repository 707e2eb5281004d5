"""Readiness from a maintenance schedule: which aircraft are down on which day, and why.

Pure Python over the schedule's plain data (:mod:`accord.fleet.engine.schedule`), so that the
command line, the background solve and the pages count alike. An aircraft is down on a day

- in the hangar, from a job's start to its end: for a defect, *defect*; else *scheduled
  maintenance*;
- grounded, from a job's limit (due day plus tolerance) until it starts (or to the end of the
  horizon if it found no place): for the reason it waits -- *awaiting parts* when its parts
  come after its limit, *awaiting technician* when its base has too few technicians for its
  crew or they are all at work on the limit day, *defect* for a defect, else *scheduled
  maintenance* (waiting for a hangar slot).

An aircraft-day counts once, under the first reason found in that order (hangar first).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from .schedule import Job, Problem, Schedule, split_due

SCHEDULED = "scheduled"
AWAITING_PARTS = "awaiting_parts"
AWAITING_TECHNICIAN = "awaiting_technician"
DEFECT = "defect"
REASONS = (SCHEDULED, AWAITING_PARTS, AWAITING_TECHNICIAN, DEFECT)


@dataclass(frozen=True)
class Downtime:
    """One job's effect on its aircraft, in days from the horizon's first day: in the hangar on
    ``start .. end - 1`` (both None if never placed), grounded on ``grounded_from .. start - 1``
    (or to the horizon's end) waiting for ``waits_for``; ``grounded_from`` None if it starts by
    its limit."""

    job: Job
    is_defect: bool
    start: int | None
    end: int | None
    grounded_from: int | None
    waits_for: str


def _crews(schedule: Schedule, horizon: int) -> dict:
    """Technicians at work at each base on each day of the schedule."""
    crews: dict[str, list[int]] = defaultdict(lambda: [0] * horizon)
    for a in schedule.assignments:
        for day in range(max(a.start_day, 0), min(a.end_day, horizon)):
            crews[a.job.base][day] += a.job.technicians
    return crews


def downtimes(problem: Problem, schedule: Schedule, defects: Iterable[Job] = ()) -> list[Downtime]:
    """Each due job of the schedule with its days in the hangar and its grounded days."""
    horizon = problem.horizon_days
    bases = {b.code: b for b in problem.bases}
    defects = set(defects)
    starts = {a.job: a.start_day for a in schedule.assignments}
    crews = _crews(schedule, horizon)
    due, _ = split_due(problem)
    rows = []
    for j in due:
        start = starts.get(j)
        late = start is None or start > j.limit_day
        waits = ""
        if late:
            day = min(max(j.limit_day, 0), horizon - 1)
            base = bases[j.base]
            if j.parts_ready_day > max(j.limit_day, 0):
                waits = AWAITING_PARTS
            elif j.technicians > base.technicians_per_day or crews[j.base][
                day
            ] + j.technicians > base.crew_on(day):
                waits = AWAITING_TECHNICIAN
            elif j in defects:
                waits = DEFECT
            else:
                waits = SCHEDULED  # a hangar slot
        rows.append(
            Downtime(
                job=j,
                is_defect=j in defects,
                start=start,
                end=None if start is None else start + j.duration_days,
                grounded_from=max(j.limit_day, 0) if late else None,
                waits_for=waits,
            )
        )
    return rows


@dataclass(frozen=True)
class Interval:
    """Days ``first .. last - 1`` an aircraft is down for ``reason`` (what a stored plan keeps)."""

    aircraft: str
    first: int
    last: int
    reason: str


def intervals(rows: Iterable[Downtime], horizon: int) -> list[Interval]:
    """The down intervals of each row: in the hangar, and grounded before it."""
    found = []
    for r in rows:
        name = r.job.aircraft
        if r.start is not None:
            found.append(Interval(name, r.start, r.end, DEFECT if r.is_defect else SCHEDULED))
        if r.grounded_from is not None:
            last = horizon if r.start is None else r.start
            if last > r.grounded_from:
                found.append(Interval(name, r.grounded_from, last, r.waits_for))
    return found


@dataclass(frozen=True)
class Readiness:
    """Per day of the horizon: aircraft available, and down by reason; for a group of aircraft
    (a type, a base, the fleet)."""

    fleet: int
    available: tuple[int, ...]
    down: dict[str, tuple[int, ...]]

    @property
    def rate(self) -> tuple[float, ...]:
        """The mission-capable rate each day (available over the fleet); 0 for no fleet."""
        return tuple(a / self.fleet if self.fleet else 0.0 for a in self.available)


def readiness(fleet: Iterable[str], found: Iterable[Interval], horizon: int) -> Readiness:
    """Count each aircraft-day once, under the first reason it is down for (see the module)."""
    fleet = set(fleet)
    order = {reason: i for i, reason in enumerate(REASONS)}
    why: dict[tuple[str, int], str] = {}
    # Hangar reasons first: a day in the hangar is that, whatever else it waits for.
    for i in sorted(found, key=lambda i: (i.reason not in (SCHEDULED, DEFECT), order[i.reason])):
        if i.aircraft not in fleet:
            continue
        for day in range(max(i.first, 0), min(i.last, horizon)):
            why.setdefault((i.aircraft, day), i.reason)
    down = {reason: [0] * horizon for reason in REASONS}
    for (_, day), reason in why.items():
        down[reason][day] += 1
    available = tuple(
        len(fleet) - sum(down[reason][day] for reason in REASONS) for day in range(horizon)
    )
    return Readiness(len(fleet), available, {r: tuple(v) for r, v in down.items()})
