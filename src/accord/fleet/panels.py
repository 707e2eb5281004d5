"""The fleet's readiness where the money is: a panel on the HMTF's page
(``accord.funds.fund_panels``, registered by ``FleetConfig.ready``), and the figures' wording the
readiness page shares."""

from __future__ import annotations

from decimal import Decimal

from django.template.loader import render_to_string

from accord import l10n
from accord.fleet import readiness
from accord.fleet.choices import DowntimeReason

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
