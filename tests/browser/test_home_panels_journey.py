"""The first page after signing in shows the maintenance officer the due list's most pressing
tasks and the aircraft not airworthy; the panel's count opens the whole due list."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def test_the_maintenance_officer_signs_in_to_the_due_list(page):
    sign_in(page, "maintenance")
    assert page.url.endswith("/")  # the first page after signing in
    panel = page.locator('section[data-panel="fleet"]')
    expect(panel.get_by_role("heading", name="Fleet")).to_be_visible()
    due = panel.locator(".home-section").filter(has_text="Due list: what is due first")
    expect(due.locator("li").first).to_contain_text("Overdue")
    expect(
        panel.locator(".home-section").filter(has_text="Aircraft not airworthy")
    ).to_contain_text("MX-NRC")
    # The maintenance officer's panel comes before the mission's figures.
    first = page.locator("section.panel").first
    expect(first).to_have_attribute("data-panel", "fleet")
    due.locator("a.count").click()
    page.wait_for_url("**/fleet/due/")
    expect(page.get_by_role("heading", name="Due list", exact=True)).to_be_visible()
    expect(page.locator("table")).to_contain_text("MX-NRC")
