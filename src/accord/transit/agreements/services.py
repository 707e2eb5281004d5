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

from django.utils.translation import gettext as _

from accord import access
from accord.audit.services import audited, audited_action
from accord.bilingual import require_versions
from accord.core.services import record_create, record_delete, record_update
from accord.errors import Code, ValidationFailed
from accord.markings import Marking
from accord.transit.agreements.inputs import AgreementValues, ClosureValues
from accord.transit.common import engine_check, merged
from accord.transit.engine.model import Agreement, Closure
from accord.transit.models import TransitAgreement, TransitClosure
from accord.transit.references import reference, references_resolved
from accord.transit.shipments.services import shipments_recheck

# --- agreements ----------------------------------------------------------------------------------


def _check_agreement(fields: dict) -> None:
    """The engine's rules for an agreement (its values as it will be stored), and its legal
    basis."""
    country = fields.get("country")

    def build():
        Agreement(
            code=fields.get("code") or "new",
            countries=(country.iso3,) if country is not None else (),
            modes=(fields.get("mode") or "",),
            cargo_classes=(fields.get("cargo_class") or "",),
            directions=(fields.get("direction") or "",),
            valid_from=fields.get("valid_from") or dt.date.min,
            valid_to=fields.get("valid_to"),
            effect=fields.get("effect") or "permit",
        )

    engine_check(build)
    require_versions(
        field="title",
        english=fields.get("title") or "",
        russian=fields.get("title_ru") or "",
        authentic_en=bool(fields.get("authentic_en")),
        authentic_ru=bool(fields.get("authentic_ru")),
    )
    if fields.get("legal_basis") is None:
        raise ValidationFailed(
            _("Link the agreement to its legal basis in the register of decisions."),
            code=Code.LEGAL_BASIS_MISSING,
            errors={"legal_basis": [_("required")]},
        )


def _agreement_data(values: AgreementValues) -> dict:
    """The new agreement's given fields with its defaults: marked NRC when its transit country
    is Russia, NATO otherwise; grouped under its own code."""
    data = values.given()
    if not values.has("marking"):
        country = values.country or None
        data["marking"] = (
            Marking.NRC if country is not None and country.iso3 == "RUS" else Marking.NATO
        )
    if not values.group:
        data["group"] = (values.code or "")[:60]
    return data


@audited("transit_agreement.create")
def _agreement_create(*, actor, values: AgreementValues) -> TransitAgreement:
    access.require_kind(actor, "create", TransitAgreement)
    values = references_resolved(actor, values, country="nation", legal_basis="legal_basis")
    data = _agreement_data(values)
    access.require_create(actor, TransitAgreement, {"marking": data["marking"]})
    _check_agreement(data)
    return record_create(actor=actor, model=TransitAgreement, data=data, action=audited_action())


def agreement_create(*, actor, values: AgreementValues) -> TransitAgreement:
    """Record a transit agreement, then re-check the shipments on the road against it."""
    obj = _agreement_create(actor=actor, values=values)
    shipments_recheck(actor=actor, cause=f"agreement {obj.code} added")
    return obj


@audited("transit_agreement.update")
def _agreement_update(
    *, actor, agreement: TransitAgreement, values: AgreementValues, expected_version: int
) -> TransitAgreement:
    access.require_change(actor, agreement)
    data = values.given()
    _check_agreement(merged(agreement, data))
    return record_update(
        actor=actor,
        obj=agreement,
        data=data,
        expected_version=expected_version,
        action=audited_action(),
    )


def agreement_update(
    *, actor, agreement: TransitAgreement, values: AgreementValues, expected_version: int
) -> TransitAgreement:
    """Change an agreement's dates, effect, cap or note; then re-check the shipments."""
    obj = _agreement_update(
        actor=actor, agreement=agreement, values=values, expected_version=expected_version
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


def _closure_target(actor, values: ClosureValues) -> dict:
    """The closure's given fields, the closed record resolved: given as ``target`` (a code,
    from the API) or in the field ``target_kind`` names (a code from the pages, or the record
    itself)."""
    data = values.given()
    kind = values.target_kind
    if kind not in ("node", "leg", "country"):
        return data  # refused by _closure_defaults
    field = "target" if values.has("target") else kind
    value = data.pop("target", data.get(kind))
    lookup = "nation" if kind == "country" else kind
    data[kind] = reference(actor, field, lookup, value, what=f"transit {kind}", code=UNKNOWN[kind])
    return data


def _closure_defaults(data: dict) -> dict:
    """The closure's fields with its default marking, and only its target's field set."""
    data = {"marking": TransitClosure.default_marking, **data}
    kind = data.get("target_kind")
    for field in ("node", "leg", "country"):
        if field != kind:
            data[field] = None
    if kind not in ("node", "leg", "country") or data.get(kind) is None:
        raise ValidationFailed(
            _("Name what is closed: a node, a leg or a country (target_kind and its code)."),
            code=Code.CLOSURE_TARGET_MISSING,
            errors={"target": [_("required")]},
        )
    return data


def _check_closure(fields: dict) -> None:
    """The engine's rules for a closure (its values as it will be stored)."""

    def build():
        Closure(
            code=fields.get("code") or "new",
            target_kind=fields["target_kind"],
            target="x",
            start=fields.get("start") or dt.date.min,
            end=fields.get("end"),
        )

    engine_check(build)


@audited("transit_closure.create")
def _closure_create(*, actor, values: ClosureValues) -> TransitClosure:
    access.require_kind(actor, "create", TransitClosure)
    data = _closure_defaults(_closure_target(actor, values))
    access.require_create(actor, TransitClosure, {"marking": data["marking"]})
    _check_closure(data)
    return record_create(actor=actor, model=TransitClosure, data=data, action=audited_action())


def closure_create(*, actor, values: ClosureValues) -> TransitClosure:
    """Record a closure of a node, leg or border; then flag the shipments it affects."""
    obj = _closure_create(actor=actor, values=values)
    shipments_recheck(actor=actor, cause=f"closure {obj.code} added")
    return obj


@audited("transit_closure.update")
def _closure_update(
    *, actor, closure: TransitClosure, values: ClosureValues, expected_version: int
) -> TransitClosure:
    access.require_change(actor, closure)
    if values.has("target_kind"):
        data = _closure_defaults(_closure_target(actor, values))
    else:
        data = values.given()
    _check_closure(merged(closure, data))
    return record_update(
        actor=actor,
        obj=closure,
        data=data,
        expected_version=expected_version,
        action=audited_action(),
    )


def closure_update(
    *, actor, closure: TransitClosure, values: ClosureValues, expected_version: int
) -> TransitClosure:
    """Change a closure's dates or target; then re-check the shipments."""
    obj = _closure_update(
        actor=actor, closure=closure, values=values, expected_version=expected_version
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
