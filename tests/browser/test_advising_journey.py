"""An advisor at TAAC North files an engagement report with the corps the spoke advises, rates
one of its milestones and sees the trend move; an advisor at TAAC West cannot read the report."""

from datetime import date
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from accord.advising import selectors, services
from accord.advising.inputs import RatingValues
from accord.core.models import User
from accord.l10n import format_number
from tests.advising.conftest import SYSTEM, counterpart_make, milestone_make, team_make
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def _sign_out(page):
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state("networkidle")


def _latest_police_mean(username) -> str:
    trends = selectors.trends_by_ministry(actor=User.objects.get(username=username))
    [police] = [t for t in trends if t.key == "moi"]
    return format_number(Decimal(str(police.points[-1].mean)), places=2)  # as the page says it


def test_an_advisor_files_a_report_rates_a_milestone_and_sees_the_trend(page):
    # The police zone (MoI) the spoke advises: the matrix's records rate an army corps only.
    zone = counterpart_make(team_make(site="taac_north"), ministry="moi", kind="police_zone")
    milestone = milestone_make(zone)
    services.rating_record(
        actor=SYSTEM, values=RatingValues(milestone=milestone, rated_on=date(2016, 1, 12), score=2)
    )
    sign_in(page, "spoke-north")

    # The engagement report, from the menu.
    page.locator("nav summary", has_text="Afghan institutions").click()
    page.get_by_role("link", name="Advising").first.click()
    page.get_by_role("link", name="Engagement reports").first.click()
    page.get_by_role("link", name="New engagement report").click()
    form = page.locator("#advising-form")
    form.locator("#id_counterpart").select_option(zone.code)
    form.locator("#id_function").select_option("EF2")
    form.locator("#id_held_on").fill("2016-02-10")
    form.get_by_label("Advisors").fill("Maj. K. Brandt (DEU)")
    form.get_by_label("Notes").fill("Journey: the zone's roster checked against the payroll.")
    form.locator("#id_marking").select_option("NATO")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The engagement report is filed.")).to_be_visible()
    expect(page.locator("dd.prose")).to_contain_text("Journey: the zone's roster checked")
    report_url = page.url

    # The milestone, from the counterpart's page; the rating moves the police's trend.
    before = _latest_police_mean("spoke-north")
    page.goto(f"/advising/counterparts/{zone.code}/")
    page.get_by_role("link", name=str(milestone)).click()
    page.get_by_role("link", name="Rate the milestone").click()
    page.locator("#id_rated_on").fill("2016-03-01")
    page.locator("#id_score").select_option("4")
    page.get_by_label("Note").fill("Payroll reconciled for two months running.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The rating is recorded.")).to_be_visible()
    expect(page.locator("#ratings tbody tr").first).to_contain_text("Payroll reconciled for two")
    after = _latest_police_mean("spoke-north")
    assert after != before

    page.get_by_role("link", name="Trends").first.click()
    legend = page.locator("#trend-ministry").locator("xpath=..").locator("li[data-series=moi]")
    expect(legend).to_contain_text("Ministry of Interior Affairs")
    expect(legend).to_contain_text(f"latest mean {after}")
    expect(page.locator("#trend-site g.series[data-series=taac_north] path")).to_have_count(1)
    _sign_out(page)

    # Another spoke's advisor: the report is not there for them, by URL or in the list.
    sign_in(page, "spoke-west")
    response = page.goto(report_url)
    assert response.status == 404
    page.goto("/advising/reports/")
    expect(page.locator("#rows")).not_to_contain_text("Maj. K. Brandt")
