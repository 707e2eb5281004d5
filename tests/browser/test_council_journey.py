"""The silence procedure in Chromium: circulate, two members break (one proposing a text change),
the change accepted into version 2 and the versions compared, circulate again, adoption.

The deadline "passes" by running ``accord council close-due --now <after the deadline>
--rehearsal``: the command records the adoption as cron would once the time came (marked as a
rehearsal, since the real clock has not reached it), without the test waiting an hour.
"""

import re
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from accord.access import system_principal
from accord.council.models import Body, Consultation, Decision
from accord.council.services import consultation_circulate, consultation_create
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

TITLE = "Statement on the NRC counter-narcotics training for 2014"


def _sign_out(page):
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state("networkidle")


def _circulate(page, deadline):
    page.get_by_label("Silence until").fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    page.get_by_role("button", name=re.compile("Circulate version")).click()
    expect(page.locator("#state")).to_contain_text("Under silence")


def test_a_text_is_circulated_broken_revised_and_adopted(page):
    sign_in(page, "secretariat")
    page.goto("/council/")
    page.get_by_role("link", name="New consultation").click()
    page.get_by_label("Body").select_option("nrc")
    page.get_by_label("Title in English").fill(TITLE)
    page.get_by_label("Draft text in English").fill(
        "The Council agrees to train 300 officers in 2014."
    )
    page.get_by_role("button", name="Open consultation").click()
    expect(page.get_by_role("heading", name=re.compile(TITLE))).to_be_visible()
    deadline = (timezone.now() + timedelta(days=2)).replace(second=0, microsecond=0)
    _circulate(page, deadline)
    url = page.url
    _sign_out(page)

    sign_in(page, "delegation-rus")
    page.goto(url)
    page.get_by_label("Statement").fill("Russia proposes 400 officers, as in 2013.")
    page.get_by_label("Words to change, as they stand in the circulated text").fill("300")
    page.get_by_label("What should stand instead (empty: delete them)").fill("400")
    page.get_by_role("button", name="Break silence").click()
    expect(page.locator("#state")).to_contain_text("Silence broken")
    expect(page.locator("#circulations")).to_contain_text("Russia proposes 400 officers")
    _sign_out(page)

    # A second member breaks the same circulation: both statements stay on record.
    sign_in(page, "delegation-deu")
    page.goto(url)
    expect(page.locator("#state")).to_contain_text("Breaks on record until")
    page.get_by_label("Statement").fill("Germany asks for the 2013 figures first.")
    page.get_by_role("button", name="Break silence").click()
    expect(page.locator("#circulations .break")).to_have_count(2)
    expect(page.locator("#circulations")).to_contain_text("Russia proposes 400 officers")
    expect(page.locator("#circulations")).to_contain_text("Germany asks for the 2013 figures")
    expect(page.get_by_role("button", name="Break silence")).to_have_count(0)
    _sign_out(page)

    # The secretariat accepts Russia's amendment into version 2 and compares the versions.
    sign_in(page, "secretariat")
    page.goto(url)
    page.get_by_role("button", name="Accept into the next version").click()
    expect(page.locator("#versions")).to_contain_text("Version 2")
    page.get_by_role("button", name="Show the difference").click()
    expect(page.locator("#difference del")).to_contain_text("300")
    expect(page.locator("#difference ins")).to_contain_text("400")
    page.goto(url)
    short = (timezone.now() + timedelta(minutes=30)).replace(second=0, microsecond=0)
    _circulate(page, short)

    # The deadline passes: the page derives it on read; close-due records it.
    later = (short + timedelta(minutes=1)).isoformat()
    call_command("council", "close-due", "--now", later, "--rehearsal")
    consultation = Consultation.objects.get(title=TITLE)
    decision = Decision.objects.get(consultation=consultation)
    page.goto("/council/decisions/")
    page.get_by_label("Words").fill("officers")
    row = page.locator("#rows tr", has_text=decision.reference)
    expect(row).to_contain_text(TITLE)
    row.get_by_role("link", name=decision.reference).click()
    expect(page.get_by_text("train 400 officers")).to_be_visible()
    _sign_out(page)

    sign_in(page, "auditor")
    for action in ("consultation.adopt", "silence.break", "amendment.decide"):
        page.goto(f"/audit/?action={action}")
        expect(page.get_by_text(action).first).to_be_visible()
    expect(page.get_by_text(TITLE).first).to_be_visible()


def test_russia_cannot_see_a_nato_only_consultation_by_url_or_api_id(page):
    actor = system_principal("journey")
    nato_text = consultation_create(
        actor=actor, body=Body.objects.get(code="nac"), title="NATO-only text", text="Allies only."
    )
    consultation_circulate(
        actor=actor, consultation=nato_text, deadline=timezone.now() + timedelta(days=1)
    )
    sign_in(page, "delegation-rus")
    response = page.goto(f"/council/consultations/{nato_text.pk}/")
    assert response.status == 404
    expect(page.get_by_text("NATO-only text")).to_have_count(0)
    api = page.request.get(f"/api/v1/council/consultations/{nato_text.pk}")
    assert api.status == 404
    assert api.json()["code"] == "not_found"
    page.goto("/council/")
    expect(page.get_by_text("NATO-only text")).to_have_count(0)


def test_a_text_without_spaces_wraps_inside_the_page(page):
    """A 10,000-character run with no space (a pasted table, a URL) once made the consultation
    page 107,084 px wide; it wraps inside its panel, at 1,366 px and on a phone alike."""
    actor = system_principal("journey")
    long_text = consultation_create(
        actor=actor,
        body=Body.objects.get(code="nrc"),
        title="A" * 300,
        text="officers," * 1_100,
    )
    sign_in(page, "secretariat")
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(f"/council/consultations/{long_text.pk}/")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        widest = page.evaluate("document.documentElement.scrollWidth")
        assert widest <= width, f"the page is {widest} px wide at a {width} px screen"
