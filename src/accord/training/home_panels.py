"""Training's panel on the first page (``accord.web.panels``): for who runs sessions, those
taking nominations, the soonest first; for who nominates, the sessions where seats set aside for
the reader's nation are still free."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accord import access
from accord.l10n import format_day, format_number
from accord.training import selectors
from accord.training.models import Nomination, Session
from accord.web.panels import ROWS, Row, Section, render_panel


def _label(session) -> str:
    course = access.shown(session, "course")
    return f"{session.code} · {course.title}" if course is not None else session.code


def _section(rows, *, heading: str, note, empty: str) -> Section:
    shown = list(rows[:ROWS])
    return Section(
        heading=heading,
        rows=[
            Row(_label(s), reverse("training:session-detail", args=[s.code]), note(s))
            for s in shown
        ],
        count=len(shown) if len(shown) < ROWS else rows.count(),
        more_url=reverse("training:index") + "?open=true&sort=starts",
        empty=empty,
    )


def _starts(session) -> str:
    return _("starts %(day)s, %(taken)s of %(capacity)s seats taken") % {
        "day": format_day(session.starts),
        "taken": format_number(session.seated),
        "capacity": format_number(session.capacity),
    }


def _free(session) -> str:
    return ngettext(
        "starts %(day)s, %(free)s seat free for your nation",
        "starts %(day)s, %(free)s seats free for your nation",
        session.seats_free,
    ) % {"day": format_day(session.starts), "free": format_number(session.seats_free)}


def home_panel(request) -> str | None:
    actor = request.user
    today = timezone.localdate()
    sections = []
    if access.may(actor, "change", Session):
        sections.append(
            _section(
                selectors.sessions_taking_nominations(actor=actor, today=today),
                heading=_("Sessions taking nominations, soonest first"),
                note=_starts,
                empty=_("No session takes nominations."),
            )
        )
    nation_id = access.principal_of(actor).nation_id
    if nation_id is not None and access.may(actor, "create", Nomination):
        sections.append(
            _section(
                selectors.sessions_taking_nominations(
                    actor=actor, today=today, nation_id=nation_id
                ),
                heading=_("Seats set aside for your nation, awaiting its nominations"),
                note=_free,
                empty=_("No seat set aside for your nation awaits a nomination."),
            )
        )
    if not sections:
        return None
    return render_panel(request, key="training", title=_("Training"), sections=sections)
