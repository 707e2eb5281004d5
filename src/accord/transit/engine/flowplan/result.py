"""The solved whole-container model read back as the plan: allocations, unmet demand and why,
the use of each arc, lease and capped agreement, and which arcs are bottlenecks."""

from __future__ import annotations

import time
from collections import defaultdict
from dataclasses import dataclass, replace

import numpy as np
from ortools.linear_solver import pywraplp

from ..model import Allocation, ArcUse, CapUse, Demand, LeaseUse, NodeUse, Plan, Unmet
from .lp import Model
from .problem import Problem
from .search import INF
from .values import Value


@dataclass(frozen=True)
class Effort:
    """What the solve took, in the solvers' own counts (the same on a busy machine)."""

    priced_out: bool  # column generation proved the LP optimal over all routes
    rounds: int  # pricing rounds
    lp_iterations: int  # GLOP's simplex iterations, all rounds together
    mip_nodes: int  # SCIP's branch-and-bound nodes


BOTTLENECK_SHARE = 0.95
VALUE_TOLERANCE = 0.005  # USD: a capacity dual below this is nothing (solver noise)


def plan_read(
    problem: Problem,
    mip: Model,
    lp_bound: float | None,
    lp_status: str,
    values: dict[tuple[str, str], Value],
    status: int,
    effort: Effort,
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
        cost=round(cost, 2),  # a float, rounded again to the cent, exactly, when stored
        objective=objective,
        lp_bound=lp_bound,
        gap=None if lp_bound is None else (objective - lp_bound) / max(1.0, abs(lp_bound)),
        status="optimal" if status == pywraplp.Solver.OPTIMAL else "feasible",
        solve_seconds=time.perf_counter() - started,
        columns=len(mip.columns),
        priced_out=effort.priced_out,
        lp_status=lp_status,
        lp_rounds=effort.rounds,
        lp_iterations=effort.lp_iterations,
        mip_nodes=effort.mip_nodes,
        node_use=tuple(_node_use(problem, mip, values, unmet)),
    )


def _node_use(
    problem: Problem, mip: Model, values: dict[tuple[str, str], Value], unmet: list[Unmet]
) -> list[NodeUse]:
    """How much of each limited place's throughput the plan uses, and what more is worth."""
    short = {u.demand for u in unmet}
    used: dict[str, int] = defaultdict(int)
    holding: set[str] = set()
    for column, var in mip.columns:
        teu = round(var.solution_value())
        for node in problem.visits(column.steps):
            used[node] += max(teu, 0)
            if column.demand.code in short:
                holding.add(node)
    rows = []
    for node in sorted(mip.node_rows):
        capacity = problem.node_capacity[node]
        share = used[node] / capacity if capacity else 1.0
        value = values.get(("node", node), NO_VALUE)
        worth = value.value > VALUE_TOLERANCE or value.unmet_served > 0
        rows.append(
            NodeUse(
                node=node,
                used_teu=used[node],
                capacity_teu=round(capacity, 3),
                share=round(share, 4),
                value_per_teu=round(value.value, 2),
                bottleneck=share >= BOTTLENECK_SHARE and (worth or node in holding),
                unlocks_unmet=value.unmet_served > 0,
            )
        )
    return rows


@dataclass
class _Moved:
    """The plan's allocations, the TEU and tonnes they put on each arc's own capacity, and what
    they cost on it (leases are paid per sortie, apart)."""

    allocations: list[Allocation]
    used_teu: dict[str, int]
    used_tonnes: dict[str, float]
    cost: float


def _allocations(problem: Problem, mip: Model) -> _Moved:
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


def _unmet(problem: Problem, mip: Model) -> list[Unmet]:
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


NO_VALUE = Value(0.0, 0.0, 0.0)


def _arc_use(
    problem: Problem,
    mip: Model,
    values: dict[tuple[str, str], Value],
    moved: _Moved,
    unmet: list[Unmet],
) -> list[ArcUse]:
    """How full each arc in the model is, what one more TEU (or tonne) of it is worth, and
    whether it is a bottleneck (see the package docstring, "The value of capacity")."""
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
        teu_value = values.get(("teu", code), NO_VALUE)
        tonne_value = values.get(("tonnes", code), NO_VALUE)
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
    problem: Problem, mip: Model, values: dict[tuple[str, str], Value]
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
                value_per_sortie=round(values.get(("lease", lease.code), NO_VALUE).value, 2),
            )
        )
    return lease_use


def _cap_use(problem: Problem, mip: Model) -> list[CapUse]:
    """Each capped agreement's traffic in the plan against its monthly share."""
    cap_use = []
    for code in sorted(mip.cap_rows):
        cap = problem.by_code[code].cap
        used = sum(
            column.caps.get(code, 0.0) * round(var.solution_value()) for column, var in mip.columns
        )
        cap_use.append(CapUse(code, round(used, 3), round(cap.per_month(), 3), cap.unit))
    return cap_use


def _why(problem: Problem, mip: Model, demand: Demand) -> str:
    """A plain reason for unmet TEU: no permitted route, none in time, or full capacity."""
    if not any(c.demand.code == demand.code for c, _ in mip.columns):
        hops = np.where(problem.permit(demand).allowed, 1.0, INF).tolist()
        if (
            demand.latest_days is not None
            and problem.paths(replace(demand, latest_days=None), hops, 1)[0]
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
