"""How the council's pages are served: in the reader's time zone, with their list helpers.

Most council forms are buttons on a record's own page (break silence, circulate, propose an
agenda item), answered by the toolkit's ``record_action`` (``accord.web.pages``).
"""

from __future__ import annotations

import functools

from django.contrib.auth.decorators import login_required
from django.utils import timezone

from accord.council.calendar import user_zone


def in_viewer_zone(view):
    """Render (and read form times) in the signed-in viewer's own time zone."""

    @functools.wraps(view)
    def run(request, *args, **kwargs):
        with timezone.override(user_zone(request.user)):
            return view(request, *args, **kwargs)

    return run


def page(view):
    """A council page: signed in, times in the viewer's zone."""
    return login_required(in_viewer_zone(view))


def list_params(request, names) -> dict:
    """The list filters named ``names`` that the request gives."""
    return {k: request.GET.get(k) for k in names if request.GET.get(k)}


def rows_or_page(request, template: str) -> str:
    """The list's rows alone for an HTMX filter request aimed at them, else the whole page."""
    if request.htmx and request.htmx.target == "rows":
        return template + "#rows"
    return template
