"""Template helpers of the budget pages: amounts in minor units and execution rates.

Amounts are written by ``accord.money`` in the page's language, with the currency's own
decimals, so the templates pass the currency: ``{{ total|money:currency }}``."""

from decimal import Decimal

from django import template

from accord import money as money_units
from accord.budget.engine.calendar import solar_date_label

register = template.Library()


@register.filter
def money(minor, currency):
    """Minor units of ``currency`` as the reader writes the figure: 1,234.56 (English)."""
    if minor is None or minor == "":
        return "—"
    return money_units.format_amount(int(minor), currency)


@register.filter
def millions(minor, currency):
    """Minor units as millions of major units, one decimal: 4,100.0 (for the pledge tables)."""
    if minor is None or minor == "":
        return "—"
    return money_units.format_millions(int(minor), currency)


@register.filter
def rate(value):
    """An execution rate (a Decimal fraction) as a percentage: 81.3 %."""
    if value is None or value == "":
        return "—"
    return f"{Decimal(value) * 100:.1f} %"


@register.filter
def solar(day):
    """A Gregorian date as the ministries write it: 15 Hamal 1394."""
    if not day:
        return "—"
    return solar_date_label(day)
