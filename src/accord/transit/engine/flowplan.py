"""The month's flow plan: a multi-commodity problem solved with OR-Tools (GLOP and SCIP).

Formulation (path-based, with column generation)
------------------------------------------------
Each demand is a commodity: whole TEUs from its origin to its destination, of one cargo class and
direction. A *column* is a permitted path for one demand: a sequence of steps, each an arc carried
either by the arc's own monthly capacity or by a lease (a leased aircraft or train set on that
arc). Variables:

* ``x[d, p]`` -- TEU of demand ``d`` on column ``p`` (integer in the plan, continuous in the LP);
* ``u[d]`` -- TEU of ``d`` left unmet, at ``unmet_penalty_per_teu`` each, so every demand gets a
  plan even when it cannot all move;
* ``s[l, a]`` -- sorties of lease ``l`` on arc ``a`` (integer).

Constraints: each demand's columns plus its unmet part equal its TEU; on every arc the TEU and
tonnes of all cargo classes together stay within the arc's capacity (scaled by the share of the
month no closure covers) -- cargo classes *share* capacity, which is why this is not a
single-commodity min-cost flow; leased steps stay within ``sorties x per-sortie`` capacity;
a lease's sorties within its monthly maximum; a quota group's flying hours within the hours left;
each capped agreement's traffic (flights, TEU or tonnes) within its monthly share.

Why paths rather than arcs: the rules are per demand (agreements depend on cargo class,
direction, the consignment's own countries and shipper; deadlines and lease notice depend on the
whole route's days), which paths express exactly and arc flows cannot without a resource
dimension; and the model stays small (a few routes per demand instead of one variable per demand
and arc), so the whole-container model is solvable at 1,000 nodes.

Column generation keeps the linear relaxation exact: starting from the ``paths_per_demand``
cheapest permitted paths, the LP (GLOP) is solved and, for every demand, the few cheapest paths
under *reduced* costs (leg price + the duals of the capacity, lease, quota and cap rows they
touch; found by the k-best A* search of :mod:`.routing` on rustworkx) are added while they would
lower the objective. In the LP the route, unmet and sortie variables carry no upper bounds of
their own (the demand, lease and sortie rows hold them): a bound would take a dual of its own
that pricing cannot see -- a fully served demand whose route sits at its bound would read the
unmet penalty as its dual, price its own route again at minus the penalty and wreck the bound.

Each round gives Lasdon's lower bound on the LP over *all* permitted paths: the restricted LP's
value plus, per demand, its TEU times a lower bound on the reduced cost of any path it may take
(that of the lightest path under the reduced weights, deadline or not -- a path that meets the
deadline is never lighter). Pricing stops when the LP meets that bound (``GAP_TOLERANCE``,
``lp_status='optimal'``: ``lp_bound`` is the LP optimum over all routes), when no path that meets
a deadline prices out although the bound is not met (``'bound'``: ``lp_bound`` is valid but
looser), after ``max_pricing_rounds`` rounds when the input sets it (a stop that does not depend
on the machine's speed), or at 60% of the time limit. Every cost is non-negative, so a bound
below zero says nothing: then ``lp_bound`` is ``None`` and ``lp_status='unproven'``.

The whole-container plan is then solved by SCIP over the columns the LP uses plus each demand's
cheapest, started from the LP solution rounded down, within the rest of the time limit. Its
objective is never below ``lp_bound``; ``gap`` reports the distance and ``status`` says whether
SCIP proved optimality (to ``MIP_RELATIVE_GAP``) or stopped at the time limit with its best plan.

The value of capacity
---------------------
The value of one more TEU of monthly capacity on a leg is the dual of the leg's TEU row in the
final (converged) LP, in USD per TEU per month (objective units when days carry weight); the
same for its tonnes row per tonne, and for a lease's sorties row per sortie. When demand is left
unmet, that dual also holds the unmet penalty, an arbitrary number that must not pass for
dollars. On a fixed optimal basis every dual is affine in the penalty ``P``: ``y = a P + b``,
where ``a`` is the TEU of unmet demand one more unit of capacity lets move and ``b`` what it
does to the transport bill. The LP is re-solved from its optimal basis with the penalty doubled
to read ``a`` off (if that re-solve fails, ``a`` is the dual divided by ``P``, rounded). Then:

* ``a == 0`` (demand met, or this leg does not hold it back): ``value_per_teu = y``, dollars of
  transport one more TEU saves, as is;
* ``a > 0``: ``unlocks_unmet=True``, ``unmet_served_per_teu = a`` and
  ``serve_cost_per_teu = -b`` -- "one more TEU moves ``a`` TEU of unmet demand at a transport cost
  of ``-b`` USD" -- and ``value_per_teu = max(0, b)``, only the dollars it also saves.

On degenerate optima (two saturated legs in series on one route) the value can sit on either of
them. A leg is a ``bottleneck`` when it is at least ``BOTTLENECK_SHARE`` used (TEU or tonnes) and
either more of it is worth something (a positive value or it unlocks unmet demand) or it lies on
a route of a demand the plan leaves partly unmet (so the degenerate twin of a valued leg is
flagged too).

Dates: agreements are judged on the month's first day; a closure removes the share of the
month it covers from the arc's capacity (a closure of the whole month removes the arc).
A lease counts if its period covers the month's first day.
"""

from __future__ import annotations

import calendar
import math
import time
from collections import defaultdict
from dataclasses import dataclass, replace

import rustworkx as rx
from ortools.linear_solver import pywraplp

from .agreements import AgreementIndex, open_fraction
from .model import (
    Allocation,
    Arc,
    ArcUse,
    CapUse,
    Demand,
    Lease,
    LeaseUse,
    Plan,
    PlanInput,
    TransitInputError,
    Unmet,
)
from .routing import INF, k_best_paths

BOTTLENECK_SHARE = 0.95
VALUE_TOLERANCE = 0.005  # USD: a capacity dual below this is nothing (solver noise)
PRICE_TOLERANCE = 1e-6
LP_SOLVER = "GLOP"
MIP_RELATIVE_GAP = 1e-5  # SCIP stops when its solution is proven this close to optimal
GAP_TOLERANCE = 1e-5  # stop pricing when the LP is this close (relative) to Lasdon's bound
DEADLINE_TRIES = 6
COLUMNS_PER_ROUND = 3  # new routes priced per demand and round
STEP_EPSILON = 1e-9  # added to every step's pricing weight, so that paths have no free loops
PENALTY_PART = 1e-6  # unmet TEU served per TEU of capacity below this count as none


@dataclass(frozen=True)
class Step:
    """An arc as the plan uses it: on its own capacity (``lease`` None) or on a lease."""

    code: str
    arc: Arc
    lease: Lease | None

    @property
    def origin(self) -> str:
        return self.arc.origin

    @property
    def leg(self):
        return self.arc.leg

    @property
    def destination(self) -> str:
        return self.arc.destination


@dataclass
class _Column:
    demand: Demand
    steps: tuple[Step, ...]
    unit_cost: float  # USD per TEU on own capacity (leases are paid per sortie)
    days: float
    objective_per_teu: float
    caps: dict[str, float]  # agreement code -> cap units per TEU


class _Problem:
    """The data every solve shares: steps, capacities, permissions, per-demand figures."""

    def __init__(self, data: PlanInput):
        self.data = data
        net = data.network
        self.month = data.month
        last = calendar.monthrange(data.month.year, data.month.month)[1]
        self.month_end = data.month.replace(day=last)
        self.agreements = AgreementIndex(net)
        self.by_code = {a.code: a for a in net.agreements}
        self.open = {
            arc.code: open_fraction(net, arc, self.month, self.month_end) for arc in net.arcs
        }
        self.leases = tuple(
            lease
            for lease in data.leases
            if lease.period_start <= self.month <= lease.period_end and lease.max_sorties_month
        )
        steps: list[Step] = []
        for arc in net.arcs:
            if self.open[arc.code] <= 0:
                continue
            steps.append(Step(arc.code, arc, None))
            for lease in self.leases:
                if lease.mode == arc.mode and (not lease.legs or arc.leg.code in lease.legs):
                    steps.append(Step(f"{arc.code}@{lease.code}", arc, lease))
        codes = list(net.node_by_code)
        self.index = {c: i for i, c in enumerate(codes)}
        self.reverse_graph = rx.PyDiGraph(multigraph=True)
        self.reverse_graph.add_nodes_from(codes)
        self.reverse_graph.add_edges_from(
            [(self.index[s.destination], self.index[s.origin], s) for s in steps]
        )
        self.out_steps: dict[int, list[Step]] = {i: [] for i in range(len(codes))}
        for step in steps:
            self.out_steps[self.index[step.origin]].append(step)
        self._allowed: dict[tuple, dict[str, tuple[str, ...]]] = {}
        self._static: dict[str, tuple[dict, dict]] = {}
        self.steps = tuple(steps)

    def permitted(self, demand: Demand) -> dict[str, tuple[str, ...]]:
        """Arc code -> agreements permitting it, for the arcs ``demand`` may use."""
        net = self.data.network
        key = (
            demand.cargo_class,
            demand.direction,
            net.node_by_code[demand.origin].country,
            net.node_by_code[demand.destination].country,
            demand.shipper,
        )
        hit = self._allowed.get(key)
        if hit is None:
            hit = {}
            for arc in net.arcs:
                if self.open[arc.code] <= 0:
                    continue
                verdict = self.agreements.verdict(
                    arc,
                    demand.cargo_class,
                    demand.direction,
                    self.month,
                    origin_country=key[2],
                    destination_country=key[3],
                    shipper=demand.shipper,
                    check_closures=False,  # closures scale capacity instead
                )
                if verdict.allowed:
                    hit[arc.code] = tuple(p.agreement for p in verdict.permits if p.agreement)
            self._allowed[key] = hit
        return hit

    def capacity_teu(self, arc: Arc) -> int:
        """Whole TEU the arc can take this month, after closures."""
        return math.floor(arc.leg.capacity_teu_month * self.open[arc.code] + 1e-9)

    def tonnes_per_teu(self, demand: Demand) -> float:
        return demand.tonnes / demand.teu

    def step_price(self, step: Step, demand: Demand) -> float:
        """USD per TEU paid on the step itself (zero on a lease: the sortie is paid)."""
        if step.lease is not None:
            return 0.0
        leg = step.arc.leg
        return leg.cost_per_teu + leg.cost_per_tonne * self.tonnes_per_teu(demand)

    def binds(self, agreement: str) -> bool:
        """Whether the agreement has a cap the plan can count (flights need tonnes a flight)."""
        cap = self.by_code[agreement].cap
        return cap is not None and (
            cap.unit.startswith(("teu", "tonnes")) or bool(cap.tonnes_per_flight)
        )

    def cap_units(self, agreement: str, demand: Demand) -> float:
        """Units of the agreement's cap used by one TEU of ``demand`` crossing once."""
        cap = self.by_code[agreement].cap
        if cap.unit == "teu_per_month":
            return 1.0
        if cap.unit == "tonnes_per_month":
            return self.tonnes_per_teu(demand)
        return self.tonnes_per_teu(demand) / cap.tonnes_per_flight

    def column(self, demand: Demand, steps: tuple[Step, ...]) -> _Column:
        allowed = self.permitted(demand)
        caps: dict[str, float] = defaultdict(float)
        for step in steps:
            for code in allowed[step.arc.code]:
                if self.binds(code):
                    caps[code] += self.cap_units(code, demand)
        cost = sum(self.step_price(s, demand) for s in steps)
        days = sum(s.arc.leg.days for s in steps)
        w = self.data
        return _Column(
            demand, steps, cost, days, w.cost_weight * cost + w.days_weight * days, dict(caps)
        )

    def static_weights(
        self, demand: Demand
    ) -> tuple[dict[str, float], dict[str, tuple[tuple[str, float], ...]]]:
        """Per step: the demand's own price and days weight (INF where not permitted), and the
        capped agreements it counts against with the units per TEU; computed once per demand."""
        hit = self._static.get(demand.code)
        if hit is None:
            allowed = self.permitted(demand)
            w = self.data
            base: dict[str, float] = {}
            caps: dict[str, tuple[tuple[str, float], ...]] = {}
            for step in self.steps:
                codes = allowed.get(step.arc.code)
                if codes is None:
                    base[step.code] = INF
                    continue
                base[step.code] = (
                    w.cost_weight * self.step_price(step, demand)
                    + w.days_weight * step.arc.leg.days
                )
                capped = tuple(
                    (code, self.cap_units(code, demand)) for code in codes if self.binds(code)
                )
                if capped:
                    caps[step.code] = capped
            hit = self._static[demand.code] = (base, caps)
        return hit

    def paths(self, demand: Demand, weight, k: int) -> list[tuple[Step, ...]]:
        """Up to ``k`` lightest paths for ``demand`` that meet its deadline."""
        return self.paths_and_least(demand, weight, k)[0]

    def paths_and_least(
        self, demand: Demand, weight, k: int
    ) -> tuple[list[tuple[Step, ...]], tuple[Step, ...] | None]:
        """Up to ``k`` lightest paths for ``demand`` that meet its deadline, and the lightest
        path of all, deadline or not (None when there is no path): no path that meets the
        deadline is lighter, so its weight bounds theirs from below."""
        src, dst = self.index[demand.origin], self.index[demand.destination]
        tries = k if demand.latest_days is None else k + DEADLINE_TRIES
        paths = k_best_paths(
            self.reverse_graph, self.out_steps, self.index, src, dst, weight, tries
        )
        fitting = [p for p in paths if self.fits_deadline(demand, p)][:k]
        return fitting, (paths[0] if paths else None)

    def fits_deadline(self, demand: Demand, steps: tuple[Step, ...]) -> bool:
        if demand.latest_days is None:
            return True
        lead = max((s.lease.lead_days for s in steps if s.lease is not None), default=0)
        return lead + sum(s.arc.leg.days for s in steps) <= demand.latest_days

    def quota_pools(self) -> dict[str, tuple[float, tuple[Lease, ...]]]:
        """Quota pool -> (hours left, leases drawing on it)."""
        groups: dict[str, list[Lease]] = defaultdict(list)
        for lease in self.leases:
            groups[lease.quota_group or lease.code].append(lease)
        return {
            name: (min(lease.quota_hours_left for lease in leases), tuple(leases))
            for name, leases in groups.items()
        }


class _Model:
    """One pywraplp model over a set of columns (continuous for the LP, integer for the plan)."""

    def __init__(self, problem: _Problem, integer: bool, time_limit: float):
        self.p = problem
        self.integer = integer
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
        self.columns: list[tuple[_Column, pywraplp.Variable]] = []

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
        self.objective.SetCoefficient(sorties, self.p.data.cost_weight * lease.cost_per_sortie)
        link = self.solver.Constraint(-self.inf, 0, f"lease_teu[{step.code}]")
        link.SetCoefficient(sorties, -lease.teu_per_sortie)
        self.link_teu[step.code] = link
        link_t = self.solver.Constraint(-self.inf, 0, f"lease_tonnes[{step.code}]")
        link_t.SetCoefficient(sorties, -lease.tonnes_per_sortie)
        self.link_tonnes[step.code] = link_t
        self.lease_rows[lease.code].SetCoefficient(sorties, 1)
        for row, leases in self.quota_rows.values():
            if lease in leases:
                row.SetCoefficient(sorties, lease.hours_per_sortie)

    def add(self, column: _Column) -> None:
        d = column.demand
        var = self._var(0, d.teu if self.integer else self.inf, f"x[{d.code}#{len(self.columns)}]")
        self.columns.append((column, var))
        self.objective.SetCoefficient(var, column.objective_per_teu)
        self.demand_rows[d.code].SetCoefficient(var, 1)
        tonnes = self.p.tonnes_per_teu(d)
        for step in column.steps:
            if step.lease is None:
                self._arc_rows(step.arc)
                row = self.teu_rows[step.arc.code]
                row.SetCoefficient(var, row.GetCoefficient(var) + 1)
                if step.arc.code in self.tonne_rows:
                    trow = self.tonne_rows[step.arc.code]
                    trow.SetCoefficient(var, trow.GetCoefficient(var) + tonnes)
            else:
                self._lease_rows(step)
                link = self.link_teu[step.code]
                link.SetCoefficient(var, link.GetCoefficient(var) + 1)
                link_t = self.link_tonnes[step.code]
                link_t.SetCoefficient(var, link_t.GetCoefficient(var) + tonnes)
        for code, units in column.caps.items():
            row = self.cap_rows.get(code)
            if row is None:
                cap = self.p.by_code[code].cap
                row = self.solver.Constraint(-self.inf, cap.per_month(), f"cap[{code}]")
                self.cap_rows[code] = row
            row.SetCoefficient(var, units)

    def solve(self) -> int:
        params = pywraplp.MPSolverParameters()
        if self.integer:
            params.SetDoubleParam(params.RELATIVE_MIP_GAP, MIP_RELATIVE_GAP)
        return self.solver.Solve(params)


def _initial_columns(problem: _Problem, demand: Demand, k: int) -> list[tuple[Step, ...]]:
    allowed = problem.permitted(demand)
    w = problem.data

    def weight(step: Step) -> float:
        if step.arc.code not in allowed:
            return INF
        price = problem.step_price(step, demand)
        if step.lease is not None:  # the sortie's price spread over its TEU, to start with
            price = step.lease.cost_per_sortie / step.lease.teu_per_sortie
        return w.cost_weight * price + w.days_weight * step.arc.leg.days + 1e-9

    return problem.paths(demand, weight, k)


@dataclass(frozen=True)
class _Duals:
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
    teu_nonzero: dict[str, float]  # the binding rows only, for fast pricing
    tonnes_nonzero: dict[str, float]

    @classmethod
    def read(cls, model: _Model) -> _Duals:
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
            teu_nonzero={k: v for k, v in values(model.teu_rows).items() if v},
            tonnes_nonzero={k: v for k, v in values(model.tonne_rows).items() if v},
            lease=values(model.lease_rows),
            quota={name: row.dual_value() for name, (row, _l) in model.quota_rows.items()},
        )


def _price(
    problem: _Problem, duals: _Duals, demand: Demand
) -> tuple[list[tuple[Step, ...]], float]:
    """The few paths with the most negative reduced costs for ``demand`` (only those below
    zero, and only those that meet its deadline), and a lower bound on the reduced cost of
    every path the demand may take (0.0 when it has none): the reduced cost of the lightest
    path, deadline or not, less the tiny step weight the search adds."""
    base, caps = problem.static_weights(demand)
    w = problem.data
    tonnes = problem.tonnes_per_teu(demand)
    pi = duals.demand[demand.code]
    teu, tonne = duals.teu_nonzero, duals.tonnes_nonzero

    def weight(step: Step) -> float:
        value = base[step.code]
        if value == INF:
            return INF
        if step.lease is None:
            code = step.arc.code
            if code in teu:
                value -= teu[code]
            if code in tonne:
                value -= tonnes * tonne[code]
        elif step.code in duals.link_teu:
            value -= duals.link_teu[step.code] + tonnes * duals.link_tonnes[step.code]
        else:  # a lease arc not in the model yet: its sortie's reduced price per TEU
            lease = step.lease
            pool = lease.quota_group or lease.code
            sortie = (
                w.cost_weight * lease.cost_per_sortie
                - duals.lease.get(lease.code, 0.0)
                - lease.hours_per_sortie * duals.quota.get(pool, 0.0)
            )
            value += sortie / lease.teu_per_sortie
        for code, units in caps.get(step.code, ()):
            value -= units * duals.cap.get(code, 0.0)
        return max(value, 0.0) + STEP_EPSILON

    paths, least = problem.paths_and_least(demand, weight, COLUMNS_PER_ROUND)
    if least is None:
        return [], 0.0
    bound = sum(weight(s) - STEP_EPSILON for s in least) - pi
    reduced = [sum(weight(s) for s in path) - pi for path in paths]
    tolerance = -PRICE_TOLERANCE * max(1.0, abs(pi))
    return [p for p, rc in zip(paths, reduced, strict=True) if rc < tolerance], bound


def plan_flows(data: PlanInput) -> Plan:
    """Solve the month's flow plan (see the module docstring)."""
    started = time.perf_counter()
    problem = _Problem(data)
    pricing_deadline = started + data.time_limit_seconds * 0.6  # the rest is for SCIP
    priced = _generate_columns(problem, pricing_deadline)
    values = _capacity_values(problem, priced.lp, priced.duals)
    remaining = max(1.0, started + data.time_limit_seconds - time.perf_counter())
    mip = _whole_container_model(problem, priced, remaining)
    status = mip.solve()
    if status not in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):
        raise TransitInputError("no_plan", "the solver found no whole-container plan in time", "")
    return _plan(
        problem,
        mip,
        priced.lp_bound,
        priced.lp_status,
        values,
        status,
        priced.priced_out,
        priced.rounds,
        started,
    )


@dataclass
class _Priced:
    """Column generation's outcome: the final LP and its duals, the LP's solution as it stood
    (read before anything re-solves the LP), each demand's first column, and the bound."""

    lp: _Model
    duals: _Duals
    lp_values: list[float]
    first: dict[str, int]  # demand -> index of its cheapest starting column
    lp_bound: float | None
    lp_status: str
    priced_out: bool
    rounds: int


def _generate_columns(problem: _Problem, pricing_deadline: float) -> _Priced:
    """The LP over all permitted routes, by column generation from each demand's cheapest
    routes (see the module docstring)."""
    data = problem.data
    columns: list[_Column] = []
    first: dict[str, int] = {}
    seen: set[tuple[str, tuple[str, ...]]] = set()
    lp = _Model(problem, integer=False, time_limit=data.time_limit_seconds)

    def add(demand: Demand, steps: tuple[Step, ...]) -> bool:
        key = (demand.code, tuple(s.code for s in steps))
        if key in seen:
            return False
        seen.add(key)
        first.setdefault(demand.code, len(columns))
        column = problem.column(demand, steps)
        columns.append(column)
        lp.add(column)
        return True

    for demand in data.demands:
        for steps in _initial_columns(problem, demand, data.paths_per_demand):
            add(demand, steps)
    priced_out = False
    converged = False
    rounds = 0
    lower = -math.inf
    while True:
        lp, duals = _solve_lp(problem, lp, columns, data.time_limit_seconds)
        if time.perf_counter() > pricing_deadline:
            break
        if data.max_pricing_rounds is not None and rounds >= data.max_pricing_rounds:
            break
        rounds += 1
        priced = [(d, *_price(problem, duals, d)) for d in data.demands]
        # Lasdon's bound: no demand can gain more than its TEU times its least reduced cost,
        # so this bounds the LP over *all* routes from below, whatever columns we hold.
        lower = max(lower, duals.objective + sum(d.teu * min(0.0, rc) for d, _p, rc in priced))
        if duals.objective - lower <= GAP_TOLERANCE * max(1.0, abs(duals.objective)):
            priced_out = converged = True
            break
        if not sum(add(d, path) for d, paths, _rc in priced for path in paths):
            # Nothing left to add, yet the bound stays below the LP: a deadline demand's
            # lightest route is too slow and none it may take prices out among those searched.
            priced_out = True
            break
    lp_bound, lp_status = _bound(lower, converged)
    lp_values = [var.solution_value() for _c, var in lp.columns]
    return _Priced(lp, duals, lp_values, first, lp_bound, lp_status, priced_out, rounds)


def _whole_container_model(problem: _Problem, priced: _Priced, time_limit: float) -> _Model:
    """The whole-container plan over the columns the LP uses (and each demand's first one),
    started from the LP solution rounded down."""
    keep = {i for i, value in enumerate(priced.lp_values) if value > 1e-6}
    keep |= set(priced.first.values())
    mip = _Model(problem, integer=True, time_limit=time_limit)
    hint_vars, hint_values = [], []
    floors: dict[str, int] = defaultdict(int)
    for i in sorted(keep):
        column, _lp_var = priced.lp.columns[i]
        mip.add(column)
        value = math.floor(priced.lp_values[i] + 1e-6)
        floors[column.demand.code] += value
        hint_vars.append(mip.columns[-1][1])
        hint_values.append(value)
    for d in problem.data.demands:
        hint_vars.append(mip.unmet[d.code])
        hint_values.append(d.teu - floors[d.code])
    mip.solver.SetHint(hint_vars, hint_values)
    return mip


def _bound(lower: float, converged: bool) -> tuple[float | None, str]:
    """The bound to report and what it is. Every cost is non-negative, so a bound below zero
    says nothing (it happens when pricing stops early, while the restricted LP still leaves
    demand unmet at the penalty): report none rather than a meaningless number."""
    if lower == -math.inf or lower < 0:
        return None, "unproven"
    return lower, ("optimal" if converged else "bound")


@dataclass(frozen=True)
class _Value:
    """What one more unit of a capacity row is worth, split into the penalty and the rest."""

    value: float  # objective units (USD) saved, the penalty excluded
    unmet_served: float  # TEU of unmet demand one more unit lets move
    serve_cost: float  # objective units that moving them costs (when unmet_served > 0)


def _capacity_values(problem: _Problem, lp: _Model, duals: _Duals) -> dict[tuple[str, str], _Value]:
    """(row kind, code) -> value of one more unit of that capacity, kind 'teu', 'tonnes' or
    'lease' (see the module docstring, "The value of capacity")."""
    penalty = problem.data.unmet_penalty_per_teu
    rows = {
        "teu": duals.teu,
        "tonnes": duals.tonnes,
        "lease": duals.lease,
    }
    # The same optimal basis priced with the penalty doubled: each dual is affine in the
    # penalty on a fixed basis, so the difference is the penalty's part.
    doubled: _Duals | None = None
    if problem.data.demands and any(v for row in rows.values() for v in row.values()):
        for var in lp.unmet.values():
            lp.objective.SetCoefficient(var, 2 * penalty)
        if lp.solve() == pywraplp.Solver.OPTIMAL:
            doubled = _Duals.read(lp)
        for var in lp.unmet.values():
            lp.objective.SetCoefficient(var, penalty)
    if doubled is None:  # the re-solve failed: read the penalty's part off the size of the dual
        twice = {
            kind: {
                code: dual - round(-dual / penalty) * penalty if penalty > 0 else dual
                for code, dual in row.items()
            }
            for kind, row in rows.items()
        }
        return _split(rows, twice, penalty)
    twice = {
        "teu": doubled.teu,
        "tonnes": doubled.tonnes,
        "lease": doubled.lease,
    }
    return _split(rows, twice, penalty)


def _split(rows: dict, twice: dict, penalty: float) -> dict[tuple[str, str], _Value]:
    values: dict[tuple[str, str], _Value] = {}
    for kind, row in rows.items():
        for code, dual in row.items():
            y = max(0.0, -dual)
            y2 = max(0.0, -twice[kind].get(code, dual))
            served = (y2 - y) / penalty if penalty > 0 else 0.0
            if served <= PENALTY_PART:
                values[kind, code] = _Value(y, 0.0, 0.0)
                continue
            rest = y - served * penalty  # what one more unit does to transport, in USD
            values[kind, code] = _Value(max(0.0, rest), served, -rest)
    return values


def _solve_lp(
    problem: _Problem, lp: _Model, columns: list[_Column], time_limit: float
) -> tuple[_Model, _Duals]:
    status = lp.solve()
    if status == pywraplp.Solver.ABNORMAL:
        # GLOP's warm re-solve after added columns can fail numerically; the same model
        # built afresh solves from scratch.
        lp = _Model(problem, integer=False, time_limit=time_limit)
        for column in columns:
            lp.add(column)
        status = lp.solve()
    if status != pywraplp.Solver.OPTIMAL:
        raise TransitInputError(
            "no_plan", f"the linear relaxation could not be solved (solver status {status})", ""
        )
    return lp, _Duals.read(lp)


def _plan(
    problem: _Problem,
    mip: _Model,
    lp_bound: float | None,
    lp_status: str,
    values: dict[tuple[str, str], _Value],
    status: int,
    priced_out: bool,
    rounds: int,
    started: float,
) -> Plan:
    """The solved whole-container model read back as the plan: what moves where, what is left
    unmet and why, how full each arc, lease and capped agreement is, and what more is worth."""
    data = problem.data
    moved = _allocations(problem, mip)
    unmet = _unmet(problem, mip)
    lease_use = _lease_use(problem, mip, values)
    cost = moved.cost
    for use in lease_use:
        cost += use.cost
    objective = mip.objective.Value()
    return Plan(
        month=data.month,
        allocations=tuple(moved.allocations),
        unmet=tuple(unmet),
        arc_use=tuple(_arc_use(problem, mip, values, moved, unmet)),
        lease_use=tuple(lease_use),
        cap_use=tuple(_cap_use(problem, mip)),
        cost=round(cost, 2),
        objective=objective,
        lp_bound=lp_bound,
        gap=None if lp_bound is None else (objective - lp_bound) / max(1.0, abs(lp_bound)),
        status="optimal" if status == pywraplp.Solver.OPTIMAL else "feasible",
        solve_seconds=time.perf_counter() - started,
        columns=len(mip.columns),
        priced_out=priced_out,
        lp_status=lp_status,
        lp_rounds=rounds,
    )


@dataclass
class _Moved:
    """The plan's allocations, the TEU and tonnes they put on each arc's own capacity, and what
    they cost on it (leases are paid per sortie, apart)."""

    allocations: list[Allocation]
    used_teu: dict[str, int]
    used_tonnes: dict[str, float]
    cost: float


def _allocations(problem: _Problem, mip: _Model) -> _Moved:
    moved = _Moved([], defaultdict(int), defaultdict(float), 0.0)
    for column, var in mip.columns:
        teu = round(var.solution_value())
        if teu <= 0:
            continue
        d = column.demand
        tonnes = teu * problem.tonnes_per_teu(d)
        for step in column.steps:
            if step.lease is None:
                moved.used_teu[step.arc.code] += teu
                moved.used_tonnes[step.arc.code] += tonnes
        moved.cost += column.unit_cost * teu
        moved.allocations.append(
            Allocation(
                demand=d.code,
                arcs=tuple(s.arc.code for s in column.steps),
                nodes=(column.steps[0].origin, *(s.destination for s in column.steps)),
                teu=teu,
                tonnes=round(tonnes, 3),
                cost=round(column.unit_cost * teu, 2),
                days=column.days,
                lease_arcs=tuple((s.arc.code, s.lease.code) for s in column.steps if s.lease),
            )
        )
    return moved


def _unmet(problem: _Problem, mip: _Model) -> list[Unmet]:
    unmet = []
    for d in problem.data.demands:
        left = round(mip.unmet[d.code].solution_value())
        if left > 0:
            unmet.append(
                Unmet(
                    d.code, left, round(left * problem.tonnes_per_teu(d), 3), _why(problem, mip, d)
                )
            )
    return unmet


_NO_VALUE = _Value(0.0, 0.0, 0.0)


def _arc_use(
    problem: _Problem,
    mip: _Model,
    values: dict[tuple[str, str], _Value],
    moved: _Moved,
    unmet: list[Unmet],
) -> list[ArcUse]:
    """How full each arc in the model is, what one more TEU (or tonne) of it is worth, and
    whether it is a bottleneck (see the module docstring, "The value of capacity")."""
    # Arcs on a route of a demand the plan leaves partly unmet: full, they hold it back.
    short = {u.demand for u in unmet}
    holding = {
        s.arc.code
        for column, _var in mip.columns
        if column.demand.code in short
        for s in column.steps
        if s.lease is None
    }
    arc_use = []
    for code in sorted(mip.teu_rows):
        arc = problem.data.network.arc_by_code[code]
        capacity = problem.capacity_teu(arc)
        cap_t = (
            arc.leg.capacity_tonnes_month * problem.open[code]
            if arc.leg.capacity_tonnes_month is not None
            else None
        )
        share = moved.used_teu[code] / capacity if capacity else 1.0
        if cap_t:
            share = max(share, moved.used_tonnes[code] / cap_t)
        teu_value = values.get(("teu", code), _NO_VALUE)
        tonne_value = values.get(("tonnes", code), _NO_VALUE)
        served = teu_value.unmet_served + tonne_value.unmet_served  # a flag: either unlocks
        worth = teu_value.value > VALUE_TOLERANCE or tonne_value.value > VALUE_TOLERANCE
        arc_use.append(
            ArcUse(
                arc=code,
                used_teu=moved.used_teu[code],
                capacity_teu=round(capacity, 3),
                share=round(share, 4),
                used_tonnes=round(moved.used_tonnes[code], 3),
                capacity_tonnes=round(cap_t, 3) if cap_t is not None else None,
                value_per_teu=round(teu_value.value, 2),
                bottleneck=share >= BOTTLENECK_SHARE and (worth or served > 0 or code in holding),
                unlocks_unmet=served > 0,
                unmet_served_per_teu=round(teu_value.unmet_served, 4),
                serve_cost_per_teu=round(teu_value.serve_cost, 2),
                value_per_tonne=round(tonne_value.value, 2),
            )
        )
    return arc_use


def _lease_use(
    problem: _Problem, mip: _Model, values: dict[tuple[str, str], _Value]
) -> list[LeaseUse]:
    """Each lease's sorties per arc, flying hours, quota left after the plan, cost and the
    value of one more sortie."""
    per_lease: dict[str, list[tuple[str, int]]] = defaultdict(list)
    for step_code, var in sorted(mip.sorties.items()):
        n = round(var.solution_value())
        if n > 0:
            arc_code, lease_code = step_code.split("@", 1)
            per_lease[lease_code].append((arc_code, n))
    pools = problem.quota_pools()
    hours_by_pool: dict[str, float] = defaultdict(float)
    for lease in problem.leases:
        sorties = sum(n for _, n in per_lease[lease.code])
        hours_by_pool[lease.quota_group or lease.code] += sorties * lease.hours_per_sortie
    lease_use = []
    for lease in problem.leases:
        sorties = sum(n for _, n in per_lease[lease.code])
        pool = lease.quota_group or lease.code
        hours = sorties * lease.hours_per_sortie
        lease_use.append(
            LeaseUse(
                lease=lease.code,
                sorties=tuple(per_lease[lease.code]),
                hours=hours,
                quota_left_after=pools[pool][0] - hours_by_pool[pool],
                cost=float(sorties * lease.cost_per_sortie),
                value_per_sortie=round(values.get(("lease", lease.code), _NO_VALUE).value, 2),
            )
        )
    return lease_use


def _cap_use(problem: _Problem, mip: _Model) -> list[CapUse]:
    """Each capped agreement's traffic in the plan against its monthly share."""
    cap_use = []
    for code in sorted(mip.cap_rows):
        cap = problem.by_code[code].cap
        used = sum(
            column.caps.get(code, 0.0) * round(var.solution_value()) for column, var in mip.columns
        )
        cap_use.append(CapUse(code, round(used, 3), round(cap.per_month(), 3), cap.unit))
    return cap_use


def _why(problem: _Problem, mip: _Model, demand: Demand) -> str:
    """A plain reason for unmet TEU: no permitted route, none in time, or full capacity."""
    allowed = problem.permitted(demand)

    def hops(step: Step) -> float:
        return 1.0 if step.arc.code in allowed else INF

    if not any(c.demand.code == demand.code for c, _ in mip.columns):
        if demand.latest_days is not None and problem.paths(
            replace(demand, latest_days=None), hops, 1
        ):
            return f"no permitted route arrives within {demand.latest_days:g} days"
        return (
            f"no permitted route from {demand.origin} to {demand.destination} for "
            f"{demand.cargo_class} cargo ({demand.direction}) in {problem.month:%Y-%m}"
        )
    full = sorted(
        {
            s.arc.code
            for c, _ in mip.columns
            if c.demand.code == demand.code
            for s in c.steps
            if s.lease is None
        }
    )
    return "capacity: the permitted routes are full (" + ", ".join(full[:6]) + ")"
