"""Incidents and consequence management through the mounted API, per role: an analyst records
an incident (placed in its district) and its tasks; bad input is refused in words with its code,
audited, nothing written; a NATO incident and its tasks stay out of the Russian delegation's
reach; the exposure lists the mission's sites, legs and shipments near an incident."""

from datetime import date, timedelta

import pytest

from accord.audit.models import AuditEntry
from accord.situation.models import Incident, IncidentTask

pytestmark = pytest.mark.django_db

KABUL = {"latitude": "34.525", "longitude": "69.19"}  # Pul-e-Mahmood Khan, Kabul


def incident(**changes) -> dict:
    return {
        "title": "Truck bomb in Kabul",
        "occurred_on": "2016-04-19",
        "kind": "suicide_attack",
        "place": "Pul-e-Mahmood Khan",
        **KABUL,
        "killed": 64,
        "injured": 347,
        "marking": "NATO",
        **changes,
    }


@pytest.fixture(autouse=True)
def no_incidents(db):
    IncidentTask.objects.all().delete()
    Incident.objects.all().delete()


def post(client, path, payload, method="post"):
    return getattr(client, method)(
        f"/api/v1/situation{path}", payload, content_type="application/json"
    )


def test_an_analyst_records_an_incident_and_its_tasks(client_as):
    client = client_as("hub-staff")
    made = post(client, "/incidents", incident())
    assert made.status_code == 201, made.content
    body = made.json()
    assert (body["province"], body["killed"], body["marking"]) == ("AF-KAB", 64, "NATO")
    assert body["district"]  # placed in its Kabul district
    task = post(
        client,
        f"/incidents/{body['id']}/tasks",
        {"title": "Account for casualties", "owner": "RS HQ medical cell", "due_on": "2016-04-21"},
    )
    assert task.status_code == 201, task.content
    assert (task.json()["status"], task.json()["marking"]) == ("open", "NATO")
    done = post(
        client, f"/tasks/{task.json()['id']}", {"status": "done", "expected_version": 1}, "patch"
    )
    assert (done.status_code, done.json()["status"]) == (200, "done")
    stale = post(
        client, f"/tasks/{task.json()['id']}", {"status": "open", "expected_version": 1}, "patch"
    )
    assert stale.status_code == 409
    tasks = client.get(f"/api/v1/situation/incidents/{body['id']}/tasks").json()
    assert [(t["title"], t["status"]) for t in tasks] == [("Account for casualties", "done")]
    actions = set(AuditEntry.objects.filter(outcome="done").values_list("action", flat=True))
    assert {"incident.create", "incident_task.create", "incident_task.update"} <= actions


def test_the_russian_delegation_and_the_public_never_see_a_nato_incident(client_as):
    made = post(client_as("hub-staff"), "/incidents", incident()).json()
    for who in ("delegation-rus", None):
        client = client_as(who)
        assert client.get(f"/api/v1/situation/incidents/{made['id']}").status_code == 404
        assert client.get(f"/api/v1/situation/incidents/{made['id']}/tasks").status_code == 404
        assert client.get("/api/v1/situation/incidents").json()["count"] == 0
        assert client.get(f"/situation/incidents/{made['id']}/").status_code == 404
        exposure = client.get("/api/v1/situation/exposure?km=50&date_from=2016-04-01").json()
        assert exposure["incidents"] == 0
        assert "Truck bomb" not in client.get("/situation/incidents/").content.decode()


def test_only_analysts_record_incidents_and_a_refusal_is_audited(client_as):
    refused = post(client_as("delegation-rus"), "/incidents", incident(marking="NRC"))
    assert refused.status_code == 403
    assert not Incident.objects.exists()
    assert AuditEntry.objects.filter(action="incident.create", outcome="refused").exists()
    made = post(client_as("hub-staff"), "/incidents", incident(marking="NRC")).json()
    task = {"title": "Report", "owner": "NRC secretariat", "due_on": "2016-05-01"}
    # The Russian delegation reads the NRC incident, but keeps no tasks.
    assert (
        post(client_as("delegation-rus"), f"/incidents/{made['id']}/tasks", task).status_code == 403
    )
    assert not IncidentTask.objects.exists()


@pytest.mark.parametrize(
    ("changes", "code", "words"),
    [
        (
            {"occurred_on": (date.today() + timedelta(days=3)).isoformat()},
            "date_in_future",
            "after today",
        ),
        ({"latitude": "95"}, "validation_failed", "latitude"),
        ({"kind": "earthquake"}, "validation_failed", "kind"),
        ({"killed": -1}, "validation_failed", "killed"),
    ],
)
def test_bad_incidents_are_refused_in_words(client_as, changes, code, words):
    response = post(client_as("hub-staff"), "/incidents", incident(**changes))
    assert response.status_code == 422, response.content
    body = response.json()
    assert body["code"] == code
    assert words in (body["detail"] + str(body.get("errors", ""))).lower()
    assert "constraint" not in response.content.decode()
    assert not Incident.objects.exists()


def test_a_task_due_before_its_incident_is_refused(client_as):
    client = client_as("hub-staff")
    made = post(client, "/incidents", incident()).json()
    response = post(
        client,
        f"/incidents/{made['id']}/tasks",
        {"title": "Too early", "owner": "RS HQ", "due_on": "2016-04-01"},
    )
    assert response.status_code == 422
    assert response.json()["code"] == "task_due_before_incident"
    assert "before the incident of 2016-04-19" in response.json()["detail"]
    assert not IncidentTask.objects.exists()
    assert AuditEntry.objects.filter(action="incident_task.create", outcome="refused").exists()


def test_the_exposure_lists_the_sites_legs_and_shipments_near_an_incident(client_as):
    client = client_as("hub-staff")
    post(client, "/incidents", incident(marking="PUBLIC"))
    near = client.get(
        "/api/v1/situation/exposure?km=50&date_from=2016-04-19&date_to=2016-04-19&events=false"
    )
    assert near.status_code == 200, near.content
    body = near.json()
    assert (body["incidents"], body["events"]) == (1, 0)
    by_kind = {}
    for row in body["exposed"]:
        by_kind.setdefault(row["kind"], []).append(row)
    # The headquarters in Kabul and Bagram lie within 50 km; Kandahar and Mazar-e Sharif do not.
    sites = {row["code"]: row["km"] for row in by_kind["site"]}
    assert sites["rs_hq_kabul"] < 10
    assert "taac_south" not in sites
    assert "taac_north" not in sites
    assert all(
        row["km"] <= 50 and row["nearest"].startswith("incident:")
        for row in body["exposed"]
        if row["kind"] != "shipment"
    )
    assert by_kind["leg"], "the legs into Kabul pass within 50 km"
    assert all(row["legs"] for row in by_kind.get("shipment", []))
    farther = client.get(
        "/api/v1/situation/exposure?km=5&date_from=2016-04-19&date_to=2016-04-19"
    ).json()
    assert len(farther["exposed"]) < len(body["exposed"])


@pytest.mark.parametrize("km", ["0", "501", "many"])
def test_a_distance_out_of_range_is_refused_in_words(client_as, km):
    response = client_as(None).get(f"/api/v1/situation/exposure?km={km}")
    assert response.status_code == 422
    body = response.json()
    if km != "many":  # not a number: the API's own validation answers
        assert body["code"] == "exposure_distance"
        assert "between 1 and 500 km" in body["detail"]
    page = client_as(None).get(f"/situation/exposure/?km={km}")
    assert page.status_code == 200
    assert "form-errors" in page.content.decode()
