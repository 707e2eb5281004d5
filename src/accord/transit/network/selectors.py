"""Reads of the network -- transit nodes (places) and legs -- through the access policy, and the
visibility rules every transit read shares.

A record is only as visible as the places it joins. A leg joins two nodes: a PUBLIC leg whose
end the reader may not see is left out of the reader's network entirely (its list, its page, the
map, the charts and the route planner), as if it did not exist, rather than shown with one end
blank: a leg with a missing end is no route at all, its geometry and its name would place the
hidden node anyway, and a reader must never be routed through a place they cannot see. The same
holds for what names a place or a leg as its subject: a demand from or to a hidden node, a
closure of a hidden node or leg, a shipment from or to a hidden node (``node_q``, ``leg_q`` and
``ends_q`` below are those rules as queryset filters). What only mentions a place in passing
keeps its row and loses the mention (``node_flag``): a lease's legs are cut to those the reader
sees, a shipment's current place and an event's place are not named (``<field>_shown``).
"""

from __future__ import annotations

from django.db.models import BooleanField, Case, Q, QuerySet, Value, When

from accord import access
from accord.transit.common import get_visible
from accord.transit.engine.model import Leg, Node
from accord.transit.models import Mode, TransitLeg, TransitNode

MODE_COLOURS = {
    "rail": "#b5453a",
    "road": "#c98b1c",
    "sea": "#2a6fb0",
    "ferry": "#3f9fb5",
    "air": "#6b4fa8",
}


def mode_legend() -> list[tuple[str, str]]:
    """Each mode's label and the colour the map draws its legs in."""
    return [(label, MODE_COLOURS[value]) for value, label in Mode.choices]


# --- what a reader may see of places and legs ----------------------------------------------------


def node_q(actor, prefix: str = "") -> Q:
    """The places at ``prefix`` the actor may read: the place and the nation it lies in.

    Nations are marked records too. A place names its country (its page, the map's tooltip, the
    planner's permits through it), so a place in a nation the reader may not read is no place on
    the reader's network, exactly like a place marked beyond the reader's reach.
    """
    return access.visible_q(actor, prefix) & access.visible_q(actor, f"{prefix}country__")


def leg_q(actor, prefix: str = "") -> Q:
    """The legs at ``prefix`` the actor may read: the leg itself and both of its ends."""
    return (
        access.visible_q(actor, prefix)
        & node_q(actor, f"{prefix}origin__")
        & node_q(actor, f"{prefix}destination__")
    )


def ends_q(actor) -> Q:
    """Records (demands, shipments) whose origin and destination the actor may read."""
    return node_q(actor, "origin__") & node_q(actor, "destination__")


def node_flag(actor, prefix: str):
    """``visible_flag`` for a place mentioned in passing: the place and its nation."""
    if access.principal_of(actor).is_administrator:
        return access.visible_flag(actor, prefix)
    return Case(
        When(node_q(actor, prefix), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def _legs(actor) -> QuerySet:
    return TransitLeg.objects.select_related("origin", "destination").filter(leg_q(actor))


def _nodes(actor) -> QuerySet:
    return TransitNode.objects.select_related("country").filter(node_q(actor))


# --- lists and records ---------------------------------------------------------------------------


def node_list(*, actor) -> QuerySet:
    return access.visible(_nodes(actor), actor)


def node_get(*, actor, code: str) -> TransitNode:
    return get_visible(_nodes(actor), actor, "transit node", code=code)


def leg_list(*, actor, mode: str | None = None) -> QuerySet:
    """The legs the actor may read, both ends included (see the module's note)."""
    qs = _legs(actor)
    return qs.filter(mode=mode) if mode else qs


def leg_get(*, actor, code: str) -> TransitLeg:
    """A leg the actor may read with both its ends; any other answers as a missing one."""
    return get_visible(_legs(actor), actor, "transit leg", code=code)


def legs_at(*, actor, node: TransitNode) -> QuerySet:
    """The legs the actor may read that start or end at ``node``."""
    return leg_list(actor=actor).filter(Q(origin=node) | Q(destination=node))


def route_node_codes(*, actor, arcs: list[str], ends: tuple[str, ...] = ()) -> set[str]:
    """The codes of the places the route ``arcs`` passes through, from the legs the actor may
    read, with the route's ``ends`` (its origin and destination)."""
    codes = set(ends)
    for leg in leg_list(actor=actor).filter(code__in=[c.removesuffix("/r") for c in arcs]):
        codes |= {leg.origin.code, leg.destination.code}
    return codes


# --- the engine's view of the network ------------------------------------------------------------


def engine_node(row: TransitNode) -> Node:
    return Node(
        code=row.code,
        name=row.name,
        country=row.country.iso3,
        kinds=tuple(row.kinds or ()),
        lat=float(row.latitude),
        lon=float(row.longitude),
        capacity_teu_day=None if row.capacity_teu_day is None else float(row.capacity_teu_day),
    )


def engine_leg(row: TransitLeg) -> Leg:
    return Leg(
        code=row.code,
        origin=row.origin.code,
        destination=row.destination.code,
        mode=row.mode,
        distance_km=float(row.distance_km),
        days=float(row.days),
        cost_per_teu=int(row.cost_per_teu),
        capacity_teu_month=int(row.capacity_teu_month),
        countries=tuple(row.countries or ()),
        # Money enters the planner's graph as a float (see transit.common, "Money in transit").
        cost_per_tonne=float(row.cost_per_tonne),
        capacity_tonnes_month=(
            None if row.capacity_tonnes_month is None else float(row.capacity_tonnes_month)
        ),
        operator=row.operator,
        two_way=row.two_way,
        estimated=tuple(row.estimated or ()),
    )
