"""Writes to what may pass where and when: transit agreements and closures, one audited service
per use case.

Each service checks the access policy, validates the record through the engine's own dataclasses,
and writes in one transaction with its audit entry. A change of an agreement or a closure
changes which routes are permitted, so once it is committed the shipments on the road are
re-checked (``shipments_recheck``, in a short transaction of its own) and those whose verdict
changed are flagged.
"""

from __future__ import annotations

import datetime as dt

from accord import access
from accord.audit.services import audited, audited_action
from accord.core.services import record_create, record_delete, record_update
from accord.errors import Code, ValidationFailed
from accord.markings import Marking
from accord.transit.common import engine_check, merged
from accord.transit.engine.model import Agreement, Closure
from accord.transit.models import TransitAgreement, TransitClosure
from accord.transit.references import reference, references_resolved
from accord.transit.shipments.services import shipments_recheck

# --- agreements ----------------------------------------------------------------------------------


def _check_agreement(values: dict) -> None:
    country = values.get("country")

    def build():
        Agreement(
            code=values.get("code") or "new",
            countries=(country.iso3,) if country is not None else (),
            modes=(values.get("mode") or "",),
            cargo_classes=(values.get("cargo_class") or "",),
            directions=(values.get("direction") or "",),
            valid_from=values.get("valid_from") or dt.date.min,
            valid_to=values.get("valid_to"),
            effect=values.get("effect") or "permit",
        )

    engine_check(build)
    if values.get("legal_basis") is None:
        raise ValidationFailed(
            "Link the agreement to its legal basis in the council's register.",
            code=Code.LEGAL_BASIS_MISSING,
            errors={"legal_basis": ["required"]},
        )


def _agreement_defaults(data: dict) -> dict:
    data = dict(data)
    if "marking" not in data:
        country = data.get("country")
        data["marking"] = (
            Marking.NRC if country is not None and country.iso3 == "RUS" else Marking.NATO
        )
    if not data.get("group"):
        data["group"] = (data.get("code") or "")[:60]
    return data


@audited("transit_agreement.create")
def _agreement_create(*, actor, data: dict) -> TransitAgreement:
    access.require_kind(actor, "create", TransitAgreement)
    data = references_resolved(actor, data, country="nation", legal_basis="legal_basis")
    data = _agreement_defaults(data)
    access.require_create(actor, TransitAgreement, {"marking": data["marking"]})
    _check_agreement(data)
    return record_create(actor=actor, model=TransitAgreement, data=data, action=audited_action())


def agreement_create(*, actor, data: dict) -> TransitAgreement:
    """Record a transit agreement, then re-check the shipments on the road against it."""
    obj = _agreement_create(actor=actor, data=data)
    shipments_recheck(actor=actor, cause=f"agreement {obj.code} added")
    return obj


@audited("transit_agreement.update")
def _agreement_update(
    *, actor, agreement: TransitAgreement, data: dict, expected_version: int
) -> TransitAgreement:
    access.require_change(actor, agreement)
    _check_agreement(merged(agreement, data))
    return record_update(
        actor=actor,
        obj=agreement,
        data=data,
        expected_version=expected_version,
        action=audited_action(),
    )


def agreement_update(
    *, actor, agreement: TransitAgreement, data: dict, expected_version: int
) -> TransitAgreement:
    """Change an agreement's dates, effect, cap or note; then re-check the shipments."""
    obj = _agreement_update(
        actor=actor, agreement=agreement, data=data, expected_version=expected_version
    )
    shipments_recheck(actor=actor, cause=f"agreement {obj.code} changed")
    return obj


@audited("transit_agreement.delete")
def _agreement_delete(*, actor, agreement: TransitAgreement, expected_version: int) -> None:
    record_delete(
        actor=actor,
        obj=agreement,
        expected_version=expected_version,
        action=audited_action(),
    )


def agreement_delete(*, actor, agreement: TransitAgreement, expected_version: int) -> None:
    """Remove an agreement; then re-check the shipments that relied on it."""
    code = agreement.code
    _agreement_delete(actor=actor, agreement=agreement, expected_version=expected_version)
    shipments_recheck(actor=actor, cause=f"agreement {code} removed")


# --- closures ------------------------------------------------------------------------------------


# What a closure's unknown or unreadable target is refused with, by the kind of target.
UNKNOWN = {"node": Code.UNKNOWN_NODE, "leg": Code.UNKNOWN_LEG, "country": Code.UNKNOWN_COUNTRY}


def _closure_target(actor, data: dict) -> dict:
    """The closed record resolved: given as ``target`` (a code, from the API) or in the field
    ``target_kind`` names (a code from the pages, or the record itself)."""
    kind = data.get("target_kind")
    if kind not in ("node", "leg", "country"):
        return data  # refused by _closure_defaults
    data = dict(data)
    field = "target" if "target" in data else kind
    value = data.pop("target", data.get(kind))
    lookup = "nation" if kind == "country" else kind
    data[kind] = reference(actor, field, lookup, value, what=f"transit {kind}", code=UNKNOWN[kind])
    return data


def _closure_defaults(data: dict) -> dict:
    data = {"marking": TransitClosure.default_marking, **data}
    kind = data.get("target_kind")
    for field in ("node", "leg", "country"):
        if field != kind:
            data[field] = None
    if kind not in ("node", "leg", "country") or data.get(kind) is None:
        raise ValidationFailed(
            "Name what is closed: a node, a leg or a country (target_kind and its code).",
            code=Code.CLOSURE_TARGET_MISSING,
            errors={"target": ["required"]},
        )
    return data


def _check_closure(values: dict) -> None:
    def build():
        Closure(
            code=values.get("code") or "new",
            target_kind=values["target_kind"],
            target="x",
            start=values.get("start") or dt.date.min,
            end=values.get("end"),
        )

    engine_check(build)


@audited("transit_closure.create")
def _closure_create(*, actor, data: dict) -> TransitClosure:
    access.require_kind(actor, "create", TransitClosure)
    data = _closure_defaults(_closure_target(actor, data))
    access.require_create(actor, TransitClosure, {"marking": data["marking"]})
    _check_closure(data)
    return record_create(actor=actor, model=TransitClosure, data=data, action=audited_action())


def closure_create(*, actor, data: dict) -> TransitClosure:
    """Record a closure of a node, leg or border; then flag the shipments it affects."""
    obj = _closure_create(actor=actor, data=data)
    shipments_recheck(actor=actor, cause=f"closure {obj.code} added")
    return obj


@audited("transit_closure.update")
def _closure_update(
    *, actor, closure: TransitClosure, data: dict, expected_version: int
) -> TransitClosure:
    access.require_change(actor, closure)
    if "target_kind" in data:
        data = _closure_defaults(_closure_target(actor, data))
    _check_closure(merged(closure, data))
    return record_update(
        actor=actor,
        obj=closure,
        data=data,
        expected_version=expected_version,
        action=audited_action(),
    )


def closure_update(
    *, actor, closure: TransitClosure, data: dict, expected_version: int
) -> TransitClosure:
    """Change a closure's dates or target; then re-check the shipments."""
    obj = _closure_update(
        actor=actor, closure=closure, data=data, expected_version=expected_version
    )
    shipments_recheck(actor=actor, cause=f"closure {obj.code} changed")
    return obj


@audited("transit_closure.delete")
def _closure_delete(*, actor, closure: TransitClosure, expected_version: int) -> None:
    record_delete(
        actor=actor, obj=closure, expected_version=expected_version, action=audited_action()
    )


def closure_delete(*, actor, closure: TransitClosure, expected_version: int) -> None:
    """Lift a closure; then re-check the shipments it had blocked."""
    code = closure.code
    _closure_delete(actor=actor, closure=closure, expected_version=expected_version)
    shipments_recheck(actor=actor, cause=f"closure {code} lifted")
