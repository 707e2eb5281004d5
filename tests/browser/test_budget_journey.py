"""Hub staff open a budget line, record an allotment and an expenditure, and watch the execution
rate move; an expenditure beyond the allotment is refused with what is left."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def _record(page, kind: str, day: str, amount: str) -> None:
    form = page.locator("#entry-form")
    form.get_by_label("Kind").select_option(kind)
    form.get_by_label("Date").fill(day)
    form.get_by_label("Amount").fill(amount)
    form.get_by_role("button", name="Record").click()
    page.wait_for_load_state("networkidle")


def test_hub_staff_record_an_allotment_and_an_expenditure(page):
    sign_in(page, "hub-staff")
    page.goto("/budget/?fiscal_year=1395&currency=USD&by=line")
    rate_before = page.locator("#total-rate").inner_text()

    page.goto("/budget/lines/new/")
    page.get_by_label("Fiscal year").select_option("1395")
    page.get_by_label("Sub-programme").select_option(label="MoI p2.fuel: Fuel")
    page.get_by_label("Code").fill("moi-gen-1395")
    page.get_by_label("Name").fill("Police generators")
    page.get_by_label("Currency").select_option("USD")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name=re.compile("moi-gen-1395"))).to_be_visible()
    expect(page.locator("#line-rate")).to_have_text("—")

    _record(page, "allotment", "2016-01-10", "1000000")
    expect(page.get_by_text("Recorded the allotment of 1,000,000.00 USD")).to_be_visible()
    _record(page, "expenditure", "2016-03-15", "250000")
    expect(page.locator("#line-rate")).to_have_text("25.0%")

    # Beyond the allotment: refused, and the form says how much is left.
    _record(page, "expenditure", "2016-03-16", "800000")
    expect(page.get_by_role("alert").first).to_contain_text("750,000.00 USD")
    page.goto("/budget/?fiscal_year=1395&currency=USD&by=line")
    row = page.locator("#execution-table tr", has_text="Police generators")
    expect(row.locator("[data-rate]")).to_have_text("25.0%")
    expect(page.locator("#total-rate")).not_to_have_text(rate_before)


def test_the_russian_delegation_reads_public_budget_figures_only(page):
    sign_in(page, "delegation-rus")
    page.goto("/budget/?fiscal_year=1395&currency=USD&by=line")
    table = page.locator("#execution-table")
    expect(table).to_contain_text("Mi-17 spare parts")
    expect(table).not_to_contain_text("Special Mission Wing")
    page.goto("/budget/sustainment/")
    expect(page.locator("#sustainment-table")).to_contain_text("4,100.0")
    expect(page.locator("svg.chart rect.bar").first).to_be_attached()
    expect(page.get_by_role("link", name="Edit")).to_have_count(0)
