"""Reads of what may pass where and when -- transit agreements (permits and prohibitions) and
closures of places, legs and borders -- through the access policy, and their engine records.

An agreement is one country's permit: an agreement of a nation the reader may not read is left
out. A closure is about its target: a closure of a place or leg the reader may not see is left
out, as in the planner's network (see ``accord.transit.network.selectors``).
"""

from __future__ import annotations

from collections import defaultdict
from itertools import product

from django.db.models import Q, QuerySet

from accord import access
from accord.council import selectors as council_selectors
from accord.transit.common import get_visible
from accord.transit.engine.agreements import agreement_conflicts
from accord.transit.engine.model import Agreement, Cap, Closure
from accord.transit.models import TransitAgreement, TransitClosure
from accord.transit.network.selectors import leg_q, node_q

# --- agreements ----------------------------------------------------------------------------------


def agreement_list(*, actor, country: str | None = None, group: str | None = None) -> QuerySet:
    # ``legal_basis_shown``: whether the reader may see the council's legal basis it names.
    qs = access.visible(
        _agreements(actor).annotate(legal_basis_shown=access.visible_flag(actor, "legal_basis__")),
        actor,
    )
    if country:
        qs = qs.filter(country__iso3=country.upper())
    if group:
        qs = qs.filter(group=group)
    return qs


def _agreements(actor) -> QuerySet:
    # An agreement is one country's permit: the country is its subject, so an agreement of a
    # nation the reader may not read is left out (as a closure of a hidden place is).
    return TransitAgreement.objects.select_related("country", "legal_basis").filter(
        access.visible_q(actor, "country__")
    )


def agreement_get(*, actor, code: str) -> TransitAgreement:
    return get_visible(_agreements(actor), actor, "transit agreement", code=code)


def legal_basis_get(*, actor, code: str):
    """A legal basis of the council's register the actor may read (for linking agreements)."""
    return council_selectors.legal_basis_get(actor, code)


def conflict_report(*, actor) -> list:
    """Pairs of agreements (as the actor reads them) that contradict each other."""
    return list(agreement_conflicts(engine_agreements(agreement_rows(actor))))


# --- closures ------------------------------------------------------------------------------------


def _closures(actor) -> QuerySet:
    # A closure is about its target: closing a node or a leg the reader may not see would
    # reveal it (its code, its dates, the reason), so such a closure is left out, as in the
    # planner's network.
    target = (
        (Q(target_kind="country") & access.visible_q(actor, "country__"))
        | (Q(target_kind="node") & node_q(actor, "node__"))
        | (Q(target_kind="leg") & leg_q(actor, "leg__"))
    )
    return TransitClosure.objects.select_related(
        "node", "leg", "country", "leg__origin", "leg__destination"
    ).filter(target)


def closure_list(*, actor) -> QuerySet:
    return access.visible(_closures(actor), actor)


def closure_get(*, actor, code: str) -> TransitClosure:
    return get_visible(_closures(actor), actor, "transit closure", code=code)


# --- the engine's records ------------------------------------------------------------------------


def agreement_rows(actor) -> list[TransitAgreement]:
    rows = list(access.visible(_agreements(actor), actor))
    for row in rows:
        row.country_iso3 = row.country.iso3
    return rows


def engine_closure(row: TransitClosure) -> Closure:
    return Closure(
        code=row.code,
        target_kind=row.target_kind,
        target=row.target_code,
        start=row.start,
        end=row.end,
        reason=row.reason,
    )


def _cap(row: TransitAgreement) -> Cap | None:
    if row.cap_amount is None:
        return None
    tpf = float(row.tonnes_per_flight) if row.tonnes_per_flight is not None else None
    return Cap(float(row.cap_amount), row.cap_unit, tpf)


def engine_agreements(rows) -> tuple[Agreement, ...]:
    """Rows regrouped into engine agreements: one per ``group`` when its rows form the full
    country × mode × class × direction product with the same terms (so a cap is counted once),
    else one per row."""
    agreements = [
        agreement
        for terms, members in _rows_by_terms(rows).items()
        for agreement in _regrouped(terms, members)
    ]
    return tuple(sorted(_codes_made_unique(agreements), key=lambda a: a.code))


def _rows_by_terms(rows) -> dict[tuple, list[TransitAgreement]]:
    """The rows bucketed by their group and every term an engine agreement holds once."""
    buckets: dict[tuple, list[TransitAgreement]] = defaultdict(list)
    for row in rows:
        key = (
            row.group,
            row.effect,
            row.valid_from,
            row.valid_to,
            row.cap_amount,
            row.cap_unit,
            row.tonnes_per_flight,
            tuple(row.parties or ()),
            row.legal_basis.code if row.legal_basis_id else None,
        )
        buckets[key].append(row)
    return buckets


def _regrouped(terms: tuple, members: list[TransitAgreement]) -> list[Agreement]:
    """One engine agreement for a bucket whose rows form the whole product of their countries,
    modes, classes and directions; else one per row."""
    axes = [
        tuple(sorted({getattr(m, attr) for m in members}))
        for attr in ("country_iso3", "mode", "cargo_class", "direction")
    ]
    scope = {(m.country_iso3, m.mode, m.cargo_class, m.direction) for m in members}
    whole = len(scope) == len(members) and scope == set(product(*axes))
    groups = (
        [(terms[0], members, axes)]
        if whole
        else [
            (m.code, [m], [(m.country_iso3,), (m.mode,), (m.cargo_class,), (m.direction,)])
            for m in members
        ]
    )
    legal_basis = terms[8]
    agreements = []
    for code, group_rows, (countries, modes, classes, directions) in groups:
        first = group_rows[0]
        agreements.append(
            Agreement(
                code=code,
                countries=countries,
                modes=modes,
                cargo_classes=classes,
                directions=directions,
                valid_from=first.valid_from,
                valid_to=first.valid_to,
                effect=first.effect,
                cap=_cap(first),
                legal_basis=legal_basis,
                parties=tuple(first.parties or ()),
                note=first.note,
                estimated=any(m.estimated for m in group_rows),
            )
        )
    return agreements


def _codes_made_unique(agreements: list[Agreement]) -> list[Agreement]:
    """The same group split by different terms: each part named by its row (``code#n``)."""
    codes = [a.code for a in agreements]
    if len(codes) == len(set(codes)):
        return agreements
    return [
        Agreement(**{**a.__dict__, "code": f"{a.code}#{n}"}) if codes.count(a.code) > 1 else a
        for n, a in enumerate(agreements, start=1)
    ]
