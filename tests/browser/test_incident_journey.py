"""An analyst at the hub records a terrorist incident in Kabul, adds a consequence-management
task and moves it on, then sees the mission's sites and routes within 50 km of it, listed and on
the map; a task due before its incident is refused in words and nothing is added."""

import re
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def test_an_analyst_records_an_incident_adds_a_task_and_sees_the_exposure(page):
    today = date.today()
    sign_in(page, "hub-staff")
    page.goto("/situation/incidents/")
    page.get_by_role("link", name="New incident").click()
    form = page.locator("#situation-form")
    form.locator("input[name=title]").fill("Rocket attack near the airport")
    form.locator("input[name=occurred_on]").fill(today.isoformat())
    form.locator("select[name=kind]").select_option("rocket")
    form.locator("input[name=place]").fill("Kabul, Hamid Karzai International Airport")
    form.locator("input[name=latitude]").fill("34.5659")
    form.locator("input[name=longitude]").fill("69.2123")
    form.locator("input[name=killed]").fill("2")
    form.locator("input[name=injured]").fill("11")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("The incident is recorded")).to_be_visible()
    expect(page.locator("h1")).to_contain_text("Rocket attack near the airport")
    expect(page.get_by_text("2 killed, 11 injured")).to_be_visible()

    # A task due before the incident is refused in words; nothing is added.
    tasks = page.locator("#tasks")
    tasks.locator("input[name=title]").fill("Account for the casualties")
    tasks.locator("input[name=owner]").fill("RS HQ medical cell")
    tasks.locator("input[name=due_on]").fill((today - timedelta(days=5)).isoformat())
    page.get_by_role("button", name="Add the task").click()
    expect(page.locator(".message-error").last).to_contain_text("before the incident of")
    expect(page.locator("#tasks tbody")).to_contain_text("No task yet.")

    tasks.locator("input[name=title]").fill("Account for the casualties")
    tasks.locator("input[name=owner]").fill("RS HQ medical cell")
    tasks.locator("input[name=due_on]").fill((today + timedelta(days=2)).isoformat())
    page.get_by_role("button", name="Add the task").click()
    expect(page.get_by_text("The task is added.")).to_be_visible()
    row = page.locator("#tasks tbody tr", has_text="Account for the casualties")
    expect(row).to_contain_text("RS HQ medical cell")
    row.locator("select[name=status]").select_option("in_progress")
    row.get_by_role("button", name="Change").click()
    expect(page.get_by_text("The task's status is changed.")).to_be_visible()
    expect(
        page.locator("#tasks tbody tr", has_text="Account for the casualties").locator("select")
    ).to_have_value("in_progress")

    # The exposure: the sites and legs within 50 km, listed and drawn on the map.
    page.get_by_role("link", name="Exposure of the mission within 50 km").click()
    expect(page.locator("#exposure-summary")).to_contain_text("50")
    expect(page.locator("#exposed-sites")).to_contain_text("Resolute Support Headquarters")
    expect(page.locator("#exposed-sites")).not_to_contain_text("Kandahar")
    expect(page.locator("#exposed-legs tbody tr").first).to_be_visible()
    expect(page.locator("#exposure-map")).to_have_attribute(
        "data-drawn", re.compile(r"^[1-9][0-9]*$")
    )
    expect(page.locator("#exposure-map .leaflet-interactive").first).to_be_attached()

    # A narrower distance lists fewer legs.
    legs_at_50 = page.locator("#exposed-legs tbody tr").count()
    page.locator("input[name=km]").fill("2")
    page.get_by_role("button", name="Apply").click()
    expect(page.locator("#exposure-summary")).to_contain_text("2 km")
    assert page.locator("#exposed-legs tbody tr").count() <= legs_at_50
