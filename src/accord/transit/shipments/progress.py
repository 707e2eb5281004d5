"""A shipment's progress from its carrier's events: status, position, ETA and the delay flag,
and the checks one reported event must pass (its kind, a plausible time, a place on the route,
a plausible delay).

Pure over what it is given -- the shipment, its events, the network -- except ``leg_ends``, one
read: so that an import checks and computes everything before it opens its short transaction.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from django.utils.translation import gettext as _

from accord.transit.engine.model import REVERSE_SUFFIX
from accord.transit.models import EventKind, Shipment, ShipmentStatus, TransitLeg

# A carrier's report is plausible from 2001 (the first year of the mission's supply lines) to a
# day past today (a report stamped in a time zone ahead of UTC); outside that it is a typo.
EVENTS_FROM = dt.datetime(2001, 1, 1, tzinfo=dt.UTC)
# One delay report of more than a year is a typo (a delay of 999999999 days, say).
MAX_DELAY_DAYS = Decimal(365)
# The reported delays may push a shipment's ETA at most this far past its planned arrival.
MAX_ETA_SLIP = dt.timedelta(days=730)


def progress(shipment: Shipment, events: list, network) -> dict | None:
    """Status, position, ETA and the delay flag from the shipment's events, oldest first.

    Pure over its inputs, so that an import computes it before it opens its transaction. None
    when there are no events. An ETA past the last representable day reads ``date.max``.
    """
    if not events:
        return None
    last = events[-1]
    status = {
        EventKind.DEPARTED: ShipmentStatus.IN_TRANSIT,
        EventKind.CROSSED: ShipmentStatus.IN_TRANSIT,
        EventKind.AT_BORDER: ShipmentStatus.AT_BORDER,
        EventKind.DELAYED: ShipmentStatus.DELAYED,
        EventKind.ARRIVED: ShipmentStatus.ARRIVED,
    }[last.kind]
    located = [e for e in events if e.node_id or e.node is not None]
    current = located[-1].node if located else shipment.origin
    if status == ShipmentStatus.ARRIVED:
        eta = last.at.date()
        current = shipment.destination
    else:
        remaining = 0.0
        passed = False
        for code in shipment.route:
            arc = network.arc_by_code.get(code)
            if arc is None:
                continue
            if passed or current.code == shipment.origin.code:
                remaining += arc.leg.days
            if arc.destination == current.code:
                passed = True
        since = located[-1].at if located else events[0].at
        delay = sum(
            float(e.delay_days) for e in events if e.kind == EventKind.DELAYED and e.at >= since
        )
        try:
            eta = since.date() + dt.timedelta(days=round(remaining + delay + 0.49))
        except OverflowError:
            eta = dt.date.max
    return {
        "status": status,
        "current_node": current,
        "eta": eta,
        "delayed": eta > shipment.planned_arrival,
    }


def eta_problem(shipment: Shipment, eta: dt.date) -> str | None:
    """Why an ETA is implausible (the delays reported push it years out), or None."""
    latest = shipment.planned_arrival + MAX_ETA_SLIP
    if eta <= latest:
        return None
    return _(
        "the delays reported put the ETA of %(reference)s at %(eta)s, more than two years after "
        "its planned arrival %(planned)s (the latest plausible ETA is %(latest)s); check "
        "delay_days"
    ) % {
        "reference": shipment.reference,
        "eta": f"{eta:%Y-%m-%d}",
        "planned": f"{shipment.planned_arrival:%Y-%m-%d}",
        "latest": f"{latest:%Y-%m-%d}",
    }


def progress_changes(before: dict, shipment: Shipment) -> dict:
    after = {
        "status": shipment.status,
        "eta": shipment.eta.isoformat(),
        "delayed": shipment.delayed,
    }
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def progress_before(shipment: Shipment) -> dict:
    return {"status": shipment.status, "eta": shipment.eta.isoformat(), "delayed": shipment.delayed}


def _at_problem(at: dt.datetime) -> str | None:
    """Why an event's time is implausible, naming the window, or None. ``at`` is aware.

    Compared, never converted: converting year 1 or 9999 with an offset to UTC overflows.
    """
    latest = timezone.now() + dt.timedelta(days=1)
    if EVENTS_FROM <= at <= latest:
        return None
    return _(
        "at: %(at)s is outside the plausible window for a carrier's report, %(first)s to "
        "%(latest)s (tomorrow); give the time the carrier reported"
    ) % {"at": at.isoformat(), "first": f"{EVENTS_FROM:%Y-%m-%d}", "latest": f"{latest:%Y-%m-%d}"}


def _delay(value) -> tuple[Decimal, str | None]:
    """A reported delay in days, 0 to 365 to one decimal place; or the reason it is refused."""
    text = str(value if value is not None else "").strip() or "0"
    shown = text if len(text) <= 20 else text[:20] + "…"
    try:
        delay = Decimal(text)
        if not delay.is_finite() or delay < 0:
            raise ValueError
    except (ArithmeticError, ValueError):
        return Decimal(0), _("delay_days must be a number of days, zero or more")
    if delay > MAX_DELAY_DAYS:
        return Decimal(0), _(
            "delay_days: %(shown)s is more than %(most)s days; give the delay in days, 0 to "
            "%(most)s"
        ) % {"shown": shown, "most": MAX_DELAY_DAYS}
    rounded = delay.quantize(Decimal("0.1"))
    if rounded != delay:
        return Decimal(0), _(
            "delay_days: %(shown)s has more than one decimal place; give days to one decimal "
            "place, e.g. 2.5"
        ) % {"shown": shown}
    return rounded, None


def places_on_route(shipment: Shipment, ends: dict) -> set[str]:
    """The codes of the places a shipment's route passes through, its two ends included."""
    codes = {shipment.origin.code, shipment.destination.code}
    for code in shipment.route:
        codes.update(ends.get(code.removesuffix(REVERSE_SUFFIX), ()))
    return codes


def event_checked(
    shipment: Shipment, kind: str, node, delay_days, ends: dict, *, at=None, note="", places=None
) -> dict:
    """Check one event's kind, time, place (on the shipment's route), delay and note.

    ``ends``: leg code -> (origin code, destination code), read once per call site;
    ``places``: the route's node codes, when the caller has them already.
    """
    errors = {}
    if kind not in EventKind.values:
        errors["event"] = _("unknown event %(kind)s; use one of %(kinds)s") % {
            "kind": repr(kind),
            "kinds": ", ".join(EventKind.values),
        }
    if at is not None and (problem := _at_problem(at)):
        errors["at"] = problem
    if places is None:
        places = places_on_route(shipment, ends)
    if node is not None and node.code not in places:
        errors["node"] = _("%(code)s is not on the shipment's route") % {"code": node.code}
    delay, problem = _delay(delay_days)
    if problem:
        errors["delay_days"] = problem
    if "\x00" in (note or ""):
        errors["note"] = _("the note contains a NUL character; remove it")
    return {"errors": errors, "delay": delay}


def leg_ends(codes=None) -> dict[str, tuple[str, str]]:
    """Each leg's two ends, for the legs named (all when ``codes`` is None).

    Read to check that a reported place lies on a shipment's route, whoever reports it: the
    answer names only the place the reporter gave.
    """
    legs = TransitLeg.objects.all()
    if codes is not None:
        legs = legs.filter(code__in=list(codes))
    return {
        code: (origin, destination)
        for code, origin, destination in legs.values_list(
            "code", "origin__code", "destination__code"
        )
    }
