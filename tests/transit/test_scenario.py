"""The transit sections of the demo scenario, as logisticians find them after `accord demo`."""

import datetime as dt

from accord.transit.agreements import selectors as agreements_selectors
from accord.transit.models import (
    Shipment,
    TransitAgreement,
    TransitClosure,
    TransitLease,
    TransitLeg,
    TransitNode,
)


def test_the_network_is_loaded_with_every_leg_priced_and_bounded(db):
    assert TransitNode.objects.filter(code="riga", country__iso3="LVA").exists()
    legs = TransitLeg.objects.all()
    assert legs.count() >= 21
    for leg in legs:
        assert leg.capacity_teu_month > 0
        assert leg.cost_per_teu > 0 or leg.cost_per_tonne > 0
        assert leg.origin.country.iso3 in leg.countries
        assert leg.destination.country.iso3 in leg.countries
    # Derived figures are marked as estimates; the sourced Azerbaijan volume is not.
    assert "cost" in TransitLeg.objects.get(code="L01").estimated
    baku = TransitLeg.objects.get(code="L05")
    assert baku.capacity_teu_month == 1500
    assert "capacity" not in baku.estimated


def test_agreements_are_split_per_scope_and_linked_to_their_legal_basis(db):
    rows = TransitAgreement.objects.filter(group="nato_rus_land_2008")
    assert set(rows.values_list("country__iso3", flat=True)) == {"RUS"}
    assert set(rows.values_list("cargo_class", flat=True)) == {"non_lethal"}
    assert set(rows.values_list("direction", flat=True)) == {"to_afghanistan"}
    assert all(row.legal_basis is not None for row in rows)
    assert {row.legal_basis.code for row in rows} == {"nato_rus_land_2008"}
    # Agreements with Russia are NRC; the others NATO.
    assert set(rows.values_list("marking", flat=True)) == {"NRC"}
    assert (
        TransitAgreement.objects.get(code="uzb_transit-uzb-rail-non_lethal-to_afghanistan").marking
        == "NATO"
    )


def test_russias_revocation_is_a_prohibition_from_18_may_2015(db):
    revoked = TransitAgreement.objects.filter(group="nato_rus_land_2008-revoked")
    assert revoked.exists()
    assert set(revoked.values_list("effect", flat=True)) == {"deny"}
    assert set(revoked.values_list("valid_from", flat=True)) == {dt.date(2015, 5, 18)}
    permit = TransitAgreement.objects.filter(group="nato_rus_land_2008").first()
    assert permit.valid_to == dt.date(2015, 5, 17)


def test_closures_pakistan_ground_lines_and_manas(db):
    pakistan = TransitClosure.objects.get(start=dt.date(2011, 11, 26))
    assert (pakistan.target_kind, pakistan.country.iso3) == ("country", "PAK")
    assert pakistan.end == dt.date(2012, 7, 3)
    manas = TransitClosure.objects.get(code="manas_closed_2014")
    assert (manas.node.code, manas.start, manas.end) == ("manas", dt.date(2014, 6, 3), None)


def test_salis_leases_draw_on_one_quota(db):
    leases = TransitLease.objects.filter(quota_group="salis")
    assert {lease.availability for lease in leases} == {"full_time", "notice"}
    assert {lease.notice_days for lease in leases} == {0, 6, 9}


def test_scenario_shipments_are_checked_against_agreements_and_closures(db):
    caught = Shipment.objects.get(reference="gloc-2011-0003")
    assert not caught.route_ok
    assert any("PAK closed 2011-11-26" in p for p in caught.route_problems)
    rail = Shipment.objects.get(reference="ndn-2013-0001")
    assert rail.route_ok
    assert rail.joint_action.code == "nrc_transit"


def test_contradicting_agreements_are_reported_not_resolved(db, persona):
    conflicts = agreements_selectors.conflict_report(actor=persona("logistician"))
    kinds = {(c.first, c.second, c.kind) for c in conflicts}
    # Russia's 2015 decree prohibits what the 2009 US-Russia air agreement still permits.
    assert any(
        "revoked" in first and second == "usa_rus_air_2009" and kind == "permit_vs_deny"
        for first, second, kind in kinds
    )
