"""The network as the engine sees it -- places, legs, agreements, closures and the countries
that need no agreement -- read as one actor may read it: the input of the route planner, the
flow plan and a shipment's route check.

The planner sees the network *as the actor may read it*: a Russian delegate's planner knows no
NATO-marked agreement, so the pages, the API and the map agree.
"""

from __future__ import annotations

from accord.core import selectors as core_selectors
from accord.transit.agreements.selectors import (
    agreement_rows,
    closure_list,
    engine_agreements,
    engine_closure,
)
from accord.transit.common import engine_error
from accord.transit.engine.model import Network, TransitInputError
from accord.transit.network.selectors import engine_leg, engine_node, leg_list, node_list


def exempt_countries(actor) -> frozenset[str]:
    """NATO members and Afghanistan need no transit agreement (see the engine's rule)."""
    nations = core_selectors.nation_list(actor=actor, params={"nato": True})
    return frozenset(set(nations.values_list("iso3", flat=True)) | {"AFG"})


def network_for(actor) -> Network:
    """The network as ``actor`` may read it, in the engine's terms."""
    # leg_list and closure_list already leave out what touches a place the actor may not see.
    nodes = [engine_node(n) for n in node_list(actor=actor)]
    legs = [engine_leg(leg) for leg in leg_list(actor=actor)]
    closures = [engine_closure(c) for c in closure_list(actor=actor)]
    try:
        return Network(
            nodes=tuple(nodes),
            legs=tuple(legs),
            agreements=engine_agreements(agreement_rows(actor)),
            closures=tuple(closures),
            exempt_countries=exempt_countries(actor),
        )
    except TransitInputError as exc:
        raise engine_error(exc) from None
