"""The transit sections of the scenario: the network, agreements, closures, leases and extras.

The raw sections (``transit_nodes``, ``transit_legs``, ``transit_routes``, ``transit_costs``,
``transit_agreements``, ``transit_leases``) are mapped to engine records by
:mod:`accord.transit.engine.scenario`, the one place that fills gaps with documented defaults
(and lists what it derived in each leg's ``estimated`` field). This loader stores them:

- each engine agreement is split into rows per country × mode × cargo class × direction,
  linked to the council's legal basis of the same code as the scenario item;
- the closures inside agreements (Pakistan's ground lines 26 Nov 2011 - 3 Jul 2012, Torkham
  2010) and the extra ones of ``transit_extra.closures`` (Manas, 3 Jun 2014) become closures;
- Russia's revocation of 18 May 2015 becomes prohibiting rows (``effect='deny'``);
- ``transit_extra`` (Accord's own, every figure ``estimated: true``) adds operators,
  capacities, closures, a month's demands and a few shipments.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from accord.core.scenario_sections import ScenarioContext, scenario_section
from accord.council import selectors as council_selectors
from accord.errors import AccordError, NotFound
from accord.markings import Marking
from accord.transit.engine import scenario as mapping
from accord.transit.engine.model import TransitInputError
from accord.transit.models import (
    Shipment,
    TransitAgreement,
    TransitClosure,
    TransitDemand,
    TransitLease,
    TransitLeg,
    TransitNode,
)
from accord.transit.shipments.inputs import ShipmentValues
from accord.transit.shipments.services import shipment_create


def dec(value, places: int) -> Decimal:
    return Decimal(f"{float(value):.{places}f}")


def agreement_marking(countries, parties) -> str:
    """NRC when Russia is a party or a transit country, NATO otherwise."""
    return Marking.NRC if "RUS" in set(countries) | set(parties) else Marking.NATO


def _known_sources(ctx: ScenarioContext, raw: dict) -> list[str]:
    return [code for code in raw.get("source") or () if code in ctx.sources]


def _by_id(items: list) -> dict:
    return {item.get("id"): item for item in items if isinstance(item, dict)}


def _fail(ctx: ScenarioContext, items: list, path: str, exc: TransitInputError):
    """A mapping error located on the item its field names (``L01.from`` -> item L01)."""
    ident = exc.field.split(".")[0].split("[")[-1].rstrip("]")
    item = _by_id(items).get(ident) or (items[0] if items else {})
    field = exc.field.split(".")[-1] if "." in exc.field else None
    return ctx.error(
        item, field if isinstance(item, dict) and field in item else None, path, exc.message
    )


def _nation(ctx: ScenarioContext, item: dict, field: str, path: str, iso3: str):
    nation = ctx.nations.get(iso3)
    if nation is None:
        raise ctx.error(item, field, path, f"no nation {iso3!r} in the scenario's nations")
    return nation


@scenario_section("transit", order=40)
def load_transit(ctx: ScenarioContext) -> None:
    extra = ctx.items("transit_extra", dict) or {}
    # Accord's own details of places (throughput a day) fill fields the sources leave empty.
    node_details = extra.get("nodes") or {}
    raw_nodes = ctx.items("transit_nodes")
    nodes_in = [{**node, **(node_details.get(node.get("id")) or {})} for node in raw_nodes]
    raw_legs = list(ctx.items("transit_legs"))
    details = extra.get("legs") or {}
    # Accord's own details (operators, capacities) fill fields the sources leave empty.
    legs_in = [{**leg, **(details.get(leg.get("id")) or {})} for leg in raw_legs]
    try:
        nodes = mapping.nodes_from_records(nodes_in)
    except (KeyError, TypeError, ValueError) as exc:
        raise ctx.error(
            raw_nodes[0] if raw_nodes else {}, None, "transit_nodes", str(exc)
        ) from None
    try:
        legs = mapping.legs_from_records(legs_in, nodes, ctx.items("transit_routes"))
    except TransitInputError as exc:
        raise _fail(ctx, raw_legs, "transit_legs", exc) from None
    nations = ctx.items("nations")
    exempt = mapping.exempt_from_nations(nations)
    raw_agreements = ctx.items("transit_agreements")
    try:
        mapped = mapping.agreements_from_records(raw_agreements, exempt, {n.code for n in nodes})
    except TransitInputError as exc:
        raise _fail(ctx, raw_agreements, "transit_agreements", exc) from None
    raw_leases = ctx.items("transit_leases")
    try:
        leases = mapping.leases_from_records(raw_leases)
    except (TransitInputError, KeyError, ValueError) as exc:
        message = exc.message if isinstance(exc, TransitInputError) else f"missing or bad {exc}"
        raise ctx.error(
            raw_leases[0] if raw_leases else {}, None, "transit_leases", message
        ) from None

    node_rows = _store_nodes(ctx, raw_nodes, nodes, node_details)
    leg_rows = _store_legs(ctx, raw_legs, legs, node_rows)
    _store_agreements(ctx, raw_agreements, mapped.agreements)
    _store_closures(ctx, raw_agreements, mapped.closures, node_rows, leg_rows)
    _store_extra_closures(ctx, extra.get("closures") or [], node_rows, leg_rows)
    _store_leases(ctx, raw_leases, leases, leg_rows)
    _store_demands(ctx, extra.get("demands") or [], node_rows)
    _store_shipments(ctx, extra.get("shipments") or [], node_rows)
    ctx.shared["transit.nodes"] = node_rows
    ctx.shared["transit.legs"] = leg_rows


def _store_nodes(ctx, raw_nodes, nodes, details) -> dict:
    rows = {}
    for raw, node in zip(raw_nodes, nodes, strict=True):
        country = _nation(ctx, raw, "country", "transit_nodes", node.country)
        values = {
            "name": node.name,
            **ctx.language_columns(raw, "transit_nodes"),
            "country": country,
            "kinds": list(node.kinds),
            "latitude": dec(node.lat, 5),
            "longitude": dec(node.lon, 5),
            "coords_estimated": bool(raw.get("coords_estimated")),
            "capacity_teu_day": (
                None if node.capacity_teu_day is None else dec(node.capacity_teu_day, 1)
            ),
            "capacity_estimated": bool((details.get(node.code) or {}).get("estimated")),
            "notes": str(raw.get("notes") or ""),
            "marking": Marking.NRC,
        }
        rows[node.code] = ctx.upsert(
            TransitNode, {"code": node.code}, values, _known_sources(ctx, raw), "transit_node"
        )
    return rows


def _store_legs(ctx, raw_legs, legs, node_rows) -> dict:
    rows = {}
    for raw, leg in zip(raw_legs, legs, strict=True):
        for iso3 in leg.countries:
            _nation(ctx, raw, "via", "transit_legs", iso3)
        values = {
            "route": str(raw.get("route") or ""),
            "origin": node_rows[leg.origin],
            "destination": node_rows[leg.destination],
            "mode": leg.mode,
            "distance_km": dec(leg.distance_km, 1),
            "days": dec(leg.days, 2),
            "cost_per_teu": leg.cost_per_teu,
            "cost_per_tonne": dec(leg.cost_per_tonne, 2),
            "capacity_teu_month": leg.capacity_teu_month,
            "capacity_tonnes_month": (
                None if leg.capacity_tonnes_month is None else dec(leg.capacity_tonnes_month, 1)
            ),
            "operator": leg.operator,
            "two_way": leg.two_way,
            "countries": list(leg.countries),
            "estimated": list(leg.estimated),
            "notes": str(raw.get("note") or ""),
            "marking": Marking.NRC,
        }
        rows[leg.code] = ctx.upsert(
            TransitLeg, {"code": leg.code}, values, _known_sources(ctx, raw), "transit_leg"
        )
    return rows


def _legal_basis(ctx, code: str | None):
    if not code:
        return None
    bases = ctx.shared.get("council.legal_bases") or {}
    if code in bases:
        return bases[code]
    # The council's register, read as the loader reads (everything) when its own loader ran in
    # an earlier load.
    try:
        return council_selectors.legal_basis_get(ctx.actor, code)
    except NotFound:
        return None


def group_code(code: str) -> str:
    """An engine agreement's code as a slug (``nato_rus_land_2008:revoked`` -> ``...-revoked``)."""
    return code.replace(":", "-").replace("@", "-")[:60]


def agreement_rows(agreement) -> list[dict]:
    """One engine agreement split per country × mode × cargo class × direction."""
    group = group_code(agreement.code)
    return [
        {
            "code": f"{group}-{country.lower()}-{mode}-{cargo}-{direction}",
            "country": country,
            "mode": mode,
            "cargo_class": cargo,
            "direction": direction,
        }
        for country in agreement.countries
        for mode in agreement.modes
        for cargo in agreement.cargo_classes
        for direction in agreement.directions
    ]


def _store_agreements(ctx, raw_agreements, agreements) -> None:
    raw_by_id = _by_id(raw_agreements)
    for agreement in agreements:
        raw = raw_by_id.get(agreement.legal_basis) or {}
        basis = _legal_basis(ctx, agreement.legal_basis)
        cap = agreement.cap
        for row in agreement_rows(agreement):
            country = _nation(ctx, raw, "parties", "transit_agreements", row["country"])
            values = {
                "group": group_code(agreement.code),
                "title": str(raw.get("instrument") or agreement.code)[:300],
                "legal_basis": basis,
                "country": country,
                "mode": row["mode"],
                "cargo_class": row["cargo_class"],
                "direction": row["direction"],
                "effect": agreement.effect,
                "valid_from": agreement.valid_from,
                "valid_to": agreement.valid_to,
                "cap_amount": dec(cap.amount, 2) if cap else None,
                "cap_unit": cap.unit if cap else "",
                "tonnes_per_flight": dec(cap.tonnes_per_flight, 2)
                if cap and cap.tonnes_per_flight
                else None,
                "parties": list(agreement.parties),
                "note": agreement.note,
                "estimated": agreement.estimated or bool(raw.get("estimated")),
                "marking": agreement_marking(agreement.countries, raw.get("parties") or ()),
            }
            ctx.upsert(
                TransitAgreement,
                {"code": row["code"][:120]},
                values,
                _known_sources(ctx, raw),
                "transit_agreement",
            )


def _closure_values(ctx, raw, kind, target, node_rows, leg_rows, path) -> dict:
    values = {"target_kind": kind, "node": None, "leg": None, "country": None}
    if kind == "node":
        if target not in node_rows:
            raise ctx.error(raw, None, path, f"closure names unknown node {target!r}")
        values["node"] = node_rows[target]
    elif kind == "leg":
        if target not in leg_rows:
            raise ctx.error(raw, None, path, f"closure names unknown leg {target!r}")
        values["leg"] = leg_rows[target]
    else:
        values["country"] = _nation(ctx, raw, None, path, target)
    return values


def _store_closures(ctx, raw_agreements, closures, node_rows, leg_rows) -> None:
    raw_by_id = _by_id(raw_agreements)
    for closure in closures:
        raw = raw_by_id.get(closure.code.split(":")[0]) or {}
        values = _closure_values(
            ctx, raw, closure.target_kind, closure.target, node_rows, leg_rows, "transit_agreements"
        )
        values.update(
            start=closure.start,
            end=closure.end,
            reason=closure.reason,
            estimated=False,
            marking=Marking.NRC,
        )
        code = group_code(closure.code)
        ctx.upsert(
            TransitClosure, {"code": code}, values, _known_sources(ctx, raw), "transit_closure"
        )


def _date(ctx, raw, field, path):
    try:
        return mapping.parse_date(raw.get(field), field)
    except TransitInputError as exc:
        raise ctx.error(raw, field, path, exc.message) from None


def _store_extra_closures(ctx, items, node_rows, leg_rows) -> None:
    path = "transit_extra.closures"
    for raw in items:
        kind = raw.get("target_kind", "node")
        values = _closure_values(ctx, raw, kind, raw.get("target"), node_rows, leg_rows, path)
        values.update(
            start=_date(ctx, raw, "start", path),
            end=_date(ctx, raw, "end", path) if raw.get("end") else None,
            reason=str(raw.get("reason") or ""),
            estimated=bool(raw.get("estimated")),
            marking=Marking.NRC,
        )
        ctx.upsert(
            TransitClosure, {"code": raw["id"]}, values, _known_sources(ctx, raw), "transit_closure"
        )


def _store_leases(ctx, raw_leases, leases, leg_rows) -> None:
    for raw, lease in zip(raw_leases, leases, strict=True):
        missing = [code for code in lease.legs if code not in leg_rows]
        if missing:
            raise ctx.error(raw, "legs", "transit_leases", f"unknown leg(s) {', '.join(missing)}")
        values = {
            "provider": lease.provider,
            "participant": ctx.nations.get(raw.get("participant")),
            "mode": lease.mode,
            "teu_per_sortie": lease.teu_per_sortie,
            "tonnes_per_sortie": dec(lease.tonnes_per_sortie, 1),
            "cost_per_sortie": lease.cost_per_sortie,
            "hours_per_sortie": dec(lease.hours_per_sortie, 1),
            "period_start": lease.period_start,
            "period_end": lease.period_end,
            "availability": lease.availability,
            "notice_days": lease.notice_days,
            "quota_hours_year": dec(lease.quota_hours_year, 1),
            "quota_group": lease.quota_group,
            "max_sorties_month": lease.max_sorties_month,
            "estimated": bool(raw.get("estimated")),
            "notes": str(raw.get("note") or raw.get("notes") or ""),
            "marking": Marking.NATO,
        }
        ctx.upsert(
            TransitLease,
            {"code": lease.code},
            values,
            _known_sources(ctx, raw),
            "transit_lease",
            {"legs": [leg_rows[code] for code in lease.legs]},
        )


def _node(ctx, raw, field, path, node_rows):
    code = raw.get(field)
    if code not in node_rows:
        raise ctx.error(raw, field, path, f"no transit node {code!r}")
    return node_rows[code]


def _store_demands(ctx, items, node_rows) -> None:
    path = "transit_extra.demands"
    for raw in items:
        month = _date(ctx, raw, "month", path).replace(day=1)
        values = {
            "origin": _node(ctx, raw, "from", path, node_rows),
            "destination": _node(ctx, raw, "to", path, node_rows),
            "cargo_class": raw.get("cargo_class"),
            "direction": raw.get("direction", "to_afghanistan"),
            "teu": int(raw.get("teu") or 0),
            "tonnes": dec(raw.get("tonnes") or 0, 1),
            "latest_days": raw.get("latest_days"),
            "estimated": bool(raw.get("estimated")),
            "marking": Marking.NATO,
        }
        ctx.upsert(
            TransitDemand,
            {"code": raw["id"], "month": month},
            values,
            _known_sources(ctx, raw),
            "transit_demand",
        )


def _store_shipments(ctx, items, node_rows) -> None:
    """A few consignments on the road, created once through the shipment service (which checks
    their routes against the agreements and closures for their dates)."""
    path = "transit_extra.shipments"
    for raw in items:
        if Shipment.objects.filter(reference=raw["id"]).exists():
            ctx.counts["unchanged"] += 1
            continue
        data = {
            "reference": raw["id"],
            "cargo_class": raw.get("cargo_class"),
            "direction": raw.get("direction", "to_afghanistan"),
            "teu": int(raw.get("teu") or 0),
            "tonnes": dec(raw.get("tonnes") or 0, 1),
            "origin": _node(ctx, raw, "from", path, node_rows),
            "destination": _node(ctx, raw, "to", path, node_rows),
            "route": list(raw.get("route") or []),
            "shipper": list(raw.get("shipper") or []),
            "departure": _date(ctx, raw, "departure", path),
            "notes": str(raw.get("note") or ""),
            "marking": Marking.NATO,
        }
        if raw.get("joint_action"):
            action = (ctx.shared.get("council.joint_actions") or {}).get(raw["joint_action"])
            if action is None:
                raise ctx.error(raw, "joint_action", path, "no such joint action in the council")
            data["joint_action"] = action
        try:
            shipment_create(actor=ctx.actor, values=ShipmentValues(**data))
        except AccordError as exc:
            raise ctx.error(raw, None, path, exc.detail) from None
        ctx.counts["created"] += 1


def month_of(value: dt.date) -> dt.date:
    return value.replace(day=1)
