"""An auditor records a finding, reads its creation's position on the audit trail and cites it,
is refused a position no chain holds, adds a recommendation and closes it as risk-accepted (first
without naming who accepted it, which is refused); the closure is in the chain and the dashboard
no longer counts the recommendation as open."""

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from accord.access import system_principal
from accord.core.models import Nation
from accord.funds import services as fund_services
from accord.funds.inputs import FundValues
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

TITLE = "Payroll paid to positions no roster confirms"


def _save(page):
    page.locator("#oversight-form").get_by_role("button", name="Save").click()
    page.wait_for_load_state("networkidle")


def test_an_auditor_cites_the_trail_and_closes_a_recommendation_as_risk_accepted(page):
    sign_in(page, "auditor")
    page.goto("/oversight/")
    page.get_by_role("link", name="Record a finding").click()
    form = page.locator("#oversight-form")
    form.get_by_label("Title").fill(TITLE)
    form.get_by_label("Severity").select_option("high")
    form.get_by_label("Module").select_option("personnel")
    form.get_by_label("Owner").fill("Ministry of Defence payroll office")
    form.get_by_label("Root cause").fill("Rosters are not reconciled with the payroll each month.")
    _save(page)
    expect(page.locator("h1")).to_contain_text(TITLE)
    finding_url = page.url

    # The finding's creation, sealed after its commit, has its place in the chain.
    page.goto("/audit/?action=finding.create")
    position = page.locator("td.audit-position").first.inner_text().strip()
    assert re.fullmatch(r"[\d,\s\u00a0]+", position), position
    position = re.sub(r"\D", "", position)

    page.goto(finding_url)
    page.get_by_role("link", name="Cite an audit entry").click()
    page.locator("#oversight-form").get_by_label("Position in the audit chain").fill("999999999")
    _save(page)
    expect(page.get_by_role("alert").first).to_contain_text(
        "No audit entry that you may read sits at position 999999999"
    )
    page.locator("#oversight-form").get_by_label("Position in the audit chain").fill(position)
    page.locator("#oversight-form").get_by_label("Note").fill("The finding's own record")
    _save(page)
    expect(page.locator("#citations")).to_contain_text("finding.create")
    expect(page.locator("#citations")).to_contain_text("The finding's own record")

    page.get_by_role("link", name="Add a recommendation").click()
    page.locator("#oversight-form").get_by_label("Recommendation").fill(
        "Reconcile rosters with the payroll before each month's payment."
    )
    _save(page)
    expect(page.locator(".rec-status").first).to_have_text("Open")
    page.goto("/oversight/")
    expect(page.locator("#open-by-module")).to_contain_text("Personnel")

    page.goto(finding_url)
    page.get_by_role("link", name="Close the recommendation").click()
    page.locator("#oversight-form").get_by_label("Outcome").select_option("risk_accepted")
    _save(page)
    expect(page.get_by_role("alert").first).to_contain_text("Name the official who accepted")
    page.locator("#oversight-form").get_by_label("Risk accepted by").fill("Deputy minister")
    _save(page)
    expect(page.locator(".rec-status").first).to_have_text("Closed: risk accepted")
    expect(page.locator(".accepted-by")).to_have_text("Deputy minister")
    expect(page.locator(".closure")).to_contain_text("The closure is at position")

    page.goto("/oversight/")
    expect(page.locator("#open-by-module")).not_to_contain_text("Personnel")


def _a_disbursement_to_question():
    """A fund with money in it and one disbursement paid from it, as the fund manager made them."""
    actor = system_principal("journey")
    fund = fund_services.fund_create(
        actor=actor, values=FundValues(code="journey_fund", name="Journey fund", currency="EUR")
    )
    fund_services.contribution_record(
        actor=actor,
        fund=fund,
        nation=Nation.objects.get(iso3="DEU"),
        amount="5000",
        currency="EUR",
        day=date(2015, 3, 1),
    )
    return fund_services.disbursement_record(
        actor=actor, fund=fund, amount="1200", day=date(2015, 4, 2), payee="Kabul parts vendor"
    )


def test_an_auditor_questions_a_disbursement_and_closes_the_finding_with_evidence(page):
    """The issue's journey: a finding on a disbursement, citing the disbursement itself and the
    audit entry that recorded it, a corrective action assigned and done with its evidence, and
    the recommendation closed as remediated (refused while the action is not done)."""
    disbursement = _a_disbursement_to_question()
    sign_in(page, "auditor")
    page.goto("/oversight/findings/new/")
    form = page.locator("#oversight-form")
    form.get_by_label("Title").fill("Disbursement paid before the goods were received")
    form.get_by_label("Severity").select_option("medium")
    form.get_by_label("Module").select_option("funds")
    form.get_by_label("Owner").fill("HMTF fund manager")
    _save(page)
    finding_url = page.url

    page.get_by_role("link", name="Cite a record").click()
    form = page.locator("#oversight-form")
    form.get_by_label("Kind of record").select_option("funds.disbursement")
    form.get_by_role("textbox", name="Record").fill(disbursement.entry_id)
    _save(page)
    expect(page.locator("#citations")).to_contain_text(disbursement.entry_id)

    page.goto("/audit/?action=disbursement.record")
    row = page.locator("tr", has_text=disbursement.entry_id).first
    position = re.sub(r"\D", "", row.locator("td.audit-position").inner_text())
    page.goto(finding_url)
    page.get_by_role("link", name="Cite an audit entry").click()
    page.locator("#oversight-form").get_by_label("Position in the audit chain").fill(position)
    _save(page)
    expect(page.locator("#citations")).to_contain_text("disbursement.record")

    page.get_by_role("link", name="Add a recommendation").click()
    page.locator("#oversight-form").get_by_label("Recommendation").fill(
        "Pay suppliers only against a signed receipt of the goods."
    )
    _save(page)
    page.get_by_role("link", name="Assign a corrective action").click()
    form = page.locator("#oversight-form")
    form.get_by_label("Action").fill("Add the receipt check to the payment procedure.")
    form.get_by_label("Owner").fill("HMTF fund manager")
    _save(page)

    page.get_by_role("link", name="Close the recommendation").click()
    page.locator("#oversight-form").get_by_label("Outcome").select_option("remediated")
    _save(page)
    expect(page.get_by_role("alert").first).to_contain_text("only when its corrective actions")

    page.goto(finding_url)
    page.get_by_role("link", name="Record the evidence").click()
    page.locator("#oversight-form").get_by_label("Evidence", exact=True).fill(
        "Payment procedure revised on 1 June 2015; three payments checked against receipts."
    )
    _save(page)
    expect(page.locator(".recommendation").first).to_contain_text("three payments checked")
    page.get_by_role("link", name="Close the recommendation").click()
    page.locator("#oversight-form").get_by_label("Outcome").select_option("remediated")
    _save(page)
    expect(page.locator(".rec-status").first).to_have_text("Closed: remediated")
    expect(page.locator(".closure")).to_be_visible()
