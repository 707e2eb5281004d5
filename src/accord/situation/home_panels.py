"""The situation's panel on the first page (``accord.web.panels``): for the analysts who record
incidents, the latest ones."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from accord import access
from accord.l10n import format_day
from accord.situation import selectors
from accord.situation.models import Incident
from accord.web.panels import ROWS, Row, Section, render_panel


def home_panel(request) -> str | None:
    actor = request.user
    if not access.may(actor, "create", Incident):
        return None
    incidents = selectors.incident_list(actor=actor).order_by("-occurred_on", "-pk")
    shown = list(incidents[:ROWS])
    section = Section(
        heading=_("Latest incidents"),
        rows=[
            Row(
                i.title,
                reverse("situation:incident-detail", args=[i.pk]),
                format_day(i.occurred_on),
            )
            for i in shown
        ],
        count=len(shown) if len(shown) < ROWS else incidents.count(),
        more_url=reverse("situation:incidents"),
        empty=_("No incident has been recorded."),
    )
    return render_panel(request, key="situation", title=_("Situation"), sections=[section])
