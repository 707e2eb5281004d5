"""One OR-Tools model over a set of routes -- continuous for the linear relaxation (GLOP),
integer for the whole-container plan (SCIP) -- and the duals read from a solve."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass

from ortools.linear_solver import pywraplp

from accord.errors import Code

from ..model import Arc, Lease, TransitInputError
from .problem import Column, Problem, Step

LP_SOLVER = "GLOP"
# SCIP stops when its plan is proven this close to the best whole-container plan: 0.1%, the
# precision the plan is asked for (its gap to the LP bound is reported beside it).
MIP_RELATIVE_GAP = 1e-3


class Model:
    """One pywraplp model over a set of columns (continuous for the LP, integer for the plan)."""

    def __init__(
        self, problem: Problem, integer: bool, time_limit: float, incremental: bool = True
    ):
        self.p = problem
        self.integer = integer
        # GLOP keeps its last basis between solves of one model, but starts from it only when
        # the matrix it sees has merely gained columns: its presolve and its scaling rewrite the
        # matrix each time, so the incremental LP goes without both (its coefficients are TEU,
        # tonnes per TEU and sorties, of like sizes).
        self.incremental = incremental and not integer
        self.iterations = 0
        self.solver = pywraplp.Solver.CreateSolver("SCIP" if integer else LP_SOLVER)
        if self.solver is None:  # pragma: no cover - OR-Tools ships both
            raise RuntimeError("OR-Tools has no SCIP/GLOP backend")
        self.solver.SetTimeLimit(max(1, int(time_limit * 1000)))
        inf = self.solver.infinity()
        self.inf = inf
        self.objective = self.solver.Objective()
        self.objective.SetMinimization()
        data = problem.data
        self.demand_rows = {}
        self.unmet = {}
        # In the LP the columns and the unmet parts carry no upper bound of their own: the demand
        # rows already keep them within the demand's TEU, and a bound on a column would take a
        # dual of its own, which pricing cannot see (the demand row's dual would then read the
        # unmet penalty although the demand is fully met, and Lasdon's bound would collapse).
        for d in data.demands:
            var = self._var(0, d.teu if integer else inf, f"u[{d.code}]")
            self.unmet[d.code] = var
            self.objective.SetCoefficient(var, data.unmet_penalty_per_teu)
            row = self.solver.Constraint(d.teu, d.teu, f"demand[{d.code}]")
            row.SetCoefficient(var, 1)
            self.demand_rows[d.code] = row
        self.teu_rows: dict[str, pywraplp.Constraint] = {}
        self.tonne_rows: dict[str, pywraplp.Constraint] = {}
        self.link_teu: dict[str, pywraplp.Constraint] = {}
        self.link_tonnes: dict[str, pywraplp.Constraint] = {}
        self.sorties: dict[str, pywraplp.Variable] = {}
        self.cap_rows: dict[str, pywraplp.Constraint] = {}
        # A place's throughput: every TEU routed through it (on own capacity or a lease).
        self.node_rows: dict[str, pywraplp.Constraint] = {}
        self.lease_rows = {
            lease.code: self.solver.Constraint(
                -inf, lease.max_sorties_month, f"sorties[{lease.code}]"
            )
            for lease in problem.leases
        }
        self.quota_rows = {
            name: (self.solver.Constraint(-inf, hours, f"quota[{name}]"), leases)
            for name, (hours, leases) in problem.quota_pools().items()
        }
        self.columns: list[tuple[Column, pywraplp.Variable]] = []
        # Per column, and per leased step's sorties: its coefficient in each row but the demand's
        # (what a starting plan is checked against, see ``start``).
        self.uses: list[dict[pywraplp.Constraint, float]] = []
        self.sortie_uses: dict[str, dict[pywraplp.Constraint, float]] = {}
        self.sortie_leases: dict[str, Lease] = {}

    def _var(self, low: float, high: float, name: str) -> pywraplp.Variable:
        if self.integer:
            return self.solver.IntVar(low, high, name)
        return self.solver.NumVar(low, high, name)

    def _arc_rows(self, arc: Arc) -> None:
        if arc.code in self.teu_rows:
            return
        leg = arc.leg
        self.teu_rows[arc.code] = self.solver.Constraint(
            -self.inf, self.p.capacity_teu(arc), f"teu[{arc.code}]"
        )
        share = self.p.open[arc.code]
        if leg.capacity_tonnes_month is not None:
            self.tonne_rows[arc.code] = self.solver.Constraint(
                -self.inf, leg.capacity_tonnes_month * share, f"tonnes[{arc.code}]"
            )

    def _lease_rows(self, step: Step) -> None:
        if step.code in self.link_teu:
            return
        lease = step.lease
        high = lease.max_sorties_month if self.integer else self.inf  # the row's, in the LP
        sorties = self._var(0, high, f"s[{step.code}]")
        self.sorties[step.code] = sorties
        # Money enters the LP as a float coefficient (whole dollars a sortie, so exactly).
        self.objective.SetCoefficient(sorties, self.p.data.cost_weight * lease.cost_per_sortie)
        link = self.solver.Constraint(-self.inf, 0, f"lease_teu[{step.code}]")
        link.SetCoefficient(sorties, -lease.teu_per_sortie)
        self.link_teu[step.code] = link
        link_t = self.solver.Constraint(-self.inf, 0, f"lease_tonnes[{step.code}]")
        link_t.SetCoefficient(sorties, -lease.tonnes_per_sortie)
        self.link_tonnes[step.code] = link_t
        self.lease_rows[lease.code].SetCoefficient(sorties, 1)
        uses = {link: -lease.teu_per_sortie, link_t: -lease.tonnes_per_sortie}
        uses[self.lease_rows[lease.code]] = 1
        for row, leases in self.quota_rows.values():
            if lease in leases:
                row.SetCoefficient(sorties, lease.hours_per_sortie)
                uses[row] = lease.hours_per_sortie
        self.sortie_uses[step.code] = uses
        self.sortie_leases[step.code] = lease

    def _node_row(self, node: str) -> pywraplp.Constraint:
        row = self.node_rows.get(node)
        if row is None:
            row = self.solver.Constraint(-self.inf, self.p.node_capacity[node], f"node[{node}]")
            self.node_rows[node] = row
        return row

    def _cap_row(self, code: str) -> pywraplp.Constraint:
        row = self.cap_rows.get(code)
        if row is None:
            cap = self.p.by_code[code].cap
            row = self.solver.Constraint(-self.inf, cap.per_month(), f"cap[{code}]")
            self.cap_rows[code] = row
        return row

    def reserve(self, steps: list[Step]) -> None:
        """Every row a route over ``steps`` may need, now (and each lease's sorties on them), so
        that adding routes later only adds columns (see ``__init__``)."""
        for step in steps:
            if step.lease is None:
                self._arc_rows(step.arc)
            else:
                self._lease_rows(step)
            for node in (step.origin, step.destination):
                if node in self.p.node_capacity:
                    self._node_row(node)
        caps = (code for d in self.p.data.demands for code in self.p.permit(d).cap_codes)
        for code in dict.fromkeys(caps):
            self._cap_row(code)

    def add(self, column: Column) -> None:
        d = column.demand
        var = self._var(0, d.teu if self.integer else self.inf, f"x[{d.code}#{len(self.columns)}]")
        self.columns.append((column, var))
        self.objective.SetCoefficient(var, column.objective_per_teu)
        self.demand_rows[d.code].SetCoefficient(var, 1)
        tonnes = self.p.tonnes_per_teu(d)
        # The column's coefficient in each row, summed first (a route may cross a row twice),
        # then set once: the solver's calls are most of the cost of adding a route.
        coefficients: dict[pywraplp.Constraint, float] = defaultdict(float)
        for step in column.steps:
            if step.lease is None:
                self._arc_rows(step.arc)
                coefficients[self.teu_rows[step.arc.code]] += 1
                if step.arc.code in self.tonne_rows:
                    coefficients[self.tonne_rows[step.arc.code]] += tonnes
            else:
                self._lease_rows(step)
                coefficients[self.link_teu[step.code]] += 1
                coefficients[self.link_tonnes[step.code]] += tonnes
        for node in self.p.visits(column.steps):
            coefficients[self._node_row(node)] += 1
        for code, units in column.caps.items():
            coefficients[self._cap_row(code)] += units
        for row, value in coefficients.items():
            row.SetCoefficient(var, value)
        self.uses.append(dict(coefficients))

    def solve(self, until: float | None = None) -> int:
        """Solve (from the last basis when incremental), within ``until`` (a
        ``time.perf_counter()`` instant) if given."""
        params = pywraplp.MPSolverParameters()
        if self.integer:
            params.SetDoubleParam(params.RELATIVE_MIP_GAP, MIP_RELATIVE_GAP)
        if self.incremental:
            params.SetIntegerParam(params.PRESOLVE, params.PRESOLVE_OFF)
            params.SetIntegerParam(params.SCALING, params.SCALING_OFF)
        if until is not None:
            self.solver.SetTimeLimit(max(1, int((until - time.perf_counter()) * 1000)))
        status = self.solver.Solve(params)
        self.iterations += self.solver.iterations()
        return status


@dataclass(frozen=True)
class Duals:
    """The LP's dual values, read once after a solve (the model changes as columns are added)."""

    objective: float
    demand: dict[str, float]
    teu: dict[str, float]
    tonnes: dict[str, float]
    link_teu: dict[str, float]
    link_tonnes: dict[str, float]
    cap: dict[str, float]
    lease: dict[str, float]
    quota: dict[str, float]
    node: dict[str, float]

    @classmethod
    def read(cls, model: Model) -> Duals:
        def values(rows: dict) -> dict[str, float]:
            return {code: row.dual_value() for code, row in rows.items()}

        return cls(
            objective=model.objective.Value(),
            demand=values(model.demand_rows),
            teu=values(model.teu_rows),
            tonnes=values(model.tonne_rows),
            link_teu=values(model.link_teu),
            link_tonnes=values(model.link_tonnes),
            cap=values(model.cap_rows),
            lease=values(model.lease_rows),
            quota={name: row.dual_value() for name, (row, _l) in model.quota_rows.items()},
            node=values(model.node_rows),
        )


def solve_lp(
    problem: Problem, lp: Model, columns: list[Column], until: float
) -> tuple[Model, Duals]:
    status = lp.solve(until)
    if status == pywraplp.Solver.ABNORMAL:
        # GLOP's warm re-solve after added columns can fail numerically; the same model built
        # afresh, with presolve and scaling, solves from scratch (and so do its later rounds).
        iterations = lp.iterations
        lp = Model(problem, integer=False, time_limit=1, incremental=False)
        lp.iterations = iterations
        for column in columns:
            lp.add(column)
        status = lp.solve(until)
    if status != pywraplp.Solver.OPTIMAL:
        raise TransitInputError(
            Code.NO_PLAN, f"the linear relaxation could not be solved (solver status {status})", ""
        )
    return lp, Duals.read(lp)
