"""The layout around every page: its menu and fixed parts are drawn once per language and kept
(``module_nav_html``, ``{% fixed_per_language %}``), so each page must still get the menu of its
own place and reader, the language it asked for, and the parts that are its request's own."""

import re

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def menu(page: str) -> str:
    return re.search(r'<nav class="nav"[^>]*>(.*?)</nav>', page, re.S).group(1)


def current_entries(page: str) -> list[str]:
    """The menu's links marked as the page the visitor is on."""
    return re.findall(r'<a href="([^"]+)" aria-current="page">', menu(page))


def test_the_menu_marks_the_module_the_visitor_is_in(client_as):
    client = client_as("admin")
    assert current_entries(client.get("/training/").text) == ["/training/"]
    assert current_entries(client.get("/council/").text) == ["/council/"]
    assert current_entries(client.get("/training/statistics/").text) == ["/training/"]
    assert current_entries(client.get("/sites/").text) == ["/sites/"]


def test_the_menu_offers_each_reader_only_the_administration_they_may_open(client_as):
    administrator = menu(client_as("admin").get("/training/statistics/").text)
    spoke = menu(client_as("spoke-north").get("/training/statistics/").text)
    anonymous = menu(client_as(None).get("/training/statistics/").text)
    assert 'href="/users/"' in administrator
    assert 'href="/users/"' not in spoke
    assert 'href="/users/"' not in anonymous
    assert 'href="/audit/"' not in anonymous
    # and the administrator's menu, drawn first, was not given to the others
    assert menu(client_as("admin").get("/training/statistics/").text) == administrator


@pytest.mark.parametrize(
    ("language", "skip_link"),
    [("ru", "Перейти к содержанию"), ("fa-af", "رفتن به محتوا"), ("en-gb", "Skip to content")],
)
def test_the_fixed_parts_speak_the_pages_language(client_as, language, skip_link):
    client = client_as(None)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    page = client.get("/training/statistics/").text
    assert f'<a class="skip" href="#main">{skip_link}</a>' in page
    current = re.findall(r'value="([^"]+)" lang="[^"]+" aria-current="true"', page)
    assert current == [language]


def test_each_request_keeps_its_own_form_token_and_return_address(client_as):
    first = client_as(None).get("/training/statistics/?year=2010").text
    second = client_as(None).get("/training/statistics/").text
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    tokens = [token.search(page).group(1) for page in (first, second)]
    assert tokens[0] != tokens[1]
    assert '<input type="hidden" name="next" value="/training/statistics/?year=2010">' in first
    assert '<input type="hidden" name="next" value="/training/statistics/">' in second
