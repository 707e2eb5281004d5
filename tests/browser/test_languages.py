"""Accord in Russian, Dari and Pashto, in Chromium.

Three people complete their module's journey in their own language: a Russian delegate breaks
silence on a circulated text, a Dari-reading Afghan budget officer records an expenditure, a
Pashto-reading technician reads the helicopter fund's statement, then logs flights on a Mi-17 and
records its 100-hour inspection done. Then one page of each module in
each language, right to left where the language is: the screenshots are kept in
test-results/screenshots/languages/ for a person to look at.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from playwright.sync_api import expect

from accord.access import system_principal
from accord.budget.models import BudgetLine
from accord.core.models import Nation
from accord.council.models import Body
from accord.council.services import consultation_circulate, consultation_create
from accord.l10n import local_digits
from accord.markings import Marking
from tests.browser.conftest import SCREENSHOTS
from tests.browser.test_fleet_journey import _aircraft_fresh_from_its_50_hour_inspection

pytestmark = pytest.mark.browser

LANGUAGES = {"en-gb": "English", "ru": "Русский", "fa-af": "دری", "ps": "پښتو"}


def t(language: str, text: str) -> str:
    """``text`` as the page shows it in ``language``; it must have a translation."""
    with translation.override(language):
        translated = translation.gettext(text)
    assert language.startswith("en") or translated != text, f"{text!r}: no {language} translation"
    return translated


def sign_in_in(page, language: str, username: str) -> None:
    """Open the sign-in page, choose the language in the header, sign in, as a person would."""
    page.goto("/login/")
    page.get_by_role("button", name=LANGUAGES[language], exact=True).click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("html")).to_have_attribute("lang", language)
    page.get_by_label(t(language, "Password")).fill("accord-demo")
    page.locator("input[name=username]").fill(username)
    page.locator("main").get_by_role("button", name=t(language, "Sign in"), exact=True).click()
    page.wait_for_load_state("networkidle")


def shot(page, name: str) -> None:
    folder = SCREENSHOTS / "languages"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def test_a_russian_delegate_breaks_silence_in_russian(page):
    actor = system_principal("journey")
    text = consultation_create(
        actor=actor,
        body=Body.objects.get(code="nrc"),
        title="Statement on counter-narcotics training in 2014",
        text="The Council agrees to train 300 officers in 2014.",
    )
    consultation_circulate(
        actor=actor, consultation=text, deadline=timezone.now() + timedelta(days=2)
    )
    sign_in_in(page, "ru", "delegation-rus")
    page.goto(f"/council/consultations/{text.pk}/")
    expect(page.locator("#state")).to_contain_text(t("ru", "Under silence"))
    statement = "Россия предлагает 400 слушателей, как в 2013 году."
    page.get_by_label(t("ru", "Statement")).fill(statement)
    page.get_by_role("button", name=t("ru", "Break silence")).click()
    expect(page.locator("#state")).to_contain_text(t("ru", "Silence broken"))
    expect(page.locator("#circulations")).to_contain_text("Россия предлагает 400 слушателей")
    shot(page, "journey-ru-delegate-breaks-silence")


def test_a_dari_budget_officer_records_an_expenditure_in_dari(page):
    sign_in_in(page, "fa-af", "afg-budget")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    line = BudgetLine.objects.get(code="mod-fuel-1395")
    page.goto(f"/budget/lines/{line.pk}/")
    form = page.locator("#entry-form")
    form.get_by_label(t("fa-af", "Kind")).select_option("expenditure")
    form.get_by_label(t("fa-af", "Date")).fill("2016-03-15")
    # Typed in Eastern digits, as a Dari keyboard gives them.
    form.get_by_label(t("fa-af", "Amount")).fill("۲۵۰۰")
    form.get_by_role("button", name=t("fa-af", "Record")).click()
    page.wait_for_load_state("networkidle")
    expect(page.locator(".messages")).to_contain_text(local_digits("2٬500٫00", "fa_AF"))
    shot(page, "journey-fa-budget-officer-records-expenditure")


def test_a_pashto_technician_reads_the_helicopter_fund_in_pashto(page):
    sign_in_in(page, "ps", "afg-technician")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    page.goto("/funds/")
    page.locator("main table a", has_text=re.compile("Helicopter")).first.click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("h1")).to_be_visible()
    body = page.locator("main").inner_text()
    assert re.search("[۰-۹]", body), "figures in Eastern digits"
    shot(page, "journey-ps-technician-reads-hmtf")


def test_a_pashto_technician_logs_flights_and_records_an_inspection_in_pashto(page):
    today = timezone.localdate()
    # The Afghan Air Force's own aircraft, read by Afghanistan: the technician maintains it.
    _aircraft_fresh_from_its_50_hour_inspection(
        today, marking=Marking.NATIONAL, owner_nation=Nation.objects.get(iso3="AFG")
    )
    sign_in_in(page, "ps", "afg-technician")
    page.goto("/fleet/aircraft/JRNY-17/")
    h100 = page.locator("#due-list tr[data-task='h100']")
    expect(h100.locator("[data-status]")).to_have_attribute("data-status", "ok")

    form = page.locator("#log-form")
    form.get_by_label(t("ps", "Date")).fill((today - timedelta(days=7)).isoformat())
    # Typed in Eastern digits, as a Pashto keyboard gives them: 1,094 hours, 6 left of 100.
    form.get_by_label(t("ps", "Flight hours"), exact=True).fill("۱۴")
    form.get_by_label(t("ps", "Landings"), exact=True).fill("۲")
    form.get_by_role("button", name=t("ps", "Log")).click()
    page.wait_for_load_state("networkidle")
    expect(h100.locator("[data-status]")).to_have_attribute("data-status", "due_soon")
    expect(page.locator("#aircraft-hours")).to_have_text(local_digits("1٬094", "ps"))

    h100.get_by_role("link", name=t("ps", "Record done")).click()
    page.get_by_label(t("ps", "Done on")).fill((today - timedelta(days=6)).isoformat())
    page.get_by_role("button", name=t("ps", "Save")).click()
    page.wait_for_load_state("networkidle")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(h100.locator("[data-status]")).to_have_attribute("data-status", "ok")
    shot(page, "journey-ps-technician-records-inspection")


MODULE_PAGES = {
    "dashboard": "/",
    "council": "/council/",
    "funds": "/funds/",
    "budget": "/budget/",
    "transit": "/transit/",
    "fleet": "/fleet/",
    "training": "/training/",
    "personnel": "/personnel/",
    "situation": "/situation/",
    "advising": "/advising/",
    "oversight": "/oversight/",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_page_of_each_module_in_each_language(page, language):
    sign_in_in(page, language, "admin")
    direction = "rtl" if language in {"fa-af", "ps"} else "ltr"
    for module, url in MODULE_PAGES.items():
        page.goto(url)
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.locator("html")).to_have_attribute("dir", direction)
        nav = page.get_by_role("navigation").first
        expect(nav).to_contain_text(t(language, "Dashboard"))
        shot(page, f"{module}-{language}")
