"""The fleet's readiness where the money is: a panel on the HMTF's page
(``accord.funds.fund_panels``, registered by ``FleetConfig.ready``), and the figures' wording the
readiness page shares; the fleet's panel on the first page (``accord.web.panels``): the due list's
most pressing tasks and the aircraft not airworthy."""

from __future__ import annotations

from decimal import Decimal

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from accord import access, l10n
from accord.council.measures import Figure
from accord.fleet import readiness, selectors
from accord.fleet.choices import DowntimeReason
from accord.fleet.engine.due import SEVERITY, DueStatus
from accord.fleet.models import Aircraft
from accord.funds import selectors as fund_selectors
from accord.web.panels import ROWS, Row, Section, render_panel

# The fund whose money keeps the fleet flying: its page shows the fleet's readiness beside it.
HMTF = "nrc_hmtf"


def percent(rate: float) -> str:
    """A rate as the reader's language writes a whole percentage ("87 %", "٨٧٪")."""
    return l10n.format_percent(Decimal(round(100 * rate)) / 100)


def reasons_shown(down: dict) -> list[tuple[str, int]]:
    """Aircraft (or aircraft-days) down by reason, each reason in the reader's words."""
    return [(DowntimeReason(reason).label, count) for reason, count in down.items()]


def fund_readiness_panel(request, fund) -> str | None:
    """The mission-capable rate today over the aircraft the reader reads, and the aircraft down
    by reason; nothing for another fund, or for a reader who reads no aircraft."""
    if fund.code != HMTF:
        return None
    now = readiness.readiness_now(actor=request.user)
    if not now.fleet:
        return None
    context = {"now": now, "now_rate": percent(now.rate), "now_reasons": reasons_shown(now.down)}
    return render_to_string("fleet/_fund_readiness.html", context, request=request)


# --- the first page (accord.web.panels, registered by FleetConfig.ready) -------------------------


def _status_label(status: str) -> str:
    # The same words as the due list's badges (fleet/_status.html).
    return {
        DueStatus.DUE_SOON: _("Due soon"),
        DueStatus.WITHIN_TOLERANCE: _("Within tolerance"),
        DueStatus.OVERDUE: _("Overdue"),
    }.get(status, _("OK"))


def home_panel(request) -> str | None:
    """For who keeps the aircraft flying: the due list's most pressing tasks and the aircraft
    not airworthy, over the aircraft the reader reads."""
    actor = request.user
    if not access.may(actor, "change", Aircraft):
        return None
    dues = selectors.fleet_due(actor=actor)
    pressing = [
        (d, t) for d in dues for t in d.tasks if t.due.status not in (DueStatus.OK, DueStatus.DONE)
    ]
    pressing.sort(
        key=lambda r: (-SEVERITY[r[1].due.status], r[1].due.forecast or r[0].aircraft.tracked_from)
    )
    due_url = reverse("fleet:due")
    due = Section(
        heading=_("Due list: what is due first"),
        rows=[
            Row(
                f"{d.aircraft.tail_number} · {t.task.name}",
                reverse("fleet:aircraft-detail", args=[d.aircraft.tail_number]),
                _status_label(t.due.status)
                + (f", {l10n.format_day(t.due.forecast)}" if t.due.forecast else ""),
                alert=t.due.status == DueStatus.OVERDUE,
            )
            for d, t in pressing[:ROWS]
        ],
        count=len(pressing),
        more_url=due_url,
        empty=_("Nothing is due soon on the aircraft you may read."),
    )
    grounded = [d.aircraft for d in dues if not d.airworthy]
    not_airworthy = Section(
        heading=_("Aircraft not airworthy"),
        rows=[
            Row(
                a.tail_number,
                reverse("fleet:aircraft-detail", args=[a.tail_number]),
                alert=True,
            )
            for a in grounded[:ROWS]
        ],
        count=len(grounded),
        more_url=due_url,
        empty=_("Every aircraft you may read is airworthy."),
    )
    return render_panel(request, key="fleet", title=_("Fleet"), sections=[due, not_airworthy])


# --- what the fleet reports of the joint action it serves (accord.council.measures) -------------


def joint_action_figures(*, actor, joint_actions) -> dict:
    """The aircraft available today of the fleet the actor reads, for the joint action whose
    trust fund (the HMTF) keeps it flying, if the actor reads that fund.

    Registered with the council's measures by ``FleetConfig.ready``."""
    ids = [action.pk for action in joint_actions]
    served = set(
        fund_selectors.fund_list(actor=actor)
        .filter(code=HMTF, joint_action_id__in=ids)
        .values_list("joint_action_id", flat=True)
    )
    if not served:
        return {}
    now = readiness.readiness_now(actor=actor)
    if not now.fleet:
        return {}
    figure = Figure(
        key="fleet.available", label=_("Aircraft available"), value=now.available, of=now.fleet
    )
    return {pk: [figure] for pk in served}
