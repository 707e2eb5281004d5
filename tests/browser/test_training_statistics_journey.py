"""Training statistics in Chromium: a session paid by Germany from a trust fund trains two
officers; anyone opens the statistics, sees the programmes' targets reached, the cost per
graduate by donor and the charts, and downloads a table as CSV; its delegation then reports one
graduate's promotion on the trainee's page,
as Afghanistan's delegation passing on its ministry's report."""

from datetime import date
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accord.access import system_principal
from accord.core.models import Nation
from accord.core.services import user_create
from accord.markings import Role
from accord.training import services
from accord.training.inputs import CourseValues, ProgrammeValues, SessionValues
from accord.training.models import Outcome
from tests.browser.conftest import sign_in
from tests.funds.conftest import contribution_make, fund_make
from tests.training.conftest import person

pytestmark = pytest.mark.browser


def _setup():
    actor = system_principal("journey")
    afg, deu = Nation.objects.get(iso3="AFG"), Nation.objects.get(iso3="DEU")
    programme = services.programme_create(
        actor=actor,
        values=ProgrammeValues(
            code="sj-programme", name="Journey programme", kind="technicians", beneficiaries=[afg]
        ),
    )
    course = services.course_create(
        actor=actor,
        values=CourseValues(
            programme=programme,
            code="sj-course",
            title="Journey avionics",
            hours=40,
            language="ru",
        ),
    )
    session = services.session_create(
        actor=actor,
        course=course,
        values=SessionValues(
            code="sj-session", starts=date(2031, 4, 1), ends=date(2031, 4, 10), capacity=10
        ),
        quotas={afg: 4},
    )
    fund = fund_make("sj-fund", donors=("DEU",))
    contribution_make(fund, "DEU", "100000", date(2024, 1, 5))  # received: a past day
    services.session_funding_commit(
        actor=actor,
        session=session,
        fund=fund,
        donor=deu,
        amount_minor=3_000_000,
        day=date(2031, 3, 1),
    )
    user_create(
        actor=actor,
        username="sj-delegation-afg",
        password="accord-demo",
        roles=[Role.DELEGATION],
        nation=afg,
        full_name="Journey Delegate",
    )
    trainees = []
    for given, family in (("Hamid", "Karimi"), ("Zalmai", "Hotak")):
        nomination = services.nomination_create(
            actor=actor,
            session=session,
            person=person(given, family, nid=f"AF-SJ-{family}"),
            new_person=True,
        )
        services.nomination_grade(actor=actor, nomination=nomination, grade=80)
        trainees.append(nomination.trainee)
    return trainees


def test_statistics_targets_costs_charts_export_and_an_outcome(page):
    graduate = _setup()[0]
    page.goto("/training/statistics/")
    expect(page.get_by_role("heading", name="Training statistics")).to_be_visible()
    targets = page.locator("#targets")
    expect(targets).to_contain_text("3,000")
    expect(targets).to_contain_text("Planned")
    costs = page.locator("#costs")
    expect(costs).to_contain_text("Germany")
    expect(costs).to_contain_text("15,000")  # €30,000 for two graduates
    expect(page.locator("#trained-by-nation-title")).to_have_count(1)
    expect(page.locator("#by-course")).to_contain_text("Journey avionics")
    with page.expect_download() as caught:
        page.locator("#by-course").get_by_role("link", name="CSV").click()
    text = Path(caught.value.path()).read_text(encoding="utf-8")
    assert "Journey programme,Journey avionics,2" in text

    sign_in(page, "sj-delegation-afg")
    page.goto(f"/training/trainees/{graduate.pk}/")
    outcomes = page.locator("#outcomes")
    outcomes.get_by_label("Reported by").select_option("afg_moi")
    outcomes.locator("#id_day").fill("2032-01-10")
    outcomes.locator("#id_kind").select_option("promotion")
    outcomes.get_by_label("What happened").fill("Made head of the avionics workshop.")
    outcomes.get_by_role("button", name="Report the outcome").click()
    expect(page.get_by_text("Outcome recorded.")).to_be_visible()
    expect(page.locator("#outcomes")).to_contain_text("Made head of the avionics workshop.")
    assert Outcome.objects.filter(graduate=graduate, kind="promotion").count() == 1
