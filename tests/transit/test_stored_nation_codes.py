"""Nation codes stored in lists are read as their reader may read them (issue 9, §1).

A leg's countries crossed, an agreement's beneficiaries, a shipment's shipper, a legal basis's
territories and the route planner's countries and permits are ISO3 codes kept in JSON, not
references the policy follows. A code of a nation the reader may not read is said as "(a nation
you may not see)": leaving it out would mislead (a leg would seem to cross fewer countries and a
route to need fewer permits; a list of beneficiaries or territories emptied would read "any").
"""

import datetime as dt
import json
from decimal import Decimal

import pytest

from accord.access import system_principal
from accord.core.models import Nation
from accord.core.selectors import HIDDEN_NATION
from accord.core.services import record_create
from accord.council.models import LegalBasis
from accord.markings import Marking
from accord.transit.agreements.inputs import AgreementValues
from accord.transit.agreements.services import agreement_create
from accord.transit.models import TransitAgreement
from accord.transit.network.inputs import LegValues, NodeValues
from accord.transit.network.services import leg_create, node_create
from accord.transit.shipments.inputs import ShipmentValues
from accord.transit.shipments.services import shipment_create

pytestmark = pytest.mark.django_db

SYSTEM = system_principal("tests")
OUTSIDERS = ["delegation-rus", "spoke-north"]


def _node(code, lon):
    return node_create(
        actor=SYSTEM,
        values=NodeValues(
            code=code,
            name=f"Place {code}",
            country=Nation.objects.get(iso3="UZB"),
            kinds=["rail"],
            latitude=Decimal("41.00000"),
            longitude=Decimal(lon),
            marking=Marking.PUBLIC,
        ),
    )


@pytest.fixture
def stored():
    """A nation only the United States reads (``QQX``), named by code in PUBLIC records."""
    record_create(
        actor=SYSTEM,
        model=Nation,
        data={
            "iso3": "QQX",
            "name": "Quietstan",
            "marking": Marking.NATIONAL,
            "owner_nation": Nation.objects.get(iso3="USA"),
        },
        action="nation.create",
    )
    yard, depot = _node("codeyard", "64.00000"), _node("codedepot", "64.50000")
    leg = leg_create(
        actor=SYSTEM,
        values=LegValues(
            code="codeyard-codedepot",
            origin=yard,
            destination=depot,
            mode="rail",
            distance_km=Decimal("120.0"),
            days=Decimal("1.00"),
            cost_per_teu=900,
            capacity_teu_month=400,
            countries=["UZB", "QQX"],
            marking=Marking.PUBLIC,
        ),
    )
    template = TransitAgreement.objects.order_by("pk").first()
    agreement = agreement_create(
        actor=SYSTEM,
        values=AgreementValues(
            code="quiet-beneficiaries",
            title="Transit for a hidden beneficiary",
            legal_basis=template.legal_basis,
            country=Nation.objects.get(iso3="UZB"),
            mode="road",
            cargo_class=template.cargo_class,
            direction=template.direction,
            valid_from=dt.date(2030, 1, 1),
            parties=["NATO", "QQX"],
            marking=Marking.PUBLIC,
        ),
    )
    shipment = shipment_create(
        actor=SYSTEM,
        values=ShipmentValues(
            reference="quiet-shipper",
            cargo_class=template.cargo_class,
            direction=template.direction,
            teu=1,
            tonnes=Decimal("10.0"),
            origin=yard,
            destination=depot,
            route=[leg.code],
            departure=dt.date(2031, 1, 5),
            shipper=["USA", "QQX"],
            marking=Marking.PUBLIC,
        ),
    )
    basis = LegalBasis.objects.filter(marking=Marking.PUBLIC).order_by("pk").first()
    LegalBasis.objects.filter(pk=basis.pk).update(territories=["AFG", "QQX"])
    return {"leg": leg, "agreement": agreement, "shipment": shipment, "basis": basis}


def _api(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.json()


@pytest.mark.parametrize("username", OUTSIDERS)
def test_stored_codes_of_a_hidden_nation_are_said_not_shown(username, stored, client_as):
    client = client_as(username)
    leg = _api(client, "/api/v1/transit/legs/codeyard-codedepot")
    assert leg["countries"] == ["UZB", HIDDEN_NATION]
    agreement = _api(client, "/api/v1/transit/agreements/quiet-beneficiaries")
    assert agreement["parties"] == ["NATO", HIDDEN_NATION]
    basis = _api(client, f"/api/v1/council/legal-bases/{stored['basis'].code}")
    assert basis["territories"] == ["AFG", HIDDEN_NATION]
    pages = [
        "/api/v1/transit/legs",
        "/api/v1/transit/agreements?page_size=500",
        "/transit/",
        "/transit/legs/codeyard-codedepot/",
        "/transit/agreements/quiet-beneficiaries/",
        f"/council/legal-bases/{stored['basis'].code}/",
    ]
    if username == "spoke-north":  # NATO shipments: Russia's delegation reads none
        assert _api(client, "/api/v1/transit/shipments/quiet-shipper")["shipper"] == [
            "USA",
            HIDDEN_NATION,
        ]
        pages.append("/transit/shipments/quiet-shipper/")
    for url in pages:
        body = client.get(url).content.decode()
        assert "QQX" not in body, url
        assert "Quietstan" not in body, url
    page = client.get("/transit/legs/codeyard-codedepot/").content.decode()
    assert "UZB, (a nation you may not see)" in page


@pytest.mark.parametrize("username", OUTSIDERS)
def test_the_route_planner_says_a_hidden_country_needs_a_permit(username, stored, client_as):
    query = {
        "origin": "codeyard",
        "destination": "codedepot",
        "cargo_class": stored["agreement"].cargo_class,
        "direction": stored["agreement"].direction,
        "on_date": "2031-01-10",
        "shipper": ["USA"],
    }
    response = client_as(username).post(
        "/api/v1/transit/routes", json.dumps(query), content_type="application/json"
    )
    assert response.status_code == 200
    assert "QQX" not in response.content.decode()
    answer = response.json()
    countries = {c for r in answer["pareto"] for c in r["countries"]}
    countries |= {p["country"] for r in answer["pareto"] for p in r["permits"]}
    countries |= {x["country"] for b in answer["blocked"] for x in b["reasons"]}
    assert HIDDEN_NATION in countries


def test_the_nations_readers_see_its_code(stored, client_as):
    usa = client_as("delegation-usa")
    assert _api(usa, "/api/v1/transit/legs/codeyard-codedepot")["countries"] == ["UZB", "QQX"]
    agreement = _api(usa, "/api/v1/transit/agreements/quiet-beneficiaries")
    assert agreement["parties"] == ["NATO", "QQX"]
    assert _api(usa, "/api/v1/transit/shipments/quiet-shipper")["shipper"] == ["USA", "QQX"]
    assert "UZB, QQX" in usa.get("/transit/legs/codeyard-codedepot/").content.decode()
