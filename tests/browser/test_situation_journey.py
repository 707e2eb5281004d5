"""An analyst at the hub imports a newer UCDP GED release and sees what changed: the events
added, modified (with the fields that changed) and withdrawn, and the rows warned about; the
same file again is refused, with its code, and nothing changes."""

import csv
import io
from importlib import resources

import pytest
from playwright.sync_api import expect

from accord.access import system_principal
from accord.situation import services
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser


def _sample() -> tuple[list[str], list[dict], bytes]:
    data = resources.files("accord.situation").joinpath("data", "ged231-sample-afghanistan.csv")
    content = data.read_bytes()
    reader = csv.DictReader(io.StringIO(content.decode()))
    return list(reader.fieldnames), list(reader), content


def _newer(header, rows) -> bytes:
    """Release 23.2: one estimate revised, one event withdrawn, one added."""
    rows = [dict(r) for r in rows]
    rows[0]["best"] = rows[0]["high"] = "12"
    rows.pop(10)
    rows.append({**rows[1], "id": "99999901", "relid": "AFG-JRNY"})
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def _import(page, path, name):
    page.goto("/situation/releases/import/")
    form = page.locator("#situation-form")
    form.locator("input[name=file]").set_input_files(str(path))
    form.locator("select[name=source]").select_option("ucdp_ged")
    form.locator("input[name=name]").fill(name)
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("networkidle")


def test_an_analyst_imports_a_newer_release_and_sees_what_changed(page, tmp_path):
    header, rows, content = _sample()
    services.event_release_import(
        actor=system_principal("journey"),
        content=content,
        filename="ged231.csv",
        source="ucdp_ged",
        name="23.1-journey",
    )
    newer = tmp_path / "ged232.csv"
    newer.write_bytes(_newer(header, rows))
    sign_in(page, "hub-staff")

    _import(page, newer, "23.2-journey")
    expect(
        page.get_by_text("1 added, 1 modified, 1 withdrawn, 7 rows with warnings")
    ).to_be_visible()
    expect(page.locator("#count-added")).to_have_text("1")
    expect(page.locator("#added")).to_contain_text("99999901")
    expect(page.locator("#modified")).to_contain_text(rows[0]["id"])
    expect(page.locator("#modified")).to_contain_text("deaths_best, deaths_high")
    expect(page.locator("#withdrawn")).to_contain_text(rows[10]["id"])
    expect(page.locator("#warnings tbody tr")).to_have_count(7)

    # The withdrawn event is no longer counted; its page says so.
    page.locator("#withdrawn a").first.click()
    expect(page.get_by_text("Withdrawn by its source")).to_be_visible()

    # The same file again is refused whole, in the analyst's words, with its code.
    _import(page, newer, "23.2-again")
    expect(page.get_by_role("alert").first).to_contain_text("was imported on")
    page.goto("/situation/releases/")
    expect(page.locator("#releases")).to_contain_text("23.2-journey")
    expect(page.locator("#releases")).not_to_contain_text("23.2-again")


PAYLOAD = '<a href="https://evil.invalid/login" id="injected">session expired, sign in</a>'


def test_the_situation_map_shows_names_as_text_and_the_events_the_reader_reads(page):
    from accord.core.models import Site

    Site.objects.filter(code="taac_north").update(name=PAYLOAD)
    header, rows, _content = _sample()
    rows[0]["where_description"] = PAYLOAD
    services.event_release_import(
        actor=system_principal("journey"),
        content=_newer(header, rows),
        filename="ged.csv",
        source="ucdp_ged",
        name="map-journey",
    )
    sign_in(page, "delegation-rus")
    page.goto("/situation/map/")
    page.wait_for_selector("[data-situation-map] .site-marker")
    for marker in page.locator("[data-situation-map] .site-marker").all():
        marker.dispatch_event("mouseover")
    tooltips = page.locator("[data-situation-map] .leaflet-tooltip").all_text_contents()
    assert PAYLOAD in tooltips
    assert page.locator("#injected").count() == 0
    expect(page.locator("#map-status")).to_contain_text("Events shown")
