"""The maintenance schedule: due work put into hangar slots at each base, most aircraft flying.

Days are whole numbers counted from the first day of the horizon (day 0); a job that starts on
day ``s`` and lasts ``d`` days keeps its aircraft in the hangar on days ``s .. s + d - 1``.

**The problem.** Each job (an inspection or an overhaul of one aircraft at its base) may start
from its ``first_start`` (its earliest day -- how early the programme lets it be done -- and the
day its parts arrive) and should start by its ``limit_day`` (the due day plus the tolerance).
An aircraft is *unavailable* on a day when it is in the hangar, or when one of its jobs is past
its limit and not yet done: a job started late grounds the aircraft from its limit until it
ends, a job never started grounds it from its limit to the end of the horizon. An aircraft's
jobs are done one after another in the order they fall due -- the hours flown between them are
what makes the next one due -- so a job is scheduled only if the one before it is. Each base
has a number of hangar slots and of technicians a day; a job takes one slot and its crew on
every day it runs, also after the horizon's end. The schedule maximises the aircraft-days
available over the horizon (the sum over days of the aircraft neither in the hangar nor
overdue); among schedules as good, it does the most due work.

Jobs whose limit falls after the horizon are *deferred*: doing them now would only take
aircraft out of service within it, so they are left to a later solve (the due list moves on,
and so does the next schedule).

**The solvers.**

- :func:`solve` -- OR-Tools CP-SAT. Each job is an optional fixed-size interval with one
  literal per possible start day; each base has two cumulative constraints on its intervals
  (slots, technicians); an aircraft's jobs are chained by precedence. The aircraft-days lost are
  a linear function of those literals (:func:`downtime`: a job's own grounded days for each
  start, less the days its predecessor already counted), exact for every schedule, and the
  solver's linear relaxation of them is as strong as the bound below. An aircraft's jobs are
  all at its base, so bases share nothing: each is solved alone, in turn, with a share of the
  time by its due jobs (what one leaves goes to the next). The search starts from
  :func:`greedy`'s schedule, reports each better one to ``on_solution`` and stops at the time
  limit.
- :func:`greedy` -- earliest limit first, each job on the latest day it fits by its limit, else
  the first after it: the anchor that says what the optimisation adds, and the starting hint.
- ``schedule_bound.lp_bound`` -- the linear relaxation of the same problem, time-indexed (a
  variable "started by day t" per job and day, GLOP): an upper bound on the aircraft-days of any
  schedule. A fractional schedule spreads a job over several days, so hangar and crew limits
  weigh on the bound less than on whole schedules: where capacity is short, part of the gap
  between a schedule and the bound is the relaxation's, not the schedule's.

**Determinism.** With the same problem, ``seed`` and ``num_workers=1``, a solve that ends
before its time limit (proven optimal) gives the same schedule every time. A solve stopped by
the time limit depends on how far the machine got, and with several workers on how their
threads interleaved: still a valid schedule, not always the same one.
"""

from __future__ import annotations

import functools
import math
import time
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from accord.errors import Code

if TYPE_CHECKING:
    from ortools.sat.python import cp_model

Progress = Callable[[int, int, float], None]
"""``on_solution(objective, bound, elapsed)``: aircraft-days of a better schedule just found,
the best upper bound proven so far, and the seconds since the solve began."""


class ScheduleInputError(ValueError):
    """Bad input to the schedule, with a stable ``code`` (:class:`accord.errors.Code`) and the
    ``field`` at fault; the Django layer maps it to ``ValidationFailed``."""

    def __init__(self, message: str, field: str, code: Code = Code.VALIDATION_FAILED):
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field


@dataclass(frozen=True)
class Base:
    """A base's hangar: how many aircraft it can work on and how many technicians it has a day.

    ``technicians_per_day`` is the most it ever has; ``technicians_on``, when given, the
    technicians on each day from day 0 (fewer when a certificate runs out), its last figure
    holding for the days after it."""

    code: str
    slots_per_day: int
    technicians_per_day: int
    technicians_on: tuple[int, ...] = ()

    def crew_on(self, day: int) -> int:
        """The technicians the base has on ``day`` (never more than ``technicians_per_day``)."""
        if not self.technicians_on:
            return self.technicians_per_day
        found = self.technicians_on[min(max(day, 0), len(self.technicians_on) - 1)]
        return min(found, self.technicians_per_day)

    def crew_shortfalls(self, until: int) -> list[tuple[int, int, int]]:
        """``(first day, days, technicians missing)`` for each run of days before ``until`` on
        which the base has fewer than ``technicians_per_day``: what the solver holds back."""
        runs: list[tuple[int, int, int]] = []
        for day in range(until):
            short = self.technicians_per_day - self.crew_on(day)
            if short and runs and runs[-1][2] == short and sum(runs[-1][:2]) == day:
                runs[-1] = (runs[-1][0], runs[-1][1] + 1, short)
            elif short:
                runs.append((day, 1, short))
        return runs


@dataclass(frozen=True)
class Job:
    """One due task of one aircraft, as the due list forecasts it.

    ``earliest_day`` is the first day the programme allows it (its due day less the tolerance,
    or less what may be done early); ``due_day`` the day it falls due; ``tolerance_days`` how
    long after that the aircraft may still fly; ``technicians`` the crew it needs every day it
    runs; ``parts_ready_day`` the day its parts are expected. Days may be negative: a job due
    before the horizon begins is overdue on day 0.
    """

    aircraft: str
    base: str
    task: str
    duration_days: int
    earliest_day: int
    due_day: int
    technicians: int
    parts_ready_day: int = 0
    tolerance_days: int = 0

    @property
    def limit_day(self) -> int:
        """The last day the aircraft may fly without this job begun."""
        return self.due_day + self.tolerance_days

    @property
    def first_start(self) -> int:
        """The first day the job can start: allowed by the programme, parts in, horizon begun."""
        return max(self.earliest_day, self.parts_ready_day, 0)


@dataclass(frozen=True)
class Problem:
    """The bases, the due jobs and the horizon; ``aircraft`` names the whole fleet (aircraft
    with no job count as available every day; those named only by a job are added)."""

    bases: tuple[Base, ...]
    jobs: tuple[Job, ...]
    horizon_days: int = 90
    aircraft: tuple[str, ...] = ()

    def fleet(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.aircraft) | {j.aircraft for j in self.jobs}))


@dataclass(frozen=True)
class Assignment:
    """A job put into its base's hangar from ``start_day`` for its duration."""

    job: Job
    start_day: int

    @property
    def end_day(self) -> int:
        """The first day after the job (the aircraft is back, unless another job holds it)."""
        return self.start_day + self.job.duration_days


@dataclass(frozen=True)
class Schedule:
    """A schedule and what it reaches.

    ``unscheduled``: jobs due within the horizon that found no place (their aircraft grounded
    from the limit on); ``deferred``: jobs due after it. ``objective``: the aircraft-days
    available over the horizon (``sum(available_per_day)``); ``bound``: the solver's proven
    upper bound on it; ``status``: ``optimal``, ``feasible`` (stopped by the time limit),
    ``heuristic`` (the greedy schedule: the solver found nothing better in time, or
    :func:`greedy` itself).
    """

    assignments: tuple[Assignment, ...]
    unscheduled: tuple[Job, ...]
    deferred: tuple[Job, ...]
    available_per_day: tuple[int, ...]
    status: str
    objective: int
    bound: int
    wall_time_s: float


# --- the problem checked and arranged ----------------------------------------------------------


def check_problem(problem: Problem) -> None:
    """Refuse a problem the rules cannot read (:class:`ScheduleInputError`, the first fault)."""

    def require(condition: bool, message: str, field: str) -> None:
        if not condition:
            raise ScheduleInputError(message, field)

    require(1 <= problem.horizon_days <= 3660, "the horizon is 1 to 3,660 days", "horizon_days")
    codes = [b.code for b in problem.bases]
    require(len(codes) == len(set(codes)), "two bases have the same code", "bases")
    for b in problem.bases:
        require(b.slots_per_day >= 0, f"base {b.code}: negative hangar slots", "slots_per_day")
        require(
            b.technicians_per_day >= 0,
            f"base {b.code}: negative technicians",
            "technicians_per_day",
        )
    seen: set[tuple[str, str]] = set()
    base_of: dict[str, str] = {}
    for j in problem.jobs:
        name = f"{j.aircraft} {j.task}"
        require(bool(j.aircraft) and bool(j.task), "a job names its aircraft and task", "jobs")
        require(j.base in codes, f"{name}: no base {j.base!r}", "base")
        require(j.duration_days >= 1, f"{name}: a job lasts at least one day", "duration_days")
        require(j.technicians >= 1, f"{name}: a job needs at least one technician", "technicians")
        require(j.tolerance_days >= 0, f"{name}: a negative tolerance", "tolerance_days")
        require((j.aircraft, j.task) not in seen, f"{name}: the same task twice", "task")
        seen.add((j.aircraft, j.task))
        require(
            base_of.setdefault(j.aircraft, j.base) == j.base,
            f"{j.aircraft}: jobs at two bases",
            "base",
        )


def _order(job: Job) -> tuple[int, int, str, str]:
    """Earliest limit first: the order of an aircraft's chain and of the greedy schedule."""
    return (job.limit_day, job.due_day, job.task, job.aircraft)


def split_due(problem: Problem) -> tuple[list[Job], list[Job]]:
    """The jobs the schedule places (limit within the horizon) and the deferred ones."""
    due = sorted((j for j in problem.jobs if j.limit_day < problem.horizon_days), key=_order)
    later = sorted((j for j in problem.jobs if j.limit_day >= problem.horizon_days), key=_order)
    return due, later


def chains(jobs: Iterable[Job]) -> dict[str, list[Job]]:
    """Each aircraft's due jobs in the order they fall due."""
    by_aircraft: dict[str, list[Job]] = defaultdict(list)
    for j in sorted(jobs, key=_order):
        by_aircraft[j.aircraft].append(j)
    return by_aircraft


def can_run(job: Job, base: Base, horizon: int) -> bool:
    """Whether the job could start within the horizon at all (parts, crew, a hangar)."""
    return (
        job.first_start < horizon
        and job.technicians <= base.technicians_per_day
        and base.slots_per_day >= 1
    )


def available_per_day(problem: Problem, starts: dict[Job, int]) -> tuple[int, ...]:
    """Aircraft available on each day of the horizon, given the start day of the scheduled jobs.

    An aircraft is down from the earlier of a job's start and its limit until the job ends; a
    due job left out grounds it from its limit to the end of the horizon.
    """
    horizon = problem.horizon_days
    due, _ = split_due(problem)
    down: dict[str, bytearray] = defaultdict(lambda: bytearray(horizon))
    for j in due:
        if j in starts:
            first, end = min(starts[j], j.limit_day), starts[j] + j.duration_days
        else:
            first, end = j.limit_day, horizon
        days = down[j.aircraft]
        for day in range(max(first, 0), min(end, horizon)):
            days[day] = 1
    fleet = len(problem.fleet())
    return tuple(fleet - sum(days[day] for days in down.values()) for day in range(horizon))


def _schedule(
    problem: Problem, starts: dict[Job, int], status: str, bound: int, started: float
) -> Schedule:
    due, later = split_due(problem)
    per_day = available_per_day(problem, starts)
    return Schedule(
        assignments=tuple(Assignment(j, starts[j]) for j in due if j in starts),
        unscheduled=tuple(j for j in due if j not in starts),
        deferred=tuple(later),
        available_per_day=per_day,
        status=status,
        objective=sum(per_day),
        bound=bound,
        wall_time_s=time.perf_counter() - started,
    )


# --- the anchor: earliest limit first ----------------------------------------------------------


def _greedy_starts(problem: Problem) -> dict[Job, int]:
    horizon = problem.horizon_days
    bases = {b.code: b for b in problem.bases}
    due, _ = split_due(problem)
    longest = max((j.duration_days for j in due), default=0)
    slots = {code: [0] * (horizon + longest) for code in bases}
    crews = {code: [0] * (horizon + longest) for code in bases}
    starts: dict[Job, int] = {}
    ready: dict[str, int | None] = {}  # an aircraft's previous job's end; None once one fails
    for j in due:
        base = bases[j.base]
        after = ready.get(j.aircraft, 0)
        if after is None or not can_run(j, base, horizon):
            ready[j.aircraft] = None
            continue
        used_slots, used_crews = slots[j.base], crews[j.base]
        first, limit = max(j.first_start, after), min(j.limit_day, horizon - 1)
        # The latest day by its limit, else the first day after it: done early, a job gives
        # away flying hours of its interval, and on the 500-aircraft bench the first day that
        # fits left 0.7 % fewer aircraft-days (more jobs pushed past their limits).
        candidates = [*range(limit, first - 1, -1), *range(max(first, limit + 1), horizon)]
        for start in candidates:
            days = range(start, start + j.duration_days)
            if all(
                used_slots[d] < base.slots_per_day
                and used_crews[d] + j.technicians <= base.crew_on(d)
                for d in days
            ):
                for d in days:
                    used_slots[d] += 1
                    used_crews[d] += j.technicians
                starts[j] = start
                ready[j.aircraft] = start + j.duration_days
                break
        else:
            ready[j.aircraft] = None
    return starts


def greedy(problem: Problem) -> Schedule:
    """Earliest limit first, each job on the latest day by its limit that its hangar, crew and
    parts allow, else on the first such day after it (late); left out if none in the horizon."""
    started = time.perf_counter()
    check_problem(problem)
    return _schedule(
        problem,
        _greedy_starts(problem),
        "heuristic",
        len(problem.fleet()) * problem.horizon_days,
        started,
    )


# --- aircraft-days lost, linear in the start days ----------------------------------------------


def _alone(j: Job, start: int, horizon: int) -> int:
    """Days of the horizon the job grounds its aircraft when started on ``start``: from the
    earlier of start and limit to its end."""
    return max(0, min(start + j.duration_days, horizon) - max(min(start, j.limit_day), 0))


def _left_out(j: Job, horizon: int) -> int:
    """Days of the horizon a due job left out grounds its aircraft: from its limit on."""
    return horizon - max(j.limit_day, 0)


def _overlap(j: Job, previous_end: int, horizon: int) -> int:
    """Days of ``j``'s downtime already counted for the aircraft's previous job, which ends on
    ``previous_end``: a job late past the next one's limit holds the aircraft for both."""
    return max(0, min(previous_end, horizon) - max(j.limit_day, 0))


Term = tuple[Job, int | None, int]
"""``(job, day, coefficient)``: the coefficient of "job starts on day" (``day`` None: of
"job is done at all")."""


def downtime(due: list[Job], horizon: int) -> tuple[list[Term], int]:
    """The aircraft-days lost to the due jobs: a linear function of whether and when each job
    starts, and a constant, exact for every schedule that keeps an aircraft's chain.

    Per aircraft, job by job in its chain: the days the job grounds it started on day t, less
    those its previous job has counted already (a function of the previous job's start alone,
    since a job starts after the previous one ended); a job left out grounds it from its limit,
    counted when the previous job was done (or it is the first) and this one is not.
    """
    terms: list[Term] = []
    constant = 0
    for chain in chains(due).values():
        previous: Job | None = None
        for j in chain:
            terms.extend((j, t, _alone(j, t, horizon)) for t in range(j.first_start, horizon))
            lost = _left_out(j, horizon)
            terms.append((j, None, -lost))  # done ...
            if previous is None:
                constant += lost  # ... or left out, the first of the chain
            else:
                terms.append((previous, None, lost))  # ... or left out after the previous one
                for t in range(previous.first_start, horizon):
                    if counted := _overlap(j, t + previous.duration_days, horizon):
                        terms.append((previous, t, -counted))
            previous = j
    return terms, constant


# --- CP-SAT ------------------------------------------------------------------------------------


def _cp_sat():
    """OR-Tools' CP-SAT, imported when a schedule is first solved, not when this module is: its
    import (pandas with it) cost every process that reads the fleet -- each server, worker and
    command, for the due lists and the readiness panels -- about a second at its start."""
    # deferred: the import costs every process's start, and few processes ever solve
    from ortools.sat.python import cp_model

    return cp_model


class _Model:
    """The CP-SAT model: per job, a literal per possible start day (at most one true) tied to
    the start of an optional interval; per base, cumulative constraints on the intervals for the
    hangar slots and the technicians (also after the horizon); per aircraft, each job after the
    one before it and only if that one is done. The objective is :func:`downtime`'s, linear in
    those literals -- so the solver's own linear relaxation is as strong as ``lp_bound``'s."""

    def __init__(self, problem: Problem):
        self.problem = problem
        cp_model = _cp_sat()
        m = self.model = cp_model.CpModel()
        horizon = problem.horizon_days
        bases = {b.code: b for b in problem.bases}
        due, _ = split_due(problem)
        self.starts: dict[Job, cp_model.IntVar] = {}
        self.done: dict[Job, cp_model.IntVar] = {}
        self.on: dict[Job, dict[int, cp_model.IntVar]] = {}  # a literal per possible start day
        intervals: dict[str, list[tuple[cp_model.IntervalVar, int]]] = defaultdict(list)
        for chain in chains(due).values():
            previous: Job | None = None
            for j in chain:
                interval = self._job(j, can_run(j, bases[j.base], horizon))
                intervals[j.base].append((interval, j.technicians))
                if previous is not None:
                    m.add_implication(self.done[j], self.done[previous])
                    end = self.starts[previous] + previous.duration_days
                    m.add(self.starts[j] >= end).only_enforce_if(self.done[j])
                previous = j
        for code, jobs in sorted(intervals.items()):
            ivs = [iv for iv, _ in jobs]
            m.add_cumulative(ivs, [1] * len(ivs), bases[code].slots_per_day)
            crews = [c for _, c in jobs]
            # Days with fewer technicians (a certificate ran out): fixed intervals hold back
            # the technicians missing, so one cumulative keeps a capacity that varies by day.
            until = horizon + max(j.duration_days for j in due)
            for first, days, short in bases[code].crew_shortfalls(until):
                ivs.append(m.new_fixed_size_interval_var(first, days, f"short {code} {first}"))
                crews.append(short)
            m.add_cumulative(ivs, crews, bases[code].technicians_per_day)
        terms, constant = downtime(due, horizon)
        literals, coefficients = [], []
        last: Job | None = None
        for j, t, c in terms:
            if j is not last:  # terms come job by job: a job's hash is worth sparing 100,000 times
                last, on, done = j, self.on[j], self.done[j]
            literal = done if t is None else on.get(t)
            if literal is not None and c:
                literals.append(literal)
                coefficients.append(c)
        lost = _cp_sat().LinearExpr.weighted_sum(literals, coefficients) + constant
        # Aircraft-days first; among equals, more due work done (``weight`` > jobs' count).
        self.weight = len(due) + 1
        self.capacity = len(problem.fleet()) * horizon
        m.maximize(self.weight * (self.capacity - lost) + sum(self.done.values()))

    def _job(self, j: Job, runs: bool) -> cp_model.IntervalVar:
        """The job's start, its "done" literal, its start-day literals and its interval."""
        m, horizon = self.model, self.problem.horizon_days
        name = f"{j.aircraft}/{j.task}"
        first = min(j.first_start, horizon - 1)
        start = self.starts[j] = m.new_int_var(first, horizon - 1, f"start[{name}]")
        done = self.done[j] = m.new_bool_var(f"done[{name}]")
        days = range(j.first_start, horizon) if runs else range(0)
        on = self.on[j] = {}
        for t in days:
            literal = on[t] = m.new_bool_var(f"on[{name}][{t}]")
            m.add(start == t).only_enforce_if(literal)
        m.add(sum(on.values()) == done)
        return m.new_optional_fixed_size_interval_var(start, j.duration_days, done, f"job[{name}]")

    def hint(self, starts: dict[Job, int]) -> None:
        """Start the search from ``starts`` (a whole hint: CP-SAT then takes it as its first
        schedule)."""
        for j, start in self.starts.items():
            day = starts.get(j)
            self.model.add_hint(self.done[j], day is not None)
            self.model.add_hint(start, start.proto.domain[0] if day is None else day)
            for t, literal in self.on[j].items():
                self.model.add_hint(literal, t == day)

    def aircraft_days(self, objective: float) -> int:
        """The aircraft-days part of a solver objective (or bound) value."""
        if not math.isfinite(objective):
            return self.capacity
        return min(self.capacity, int(objective + 1e-6) // self.weight)


def _by_base(problem: Problem) -> list[Problem]:
    """The problem cut into one per base: an aircraft's jobs are all at its base, so bases share
    nothing and each can be solved alone (smaller models, found and proven much sooner)."""
    due, _ = split_due(problem)
    parts = []
    for base in problem.bases:
        jobs = tuple(j for j in due if j.base == base.code)
        if jobs:
            fleet = tuple(sorted({j.aircraft for j in jobs}))
            parts.append(Problem((base,), jobs, problem.horizon_days, fleet))
    return parts


@functools.cache
def _progress_type() -> type:
    """``_Progress``'s class, made on the first solve (its base is CP-SAT's, see ``_cp_sat``)."""

    class _Progress(_cp_sat().CpSolverSolutionCallback):
        """Hears the solver on one base and tells ``on_solution`` about the whole fleet: the
        best aircraft-days found so far at every base, and their bounds, plus the idle
        aircraft."""

        def __init__(self, on_solution: Progress, best: list[int], bounds: list[int], idle: int):
            super().__init__()
            self.on_solution, self.best, self.bounds, self.idle = on_solution, best, bounds, idle
            self.started = time.perf_counter()
            self.part, self.model = 0, None  # the base being solved, and its model

        def on_solution_callback(self) -> None:
            self.best[self.part] = self.model.aircraft_days(self.objective_value)
            self.bounds[self.part] = self.model.aircraft_days(self.best_objective_bound)
            self.on_solution(
                self.idle + sum(self.best),
                self.idle + sum(self.bounds),
                time.perf_counter() - self.started,
            )

    return _Progress


def _solve_part(
    part: Problem,
    hint: dict[Job, int],
    time_limit: float,
    workers: int,
    seed: int,
    progress: cp_model.CpSolverSolutionCallback | None,  # a _progress_type() instance
) -> tuple[dict[Job, int], str, int]:
    """One base's schedule: the starts, ``optimal``/``feasible``/``heuristic``, the bound."""
    started = time.perf_counter()
    built = _Model(part)
    built.hint(hint)
    cp_model = _cp_sat()
    solver = cp_model.CpSolver()
    # The search gets what building the model left of this base's share of the time.
    solver.parameters.max_time_in_seconds = max(0.5, time_limit - time.perf_counter() + started)
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    # Probing in presolve took most of a 10-second budget on the 500-aircraft bench (one
    # literal per job and start day) and found almost nothing to fix: skipped.
    solver.parameters.cp_model_probing_level = 0
    if progress is not None:
        progress.model = built
    status = solver.solve(built.model, progress)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):  # nothing in time: the hint stands
        return hint, "heuristic", built.capacity
    starts = {j: solver.value(v) for j, v in built.starts.items() if solver.value(built.done[j])}
    name = "optimal" if status == cp_model.OPTIMAL else "feasible"
    return starts, name, built.aircraft_days(solver.best_objective_bound)


def solve(
    problem: Problem,
    *,
    time_limit_s: float = 10.0,
    num_workers: int = 8,
    seed: int = 0,
    on_solution: Progress | None = None,
) -> Schedule:
    """The schedule with the most aircraft-days CP-SAT finds within ``time_limit_s`` (the whole
    call, model building included; each base gets a share by its number of due jobs, and what
    one leaves unused goes to the next, with at least half a second of search each).

    ``num_workers`` parallel search workers (1 for a reproducible schedule, see the module's
    docstring), ``seed`` CP-SAT's random seed; ``on_solution`` hears of every better schedule.
    Raises :class:`ScheduleInputError` on bad input, before any solving.
    """
    started = time.perf_counter()
    check_problem(problem)
    hint = _greedy_starts(problem)
    parts = _by_base(problem)
    horizon = problem.horizon_days
    best = [sum(available_per_day(p, {j: hint[j] for j in p.jobs if j in hint})) for p in parts]
    bounds = [len(p.aircraft) * horizon for p in parts]
    idle = (len(problem.fleet()) - sum(len(p.aircraft) for p in parts)) * horizon
    progress = _progress_type()(on_solution, best, bounds, idle) if on_solution else None
    starts: dict[Job, int] = {}
    statuses = set()
    for i, part in enumerate(parts):
        left = time_limit_s - (time.perf_counter() - started)
        share = left * len(part.jobs) / sum(len(p.jobs) for p in parts[i:])
        if progress is not None:
            progress.part = i
        part_hint = {j: hint[j] for j in part.jobs if j in hint}
        found, status, bounds[i] = _solve_part(
            part, part_hint, share, max(1, num_workers), seed, progress
        )
        starts.update(found)
        statuses.add(status)
    status = "optimal" if statuses <= {"optimal"} else "feasible"
    if statuses == {"heuristic"}:
        status = "heuristic"
    return _schedule(problem, starts, status, idle + sum(bounds), started)
