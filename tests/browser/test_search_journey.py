"""Russia's delegate types a Russian word into the header's search box and finds the council's
decisions by another form of it, grouped by kind, without the NATO-only decision that holds the
same word; then follows a result to the decision's page."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def test_a_delegate_finds_a_decision_by_a_russian_word_from_the_header(page):
    sign_in(page, "delegation-rus")
    box = page.get_by_role("searchbox", name="Search every module")
    box.fill("сотрудничество")
    box.press("Enter")
    decisions = page.locator("h2.search-kind[data-kind=decision]")
    expect(decisions).to_contain_text("(1)")
    hits = decisions.locator("xpath=following-sibling::ol[1]")
    expect(hits).to_contain_text("Обратный транзит и дальнейшее сотрудничество по Афганистану")
    expect(hits.locator("mark").first).to_have_text(re.compile("сотрудничеств", re.I))
    # NAC-2014-001 («Приостановка практического сотрудничества с Россией») is marked NATO.
    expect(page.locator("#search-results")).not_to_contain_text("Приостановка")

    hits.get_by_role("link", name=re.compile("Обратный транзит")).click()
    expect(page.locator("h1")).to_contain_text("NRC-S-2010-001")
