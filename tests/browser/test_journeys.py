"""Journeys through the pages in Chromium, as the people in the table of users would take them."""

import re

import pytest
from playwright.sync_api import expect

from accord import access
from accord.access import system_principal
from accord.core.inputs import SiteValues
from accord.core.models import Site, User
from accord.core.services import site_create
from accord.markings import Marking
from tests.browser.conftest import sign_in
from tests.web.conftest import OWN_PERSONNEL, contribution_make

pytestmark = pytest.mark.browser


def _nato_only_site():
    return site_create(
        actor=system_principal("journey"),
        values=SiteValues(
            code="nato_forward_site",
            name="NATO-only forward site",
            kind="airbase",
            latitude="35.0",
            longitude="69.0",
            marking=Marking.NATO,
        ),
    )


def _readable_sites(user, kind: str | None = None) -> int:
    """How many sites (of ``kind``) the access policy lets ``user`` (None: anyone) read."""
    actor = access.ANONYMOUS if user is None else user
    sites = Site.objects.filter(kind=kind) if kind else Site.objects.all()
    return access.visible(sites, actor).count()


def _map_markers(page) -> dict:
    """What the dashboard's map draws: the GeoJSON features it was given, by site kind."""
    page.wait_for_selector(".leaflet-container")
    page.locator(".leaflet-interactive").first.wait_for(state="attached")  # no eval under the CSP
    data = page.evaluate("() => fetch('/map/sites.geojson').then(r => r.json())")
    kinds = {}
    for feature in data["features"]:
        kind = feature["properties"]["kind"]
        kinds[kind] = kinds.get(kind, 0) + 1
    return kinds


def test_spoke_staff_edit_a_contribution_and_see_it_in_its_history(page):
    sign_in(page, "spoke-north")
    expect(page.get_by_text("Sven Spoke").first).to_be_visible()

    kinds = _map_markers(page)
    spoke_north = User.objects.get(username="spoke-north")
    assert kinds.get("spoke") == _readable_sites(spoke_north, "spoke") > 0
    assert kinds.get("hub") == _readable_sites(spoke_north, "hub") > 0
    # Country outlines from the offline basemap are drawn under the markers.
    expect(page.locator(".leaflet-overlay-pane path").first).to_be_attached()

    page.goto("/sites/taac_north/")
    expect(
        page.get_by_role("heading", name=re.compile("Train Advise Assist Command - North"))
    ).to_be_visible()

    contribution = contribution_make("DEU", "taac_north")
    page.goto(f"/contributions/{contribution.pk}/edit/")
    page.get_by_label(re.compile("^Personnel$")).fill("900")
    page.get_by_role("button", name=re.compile("Save")).click()
    page.wait_for_url(re.compile(rf"/contributions/{contribution.pk}/$"))

    history = page.locator("#history")
    expect(history).to_contain_text("contribution.update")
    expect(history).to_contain_text("spoke-north")
    expect(history).to_contain_text(str(OWN_PERSONNEL))
    expect(history).to_contain_text("900")
    contribution.refresh_from_db()
    assert contribution.personnel == 900


def test_spoke_staff_cannot_edit_another_spokes_contribution(page):
    sign_in(page, "spoke-north")
    west = contribution_make("ITA", "taac_west")
    response = page.goto(f"/contributions/{west.pk}/edit/")
    assert response.status == 403
    west.refresh_from_db()
    assert (west.personnel, west.version) == (OWN_PERSONNEL, 1)


def test_the_russian_delegation_sees_no_nato_record_anywhere(page):
    site = _nato_only_site()
    sign_in(page, "delegation-rus")

    kinds = _map_markers(page)
    assert sum(kinds.values()) == _readable_sites(User.objects.get(username="delegation-rus"))
    geo = page.evaluate("() => fetch('/map/sites.geojson').then(r => r.json())")
    assert site.code not in {f["properties"]["code"] for f in geo["features"]}

    page.goto("/sites/")
    expect(page.locator("main")).not_to_contain_text(site.name)
    page.goto("/sites/?q=NATO-only")
    expect(page.locator("main")).not_to_contain_text(site.name)

    response = page.goto(f"/sites/{site.code}/")
    assert response.status == 404
    api = page.request.get(f"/api/v1/sites/{site.code}")
    assert api.status == 404

    exported = page.request.get("/sites/?format=csv")
    assert exported.ok
    assert site.name not in exported.text()


def test_an_anonymous_visitor_sees_the_public_portal_and_nothing_more(page):
    site = _nato_only_site()
    page.goto("/")
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    expect(page.get_by_role("link", name="Audit trail")).to_have_count(0)
    kinds = _map_markers(page)
    assert kinds.get("spoke") == _readable_sites(None, "spoke") > 0

    page.goto("/sites/")
    expect(page.locator("main")).to_contain_text("Train Advise Assist Command - North")
    expect(page.locator("main")).not_to_contain_text(site.name)
    assert page.goto(f"/sites/{site.code}/").status == 404

    page.goto("/audit/")
    expect(page).to_have_url(re.compile(r"/login/"))
    page.goto("/account/")
    expect(page).to_have_url(re.compile(r"/login/"))
    page.goto("/")
