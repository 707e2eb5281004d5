"""The transit network's canaries: nodes, legs, agreements, closures, leases, demands, flow
plans and shipments."""

import datetime as dt
from decimal import Decimal

from accord.core.services import record_create
from accord.transit.models import (
    FlowPlan,
    Shipment,
    TransitAgreement,
    TransitClosure,
    TransitDemand,
    TransitLease,
    TransitLeg,
    TransitNode,
)
from accord.transit.services import (
    agreement_create,
    closure_create,
    demand_create,
    lease_create,
    leg_create,
    node_create,
    shipment_create,
)
from tests.canary import ACTOR, Canary, route, text_token, token


def _service(function):
    return lambda data, kind, made: function(actor=ACTOR, data=data)


def _real_ends(model):
    """Ends from a record that is no canary: a later link copy's template may be an earlier
    PUBLIC copy already pointing at a canary place."""

    def overrides(kind, template):
        real = model.objects.exclude(code__startswith="canary-").order_by("pk").first()
        return {"origin": real.origin, "destination": real.destination}

    return overrides


def _closure(data, kind, made):
    # A PUBLIC closure linking to a canary node or leg closes that record: its target follows.
    for target in ("node", "leg"):
        if kind.startswith(f"link-{target}-"):
            others = {"node", "leg", "country"} - {target}
            data = {**data, "target_kind": target, **dict.fromkeys(others)}
    return closure_create(actor=ACTOR, data=data)


def _flow_plan(data, kind, made):
    # flow_plan_solve stores every plan NATO; a NATIONAL plan (which a nation could hold) goes
    # through the generic audited create, its texts in the places the plan page reads.
    text = text_token(FlowPlan, kind)
    values = {
        "month": dt.date(2031, 1, 1),
        "created_by": f"{text}/created_by",
        "status": "optimal",
        "cost": Decimal("0"),
        "objective": 0.0,
        "lp_bound": 0.0,
        "gap": 0.0,
        "solve_seconds": 0.0,
        "inputs": {"demands": [{"code": token(FlowPlan, kind), "note": f"{text}/inputs"}]},
        "result": {"unmet": [{"code": f"{text}/result"}]},
        "marking": data["marking"],
        "owner_nation": data.get("owner_nation"),
    }
    return record_create(actor=ACTOR, model=FlowPlan, data=values, action="flow_plan.solve")


def _shipment(data, kind, made):
    leg = TransitLeg.objects.exclude(code__startswith="canary-").order_by("pk")[0]
    agreement = TransitAgreement.objects.exclude(code__startswith="canary-").order_by("pk")[0]
    values = {
        "reference": token(Shipment, kind),
        "cargo_class": agreement.cargo_class,
        "direction": agreement.direction,
        "teu": 2,
        "tonnes": Decimal("20.0"),
        "origin": leg.origin,
        "destination": leg.destination,
        "route": [leg.code],
        "departure": dt.date(2031, 1, 5),
        "notes": f"{text_token(Shipment, kind)}/notes",
        "marking": data["marking"],
        "owner_nation": data.get("owner_nation"),
        "joint_action": data.get("joint_action"),
    }
    shipment = shipment_create(actor=ACTOR, data=values)
    for name in ("origin", "destination", "current_node"):
        if kind.startswith(f"link-{name}-"):
            # Its place re-marked after it was recorded (a route must join its ends, so the
            # service cannot record it from or to a canary place directly).
            Shipment.objects.filter(pk=shipment.pk).update(**{name: data[name]})
    return shipment


CANARIES = {
    TransitNode: Canary(create=_service(node_create)),
    # A PUBLIC record naming a hidden place, leg or joint action: each field that can (issue 9).
    TransitLeg: Canary(
        create=_service(leg_create),
        overrides=_real_ends(TransitLeg),
        links=("origin", "destination"),
    ),
    TransitAgreement: Canary(create=_service(agreement_create), links=("legal_basis",)),
    TransitClosure: Canary(create=_closure, links=("node", "leg")),
    TransitLease: Canary(create=_service(lease_create), links=("participant", "legs")),
    TransitDemand: Canary(
        create=_service(demand_create),
        overrides=_real_ends(TransitDemand),
        links=("origin", "destination"),
    ),
    FlowPlan: Canary(create=_flow_plan),
    Shipment: Canary(
        create=_shipment, links=("joint_action", "origin", "destination", "current_node")
    ),
}

PAGES = {
    "transit:node-detail": route(TransitNode, code="code"),
    "transit:node-edit": route(TransitNode, code="code"),
    "transit:leg-detail": route(TransitLeg, code="code"),
    "transit:leg-edit": route(TransitLeg, code="code"),
    "transit:agreement-detail": route(TransitAgreement, code="code"),
    "transit:agreement-edit": route(TransitAgreement, code="code"),
    "transit:plan-detail": route(FlowPlan, pk="pk"),
    "transit:shipment-detail": route(Shipment, reference="reference"),
    "transit:shipment-event": route(Shipment, reference="reference"),
    "transit:shipment-acknowledge": route(Shipment, reference="reference"),
}

API = {
    "/api/v1/transit/nodes/{code}": route(TransitNode, code="code"),
    "/api/v1/transit/legs/{code}": route(TransitLeg, code="code"),
    "/api/v1/transit/agreements/{code}": route(TransitAgreement, code="code"),
    "/api/v1/transit/leases/{code}": route(TransitLease, code="code"),
    "/api/v1/transit/plans/{plan_id}": route(FlowPlan, plan_id="pk"),
    "/api/v1/transit/shipments/{reference}": route(Shipment, reference="reference"),
    "/api/v1/transit/shipments/{reference}/events": route(Shipment, reference="reference"),
}

FILTERS = {
    "plan": route(FlowPlan, value="pk"),
    "group": route(TransitAgreement, value="group"),
    "origin": route(TransitNode, value="code"),
    "destination": route(TransitNode, value="code"),
    "node": route(TransitNode, value="code"),
    "leg": route(TransitLeg, value="code"),
}
