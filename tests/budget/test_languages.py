"""The budget in the reader's language: the Afghan month names follow the language (never Dari
script inside an English page), a fiscal year is named as the ministries name it with its
Gregorian days beside it, and figures and rates are written as the language writes them."""

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import translation

from accord.budget import charts, selectors
from accord.budget.engine.calendar import fiscal_year, solar_month

pytestmark = pytest.mark.django_db

HAMAL_1394 = solar_month(1394, 1)
FY_1394 = fiscal_year("1394")


def page(language: str, path: str) -> str:
    response = Client(headers={"accept-language": language}).get(path)
    assert response.status_code == 200
    return response.text


@pytest.mark.parametrize(
    ("language", "hamal", "jadi"),
    [
        ("en-gb", "Hamal 1394", "Jadi 1393"),
        ("ru", "Хамаль 1394", "Джади 1393"),
        ("fa-af", "حمل ۱۳۹۴", "جدی ۱۳۹۳"),
        ("ps", "وری ۱۳۹۴", "مرغومی ۱۳۹۳"),
    ],
)
def test_a_solar_month_is_named_in_the_reader_s_language(language, hamal, jadi):
    with translation.override(language):
        assert selectors.month_label(HAMAL_1394) == hamal
        assert selectors.month_label(FY_1394.months[0]) == jadi


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en-gb", "FY 1394: Jadi 1393 – Qaws 1394 (22 Dec 2014 – 21 Dec 2015)"),
        (
            "ru",
            "1394 финансовый год: Джади 1393 — Кавс 1394 "
            "(22 дек. 2014\u202fг. — 21 дек. 2015\u202fг.)",
        ),
        ("fa-af", "سال مالی ۱۳۹۴: جدی ۱۳۹۳ تا قوس ۱۳۹۴ (۲۲ دسم ۲۰۱۴ تا ۲۱ دسم ۲۰۱۵)"),
    ],
)
def test_a_fiscal_year_is_named_as_the_ministries_name_it_with_its_gregorian_days(language, title):
    with translation.override(language):
        assert selectors.fiscal_year_title(FY_1394) == title


def test_the_transitional_period_is_named_without_its_code_letter():
    with translation.override("fa-af"):
        assert selectors.fiscal_year_dated(fiscal_year("1400T")).startswith("دورهٔ انتقالی ۱۴۰۰")


def test_a_solar_day_in_english_and_in_dari():
    with translation.override("en-gb"):
        assert selectors.solar_day(date(2015, 3, 21)) == "1 Hamal 1394"
    with translation.override("fa-af"):
        assert selectors.solar_day(date(2015, 3, 21)) == "۱ حمل ۱۳۹۴"


@pytest.mark.parametrize(
    ("language", "rate"), [("en-gb", "81.3%"), ("ru", "81,3\xa0%"), ("fa-af", "۸۱٫۳%")]
)
def test_an_execution_rate_is_written_as_the_language_writes_it(language, rate):
    with translation.override(language):
        assert charts.format_rate(Decimal("0.8134")) == rate
    assert charts.format_rate(None) == "—"


def test_the_english_execution_page_names_the_months_in_latin_letters(client_as):
    text = page("en-gb", "/budget/?fiscal_year=1394")
    assert "Hamal 1394" in text
    assert "حمل" not in text  # the bug: Dari script inside an English page


def test_the_russian_execution_page_is_in_russian(client_as):
    text = page("ru", "/budget/?fiscal_year=1394")
    assert "Хамаль 1394" in text
    assert "Исполнение бюджета" in text
    assert "1394 финансовый год" in text
    assert "حمل" not in text


@pytest.mark.parametrize(
    ("language", "month", "year"),
    [("fa-af", "حمل ۱۳۹۴", "سال مالی ۱۳۹۴"), ("ps", "وری ۱۳۹۴", "۱۳۹۴ مالي کال")],
)
def test_the_dari_and_pashto_pages_use_their_own_month_names(client_as, language, month, year):
    text = page(language, "/budget/?fiscal_year=1394")
    assert month in text
    assert year in text
    assert "Hamal" not in text


def test_the_fiscal_years_page_shows_each_year_with_its_gregorian_days(client_as):
    text = page("fa-af", "/budget/fiscal-years/")
    assert "جدی ۱۳۹۳ تا قوس ۱۳۹۴" in text
    assert "۲۲ دسم ۲۰۱۴ تا ۲۱ دسم ۲۰۱۵" in text
