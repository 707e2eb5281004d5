"""Which agreement permits what, closures by date, and conflicts reported as data."""

from __future__ import annotations

import datetime as dt

import pytest

from accord.transit.engine.agreements import (
    agreement_conflicts,
    countries_needing_agreement,
    open_fraction,
    permitting_agreement,
)
from accord.transit.engine.model import Agreement, Cap, Closure, Leg, Node, TransitInputError

from .networks import ON, small_network


def agreement(code, **kw) -> Agreement:
    base = dict(
        countries=("BBB",),
        modes=("rail",),
        cargo_classes=("non_lethal",),
        directions=("to_afghanistan",),
        valid_from=dt.date(2010, 1, 1),
    )
    base.update(kw)
    return Agreement(code, **base)


def test_the_permitting_agreement_matches_mode_class_direction_and_date():
    net = small_network()
    assert permitting_agreement(net, "BBB", "rail", "non_lethal", "to_afghanistan", ON).code == (
        "B-nl"
    )
    assert permitting_agreement(net, "BBB", "air", "lethal", "to_afghanistan", ON).code == (
        "B-l-air"
    )
    assert permitting_agreement(net, "BBB", "rail", "lethal", "to_afghanistan", ON) is None
    assert permitting_agreement(net, "BBB", "air", "lethal", "retrograde", ON) is None
    assert permitting_agreement(net, "BBB", "rail", "non_lethal", "to_afghanistan",
                                dt.date(2009, 12, 31)) is None  # fmt: skip
    assert permitting_agreement(net, "CCC", "road", "lethal", "to_afghanistan",
                                dt.date(2012, 12, 31)).code == "C-road"  # fmt: skip
    assert permitting_agreement(net, "CCC", "road", "lethal", "to_afghanistan",
                                dt.date(2013, 1, 1)) is None  # fmt: skip


def test_an_agreement_for_other_beneficiaries_does_not_serve_this_shipper():
    us_only = agreement("US-rail", cargo_classes=("lethal",), parties=("USA",))
    net = small_network(us_only)
    args = ("BBB", "rail", "lethal", "to_afghanistan", ON)
    assert permitting_agreement(net, *args, shipper=("USA", "NATO")).code == "US-rail"
    assert permitting_agreement(net, *args, shipper=("DEU", "NATO")) is None
    assert permitting_agreement(net, *args).code == "US-rail"  # no shipper named: any


def test_origin_destination_and_exempt_countries_need_no_agreement():
    net = small_network()
    air = net.arc_by_code["AZ"]
    assert countries_needing_agreement(net, air, "AAA", "ZZZ") == ("BBB",)
    assert countries_needing_agreement(net, air, "BBB", "ZZZ") == ()


def test_a_permit_against_a_prohibition_on_overlapping_dates_is_a_conflict():
    permit = agreement("P", valid_to=dt.date(2015, 5, 31))
    ban = agreement("X", effect="deny", valid_from=dt.date(2015, 5, 18))
    later = agreement("Y", effect="deny", valid_from=dt.date(2015, 6, 1))
    conflicts = agreement_conflicts([permit, ban, later])
    assert [(c.first, c.second, c.kind, c.start, c.end) for c in conflicts] == [
        ("P", "X", "permit_vs_deny", dt.date(2015, 5, 18), dt.date(2015, 5, 31))
    ]
    assert "X prohibits what P permits" in conflicts[0].message


def test_two_permits_with_different_caps_for_the_same_scope_conflict():
    a = agreement("A1", cap=Cap(4500, "flights_per_year", 45))
    b = agreement("A2", cap=Cap(3000, "flights_per_year", 45))
    c = agreement("A3", cap=Cap(4500, "flights_per_year", 45))
    other_mode = agreement("A4", modes=("road",), cap=Cap(10, "teu_per_month"))
    found = {(x.first, x.second, x.kind) for x in agreement_conflicts([a, b, c, other_mode])}
    assert found == {("A1", "A2", "different_caps"), ("A2", "A3", "different_caps")}


def test_agreements_for_different_scopes_do_not_conflict():
    permit = agreement("P")
    ban_lethal = agreement("X", effect="deny", cargo_classes=("lethal",))
    ban_other_country = agreement("Y", effect="deny", countries=("CCC",))
    assert agreement_conflicts([permit, ban_lethal, ban_other_country]) == ()


def test_closures_count_by_date_and_scale_the_month():
    closure = Closure("X1", "leg", "AC", dt.date(2011, 6, 16), dt.date(2011, 6, 30))
    net = small_network(closures=(closure,))
    june = (dt.date(2011, 6, 1), dt.date(2011, 6, 30))
    assert open_fraction(net, net.arc_by_code["AC"], *june) == 0.5
    assert open_fraction(net, net.arc_by_code["AC/r"], *june) == 0.5
    assert open_fraction(net, net.arc_by_code["CZ"], *june) == 1.0
    country = Closure("X2", "country", "BBB", dt.date(2011, 6, 1), None)
    net = small_network(closures=(country,))
    assert open_fraction(net, net.arc_by_code["AZ"], *june) == 0.0  # overflies BBB


@pytest.mark.parametrize(
    ("build", "code", "field"),
    [
        (lambda: Leg("L", "A", "B", "rail", 10, 1, 100, 0, ("AAA",)), "bad_capacity",
         "legs[L].capacity_teu_month"),
        (lambda: Leg("L", "A", "B", "rail", 10, 1, 100, -5, ("AAA",)), "bad_capacity",
         "legs[L].capacity_teu_month"),
        (lambda: Leg("L", "A", "B", "rail", 10, 1, -1, 10, ("AAA",)), "bad_cost",
         "legs[L].cost_per_teu"),
        (lambda: Leg("L", "A", "B", "rail", 10, 1, 0, 10, ("AAA",)), "bad_cost",
         "legs[L].cost_per_teu"),
        (lambda: Leg("L", "A", "B", "boat", 10, 1, 100, 10, ("AAA",)), "unknown_mode",
         "legs[L].mode"),
        (lambda: Leg("L", "A", "B", "rail", 0, 1, 100, 10, ("AAA",)), "bad_distance",
         "legs[L].distance_km"),
        (lambda: agreement("Q", cargo_classes=("explosives",)), "unknown_cargo_class",
         "agreements[Q].cargo_classes"),
        (lambda: agreement("Q", valid_to=dt.date(2000, 1, 1)), "bad_dates",
         "agreements[Q].valid_to"),
    ],
)  # fmt: skip
def test_bad_records_are_refused_with_stable_codes(build, code, field):
    with pytest.raises(TransitInputError) as caught:
        build()
    assert (caught.value.code, caught.value.field) == (code, field)


def test_a_leg_to_an_unknown_node_is_refused():
    net = small_network()
    stray = Leg("AQ", "A", "Q", "road", 10, 1, 100, 10, ("AAA",))
    with pytest.raises(TransitInputError) as caught:
        type(net)(net.nodes, (*net.legs, stray))
    assert caught.value.code == "unknown_node"
    with pytest.raises(TransitInputError) as caught:
        type(net)((*net.nodes, Node("A", "again", "AAA")), net.legs)
    assert caught.value.code == "duplicate_code"
