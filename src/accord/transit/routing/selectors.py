"""The network as the engine sees it -- places, legs, agreements, closures and the countries
that need no agreement -- read as one actor may read it: the input of the route planner, the
flow plan and a shipment's route check.

The planner sees the network *as the actor may read it*: a Russian delegate's planner knows no
NATO-marked agreement, so the pages, the API and the map agree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from accord import access
from accord.core import selectors as core_selectors
from accord.kept import KeptRecent, kept_for
from accord.transit.agreements.selectors import (
    agreement_rows,
    closure_list,
    engine_agreements,
    engine_closure,
)
from accord.transit.common import engine_error
from accord.transit.engine.model import Network, TransitInputError
from accord.transit.engine.routing import RoutePlanner
from accord.transit.network.selectors import engine_leg, engine_node, leg_list, node_list

#: The topics (``accord.kept``) of what the planner's network is read from: the places, legs,
#: agreements and closures, and the nations (who needs no agreement, whose cargo moves under
#: NATO's). Every write to their tables sets a topic's version, on this server or another.
NETWORK_TOPICS = ("transit_network", "core")
#: Planners kept per process: one per visibility class in use (a handful), each for the current
#: network only.
PLANNERS_KEPT = 16


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


@dataclass(frozen=True)
class Routing:
    """What a route query needs of the network as one visibility class reads it, built
    together: the planner, and the nations the class reads by ISO3 code, each with the day it
    joined NATO (None: not a member), for the shipper's parties."""

    planner: RoutePlanner
    nations: Mapping[str, dt.date | None]


_kept: KeptRecent[Routing] = KeptRecent(size=PLANNERS_KEPT)


def routing_for(actor) -> Routing:
    """The route planner over the network as ``actor`` reads it, with the nations they read:
    built once per visibility class (``access.marking_class``) and version of the network's
    and the nations' tables (``NETWORK_TOPICS``), and reused, for building them (reading the
    network, making the graphs) costs a hundred times a query. A write inside a transaction
    sets versions no other reader sees, so its own next query builds afresh, and a rollback
    leaves what was built under them unused."""
    return kept_for(
        _kept, None, access.marking_class(actor), NETWORK_TOPICS, lambda: _routing(actor)
    )


def _routing(actor) -> Routing:
    nations = core_selectors.nations_readable(actor=actor).values_list("iso3", "nato_accession")
    return Routing(
        planner=RoutePlanner(network_for(actor)), nations=MappingProxyType(dict(nations))
    )
