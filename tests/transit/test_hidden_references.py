"""A PUBLIC transit record never names a place, leg or joint action its reader may not see
(issue 9, §1).

A leg, a demand, a closure and a shipment are only as visible as the places they join or close:
one that touches a hidden place is left out of the reader's network, as a missing record is. What
a record only mentions (a lease's legs, a shipment's current place, its route's legs, its joint
action) is left out of the record, which stays.
"""

import datetime as dt
from decimal import Decimal

import pytest

from accord.access import system_principal
from accord.core.models import Nation
from accord.council.models import JointAction
from accord.markings import Marking
from accord.transit.agreements.inputs import ClosureValues
from accord.transit.agreements.services import closure_create
from accord.transit.models import Shipment, TransitAgreement, TransitLeg
from accord.transit.network.inputs import LegValues, NodeValues
from accord.transit.network.services import leg_create, node_create
from accord.transit.planning.inputs import DemandValues, LeaseValues
from accord.transit.planning.services import demand_create, lease_create
from accord.transit.shipments.inputs import ShipmentValues
from accord.transit.shipments.services import shipment_create

SYSTEM = system_principal("tests")
# The hidden place is the United States' own (NATIONAL): Russia's delegation and Germany's
# spoke staff may not read it, the United States' delegation may.
OUTSIDERS = ["delegation-rus", "spoke-north"]
OPEN, HIDDEN = "Openyard Terminal", "Quietbay Depot"


def _node(code: str, name: str, marking: str, lon: str):
    owner = {"owner_nation": Nation.objects.get(iso3="USA")} if marking == Marking.NATIONAL else {}
    return node_create(
        actor=SYSTEM,
        values=NodeValues(
            **{
                "code": code,
                "name": name,
                "country": Nation.objects.get(iso3="UZB"),
                "kinds": ["rail"],
                "latitude": Decimal("41.00000"),
                "longitude": Decimal(lon),
                "marking": marking,
                **owner,
            }
        ),
    )


def make_leg(code: str, origin, destination, marking=Marking.PUBLIC, **extra):
    """A short rail leg through Uzbekistan, created as the system; ``extra`` adds fields."""
    return leg_create(
        actor=SYSTEM,
        values=LegValues(
            **{
                "code": code,
                "origin": origin,
                "destination": destination,
                "mode": "rail",
                "distance_km": Decimal("120.0"),
                "days": Decimal("1.00"),
                "cost_per_teu": 900,
                "capacity_teu_month": 400,
                "countries": ["UZB"],
                "marking": marking,
                **extra,
            }
        ),
    )


@pytest.fixture
def network():
    """Two PUBLIC places joined by a PUBLIC leg, and a PUBLIC leg from one of them to a place
    of the United States' own (``quietbay``, NATIONAL)."""
    openyard = _node("openyard", OPEN, Marking.PUBLIC, "64.00000")
    plainfield = _node("plainfield", "Plainfield Siding", Marking.PUBLIC, "64.50000")
    quietbay = _node("quietbay", HIDDEN, Marking.NATIONAL, "65.00000")
    return {
        "openyard": openyard,
        "plainfield": plainfield,
        "quietbay": quietbay,
        "open_leg": make_leg("openyard-plainfield", openyard, plainfield),
        "hidden_leg": make_leg("openyard-quietbay", openyard, quietbay),
    }


def _api_items(client, url: str) -> list[dict]:
    response = client.get(url)
    assert response.status_code == 200, response.content
    body = response.json()
    return body["items"] if isinstance(body, dict) and "items" in body else body


@pytest.mark.parametrize("username", OUTSIDERS)
def test_a_public_leg_to_a_hidden_place_is_not_in_the_readers_network(username, network, client_as):
    client = client_as(username)
    codes = {leg["code"] for leg in _api_items(client, "/api/v1/transit/legs?page_size=500")}
    assert "openyard-plainfield" in codes  # the control: a leg between open places shows
    assert "openyard-quietbay" not in codes
    assert client.get("/api/v1/transit/legs/openyard-quietbay").status_code == 404
    assert client.get("/api/v1/transit/legs/no-such-leg").status_code == 404
    geojson = client.get("/api/v1/transit/map").content.decode()
    assert "openyard-plainfield" in geojson
    assert "openyard-quietbay" not in geojson
    assert HIDDEN not in geojson
    pages = [
        "/transit/",
        "/transit/?format=csv",
        "/transit/charts/",
        "/transit/map/network.geojson",
    ]
    for url in pages:
        text = client.get(url).content.decode()
        assert "quietbay" not in text, url
        assert HIDDEN not in text, url
    assert "openyard-plainfield" in client.get("/transit/").content.decode()
    assert client.get("/transit/legs/openyard-quietbay/").status_code == 404
    node_page = client.get("/transit/nodes/openyard/").content.decode()
    assert "openyard-plainfield" in node_page
    assert HIDDEN not in node_page


def test_a_reader_of_both_places_still_sees_the_leg(network, client_as):
    client = client_as("delegation-usa")
    assert client.get("/api/v1/transit/legs/openyard-quietbay").json()["destination"] == (
        "quietbay"
    )
    assert HIDDEN in client.get("/transit/legs/openyard-quietbay/").content.decode()


@pytest.mark.parametrize("username", OUTSIDERS)
def test_no_demand_or_closure_names_a_hidden_place_or_leg(username, network, client_as):
    month = dt.date(2031, 3, 1)
    for code, destination in (("to-plainfield", "plainfield"), ("to-quietbay", "quietbay")):
        demand_create(
            actor=SYSTEM,
            values=DemandValues(
                code=code,
                month=month,
                origin=network["openyard"],
                destination=network[destination],
                cargo_class="non_lethal",
                direction="to_afghanistan",
                teu=4,
                tonnes=Decimal("40.0"),
                marking=Marking.PUBLIC,
            ),
        )
    targets = {
        "closed-plainfield": ("node", {"node": network["plainfield"]}),
        "closed-quietbay": ("node", {"node": network["quietbay"]}),
        "closed-open-leg": ("leg", {"leg": network["open_leg"]}),
        "closed-hidden-leg": ("leg", {"leg": network["hidden_leg"]}),
    }
    for code, (kind, target) in targets.items():
        closure_create(
            actor=SYSTEM,
            values=ClosureValues(
                **{
                    "code": code,
                    "target_kind": kind,
                    **target,
                    "start": dt.date(2031, 3, 1),
                    "reason": f"works at {code}",
                    "marking": Marking.PUBLIC,
                }
            ),
        )
    client = client_as(username)
    demands = _api_items(client, "/api/v1/transit/demands?month=2031-03&page_size=500")
    assert [d["code"] for d in demands] == ["to-plainfield"]
    closures = {c["code"] for c in _api_items(client, "/api/v1/transit/closures")}
    assert {"closed-plainfield", "closed-open-leg"} <= closures
    assert not closures & {"closed-quietbay", "closed-hidden-leg"}
    page = client.get("/transit/agreements/").content.decode()
    assert "closed-open-leg" in page
    assert "quietbay" not in page
    assert "closed-hidden-leg" not in page


def test_a_lease_lists_only_the_legs_its_reader_may_read(network, client_as):
    lease = lease_create(
        actor=SYSTEM,
        values=LeaseValues(
            code="yard-shuttle",
            provider="Yard Shuttle Co",
            mode="rail",
            legs=[network["open_leg"], network["hidden_leg"]],
            teu_per_sortie=40,
            tonnes_per_sortie=Decimal("400.0"),
            cost_per_sortie=20_000,
            hours_per_sortie=Decimal("10.0"),
            period_start=dt.date(2031, 1, 1),
            period_end=dt.date(2031, 12, 31),
            availability="full_time",
            marking=Marking.NRC,
        ),
    )
    rus = client_as("delegation-rus")
    answer = rus.get(f"/api/v1/transit/leases/{lease.code}").json()
    assert answer["legs"] == ["openyard-plainfield"]
    listed = {row["code"]: row["legs"] for row in _api_items(rus, "/api/v1/transit/leases")}
    assert listed["yard-shuttle"] == ["openyard-plainfield"]
    page = rus.get("/transit/agreements/").content.decode()
    assert "yard-shuttle" in page
    assert "openyard-quietbay" not in page
    # The lease itself keeps both legs: a NATO reader sees them.
    usa = client_as("delegation-usa").get(f"/api/v1/transit/leases/{lease.code}").json()
    assert usa["legs"] == ["openyard-plainfield", "openyard-quietbay"]


def _shipment(reference: str, destination, **values) -> Shipment:
    agreement = TransitAgreement.objects.order_by("pk").first()
    leg = values.pop("leg")
    shipment = shipment_create(
        actor=SYSTEM,
        values=ShipmentValues(
            **{
                "reference": reference,
                "cargo_class": agreement.cargo_class,
                "direction": agreement.direction,
                "teu": 2,
                "tonnes": Decimal("20.0"),
                "origin": leg.origin,
                "destination": destination,
                "route": [leg.code],
                "departure": dt.date(2031, 1, 5),
                "marking": Marking.PUBLIC,
                **values,
            }
        ),
    )
    return shipment


@pytest.mark.parametrize("username", OUTSIDERS)
def test_a_public_shipment_names_no_hidden_place_or_leg(username, network, client_as):
    _shipment("yard-0001", network["plainfield"], leg=network["open_leg"])
    # Its last report placed it at the hidden depot, and its planned route runs on the
    # leg to the hidden depot (recorded by whoever planned it).
    Shipment.objects.filter(reference="yard-0001").update(
        current_node=network["quietbay"],
        status="in_transit",
        route=["openyard-plainfield", "openyard-quietbay"],
    )
    _shipment("yard-0002", network["quietbay"], leg=network["hidden_leg"])
    client = client_as(username)
    listed = _api_items(client, "/api/v1/transit/shipments?page_size=500")
    by_reference = {row["reference"]: row for row in listed}
    assert "yard-0002" not in by_reference  # bound for a hidden place: not the reader's
    assert client.get("/api/v1/transit/shipments/yard-0002").status_code == 404
    shown = client.get("/api/v1/transit/shipments/yard-0001").json()
    assert by_reference["yard-0001"] == shown
    assert shown["current_node"] is None
    assert shown["route"] == ["openyard-plainfield"]
    geojson = client.get("/api/v1/transit/map").content.decode()
    assert "yard-0001" not in geojson  # its last place is hidden: it is placed nowhere
    page = client.get("/transit/shipments/yard-0001/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "openyard-plainfield" in text
    assert HIDDEN not in text
    assert "openyard-quietbay" not in text
    listing = client.get("/transit/shipments/").content.decode()
    assert "yard-0001" in listing
    assert HIDDEN not in listing
    assert "yard-0002" not in listing


def test_a_public_shipment_names_its_joint_action_only_to_who_may_read_it(network, client_as):
    joint_action = JointAction.objects.filter(marking=Marking.NATO).order_by("pk").first()
    assert joint_action is not None
    _shipment(
        "yard-0003", network["plainfield"], leg=network["open_leg"], joint_action=joint_action
    )
    rus = client_as("delegation-rus").get("/transit/shipments/yard-0003/")
    assert rus.status_code == 200
    assert joint_action.name not in rus.content.decode()
    assert joint_action.code not in rus.content.decode()
    usa = client_as("delegation-usa").get("/transit/shipments/yard-0003/").content.decode()
    assert joint_action.name in usa


def test_the_public_reads_no_transit_record_at_all(network, client_as):
    # Transit is for signed-in users: the public gets no list, record or map to leak from.
    anonymous = client_as(None)
    for url in ("/api/v1/transit/legs", "/api/v1/transit/map", "/api/v1/transit/demands"):
        response = anonymous.get(url)
        assert response.status_code == 401, url
        assert "openyard" not in response.content.decode()
    for url in ("/transit/", "/transit/legs/openyard-plainfield/", "/transit/map/network.geojson"):
        response = anonymous.get(url)
        assert response.status_code == 302, url
        assert "openyard" not in response.content.decode()


def test_the_planner_does_not_route_through_a_hidden_place(network, client_as):
    rus = client_as("delegation-rus")
    answer = rus.post(
        "/api/v1/transit/routes",
        {
            "origin": "openyard",
            "destination": "quietbay",
            "cargo_class": "non_lethal",
            "on_date": "2031-03-01",
            "shipper": ["USA"],
        },
        content_type="application/json",
    )
    # The hidden place is unknown to the reader, as a missing one is.
    missing = rus.post(
        "/api/v1/transit/routes",
        {
            "origin": "openyard",
            "destination": "no-such-place",
            "cargo_class": "non_lethal",
            "on_date": "2031-03-01",
            "shipper": ["USA"],
        },
        content_type="application/json",
    )
    assert answer.status_code == missing.status_code
    assert HIDDEN not in answer.content.decode()
    assert TransitLeg.objects.filter(code="openyard-quietbay").exists()
