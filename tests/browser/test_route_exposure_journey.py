"""A logistician asks which of the transit network's legs pass within 50 km of last month's
conflict events: three events, imported from a GED release, near the Hairatan crossing put the
Termez-Hairatan and Hairatan-Mazar legs on the list and on the map; a narrower distance leaves
them out."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accord.access import system_principal
from accord.situation import services
from tests.browser.conftest import sign_in
from tests.situation.conftest import csv_bytes, sample_rows

pytestmark = pytest.mark.browser

HAIRATAN = (37.23, 67.42)


def _last_months_events_near_hairatan():
    """Three real GED rows moved to within a few km of Hairatan and to last month."""
    header, rows = sample_rows()
    day = timezone.localdate() - timedelta(days=20)
    moved = []
    for n, row in enumerate(rows[:3]):
        moved.append(
            {
                **row,
                "latitude": f"{HAIRATAN[0] - 0.05 - 0.01 * n:.4f}",
                "longitude": f"{HAIRATAN[1] + 0.01 * n:.4f}",
                "date_start": day.isoformat(),
                "date_end": day.isoformat(),
            }
        )
    services.event_release_import(
        actor=system_principal("journey"),
        content=csv_bytes(header, moved),
        filename="ged-last-month.csv",
        source="ucdp_ged",
        name="GED last month",
    )


def test_a_logistician_sees_the_legs_within_50_km_of_last_months_events(page):
    _last_months_events_near_hairatan()
    sign_in(page, "logistician")
    page.goto("/situation/exposure/?km=50&events=on")
    page.wait_for_load_state("networkidle")
    legs = page.locator("#exposed-legs")
    expect(legs).to_contain_text("Hairatan")
    expect(page.locator("#exposure-map .leaflet-interactive").first).to_be_attached()

    page.locator("input[name=km]").fill("1")
    page.locator("input[name=km]").press("Enter")
    page.wait_for_load_state("networkidle")
    expect(page.locator("#exposed-legs")).not_to_contain_text("Hairatan")
