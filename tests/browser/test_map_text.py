"""Names on the maps are text, never markup: a site or transit node renamed to a fake "session
expired, sign in" link shows as that text in its tooltip and popup, and no link is injected."""

import pytest

from accord.core.models import Site
from accord.transit.models import TransitNode
from tests.browser.conftest import sign_in

pytestmark = pytest.mark.browser

PAYLOAD = '<a href="https://evil.invalid/login" id="injected">session expired, sign in</a>'


def _hover_every_marker(page, selector: str) -> None:
    """Open every marker's tooltip (Leaflet opens one on mouseover), wherever it lies."""
    # A locator's wait, not wait_for_function: Playwright polls a string predicate with
    # `new Function` in the page, which the pages' Content-Security-Policy refuses.
    page.locator(selector).first.wait_for(state="attached")
    for marker in page.locator(selector).all():
        marker.dispatch_event("mouseover")


def _assert_shown_as_text(page, container: str) -> None:
    tooltips = page.locator(f"{container} .leaflet-tooltip")
    texts = tooltips.all_text_contents()
    # A transit node's tooltip adds its kinds after the name ("name · Sea port").
    assert any(t == PAYLOAD or t.startswith(f"{PAYLOAD} · ") for t in texts), texts
    assert page.locator("#injected").count() == 0
    assert page.locator(f"{container} .leaflet-tooltip a").count() == 0
    assert page.locator('a[href="https://evil.invalid/login"]').count() == 0


def test_a_site_renamed_to_markup_shows_as_text_on_the_public_map(page):
    Site.objects.filter(code="taac_north").update(name=PAYLOAD)
    page.goto("/")
    page.wait_for_selector("[data-map].leaflet-container")
    _hover_every_marker(page, "[data-map] path.leaflet-interactive")
    _assert_shown_as_text(page, "[data-map]")
    # Its popup, opened on its own page's map, names it as text too.
    page.goto("/sites/taac_north/")
    popup = page.locator(".leaflet-popup-content h3")
    if popup.count():
        assert popup.first.text_content() == PAYLOAD
    assert page.locator("#injected").count() == 0


def test_a_transit_node_renamed_to_markup_shows_as_text_on_the_transit_map(page):
    node = TransitNode.objects.order_by("pk").first()
    TransitNode.objects.filter(pk=node.pk).update(name=PAYLOAD)
    sign_in(page, "logistician")
    page.goto("/transit/map/")
    page.wait_for_selector("[data-transit-map].leaflet-container")
    _hover_every_marker(page, "[data-transit-map] path.leaflet-interactive")
    _assert_shown_as_text(page, "[data-transit-map]")
