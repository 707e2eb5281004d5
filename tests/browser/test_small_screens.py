"""Every module's main pages on a phone (390 px) and a laptop (1,366 px): nothing makes the page
wider than the screen; wide tables scroll inside their panel. Screenshots at 390 px are kept in
test-results/screenshots/phone/ for a person to look at."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import SCREENSHOTS, sign_in

pytestmark = pytest.mark.browser

PAGES = {
    "dashboard": "/",
    "council": "/council/",
    "decisions": "/council/decisions/",
    "funds": "/funds/",
    "budget": "/budget/",
    "transit": "/transit/",
    "agreements": "/transit/agreements/",
    "fleet": "/fleet/",
    "due-list": "/fleet/due/",
    "training": "/training/",
    "personnel": "/personnel/",
    "payroll": "/personnel/payroll/",
    "situation": "/situation/",
    "situation-map": "/situation/map/",
    "oversight": "/oversight/",
    "findings": "/oversight/findings/",
    "sites": "/sites/",
    "audit": "/audit/",
    "two-factor": "/account/two-factor/",
}


def test_no_page_is_wider_than_the_screen(page):
    sign_in(page, "admin")
    folder = SCREENSHOTS / "phone"
    folder.mkdir(parents=True, exist_ok=True)
    too_wide = []
    for width in (390, 1366):
        page.set_viewport_size({"width": width, "height": 844})
        for name, url in PAGES.items():
            page.goto(url)
            page.wait_for_load_state("networkidle")
            widest = page.evaluate("document.documentElement.scrollWidth")
            if widest > width:
                too_wide.append(f"{url} is {widest} px wide on a {width} px screen")
            if width == 390:
                page.screenshot(path=str(folder / f"{name}.png"))
    assert not too_wide, too_wide


@pytest.mark.parametrize("language", ["English", "Русский", "دری", "پښتو"])
def test_the_menu_is_one_line_on_a_laptop_in_each_language(page, language):
    """An administrator sees every entry of the menu; at 1,366 px it holds on one line (its
    groups open below it), whatever the language's word lengths."""
    page.set_viewport_size({"width": 1366, "height": 800})
    sign_in(page, "admin")
    page.get_by_role("button", name=language, exact=True).click()
    page.wait_for_load_state("networkidle")
    nav = page.locator("nav.nav")
    tops = nav.evaluate("n => [...n.children].map(c => Math.round(c.getBoundingClientRect().top))")
    assert len(set(tops)) == 1, f"the menu wraps onto {len(set(tops))} lines"

    group = nav.locator("details.nav-group").last
    group.locator("summary").click()
    expect(group.locator(".nav-menu a").first).to_be_visible()
    folder = SCREENSHOTS / "menu"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"menu-{page.locator('html').get_attribute('lang')}.png"))
    page.keyboard.press("Escape")
    expect(group.locator(".nav-menu a").first).to_be_hidden()
