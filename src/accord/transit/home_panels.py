"""Transit's panel on the first page (``accord.web.panels``): for who moves the cargo, the
shipments that are late and those a closure or a changed agreement affects."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from accord import access
from accord.l10n import format_day
from accord.transit.models import Shipment
from accord.transit.shipments import selectors
from accord.web.panels import ROWS, Row, Section, render_panel


def _section(rows, *, heading: str, query: str, empty: str) -> Section:
    shown = list(rows.order_by("eta", "pk")[:ROWS])
    return Section(
        heading=heading,
        rows=[
            Row(
                s.reference,
                reverse("transit:shipment-detail", args=[s.reference]),
                _("expected %(day)s") % {"day": format_day(s.eta)},
                alert=True,
            )
            for s in shown
        ],
        count=len(shown) if len(shown) < ROWS else rows.count(),
        more_url=reverse("transit:shipments") + query,
        empty=empty,
    )


def home_panel(request) -> str | None:
    actor = request.user
    if not access.may(actor, "change", Shipment):
        return None
    late = _section(
        selectors.shipment_list(actor=actor, late=True),
        heading=_("Late shipments"),
        query="?late=1",
        empty=_("No shipment you may read is late."),
    )
    affected = _section(
        selectors.shipment_list(actor=actor, affected=True),
        heading=_("Shipments affected by a closure or a changed agreement"),
        query="?affected=1",
        empty=_("No closure affects a shipment you may read."),
    )
    return render_panel(request, key="transit", title=_("Transit"), sections=[late, affected])
