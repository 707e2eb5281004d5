"""The bound of the maintenance schedule's linear relaxation: no schedule of a problem has more
aircraft-days available, so *schedule / bound* says how close to the best possible it is.

The problem is the one :mod:`accord.fleet.engine.schedule` solves, written time-indexed and
solved with GLOP (see :class:`_Relaxation`).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise

from ortools.linear_solver import pywraplp

from .schedule import Base, Job, Problem, Term, can_run, chains, check_problem, downtime, split_due


@dataclass(frozen=True)
class LpBound:
    """The linear relaxation's optimum: no schedule reaches more aircraft-days than ``value``."""

    value: float
    status: str
    wall_time_s: float


class _Relaxation:
    """The same problem with integrality relaxed, written with ``S[j][t]`` in [0, 1], "job j
    has started by day t" (0 before its first start; ``S[j][horizon - 1]`` is "j is done"), so
    that "starts on day t" is ``S[j][t] - S[j][t-1]`` and "runs on day t" ``S[j][t] - S[j][t-d]``:

    - ``S[j][t] >= S[j][t-1]`` (a job starts once);
    - on each day of a base, ``sum over its jobs of need * (S[j][t] - S[j][t-d])`` is at most its
      slots (need 1) and its technicians (need the crew), also on the days after the horizon;
    - an aircraft's next job starts after the previous one ended: ``S[k+1][t] <= S[k][t-d_k]``;
    - maximise the aircraft-days, fleet times horizon less :func:`downtime`.

    In whole numbers these are exactly :func:`solve`'s constraints and objective.
    """

    def __init__(self, problem: Problem):
        self.problem = problem
        self.solver = pywraplp.Solver.CreateSolver("GLOP")
        if self.solver is None:  # pragma: no cover - OR-Tools ships GLOP
            raise RuntimeError("OR-Tools has no GLOP backend")
        horizon = problem.horizon_days
        bases = {b.code: b for b in problem.bases}
        due, _ = split_due(problem)
        self.started: dict[Job, dict[int, pywraplp.Variable]] = {}
        for j in due:
            days = range(j.first_start, horizon) if can_run(j, bases[j.base], horizon) else ()
            self.started[j] = {
                t: self.solver.NumVar(0, 1, f"S[{j.aircraft}/{j.task}][{t}]") for t in days
            }
            for t in days[1:]:
                self._row(0, None, [(j, t, 1), (j, t - 1, -1)])
        self._capacity(due, bases)
        for chain in chains(due).values():
            for earlier, later in pairwise(chain):
                for t in self.started[later]:
                    self._row(None, 0, [(later, t, 1), (earlier, t - earlier.duration_days, -1)])
        terms, constant = downtime(due, horizon)
        objective = self.solver.Objective()
        for var, c in self._combine(self._in_s(terms)).items():
            objective.SetCoefficient(var, -c)
        objective.SetOffset(len(problem.fleet()) * horizon - constant)
        objective.SetMaximization()

    def _in_s(self, terms: Iterable[Term]) -> Iterable[tuple[Job, int, float]]:
        """Terms over "starts on t" and "done" rewritten over "started by t"."""
        last = self.problem.horizon_days - 1
        for j, t, c in terms:
            if t is None:
                yield j, last, c
            else:
                yield j, t, c
                yield j, t - 1, -c

    def _var(self, j: Job, t: int) -> pywraplp.Variable | None:
        """``S[j][t]`` as a variable, or None where it is 0 (before the job can start)."""
        days = self.started[j]
        if not days or t < j.first_start:
            return None
        return days[min(t, self.problem.horizon_days - 1)]

    def _combine(self, terms: Iterable[tuple[Job, int, float]]) -> dict[pywraplp.Variable, float]:
        coefficients: dict[pywraplp.Variable, float] = defaultdict(float)
        for j, t, c in terms:
            var = self._var(j, t)
            if var is not None:
                coefficients[var] += c
        return coefficients

    def _row(
        self, low: float | None, high: float | None, terms: Iterable[tuple[Job, int, float]]
    ) -> None:
        """``low <= sum of c * S[j][t] <= high``, the terms that are 0 left out."""
        inf = self.solver.infinity()
        row = self.solver.Constraint(-inf if low is None else low, inf if high is None else high)
        for var, c in self._combine(terms).items():
            row.SetCoefficient(var, c)

    def _capacity(self, due: list[Job], bases: dict[str, Base]) -> None:
        rows: dict[tuple[str, int], list[tuple[Job, int, float]]] = defaultdict(list)
        for j in due:
            if not self.started[j]:
                continue
            for t in range(j.first_start, self.problem.horizon_days - 1 + j.duration_days):
                rows[(j.base, t)] += [(j, t, 1), (j, t - j.duration_days, -1)]  # runs on t
        for (code, day), terms in sorted(rows.items()):
            base = bases[code]
            self._row(None, base.slots_per_day, terms)
            crews = [(j, t, c * j.technicians) for j, t, c in terms]
            self._row(None, base.crew_on(day), crews)


def lp_bound(problem: Problem) -> LpBound:
    """The optimum of the linear relaxation of ``problem`` (see :class:`_Relaxation`): no
    schedule has more aircraft-days available. ``status`` is GLOP's (``optimal`` expected)."""
    started = time.perf_counter()
    check_problem(problem)
    relaxation = _Relaxation(problem)
    # Measured on the 500-aircraft bench: the dual simplex without GLOP's presolve solves this
    # time-indexed model in about half the default's time (and far faster than with presolve).
    relaxation.solver.SetSolverSpecificParametersAsString(
        "use_dual_simplex: true use_preprocessing: false"
    )
    code = relaxation.solver.Solve()
    names = {pywraplp.Solver.OPTIMAL: "optimal", pywraplp.Solver.FEASIBLE: "feasible"}
    status = names.get(code, "not solved")
    value = relaxation.solver.Objective().Value() if code in names else float("nan")
    return LpBound(value, status, time.perf_counter() - started)
