"""Oversight's panel on the first page (``accord.web.panels``): for who records findings, the
findings still open, the earliest due first, and the audit chain's last checkpoint."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accord import access
from accord.l10n import format_day, format_moment, format_number
from accord.oversight import selectors
from accord.oversight.models import Finding
from accord.web.panels import ROWS, Row, Section, render_panel


def _due_note(finding, today) -> str:
    if finding.due is None:
        return _("no due date")
    if finding.due < today:
        return _("overdue since %(day)s") % {"day": format_day(finding.due)}
    return _("due %(day)s") % {"day": format_day(finding.due)}


def home_panel(request) -> str | None:
    actor = request.user
    sections = []
    if access.may(actor, "create", Finding):
        today = timezone.localdate()
        found = selectors.open_findings(actor=actor)
        shown = list(found[:ROWS])
        sections.append(
            Section(
                heading=_("Open findings, earliest due first"),
                rows=[
                    Row(
                        f.title,
                        reverse("oversight:finding-detail", args=[f.pk]),
                        _due_note(f, today),
                        alert=f.due is not None and f.due < today,
                    )
                    for f in shown
                ],
                count=len(shown) if len(shown) < ROWS else found.count(),
                more_url=reverse("oversight:findings") + "?open=true",
                empty=_("No finding is open."),
            )
        )
    if selectors.auditor_page_readable(actor):
        latest, made = selectors.checkpoint_latest(actor=actor)
        rows = []
        if latest is not None:
            note = _("made %(when)s over %(entries)s entries") % {
                "when": format_moment(latest.made_at, timezone.get_current_timezone()),
                "entries": format_number(latest.entries),
            }
            if not latest.standing:
                note += " " + _("(the chain no longer passes through it)")
            rows.append(
                Row(
                    _("Checkpoint at seal %(seq)s") % {"seq": format_number(latest.head_seq)},
                    reverse("oversight:auditor"),
                    note,
                    alert=not latest.standing,
                )
            )
        sections.append(
            Section(
                heading=_("The audit chain's last checkpoint"),
                rows=rows,
                count=made,
                more_url=reverse("oversight:auditor"),
                empty=_("No checkpoint has been made yet."),
            )
        )
    if not sections:
        return None
    return render_panel(request, key="oversight", title=_("Oversight"), sections=sections)
