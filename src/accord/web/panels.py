"""The first page's panels: what the reader acts on, given by the apps above the web.

The dashboard (``/``) belongs to the web, which may not import the apps
(docs/adr/0007-one-direction-between-apps.md). Each app registers its panels when it starts
(``<App>Config.ready``): a function of the request that returns the panel's HTML, rendered by that
app through its own selectors (so under the reader's access, counts included), or None when the
reader acts on nothing of its kind. A panel decides by what the reader may do (``access.may``),
never by a role's name. The dashboard shows the panels in their order, then the mission's figures.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.template.loader import render_to_string

from accord.registry import Registry

Panel = Callable[..., str | None]  # panel(request) -> HTML, or None

# How many records a panel lists; its count and link lead to the rest.
ROWS = 5

_panels: Registry[Panel] = Registry("first-page panel", on_repeat="keep")


def provide(panel: Panel, *, order: int) -> None:
    """Called once by an app when it is ready; lower ``order`` comes first."""
    _panels.add(panel, panel, order=order)


def panels_for(request) -> list[str]:
    """The panels the apps give this reader, in their order (none for an anonymous visitor)."""
    return [html for panel in _panels if (html := panel(request))]


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
