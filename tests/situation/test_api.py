"""The situation API through the mounted API: importing a release as a file, reading counts and
the map, recording a claim; errors as problem+json with their codes."""

import pytest

from accord.situation.models import ConflictEvent, ControlClaim
from tests.situation.conftest import csv_bytes

pytestmark = pytest.mark.django_db


def post_release(client, content, name="23.1", marking="PUBLIC"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("ged.csv", content, content_type="text/csv")
    return client.post(
        "/api/v1/situation/releases",
        {"file": upload, "source": "ucdp_ged", "name": name, "marking": marking},
    )


def test_an_analyst_imports_a_release_and_reads_what_it_changed(client_as, ged_sample, ged_rows):
    client = client_as("hub-staff")
    response = post_release(client, ged_sample)
    assert response.status_code == 201, response.content
    assert response.json()["added"] == 135
    header, rows = ged_rows
    rows[0]["best"] = rows[0]["high"] = "9"
    newer = post_release(client, csv_bytes(header, rows[:-1]), name="23.2").json()
    assert (newer["added"], newer["modified"], newer["withdrawn"]) == (0, 1, 1)
    assert client.get(f"/api/v1/situation/releases/{newer['id']}").json()["report"]["withdrawn"]
    counts = client.get("/api/v1/situation/events/counts?by=province").json()
    assert sum(row["events"] for row in counts) == 134
    geo = client.get("/api/v1/situation/events/map?province=AF-KHO").json()
    assert geo["features"]
    assert {f["properties"]["district"] for f in geo["features"]}
    assert all(f["properties"]["where_precision"] >= 1 for f in geo["features"])
    taleban = client.get("/api/v1/situation/events?actor=Taleban&page_size=500").json()
    assert taleban["count"] > 0
    assert all("Taleban" in e["side_a"] + e["side_b"] for e in taleban["items"])
    precise = client.get("/api/v1/situation/events?max_where_precision=1&page_size=500").json()
    assert {e["where_precision"] for e in precise["items"]} == {1}


def test_a_refused_file_answers_problem_json_with_its_code(client_as, ged_rows):
    header, rows = ged_rows
    rows[0]["latitude"], rows[0]["longitude"] = rows[0]["longitude"], rows[0]["latitude"]
    response = post_release(client_as("hub-staff"), csv_bytes(header, rows))
    assert response.status_code == 422
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["code"] == "event_outside_afghanistan"
    assert "latitude and longitude swapped?" in body["detail"]
    assert not ConflictEvent.objects.exists()


def test_a_claim_is_recorded_and_an_unknown_district_refused(client_as):
    client = client_as("hub-staff")
    payload = {
        "district": "17698898B63216716382211",  # Sangin
        "assessor": "long_war_journal",
        "status": "insurgent",
        "as_of": "2017-03-23",
        "confidence": "medium",
        "source": "Long War Journal district map",
    }
    created = client.post("/api/v1/situation/claims", payload, content_type="application/json")
    assert created.status_code == 201, created.content
    assert created.json()["district"] == payload["district"]
    unknown = client.post(
        "/api/v1/situation/claims",
        {**payload, "district": "nowhere"},
        content_type="application/json",
    )
    assert (unknown.status_code, unknown.json()["code"]) == (422, "unknown_district")
    sourceless = client.post(
        "/api/v1/situation/claims", {**payload, "source": ""}, content_type="application/json"
    )
    assert (sourceless.status_code, sourceless.json()["code"]) == (422, "claim_without_source")
    assert ControlClaim.objects.count() == 1


def test_locate_answers_the_district_of_a_point(client_as):
    response = client_as(None).get("/api/v1/situation/locate?latitude=32.07&longitude=64.83")
    assert response.json()["name"] == "Sangin"
    assert (
        client_as(None).get("/api/v1/situation/locate?latitude=52.5&longitude=13.4").status_code
        == 404
    )


def test_the_import_page_reports_what_changed(client_as, ged_sample):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_as("hub-staff")
    upload = SimpleUploadedFile("ged.csv", ged_sample, content_type="text/csv")
    response = client.post(
        "/situation/releases/import/",
        {"file": upload, "source": "ucdp_ged", "name": "23.1", "marking": "PUBLIC"},
        follow=True,
    )
    assert response.status_code == 200
    assert b"135 added, 0 modified, 0 withdrawn, 7 rows with warnings" in response.content
    again = client.post(
        "/situation/releases/import/",
        {
            "file": SimpleUploadedFile("ged.csv", ged_sample),
            "source": "ucdp_ged",
            "name": "x",
            "marking": "PUBLIC",
        },
    )
    assert again.status_code == 422
    assert b"release_already_imported" in again.content or b"imported on" in again.content


def test_the_map_s_filter_keeps_every_precision_until_one_is_chosen(client_as, ged_sample):
    """The precision filters offer an empty choice first: filtering by another field from the
    form keeps events placed at every precision."""
    client = client_as("hub-staff")
    assert post_release(client, ged_sample).status_code == 201
    form = client.get("/situation/map/").context["form"]
    for name in ("where_precision", "max_where_precision"):
        first_choice = next(iter(form.fields[name].choices))[0]
        assert first_choice == "", f"{name} preselects {first_choice!r}"
    page = client.get("/situation/?q=&where_precision=&max_where_precision=")
    assert page.status_code == 200
    assert page.context["form"].is_valid(), page.context["form"].errors
