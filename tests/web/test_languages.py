"""Accord in the reader's language: chosen by the browser, the header's switch or the account, kept
for a signed-in user, asked by API callers; right to left for Dari and Pashto; times in the
reader's zone."""

import re
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.test import Client
from django.utils import timezone, translation

from accord.audit.models import AuditEntry
from accord.core.models import User

pytestmark = pytest.mark.django_db


def in_language(language: str, text: str) -> str:
    with translation.override(language):
        translated = translation.gettext(text)
    assert translated != text, f"{text!r} has no {language} translation"
    return translated


def html_tag(page: str) -> str:
    return re.search(r"<html[^>]*>", page).group(0)


@pytest.mark.parametrize(
    ("asked", "lang", "direction"),
    [("ru", "ru", "ltr"), ("fa-AF,fa;q=0.8", "fa-af", "rtl"), ("ps", "ps", "rtl")],
)
def test_the_browser_s_language_is_spoken(client_as, asked, lang, direction):
    page = Client(headers={"accept-language": asked}).get("/").text
    assert html_tag(page) == f'<html lang="{lang}" dir="{direction}">'
    assert in_language(lang, "Sign in") in page


def test_an_unknown_language_gets_english(mission):
    page = Client(headers={"accept-language": "de"}).get("/").text
    assert html_tag(page) == '<html lang="en-gb" dir="ltr">'
    assert ">Sign in<" in page


def test_the_switch_keeps_a_visitor_s_choice_in_a_cookie(mission):
    client = Client()
    answer = client.post("/language/", {"language": "ru", "next": "/public/"})
    assert answer.status_code == 302
    assert answer["Location"] == "/public/"
    assert client.cookies["accord_language"].value == "ru"
    assert html_tag(client.get("/public/").text).startswith('<html lang="ru"')


def test_the_switch_never_sends_a_visitor_to_another_site(mission):
    answer = Client().post("/language/", {"language": "ps", "next": "https://evil.example/"})
    assert answer["Location"] == "/"


def test_a_signed_in_user_s_choice_follows_them_to_another_browser(client_as, persona):
    client_as("delegation-rus").post("/language/", {"language": "ru", "next": "/"})
    user = persona("delegation-rus")
    assert user.language == "ru"
    entry = AuditEntry.objects.filter(action="user.preferences").latest("id")
    assert entry.changes["language"] == ["", "ru"]
    # A new browser that asks for English still gets the user's Russian.
    other = Client(headers={"accept-language": "en"})
    other.force_login(user)
    assert html_tag(other.get("/").text).startswith('<html lang="ru"')


def test_an_api_call_gets_the_language_it_asks_for(persona):
    user = persona("delegation-rus")
    User.objects.filter(pk=user.pk).update(language="ru")
    client = Client(headers={"accept-language": "fa-AF"})
    client.force_login(user)
    problem = client.get("/api/v1/funds/funds/no-such-fund").json()
    assert problem["code"] == "not_found"  # the code stays stable in every language
    assert problem["title"] == in_language("fa-af", "Not found")


def test_the_account_keeps_a_language_and_a_time_zone(client_as, persona):
    client = client_as("hub-staff")
    answer = client.post("/account/preferences/", {"language": "fa-af", "time_zone": "Asia/Kabul"})
    assert answer.status_code == 302
    user = persona("hub-staff")
    assert (user.language, user.time_zone) == ("fa-af", "Asia/Kabul")
    page = client.get("/account/").text
    assert 'dir="rtl"' in html_tag(page)
    assert '<option value="Asia/Kabul" selected>' in page


def test_an_unknown_time_zone_is_refused_in_words_and_recorded(client_as, persona):
    client = client_as("hub-staff")
    answer = client.post("/account/preferences/", {"language": "", "time_zone": "Mars/Olympus"})
    assert answer.status_code == 422
    error = re.search(r'id="errors-time_zone">(.*?)</div>', answer.text, re.S).group(1)
    assert "Mars/Olympus" in error
    assert "time_zone" not in error
    assert persona("hub-staff").time_zone == "UTC"


def test_an_unknown_language_is_refused_and_the_refusal_recorded(persona):
    from accord.core.services import user_preferences_set
    from accord.errors import ValidationFailed

    user = persona("hub-staff")
    with pytest.raises(ValidationFailed) as refused:
        user_preferences_set(actor=user, language="klingon", time_zone="UTC")
    assert refused.value.code == "language_unknown"
    entry = AuditEntry.objects.filter(action="user.preferences").latest("id")
    assert entry.outcome == "refused"
    assert entry.error_code == "language_unknown"


def test_times_are_shown_in_the_reader_s_zone_with_the_zone_named():
    moment = datetime(2013, 6, 1, 10, 0, tzinfo=UTC)
    template = Template("{% load accord_l10n %}{{ moment|moment }}")
    with timezone.override(ZoneInfo("Asia/Kabul")), translation.override("en-gb"):
        shown = template.render(Context({"moment": moment}))
        assert shown == "1 Jun 2013 14:30 (Kabul · GMT+04:30)"
    with timezone.override(ZoneInfo("Europe/Moscow")), translation.override("ru"):
        shown = template.render(Context({"moment": moment}))
        assert re.fullmatch(r"1 июн\. 2013\s?г\. 14:00 \(Москва · GMT\+04:00\)", shown)


def test_dari_days_are_solar_hijri_with_the_gregorian_beside():
    template = Template("{% load accord_l10n %}{{ day|day }}")
    with translation.override("fa-af"):
        shown = template.render(Context({"day": datetime(2013, 6, 1).date()}))
    assert shown == "۱۱ جوزا ۱۳۹۲ (۱ جون ۲۰۱۳)"
