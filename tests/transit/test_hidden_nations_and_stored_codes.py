"""Nations are marked records, and what transit stores is read as its reader may read it
(issue 9, §1).

A place names its nation, an agreement and a country closure are about one: none names a nation
the reader may not read. A stored flow plan keeps the codes it was solved with, and a shipment
keeps the route-check messages written as its recorder read the network: a later reader sees
them only as far as they may read what they name.
"""

import datetime as dt
import json
from decimal import Decimal

import pytest

from accord.access import system_principal
from accord.core.models import Nation
from accord.core.services import record_create
from accord.markings import Marking
from accord.transit.agreements import selectors as agreements_selectors
from accord.transit.agreements.inputs import AgreementValues, ClosureValues
from accord.transit.agreements.services import agreement_create, closure_create
from accord.transit.models import FlowPlan, TransitAgreement
from accord.transit.network import selectors as network_selectors
from accord.transit.network.inputs import NodeValues
from accord.transit.network.services import node_create
from accord.transit.planning import selectors as planning_selectors
from accord.transit.planning.inputs import DemandValues
from accord.transit.planning.services import demand_create
from accord.transit.shipments import selectors as shipments_selectors
from accord.transit.shipments.inputs import ShipmentValues
from accord.transit.shipments.services import shipment_create
from tests.transit.test_hidden_references import make_leg

SYSTEM = system_principal("tests")
OUTSIDERS = ["delegation-rus", "spoke-north"]
USA = {"marking": Marking.NATIONAL}


def _usa():
    return {"owner_nation": Nation.objects.get(iso3="USA")}


def _node(code, name, country, lon, marking=Marking.PUBLIC):
    owner = _usa() if marking == Marking.NATIONAL else {}
    return node_create(
        actor=SYSTEM,
        values=NodeValues(
            **{
                "code": code,
                "name": name,
                "country": country,
                "kinds": ["rail"],
                "latitude": Decimal("41.00000"),
                "longitude": Decimal(lon),
                "marking": marking,
                **owner,
            }
        ),
    )


def _leg(code, origin, destination, marking=Marking.PUBLIC):
    owner = _usa() if marking == Marking.NATIONAL else {}
    return make_leg(code, origin, destination, marking, **owner)


@pytest.fixture
def hiddenland():
    """A nation only the United States reads (``QQZ``), with a PUBLIC place, a PUBLIC transit
    agreement and a PUBLIC closure of the country."""
    nation = record_create(
        actor=SYSTEM,
        model=Nation,
        data={"iso3": "QQZ", "name": "Hiddenland", "marking": Marking.NATIONAL, **_usa()},
        action="nation.create",
    )
    node = _node("hiddenport", "Harbour Of Hiddenland", nation, "66.00000")
    template = TransitAgreement.objects.order_by("pk").first()
    agreement = agreement_create(
        actor=SYSTEM,
        values=AgreementValues(
            code="hiddenland-transit",
            group="hiddenland-accord",
            title="Hiddenland transit accord",
            legal_basis=template.legal_basis,
            country=nation,
            mode="rail",
            cargo_class=template.cargo_class,
            direction=template.direction,
            valid_from=dt.date(2030, 1, 1),
            marking=Marking.PUBLIC,
        ),
    )
    closure = closure_create(
        actor=SYSTEM,
        values=ClosureValues(
            code="hiddenland-border",
            target_kind="country",
            country=nation,
            start=dt.date(2031, 1, 1),
            reason="Hiddenland border works",
            marking=Marking.PUBLIC,
        ),
    )
    return {"nation": nation, "node": node, "agreement": agreement, "closure": closure}


@pytest.mark.parametrize("username", OUTSIDERS)
def test_no_transit_record_names_a_nation_its_reader_may_not_read(
    username, hiddenland, client_as, persona
):
    reader = persona(username)
    assert not network_selectors.node_list(actor=reader).filter(code="hiddenport").exists()
    assert (
        not agreements_selectors.agreement_list(actor=reader)
        .filter(code="hiddenland-transit")
        .exists()
    )
    assert (
        not agreements_selectors.closure_list(actor=reader)
        .filter(code="hiddenland-border")
        .exists()
    )
    client = client_as(username)
    for url in (
        "/api/v1/transit/nodes/hiddenport",
        "/api/v1/transit/agreements/hiddenland-transit",
        "/transit/nodes/hiddenport/",
    ):
        assert client.get(url).status_code == 404, url
    for url in (
        "/api/v1/transit/nodes",
        "/api/v1/transit/agreements?page_size=500",
        "/api/v1/transit/closures",
        "/api/v1/transit/map",
        "/transit/",
        "/transit/agreements/",
    ):
        body = client.get(url).content.decode()
        for name in ("QQZ", "Hiddenland", "hiddenport", "hiddenland-"):
            assert name not in body, (url, name)


def test_the_nations_own_readers_see_its_places_and_agreements(hiddenland, client_as):
    usa = client_as("delegation-usa")
    assert usa.get("/api/v1/transit/nodes/hiddenport").json()["country"] == "QQZ"
    agreement = usa.get("/api/v1/transit/agreements/hiddenland-transit").json()
    assert agreement["country"] == "QQZ"
    codes = {c["code"] for c in usa.get("/api/v1/transit/closures").json()}
    assert "hiddenland-border" in codes


# --- stored flow plans ---------------------------------------------------------------------------


@pytest.fixture
def plan():
    """A NATO plan solved by someone who read a place of the United States' own (``quietdock``):
    one allocation on PUBLIC places, one through the hidden place, unmet demand of both."""
    uzb = Nation.objects.get(iso3="UZB")
    yard = _node("plainyard", "Plain Yard", uzb, "64.00000")
    siding = _node("plainsiding", "Plain Siding", uzb, "64.50000")
    dock = _node("quietdock", "Quiet Dock", uzb, "65.00000", Marking.NATIONAL)
    _leg("plainyard-plainsiding", yard, siding)
    _leg("plainyard-quietdock", yard, dock)
    template = TransitAgreement.objects.order_by("pk").first()
    for code, destination in (("open-demand", siding), ("quiet-demand", dock)):
        demand_create(
            actor=SYSTEM,
            values=DemandValues(
                code=code,
                month=dt.date(2031, 1, 1),
                origin=yard,
                destination=destination,
                cargo_class=template.cargo_class,
                direction=template.direction,
                teu=10,
                tonnes=Decimal("100"),
                marking=Marking.PUBLIC,
            ),
        )
    allocation = {"tonnes": 50.0, "days": 1.0, "lease_arcs": []}
    result = {
        "allocations": [
            {
                "demand": "open-demand",
                "arcs": ["plainyard-plainsiding"],
                "nodes": ["plainyard", "plainsiding"],
                "teu": 6,
                "cost": 5400.0,
                **allocation,
            },
            {
                "demand": "quiet-demand",
                "arcs": ["plainyard-quietdock"],
                "nodes": ["plainyard", "quietdock"],
                "teu": 4,
                "cost": 3600.0,
                **allocation,
            },
        ],
        "unmet": [
            {"demand": "open-demand", "teu": 4, "tonnes": 40.0, "reason": "plainyard-quietdock"},
            {"demand": "quiet-demand", "teu": 6, "tonnes": 60.0, "reason": "quietdock full"},
        ],
        "arc_use": [
            {"arc": arc, "used_teu": teu, "capacity_teu": 400.0, "share": teu / 400}
            | {"bottleneck": False, "value_per_teu": 0.0}
            for arc, teu in (("plainyard-plainsiding", 6), ("plainyard-quietdock", 4))
        ],
        "lease_use": [],
        "cap_use": [],
    }
    return record_create(
        actor=SYSTEM,
        model=FlowPlan,
        data={
            "month": dt.date(2031, 1, 1),
            "created_by": "logistician",
            "status": "optimal",
            "cost": Decimal("9000"),
            "objective": 9000.0,
            "lp_bound": 9000.0,
            "gap": 0.0,
            "solve_seconds": 0.1,
            "demand_teu": 20,
            "unmet_teu": 10,
            "inputs": {"demands": [{"code": "open-demand"}, {"code": "quiet-demand"}]},
            "result": result,
            "marking": Marking.NATO,
        },
        action="flow_plan.solve",
    )


def test_a_plan_names_no_place_its_reader_may_not_read_and_still_adds_up(plan, client_as):
    client = client_as("spoke-north")  # reads NATO plans, not the United States' own places
    result = client.get(f"/api/v1/transit/plans/{plan.pk}").json()["result"]
    page = client.get(f"/transit/plans/{plan.pk}/").content.decode()
    for body in (json.dumps(result), page):
        for name in ("quietdock", "Quiet Dock", "quiet-demand"):
            assert name not in body
    assert planning_selectors.HIDDEN in page
    shown = {a["demand"]: a["teu"] for a in result["allocations"]}
    assert shown == {"open-demand": 6, planning_selectors.HIDDEN: 4}
    assert sum(a["cost"] for a in result["allocations"]) == 9000.0  # the plan's own cost
    assert sum(u["teu"] for u in result["unmet"]) == 10  # the plan's own unmet TEU
    assert [u["arc"] for u in result["arc_use"]] == ["plainyard-plainsiding"]


def test_a_reader_of_every_place_sees_the_plan_whole(plan, client_as):
    result = client_as("delegation-usa").get(f"/api/v1/transit/plans/{plan.pk}").json()["result"]
    assert result == plan.result


# --- route-check messages ------------------------------------------------------------------------


@pytest.fixture
def blocked():
    """A PUBLIC shipment recorded by someone who read a closure of the United States' own: its
    route-check message names the closure's reason."""
    uzb = Nation.objects.get(iso3="UZB")
    yard = _node("checkyard", "Check Yard", uzb, "64.00000")
    siding = _node("checksiding", "Check Siding", uzb, "64.50000")
    leg = _leg("checkyard-checksiding", yard, siding)
    closure_create(
        actor=SYSTEM,
        values=ClosureValues(
            **{
                "code": "quiet-works",
                "target_kind": "leg",
                "leg": leg,
                "start": dt.date(2031, 1, 1),
                "reason": "Quiet works on the line",
                "marking": Marking.NATIONAL,
                **_usa(),
            }
        ),
    )
    template = TransitAgreement.objects.order_by("pk").first()
    return shipment_create(
        actor=SYSTEM,
        values=ShipmentValues(
            reference="check-0001",
            cargo_class=template.cargo_class,
            direction=template.direction,
            teu=2,
            tonnes=Decimal("20.0"),
            origin=yard,
            destination=siding,
            route=[leg.code],
            departure=dt.date(2031, 1, 5),
            marking=Marking.PUBLIC,
        ),
    )


def test_route_problems_name_nothing_their_reader_may_not_read(blocked, client_as):
    assert any("Quiet works" in p for p in blocked.route_problems)  # stored as written
    for username in OUTSIDERS:
        client = client_as(username)
        problems = client.get("/api/v1/transit/shipments/check-0001").json()["route_problems"]
        page = client.get("/transit/shipments/check-0001/").content.decode()
        assert problems == [f"checkyard-checksiding: {shipments_selectors.HIDDEN_CLOSURE}"]
        assert "Quiet works" not in page
        assert "quiet-works" not in page
        assert shipments_selectors.HIDDEN_CLOSURE in page
    usa = client_as("delegation-usa").get("/api/v1/transit/shipments/check-0001").json()
    assert usa["route_problems"] == blocked.route_problems


def test_a_stored_message_naming_a_hidden_agreement_is_redacted(blocked, persona):
    blocked.route_problems = [
        "checkyard-checksiding: quiet-works prohibits lethal cargo by rail through QQQ",
    ]
    rus = shipments_selectors.shipment_problems(actor=persona("delegation-rus"), shipment=blocked)
    assert rus == [
        f"checkyard-checksiding: {shipments_selectors.HIDDEN_RECORD} prohibits lethal cargo "
        "by rail through QQQ"
    ]
