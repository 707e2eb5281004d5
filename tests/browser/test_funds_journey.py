"""The trust-fund journey in Chromium: a pledge, a contribution, a commitment, a refused and an
accepted disbursement, the statement and charts updating, and the IATI file."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from accord.funds import iati
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser
FUND = "/funds/nrc_hmtf/"


def _figure(page, name: str) -> str:
    return page.locator(f'#statement-figures tr[data-figure="{name}"] td').first.inner_text()


def _log_out(page):
    page.get_by_role("button", name="Log out").click()
    page.wait_for_load_state("networkidle")


def _fill_form(page, values: dict):
    for label, value in values.items():
        page.get_by_label(re.compile(f"^{label}")).fill(value)
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("networkidle")


def test_money_moves_through_a_trust_fund_and_the_public_sees_it(page):
    # A delegation pledges for its own nation.
    sign_in(page, "delegation-deu")
    page.goto(FUND)
    pledged_before = _figure(page, "pledged")
    page.get_by_role("link", name="Record a pledge").click()
    _fill_form(page, {"Amount": "300000", "Date": "2015-03-01"})
    expect(page.get_by_text("Record a pledge: recorded.")).to_be_visible()
    assert _figure(page, "pledged") != pledged_before
    _log_out(page)

    # The fund manager records the contribution and a commitment.
    sign_in(page, "fund-manager")
    page.goto(FUND)
    page.get_by_role("link", name="Record a contribution").click()
    page.get_by_label("Nation").select_option("DEU")
    _fill_form(page, {"Amount": "300000", "Date received": "2015-04-01"})
    expect(page.get_by_text("Record a contribution: recorded.")).to_be_visible()
    page.get_by_role("link", name="Record a commitment").click()
    _fill_form(
        page,
        {"Payee or project": "Journey Aviation Services", "Amount": "100000", "Date": "2015-04-02"},
    )
    expect(page.get_by_text("Record a commitment: recorded.")).to_be_visible()
    expect(page.locator("#commitments")).to_contain_text("Journey Aviation Services")
    available = _figure(page, "available")
    disbursed = _figure(page, "disbursed")

    # A disbursement beyond what is available is refused, and says what is available.
    page.get_by_role("link", name="Record a disbursement").click()
    _fill_form(page, {"Payee": "Too Much Ltd", "Amount": "900000000", "Date paid": "2015-04-03"})
    error = page.locator(".form-errors")
    expect(error).to_contain_text("available")
    expect(error).to_contain_text(available)

    # A smaller one from the commitment succeeds.
    page.get_by_label("Commitment").select_option(
        label="Journey Aviation Services (100,000.00 EUR left)"
    )
    _fill_form(page, {"Payee": "", "Amount": "40000", "Date paid": "2015-04-03"})
    expect(page.get_by_text("Record a disbursement: recorded.")).to_be_visible()
    assert _figure(page, "disbursed") != disbursed
    expect(page.locator("#disbursements")).to_contain_text("Journey Aviation Services")
    expect(page.locator('svg[data-chart="fulfilment"]')).to_contain_text("Germany")
    expect(page.locator('svg[data-chart="timeline"] path.line-disbursed')).to_be_attached()

    # The IATI file downloads and validates against the official schema.
    with page.expect_download() as download:
        page.get_by_role("link", name="IATI file").click()
    xml = Path(download.value.path()).read_bytes()
    assert iati.validate(xml) == []
    assert b"Journey Aviation Services" in xml
    _log_out(page)

    # The public sees the fund on the portal, with its donors and charts.
    page.goto("/funds/portal/")
    expect(page.locator("#fund-nrc_hmtf")).to_contain_text("Russia")
    expect(page.locator("#fund-ana_tf")).to_have_count(0)
