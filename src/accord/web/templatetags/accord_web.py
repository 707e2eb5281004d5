"""Small template helpers of the pages: marking badges and cell display."""

from datetime import date, datetime

from django import template
from django.utils.html import format_html

register = template.Library()

MARKING_CLASSES = {"PUBLIC": "public", "NRC": "nrc", "NATO": "nato", "NATIONAL": "national"}


@register.simple_tag
def marking_badge(marking: str, owner=None):
    """The marking as a coloured badge; a NATIONAL one names its nation."""
    css = MARKING_CLASSES.get(marking, "public")
    title = {
        "PUBLIC": "Public: everyone may read it",
        "NRC": "NATO and Russia",
        "NATO": "NATO members only",
        "NATIONAL": "One nation only",
    }.get(marking, "")
    label = f"{marking} · {owner.iso3}" if marking == "NATIONAL" and owner is not None else marking
    return format_html('<span class="badge badge-{}" title="{}">{}</span>', css, title, label)


@register.filter
def cell(value):
    """A value as a table cell shows it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, date):
        return value.isoformat()
    return value


@register.filter
def change_value(value):
    """An audit trail value (old or new) for display."""
    if value is None or value == "":
        return "∅"
    if isinstance(value, list):
        return ", ".join(str(v) for v in value) or "∅"
    return value
