"""Invariants of the planner and the flow plan on seeded synthetic networks (hypothesis)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from itertools import pairwise
from unittest.mock import patch

import rustworkx as rx
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.transit.engine import kernels
from accord.transit.engine.agreements import AgreementIndex
from accord.transit.engine.flowplan import plan_flows
from accord.transit.engine.model import CARGO_CLASSES, Leg, Network, Node, PlanInput, RouteQuery
from accord.transit.engine.routing import RoutePlanner
from accord.transit.engine.synthetic import (
    synthetic_demands,
    synthetic_leases,
    synthetic_network,
)

MONTHS = [dt.date(2012, 1, 1), dt.date(2012, 2, 1)]  # the first has a closure half the month
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def flow_problems(draw):
    seed = draw(st.integers(1, 10_000))
    network = synthetic_network(draw(st.integers(20, 90)), seed)
    demands = synthetic_demands(
        network, draw(st.integers(20, 2_500)), seed, pairs=draw(st.integers(1, 4))
    )
    leases = synthetic_leases(network) if draw(st.booleans()) else ()
    return PlanInput(network, demands, draw(st.sampled_from(MONTHS)), leases=leases)


@SETTINGS
@given(flow_problems())
def test_flow_plans_keep_every_promise(data):
    plan = plan_flows(data)
    network = data.network
    teu_by_demand = defaultdict(int)
    own_teu = defaultdict(int)
    own_tonnes = defaultdict(float)
    lease_teu = defaultdict(int)
    index = AgreementIndex(network)
    demands = {d.code: d for d in data.demands}
    for a in plan.allocations:
        d = demands[a.demand]
        teu_by_demand[a.demand] += a.teu
        # Flow conservation: a contiguous path from the demand's origin to its destination.
        arcs = [network.arc_by_code[code] for code in a.arcs]
        assert arcs[0].origin == d.origin
        assert arcs[-1].destination == d.destination
        assert all(x.destination == y.origin for x, y in pairwise(arcs))
        leased = dict(a.lease_arcs)
        for arc in arcs:
            verdict = index.verdict(
                arc,
                d.cargo_class,
                d.direction,
                data.month,
                origin_country=network.node_by_code[d.origin].country,
                destination_country=network.node_by_code[d.destination].country,
                shipper=d.shipper,
                check_closures=False,
            )
            assert verdict.allowed, (a, verdict.reasons)
            if arc.code in leased:
                lease_teu[(arc.code, leased[arc.code])] += a.teu
            else:
                own_teu[arc.code] += a.teu
                own_tonnes[arc.code] += a.tonnes
    # Met plus unmet is the demand, in whole containers.
    for d in data.demands:
        unmet = sum(u.teu for u in plan.unmet if u.demand == d.code)
        assert teu_by_demand[d.code] + unmet == d.teu
    # Capacity (after closures) is never exceeded, on own legs or on leased sorties.
    uses = {u.arc: u for u in plan.arc_use}
    for code, teu in own_teu.items():
        assert teu <= uses[code].capacity_teu
        if uses[code].capacity_tonnes is not None:
            assert own_tonnes[code] <= uses[code].capacity_tonnes + 1e-6
    sorties = {(arc, u.lease): n for u in plan.lease_use for arc, n in u.sorties}
    per_sortie = {lease.code: lease.teu_per_sortie for lease in data.leases}
    for (arc, lease), teu in lease_teu.items():
        assert teu <= sorties[(arc, lease)] * per_sortie[lease]
    assert all(u.quota_left_after >= -1e-9 for u in plan.lease_use)
    for cap in plan.cap_use:
        assert cap.used <= cap.limit + 1e-6
    # Whole containers never beat the linear relaxation.
    assert plan.objective >= plan.lp_bound - 1e-6 * max(1.0, abs(plan.lp_bound))


@st.composite
def route_queries(draw):
    seed = draw(st.integers(1, 10_000))
    network = synthetic_network(draw(st.integers(20, 150)), seed)
    west = sorted(n.code for n in network.nodes if n.country == "ALY")
    east = sorted(n.code for n in network.nodes if n.country == "DST")
    countries = sorted({n.country for n in network.nodes} - {"ALY", "DST"})
    query = RouteQuery(
        draw(st.sampled_from(west)),
        draw(st.sampled_from(east)),
        draw(st.sampled_from(CARGO_CLASSES)),
        "to_afghanistan",
        draw(st.sampled_from(MONTHS)) + dt.timedelta(days=draw(st.integers(0, 27))),
        avoid_countries=tuple(draw(st.lists(st.sampled_from(countries), max_size=2)))
        if countries
        else (),
        modes=draw(st.sampled_from([None, ("rail", "road"), ("rail", "road", "air")])),
        k=draw(st.integers(1, 4)),
        shipper=("NATO",),
    )
    return network, query


@SETTINGS
@given(route_queries())
def test_routes_use_only_permitted_legs_and_the_pareto_set_has_no_dominated_member(case):
    network, query = case
    planner = RoutePlanner(network)
    answer = planner.plan(query)
    permitted = {}
    for arc in network.arcs:
        _verdict, reasons = planner.arc_reasons(arc, query)
        permitted[arc.code] = not reasons
    routes = (*answer.routes_by_cost, *answer.routes_by_time, *answer.pareto)
    for route in routes:
        assert all(permitted[code] for code in route.arcs)
        assert route.nodes[0] == query.origin
        assert route.nodes[-1] == query.destination
        assert len(set(route.nodes)) == len(route.nodes)  # loopless
    for a in answer.pareto:
        for b in answer.pareto:
            assert not (
                a is not b
                and b.cost <= a.cost
                and b.days <= a.days
                and (b.cost, b.days) != (a.cost, a.days)
            )
    costs = [r.cost for r in answer.routes_by_cost]
    assert costs == sorted(costs)
    assert len(costs) <= query.k
    # The cheapest route is what rustworkx's plain Dijkstra finds on the permitted graph.
    graph = rx.PyDiGraph(multigraph=True)
    index = {code: i for i, code in enumerate(network.node_by_code)}
    graph.add_nodes_from(list(index))
    for arc in network.arcs:
        if permitted[arc.code]:
            cost = (
                arc.leg.cost_per_teu * query.teu + arc.leg.cost_per_tonne * query.consignment_tonnes
            )
            graph.add_edge(index[arc.origin], index[arc.destination], cost)
    lengths = rx.digraph_dijkstra_shortest_path_lengths(
        graph, index[query.origin], float, goal=index[query.destination]
    )
    best = dict(lengths.items()).get(index[query.destination])
    if best is None:
        assert not answer.found
        assert answer.routes_by_cost == ()
    else:
        assert answer.routes_by_cost[0].cost == best
        assert min(r.cost for r in answer.pareto) == best
    # Every candidate the rules exclude says why.
    assert all(b.reasons for b in answer.blocked)


@st.composite
def tangled_networks(draw):
    """Small random networks with whole-number prices and days, so that ties abound (and the
    searches must break them alike); some legs cross a country that no agreement opens."""
    places = draw(st.integers(2, 9))
    nodes = tuple(Node(f"P{i}", f"P{i}", "AAA") for i in range(places))
    ends = st.tuples(st.integers(0, places - 1), st.integers(0, places - 1))
    pairs = draw(st.lists(ends.filter(lambda p: p[0] != p[1]), min_size=1, max_size=24))
    legs = tuple(
        Leg(
            f"L{i}",
            f"P{a}",
            f"P{b}",
            draw(st.sampled_from(["rail", "road"])),
            100.0,
            draw(st.integers(1, 3)),
            draw(st.integers(1, 4)),
            100,
            draw(st.sampled_from([("AAA",), ("AAA", "BBB")])),
            two_way=draw(st.booleans()),
        )
        for i, (a, b) in enumerate(pairs)
    )
    latest = draw(st.none() | st.integers(1, 8))
    query = RouteQuery(
        "P0",
        f"P{places - 1}",
        "non_lethal",
        "to_afghanistan",
        MONTHS[0],
        latest_arrival=None if latest is None else MONTHS[0] + dt.timedelta(days=latest),
        modes=draw(st.sampled_from([None, ("rail",)])),
        k=draw(st.integers(1, 4)),
    )
    return Network(nodes, legs, exempt_countries=frozenset({"AAA"})), query


@settings(SETTINGS, max_examples=60)
@given(st.one_of(tangled_networks(), route_queries()))
def test_the_compiled_pareto_search_answers_as_the_pure_python_one(case):
    network, query = case
    assert kernels.COMPILED  # numba is a dependency: the compiled search is the one users get
    planner = RoutePlanner(network)
    compiled = planner.plan(query)
    with patch.object(kernels, "COMPILED", False):
        reference = planner.plan(query)
    assert compiled.pareto == reference.pareto
    assert compiled == reference


def test_the_compiled_k_best_search_follows_a_looping_label_longer_than_the_network():
    # Found by the property above: with legs both ways, the search for the routes a rule
    # excludes lets labels loop until each place's limit, so a label's path grows longer than
    # the network has places before the destination is reached. The compiled search once wrote
    # past its buffer here (and the worker running it died).
    nodes = tuple(Node(f"P{i}", f"P{i}", "AAA") for i in range(7))
    both, one = ("AAA", "BBB"), ("AAA",)
    legs = (
        ("P0", "P4", "rail", 2, 3, one, True),
        ("P3", "P2", "rail", 2, 4, one, False),
        ("P5", "P6", "rail", 2, 1, both, False),
        ("P4", "P3", "rail", 3, 4, both, True),
        ("P0", "P5", "road", 3, 3, both, True),
        ("P1", "P5", "rail", 1, 2, one, True),
        ("P3", "P5", "road", 3, 1, both, True),
    )
    network = Network(
        nodes,
        tuple(
            Leg(f"L{i}", a, b, mode, 100.0, days, price, 100, countries, two_way=two_way)
            for i, (a, b, mode, days, price, countries, two_way) in enumerate(legs)
        ),
        exempt_countries=frozenset({"AAA"}),
    )
    query = RouteQuery(
        "P0",
        "P6",
        "non_lethal",
        "to_afghanistan",
        MONTHS[0],
        latest_arrival=MONTHS[0] + dt.timedelta(days=2),
        modes=("rail",),
        k=3,
    )
    planner = RoutePlanner(network)
    compiled = planner.plan(query)
    with patch.object(kernels, "COMPILED", False):
        reference = planner.plan(query)
    assert compiled == reference
    assert compiled.blocked  # the routes the rules exclude are found and explained
