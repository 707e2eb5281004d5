"""A logistician's journey through transit planning in Chromium: route, plan, map."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in
from tests.jobs import work_off

pytestmark = pytest.mark.browser


def test_logistician_routes_lethal_cargo_runs_the_plan_and_sees_utilisation(page):
    sign_in(page, "logistician")
    page.goto("/transit/routes/")
    page.locator("#id_origin").select_option("riga")
    page.locator("#id_destination").select_option("kabul")
    page.get_by_label("Cargo class").select_option("lethal")
    page.get_by_label("Departure").fill("2013-06-01")
    page.get_by_label("Shipping nation").fill("USA")
    page.get_by_role("button", name="Find routes").click()

    # The rail route through Russia is excluded, with the reason that names Russia.
    blocked = page.locator("#blocked-routes")
    rail = blocked.locator("tr", has_text="L10")
    expect(rail).to_contain_text("No agreement permits this cargo through RUS")
    expect(rail).to_contain_text("lethal, rail")
    # An air route is offered, with the agreement that permits the Russian airspace.
    pareto = page.locator("#pareto-routes")
    air = pareto.locator("tbody tr", has_text="L22")
    expect(air).to_contain_text("air")
    expect(air).to_contain_text("usa_rus_air_2009")

    # The month's flow plan.
    page.get_by_role("link", name="Flow plan").first.click()
    page.get_by_label("Month").fill("2013-06")
    page.get_by_role("button", name="Solve the month's plan").click()
    # The solve is queued: its page says so and follows it (HTMX polling).
    expect(
        page.get_by_role("heading", name=re.compile("Solve the month's flow plan"))
    ).to_be_visible()
    expect(page.locator("#task-state")).to_have_text("Waiting for a worker")
    # The worker: run here, since no other process sees the SQLite pass's in-memory database.
    work_off()
    expect(page.locator("#task-state")).to_have_text("Done")
    expect(page.locator("#task-step")).to_have_text("done")
    page.get_by_role("link", name="See the result").click()
    expect(page.get_by_role("heading", name=re.compile("Flow plan of June 2013"))).to_be_visible()
    expect(page.locator("#unmet")).to_contain_text("caucasus_poti_mazar")
    expect(page.locator("#utilisation")).to_contain_text("Value of one more TEU")

    # Utilisation on the map: legs drawn, the planned ones labelled with their share.
    page.get_by_role("link", name="Utilisation on the map").click()
    page.wait_for_selector(".leaflet-container")
    # Waited for through the attribute, not a JavaScript predicate: the page's CSP forbids eval.
    expect(page.locator("#transit-map")).to_have_attribute("data-utilised", re.compile(r"^[1-9]"))
    expect(page.locator("#map-status")).to_contain_text("utilisation from the plan")
    expect(page.locator(".leaflet-tooltip.leg-label").first).to_contain_text("%")
