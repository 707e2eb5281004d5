"""The month's flow plan at scale: solve time, and the whole-container cost against the LP bound.

A seeded synthetic network of ``BENCH_TRANSIT_FLOW_NODES`` nodes (default 1,000) carries
``BENCH_TRANSIT_TEU`` containers (default 10,000) in the three cargo classes over 20
origin-destination pairs, with a two-tier charter lease, one closure and one flights cap. The
plan is solved whole-container (SCIP) after column generation on the linear relaxation (GLOP).

Two figures: the whole plan's objective against the linear relaxation's bound of the same problem
(1.0 would mean the integer plan is provably as good as any fractional one), and the solve time
against routing every demand alone by one rustworkx Dijkstra each on the same network -- what
planning with shared capacity, agreements, caps and leases costs over ignoring them.

The first line also gives what does not depend on the machine's load: pricing rounds, GLOP's
simplex iterations, SCIP's nodes, and the CPU time of the solve.

    python bench/transit_flow.py
"""

from __future__ import annotations

import datetime as dt
import os
import time

import rustworkx as rx

from accord.transit.engine.flowplan import plan_flows
from accord.transit.engine.model import PlanInput
from accord.transit.engine.routing import RoutePlanner
from accord.transit.engine.synthetic import (
    synthetic_demands,
    synthetic_leases,
    synthetic_network,
)
from benchlib import report

NODES = int(os.environ.get("BENCH_TRANSIT_FLOW_NODES", "1000"))
TEU = int(os.environ.get("BENCH_TRANSIT_TEU", "10000"))
TIME_LIMIT = float(os.environ.get("BENCH_TRANSIT_TIME_LIMIT", "110"))


def main() -> None:
    network = synthetic_network(NODES, seed=7)
    demands = synthetic_demands(network, TEU, seed=7, pairs=20)
    data = PlanInput(
        network,
        demands,
        dt.date(2012, 3, 1),
        leases=synthetic_leases(network),
        time_limit_seconds=TIME_LIMIT,
    )
    cpu = time.process_time()
    plan = plan_flows(data)
    cpu = time.process_time() - cpu

    planner = RoutePlanner(network)
    started = time.perf_counter()
    for d in demands:
        rx.digraph_dijkstra_shortest_paths(
            planner.graph,
            planner.index[d.origin],
            target=planner.index[d.destination],
            weight_fn=lambda arc: arc.leg.cost_per_teu + arc.leg.cost_per_tonne * 9.0,
        )
    alone = time.perf_counter() - started

    unmet = sum(u.teu for u in plan.unmet)
    print(
        f"# {len(network.nodes):,} nodes, {len(network.arcs):,} arcs, {len(demands)} demands, "
        f"{TEU:,} TEU; status {plan.status}, priced out {plan.priced_out}, "
        f"{plan.columns} routes in the integer model; unmet {unmet} TEU; "
        f"cost ${plan.cost:,.0f}; objective {plan.objective:,.0f}, LP bound "
        + (f"{plan.lp_bound:,.0f}" if plan.lp_bound is not None else "none")
        + f" ({plan.lp_status}, {plan.lp_rounds} pricing rounds); "
        f"{len(plan.bottlenecks)} bottleneck arcs of "
        f"{sum(u.share >= 0.95 for u in plan.arc_use)} at 95% or more; "
        # The solvers' own counts and the CPU time do not grow when the machine is busy.
        f"{plan.lp_iterations:,} simplex iterations, {plan.mip_nodes:,} branch-and-bound nodes, "
        f"{cpu:.1f} s of CPU",
        flush=True,
    )
    report(
        "transit_flow_solve",
        plan.solve_seconds,
        "s",
        plan.solve_seconds / alone,
        f"one rustworkx Dijkstra per demand ({alone * 1000:.1f} ms)",
    )
    # The same line as benchlib.report, with the ratio to six decimals: the point is how far
    # above 1 it is.
    if plan.lp_bound is None:
        print(f"transit_flow_cost: {plan.objective:,.0f} USD (no LP bound proven)", flush=True)
        return
    print(
        f"transit_flow_cost: {plan.objective:,.0f} USD "
        f"({plan.objective / plan.lp_bound:.6f} x the LP relaxation bound of the same problem)",
        flush=True,
    )


if __name__ == "__main__":
    main()
