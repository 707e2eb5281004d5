"""What every transit sub-domain shares: the engine's bad input as a domain error, the one record
the actor may read (else not found), a record's values merged with a change, the fields every
record's typed input takes, batching for queries, the pattern of a record's code inside a stored
message, and transit's money.

Money in transit
----------------
Every transit price is in US dollars (``CURRENCY``: the scenario's prices are USD, and so are
the leases'), stored exactly: whole dollars per TEU and per sortie (integer fields), dollars and
cents per tonne and for a plan's cost (decimal fields). Pages, messages and the command line
show them with :mod:`accord.money` (``usd_minor`` then ``format_amount``/``format_money``).

The route planner's graph and the flow plan's linear programme need floats: a price enters them
as a float (``network.selectors.engine_leg``, ``planning.selectors.engine_lease``) and the costs
they compute (a route's cost, a plan's cost, an allocation's, a shadow price) come back as
floats. ``solver_minor`` turns such a float back into whole cents, the one rounding on the way:
half to even, to the cent, from the float's exact value (as ``f"{cost:.2f}"`` always did).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from decimal import Decimal
from typing import TYPE_CHECKING

from django.db.models import Model, QuerySet
from django.utils.translation import gettext_lazy as _

from accord import access, money
from accord.errors import NotFound, ValidationFailed
from accord.transit.engine.model import TransitInputError

if TYPE_CHECKING:
    pass

CURRENCY = "USD"

# Rows per query when looking up many codes at once (SQLite caps a query's parameters).
CHUNK = 500


def engine_error(exc: TransitInputError) -> ValidationFailed:
    """The engine's bad-input error as the API and the pages answer it (422, stable code)."""
    return ValidationFailed(
        exc.message, code=exc.code, errors={exc.field or "__all__": [exc.message]}
    )


def engine_check(build: Callable[[], object]) -> None:
    """Build an engine record to apply the engine's own rules; its refusal as a domain error."""
    try:
        build()
    except TransitInputError as exc:
        raise engine_error(exc) from None


def merged(obj: Model, change: Mapping[str, object]) -> dict:
    """The record's stored values with ``change`` (a use case's given fields) laid over them:
    the record as it will be."""
    values = {f.name: getattr(obj, f.name) for f in obj._meta.concrete_fields}
    return {**values, **change}


# What a reader is told when a record is not there for them, one whole sentence per kind.
NOT_FOUND = {
    "transit node": _("No transit node %(code)s that you may read."),
    "transit leg": _("No transit leg %(code)s that you may read."),
    "transit agreement": _("No transit agreement %(code)s that you may read."),
    "transit closure": _("No transit closure %(code)s that you may read."),
    "transit lease": _("No transit lease %(code)s that you may read."),
    "flow plan": _("No flow plan %(code)s that you may read."),
    "plan over several months": _("No plan over several months %(code)s that you may read."),
    "planned movement": _("No planned movement %(code)s that you may read."),
    "shipment": _("No shipment %(code)s that you may read."),
}


def get_visible(queryset: QuerySet, actor, what: str, **lookup):
    """The one record of ``queryset`` the actor may read; any other answers as not found.
    ``what`` is the kind of record, a key of ``NOT_FOUND``."""
    obj = access.visible(queryset, actor).filter(**lookup).first()
    if obj is None:
        raise NotFound(NOT_FOUND[what] % {"code": repr(next(iter(lookup.values())))})
    return obj


def chunks(values: Iterable) -> list[list]:
    """``values`` sorted and cut into query-sized lists."""
    values = sorted(values)
    return [values[i : i + CHUNK] for i in range(0, len(values), CHUNK)]


# A record's code as stored messages name it: a leg's reverse arc ends in ``/r``, a part of an
# agreement split by its terms in ``#n``.
CODE = re.compile(r"[A-Za-z0-9_#-]+(?:/r)?")


# --- money (see the module docstring) ------------------------------------------------------------


def solver_minor(cost: float) -> int:
    """A cost the route planner or the flow plan computed (a float) in whole cents of
    ``CURRENCY``: half to even, to the cent, from the float's exact binary value."""
    return money.round_minor(Decimal(cost).scaleb(money.exponent(CURRENCY)))


def usd_minor(amount: int | Decimal | float) -> int:
    """An amount in dollars in cents: exactly for a stored price (an int or a Decimal), with
    ``solver_minor``'s rounding for a cost a solver computed (a float)."""
    if isinstance(amount, float):
        return solver_minor(amount)
    return money.to_minor(amount, CURRENCY)
