"""Route-query latency, against rustworkx's plain Dijkstra on the same graph.

Two networks: the scenario's Northern Distribution Network (every seaport or hub in Europe and
Pakistan to every Afghan node, for each cargo class, on three dates) and a seeded synthetic
network of ``BENCH_TRANSIT_NODES`` nodes (default 5,000; 60 west-to-east queries). A query is the
whole answer a logistician gets: the k=3 best routes by cost and by time, the Pareto set, and the
explanation of every excluded candidate. The anchor is one ``digraph_dijkstra_shortest_paths``
by cost between the same two nodes of the same rustworkx graph, with no rules at all: the ratio
says what the agreements, the alternatives and the explanations cost on top of a shortest path.

    python bench/transit_routes.py
"""

from __future__ import annotations

import datetime as dt
import os
import random
import time
from importlib import resources

import rustworkx as rx
import yaml

from accord.transit.engine.model import CARGO_CLASSES, RouteQuery
from accord.transit.engine.routing import RoutePlanner
from accord.transit.engine.scenario import network_from_scenario
from accord.transit.engine.synthetic import synthetic_network
from benchlib import percentile, report

NODES = int(os.environ.get("BENCH_TRANSIT_NODES", "5000"))
SYNTHETIC_QUERIES = 60
ANCHOR_REPEAT = 5


def measure(planner: RoutePlanner, queries: list[RouteQuery]) -> tuple[list[float], list[float]]:
    """Seconds per query, and per anchor Dijkstra (best of a few) for the same pair."""
    answer_times, anchor_times = [], []
    graph = planner.graph

    def weight(arc) -> float:
        return arc.leg.cost_per_teu + arc.leg.cost_per_tonne * 10.0

    for query in queries:
        started = time.perf_counter()
        planner.plan(query)
        answer_times.append(time.perf_counter() - started)
        src, dst = planner.index[query.origin], planner.index[query.destination]
        best = float("inf")
        for _ in range(ANCHOR_REPEAT):
            started = time.perf_counter()
            rx.digraph_dijkstra_shortest_paths(graph, src, target=dst, weight_fn=weight)
            best = min(best, time.perf_counter() - started)
        anchor_times.append(best)
    return answer_times, anchor_times


def lines(name: str, answers: list[float], anchors: list[float]) -> None:
    for label, fraction in (("p50", 0.5), ("p95", 0.95)):
        ours, anchor = percentile(answers, fraction), percentile(anchors, fraction)
        report(
            f"{name}_{label}",
            ours * 1000,
            "ms",
            ours / anchor,
            f"rustworkx dijkstra_shortest_paths {label} ({anchor * 1000:.3f} ms)",
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
