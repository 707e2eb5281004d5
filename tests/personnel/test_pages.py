"""Personnel's pages end to end through the test client: an Afghan personnel officer imports a
month, the report flags suspected ghosts by reason, an auditor drills down to a line and asks
for an override that the officer confirms; the tashkil, persons and strength pages; exports."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from accord.personnel.models import Override, PayrollLine, PayrollMonth, Person
from tests.personnel.conftest import person_make, position_make, slot_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def staffed(kandak):
    position = position_make(kandak, code="t-inf")
    slot_make(person_make(number="P-1"), position, date(2016, 1, 1))
    return kandak


def _upload(name: str, text: str) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def _signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_import_report_drill_down_and_override(staffed, client_as, hub_officers):
    officer = _signed_in(hub_officers[0])  # an Afghan officer who reads English
    response = officer.post(
        "/personnel/payroll/import/",
        {
            "nation": "AFG",
            "month": "2016-05",
            "marking": "PUBLIC",
            "file": _upload(
                "may.csv", "number,position,amount\nP-1,t-inf,12000\nGHOST,t-inf,12000\n"
            ),
            "roster": _upload("roster.csv", "number,days_present\nP-1,25\n"),
        },
    )
    month = PayrollMonth.objects.get(month=date(2016, 5, 1))
    assert response.status_code == 302
    assert response["Location"] == f"/personnel/payroll/{month.pk}/"
    report = officer.get(f"/personnel/payroll/{month.pk}/").content.decode()
    assert "Test kandak" in report
    assert "No such person" in report
    ghost = PayrollLine.objects.get(month=month, number="GHOST")

    auditor = client_as("auditor")
    lines = auditor.get(f"/personnel/payroll/{month.pk}/lines/?flagged=true").content.decode()
    assert f"/personnel/lines/{ghost.pk}/" in lines
    assert "P-1" not in lines
    page = auditor.get(f"/personnel/lines/{ghost.pk}/").content.decode()
    assert "Not on the roster." in page
    assert "Ask for an override" in page
    auditor.post(f"/personnel/lines/{ghost.pk}/override/", {"reason": "Paid in cash, verified"})
    assert Override.objects.get(line=ghost).confirmed_at is None
    # The auditor may not confirm their own request; the officer does.
    auditor.post(f"/personnel/lines/{ghost.pk}/confirm/")
    assert Override.objects.get(line=ghost).confirmed_at is None
    officer.post(f"/personnel/lines/{ghost.pk}/confirm/")
    assert Override.objects.get(line=ghost).confirmed_at is not None

    # Another nation's staff read the month's counts (PUBLIC) but no line.
    other = client_as("spoke-north")
    assert other.get(f"/personnel/payroll/{month.pk}/").status_code == 200
    assert other.get(f"/personnel/lines/{ghost.pk}/").status_code == 404
    assert "GHOST" not in other.get(f"/personnel/payroll/{month.pk}/lines/").content.decode()


def test_a_bad_file_is_named_by_line_on_the_page(staffed, hub_officers):
    response = _signed_in(hub_officers[0]).post(
        "/personnel/payroll/import/",
        {
            "nation": "AFG",
            "month": "2016-05",
            "marking": "PUBLIC",
            "file": _upload("may.csv", "number,position,amount\nP-1,nowhere,12000\n"),
            "roster": _upload("roster.csv", "number,days_present\n"),
        },
    )
    assert response.status_code == 422
    assert "may.csv line 2" in response.content.decode()
    assert not PayrollMonth.objects.filter(month=date(2016, 5, 1)).exists()


def test_persons_are_enrolled_and_confirmed_by_two_users(db, client_as, persona, hub_officers):
    officer = _signed_in(hub_officers[0])
    officer.post(
        "/personnel/persons/new/",
        {"number": "P-NEW", "biometric_id": "BIO-NEW", "given_name": "Ahmad", "nation": "AFG"},
    )
    person = Person.objects.get(number="P-NEW")
    officer.post(f"/personnel/persons/{person.pk}/confirm/")
    person.refresh_from_db()
    assert not person.confirmed  # the same user: refused
    client_as("admin").post(f"/personnel/persons/{person.pk}/confirm/")
    person.refresh_from_db()
    assert person.confirmed_by == persona("admin")
    page = officer.get(f"/personnel/persons/{person.pk}/").content.decode()
    assert "BIO-NEW" in page


def test_lists_strength_and_exports(staffed, client_as):
    reader = client_as("delegation-usa")
    assert "Test kandak" in reader.get("/personnel/").content.decode()
    assert reader.get("/personnel/positions/?unit=" + staffed.code).status_code == 200
    export = reader.get("/personnel/positions/?format=csv&unit=" + staffed.code)
    assert b"t-inf" in b"".join(export.streaming_content)
    strength = reader.get("/personnel/strength/?fiscal_year=1395").content.decode()
    assert staffed.code in strength
    assert 'id="strength-title"' in strength
