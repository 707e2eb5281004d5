"""The route planner's one use case: a route query, answered over the network as the actor reads
it. A read: it opens no transaction; a refused query is still audited, in one of its own."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import replace

from django.utils.translation import gettext as _

from accord import access
from accord.audit.services import refusals_audited
from accord.errors import Code, PermissionDenied, ValidationFailed
from accord.transit.common import engine_error
from accord.transit.engine.model import RouteQuery, TransitInputError
from accord.transit.routing import selectors

#: Parties that are no nation but for whom agreements are made (NATO's own, the ANSF's).
PARTIES = frozenset({"NATO", "ANSF"})


def shipping_parties(*, shipper, on_date: dt.date, nations: Mapping) -> tuple[str, ...]:
    """The parties a consignment is shipped for: the shipping nation(s) named, each a nation the
    actor may read, and NATO with them for a nation that was a member on ``on_date`` (its cargo
    moves under NATO's agreements too). Refused when no nation is named: with no shipper, every
    party's agreements would apply, and lethal cargo would be routed under other nations' deals.
    ``nations``: the nations the actor reads by code, with the day each joined NATO
    (``selectors.Routing.nations``)."""
    codes = tuple(dict.fromkeys(str(c).strip().upper() for c in shipper or () if str(c).strip()))
    named = {code: nations[code] for code in codes if code in nations}
    if not named:
        message = _(Code.SHIPPER_MISSING.message)
        raise ValidationFailed(message, code=Code.SHIPPER_MISSING, errors={"shipper": [message]})
    unknown = [c for c in codes if c not in named and c not in PARTIES]
    if unknown:
        message = _("No nation you may read has the code %(code)s.") % {"code": unknown[0]}
        raise ValidationFailed(message, code=Code.UNKNOWN_NATION, errors={"shipper": [message]})
    parties: list[str] = []
    for code in codes:
        parties.append(code)
        joined = named.get(code)
        if joined and joined <= on_date:
            parties.append("NATO")
    return tuple(dict.fromkeys(parties))


@refusals_audited("transit_route.query")
def route_query(*, actor, **params):
    """Answer a route query over the network as the actor reads it (engine routing).

    A read: it opens no transaction (a refused query is still audited, in one of its own).
    ``params`` are :class:`RouteQuery`'s fields; bad ones are refused with the engine's code.
    ``shipper`` names the shipping nation (required: ``shipper_missing`` without one); the
    answer's ``query.shipper`` holds the parties it was planned for (the nation, and NATO for a
    member).
    """
    if access.principal_of(actor).is_anonymous:
        raise PermissionDenied(_("Sign in to plan a route."))
    routing = selectors.routing_for(actor)
    try:
        query = RouteQuery(**params)
    except TransitInputError as exc:
        raise engine_error(exc) from None
    shipper = shipping_parties(
        shipper=query.shipper, on_date=query.on_date, nations=routing.nations
    )
    try:
        return routing.planner.plan(replace(query, shipper=shipper))
    except TransitInputError as exc:
        raise engine_error(exc) from None
