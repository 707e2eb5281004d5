"""Small template helpers of the pages: marking badges, cell display, the layout's fixed parts."""

from datetime import date, datetime

from django import template
from django.urls import get_script_prefix
from django.utils.html import format_html
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from accord.core.selectors import nation_codes_redacted, nation_codes_shown
from accord.l10n import local_digits
from accord.markings import names_its_nation
from accord.web.templatetags.accord_l10n import day, moment

register = template.Library()


class FixedPerLanguageNode(template.Node):
    """A fragment drawn once per language (and script prefix), then given as drawn.

    For the layout's parts that are the same for every reader and page in a language: its
    translated labels, its static files' and fixed pages' addresses. Rendering them on each
    request cost a third of a light page's time. Nothing that depends on the request, the reader
    or the page may be inside (``tests/web/test_layout.py`` holds the layout to it).
    """

    def __init__(self, nodelist):
        self.nodelist = nodelist
        self.drawn: dict[tuple, str] = {}

    def render(self, context):
        key = (get_language(), get_script_prefix())
        drawn = self.drawn.get(key)
        if drawn is None:
            drawn = self.drawn[key] = self.nodelist.render(context)
        return drawn


@register.tag
def fixed_per_language(parser, token):
    """``{% fixed_per_language %}…{% endfixed_per_language %}``: see ``FixedPerLanguageNode``."""
    nodelist = parser.parse(("endfixed_per_language",))
    parser.delete_first_token()
    return FixedPerLanguageNode(nodelist)


MARKING_CLASSES = {"PUBLIC": "public", "NRC": "nrc", "NATO": "nato", "NATIONAL": "national"}


# The badge shows the marking's code, which readers of every language know; its title says it.
MARKING_TITLES = {
    "PUBLIC": gettext_lazy("Public: everyone may read it"),
    "NRC": gettext_lazy("NATO and Russia"),
    "NATO": gettext_lazy("NATO members only"),
    "NATIONAL": gettext_lazy("One nation only"),
}


@register.simple_tag
def marking_badge(marking: str, owner=None):
    """The marking as a coloured badge; a NATIONAL one names its nation."""
    css = MARKING_CLASSES.get(marking, "public")
    title = MARKING_TITLES.get(marking, "")
    label = f"{marking} · {owner.iso3}" if names_its_nation(marking) and owner else marking
    return format_html('<span class="badge badge-{}" title="{}">{}</span>', css, title, label)


@register.filter
def nations_shown(codes, hidden):
    """A stored list of nation codes as the reader may read it (``hidden``: the page's
    ``hidden_nations``): a hidden nation's code is said as "(a nation you may not see)"."""
    return nation_codes_shown(codes, hidden)


@register.filter
def nation_shown(code, hidden):
    """One nation code as the reader may read it (see ``nations_shown``)."""
    return nation_codes_shown([code], hidden)[0] if code else code


@register.filter
def nations_redacted(text, hidden):
    """A planner's message with each hidden nation's code said as "(a nation you may not see)"."""
    return nation_codes_redacted(text, hidden)


@register.filter
def cell(value):
    """A value as a table cell shows it."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int):
        # Ungrouped, as before (a year or a code is an int too), in the reader's digits.
        return local_digits(str(value))
    if isinstance(value, datetime):
        return moment(value)
    if isinstance(value, date):
        return day(value)
    return value


@register.filter
def change_value(value, hidden=frozenset()):
    """An audit trail value (old or new) for display; ``hidden``: the page's ``hidden_nations``,
    so that a stored list of nation codes (a leg's countries...) says a hidden nation's code as
    "(a nation you may not see)", as the record's own page does."""
    if value is None or value == "":
        return "∅"
    if isinstance(value, list):
        if any(isinstance(v, str) and v in hidden for v in value):
            value = nation_codes_shown(value, hidden)
        return ", ".join(str(v) for v in value) or "∅"
    if isinstance(value, str) and value in hidden:
        return nation_codes_shown([value], hidden)[0]
    return value
