"""The council's panel on the first page (``accord.web.panels``): what is under silence, with
its deadlines, for who runs consultations; what awaits the reader's nation's silence or break."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accord import access
from accord.council import selectors
from accord.council.models import Consultation
from accord.l10n import format_moment
from accord.web.panels import ROWS, Row, Section, render_panel


def _section(request, rows, heading: str, empty: str) -> Section:
    zone = timezone.get_current_timezone()
    shown = list(rows[:ROWS])
    return Section(
        heading=heading,
        rows=[
            Row(
                c.title,
                reverse("council:consultation-detail", args=[c.pk]),
                _("silence ends %(when)s") % {"when": format_moment(c.deadline, zone)},
            )
            for c in shown
        ],
        count=len(shown) if len(shown) < ROWS else rows.count(),
        more_url=reverse("council:index") + "?state=circulating",
        empty=empty,
    )


def home_panel(request) -> str | None:
    actor = request.user
    sections = []
    if access.may(actor, "change", Consultation):
        sections.append(
            _section(
                request,
                selectors.consultations_under_silence(actor=actor),
                _("Under silence, nearest deadline first"),
                _("No consultation is under silence."),
            )
        )
    nation_id = access.principal_of(actor).nation_id
    if nation_id is not None and access.may(actor, "break silence", Consultation):
        sections.append(
            _section(
                request,
                selectors.consultations_under_silence(actor=actor, nation_id=nation_id),
                _("Awaiting your nation's silence or break"),
                _("Nothing awaits your nation's silence."),
            )
        )
    if not sections:
        return None
    return render_panel(request, key="council", title=_("Council"), sections=sections)
