"""Advising's panel on the first page (``accord.web.panels``): for the advisors, the milestones
they rate that fall due within a month or are past due without a rating since."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accord import access
from accord.advising import selectors
from accord.advising.models import Milestone
from accord.l10n import format_day
from accord.web.panels import ROWS, Row, Section, render_panel

# How far ahead a milestone counts as due soon.
SOON = timedelta(days=30)


def home_panel(request) -> str | None:
    actor = request.user
    if not access.may(actor, "change", Milestone):
        return None
    today = timezone.localdate()
    due = selectors.milestones_due(actor=actor, until=today + SOON)
    shown = list(due[:ROWS])
    section = Section(
        heading=_("Milestones due within a month, or past due and not rated since"),
        rows=[
            Row(
                m.title,
                reverse("advising:milestone-detail", args=[m.pk]),
                _("due %(day)s") % {"day": format_day(m.due)},
                alert=m.due < today,
            )
            for m in shown
        ],
        count=len(shown) if len(shown) < ROWS else due.count(),
        more_url=reverse("advising:teams"),
        empty=_("No milestone you rate falls due within a month."),
    )
    return render_panel(request, key="advising", title=_("Advising"), sections=[section])
