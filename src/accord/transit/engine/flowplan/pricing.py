"""Column generation: the linear relaxation over all permitted routes, grown from each demand's
cheapest routes by pricing new ones under the duals, with Lasdon's bound (see the package's
docstring)."""

from __future__ import annotations

import math
import time
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from ..model import Demand
from .lp import Duals, Model, solve_lp
from .problem import Column, Permit, Problem, Step
from .search import INF

PRICE_TOLERANCE = 1e-6
GAP_TOLERANCE = 1e-5  # stop pricing when the LP is this close (relative) to Lasdon's bound
COLUMNS_PER_ROUND = 3  # new routes priced per demand and round
STEP_EPSILON = 1e-9  # added to every step's pricing weight, so that paths have no free loops


@dataclass(frozen=True)
class Weights:
    """Every step's weight for one round, as ``per_teu + tonnes-per-TEU x per_tonne`` before a
    demand's permit and caps apply (see ``demand_weights``)."""

    per_teu: np.ndarray
    per_tonne: np.ndarray
    cap: dict[str, float]  # capped agreement -> its dual (what one more unit of it saves)


def start_weights(problem: Problem) -> Weights:
    """The weights of the starting routes: each step's price and days, a leased sortie's price
    spread over its TEU."""
    w = problem.data
    per_teu = (
        w.cost_weight * (problem.teu_price + problem.sortie_price_per_teu)
        + w.days_weight * problem.days
    )
    return Weights(per_teu, w.cost_weight * problem.tonne_price, {})


def reduced_weights(problem: Problem, duals: Duals) -> Weights:
    """The steps' reduced prices under the LP's duals: price and days less the duals of the
    capacity rows each step uses (its arc's TEU and tonnes, or its lease's link rows) and of the
    throughput of the place it reaches. Caps, which depend on the demand's permit, apply later."""
    w = problem.data
    teu = [
        duals.teu.get(s.arc.code, 0.0) if s.lease is None else duals.link_teu.get(s.code, 0.0)
        for s in problem.steps
    ]
    tonnes = [
        duals.tonnes.get(s.arc.code, 0.0) if s.lease is None else duals.link_tonnes.get(s.code, 0.0)
        for s in problem.steps
    ]
    places = np.zeros(problem.graph.places)
    for code, dual in duals.node.items():
        places[problem.index[code]] = dual
    per_teu = (
        w.cost_weight * problem.teu_price
        + w.days_weight * problem.days
        - np.array(teu)
        - places[problem.heads]
    )
    per_tonne = w.cost_weight * problem.tonne_price - np.array(tonnes)
    return Weights(per_teu, per_tonne, duals.cap)


def permit_weights(weights: Weights, permit: Permit) -> tuple[np.ndarray, np.ndarray]:
    """``weights`` with the caps a permit counts taken off (per TEU and per tonne), and INF on
    the steps it does not permit."""
    per_teu, per_tonne = weights.per_teu, weights.per_tonne
    if weights.cap and len(permit.cap_steps):
        cap = np.array([weights.cap.get(code, 0.0) for code in permit.cap_codes])
        size = len(per_teu)
        per_teu = per_teu - np.bincount(permit.cap_steps, permit.cap_teu * cap, size)
        per_tonne = per_tonne - np.bincount(permit.cap_steps, permit.cap_tonnes * cap, size)
    return np.where(permit.allowed, per_teu, INF), np.where(permit.allowed, per_tonne, 0.0)


def demand_weights(per_teu: np.ndarray, per_tonne: np.ndarray, tonnes: float) -> list[float]:
    """The weights one demand's search uses: never below zero (a negative reduced price would
    make loops pay), plus a tiny step weight so that paths have no free loops."""
    return (np.maximum(per_teu + tonnes * per_tonne, 0.0) + STEP_EPSILON).tolist()


@dataclass(frozen=True)
class Routes:
    """A demand's lightest routes that meet its deadline, with their weights, and the weight of
    its lightest route of all less the step weights added (None when it has none)."""

    paths: list[tuple[Step, ...]]
    weights: list[float]
    lightest: float | None


def lightest_routes(problem: Problem, weights: Weights, k: int) -> dict[str, Routes]:
    """Per demand: up to ``k`` lightest routes that meet its deadline (see ``Routes``).

    Demands that go to one place under one permit share one Dijkstra: its bounds come from the
    lightest of their weights (each step's at the group's least or most tonnes per TEU, the
    weight being linear in it), so they guide every demand's search without misleading it."""
    groups: dict[tuple, list[Demand]] = defaultdict(list)
    for demand in problem.data.demands:
        groups[demand.destination, problem.permit_key(demand)].append(demand)
    found = {}
    for (destination, _key), demands in groups.items():
        per_teu, per_tonne = permit_weights(weights, problem.permit(demands[0]))
        tonnes = [problem.tonnes_per_teu(d) for d in demands]
        light = np.minimum(per_teu + min(tonnes) * per_tonne, per_teu + max(tonnes) * per_tonne)
        guide = (np.maximum(light, 0.0) + STEP_EPSILON).tolist()
        lower = problem.graph.lower_bounds(problem.index[destination], guide)
        for demand, t in zip(demands, tonnes, strict=True):
            own = guide if len(set(tonnes)) == 1 else demand_weights(per_teu, per_tonne, t)
            paths, least = problem.paths(demand, own, k, lower)

            def weight(path, own=own):
                return sum(own[problem.number[s.code]] for s in path)

            lightest = None if least is None else weight(least) - STEP_EPSILON * len(least)
            found[demand.code] = Routes(paths, [weight(p) for p in paths], lightest)
    return found


def price_all(problem: Problem, duals: Duals) -> list[tuple[Demand, list, float]]:
    """Per demand: the few paths with the most negative reduced costs (only those below zero,
    and only those that meet its deadline), and a lower bound on the reduced cost of every path
    the demand may take (0.0 when it has none): the reduced cost of its lightest path, deadline
    or not, less the tiny step weight the search adds."""
    routes = lightest_routes(problem, reduced_weights(problem, duals), COLUMNS_PER_ROUND)
    priced = []
    for demand in problem.data.demands:
        found = routes[demand.code]
        if found.lightest is None:
            priced.append((demand, [], 0.0))
            continue
        # The origin's throughput is paid by every route of the demand: with the demand's dual.
        pi = duals.demand[demand.code] + duals.node.get(demand.origin, 0.0)
        tolerance = -PRICE_TOLERANCE * max(1.0, abs(pi))
        fresh = [
            path
            for path, weight in zip(found.paths, found.weights, strict=True)
            if weight - pi < tolerance
        ]
        priced.append((demand, fresh, found.lightest - pi))
    return priced


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
    iterations: int  # GLOP's simplex iterations over all the rounds


def generate_columns(problem: Problem, pricing_deadline: float, finish: float) -> Priced:
    """The LP over all permitted routes, by column generation from each demand's cheapest
    routes (see the package docstring). Each LP solve may run until ``finish`` at the latest.

    The LP is one GLOP model that only ever gains columns: it holds from the start a row for
    every capacity some demand may use (an empty row costs nothing), so that each round's solve
    starts from the last optimal basis (see ``lp.Model.solve``) instead of from scratch."""
    data = problem.data
    columns: list[Column] = []
    first: dict[str, int] = {}
    seen: set[tuple[str, tuple[str, ...]]] = set()
    lp = Model(problem, integer=False, time_limit=data.time_limit_seconds)
    lp.reserve(problem.usable())

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

    weights = start_weights(problem)
    starts = lightest_routes(problem, weights, data.paths_per_demand)
    for demand in data.demands:
        for steps in starts[demand.code].paths:
            add(demand, steps)
    priced_out = False
    converged = False
    rounds = 0
    lower = -math.inf
    while True:
        lp, duals = solve_lp(problem, lp, columns, finish)
        if time.perf_counter() > pricing_deadline:
            break
        if data.max_pricing_rounds is not None and rounds >= data.max_pricing_rounds:
            break
        rounds += 1
        priced = price_all(problem, duals)
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
    return Priced(
        lp, duals, lp_values, first, lp_bound, lp_status, priced_out, rounds, lp.iterations
    )


def bound(lower: float, converged: bool) -> tuple[float | None, str]:
    """The bound to report and what it is. Every cost is non-negative, so a bound below zero
    says nothing (it happens when pricing stops early, while the restricted LP still leaves
    demand unmet at the penalty): report none rather than a meaningless number."""
    if lower == -math.inf or lower < 0:
        return None, "unproven"
    return lower, ("optimal" if converged else "bound")
