"""Training's API through the mounted router: a nomination by a person's details, its refusal
with a stable code, and the public verification, which names no one."""

import pytest

from tests.training.conftest import course_make, session_make

pytestmark = pytest.mark.django_db

PERSON = {
    "given_name": "Gul Agha",
    "family_name": "Zadran",
    "native_name": "گل آغا زدران",
    "date_of_birth": "1984-02-03",
    "nation": "AFG",
    "national_id": "AF-API-1",
}


def test_nominate_refuse_grade_certify_and_verify(afg_delegation, client_as, client):
    session_make(course_make(), code="t-api", quotas={"AFG": 1, "PAK": 1})
    client.force_login(afg_delegation)
    url = "/api/v1/training/sessions/t-api/nominations"
    created = client.post(url, {"person": PERSON}, content_type="application/json")
    assert created.status_code == 201, created.content
    nomination = created.json()
    assert (nomination["status"], nomination["nation"]) == ("accepted", "AFG")

    foreign = {**PERSON, "nation": "PAK", "national_id": "PK-1"}
    refused = client.post(url, {"person": foreign}, content_type="application/json")
    assert refused.status_code == 403
    assert refused.json()["code"] == "not_own_national"

    # The same person again, spelt in Cyrillic: the known record, already nominated.
    again = {**PERSON, "given_name": "Гуль Ага", "family_name": "Задран"}
    twice = client.post(url, {"person": again}, content_type="application/json")
    assert (twice.status_code, twice.json()["code"]) == (409, "already_nominated")

    trainer = client_as("trainer")
    path = f"/api/v1/training/nominations/{nomination['id']}"
    bad = trainer.post(f"{path}/grade", {"grade": 140}, content_type="application/json")
    assert (bad.status_code, bad.json()["code"]) == (422, "grade_out_of_range")
    trainer.post(f"{path}/grade", {"grade": 88}, content_type="application/json")
    certificate = trainer.post(f"{path}/certificate").json()

    public = client_as(None).get(f"/api/v1/training/verify/{certificate['code']}")
    assert public.status_code == 200
    assert public.json()["initials"] == "G.Z."
    assert "Zadran" not in public.content.decode()
