"""The network as the engine sees it -- places, legs, agreements, closures and the countries
that need no agreement -- read as one actor may read it: the input of the route planner, the
flow plan and a shipment's route check.

The planner sees the network *as the actor may read it*: a Russian delegate's planner knows no
NATO-marked agreement, so the pages, the API and the map agree.
"""

from __future__ import annotations

from django.db import connection

from accord import access
from accord.core import selectors as core_selectors
from accord.kept import KeptRecent
from accord.transit.agreements.selectors import (
    agreement_rows,
    closure_list,
    engine_agreements,
    engine_closure,
)
from accord.transit.common import engine_error
from accord.transit.engine.model import Network, TransitInputError
from accord.transit.engine.routing import RoutePlanner
from accord.transit.models import TransitAgreement, TransitClosure, TransitLeg, TransitNode
from accord.transit.network.selectors import engine_leg, engine_node, leg_list, node_list

#: What the planner's network is read from (and the nations: who needs no agreement). Every edit
#: of one of them raises its version (the optimistic lock), adds a row or removes one: the
#: fingerprint below sees each.
NETWORK_SOURCES = (TransitNode, TransitLeg, TransitAgreement, TransitClosure)
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


def network_fingerprint() -> tuple:
    """Changes whenever the network any reader sees may have changed: per source table, its
    row count, the sum of its versions and its highest id (and the nations' own fingerprint).
    Read on every route query, so that a planner built by this process is never used after
    another server (or this one) changed the network (``core.selectors.table_fingerprint``)."""
    rows = core_selectors.table_fingerprint(*NETWORK_SOURCES)
    return (*rows, core_selectors.nations_fingerprint())


def visibility_class(actor) -> tuple:
    """What decides which network records the actor reads (``access.visible_q``): the same
    key means the same network, so readers of one class share one planner."""
    p = access.principal_of(actor)
    return (p.is_administrator, frozenset(access.readable_markings(p)), p.nation_id)


_planners: KeptRecent[RoutePlanner] = KeptRecent(size=PLANNERS_KEPT)


def planner_for(actor) -> RoutePlanner:
    """The route planner over the network as ``actor`` reads it, built once per visibility
    class and network version and reused: building it (reading the network, making the graphs)
    costs far more than a query.

    Only outside a transaction: inside one, the fingerprint may count rows that a rollback
    takes back, and another change could then bring the same fingerprint with another network.
    """
    if connection.in_atomic_block:
        return RoutePlanner(network_for(actor))
    key = (visibility_class(actor), network_fingerprint())
    return _planners.get_or_build(key, lambda: RoutePlanner(network_for(actor)))
