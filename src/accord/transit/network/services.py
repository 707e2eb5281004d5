"""Writes to the network: transit nodes and legs, one audited service per use case.

Each service checks the access policy (logisticians and administrators change transit records),
validates a leg through the engine's own dataclass (so a leg with no capacity is refused with the
engine's stable code, ``bad_capacity``), and writes in one transaction with its audit entry.
"""

from __future__ import annotations

from accord import access
from accord.audit.services import audited, audited_action
from accord.core.services import record_create, record_delete, record_update
from accord.transit.common import engine_check, merged
from accord.transit.engine.model import Leg
from accord.transit.models import TransitLeg, TransitNode
from accord.transit.network.inputs import LegValues, NodeValues
from accord.transit.references import references_resolved

# --- nodes ---------------------------------------------------------------------------------------


@audited("transit_node.create")
def node_create(*, actor, values: NodeValues) -> TransitNode:
    """Record a place of the network (NRC unless marked otherwise); ``country`` may be the
    nation's ISO3 code."""
    access.require_kind(actor, "create", TransitNode)
    values = references_resolved(actor, values, country="nation")
    data = {"marking": TransitNode.default_marking, **values.given()}
    return record_create(actor=actor, model=TransitNode, data=data, action=audited_action())


@audited("transit_node.update")
def node_update(
    *, actor, node: TransitNode, values: NodeValues, expected_version: int
) -> TransitNode:
    return record_update(
        actor=actor,
        obj=node,
        data=values.given(),
        expected_version=expected_version,
        action=audited_action(),
    )


@audited("transit_node.delete")
def node_delete(*, actor, node: TransitNode, expected_version: int) -> None:
    record_delete(actor=actor, obj=node, expected_version=expected_version, action=audited_action())


# --- legs ----------------------------------------------------------------------------------------


def _check_leg(fields: dict) -> None:
    """The engine's rules for a leg (its values as it will be stored): positive capacity,
    distance, days; a positive price."""
    origin, destination = fields.get("origin"), fields.get("destination")

    def build():
        Leg(
            code=fields.get("code") or "new",
            origin=getattr(origin, "code", "?"),
            destination=getattr(destination, "code", "?"),
            mode=fields.get("mode") or "",
            distance_km=float(fields.get("distance_km") or 0),
            days=float(fields.get("days") or 0),
            cost_per_teu=int(fields.get("cost_per_teu") or 0),
            capacity_teu_month=int(fields.get("capacity_teu_month") or 0),
            countries=tuple(fields.get("countries") or ("?",)),
            # The engine's leg takes its price per tonne as a float (see transit.common, money).
            cost_per_tonne=float(fields.get("cost_per_tonne") or 0),
            capacity_tonnes_month=(
                None
                if fields.get("capacity_tonnes_month") in (None, "")
                else float(fields["capacity_tonnes_month"])
            ),
        )

    engine_check(build)


def _leg_countries(fields: dict) -> dict:
    """Endpoints' countries are always among the countries crossed."""
    fields = dict(fields)
    countries = [str(c).upper() for c in fields.get("countries") or []]
    for end in ("origin", "destination"):
        node = fields.get(end)
        if node is not None and node.country.iso3 not in countries:
            countries.insert(0 if end == "origin" else len(countries), node.country.iso3)
    fields["countries"] = countries
    return fields


@audited("transit_leg.create")
def leg_create(*, actor, values: LegValues) -> TransitLeg:
    """Record a leg between two places; ``origin`` and ``destination`` may be node codes."""
    access.require_kind(actor, "create", TransitLeg)
    values = references_resolved(actor, values, origin="node", destination="node")
    data = _leg_countries({"marking": TransitLeg.default_marking, **values.given()})
    access.require_create(actor, TransitLeg, {"marking": data["marking"]})
    _check_leg(data)
    return record_create(actor=actor, model=TransitLeg, data=data, action=audited_action())


@audited("transit_leg.update")
def leg_update(*, actor, leg: TransitLeg, values: LegValues, expected_version: int) -> TransitLeg:
    access.require_change(actor, leg)
    data = values.given()
    stored = _leg_countries(merged(leg, data))
    _check_leg(stored)
    data["countries"] = stored["countries"]
    return record_update(
        actor=actor,
        obj=leg,
        data=data,
        expected_version=expected_version,
        action=audited_action(),
    )


@audited("transit_leg.delete")
def leg_delete(*, actor, leg: TransitLeg, expected_version: int) -> None:
    record_delete(actor=actor, obj=leg, expected_version=expected_version, action=audited_action())
