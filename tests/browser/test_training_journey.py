"""Training in Chromium: an Afghan delegate nominates three officers for a ten-seat course whose
Afghan quota is two; the third waits, a withdrawal seats them; the trainer records attendance
and grades and issues the certificates; anyone verifies one by its code.

The demo's personas hold no delegation of a beneficiary nation, so the test makes its own."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from accord.access import system_principal
from accord.core.models import Nation
from accord.core.services import user_create
from accord.markings import Role
from accord.training import services
from accord.training.inputs import CourseValues, ProgrammeValues, SessionValues
from accord.training.models import Nomination
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

OFFICERS = [
    ("Ahmad", "Shah", "AF-BJ-1"),
    ("Gul Agha", "Zadran", "AF-BJ-2"),
    ("Wali", "Noori", "AF-BJ-3"),
]


def _setup():
    actor = system_principal("journey")
    afg = Nation.objects.get(iso3="AFG")
    programme = services.programme_create(
        actor=actor,
        values=ProgrammeValues(
            code="bj-programme", name="Journey programme", kind="technicians", beneficiaries=[afg]
        ),
    )
    course = services.course_create(
        actor=actor,
        values=CourseValues(
            programme=programme,
            code="bj-course",
            title="Mi-17 engines (journey)",
            hours=80,
            pass_mark=60,
            language="ru",
            validity_months=24,
        ),
    )
    services.session_create(
        actor=actor,
        course=course,
        values=SessionValues(
            code="bj-session", starts=date(2031, 4, 1), ends=date(2031, 4, 10), capacity=10
        ),
        quotas={afg: 2},
    )
    user_create(
        actor=actor,
        username="bj-delegation-afg",
        password="accord-demo",
        roles=[Role.DELEGATION],
        nation=afg,
        full_name="Journey Delegate",
    )


def _sign_out(page):
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state("networkidle")


def _nominate(page, given, family, nid) -> str:
    page.goto("/training/sessions/bj-session/")
    page.get_by_role("link", name="Nominate", exact=True).click()
    page.get_by_label("Given name").fill(given)
    page.get_by_label("Family name").fill(family)
    page.get_by_label("Date of birth").fill("1985-03-01")
    page.get_by_label("National identifier").fill(nid)
    page.locator("form#record-form").get_by_role("button", name="Nominate").click()
    expect(page).to_have_url(re.compile(r"/training/nominations/\d+/$"))
    return page.url


def test_quota_waitlist_promotion_grades_certificates_and_verification(page):
    _setup()
    sign_in(page, "bj-delegation-afg")
    urls = [_nominate(page, *officer) for officer in OFFICERS]
    expect(page.get_by_text("Nominated: Waitlisted.")).to_be_visible()

    page.goto(urls[0])
    page.get_by_role("button", name="Withdraw").click()
    expect(page.get_by_text("the next in line, if any, has the seat")).to_be_visible()
    page.goto(urls[2])
    expect(page.locator(".fields")).to_contain_text("Accepted")
    _sign_out(page)

    sign_in(page, "trainer")
    for url in urls[1:]:
        page.goto(url)
        page.get_by_label("Day").fill("2031-04-02")
        page.get_by_role("button", name="Record attendance").click()
        expect(page.get_by_text("Attendance recorded.")).to_be_visible()
        page.get_by_label("Grade (0 to 100)").fill("85")
        page.get_by_role("button", name="Record the grade").click()
        expect(page.locator(".fields")).to_contain_text("Passed")
        page.get_by_role("button", name="Issue the certificate").click()
        expect(page.get_by_role("heading", name=re.compile("Certificate TRN-"))).to_be_visible()
    code = page.locator("h1").inner_text().split()[-1]
    assert Nomination.objects.filter(session__code="bj-session", status="passed").count() == 2
    _sign_out(page)

    page.goto(f"/training/verify/?code={code}")
    verification = page.locator("#verification")
    expect(verification).to_contain_text("Valid today")
    expect(verification).to_contain_text("W.N.")
    expect(verification).to_contain_text("Mi-17 engines (journey)")
    expect(verification).not_to_contain_text("Noori")
