"""The route planner's one use case: a route query, answered over the network as the actor reads
it. A read: it opens no transaction; a refused query is still audited, in one of its own."""

from __future__ import annotations

from django.utils.translation import gettext as _

from accord import access
from accord.audit.services import refusals_audited
from accord.errors import PermissionDenied
from accord.transit.common import engine_error
from accord.transit.engine.model import RouteQuery, TransitInputError
from accord.transit.routing import selectors


@refusals_audited("transit_route.query")
def route_query(*, actor, **params):
    """Answer a route query over the network as the actor reads it (engine routing).

    A read: it opens no transaction (a refused query is still audited, in one of its own).
    ``params`` are :class:`RouteQuery`'s fields; bad ones are refused with the engine's code.
    """
    if access.principal_of(actor).is_anonymous:
        raise PermissionDenied(_("Sign in to plan a route."))
    planner = selectors.planner_for(actor)
    try:
        query = RouteQuery(**params)
        return planner.plan(query)
    except TransitInputError as exc:
        raise engine_error(exc) from None
