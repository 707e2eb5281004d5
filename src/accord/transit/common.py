"""What every transit sub-domain shares: the engine's bad input as a domain error, the one record
the actor may read (else not found), a record's values merged with a change, batching for
queries, and the pattern of a record's code inside a stored message.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

from django.db.models import Model, QuerySet

from accord import access
from accord.errors import NotFound, ValidationFailed
from accord.transit.engine.model import TransitInputError

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


def merged(obj: Model, data: dict) -> dict:
    """The record's stored values with ``data`` laid over them: the record as it will be."""
    values = {f.name: getattr(obj, f.name) for f in obj._meta.concrete_fields}
    return {**values, **data}


def get_visible(queryset: QuerySet, actor, what: str, **lookup):
    """The one record of ``queryset`` the actor may read; any other answers as not found."""
    obj = access.visible(queryset, actor).filter(**lookup).first()
    if obj is None:
        raise NotFound(f"No {what} {next(iter(lookup.values()))!r} that you may read.")
    return obj


def chunks(values: Iterable) -> list[list]:
    """``values`` sorted and cut into query-sized lists."""
    values = sorted(values)
    return [values[i : i + CHUNK] for i in range(0, len(values), CHUNK)]


# A record's code as stored messages name it: a leg's reverse arc ends in ``/r``, a part of an
# agreement split by its terms in ``#n``.
CODE = re.compile(r"[A-Za-z0-9_#-]+(?:/r)?")
