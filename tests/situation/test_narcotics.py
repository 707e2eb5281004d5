"""Narcotics: UNODC's figures from the scenario with their sources, the trafficking routes beside
the transit network on the map, and seizures linked to counter-narcotics graduates (only
graduates the training module knows, only as far as the reader may read them)."""

from datetime import date

import pytest

from accord.audit.models import AuditEntry
from accord.core.models import Nation
from accord.situation.models import Seizure
from accord.training import services as training
from accord.training.inputs import SessionValues, TraineeValues
from accord.training.models import Course

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_seizures(db):
    Seizure.objects.all().delete()


def test_the_scenario_figures_carry_their_sources(client_as):
    client = client_as(None)
    helmand = client.get(
        "/api/v1/situation/narcotics/figures?province=AF-HEL&measure=cultivation_ha&year=2014"
    ).json()["items"]
    assert [(f["value"], f["sources"], f["estimated"]) for f in helmand] == [
        ("103240.00", ["S-116"], True)
    ]
    national = client.get(
        "/api/v1/situation/narcotics/figures?measure=cultivation_ha&year=2014"
    ).json()["items"]
    # The scenario's own `narcotics` item: 224,000 ha in 2014, a record (S-116).
    assert ("224000.00", None, ["S-116"]) in [
        (f["value"], f["province"], f["sources"]) for f in national
    ]
    share = client.get("/api/v1/situation/narcotics/figures?measure=production_share").json()
    assert [(f["province"], f["year"], f["value"]) for f in share["items"]] == [
        ("AF-HEL", 2010, "53.00")
    ]
    page = client.get("/situation/narcotics/?measure=cultivation_ha&year=2014").content.decode()
    assert "103" in page
    assert "S-116" in page


def test_the_map_draws_the_trafficking_routes_beside_the_transit_legs(client_as):
    data = (
        client_as("logistician")
        .get("/situation/narcotics/map/data/?measure=cultivation_ha&year=2014")
        .json()
    )
    kinds = [f["properties"]["type"] for f in data["features"]]
    assert kinds.count("trafficking") == 2
    assert kinds.count("leg") > 10
    northern = next(f for f in data["features"] if f["properties"]["code"] == "northern-tajikistan")
    assert northern["geometry"]["coordinates"][0] == [68.86, 36.73]  # Kunduz
    assert data["province_values"]["AF-HEL"] == 103240.0
    routes = client_as(None).get("/api/v1/situation/narcotics/routes").json()
    assert {r["code"] for r in routes} == {"northern-tajikistan", "northern-uzbekistan"}
    assert all(r["sources"] == ["S-118", "S-119"] for r in routes)


def _graduate(afg_delegation, persona):
    """An Afghan officer who passed the NRC counter-narcotics interdiction course in 2012."""
    course = Course.objects.get(code="cnt-interdiction")
    session = training.session_create(
        actor=persona("admin"),
        course=course,
        values=SessionValues(
            code="cnt-2012-test",
            starts=date(2012, 3, 1),
            ends=date(2012, 3, 14),
            capacity=4,
            nominations_open=True,
        ),
        quotas={Nation.objects.get(iso3="AFG"): 2},
    )
    nomination = training.nomination_create(
        actor=afg_delegation,
        session=session,
        person=TraineeValues(
            given_name="Wali",
            family_name="Karimi",
            date_of_birth=date(1982, 5, 1),
            nation=Nation.objects.get(iso3="AFG"),
        ),
    )
    trainer = persona("trainer")
    training.nomination_grade(actor=trainer, nomination=nomination, grade=85)
    training.certificate_issue(actor=trainer, nomination=nomination, issued_on=date(2012, 3, 14))
    return nomination.trainee


SEIZURE = {
    "agency": "Counter Narcotics Police of Afghanistan",
    "nation": "AFG",
    "drug": "heroin",
    "quantity_kg": "120.5",
    "place": "Hairatan",
    "latitude": "37.21",
    "longitude": "67.42",
    "marking": "PUBLIC",
}


def test_a_seizure_names_its_counter_narcotics_graduates_to_those_who_may_read_them(
    client_as, persona, afg_delegation
):
    graduate = _graduate(afg_delegation, persona)
    admin = client_as("admin")
    early = admin.post(
        "/api/v1/situation/seizures",
        {**SEIZURE, "seized_on": "2012-02-01", "graduates": [graduate.pk]},
        content_type="application/json",
    )
    assert early.status_code == 422  # not yet a graduate on that day
    assert early.json()["code"] == "not_a_graduate"
    assert not Seizure.objects.exists()
    made = admin.post(
        "/api/v1/situation/seizures",
        {**SEIZURE, "seized_on": "2012-06-26", "graduates": [graduate.pk]},
        content_type="application/json",
    )
    assert made.status_code == 201, made.content
    seizure = Seizure.objects.get()
    assert list(seizure.graduates.all()) == [graduate]
    assert seizure.province.code == "AF-BAL"
    assert AuditEntry.objects.filter(action="seizure.graduates", outcome="done").exists()
    url = f"/situation/seizures/{seizure.pk}/"
    assert "Karimi" in admin.get(url).content.decode()
    # The trainee is personal data: the public and the Russian delegation read the seizure,
    # never the graduate's name.
    for who in (None, "delegation-rus", "hub-staff"):
        page = client_as(who).get(url)
        assert page.status_code == 200
        assert "Karimi" not in page.content.decode()


def test_bad_seizures_are_refused_in_words(client_as):
    client = client_as("hub-staff")
    for changes, code in (
        ({"seized_on": "2099-01-01"}, "date_in_future"),
        ({"seized_on": "2012-06-26", "nation": "XXX"}, "validation_failed"),
        ({"seized_on": "2012-06-26", "route": "no-such-route"}, "validation_failed"),
        ({"seized_on": "2012-06-26", "quantity_kg": "0"}, "validation_failed"),
    ):
        response = client.post(
            "/api/v1/situation/seizures", {**SEIZURE, **changes}, content_type="application/json"
        )
        assert response.status_code == 422, (changes, response.content)
        assert response.json()["code"] == code
        assert "constraint" not in response.content.decode()
    assert not Seizure.objects.exists()
    refused = client_as("delegation-rus").post(
        "/api/v1/situation/seizures",
        {**SEIZURE, "seized_on": "2012-06-26"},
        content_type="application/json",
    )
    assert refused.status_code == 403
    assert not Seizure.objects.exists()
