"""The project's scenario, mapped into the engine: the Northern Distribution Network as data."""

from __future__ import annotations

import datetime as dt
from importlib import resources

import pytest
import yaml

from accord.transit.engine.agreements import agreement_conflicts
from accord.transit.engine.flowplan import plan_flows
from accord.transit.engine.model import Demand, PlanInput, RouteQuery, TransitInputError
from accord.transit.engine.routing import RoutePlanner
from accord.transit.engine.scenario import (
    agreements_from_records,
    leases_from_records,
    network_from_scenario,
    parse_date,
)

US_UNDER_NATO = ("USA", "NATO")


@pytest.fixture(scope="module")
def document() -> dict:
    text = resources.files("accord").joinpath("data/scenario.yaml").read_text("utf-8")
    return yaml.safe_load(text)


@pytest.fixture(scope="module")
def planner(document) -> RoutePlanner:
    return RoutePlanner(network_from_scenario(document))


def test_lethal_cargo_from_riga_to_kabul_flies_and_the_rail_route_through_russia_is_excluded(
    planner,
):
    answer = planner.plan(
        RouteQuery(
            "riga", "kabul", "lethal", "to_afghanistan", dt.date(2012, 9, 1), shipper=US_UNDER_NATO
        )
    )
    assert answer.found
    assert all("air" in route.modes for route in answer.pareto)
    direct = next(r for r in answer.pareto if r.arcs == ("L22",))
    permits = {p.country: p.agreement for p in direct.permits}
    assert permits["RUS"] == "usa_rus_air_2009"
    assert permits["LVA"] is None
    assert permits["AFG"] is None
    rail = next(b for b in answer.blocked if b.arcs[0] == "L10")
    russia = next(r for r in rail.reasons if r.country == "RUS")
    assert (russia.kind, russia.record) == ("no_agreement", "nato_rus_land_2008")
    assert "covers non_lethal cargo only" in russia.message


def test_non_lethal_cargo_takes_the_northern_rail_line_through_russia(planner):
    answer = planner.plan(
        RouteQuery("riga", "mazar_rail", "non_lethal", "to_afghanistan", dt.date(2012, 9, 1),
                   shipper=("NATO",))
    )  # fmt: skip
    best = answer.routes_by_cost[0]
    assert best.arcs == ("L01", "L02", "L03", "L04")
    assert best.cost == 15779  # S-38's 17,000 to Kabul, less the road leg to Kabul
    assert {p.country: p.agreement for p in best.permits if p.arc == "L01"} == {
        "LVA": None,
        "RUS": "nato_rus_land_2008",
        "KAZ": "kaz_nato_rail",
    }
    assert best.estimated


def test_russia_closed_its_territory_in_may_2015(planner):
    answer = planner.plan(
        RouteQuery("riga", "mazar_rail", "non_lethal", "to_afghanistan", dt.date(2015, 6, 1),
                   shipper=("NATO",))
    )  # fmt: skip
    assert not answer.found
    reasons = {r.record for b in answer.blocked for r in b.reasons if r.country == "RUS"}
    assert "nato_rus_land_2008:revoked" in reasons


def test_pakistan_closed_its_ground_lines_from_november_2011_to_july_2012(planner):
    def pakistan(on):
        return planner.plan(
            RouteQuery("karachi", "kabul", "non_lethal", "to_afghanistan", on, shipper=("USA",))
        )

    closed = pakistan(dt.date(2012, 3, 1))
    assert not closed.found
    kinds = {(r.kind, r.record) for b in closed.blocked for r in b.reasons}
    assert ("closure", "pak_gloc_mou_2012:closure2") in kinds
    reopened = pakistan(dt.date(2012, 9, 1))
    assert reopened.routes_by_cost[0].arcs == ("L14", "L15")


def test_the_scenario_mapping_marks_what_it_derived(document):
    network = network_from_scenario(document)
    l14 = network.leg_by_code["L14"]
    assert {"days", "cost", "capacity"} <= set(l14.estimated)
    assert l14.days == pytest.approx(14 * 1720 / 1945, abs=0.01)  # pak_north's 13-15 days
    l04 = network.leg_by_code["L04"]
    assert "distance_km" not in l04.estimated  # sourced, confidence H
    assert network.leg_by_code["L01"].countries == ("LVA", "RUS", "KAZ")
    assert "AFG" in network.exempt_countries
    assert "LVA" in network.exempt_countries
    assert "RUS" not in network.exempt_countries


def test_the_2015_revocation_is_reported_as_a_conflict_with_the_us_air_transit_deal(document):
    network = network_from_scenario(document)
    pairs = {(c.first, c.second) for c in agreement_conflicts(network.agreements)}
    assert ("nato_rus_land_2008:revoked", "usa_rus_air_2009") in pairs


def test_salis_leases_share_one_quota_and_keep_their_notice(document):
    leases = {lease.code: lease for lease in leases_from_records(document["transit_leases"])}
    assert leases["salis_full_time"].lead_days == 0
    assert leases["salis_notice_6"].lead_days == 6
    assert leases["salis_notice_9"].lead_days == 9
    assert {lease.quota_group for lease in leases.values()} == {"salis"}


def test_unmapped_cargo_words_and_dateless_text_are_refused():
    raw = [{"id": "x", "parties": ["NATO", "RUS"], "signed": "2009-01-01",
            "cargo_classes": ["explosives"]}]  # fmt: skip
    with pytest.raises(TransitInputError) as caught:
        agreements_from_records(raw, frozenset())
    assert caught.value.code == "unknown_cargo_class"
    with pytest.raises(TransitInputError) as caught:
        parse_date("sometime in spring")
    assert caught.value.code == "bad_dates"
    assert parse_date("2008-11 (DEU first); ESP 2009") == dt.date(2008, 11, 1)


def test_the_month_plan_on_the_scenario_fills_the_rail_line_and_flies_lethal_cargo(document):
    network = network_from_scenario(document)
    leases = leases_from_records(document["transit_leases"])
    us = ("USA", "NATO")
    demands = (
        Demand("NL", "riga", "mazar_rail", "non_lethal", "to_afghanistan", 2500, 25000,
               shipper=("NATO",)),
        Demand("LE", "riga", "kabul", "lethal", "to_afghanistan", 400, 3000, shipper=us),
        Demand("UR", "riga", "kabul", "lethal", "to_afghanistan", 50, 400, latest_days=5,
               shipper=us),
    )  # fmt: skip
    plan = plan_flows(PlanInput(network, demands, dt.date(2012, 9, 1), leases=leases))
    assert [(u.demand, u.teu) for u in plan.unmet] == [("NL", 500)]
    assert plan.unmet[0].reason.startswith("capacity")
    use = {u.arc: u for u in plan.arc_use}
    assert use["L01"].used_teu == 2000
    assert use["L01"].bottleneck
    lethal = [a for a in plan.allocations if a.demand in ("LE", "UR")]
    assert {a.arcs for a in lethal} == {("L22",)}
    assert sum(a.teu for a in lethal) == 450
    urgent_tiers = {lease for a in lethal if a.demand == "UR" for _arc, lease in a.lease_arcs}
    assert urgent_tiers <= {"salis_full_time"}  # 6 or 9 days' notice cannot make 5 days
    hours = sum(u.hours for u in plan.lease_use)
    assert {u.quota_left_after for u in plan.lease_use} == {2450 - hours}
    cap = next(c for c in plan.cap_use if c.agreement == "usa_rus_air_2009")
    assert cap.limit == 375  # 4,500 flights a year
    assert plan.objective >= plan.lp_bound


def _ulyanovsk_routes(planner, on: dt.date) -> list:
    answer = planner.plan(
        RouteQuery("bagram_node", "riga", "non_lethal", "retrograde", on, k=10, shipper=("NATO",))
    )
    return [r for r in answer.routes_by_cost if "L18" in r.arcs]


def test_the_ulyanovsk_rail_air_route_opens_only_with_the_2012_decree_and_letters(planner):
    # Decree No. 637 of 25 Jun 2012, in effect with the exchange of letters of 6 Jul 2012
    for before in (dt.date(2011, 6, 1), dt.date(2012, 6, 24), dt.date(2012, 7, 5)):
        assert _ulyanovsk_routes(planner, before) == [], before
    opened = _ulyanovsk_routes(planner, dt.date(2012, 7, 6))
    assert opened
    assert opened[0].arcs == ("L18", "L19")
    permits = {p.country: p.agreement for p in opened[0].permits if p.arc == "L18"}
    assert permits["RUS"] == "nato_rus_land_2008@2012-07-06"


def test_the_northern_route_to_kabul_ends_by_road_over_the_salang(planner):
    answer = planner.plan(
        RouteQuery("riga", "kabul", "non_lethal", "to_afghanistan", dt.date(2012, 9, 1),
                   shipper=("NATO",))
    )  # fmt: skip
    best = answer.routes_by_cost[0]
    assert best.arcs == ("L01", "L02", "L03", "L04", "L24")
    assert best.cost == 17000  # S-38's NDN container price, spread over Riga-Kabul
    assert planner.network.leg_by_code["L24"].mode == "road"


def test_parties_that_joined_later_are_permitted_only_from_their_own_dates(document):
    network = network_from_scenario(document)
    starts = {
        (a.code, p): a.valid_from
        for a in network.agreements
        if a.legal_basis in ("kaz_fra_gbr", "rus_bilateral_rail")
        for p in a.parties
    }
    assert starts[("kaz_fra_gbr", "FRA")] == dt.date(2009, 10, 6)
    assert starts[("kaz_fra_gbr:gbr", "GBR")] == dt.date(2012, 2, 27)
    assert starts[("rus_bilateral_rail", "DEU")] == dt.date(2008, 11, 1)
    spain = next(a for a in network.agreements if a.code == "rus_bilateral_rail:esp")
    assert (spain.valid_from, spain.estimated) == (dt.date(2009, 3, 3), True)
