"""Template helpers of the budget pages: amounts in minor units and execution rates."""

from decimal import Decimal

from django import template

from accord.budget.engine.calendar import solar_date_label

register = template.Library()


@register.filter
def money(minor):
    """Minor units as major units with two decimals and thousands separators: 1,234.56."""
    if minor is None or minor == "":
        return "—"
    minor = int(minor)
    sign = "-" if minor < 0 else ""
    major, cents = divmod(abs(minor), 100)
    return f"{sign}{major:,}.{cents:02d}"


@register.filter
def millions(minor):
    """Minor units as millions of major units, one decimal: 4,100.0 (for the pledge tables)."""
    if minor is None or minor == "":
        return "—"
    return f"{int(minor) / 100 / 1_000_000:,.1f}"


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
