"""Column generation: the linear relaxation over all permitted routes, grown from each demand's
cheapest routes by pricing new ones under the duals, with Lasdon's bound (see the package's
docstring)."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

from ..model import Demand
from ..routing import INF
from .lp import Duals, Model, solve_lp
from .problem import Column, Problem, Step

PRICE_TOLERANCE = 1e-6
GAP_TOLERANCE = 1e-5  # stop pricing when the LP is this close (relative) to Lasdon's bound
COLUMNS_PER_ROUND = 3  # new routes priced per demand and round
STEP_EPSILON = 1e-9  # added to every step's pricing weight, so that paths have no free loops


def initial_columns(problem: Problem, demand: Demand, k: int) -> list[tuple[Step, ...]]:
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


def price(problem: Problem, duals: Duals, demand: Demand) -> tuple[list[tuple[Step, ...]], float]:
    """The few paths with the most negative reduced costs for ``demand`` (only those below
    zero, and only those that meet its deadline), and a lower bound on the reduced cost of
    every path the demand may take (0.0 when it has none): the reduced cost of the lightest
    path, deadline or not, less the tiny step weight the search adds."""
    base, caps = problem.static_weights(demand)
    w = problem.data
    tonnes = problem.tonnes_per_teu(demand)
    node = duals.node
    # The origin's throughput is paid by every route of the demand: with the demand's dual.
    pi = duals.demand[demand.code] + node.get(demand.origin, 0.0)
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
        value -= node.get(step.destination, 0.0)  # the throughput of the place it reaches
        return max(value, 0.0) + STEP_EPSILON

    paths, least = problem.paths_and_least(demand, weight, COLUMNS_PER_ROUND)
    if least is None:
        return [], 0.0
    bound = sum(weight(s) - STEP_EPSILON for s in least) - pi
    reduced = [sum(weight(s) for s in path) - pi for path in paths]
    tolerance = -PRICE_TOLERANCE * max(1.0, abs(pi))
    return [p for p, rc in zip(paths, reduced, strict=True) if rc < tolerance], bound


@dataclass
class Priced:
    """Column generation's outcome: the final LP and its duals, the LP's solution as it stood
    (read before anything re-solves the LP), each demand's first column, and the bound."""

    lp: Model
    duals: Duals
    lp_values: list[float]
    first: dict[str, int]  # demand -> index of its cheapest starting column
    lp_bound: float | None
    lp_status: str
    priced_out: bool
    rounds: int


def generate_columns(problem: Problem, pricing_deadline: float) -> Priced:
    """The LP over all permitted routes, by column generation from each demand's cheapest
    routes (see the package docstring)."""
    data = problem.data
    columns: list[Column] = []
    first: dict[str, int] = {}
    seen: set[tuple[str, tuple[str, ...]]] = set()
    lp = Model(problem, integer=False, time_limit=data.time_limit_seconds)

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
        for steps in initial_columns(problem, demand, data.paths_per_demand):
            add(demand, steps)
    priced_out = False
    converged = False
    rounds = 0
    lower = -math.inf
    while True:
        lp, duals = solve_lp(problem, lp, columns, data.time_limit_seconds)
        if time.perf_counter() > pricing_deadline:
            break
        if data.max_pricing_rounds is not None and rounds >= data.max_pricing_rounds:
            break
        rounds += 1
        priced = [(d, *price(problem, duals, d)) for d in data.demands]
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
    lp_bound, lp_status = bound(lower, converged)
    lp_values = [var.solution_value() for _c, var in lp.columns]
    return Priced(lp, duals, lp_values, first, lp_bound, lp_status, priced_out, rounds)


def bound(lower: float, converged: bool) -> tuple[float | None, str]:
    """The bound to report and what it is. Every cost is non-negative, so a bound below zero
    says nothing (it happens when pricing stops early, while the restricted LP still leaves
    demand unmet at the penalty): report none rather than a meaningless number."""
    if lower == -math.inf or lower < 0:
        return None, "unproven"
    return lower, ("optimal" if converged else "bound")
