"""The first page's panels: what the reader acts on, given by the apps above the web.

The dashboard (``/``) belongs to the web, which may not import the apps
(docs/adr/0007-one-direction-between-apps.md). Each app registers its panels when it starts
(``<App>Config.ready``): a function of the request that returns the panel's HTML, rendered by that
app through its own selectors (so under the reader's access, counts included), or None when the
reader acts on nothing of its kind. A panel decides by what the reader may do (``access.may``),
never by a role's name. The dashboard shows the panels in their order, then the mission's figures.

A panel names the topics whose tables it reads (``accord.kept``: each app's tables, versioned by
the database's triggers), and its HTML is kept per reader and version of those topics
(``kept_html``): the dashboard seen again between two writes draws no panel again. The panels'
tests hold the tables each one reads against its topics' (tests/web/test_kept_panels.py).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field

from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils import timezone
from django.utils.translation import get_language

from accord import access
from accord.kept import KeptRecent, kept_for
from accord.registry import Registry

Panel = Callable[..., str | None]  # panel(request) -> HTML, or None

# How many records a panel lists; its count and link lead to the rest.
ROWS = 5
# How many readers' panels each panel keeps (per language and day): a few kilobytes each.
KEPT_PER_PANEL = 512


@dataclass(frozen=True)
class Provided:
    """A panel as an app gave it: the function, the topics whose tables it reads, and the HTML
    it drew last for each reader (none kept for a panel that names no topic)."""

    panel: Panel
    topics: tuple[str, ...] = ()
    kept: KeptRecent[str] = field(default_factory=lambda: KeptRecent(KEPT_PER_PANEL), compare=False)

    def html(self, request, *args, key: Hashable = ()) -> str:
        """The panel's HTML for this request ("" when it has nothing for the reader), drawn
        again only when the reader, their language, time zone or day, or one of its topics'
        versions has changed since it was kept."""
        draw = lambda: self.panel(request, *args) or ""  # noqa: E731 ("" is kept, None is not)
        if not self.topics:
            return draw()
        return kept_for(self.kept, request, (reader_key(request), key), self.topics, draw)


def reader_key(request) -> tuple:
    """Everything but the data that a panel's HTML depends on: who reads (their principal: the
    user, roles, nation and site that decide their reach), in which language, time zone and day
    (what is due, overdue or late), and where the site is mounted (its links)."""
    return (
        access.principal_of(request.user),
        get_language(),
        timezone.get_current_timezone_name(),
        timezone.localdate(),
        get_urlconf(),
        get_script_prefix(),
    )


_panels: Registry[Provided] = Registry("first-page panel", on_repeat="keep")


def provide(panel: Panel, *, order: int, topics: tuple[str, ...] = ()) -> None:
    """Called once by an app when it is ready; lower ``order`` comes first. ``topics``: the
    ``accord.kept`` topics of every table the panel reads, for its HTML to be kept between
    writes; without them it is drawn on every request."""
    _panels.add(panel, Provided(panel, tuple(topics)), order=order)


def panels_for(request) -> list[str]:
    """The panels the apps give this reader, in their order (none for an anonymous visitor)."""
    return [html for provided in _panels if (html := provided.html(request))]


def provided_panels() -> list[Provided]:
    """The panels the apps gave, in their order: for the tests that hold what each one reads."""
    return list(_panels)


@dataclass(frozen=True)
class Row:
    """One record a panel names: its label, the link to it, and a short note (a date, a sum)."""

    label: str
    url: str
    note: str = ""
    alert: bool = False  # shown as a warning (overdue, not airworthy, late)


@dataclass(frozen=True)
class Section:
    """A part of a panel: a heading, a few rows, how many there are in all, and where."""

    heading: str
    rows: list[Row]
    count: int
    more_url: str
    empty: str  # said in plain words when there is nothing


def render_panel(request, *, key: str, title: str, sections: list[Section]) -> str:
    """A panel in the dashboard's one shape; ``key`` names it for the page and its tests."""
    return render_to_string(
        "web/components/home_panel.html",
        {"key": key, "title": title, "sections": sections},
        request=request,
    )
