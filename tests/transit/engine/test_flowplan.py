"""The month's flow plan on the small network, where the optimum can be worked out by hand.

June 2011, tonnes 10 per TEU: the rail route costs $2,000/TEU (100 TEU a month), the road route
$3,000 (50), the air leg $5,000 (20 TEU, 200 t; lethal capped at 4 flights x 40 t = 16 TEU).
"""

from __future__ import annotations

import datetime as dt

import pytest

from accord.transit.engine.flowplan import plan_flows
from accord.transit.engine.model import (
    Cap,
    Closure,
    Demand,
    Lease,
    PlanInput,
    TransitInputError,
)

from .networks import small_network

JUNE = dt.date(2011, 6, 1)


def demand(code, cargo, teu, **kw) -> Demand:
    return Demand(code, "A", "Z", cargo, "to_afghanistan", teu, teu * 10.0, **kw)


def lease(code, **kw) -> Lease:
    base = dict(
        provider="charter",
        mode="air",
        legs=("AZ",),
        teu_per_sortie=10,
        tonnes_per_sortie=100,
        cost_per_sortie=30_000,
        hours_per_sortie=5,
        period_start=dt.date(2011, 1, 1),
        period_end=dt.date(2011, 12, 31),
        quota_hours_year=100,
        quota_hours_left=100,
        max_sorties_month=10,
    )
    base.update(kw)
    return Lease(code, **base)


def by_arc(plan):
    return {u.arc: u for u in plan.arc_use}


def test_cheapest_capacity_first_and_cargo_classes_share_it():
    plan = plan_flows(
        PlanInput(small_network(), (demand("N", "non_lethal", 150), demand("L", "lethal", 30)),
                  JUNE)
    )  # fmt: skip
    use = by_arc(plan)
    assert (use["AB"].used_teu, use["AC"].used_teu, use["AZ"].used_teu) == (100, 50, 20)
    assert sum(u.teu for u in plan.unmet) == 10  # 180 wanted, 170 of capacity
    assert plan.cost == 100 * 2000 + 50 * 3000 + 20 * 5000
    lethal_by_air = sum(a.teu for a in plan.allocations if a.demand == "L" and a.arcs == ("AZ",))
    assert lethal_by_air <= 16  # the flights cap
    lethal_by_rail = [a for a in plan.allocations if a.demand == "L" and "AB" in a.arcs]
    assert lethal_by_rail == []  # no agreement for lethal rail through BBB
    assert {u.arc for u in plan.bottlenecks} >= {"AB", "BZ", "AC", "CZ", "AZ"}
    assert plan.status == "optimal"
    assert plan.priced_out


def test_a_demand_that_cannot_move_still_gets_a_plan_with_the_unmet_part_listed():
    back = Demand("D", "Z", "A", "lethal", "retrograde", 5, 50.0)
    plan = plan_flows(PlanInput(small_network(), (back,), JUNE))
    assert plan.allocations == ()
    assert [(u.demand, u.teu, u.tonnes) for u in plan.unmet] == [("D", 5, 50.0)]
    assert plan.unmet[0].reason.startswith("no permitted route from Z to A for lethal")


def test_the_value_of_capacity_shows_where_one_more_teu_would_pay():
    plan = plan_flows(PlanInput(small_network(), (demand("N", "non_lethal", 60),), JUNE))
    use = by_arc(plan)
    # 60 TEU fit on the rail route alone: nothing is scarce, no capacity has a value.
    assert use["AB"].used_teu == 60
    assert use["AB"].value_per_teu == 0
    plan = plan_flows(PlanInput(small_network(), (demand("N", "non_lethal", 120),), JUNE))
    use = by_arc(plan)
    # 20 TEU overflow to the road at $3,000: one more TEU of rail saves $1,000.
    assert use["AC"].used_teu == 20
    assert use["AB"].value_per_teu + use["BZ"].value_per_teu == pytest.approx(1000)
    assert use["AC"].value_per_teu == 0


def test_a_closure_removes_its_share_of_the_month_from_capacity():
    closure = Closure("X1", "leg", "AB", dt.date(2011, 6, 16), dt.date(2011, 6, 30), "strike")
    plan = plan_flows(
        PlanInput(small_network(closures=(closure,)), (demand("N", "non_lethal", 100),), JUNE)
    )
    use = by_arc(plan)
    assert use["AB"].capacity_teu == 50
    assert use["AB"].used_teu == 50
    assert use["AC"].used_teu == 50


def test_leases_add_capacity_respect_notice_and_draw_down_the_quota():
    leases = (
        lease("full", availability="full_time", cost_per_sortie=60_000),
        lease("nine", availability="notice", notice_days=9, cost_per_sortie=55_000),
    )
    urgent = demand("U", "non_lethal", 30, latest_days=5)  # must arrive within 5 days
    later = demand("V", "non_lethal", 190)
    plan = plan_flows(PlanInput(small_network(), (urgent, later), JUNE, leases=leases))
    used = {u.lease: u for u in plan.lease_use}
    urgent_on_nine = [
        a for a in plan.allocations if a.demand == "U" and ("AZ", "nine") in a.lease_arcs
    ]
    assert urgent_on_nine == []  # 9 days' notice cannot meet a 5-day deadline
    assert sum(u.teu for u in plan.unmet) == 0
    # Capacity: 100 rail + 50 road + 20 air = 170 of 220 TEU; 50 more fly on leased sorties.
    sorties = sum(n for u in plan.lease_use for _, n in u.sorties)
    assert sorties == 5
    assert used["nine"].sorties == (("AZ", 5),)  # the cheaper tier, as no deadline binds
    assert used["full"].quota_left_after == 100 - used["full"].hours
    assert used["nine"].quota_left_after == 100 - used["nine"].hours


def test_a_shared_quota_limits_the_sorties_of_every_tier():
    leases = (
        lease("full", quota_group="salis", quota_hours_left=10),
        lease("six", availability="notice", notice_days=6, quota_group="salis",
              quota_hours_left=10),
    )  # fmt: skip
    plan = plan_flows(
        PlanInput(small_network(), (demand("V", "non_lethal", 220),), JUNE, leases=leases)
    )
    hours = sum(u.hours for u in plan.lease_use)
    assert hours == 10  # two 5-hour sorties, whichever tier flies them
    assert sum(u.teu for u in plan.unmet) == 30
    assert {u.quota_left_after for u in plan.lease_use} == {0}


def test_plan_input_is_checked():
    with pytest.raises(TransitInputError) as caught:
        PlanInput(small_network(), (demand("N", "non_lethal", 1),), dt.date(2011, 6, 2))
    assert caught.value.code == "bad_dates"
    stray = Demand("S", "A", "Q", "non_lethal", "to_afghanistan", 1, 10)
    with pytest.raises(TransitInputError) as caught:
        PlanInput(small_network(), (stray,), JUNE)
    assert (caught.value.code, caught.value.field) == ("unknown_node", "demands[S].destination")
    network = small_network()
    lethal_unknown = type(network)(
        network.nodes, network.legs, network.agreements[:1], (), network.exempt_countries
    )
    with pytest.raises(TransitInputError) as caught:
        PlanInput(lethal_unknown, (demand("L", "lethal", 1),), JUNE)
    assert (caught.value.code, caught.value.field) == (
        "unknown_cargo_class",
        "demands[L].cargo_class",
    )
    with pytest.raises(TransitInputError) as caught:
        demand("Z0", "non_lethal", 0)
    assert caught.value.code == "bad_demand"
    with pytest.raises(TransitInputError) as caught:
        PlanInput(small_network(), (), JUNE, leases=(lease("x", legs=("NOPE",)),))
    assert caught.value.code == "unknown_leg"


def test_a_flights_cap_without_tonnes_a_flight_cannot_bind_and_is_left_out():
    network = small_network(air_cap=Cap(4, "flights_per_month"))
    plan = plan_flows(PlanInput(network, (demand("L", "lethal", 70),), JUNE))
    assert plan.cap_use == ()
    assert by_arc(plan)["AZ"].used_teu == 20  # the leg's own capacity is the limit


def test_a_places_daily_throughput_limits_every_route_through_it():
    from dataclasses import replace

    net = small_network()
    # Bravo junction handles 2 TEU a day: 60 in June, though its rail legs take 100.
    nodes = tuple(replace(n, capacity_teu_day=2) if n.code == "B" else n for n in net.nodes)
    plan = plan_flows(PlanInput(replace(net, nodes=nodes), (demand("N", "non_lethal", 120),), JUNE))
    use = by_arc(plan)
    assert (use["AB"].used_teu, use["AC"].used_teu, use["AZ"].used_teu) == (60, 50, 10)
    assert plan.unmet == ()
    (bravo,) = plan.node_use
    assert (bravo.node, bravo.used_teu, bravo.capacity_teu) == ("B", 60, 60)
    assert bravo.bottleneck
    # One more TEU through Bravo moves a TEU off the air leg: $5,000 less $2,000 by rail.
    assert bravo.value_per_teu == pytest.approx(3000)
    assert plan.priced_out
