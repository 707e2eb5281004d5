"""Figures, days and times in the reader's language and time zone (see ``accord.l10n``).

    {{ count|number }}          1,234 · 1 234 · ۱٬۲۳۴
    {{ ratio|percent }}         42% · 42 % · ۴۲٪
    {{ total|compact }}         127.5bn · 127,5 млрд
    {{ day|day }}               1 Jun 2013 · 1 июн. 2013 г. · ۱۱ جوزا ۱۳۹۲ (۱ جون ۲۰۱۳)
    {{ day|month }}             June 2013 · июнь 2013 г.
    {{ instant|moment }}        in the reader's time zone, the zone named
    {{ text|digits }}           a code or a year with the reader's digits

Use them instead of Django's ``date`` filter and ``intcomma``: Django has no Pashto, and neither
knows the Solar Hijri calendar.
"""

from __future__ import annotations

from datetime import date, datetime

from django import template
from django.utils import timezone

from accord import l10n

register = template.Library()


def _blank(value) -> bool:
    return value is None or value == ""


@register.filter
def number(value, places=None):
    if _blank(value):
        return ""
    return l10n.format_number(value, places=None if places is None else int(places))


@register.filter
def percent(value):
    return "" if _blank(value) else l10n.format_percent(value)


@register.filter
def compact(value):
    return "" if _blank(value) else l10n.format_compact(value)


@register.filter
def day(value: date | datetime | None):
    if _blank(value):
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return l10n.format_day(value)


@register.filter
def month(value: date | None):
    """A calendar month alone (a plan's month): ``June 2013``."""
    return "" if _blank(value) else l10n.format_month(value)


@register.filter
def moment(value: datetime | None):
    if _blank(value):
        return ""
    if isinstance(value, datetime) and timezone.is_aware(value):
        return l10n.format_moment(value, timezone.get_current_timezone())
    return l10n.format_day(value)


@register.filter
def digits(value):
    return "" if _blank(value) else l10n.local_digits(str(value))
