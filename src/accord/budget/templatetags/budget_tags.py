"""Template helpers of the budget pages: amounts in minor units, execution rates and the Afghan
calendar, all in the reader's language.

Amounts are written by ``accord.money`` in the page's language, with the currency's own
decimals, so the templates pass the currency: ``{{ total|money:currency }}``. Months, days and
fiscal years are named as ``accord.budget.selectors`` names them: the Afghan month names
(transliterated in English and Russian, in their own script in Dari and Pashto) and each fiscal
year with its Gregorian days beside it."""

from django import template

from accord import money as money_units
from accord.budget import charts, selectors
from accord.budget.models import fiscal_year_name

register = template.Library()


def _blank(value) -> bool:
    return value is None or value == ""


@register.filter
def money(minor, currency):
    """Minor units of ``currency`` as the reader writes the figure: 1,234.56 (English)."""
    if _blank(minor):
        return "—"
    return money_units.format_amount(int(minor), currency)


@register.filter
def millions(minor, currency):
    """Minor units as millions of major units, one decimal: 4,100.0 (for the pledge tables)."""
    if _blank(minor):
        return "—"
    return money_units.format_millions(int(minor), currency)


@register.filter
def rate(value):
    """An execution rate (a Decimal fraction) as a percentage: 81.3% (81,3 % in Russian)."""
    return charts.format_rate(None if _blank(value) else value)


@register.filter
def solar(day):
    """A Gregorian date as the ministries write it: 15 Hamal 1394, ۱۵ حمل ۱۳۹۴."""
    if not day:
        return "—"
    return selectors.solar_day(day)


@register.filter
def gregorian(day):
    """A Gregorian date alone, in the reader's language: 22 Dec 2014."""
    if not day:
        return "—"
    return selectors.gregorian_day(day)


@register.filter
def month_label(month):
    """A solar month of a fiscal year: Hamal 1394, حمل ۱۳۹۴."""
    return selectors.month_label(month)


@register.filter
def fiscal_year(year):
    """A fiscal year as the ministries name it: FY 1394, سال مالی ۱۳۹۴."""
    return fiscal_year_name(year.label)


@register.filter
def fiscal_year_dated(year):
    """A fiscal year with its Gregorian days: FY 1394 (22 Dec 2014 – 21 Dec 2015)."""
    return selectors.fiscal_year_dated(year)


@register.filter
def gregorian_span(year):
    """A fiscal year's Gregorian days: 22 Dec 2014 – 21 Dec 2015."""
    return selectors.gregorian_span(year)


@register.filter
def solar_months(year):
    """A fiscal year's first and last solar month: Jadi 1393 – Qaws 1394."""
    return selectors.fiscal_year_months(year)
