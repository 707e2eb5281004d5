"""Route-query latency, against a compiled bi-objective search (BOA*) over the same arrays.

Two networks: the scenario's Northern Distribution Network (every seaport or hub in Europe and
Pakistan to every Afghan node, for each cargo class, on three dates) and a seeded synthetic
network of ``BENCH_TRANSIT_NODES`` nodes (default 5,000; 60 west-to-east queries). A query is the
whole answer a logistician gets: the k=3 best routes by cost and by time, the Pareto set, and the
explanation of every excluded candidate, with the rules weighed for that query.

The anchor is BOA* (Hernandez et al., "Simple and efficient bi-objective search algorithms via
fast dominance checks", 2023), compiled by numba here in the bench: two Dijkstras for its
heuristics, then the exact Pareto set in (cost, days), over the planner's own arrays (arcs in
compressed sparse rows, each arc's price and days, ``inf`` where the query's rules exclude the arc,
those rules weighed beforehand and outside the timing). The ratio says what the k-best routes, the
explanations and the rules themselves cost on top of the bare bi-objective search. Both are
compiled (or loaded from numba's cache) before anything is timed; the warm-up line says how long
that took.

    python bench/transit_routes.py
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
import os
import random
import time
from importlib import resources

import numpy as np
import yaml
from numba import njit

from accord.transit.engine import kernels
from accord.transit.engine.model import CARGO_CLASSES, RouteQuery
from accord.transit.engine.routing import EPSILON, RoutePlanner
from accord.transit.engine.scenario import network_from_scenario
from accord.transit.engine.synthetic import synthetic_network
from benchlib import percentile, report

NODES = int(os.environ.get("BENCH_TRANSIT_NODES", "5000"))
SYNTHETIC_QUERIES = 60
ANCHOR_REPEAT = 5


@njit(cache=True)
def dijkstra(start, arcs, ends, weight, target):
    """Least ``weight`` from every node to ``target`` over reversed arcs (``inf``: none)."""
    dist = np.full(start.shape[0] - 1, math.inf)
    dist[target] = 0.0
    heap = [(0.0, target)]
    while heap:
        d, u = heapq.heappop(heap)
        if d > dist[u]:
            continue
        for k in range(start[u], start[u + 1]):
            a = arcs[k]
            nd = d + weight[a]
            if nd < dist[ends[a]]:
                dist[ends[a]] = nd
                heapq.heappush(heap, (nd, ends[a]))
    return dist


@njit(cache=True)
def boa_star(out_start, out_arcs, head, in_start, in_arcs, tail, cost, days, source, target, eps):
    """BOA*: the (cost, days) Pareto set from ``source`` to ``target``, its size returned.

    With ``eps`` > 0, a path whose days come within ``1 + eps`` of a route found already (which
    costs no more, found first) is pruned: the planner's own tolerance, as in BOA*-eps."""
    h1 = dijkstra(in_start, in_arcs, tail, cost, target)
    h2 = dijkstra(in_start, in_arcs, tail, days, target)
    if h1[source] == math.inf:
        return 0
    g2_min = np.full(h1.shape[0], math.inf)
    g1, g2, at = [0.0], [0.0], [source]
    heap = [(h1[source], h2[source], 0)]
    found = 0
    while heap:
        _f1, _f2, label = heapq.heappop(heap)
        u = at[label]
        if g2[label] >= g2_min[u] or (g2[label] + h2[u]) * (1 + eps) >= g2_min[target]:
            continue  # dominated at its node, or by a solution found already
        g2_min[u] = g2[label]
        if u == target:
            found += 1
            continue
        for k in range(out_start[u], out_start[u + 1]):
            a = out_arcs[k]
            v = head[a]
            n1, n2 = g1[label] + cost[a], g2[label] + days[a]
            if h1[v] == math.inf or n2 >= g2_min[v] or (n2 + h2[v]) * (1 + eps) >= g2_min[target]:
                continue
            g1.append(n1)
            g2.append(n2)
            at.append(v)
            heapq.heappush(heap, (n1 + h1[v], n2 + h2[v], len(at) - 1))
    return found


def anchor_arrays(planner: RoutePlanner, query: RouteQuery) -> tuple:
    """BOA*'s arguments for ``query``: the planner's arrays, excluded arcs weighing ``inf``."""
    permitted = np.array([not planner.arc_reasons(arc, query)[1] for arc in planner.arcs])
    prices = planner.arc_per_teu * query.teu + planner.arc_per_tonne * query.consignment_tonnes
    return (
        planner.out_start,
        planner.out_order,
        planner.arc_head,
        planner.in_start,
        planner.in_order,
        planner.arc_tail,
        np.where(permitted, prices, math.inf),
        np.where(permitted, planner.arc_days, math.inf),
        planner.index[query.origin],
        planner.index[query.destination],
    )


def warm_up(planner: RoutePlanner, query: RouteQuery) -> None:
    """Compile (or load from the cache) the planner's kernels and the anchor, untimed."""
    started = time.perf_counter()
    kernels.warm()
    planner.plan(query)
    boa_star(*anchor_arrays(planner, query), EPSILON)
    print(f"# warm-up (compile or load the cache): {time.perf_counter() - started:.2f} s")


def measure(planner: RoutePlanner, queries: list[RouteQuery]) -> tuple[list[float], list[float]]:
    """Seconds per query, and per anchor (best of a few) for the same query; prints, for scale,
    what BOA* takes for the exact Pareto set (no tolerance) and how many routes that has."""
    answer_times, anchor_times, exact_times, offered, exact_sizes = [], [], [], [], []
    for query in queries:
        started = time.perf_counter()
        answer = planner.plan(query)
        answer_times.append(time.perf_counter() - started)
        offered.append(len(answer.pareto))
        arrays = anchor_arrays(planner, query)
        best = math.inf
        for _ in range(ANCHOR_REPEAT):
            started = time.perf_counter()
            boa_star(*arrays, EPSILON)
            best = min(best, time.perf_counter() - started)
        anchor_times.append(best)
        started = time.perf_counter()
        exact_sizes.append(boa_star(*arrays, 0.0))
        exact_times.append(time.perf_counter() - started)
    print(
        f"# exact Pareto set by BOA* without the {EPSILON:.0%} tolerance: p50 "
        f"{percentile(exact_times, 0.5) * 1000:.1f} ms, {percentile(exact_sizes, 0.5)} routes "
        f"(p50) where the planner offers {percentile(offered, 0.5)}",
        flush=True,
    )
    return answer_times, anchor_times


def lines(name: str, answers: list[float], anchors: list[float]) -> None:
    for label, fraction in (("p50", 0.5), ("p95", 0.95)):
        ours, anchor = percentile(answers, fraction), percentile(anchors, fraction)
        report(
            f"{name}_{label}",
            ours * 1000,
            "ms",
            ours / anchor,
            f"compiled BOA*-eps Pareto set {label} ({anchor * 1000:.3f} ms)",
        )


def main() -> None:
    text = resources.files("accord").joinpath("data/scenario.yaml").read_text("utf-8")
    network = network_from_scenario(yaml.safe_load(text))
    planner = RoutePlanner(network)
    starts = ["riga", "muuga", "klaipeda", "poti", "karachi", "mk_romania"]
    ends = ["kabul", "kandahar", "bagram_node", "mazar_rail", "hairatan"]
    dates = [dt.date(2010, 6, 1), dt.date(2012, 9, 1), dt.date(2015, 6, 1)]
    queries = [
        RouteQuery(a, b, cargo, "to_afghanistan", on, shipper=("USA", "NATO"))
        for a in starts
        for b in ends
        for cargo in CARGO_CLASSES
        for on in dates
    ]
    warm_up(planner, queries[0])
    answers, anchors = measure(planner, queries)
    print(
        f"# scenario: {len(network.nodes)} nodes, {len(network.arcs)} arcs, {len(queries)} queries",
        flush=True,
    )
    lines("transit_route_scenario", answers, anchors)

    started = time.perf_counter()
    network = synthetic_network(NODES, seed=11)
    planner = RoutePlanner(network)
    built = time.perf_counter() - started
    rng = random.Random(11)
    west = sorted(n.code for n in network.nodes if n.country == "ALY")
    east = sorted(n.code for n in network.nodes if n.country == "DST")
    queries = [
        RouteQuery(
            rng.choice(west),
            rng.choice(east),
            CARGO_CLASSES[i % 3],
            "to_afghanistan",
            dt.date(2012, 3, 1),
            shipper=("NATO",),
        )
        for i in range(SYNTHETIC_QUERIES)
    ]
    answers, anchors = measure(planner, queries)
    print(
        f"# synthetic: {len(network.nodes):,} nodes, {len(network.arcs):,} arcs, "
        f"{len(queries)} queries; network and graph built in {built:.2f} s",
        flush=True,
    )
    lines("transit_route_synthetic", answers, anchors)


if __name__ == "__main__":
    main()
