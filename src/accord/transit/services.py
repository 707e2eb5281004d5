"""Every write to the transit records: one audited function per use case.

Each service checks the access policy (logisticians and administrators change transit records),
validates the record through the engine's own dataclasses (so a leg with no capacity is refused
with the engine's stable code, ``bad_capacity``), writes in one transaction with its audit entry,
and refuses bad input whole. A change of an agreement or a closure re-checks the shipments on
the road and flags those whose verdict changed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import asdict
from decimal import Decimal

from django.db.models import F
from django.utils import timezone

from accord.audit.services import audit_record, audited
from accord.core import access
from accord.core.choices import Marking
from accord.core.services import record_create, record_delete, record_update
from accord.errors import Conflict, PermissionDenied, ValidationFailed
from accord.transit import selectors
from accord.transit.engine.agreements import AgreementIndex
from accord.transit.engine.flowplan import plan_flows
from accord.transit.engine.model import (
    REVERSE_SUFFIX,
    Agreement,
    Closure,
    Demand,
    PlanInput,
    TransitInputError,
)
from accord.transit.models import (
    EventKind,
    FlowPlan,
    Shipment,
    ShipmentEvent,
    ShipmentStatus,
    TransitAgreement,
    TransitClosure,
    TransitDemand,
    TransitLease,
    TransitLeg,
    TransitNode,
)
from accord.transit.selectors import engine_error

CSV_COLUMNS = ("shipment", "event", "at", "node", "delay_days", "note")
MAX_IMPORT_ROWS = 20_000


def _engine_check(build) -> None:
    try:
        build()
    except TransitInputError as exc:
        raise engine_error(exc) from None


def _merged(obj, data: dict) -> dict:
    values = {f.name: getattr(obj, f.name) for f in obj._meta.concrete_fields}
    return {**values, **data}


# --- nodes ---------------------------------------------------------------------------------------


@audited("transit_node.create")
def node_create(*, actor, data: dict) -> TransitNode:
    return record_create(actor=actor, model=TransitNode, data=data, action="transit_node.create")


@audited("transit_node.update")
def node_update(*, actor, node: TransitNode, data: dict, expected_version: int) -> TransitNode:
    return record_update(
        actor=actor,
        obj=node,
        data=data,
        expected_version=expected_version,
        action="transit_node.update",
    )


@audited("transit_node.delete")
def node_delete(*, actor, node: TransitNode, expected_version: int) -> None:
    record_delete(
        actor=actor, obj=node, expected_version=expected_version, action="transit_node.delete"
    )


# --- legs ----------------------------------------------------------------------------------------


def _check_leg(values: dict) -> None:
    """The engine's rules for a leg: positive capacity, distance, days; a positive price."""
    from accord.transit.engine.model import Leg

    origin, destination = values.get("origin"), values.get("destination")

    def build():
        Leg(
            code=values.get("code") or "new",
            origin=getattr(origin, "code", "?"),
            destination=getattr(destination, "code", "?"),
            mode=values.get("mode") or "",
            distance_km=float(values.get("distance_km") or 0),
            days=float(values.get("days") or 0),
            cost_per_teu=int(values.get("cost_per_teu") or 0),
            capacity_teu_month=int(values.get("capacity_teu_month") or 0),
            countries=tuple(values.get("countries") or ("?",)),
            cost_per_tonne=float(values.get("cost_per_tonne") or 0),
            capacity_tonnes_month=(
                None
                if values.get("capacity_tonnes_month") in (None, "")
                else float(values["capacity_tonnes_month"])
            ),
        )

    _engine_check(build)


def _leg_countries(values: dict) -> dict:
    """Endpoints' countries are always among the countries crossed."""
    values = dict(values)
    countries = [str(c).upper() for c in values.get("countries") or []]
    for end in ("origin", "destination"):
        node = values.get(end)
        if node is not None and node.country.iso3 not in countries:
            countries.insert(0 if end == "origin" else len(countries), node.country.iso3)
    values["countries"] = countries
    return values


@audited("transit_leg.create")
def leg_create(*, actor, data: dict) -> TransitLeg:
    data = _leg_countries({"marking": Marking.NRC, **data})
    access.require_create(actor, TransitLeg, {"marking": data["marking"]})
    _check_leg(data)
    return record_create(actor=actor, model=TransitLeg, data=data, action="transit_leg.create")


@audited("transit_leg.update")
def leg_update(*, actor, leg: TransitLeg, data: dict, expected_version: int) -> TransitLeg:
    access.require_change(actor, leg)
    values = _leg_countries(_merged(leg, data))
    _check_leg(values)
    data = {**data, "countries": values["countries"]}
    return record_update(
        actor=actor,
        obj=leg,
        data=data,
        expected_version=expected_version,
        action="transit_leg.update",
    )


@audited("transit_leg.delete")
def leg_delete(*, actor, leg: TransitLeg, expected_version: int) -> None:
    record_delete(
        actor=actor, obj=leg, expected_version=expected_version, action="transit_leg.delete"
    )


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

    _engine_check(build)
    if values.get("legal_basis") is None:
        raise ValidationFailed(
            "Link the agreement to its legal basis in the council's register.",
            code="legal_basis_missing",
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
def agreement_create(*, actor, data: dict) -> TransitAgreement:
    data = _agreement_defaults(data)
    access.require_create(actor, TransitAgreement, {"marking": data["marking"]})
    _check_agreement(data)
    obj = record_create(
        actor=actor, model=TransitAgreement, data=data, action="transit_agreement.create"
    )
    shipments_recheck(actor=actor, cause=f"agreement {obj.code} added")
    return obj


@audited("transit_agreement.update")
def agreement_update(
    *, actor, agreement: TransitAgreement, data: dict, expected_version: int
) -> TransitAgreement:
    access.require_change(actor, agreement)
    _check_agreement(_merged(agreement, data))
    obj = record_update(
        actor=actor,
        obj=agreement,
        data=data,
        expected_version=expected_version,
        action="transit_agreement.update",
    )
    shipments_recheck(actor=actor, cause=f"agreement {obj.code} changed")
    return obj


@audited("transit_agreement.delete")
def agreement_delete(*, actor, agreement: TransitAgreement, expected_version: int) -> None:
    code = agreement.code
    record_delete(
        actor=actor,
        obj=agreement,
        expected_version=expected_version,
        action="transit_agreement.delete",
    )
    shipments_recheck(actor=actor, cause=f"agreement {code} removed")


# --- closures ------------------------------------------------------------------------------------


def _closure_defaults(data: dict) -> dict:
    data = {"marking": Marking.NRC, **data}
    kind = data.get("target_kind")
    for field in ("node", "leg", "country"):
        if field != kind:
            data[field] = None
    if kind not in ("node", "leg", "country") or data.get(kind) is None:
        raise ValidationFailed(
            "Name what is closed: a node, a leg or a country (target_kind and its code).",
            code="closure_target_missing",
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

    _engine_check(build)


@audited("transit_closure.create")
def closure_create(*, actor, data: dict) -> TransitClosure:
    data = _closure_defaults(data)
    access.require_create(actor, TransitClosure, {"marking": data["marking"]})
    _check_closure(data)
    obj = record_create(
        actor=actor, model=TransitClosure, data=data, action="transit_closure.create"
    )
    shipments_recheck(actor=actor, cause=f"closure {obj.code} added")
    return obj


@audited("transit_closure.update")
def closure_update(
    *, actor, closure: TransitClosure, data: dict, expected_version: int
) -> TransitClosure:
    access.require_change(actor, closure)
    if "target_kind" in data:
        data = _closure_defaults(data)
    _check_closure(_merged(closure, data))
    obj = record_update(
        actor=actor,
        obj=closure,
        data=data,
        expected_version=expected_version,
        action="transit_closure.update",
    )
    shipments_recheck(actor=actor, cause=f"closure {obj.code} changed")
    return obj


@audited("transit_closure.delete")
def closure_delete(*, actor, closure: TransitClosure, expected_version: int) -> None:
    code = closure.code
    record_delete(
        actor=actor, obj=closure, expected_version=expected_version, action="transit_closure.delete"
    )
    shipments_recheck(actor=actor, cause=f"closure {code} lifted")


# --- leases and demands --------------------------------------------------------------------------


def _check_lease(values: dict, legs) -> None:
    from accord.transit.engine.model import Lease

    def build():
        Lease(
            code=values.get("code") or "new",
            provider=values.get("provider") or "",
            mode=values.get("mode") or "",
            legs=tuple(leg.code for leg in legs or ()),
            teu_per_sortie=int(values.get("teu_per_sortie") or 0),
            tonnes_per_sortie=float(values.get("tonnes_per_sortie") or 0),
            cost_per_sortie=int(values.get("cost_per_sortie") or 0),
            hours_per_sortie=float(values.get("hours_per_sortie") or 0),
            period_start=values.get("period_start") or dt.date.min,
            period_end=values.get("period_end") or dt.date.min,
            availability=values.get("availability") or "full_time",
            notice_days=int(values.get("notice_days") or 0),
            quota_hours_year=float(values.get("quota_hours_year") or 0),
            quota_hours_left=float(values.get("quota_hours_year") or 0),
            max_sorties_month=int(values.get("max_sorties_month") or 0),
        )

    _engine_check(build)


@audited("transit_lease.create")
def lease_create(*, actor, data: dict) -> TransitLease:
    data = {"marking": Marking.NATO, **data}
    access.require_create(actor, TransitLease, {"marking": data["marking"]})
    _check_lease(data, data.get("legs"))
    return record_create(actor=actor, model=TransitLease, data=data, action="transit_lease.create")


@audited("transit_lease.update")
def lease_update(*, actor, lease: TransitLease, data: dict, expected_version: int) -> TransitLease:
    access.require_change(actor, lease)
    legs = data.get("legs", list(lease.legs.all()))
    _check_lease(_merged(lease, data), legs)
    return record_update(
        actor=actor,
        obj=lease,
        data=data,
        expected_version=expected_version,
        action="transit_lease.update",
    )


@audited("transit_demand.create")
def demand_create(*, actor, data: dict) -> TransitDemand:
    data = {"marking": Marking.NATO, **data}
    if data.get("month"):
        data["month"] = data["month"].replace(day=1)
    access.require_create(actor, TransitDemand, {"marking": data["marking"]})
    origin, destination = data.get("origin"), data.get("destination")

    def build():
        Demand(
            code=data.get("code") or "new",
            origin=origin.code,
            destination=destination.code,
            cargo_class=data.get("cargo_class") or "",
            direction=data.get("direction") or "",
            teu=int(data.get("teu") or 0),
            tonnes=float(data.get("tonnes") or 0),
            latest_days=data.get("latest_days"),
        )

    _engine_check(build)
    return record_create(
        actor=actor, model=TransitDemand, data=data, action="transit_demand.create"
    )


@audited("transit_demand.delete")
def demand_delete(*, actor, demand: TransitDemand, expected_version: int) -> None:
    record_delete(
        actor=actor, obj=demand, expected_version=expected_version, action="transit_demand.delete"
    )


# --- the flow plan -------------------------------------------------------------------------------


def _require_planner(actor, month: dt.date) -> None:
    access.require_create(actor, FlowPlan, {"marking": Marking.NATO})


@audited("flow_plan.solve")
def flow_plan_solve(
    *,
    actor,
    month: dt.date,
    days_weight: float = 0.0,
    time_limit_seconds: float = 60.0,
    progress=None,
) -> FlowPlan:
    """Solve the month's flow plan over the network as the actor reads it, and store it.

    ``progress(step, total, label)``, if given, is called as the work advances (the CLI's bar).
    """
    month = month.replace(day=1)
    _require_planner(actor, month)

    def step(n, label):
        if progress is not None:
            progress(n, 4, label)

    step(0, "reading the network")
    network = selectors.network_for(actor)
    demands_rows = list(selectors.demand_list(actor=actor, month=month))
    if not demands_rows:
        raise ValidationFailed(
            f"No demand is recorded for {month:%Y-%m}: add the month's demands first.",
            code="no_demand",
            errors={"month": ["no demand for this month"]},
        )
    known = network.cargo_classes_known()
    for row in demands_rows:
        if known and row.cargo_class not in known:
            raise ValidationFailed(
                f"Demand {row.code}: no agreement knows cargo class {row.cargo_class!r}.",
                code="unknown_cargo_class",
                errors={"cargo_class": ["no agreement knows it"]},
            )
    step(1, "reading the leases")
    used = selectors.lease_hours_used(actor=actor, year=month.year, before_month=month)
    leases = []
    for row in selectors.lease_list(actor=actor):
        if row.period_end < month or row.period_start > _month_end(month):
            continue
        leases.append(selectors.engine_lease(row, used.get(row.quota_group or row.code, 0.0)))
    try:
        demands = tuple(
            Demand(
                code=row.code,
                origin=row.origin.code,
                destination=row.destination.code,
                cargo_class=row.cargo_class,
                direction=row.direction,
                teu=row.teu,
                tonnes=float(row.tonnes),
                latest_days=row.latest_days,
            )
            for row in demands_rows
        )
        data = PlanInput(
            network=network,
            demands=demands,
            month=month,
            leases=tuple(leases),
            days_weight=days_weight,
            time_limit_seconds=time_limit_seconds,
        )
        step(2, "solving")
        plan = plan_flows(data)
    except TransitInputError as exc:
        raise engine_error(exc) from None
    step(3, "storing the plan")
    result = _jsonable(
        {
            "allocations": [asdict(a) for a in plan.allocations],
            "unmet": [asdict(u) for u in plan.unmet],
            "arc_use": [asdict(u) for u in plan.arc_use],
            "lease_use": [asdict(u) for u in plan.lease_use],
            "cap_use": [asdict(u) for u in plan.cap_use],
            "columns": plan.columns,
            "lp_status": plan.lp_status,
        }
    )
    inputs = _jsonable(
        {
            "demands": [asdict(d) for d in demands],
            "leases": [
                {"code": lease.code, "quota_hours_left": lease.quota_hours_left} for lease in leases
            ],
            "days_weight": days_weight,
        }
    )
    stored = FlowPlan(
        month=month,
        created_by=access.principal_of(actor).username,
        status=plan.status,
        cost=Decimal(f"{plan.cost:.2f}"),
        objective=plan.objective,
        lp_bound=plan.lp_bound,
        gap=plan.gap,
        solve_seconds=plan.solve_seconds,
        demand_teu=sum(d.teu for d in demands),
        unmet_teu=sum(u.teu for u in plan.unmet),
        inputs=inputs,
        result=result,
        marking=Marking.NATO,
    )
    stored.save(force_insert=True)
    audit_record(
        actor=actor,
        action="flow_plan.solve",
        obj=stored,
        changes={
            "month": [None, month.isoformat()],
            "cost": [None, f"{plan.cost:.2f}"],
            "unmet_teu": [None, stored.unmet_teu],
            "status": [None, plan.status],
        },
    )
    step(4, "done")
    return stored


def _month_end(month: dt.date) -> dt.date:
    return (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)


def _jsonable(value):
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, float) and value != value:  # NaN
        return None
    if isinstance(value, float) and value in (float("inf"), float("-inf")):
        return None
    return value


# --- shipments -----------------------------------------------------------------------------------


def route_check(network, shipment_values: dict) -> tuple[list[str], float]:
    """Problems of a planned route for its dates (empty when permitted) and its total days."""
    arcs = list(shipment_values.get("route") or [])
    origin = shipment_values["origin"].code
    destination = shipment_values["destination"].code
    problems: list[str] = []
    if not arcs:
        return ["no route planned"], 0.0
    at = origin
    day = shipment_values["departure"]
    total_days = 0.0
    index = AgreementIndex(network)
    origin_country = shipment_values["origin"].country.iso3
    destination_country = shipment_values["destination"].country.iso3
    for code in arcs:
        arc = network.arc_by_code.get(code)
        if arc is None:
            raise ValidationFailed(
                f"The route names {code!r}, which is no leg (or direction) you may read.",
                code="unknown_leg",
                errors={"route": [f"unknown leg {code}"]},
            )
        if arc.origin != at:
            raise ValidationFailed(
                f"The route breaks at {code}: it starts at {arc.origin}, not at {at}.",
                code="route_not_connected",
                errors={"route": [f"{code} does not start at {at}"]},
            )
        verdict = index.verdict(
            arc,
            shipment_values["cargo_class"],
            shipment_values["direction"],
            day,
            origin_country=origin_country,
            destination_country=destination_country,
            shipper=tuple(shipment_values.get("shipper") or ()),
        )
        problems.extend(r.message for r in verdict.reasons)
        total_days += arc.leg.days
        day = shipment_values["departure"] + dt.timedelta(days=int(total_days))
        at = arc.destination
    if at != destination:
        raise ValidationFailed(
            f"The route ends at {at}, not at the destination {destination}.",
            code="route_not_connected",
            errors={"route": [f"ends at {at}"]},
        )
    return problems, total_days


@audited("shipment.create")
def shipment_create(*, actor, data: dict) -> Shipment:
    """Record a consignment with its planned route, checked against agreements and closures."""
    data = {"marking": Marking.NATO, **data}
    access.require_create(actor, Shipment, {"marking": data["marking"]})
    for field in ("origin", "destination", "departure", "cargo_class", "direction"):
        if data.get(field) in (None, ""):
            raise ValidationFailed(
                f"{field}: required.", code="validation_failed", errors={field: ["required"]}
            )
    network = selectors.network_for(actor)
    known = network.cargo_classes_known()
    if data["cargo_class"] not in known:
        raise ValidationFailed(
            f"No agreement knows cargo class {data['cargo_class']!r}.",
            code="unknown_cargo_class",
            errors={"cargo_class": ["no agreement knows it"]},
        )
    problems, days = route_check(network, data)
    planned = data["departure"] + dt.timedelta(days=max(1, round(days + 0.49)))
    data.setdefault("planned_arrival", planned)
    data["planned_arrival"] = data["planned_arrival"] or planned
    data.update(eta=data["planned_arrival"], route_ok=not problems, route_problems=problems)
    return record_create(actor=actor, model=Shipment, data=data, action="shipment.create")


def shipments_recheck(*, actor, cause: str) -> int:
    """Re-check every shipment not yet arrived; flag those whose verdict changed. Returns count.

    Runs inside the calling service's transaction, over the whole network as the system reads
    it (a shipment's permit does not depend on who changed the agreement).
    """
    system = access.system_principal("transit-recheck")
    network = selectors.network_for(system)
    flagged = 0
    for shipment in Shipment.objects.exclude(status=ShipmentStatus.ARRIVED).select_related(
        "origin__country", "destination__country"
    ):
        values = {
            "route": shipment.route,
            "origin": shipment.origin,
            "destination": shipment.destination,
            "departure": shipment.departure,
            "cargo_class": shipment.cargo_class,
            "direction": shipment.direction,
            "shipper": shipment.shipper,
        }
        try:
            problems, _ = route_check(network, values)
        except ValidationFailed as exc:
            problems = [exc.detail]
        if problems == list(shipment.route_problems or []):
            continue
        Shipment.objects.filter(pk=shipment.pk).update(
            route_ok=not problems, route_problems=problems, flagged=True, version=F("version") + 1
        )
        shipment.refresh_from_db()
        audit_record(
            actor=actor,
            action="shipment.flag",
            obj=shipment,
            changes={"route_problems": [None, problems], "cause": [None, cause]},
        )
        flagged += 1
    return flagged


@audited("shipment.acknowledge")
def shipment_acknowledge(*, actor, shipment: Shipment, expected_version: int) -> Shipment:
    """Clear a shipment's flag after a logistician has looked at the changed verdict."""
    return record_update(
        actor=actor,
        obj=shipment,
        data={"flagged": False},
        expected_version=expected_version,
        action="shipment.acknowledge",
    )


def _recompute(shipment: Shipment, network) -> None:
    """Status, position, ETA and the delay flag from the shipment's events."""
    events = list(shipment.events.select_related("node").order_by("at", "pk"))
    if not events:
        return
    last = events[-1]
    status = {
        EventKind.DEPARTED: ShipmentStatus.IN_TRANSIT,
        EventKind.CROSSED: ShipmentStatus.IN_TRANSIT,
        EventKind.AT_BORDER: ShipmentStatus.AT_BORDER,
        EventKind.DELAYED: ShipmentStatus.DELAYED,
        EventKind.ARRIVED: ShipmentStatus.ARRIVED,
    }[last.kind]
    located = [e for e in events if e.node_id]
    current = located[-1].node if located else shipment.origin
    if status == ShipmentStatus.ARRIVED:
        eta = last.at.date()
        current = shipment.destination
    else:
        remaining = 0.0
        passed = False
        for code in shipment.route:
            arc = network.arc_by_code.get(code)
            if arc is None:
                continue
            if passed or current.code == shipment.origin.code:
                remaining += arc.leg.days
            if arc.destination == current.code:
                passed = True
        base = (located[-1].at if located else events[0].at).date()
        delay = sum(
            float(e.delay_days)
            for e in events
            if e.kind == EventKind.DELAYED and e.at >= (located[-1].at if located else events[0].at)
        )
        eta = base + dt.timedelta(days=round(remaining + delay + 0.49))
    shipment.status = status
    shipment.current_node = current
    shipment.eta = eta
    shipment.delayed = eta > shipment.planned_arrival


def _save_recomputed(actor, shipment: Shipment, before: dict, action: str) -> None:
    fields = {
        "status": shipment.status,
        "current_node": shipment.current_node,
        "eta": shipment.eta,
        "delayed": shipment.delayed,
    }
    Shipment.objects.filter(pk=shipment.pk).update(**fields, version=F("version") + 1)
    shipment.refresh_from_db()
    after = {
        "status": shipment.status,
        "eta": shipment.eta.isoformat(),
        "delayed": shipment.delayed,
    }
    audit_record(
        actor=actor,
        action=action,
        obj=shipment,
        changes={k: [before.get(k), v] for k, v in after.items() if before.get(k) != v},
    )


def _event_values(shipment: Shipment, kind: str, node, delay_days, ends: dict) -> dict:
    """Check one event's kind, place (on the shipment's route) and delay.

    ``ends``: leg code -> (origin code, destination code), read once per call site.
    """
    errors = {}
    if kind not in EventKind.values:
        errors["event"] = f"unknown event {kind!r}; use one of {', '.join(EventKind.values)}"
    on_route = {shipment.origin.code, shipment.destination.code}
    for code in shipment.route:
        on_route.update(ends.get(code.removesuffix(REVERSE_SUFFIX), ()))
    if node is not None and node.code not in on_route:
        errors["node"] = f"{node.code} is not on the shipment's route"
    try:
        delay = Decimal(str(delay_days or 0))
        if delay < 0 or not delay.is_finite():
            raise ValueError
    except (ArithmeticError, ValueError):
        errors["delay_days"] = "delay_days must be a number of days, zero or more"
        delay = Decimal(0)
    return {"errors": errors, "delay": delay}


def _leg_ends() -> dict[str, tuple[str, str]]:
    return {
        code: (origin, destination)
        for code, origin, destination in TransitLeg.objects.values_list(
            "code", "origin__code", "destination__code"
        )
    }


@audited("shipment.event")
def shipment_event_record(
    *, actor, shipment: Shipment, kind: str, at: dt.datetime, node=None, delay_days=0, note=""
) -> ShipmentEvent:
    """Record one carrier status event and recompute the shipment's ETA and delay."""
    access.require_change(actor, shipment)
    checked = _event_values(shipment, kind, node, delay_days, _leg_ends())
    if checked["errors"]:
        _field, message = next(iter(checked["errors"].items()))
        raise ValidationFailed(
            message, code="bad_event", errors={k: [v] for k, v in checked["errors"].items()}
        )
    before = {
        "status": shipment.status,
        "eta": shipment.eta.isoformat(),
        "delayed": shipment.delayed,
    }
    if timezone.is_naive(at):
        at = timezone.make_aware(at, dt.UTC)
    if ShipmentEvent.objects.filter(shipment=shipment, kind=kind, at=at).exists():
        raise Conflict(
            f"{shipment.reference} already has a {kind} event at {at.isoformat()}.",
            code="duplicate_event",
        )
    event = ShipmentEvent.objects.create(
        shipment=shipment,
        kind=kind,
        at=at,
        node=node,
        delay_days=checked["delay"],
        note=note[:300],
        reported_by=access.principal_of(actor).username,
    )
    _recompute(shipment, selectors.network_for(access.system_principal("transit-eta")))
    _save_recomputed(actor, shipment, before, "shipment.event")
    return event


def _parse_time(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    if timezone.is_naive(value):
        value = value.replace(tzinfo=dt.UTC)
    return value


@audited("shipment_event.import")
def shipment_events_import(*, actor, text: str, filename: str = "events.csv") -> dict:
    """Import carrier status events from CSV, all or nothing; bad rows are named by line.

    Columns: shipment, event, at (ISO 8601), node (code, may be empty), delay_days, note.
    """
    principal = access.principal_of(actor)
    if not principal.has_role("administrator", "logistician"):
        raise PermissionDenied("Only logisticians import carrier status events.")
    # newline="" lets the csv module read line breaks inside quoted fields itself.
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        return _events_import(actor, reader, filename)
    except csv.Error as exc:
        line = reader.line_num or 1
        raise ValidationFailed(
            f"{filename}, line {line}: not readable as CSV ({exc}); save the file as "
            "comma-separated values and try again.",
            code="bad_csv",
            errors={f"line {line}": [str(exc)]},
        ) from None


def _events_import(actor, reader, filename: str) -> dict:
    missing = [c for c in CSV_COLUMNS[:3] if c not in (reader.fieldnames or [])]
    if missing:
        raise ValidationFailed(
            f"{filename}, line 1: the header lacks {', '.join(missing)}; "
            f"expected columns {', '.join(CSV_COLUMNS)}.",
            code="bad_csv_header",
            errors={"line 1": [f"missing column(s) {', '.join(missing)}"]},
        )
    shipments = {s.reference: s for s in selectors.shipment_list(actor=actor)}
    nodes = {n.code: n for n in selectors.node_list(actor=actor)}
    ends = _leg_ends()
    errors: dict[str, list[str]] = {}
    parsed = []
    seen = set()
    for number, row in enumerate(reader, start=2):
        if number > MAX_IMPORT_ROWS + 1:
            raise ValidationFailed(
                f"{filename}: more than {MAX_IMPORT_ROWS} rows; split the file.",
                code="csv_too_large",
            )
        problems = []
        ref = (row.get("shipment") or "").strip()
        shipment = shipments.get(ref)
        if shipment is None:
            problems.append(f"no shipment {ref!r} that you may read")
        elif not access.can_change(actor, shipment):
            problems.append(f"you may not change shipment {ref}")
        try:
            at = _parse_time(row.get("at") or "")
        except ValueError:
            at = None
            problems.append(f"at: {row.get('at')!r} is not an ISO 8601 time")
        node_code = (row.get("node") or "").strip()
        node = nodes.get(node_code) if node_code else None
        if node_code and node is None:
            problems.append(f"node: no transit node {node_code!r}")
        kind = (row.get("event") or "").strip()
        if shipment is not None:
            checked = _event_values(shipment, kind, node, row.get("delay_days"), ends)
            problems.extend(checked["errors"].values())
        key = (ref, kind, at)
        if key in seen:
            problems.append("the same event appears twice in the file")
        seen.add(key)
        if (
            shipment is not None
            and at is not None
            and ShipmentEvent.objects.filter(shipment=shipment, kind=kind, at=at).exists()
        ):
            problems.append("this event is already recorded")
        if problems:
            errors[f"line {number}"] = problems
        else:
            parsed.append((shipment, kind, at, node, row))
    if errors:
        first_line, first = next(iter(errors.items()))
        raise ValidationFailed(
            f"{filename}: {len(errors)} bad row(s), nothing imported; {first_line}: {first[0]}.",
            code="bad_csv_rows",
            errors=errors,
        )
    if not parsed:
        raise ValidationFailed(f"{filename}: no rows to import.", code="empty_csv")
    network = selectors.network_for(access.system_principal("transit-eta"))
    touched: dict[int, tuple[Shipment, dict]] = {}
    for shipment, kind, at, node, row in parsed:
        if shipment.pk not in touched:
            touched[shipment.pk] = (
                shipment,
                {
                    "status": shipment.status,
                    "eta": shipment.eta.isoformat(),
                    "delayed": shipment.delayed,
                },
            )
        ShipmentEvent.objects.create(
            shipment=shipment,
            kind=kind,
            at=at,
            node=node,
            delay_days=Decimal(str(row.get("delay_days") or 0)),
            note=(row.get("note") or "")[:300],
            reported_by=f"import:{filename}"[:100],
        )
    for shipment, before in touched.values():
        _recompute(shipment, network)
        _save_recomputed(actor, shipment, before, "shipment.event")
    audit_record(
        actor=actor,
        action="shipment_event.import",
        object_label="transit.shipmentevent",
        changes={"file": [None, filename], "events": [None, len(parsed)]},
    )
    return {"events": len(parsed), "shipments": len(touched)}


# --- route queries (reads, but refused bad input is audited) -------------------------------------


@audited("transit_route.query")
def route_query(*, actor, **params):
    """Answer a route query over the network as the actor reads it (engine routing).

    ``params`` are :class:`RouteQuery`'s fields; bad ones are refused with the engine's code.
    """
    from accord.transit.engine.model import RouteQuery
    from accord.transit.engine.routing import RoutePlanner

    if access.principal_of(actor).is_anonymous:
        raise PermissionDenied("Sign in to plan a route.")
    network = selectors.network_for(actor)
    try:
        query = RouteQuery(**params)
        return RoutePlanner(network).plan(query)
    except TransitInputError as exc:
        raise engine_error(exc) from None
