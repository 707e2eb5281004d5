"""Reads of the shipments on the road and their carriers' events, through the access policy,
and a shipment's stored route-check messages as each reader may read them.

A shipment moves from its origin to its destination: one from or to a place the reader may not
see is left out. What it only mentions is named only as far as the reader may read it: its
current place and an event's place (``<field>_shown``), the legs of its planned route, and the
joint action it serves (when the council's selectors give it to the reader).
"""

from __future__ import annotations

import re
from functools import cached_property

from django.db.models import Count, F, Q, QuerySet
from django.utils.translation import gettext, gettext_noop

from accord import access
from accord.core import selectors as core_selectors
from accord.council import selectors as council_selectors
from accord.council.measures import Figure
from accord.errors import NotFound
from accord.transit.agreements.selectors import agreement_list, closure_list
from accord.transit.common import CODE, get_visible
from accord.transit.models import (
    TRANSIT_RULE,
    Shipment,
    ShipmentStatus,
    TransitAgreement,
    TransitClosure,
    TransitLeg,
    TransitNode,
)
from accord.transit.network.selectors import ends_q, leg_list, node_flag, node_list
from accord.transit.planning import selectors as planning_selectors


def _shipments(actor) -> QuerySet:
    # A shipment moves from its origin to its destination: one from or to a hidden place is
    # left out. Its current place and its joint action are only mentioned, so they are flagged
    # (``current_node_shown``; the joint action through ``shipment_joint_action``).
    return (
        Shipment.objects.select_related("origin", "destination", "current_node")
        .filter(ends_q(actor))
        .annotate(current_node_shown=node_flag(actor, "current_node__"))
    )


def shipment_list(
    *,
    actor,
    status: str | None = None,
    flagged: bool | None = None,
    late: bool = False,
    affected: bool = False,
) -> QuerySet:
    """The shipments the actor reads; ``late``: not arrived and delayed or expected after the
    planned day; ``affected``: not arrived, its route blocked or to review after a closure or an
    agreement changed."""
    qs = access.visible(_shipments(actor), actor)
    if status:
        qs = qs.filter(status=status)
    if flagged is not None:
        qs = qs.filter(flagged=flagged)
    if late or affected:
        qs = qs.exclude(status=ShipmentStatus.ARRIVED)
    if late:
        qs = qs.filter(
            Q(delayed=True) | Q(status=ShipmentStatus.DELAYED) | Q(eta__gt=F("planned_arrival"))
        )
    if affected:
        qs = qs.filter(Q(flagged=True) | Q(route_ok=False))
    return qs


def shipment_get(*, actor, reference: str) -> Shipment:
    return get_visible(_shipments(actor), actor, "shipment", reference=reference)


def shipment_route(*, actor, shipment: Shipment) -> list[str]:
    """The shipment's planned arcs on legs the actor may read; the others are left out."""
    codes = {arc.removesuffix("/r") for arc in shipment.route}
    readable = set(leg_list(actor=actor).filter(code__in=codes).values_list("code", flat=True))
    return _arcs_on(shipment, readable)


def _arcs_on(shipment: Shipment, readable_legs) -> list[str]:
    return [arc for arc in shipment.route if arc.removesuffix("/r") in readable_legs]


class ShipmentsRead:
    """What a list of shipments shows beyond its rows, read once for one reader however many
    shipments the list holds: the legs the reader may read (each route's arcs) and the stored
    route-check messages as the reader may read them (``RouteProblems``)."""

    def __init__(self, actor):
        self.problems = RouteProblems(actor)

    def route(self, shipment: Shipment) -> list[str]:
        """As ``shipment_route``, from the legs read once (the redaction reads them too)."""
        return _arcs_on(shipment, self.problems.readable_legs)


def shipment_joint_action(*, actor, shipment: Shipment):
    """The joint action the shipment serves, if the council's register lets the actor read it."""
    if shipment.joint_action_id is None:
        return None
    return (
        council_selectors.joint_action_list(actor=actor).filter(pk=shipment.joint_action_id).first()
    )


def shipment_movement(*, actor, shipment: Shipment):
    """The planned movement the shipment serves, if the actor may read its plan and all it
    names; otherwise None (the page says nothing of it)."""
    if shipment.allocation_id is None:
        return None
    try:
        return planning_selectors.period_allocation_get(actor=actor, pk=shipment.allocation_id)
    except NotFound:
        return None


def shipment_events(*, actor, shipment: Shipment) -> QuerySet:
    """The shipment's events, each place flagged ``node_shown`` if the actor may read it."""
    access.require_view(actor, shipment)
    return (
        shipment.events.select_related("node")
        .annotate(node_shown=node_flag(actor, "node__"))
        .order_by("at", "pk")
    )


def may_import_events(actor) -> bool:
    """Whether the actor may import carrier status events: whoever changes transit records."""
    return access.principal_of(actor).has_role(*TRANSIT_RULE.change_roles)


# --- a shipment's route-check messages, redacted for the reader ---------------------------------


# (Both marked for the catalogue; translated where they are shown, in the reader's language.)
HIDDEN_RECORD = gettext_noop("(a record you may not see)")


HIDDEN_CLOSURE = gettext_noop("a closure you may not see blocks this route")


_CLOSED = re.compile(
    r"^(?P<arc>\S+): (?P<kind>node|leg|country) (?P<target>\S+) closed (?P<start>\d{4}-\d{2}-\d{2})"
    r" to (?P<until>\d{4}-\d{2}-\d{2}|further notice)(?: \((?P<reason>.*)\))?$",
    re.S,
)


class RouteProblems:
    """A shipment's stored route-check messages as one reader may read them.

    The messages are written when the shipment is recorded (or re-checked), as the network was
    read then, and they name legs (and their reverse arcs), places, agreements (by code or
    group), closures and nations. They are kept as written -- no stored row is rewritten -- and
    redacted for each reader when read: every code in a message that names a transit record or
    nation the reader may not read is replaced by ``HIDDEN_RECORD``. A closure's message also
    carries the closure's reason (free text), so it is shown only when the reader may read a
    closure of that target with those dates and that reason; otherwise it says only that a
    closure the reader may not see blocks the route. Built once per request (the sets are
    small: the transit network), and each set is read once, however many messages it redacts.
    """

    def __init__(self, actor):
        self.actor = actor
        self._hidden: set[str] | None = None

    @property
    def hidden(self) -> set[str]:
        if self._hidden is None:
            actor = self.actor
            every, seen = set(), set()
            for queryset, fields in (
                (TransitLeg.objects.all(), ("code",)),
                (TransitNode.objects.all(), ("code",)),
                (TransitAgreement.objects.all(), ("code", "group")),
                (TransitClosure.objects.all(), ("code",)),
            ):
                every |= {v for row in queryset.values_list(*fields) for v in row if v}
            seen |= self.readable_legs
            seen |= set(node_list(actor=actor).values_list("code", flat=True))
            for row in agreement_list(actor=actor).values_list("code", "group"):
                seen |= {v for v in row if v}
            seen |= set(self._closures_read)
            nations = core_selectors.nation_list(actor=actor, params={})
            readable = set(nations.values_list("iso3", flat=True))
            # Every nation, read as Accord itself reads: the codes a message may name.
            every_nation = core_selectors.nation_list(
                actor=access.system_principal("transit-redaction"), params={}
            )
            every |= set(every_nation.values_list("iso3", flat=True))
            self._hidden = every - seen - readable
        return self._hidden

    def _token(self, match) -> str:
        code = match.group(0)
        base = code.removesuffix("/r").split("#")[0]
        return gettext(HIDDEN_RECORD) if base in self.hidden or code in self.hidden else code

    @cached_property
    def readable_legs(self) -> frozenset[str]:
        return frozenset(leg_list(actor=self.actor).values_list("code", flat=True))

    @cached_property
    def _closures_read(self) -> dict[str, tuple[str, str, str, str, str]]:
        """The closures the reader may read, by code, each as its message names it: (kind,
        target, start, until, reason), the dates as the message writes them. One query for
        the codes to keep and the closures' messages to show."""
        rows = closure_list(actor=self.actor).values_list(
            "code",
            "target_kind",
            "node__code",
            "leg__code",
            "country__iso3",
            "start",
            "end",
            "reason",
        )
        target_at = {"node": 2, "leg": 3, "country": 4}
        return {
            row[0]: (
                row[1],
                row[target_at[row[1]]],
                row[5].isoformat(),
                row[6].isoformat() if row[6] else "further notice",
                row[7],
            )
            for row in rows
        }

    @cached_property
    def closures_seen(self) -> frozenset[tuple[str, str, str, str, str]]:
        return frozenset(self._closures_read.values())

    def _closure_seen(self, match) -> bool:
        """Whether the reader may read a closure that wrote this message: its target, its
        dates and its reason (two closures may close one target from one day)."""
        written = (
            match.group("kind"),
            match.group("target"),
            match.group("start"),
            match.group("until"),
            match.group("reason") or "",
        )
        return written in self.closures_seen

    def message(self, text: str) -> str:
        closed = _CLOSED.match(text)
        if closed is not None and not self._closure_seen(closed):
            arc = CODE.sub(self._token, closed.group("arc"))
            return f"{arc}: {gettext(HIDDEN_CLOSURE)}"
        return CODE.sub(self._token, text)

    def of(self, shipment: Shipment) -> list[str]:
        return [self.message(str(p)) for p in shipment.route_problems or []]


def shipment_problems(*, actor, shipment: Shipment) -> list[str]:
    """The shipment's route-check messages as ``actor`` may read them (see RouteProblems)."""
    return RouteProblems(actor).of(shipment)


def joint_action_figures(*, actor, joint_actions) -> dict:
    """Per joint action: its shipments the actor reads that arrived, of all of them.

    Registered with the council's measures from ``TransitConfig.ready``."""
    ids = [action.pk for action in joint_actions]
    rows = (
        shipment_list(actor=actor)
        .filter(joint_action_id__in=ids)
        .values("joint_action_id", "status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    totals: dict[int, list[int]] = {}
    for row in rows:
        counts = totals.setdefault(row["joint_action_id"], [0, 0])
        counts[1] += row["n"]
        if row["status"] == ShipmentStatus.ARRIVED:
            counts[0] += row["n"]
    return {
        pk: [
            Figure(
                key="transit.delivered",
                label=gettext("Shipments delivered"),
                value=arrived,
                of=total,
            )
        ]
        for pk, (arrived, total) in totals.items()
    }
