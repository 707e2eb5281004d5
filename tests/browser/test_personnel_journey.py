"""An Afghan personnel officer imports a month's payroll and attendance roster; the
reconciliation flags a suspected ghost by reason; an auditor drills from the report to the
flagged line, its person and its roster, and asks for an override, which the officer confirms
as the second user."""

from datetime import date

import pytest
from playwright.sync_api import expect

from accord.access import system_principal
from accord.core.models import Nation, Site
from accord.core.services import user_create
from accord.markings import Role
from accord.personnel.models import Override, PayrollLine
from tests.browser.conftest import sign_in
from tests.personnel.conftest import person_make, position_make, slot_make, unit_make

pytestmark = pytest.mark.browser
PASSWORD = "journey-password-personnel-1"


def _officer():
    return user_create(
        actor=system_principal("journey"),
        username="bj-personnel",
        password=PASSWORD,
        roles=[Role.HUB_STAFF],
        nation=Nation.objects.get(iso3="AFG"),
        site=Site.objects.get(code="rs_hq_kabul"),
    )


def _sign_out(page):
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state("networkidle")


def test_a_ghost_is_flagged_drilled_into_and_overridden_by_two_users(page):
    _officer()
    unit = unit_make(code="bj-kandak", name="Journey kandak")
    position = position_make(unit, code="bj-inf")
    slot_make(person_make(number="BJ-1"), position, date(2016, 1, 1))

    sign_in(page, "bj-personnel", PASSWORD)
    page.goto("/personnel/payroll/import/")
    page.locator("#id_nation").select_option("AFG")
    page.locator("#id_month").fill("2016-05")
    page.locator("#id_marking").select_option("PUBLIC")
    page.locator("#id_file").set_input_files(
        files=[
            {
                "name": "may.csv",
                "mimeType": "text/csv",
                "buffer": b"number,position,amount\nBJ-1,bj-inf,12000\nBJ-GHOST,bj-inf,12000\n",
            }
        ]
    )
    page.locator("#id_roster").set_input_files(
        files=[
            {
                "name": "roster.csv",
                "mimeType": "text/csv",
                "buffer": b"number,days_present\nBJ-1,24\n",
            }
        ]
    )
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_text("Imported 2 lines; 1 flagged as suspected ghosts.")).to_be_visible()
    report = page.locator("#report tr", has_text="Journey kandak")
    expect(report).to_contain_text("1")
    _sign_out(page)

    sign_in(page, "auditor")
    page.goto("/personnel/payroll/")
    page.get_by_role("link", name="2016-05").click()
    page.locator("#report tr", has_text="Journey kandak").get_by_role("link").last.click()
    page.get_by_role("link", name="3").click()  # the ghost's line (the file's line 3)
    expect(page.get_by_role("alert")).to_contain_text("No such person, Absent from the roster")
    expect(page.get_by_text("Not on the roster.")).to_be_visible()
    page.locator("#id_reason").fill("Enrolled late: the card is with the kandak")
    page.get_by_role("button", name="Ask for an override").click()
    expect(page.get_by_text("a second user must confirm it")).to_be_visible()
    expect(page.get_by_role("button", name="Confirm the override")).to_be_visible()
    page.get_by_role("button", name="Confirm the override").click()
    expect(page.get_by_text("another user must confirm it")).to_be_visible()
    line_url = page.url
    _sign_out(page)

    sign_in(page, "bj-personnel", PASSWORD)
    page.goto(line_url)
    page.get_by_role("button", name="Confirm the override").click()
    expect(page.get_by_text("the line is accepted", exact=False).first).to_be_visible()
    ghost = PayrollLine.objects.get(number="BJ-GHOST")
    override = Override.objects.get(line=ghost)
    assert override.requested_by.username == "auditor"
    assert override.confirmed_by.username == "bj-personnel"
