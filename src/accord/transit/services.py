"""Every write to the transit records: one audited function per use case.

Each service checks the access policy (logisticians and administrators change transit records),
validates the record through the engine's own dataclasses (so a leg with no capacity is refused
with the engine's stable code, ``bad_capacity``), writes in one transaction with its audit entry,
and refuses bad input whole. A change of an agreement or a closure re-checks the shipments on
the road and flags those whose verdict changed.

No long work runs inside a transaction: on SQLite any transaction holds the database's only write
lock, so every other writer would wait. Route queries and the flow plan's solving read and
compute with no transaction open and store the solved plan in a short write; a carrier import is
validated with a few set-based reads, then written in one short transaction; the re-check of the
shipments after an agreement or closure changed runs in a short transaction of its own once the
change is committed (a re-check that fails is repaired by the next one: it compares every open
shipment with the network as it then is).
"""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import functools
import io
from dataclasses import asdict, dataclass
from decimal import Decimal

from django.db import IntegrityError, connection, models, transaction
from django.utils import timezone

from accord import access
from accord.audit.services import audit_record, audit_record_many, audit_refusal, audited
from accord.core.services import record_create, record_delete, record_update
from accord.errors import AccordError, Conflict, PermissionDenied, ValidationFailed
from accord.markings import Marking
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
# A carrier's report is plausible from 2001 (the first year of the mission's supply lines) to a
# day past today (a report stamped in a time zone ahead of UTC); outside that it is a typo.
EVENTS_FROM = dt.datetime(2001, 1, 1, tzinfo=dt.UTC)
# One delay report of more than a year is a typo (a delay of 999999999 days, say).
MAX_DELAY_DAYS = Decimal(365)
# The reported delays may push a shipment's ETA at most this far past its planned arrival.
MAX_ETA_SLIP = dt.timedelta(days=730)
# Key of the PostgreSQL advisory lock that lets one shipments re-check run at a time.
_RECHECK_LOCK_KEY = 0x7A4_5EC4
# Rows per query when looking up the codes a file names (SQLite caps a query's parameters).
_CHUNK = 500


def refusals_audited(action: str):
    """Record a refused attempt like ``audited``, but open no transaction around the service.

    For services that read or compute at length before a short write (a route query, a flow plan
    solved for up to ten minutes, a 20,000-row import validated): on SQLite a transaction holds
    the database's only write lock from its start, so the service opens its own short
    transaction for its write, and reads and solves outside one.
    """

    def decorate(service):
        @functools.wraps(service)
        def run(*args, actor, **kwargs):
            try:
                return service(*args, actor=actor, **kwargs)
            except AccordError as error:
                target = next((v for v in kwargs.values() if isinstance(v, models.Model)), None)
                audit_refusal(actor=actor, action=action, error=error, target=target)
                raise

        run.audit_action = action
        return run

    return decorate


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
def _agreement_create(*, actor, data: dict) -> TransitAgreement:
    data = _agreement_defaults(data)
    access.require_create(actor, TransitAgreement, {"marking": data["marking"]})
    _check_agreement(data)
    return record_create(
        actor=actor, model=TransitAgreement, data=data, action="transit_agreement.create"
    )


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
    _check_agreement(_merged(agreement, data))
    return record_update(
        actor=actor,
        obj=agreement,
        data=data,
        expected_version=expected_version,
        action="transit_agreement.update",
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
        action="transit_agreement.delete",
    )


def agreement_delete(*, actor, agreement: TransitAgreement, expected_version: int) -> None:
    """Remove an agreement; then re-check the shipments that relied on it."""
    code = agreement.code
    _agreement_delete(actor=actor, agreement=agreement, expected_version=expected_version)
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
def _closure_create(*, actor, data: dict) -> TransitClosure:
    data = _closure_defaults(data)
    access.require_create(actor, TransitClosure, {"marking": data["marking"]})
    _check_closure(data)
    return record_create(
        actor=actor, model=TransitClosure, data=data, action="transit_closure.create"
    )


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
        data = _closure_defaults(data)
    _check_closure(_merged(closure, data))
    return record_update(
        actor=actor,
        obj=closure,
        data=data,
        expected_version=expected_version,
        action="transit_closure.update",
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
        actor=actor, obj=closure, expected_version=expected_version, action="transit_closure.delete"
    )


def closure_delete(*, actor, closure: TransitClosure, expected_version: int) -> None:
    """Lift a closure; then re-check the shipments it had blocked."""
    code = closure.code
    _closure_delete(actor=actor, closure=closure, expected_version=expected_version)
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


@refusals_audited("flow_plan.solve")
def flow_plan_solve(
    *,
    actor,
    month: dt.date,
    days_weight: float = 0.0,
    time_limit_seconds: float = 60.0,
    progress=None,
) -> FlowPlan:
    """Solve the month's flow plan over the network as the actor reads it, and store it.

    Reading and solving (up to the time limit, ten minutes at most from the API) hold no
    transaction; only storing the plan with its audit entry is a write, and a short one.
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
    with transaction.atomic():
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


def route_check(network, shipment_values: dict, index=None) -> tuple[list[str], float]:
    """Problems of a planned route for its dates (empty when permitted) and its total days.

    ``index``: the network's :class:`AgreementIndex`, when one is checking many routes.
    """
    arcs = list(shipment_values.get("route") or [])
    origin = shipment_values["origin"].code
    destination = shipment_values["destination"].code
    problems: list[str] = []
    if not arcs:
        return ["no route planned"], 0.0
    at = origin
    day = shipment_values["departure"]
    total_days = 0.0
    index = index or AgreementIndex(network)
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

    Runs in a short transaction of its own, after the change that caused it is committed, over
    the whole network as the system reads it (a shipment's permit does not depend on who changed
    the agreement). The open shipments are locked first (one re-check at a time, and no event
    recorded meanwhile changes one under it), then the network is read, so the verdicts are
    those of the latest committed network; the flags are written and audited in bulk.
    """
    system = access.system_principal("transit-recheck")
    with transaction.atomic():
        _lock_for_recheck()
        shipments = list(
            Shipment.objects.select_for_update(of=("self",))
            .exclude(status=ShipmentStatus.ARRIVED)
            .select_related("origin__country", "destination__country")
            .order_by("pk")
        )
        network = selectors.network_for(system)
        index = AgreementIndex(network)
        flagged: list[tuple[Shipment, dict]] = []
        for shipment in shipments:
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
                problems, _ = route_check(network, values, index)
            except ValidationFailed as exc:
                problems = [exc.detail]
            if problems == list(shipment.route_problems or []):
                continue
            shipment.route_ok = not problems
            shipment.route_problems = problems
            shipment.flagged = True
            shipment.version += 1
            changes = {"route_problems": [None, problems], "cause": [None, cause]}
            flagged.append((shipment, changes))
        Shipment.objects.bulk_update(
            [s for s, _ in flagged],
            ["route_ok", "route_problems", "flagged", "version"],
            batch_size=_CHUNK,
        )
        audit_record_many(actor=actor, action="shipment.flag", records=flagged)
    return len(flagged)


def _lock_for_recheck() -> None:
    """One re-check at a time on PostgreSQL (SQLite's IMMEDIATE transactions queue already)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_RECHECK_LOCK_KEY])


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


def _progress(shipment: Shipment, events: list, network) -> dict | None:
    """Status, position, ETA and the delay flag from the shipment's events, oldest first.

    Pure over its inputs, so that an import computes it before it opens its transaction. None
    when there are no events. An ETA past the last representable day reads ``date.max``.
    """
    if not events:
        return None
    last = events[-1]
    status = {
        EventKind.DEPARTED: ShipmentStatus.IN_TRANSIT,
        EventKind.CROSSED: ShipmentStatus.IN_TRANSIT,
        EventKind.AT_BORDER: ShipmentStatus.AT_BORDER,
        EventKind.DELAYED: ShipmentStatus.DELAYED,
        EventKind.ARRIVED: ShipmentStatus.ARRIVED,
    }[last.kind]
    located = [e for e in events if e.node_id or e.node is not None]
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
        since = located[-1].at if located else events[0].at
        delay = sum(
            float(e.delay_days) for e in events if e.kind == EventKind.DELAYED and e.at >= since
        )
        try:
            eta = since.date() + dt.timedelta(days=round(remaining + delay + 0.49))
        except OverflowError:
            eta = dt.date.max
    return {
        "status": status,
        "current_node": current,
        "eta": eta,
        "delayed": eta > shipment.planned_arrival,
    }


def _eta_problem(shipment: Shipment, eta: dt.date) -> str | None:
    """Why an ETA is implausible (the delays reported push it years out), or None."""
    latest = shipment.planned_arrival + MAX_ETA_SLIP
    if eta <= latest:
        return None
    return (
        f"the delays reported put {shipment.reference}'s ETA at {eta:%Y-%m-%d}, more than two "
        f"years after its planned arrival {shipment.planned_arrival:%Y-%m-%d} (the latest "
        f"plausible ETA is {latest:%Y-%m-%d}); check delay_days"
    )


def _recompute(shipment: Shipment, network) -> None:
    """Set the shipment's status, position, ETA and delay flag from its stored events."""
    events = list(shipment.events.select_related("node").order_by("at", "pk"))
    fields = _progress(shipment, events, network)
    if fields is not None:
        for name, value in fields.items():
            setattr(shipment, name, value)


def _progress_changes(before: dict, shipment: Shipment) -> dict:
    after = {
        "status": shipment.status,
        "eta": shipment.eta.isoformat(),
        "delayed": shipment.delayed,
    }
    return {k: [before.get(k), v] for k, v in after.items() if before.get(k) != v}


def _progress_before(shipment: Shipment) -> dict:
    return {"status": shipment.status, "eta": shipment.eta.isoformat(), "delayed": shipment.delayed}


def _save_recomputed(actor, shipment: Shipment, before: dict, action: str) -> None:
    fields = {
        "status": shipment.status,
        "current_node": shipment.current_node,
        "eta": shipment.eta,
        "delayed": shipment.delayed,
    }
    Shipment.objects.filter(pk=shipment.pk).update(**fields, version=models.F("version") + 1)
    shipment.refresh_from_db()
    audit_record(
        actor=actor, action=action, obj=shipment, changes=_progress_changes(before, shipment)
    )


def _at_problem(at: dt.datetime) -> str | None:
    """Why an event's time is implausible, naming the window, or None. ``at`` is aware.

    Compared, never converted: converting year 1 or 9999 with an offset to UTC overflows.
    """
    latest = timezone.now() + dt.timedelta(days=1)
    if EVENTS_FROM <= at <= latest:
        return None
    return (
        f"at: {at.isoformat()} is outside the plausible window for a carrier's report, "
        f"{EVENTS_FROM:%Y-%m-%d} to {latest:%Y-%m-%d} (tomorrow); give the time the carrier "
        "reported"
    )


def _delay(value) -> tuple[Decimal, str | None]:
    """A reported delay in days, 0 to 365 to one decimal place; or the reason it is refused."""
    text = str(value if value is not None else "").strip() or "0"
    shown = text if len(text) <= 20 else text[:20] + "…"
    try:
        delay = Decimal(text)
        if not delay.is_finite() or delay < 0:
            raise ValueError
    except (ArithmeticError, ValueError):
        return Decimal(0), "delay_days must be a number of days, zero or more"
    if delay > MAX_DELAY_DAYS:
        return Decimal(0), (
            f"delay_days: {shown} is more than {MAX_DELAY_DAYS} days; give the delay in days, "
            f"0 to {MAX_DELAY_DAYS}"
        )
    rounded = delay.quantize(Decimal("0.1"))
    if rounded != delay:
        return Decimal(0), (
            f"delay_days: {shown} has more than one decimal place; give days to one decimal "
            "place, e.g. 2.5"
        )
    return rounded, None


def _on_route(shipment: Shipment, ends: dict) -> set[str]:
    codes = {shipment.origin.code, shipment.destination.code}
    for code in shipment.route:
        codes.update(ends.get(code.removesuffix(REVERSE_SUFFIX), ()))
    return codes


def _event_values(
    shipment: Shipment, kind: str, node, delay_days, ends: dict, *, at=None, note="", on_route=None
) -> dict:
    """Check one event's kind, time, place (on the shipment's route), delay and note.

    ``ends``: leg code -> (origin code, destination code), read once per call site;
    ``on_route``: the route's node codes, when the caller has them already.
    """
    errors = {}
    if kind not in EventKind.values:
        errors["event"] = f"unknown event {kind!r}; use one of {', '.join(EventKind.values)}"
    if at is not None and (problem := _at_problem(at)):
        errors["at"] = problem
    if on_route is None:
        on_route = _on_route(shipment, ends)
    if node is not None and node.code not in on_route:
        errors["node"] = f"{node.code} is not on the shipment's route"
    delay, problem = _delay(delay_days)
    if problem:
        errors["delay_days"] = problem
    if "\x00" in (note or ""):
        errors["note"] = "the note contains a NUL character; remove it"
    return {"errors": errors, "delay": delay}


def _leg_ends(codes=None) -> dict[str, tuple[str, str]]:
    """Each leg's two ends, for the legs named (all when ``codes`` is None).

    Read to check that a reported place lies on a shipment's route, whoever reports it: the
    answer names only the place the reporter gave.
    """
    legs = TransitLeg.objects.all()
    if codes is not None:
        legs = legs.filter(code__in=list(codes))
    return {
        code: (origin, destination)
        for code, origin, destination in legs.values_list(
            "code", "origin__code", "destination__code"
        )
    }


@audited("shipment.event")
def shipment_event_record(
    *, actor, shipment: Shipment, kind: str, at: dt.datetime, node=None, delay_days=0, note=""
) -> ShipmentEvent:
    """Record one carrier status event and recompute the shipment's ETA and delay."""
    access.require_change(actor, shipment)
    if timezone.is_naive(at):
        at = at.replace(tzinfo=dt.UTC)
    ends = _leg_ends({c.removesuffix(REVERSE_SUFFIX) for c in shipment.route})
    checked = _event_values(shipment, kind, node, delay_days, ends, at=at, note=note)
    if checked["errors"]:
        _field, message = next(iter(checked["errors"].items()))
        raise ValidationFailed(
            message, code="bad_event", errors={k: [v] for k, v in checked["errors"].items()}
        )
    at = at.astimezone(dt.UTC)
    before = _progress_before(shipment)
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
    if problem := _eta_problem(shipment, shipment.eta):
        raise ValidationFailed(
            problem[0].upper() + problem[1:] + ".",
            code="implausible_eta",
            errors={"delay_days": [problem]},
        )
    _save_recomputed(actor, shipment, before, "shipment.event")
    return event


def _parse_time(text: str) -> dt.datetime:
    value = dt.datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    if timezone.is_naive(value):
        value = value.replace(tzinfo=dt.UTC)
    return value


@refusals_audited("shipment_event.import")
def shipment_events_import(*, actor, text: str, filename: str = "events.csv") -> dict:
    """Import carrier status events from CSV, all or nothing; bad rows are named by line.

    Columns: shipment, event, at (ISO 8601), node (code, may be empty), delay_days, note.
    The file is checked with a few set-based reads and no transaction open (the shipments and
    nodes it names, their events), then written in one short transaction: the events in bulk,
    the shipments' new status and ETA, and their audit entries in bulk. A shipment changed by
    someone else between the two is refused as a conflict, and nothing is written.
    """
    principal = access.principal_of(actor)
    if not principal.has_role("administrator", "logistician"):
        raise PermissionDenied("Only logisticians import carrier status events.")
    # A NUL in the name would reach the trail (and PostgreSQL cannot store it).
    filename = filename.replace("\x00", "") or "events.csv"
    _refuse_nul(text, filename)
    # newline="" lets the csv module read line breaks inside quoted fields itself.
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff"), newline=""))
    try:
        rows = _csv_rows(reader, filename)
    except csv.Error as exc:
        line = reader.line_num or 1
        raise ValidationFailed(
            f"{filename}, line {line}: not readable as CSV ({exc}); save the file as "
            "comma-separated values and try again.",
            code="bad_csv",
            errors={f"line {line}": [str(exc)]},
        ) from None
    checked = _events_check(actor, rows, filename)
    return _events_write(actor, checked, filename)


def _refuse_nul(text: str, filename: str) -> None:
    """A NUL character is never in a text file: name its line (PostgreSQL cannot store it)."""
    at = text.find("\x00")
    if at < 0:
        return
    line = text.count("\n", 0, at) + 1
    raise ValidationFailed(
        f"{filename}, line {line}: contains a NUL character, which a CSV text file never holds; "
        "export the file from the carrier's system again as CSV text.",
        code="nul_character",
        errors={f"line {line}": ["contains a NUL character"]},
    )


def _csv_rows(reader, filename: str) -> list[tuple[int, dict]]:
    missing = [c for c in CSV_COLUMNS[:3] if c not in (reader.fieldnames or [])]
    if missing:
        raise ValidationFailed(
            f"{filename}, line 1: the header lacks {', '.join(missing)}; "
            f"expected columns {', '.join(CSV_COLUMNS)}.",
            code="bad_csv_header",
            errors={"line 1": [f"missing column(s) {', '.join(missing)}"]},
        )
    rows = []
    for number, row in enumerate(reader, start=2):
        if number > MAX_IMPORT_ROWS + 1:
            raise ValidationFailed(
                f"{filename}: more than {MAX_IMPORT_ROWS} rows; split the file.",
                code="csv_too_large",
            )
        rows.append((number, row))
    return rows


def _chunks(values) -> list[list]:
    values = sorted(values)
    return [values[i : i + _CHUNK] for i in range(0, len(values), _CHUNK)]


@dataclass
class _Checked:
    """An import checked and computed, ready for its short write."""

    events: list[ShipmentEvent] = dataclasses.field(default_factory=list)
    # shipment pk -> (the shipment as read, its fields before, its recomputed fields)
    shipments: dict[int, tuple[Shipment, dict, dict]] = dataclasses.field(default_factory=dict)


def _events_check(actor, rows: list[tuple[int, dict]], filename: str) -> _Checked:
    """Every row checked against the shipments and nodes the file names, read in a few queries;
    the touched shipments' new status and ETA computed. Reads only: no transaction is open."""
    refs = {(row.get("shipment") or "").strip() for _n, row in rows}
    shipments: dict[str, Shipment] = {}
    for part in _chunks(refs):
        for shipment in selectors.shipment_list(actor=actor).filter(reference__in=part):
            shipments[shipment.reference] = shipment
    node_codes = {(row.get("node") or "").strip() for _n, row in rows} - {""}
    nodes = {}
    for part in _chunks(node_codes):
        nodes.update({n.code: n for n in selectors.node_list(actor=actor).filter(code__in=part)})
    ends = _leg_ends({c.removesuffix(REVERSE_SUFFIX) for s in shipments.values() for c in s.route})
    stored: dict[int, list[ShipmentEvent]] = {s.pk: [] for s in shipments.values()}
    for part in _chunks(stored):
        for event in (
            ShipmentEvent.objects.filter(shipment_id__in=part)
            .select_related("node")
            .order_by("at", "pk")
        ):
            stored[event.shipment_id].append(event)
    known = {(e.shipment_id, e.kind, e.at) for events in stored.values() for e in events}
    routes: dict[int, set[str]] = {}
    errors: dict[str, list[str]] = {}
    checked = _Checked()
    added: dict[int, list[ShipmentEvent]] = {}
    last_line: dict[int, int] = {}
    seen = set()
    for number, row in rows:
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
        delay = Decimal(0)
        if shipment is not None:
            if shipment.pk not in routes:
                routes[shipment.pk] = _on_route(shipment, ends)
            values = _event_values(
                shipment,
                kind,
                node,
                row.get("delay_days"),
                ends,
                at=at,
                note=row.get("note") or "",
                on_route=routes[shipment.pk],
            )
            problems.extend(values["errors"].values())
            delay = values["delay"]
            if at is not None and "at" not in values["errors"]:
                at = at.astimezone(dt.UTC)  # safe now that it lies in the window
        key = (ref, kind, at)
        if key in seen:
            problems.append("the same event appears twice in the file")
        seen.add(key)
        if shipment is not None and at is not None and (shipment.pk, kind, at) in known:
            problems.append("this event is already recorded")
        if problems:
            errors[f"line {number}"] = problems
            continue
        event = ShipmentEvent(
            shipment=shipment,
            kind=kind,
            at=at,
            node=node,
            delay_days=delay,
            note=(row.get("note") or "")[:300],
            reported_by=f"import:{filename}"[:100],
        )
        checked.events.append(event)
        added.setdefault(shipment.pk, []).append(event)
        last_line[shipment.pk] = number
    if not errors and not checked.events:
        raise ValidationFailed(f"{filename}: no rows to import.", code="empty_csv")
    if not errors:
        network = selectors.network_for(access.system_principal("transit-eta"))
        for pk, new in added.items():
            shipment = next(e.shipment for e in new)
            # Stored events first, then the file's in its order: the order a save would give.
            events = sorted(stored[pk] + new, key=lambda e: e.at)
            fields = _progress(shipment, events, network)
            if problem := _eta_problem(shipment, fields["eta"]):
                errors[f"line {last_line[pk]}"] = [problem]
                continue
            checked.shipments[pk] = (shipment, _progress_before(shipment), fields)
    if errors:
        first_line, first = next(iter(errors.items()))
        raise ValidationFailed(
            f"{filename}: {len(errors)} bad row(s), nothing imported; {first_line}: {first[0]}.",
            code="bad_csv_rows",
            errors=errors,
        )
    return checked


def _events_write(actor, checked: _Checked, filename: str) -> dict:
    """The checked import in one short transaction; refused whole if a shipment changed since."""
    pks = list(checked.shipments)
    try:
        with transaction.atomic():
            current = {}
            for part in _chunks(pks):
                current.update(
                    Shipment.objects.select_for_update()
                    .filter(pk__in=part)
                    .values_list("pk", "version")
                )
            changed = sorted(
                shipment.reference
                for pk, (shipment, _b, _f) in checked.shipments.items()
                if current.get(pk) != shipment.version
            )
            if changed:
                raise Conflict(
                    f"{filename}: {', '.join(changed[:5])}"
                    f"{' and others' if len(changed) > 5 else ''} changed while the file was "
                    "being checked; nothing was imported. Import the file again.",
                    code="import_conflict",
                )
            ShipmentEvent.objects.bulk_create(checked.events, batch_size=_CHUNK)
            records = []
            for shipment, before, fields in checked.shipments.values():
                for name, value in fields.items():
                    setattr(shipment, name, value)
                shipment.version += 1
                records.append((shipment, _progress_changes(before, shipment)))
            Shipment.objects.bulk_update(
                [s for s, _c in records],
                ["status", "current_node", "eta", "delayed", "version"],
                batch_size=_CHUNK,
            )
            audit_record_many(actor=actor, action="shipment.event", records=records)
            audit_record(
                actor=actor,
                action="shipment_event.import",
                object_label="transit.shipmentevent",
                changes={"file": [None, filename], "events": [None, len(checked.events)]},
            )
    except IntegrityError:
        # Someone recorded one of the file's events between the check and the write.
        raise Conflict(
            f"{filename}: an event in the file was recorded by someone else meanwhile; nothing "
            "was imported. Import the file again: events already recorded are then named.",
            code="duplicate_event",
        ) from None
    return {"events": len(checked.events), "shipments": len(checked.shipments)}


# --- route queries (reads, but refused bad input is audited) -------------------------------------


@refusals_audited("transit_route.query")
def route_query(*, actor, **params):
    """Answer a route query over the network as the actor reads it (engine routing).

    A read: it opens no transaction (a refused query is still audited, in one of its own).
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
