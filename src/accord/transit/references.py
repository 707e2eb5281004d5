"""Codes a request names, resolved by the service to the records the actor may read.

The pages and the API hand a transit service what the user gave: a node's code, a nation's ISO3
code, a legal basis's code in the council's register. The service resolves each through the
selectors, so a code the actor cannot read (absent, or outside their reach) is refused as bad
input on its field, with the kind's stable code (``Code.UNKNOWN_NODE``, ``Code.UNKNOWN_NATION``
...) -- and, being the service's own refusal, it is audited under the use case's action like any
other. A record already resolved (a
test, the scenario loader) passes through unchanged.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from django.db.models import Model

from accord.core import selectors as core_selectors
from accord.council import selectors as council_selectors
from accord.errors import Code, NotFound, ValidationFailed
from accord.inputs import Values
from accord.transit.network import selectors as network_selectors

NOT_READABLE = "No such record that you may read."

# kind -> (what the error calls it, the code refusing it, the lookup of one code for the actor)
LOOKUPS: dict[str, tuple[str, Code, Callable]] = {
    "node": (
        "transit node",
        Code.UNKNOWN_NODE,
        lambda actor, code: network_selectors.node_get(actor=actor, code=code),
    ),
    "leg": (
        "transit leg",
        Code.UNKNOWN_LEG,
        lambda actor, code: network_selectors.leg_get(actor=actor, code=code),
    ),
    "nation": (
        "nation",
        Code.UNKNOWN_NATION,
        lambda actor, code: core_selectors.nation_get(actor=actor, iso3=code.strip().upper()),
    ),
    "legal_basis": (
        "legal basis",
        Code.UNKNOWN_LEGAL_BASIS,
        lambda actor, code: council_selectors.legal_basis_get(actor, code),
    ),
}


def unknown(field: str, value, what: str, code: Code) -> ValidationFailed:
    """Bad input naming a ``what`` the caller cannot read, refused with ``code``."""
    return ValidationFailed(
        f"{field}: no {what} {value!r} that you may read.",
        code=code,
        errors={field: [NOT_READABLE]},
    )


def reference(
    actor, field: str, kind: str, value, *, what: str | None = None, code: Code | None = None
):
    """One field's record: ``value`` itself if it is one already, else the record its code names
    (None for no code). ``what`` and ``code`` name the record in the refusal when the field says
    more than its kind (a closed country is looked up as a nation)."""
    if value in (None, "") or isinstance(value, Model):
        return value or None
    default_what, default_code, lookup = LOOKUPS[kind]
    try:
        return lookup(actor, value)
    except NotFound:
        raise unknown(field, value, what or default_what, code or default_code) from None


def references_resolved[V: Values](actor, values: V, **kinds: str) -> V:
    """``values`` with each named field's code (or list of codes) replaced by its record, e.g.
    ``references_resolved(actor, values, origin="node", destination="node")``; a field left
    UNSET stays so."""
    resolved = {}
    for field, kind in kinds.items():
        if not values.has(field):
            continue
        value = getattr(values, field)
        if isinstance(value, (list, tuple)):
            resolved[field] = [reference(actor, field, kind, item) for item in value]
        else:
            resolved[field] = reference(actor, field, kind, value)
    return replace(values, **resolved)
