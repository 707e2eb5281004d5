"""Afghanistan's delegation asks for its Mi-35s to be repaired; a maintenance officer takes the
request under review, approves it and commits the money from the HMTF; the delegation follows
each step on its request's page, and reads the request of no other nation."""

import pytest
from playwright.sync_api import expect

from accord.access import system_principal
from accord.core.models import Nation
from accord.core.services import user_create
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def _as(page, username):
    page.context.clear_cookies()
    sign_in(page, username)


def test_a_delegation_requests_a_repair_and_follows_it_to_funding(page):
    user_create(
        actor=system_principal("journey"),
        username="delegation-afg",
        password="accord-demo",
        roles=["delegation"],
        nation=Nation.objects.get(iso3="AFG"),
    )
    _as(page, "delegation-afg")
    page.goto("/fleet/service-requests/new/")
    form = page.locator("#fleet-form")
    form.get_by_label("Title").fill("Repair and service of the Mi-35 fleet")
    form.get_by_label("Description").fill("Seven Mi-35 grounded for want of spares.")
    form.get_by_role("button", name="Save").click()
    page.wait_for_load_state("networkidle")
    status = page.locator("#service-request-status")
    expect(status).to_have_text("Submitted")
    address = page.url

    _as(page, "maintenance")
    page.goto(address)
    page.locator("#review-form").get_by_role("button", name="Take under review").click()
    expect(status).to_have_text("Under review")
    decision = page.locator("#decision-form")
    decision.get_by_label("Decision").select_option(label="Refuse")
    decision.get_by_role("button", name="Record the decision").click()
    # A refusal without its reason is refused in words, and nothing moves.
    refusal = page.locator(".message-error", has_text="Say why the request is refused")
    expect(refusal).to_be_visible()
    expect(status).to_have_text("Under review")
    decision = page.locator("#decision-form")
    decision.get_by_label("Decision").select_option(label="Approve")
    decision.get_by_role("button", name="Record the decision").click()
    expect(status).to_have_text("Approved")
    funding = page.locator("#funding-form")
    funding.get_by_label("Trust fund").select_option(value="nrc_hmtf")
    funding.get_by_label("Amount (in the fund's currency)").fill("250000")
    funding.get_by_role("button", name="Commit the money").click()
    expect(status).to_have_text("Funded")
    expect(page.locator("#amount-committed")).to_contain_text("250,000")

    _as(page, "delegation-afg")
    page.goto(address)
    expect(status).to_have_text("Funded")
    page.goto("/fleet/service-requests/")
    expect(page.get_by_text("Repair and service of the Mi-35 fleet")).to_be_visible()
    _as(page, "delegation-rus")
    page.goto(address)
    expect(page.locator("#service-request-status")).to_have_count(0)
