"""The route planner on the small hand-made network, where the answers are known."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.transit.engine.model import Agreement, Closure, RouteQuery, TransitInputError
from accord.transit.engine.routing import plan_routes

from .networks import ON, small_network


def query(cargo="non_lethal", **kw) -> RouteQuery:
    kw.setdefault("on_date", ON)
    return RouteQuery("A", "Z", cargo, "to_afghanistan", tonnes=10, **kw)


def test_best_routes_by_cost_and_by_time_and_their_pareto_set():
    answer = plan_routes(small_network(), query())
    assert [r.arcs for r in answer.routes_by_cost] == [("AB", "BZ"), ("AC", "CZ"), ("AZ",)]
    assert [r.arcs for r in answer.routes_by_time] == [("AZ",), ("AC", "CZ"), ("AB", "BZ")]
    assert [(r.cost, r.days) for r in answer.pareto] == [(2000, 4), (3000, 2), (5000, 0.5)]
    rail = answer.pareto[0]
    assert rail.distance_km == 2000
    assert rail.countries == ("AAA", "BBB", "ZZZ")
    assert rail.modes == ("rail", "rail")
    assert rail.nodes == ("A", "B", "Z")


def test_each_leg_names_the_agreement_that_permits_it_or_that_none_is_needed():
    rail = plan_routes(small_network(), query()).pareto[0]
    permits = {(p.arc, p.country): p.agreement for p in rail.permits}
    assert permits == {
        ("AB", "AAA"): None,
        ("AB", "BBB"): "B-nl",
        ("BZ", "BBB"): "B-nl",
        ("BZ", "ZZZ"): None,
    }


def test_lethal_cargo_cannot_take_the_rail_line_and_the_answer_says_which_agreement_falls_short():
    answer = plan_routes(small_network(), query("lethal"))
    assert [r.arcs for r in answer.pareto] == [("AC", "CZ"), ("AZ",)]
    air = answer.pareto[1]
    assert ("AZ", "BBB", "B-l-air") in {(p.arc, p.country, p.agreement) for p in air.permits}
    blocked = {b.arcs: b for b in answer.blocked}
    reasons = blocked[("AB", "BZ")].reasons
    assert {(r.kind, r.arc, r.country, r.record) for r in reasons} == {
        ("no_agreement", "AB", "BBB", "B-nl"),
        ("no_agreement", "BZ", "BBB", "B-nl"),
    }
    assert "B-nl covers non_lethal cargo only" in reasons[0].message


def test_an_agreement_outside_its_dates_permits_nothing():
    answer = plan_routes(small_network(), query("lethal", on_date=dt.date(2013, 1, 1)))
    assert [r.arcs for r in answer.pareto] == [("AZ",)]
    road = next(b for b in answer.blocked if b.arcs == ("AC", "CZ"))
    assert {r.record for r in road.reasons} == {"C-road"}
    assert "in force 2010-01-01..2012-12-31 only" in road.reasons[0].message


def test_a_prohibition_beats_a_permit_and_is_reported_as_a_conflict():
    ban = Agreement(
        "B-ban",
        ("BBB",),
        ("rail",),
        ("non_lethal",),
        ("to_afghanistan",),
        dt.date(2011, 1, 1),
        effect="deny",
    )
    answer = plan_routes(small_network(ban), query())
    assert [r.arcs for r in answer.pareto] == [("AC", "CZ"), ("AZ",)]
    rail = next(b for b in answer.blocked if b.arcs == ("AB", "BZ"))
    assert {(r.kind, r.record) for r in rail.reasons} == {("prohibited", "B-ban")}
    assert [(c.first, c.second, c.kind) for c in answer.conflicts] == [
        ("B-ban", "B-nl", "permit_vs_deny")
    ]


def test_a_closure_blocks_the_leg_while_it_lasts():
    closed = Closure("X1", "node", "C", dt.date(2011, 5, 1), dt.date(2011, 6, 15), "flood")
    network = small_network(closures=(closed,))
    during = plan_routes(network, query())
    assert ("AC", "CZ") not in [r.arcs for r in during.pareto]
    road = next(b for b in during.blocked if b.arcs == ("AC", "CZ"))
    assert {(r.kind, r.record) for r in road.reasons} == {("closure", "X1")}
    after = plan_routes(network, query(on_date=dt.date(2011, 6, 16)))
    assert ("AC", "CZ") in [r.arcs for r in after.pareto]


def test_avoided_countries_modes_and_latest_arrival_narrow_the_answer():
    network = small_network()
    avoid = plan_routes(network, query(avoid_countries=("CCC",)))
    assert [r.arcs for r in avoid.pareto] == [("AB", "BZ"), ("AZ",)]
    assert any(r.kind == "avoided_country" for b in avoid.blocked for r in b.reasons)
    rail_only = plan_routes(network, query(modes=("rail",)))
    assert [r.arcs for r in rail_only.pareto] == [("AB", "BZ")]
    soon = plan_routes(network, query(latest_arrival=ON + dt.timedelta(days=1)))
    assert [r.arcs for r in soon.pareto] == [("AZ",)]
    assert [r.arcs for r in soon.routes_by_cost] == [("AZ",)]
    late = next(b for b in soon.blocked if b.arcs == ("AB", "BZ"))
    assert [r.kind for r in late.reasons] == ["too_late"]


def test_retrograde_cargo_travels_the_legs_backwards():
    answer = plan_routes(
        small_network(), RouteQuery("Z", "A", "non_lethal", "retrograde", ON, tonnes=10)
    )
    assert [r.arcs for r in answer.pareto] == [("BZ/r", "AB/r"), ("AZ/r",)]
    assert answer.pareto[0].legs == ("BZ", "AB")
    assert answer.pareto[0].countries == ("ZZZ", "BBB", "AAA")


def test_no_permitted_route_still_explains_every_candidate():
    answer = plan_routes(
        small_network(), RouteQuery("Z", "A", "lethal", "retrograde", ON, tonnes=10)
    )
    assert not answer.found
    assert {b.arcs for b in answer.blocked} == {("BZ/r", "AB/r"), ("CZ/r", "AC/r"), ("AZ/r",)}
    assert all(r.kind == "no_agreement" for b in answer.blocked for r in b.reasons)


@pytest.mark.parametrize(
    ("change", "code", "field"),
    [
        (dict(origin="Q"), "unknown_node", "origin"),
        (dict(destination="Q"), "unknown_node", "destination"),
    ],
)
def test_unknown_places_are_refused_with_a_stable_code(change, code, field):
    kw = dict(origin="A", destination="Z", cargo_class="non_lethal", direction="to_afghanistan")
    kw.update(change)
    with pytest.raises(TransitInputError) as caught:
        plan_routes(small_network(), RouteQuery(on_date=ON, **kw))
    assert (caught.value.code, caught.value.field) == (code, field)


def test_a_cargo_class_no_agreement_knows_is_refused():
    network = small_network()
    only_nl = type(network)(
        network.nodes,
        network.legs,
        tuple(a for a in network.agreements if a.code == "B-nl"),
        (),
        network.exempt_countries,
    )
    with pytest.raises(TransitInputError) as caught:
        plan_routes(only_nl, query("lethal"))
    assert caught.value.code == "unknown_cargo_class"
    with pytest.raises(TransitInputError) as caught:
        RouteQuery("A", "Z", "explosive", "to_afghanistan", ON)
    assert caught.value.code == "unknown_cargo_class"
