"""The funds' panel on the first page (``accord.web.panels``): for who keeps funds' money, each
fund's balance today and the commitments still waiting to be paid."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from accord.funds import selectors
from accord.l10n import format_day
from accord.money import format_money
from accord.web.panels import ROWS, Row, Section, render_panel


def home_panel(request) -> str | None:
    actor = request.user
    funds = list(selectors.funds_managed(actor=actor))
    if not funds:
        return None
    positions = selectors.fund_positions(actor=actor, funds=funds[:ROWS])
    balances = Section(
        heading=_("Balances of the funds you manage"),
        rows=[
            Row(
                fund.name,
                reverse("funds:detail", args=[fund.code]),
                _("available %(available)s, committed %(committed)s")
                % {
                    "available": format_money(positions[fund.pk].available, fund.currency),
                    "committed": format_money(positions[fund.pk].committed, fund.currency),
                },
                alert=positions[fund.pk].available < 0,
            )
            for fund in funds[:ROWS]
        ],
        count=len(funds),
        more_url=reverse("funds:list"),
        empty=_("You manage no fund."),
    )
    pending = selectors.commitments_pending(actor=actor, funds=funds)
    shown = list(pending[:ROWS])
    commitments = Section(
        heading=_("Commitments still to be paid, oldest first"),
        rows=[
            Row(
                c.payee,
                reverse("funds:detail", args=[c.fund.code]),
                _("%(remaining)s to pay, committed %(day)s")
                % {
                    "remaining": format_money(c.remaining, c.fund.currency),
                    "day": format_day(c.day),
                },
            )
            for c in shown
        ],
        count=len(shown) if len(shown) < ROWS else pending.count(),
        more_url=reverse("funds:list"),
        empty=_("No commitment waits to be paid."),
    )
    return render_panel(
        request, key="funds", title=_("Trust funds"), sections=[balances, commitments]
    )
