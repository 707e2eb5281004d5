"""Transit API, mounted at /api/v1/transit: thin over the selectors and services."""

import datetime as dt

from ninja import Router, Status
from ninja.pagination import paginate

from accord.audit.services import audit_refusal
from accord.core import selectors as core_selectors
from accord.errors import NotFound, ValidationFailed
from accord.pagination import Pages
from accord.transit import selectors, services
from accord.transit.schemas import (
    AgreementIn,
    AgreementOut,
    AgreementPatch,
    ClosureIn,
    ClosureOut,
    ClosurePatch,
    ConflictOut,
    DemandIn,
    DemandOut,
    EventImportOut,
    EventIn,
    EventOut,
    ImportIn,
    LeaseIn,
    LeaseOut,
    LeasePatch,
    LegIn,
    LegOut,
    LegPatch,
    NodeIn,
    NodeOut,
    NodePatch,
    PlanIn,
    PlanOut,
    RouteAnswerOut,
    RouteIn,
    ShipmentIn,
    ShipmentOut,
)

router = Router(tags=["transit"])


def _unknown(field: str, code, what: str, *, actor=None, action: str = "") -> ValidationFailed:
    """Bad input naming a code the caller cannot read; the refused attempt is audited."""
    error = ValidationFailed(
        f"{field}: no {what} {code!r} that you may read.",
        code=f"unknown_{what.replace('transit ', '').replace(' ', '_')}",
        errors={field: [f"unknown {what}"]},
    )
    if actor is not None and action:
        audit_refusal(actor=actor, action=action, error=error)
    return error


def resolve(actor, data: dict, action: str) -> dict:
    """Codes in a payload as the records the caller may read; an unknown code is bad input."""
    lookups = {
        "origin": ("transit node", lambda c: selectors.node_get(actor=actor, code=c)),
        "destination": ("transit node", lambda c: selectors.node_get(actor=actor, code=c)),
        "country": ("nation", lambda c: core_selectors.nation_get(actor=actor, iso3=c)),
        "legal_basis": ("legal basis", lambda c: selectors.legal_basis_get(actor=actor, code=c)),
    }
    resolved = dict(data)
    for field, (what, lookup) in lookups.items():
        if resolved.get(field) is not None:
            try:
                resolved[field] = lookup(resolved[field])
            except NotFound:
                raise _unknown(field, resolved[field], what, actor=actor, action=action) from None
    return resolved


def _closure_target(actor, data: dict) -> dict:
    data = dict(data)
    kind, target = data.pop("target_kind"), data.pop("target")
    data["target_kind"] = kind
    try:
        if kind == "node":
            data["node"] = selectors.node_get(actor=actor, code=target)
        elif kind == "leg":
            data["leg"] = selectors.leg_get(actor=actor, code=target)
        else:
            data["country"] = core_selectors.nation_get(actor=actor, iso3=target)
    except NotFound:
        raise _unknown(
            "target", target, f"transit {kind}", actor=actor, action="transit_closure.create"
        ) from None
    return data


def _patch(payload) -> tuple[dict, int]:
    data = payload.dict(exclude_unset=True)
    return data, data.pop("expected_version")


# --- network ---------------------------------------------------------------------------------


@router.get("/nodes", response=list[NodeOut])
@paginate(Pages)
def node_list(request):
    return selectors.node_list(actor=request.user)


@router.post("/nodes", response={201: NodeOut})
def node_create(request, payload: NodeIn):
    data = resolve(request.user, payload.dict(), "transit_node.create")
    return Status(201, services.node_create(actor=request.user, data=data))


@router.get("/nodes/{code}", response=NodeOut)
def node_get(request, code: str):
    return selectors.node_get(actor=request.user, code=code)


@router.patch("/nodes/{code}", response=NodeOut)
def node_update(request, code: str, payload: NodePatch):
    node = selectors.node_get(actor=request.user, code=code)
    data, version = _patch(payload)
    return services.node_update(actor=request.user, node=node, data=data, expected_version=version)


@router.get("/legs", response=list[LegOut])
@paginate(Pages)
def leg_list(request, mode: str | None = None):
    return selectors.leg_list(actor=request.user, mode=mode)


@router.post("/legs", response={201: LegOut})
def leg_create(request, payload: LegIn):
    data = resolve(request.user, payload.dict(), "transit_leg.create")
    return Status(201, services.leg_create(actor=request.user, data=data))


@router.get("/legs/{code}", response=LegOut)
def leg_get(request, code: str):
    return selectors.leg_get(actor=request.user, code=code)


@router.patch("/legs/{code}", response=LegOut)
def leg_update(request, code: str, payload: LegPatch):
    leg = selectors.leg_get(actor=request.user, code=code)
    data, version = _patch(payload)
    return services.leg_update(actor=request.user, leg=leg, data=data, expected_version=version)


@router.delete("/legs/{code}", response={204: None})
def leg_delete(request, code: str, expected_version: int):
    leg = selectors.leg_get(actor=request.user, code=code)
    services.leg_delete(actor=request.user, leg=leg, expected_version=expected_version)
    return Status(204, None)


@router.get("/map", response=dict)
def network_map(request, plan: int | None = None):
    """The network, shipments and (with ``plan``) utilisation, as GeoJSON."""
    stored = selectors.plan_get(actor=request.user, pk=plan) if plan else None
    return selectors.network_geojson(actor=request.user, plan=stored)


# --- agreements and closures -----------------------------------------------------------------


@router.get("/agreements", response=list[AgreementOut])
@paginate(Pages)
def agreement_list(request, country: str | None = None, group: str | None = None):
    return selectors.agreement_list(actor=request.user, country=country, group=group)


@router.post("/agreements", response={201: AgreementOut})
def agreement_create(request, payload: AgreementIn):
    data = payload.dict()
    data["cap_unit"] = data.get("cap_unit") or ""
    if data.get("marking") is None:
        data.pop("marking")
    data = resolve(request.user, data, "transit_agreement.create")
    return Status(201, services.agreement_create(actor=request.user, data=data))


@router.get("/agreements/conflicts", response=list[ConflictOut])
def agreement_conflicts(request):
    """Agreements that contradict each other for the same scope: listed, never resolved."""
    return selectors.conflict_report(actor=request.user)


@router.get("/agreements/{code}", response=AgreementOut)
def agreement_get(request, code: str):
    return selectors.agreement_get(actor=request.user, code=code)


@router.patch("/agreements/{code}", response=AgreementOut)
def agreement_update(request, code: str, payload: AgreementPatch):
    agreement = selectors.agreement_get(actor=request.user, code=code)
    data, version = _patch(payload)
    return services.agreement_update(
        actor=request.user, agreement=agreement, data=data, expected_version=version
    )


@router.delete("/agreements/{code}", response={204: None})
def agreement_delete(request, code: str, expected_version: int):
    agreement = selectors.agreement_get(actor=request.user, code=code)
    services.agreement_delete(
        actor=request.user, agreement=agreement, expected_version=expected_version
    )
    return Status(204, None)


@router.get("/closures", response=list[ClosureOut])
def closure_list(request):
    return list(selectors.closure_list(actor=request.user))


@router.post("/closures", response={201: ClosureOut})
def closure_create(request, payload: ClosureIn):
    data = _closure_target(request.user, payload.dict())
    return Status(201, services.closure_create(actor=request.user, data=data))


@router.patch("/closures/{code}", response=ClosureOut)
def closure_update(request, code: str, payload: ClosurePatch):
    closure = selectors.closure_get(actor=request.user, code=code)
    data, version = _patch(payload)
    return services.closure_update(
        actor=request.user, closure=closure, data=data, expected_version=version
    )


@router.delete("/closures/{code}", response={204: None})
def closure_delete(request, code: str, expected_version: int):
    closure = selectors.closure_get(actor=request.user, code=code)
    services.closure_delete(actor=request.user, closure=closure, expected_version=expected_version)
    return Status(204, None)


@router.get("/leases", response=list[LeaseOut])
def lease_list(request):
    return list(selectors.lease_list(actor=request.user))


def _lease_refs(actor, data: dict, action: str) -> dict:
    data = dict(data)
    if "participant" in data:
        code = data["participant"]
        try:
            data["participant"] = (
                core_selectors.nation_get(actor=actor, iso3=code) if code else None
            )
        except NotFound:
            raise _unknown("participant", code, "nation", actor=actor, action=action) from None
    if "legs" in data:
        legs = []
        for code in data["legs"]:
            try:
                legs.append(selectors.leg_get(actor=actor, code=code))
            except NotFound:
                raise _unknown("legs", code, "transit leg", actor=actor, action=action) from None
        data["legs"] = legs
    return data


@router.post("/leases", response={201: LeaseOut})
def lease_create(request, payload: LeaseIn):
    data = _lease_refs(request.user, payload.dict(), "transit_lease.create")
    lease = services.lease_create(actor=request.user, data=data)
    # Read back through the selector, which cuts the legs to those the caller may read.
    return Status(201, selectors.lease_get(actor=request.user, code=lease.code))


@router.get("/leases/{code}", response=LeaseOut)
def lease_get(request, code: str):
    return selectors.lease_get(actor=request.user, code=code)


@router.patch("/leases/{code}", response=LeaseOut)
def lease_update(request, code: str, payload: LeasePatch):
    lease = selectors.lease_get(actor=request.user, code=code)
    data, version = _patch(payload)
    services.lease_update(actor=request.user, lease=lease, data=data, expected_version=version)
    return selectors.lease_get(actor=request.user, code=code)


# --- routes and plans ------------------------------------------------------------------------


@router.post("/routes", response=RouteAnswerOut)
def route_query(request, payload: RouteIn):
    """The Pareto routes by cost and time, k alternatives, and why other candidates are blocked."""
    data = payload.dict()
    data["avoid_countries"] = tuple(c.upper() for c in data["avoid_countries"])
    data["modes"] = tuple(data["modes"]) if data["modes"] is not None else None
    data["shipper"] = tuple(data["shipper"])
    answer = services.route_query(actor=request.user, **data)
    return {
        "found": answer.found,
        "pareto": answer.pareto,
        "routes_by_cost": answer.routes_by_cost,
        "routes_by_time": answer.routes_by_time,
        "blocked": answer.blocked,
        "conflicts": answer.conflicts,
    }


@router.get("/demands", response=list[DemandOut])
@paginate(Pages)
def demand_list(request, month: str | None = None):
    return selectors.demand_list(actor=request.user, month=_month(month) if month else None)


@router.post("/demands", response={201: DemandOut})
def demand_create(request, payload: DemandIn):
    data = resolve(request.user, payload.dict(), "transit_demand.create")
    return Status(201, services.demand_create(actor=request.user, data=data))


def _month(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(f"{text[:7]}-01")
    except ValueError:
        raise ValidationFailed(
            f"month: {text!r} is not YYYY-MM.", code="bad_month", errors={"month": ["YYYY-MM"]}
        ) from None


@router.get("/plans", response=list[PlanOut])
@paginate(Pages)
def plan_list(request):
    return selectors.plan_list(actor=request.user)


@router.post("/plans", response={201: PlanOut})
def plan_solve(request, payload: PlanIn):
    """Solve the month's flow plan (OR-Tools) and store it."""
    plan = services.flow_plan_solve(
        actor=request.user,
        month=_month(payload.month),
        days_weight=payload.days_weight,
        time_limit_seconds=payload.time_limit_seconds,
    )
    return Status(201, plan)


@router.get("/plans/{int:plan_id}", response=PlanOut)
def plan_get(request, plan_id: int):
    return selectors.plan_get(actor=request.user, pk=plan_id)


# --- shipments -------------------------------------------------------------------------------


@router.get("/shipments", response=list[ShipmentOut])
@paginate(Pages)
def shipment_list(request, status: str | None = None, flagged: bool | None = None):
    return selectors.shipment_list(actor=request.user, status=status, flagged=flagged)


@router.post("/shipments", response={201: ShipmentOut})
def shipment_create(request, payload: ShipmentIn):
    data = resolve(request.user, payload.dict(), "shipment.create")
    shipment = services.shipment_create(actor=request.user, data=data)
    # Read back through the selector, which flags what the answer may name.
    return Status(201, selectors.shipment_get(actor=request.user, reference=shipment.reference))


@router.post("/shipments/{reference}/acknowledge", response=ShipmentOut)
def shipment_acknowledge(request, reference: str, expected_version: int):
    """Clear the review flag set when an agreement or closure changed the route's verdict."""
    shipment = selectors.shipment_get(actor=request.user, reference=reference)
    services.shipment_acknowledge(
        actor=request.user, shipment=shipment, expected_version=expected_version
    )
    return selectors.shipment_get(actor=request.user, reference=reference)


@router.post("/shipments/events/import", response=EventImportOut)
def shipment_events_import(request, payload: ImportIn):
    """Carrier status events from CSV: all or nothing, bad rows named by line."""
    return services.shipment_events_import(
        actor=request.user, text=payload.csv, filename=payload.filename
    )


@router.get("/shipments/{reference}", response=ShipmentOut)
def shipment_get(request, reference: str):
    return selectors.shipment_get(actor=request.user, reference=reference)


@router.get("/shipments/{reference}/events", response=list[EventOut])
def shipment_events(request, reference: str):
    shipment = selectors.shipment_get(actor=request.user, reference=reference)
    return list(selectors.shipment_events(actor=request.user, shipment=shipment))


@router.post("/shipments/{reference}/events", response={201: EventOut})
def shipment_event_record(request, reference: str, payload: EventIn):
    shipment = selectors.shipment_get(actor=request.user, reference=reference)
    node = None
    if payload.node:
        try:
            node = selectors.node_get(actor=request.user, code=payload.node)
        except NotFound:
            raise _unknown(
                "node", payload.node, "transit node", actor=request.user, action="shipment.event"
            ) from None
    event = services.shipment_event_record(
        actor=request.user,
        shipment=shipment,
        kind=payload.kind,
        at=payload.at,
        node=node,
        delay_days=payload.delay_days,
        note=payload.note,
    )
    events = selectors.shipment_events(actor=request.user, shipment=shipment)
    return Status(201, events.get(pk=event.pk))
