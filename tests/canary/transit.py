"""The transit network's canaries: nodes, legs, agreements, closures, leases, demands, flow
plans and shipments."""

import datetime as dt
from decimal import Decimal

from accord.core.models import Nation
from accord.core.services import record_create
from accord.transit.agreements.inputs import AgreementValues, ClosureValues
from accord.transit.agreements.services import agreement_create, closure_create
from accord.transit.models import (
    FlowPlan,
    PeriodAllocation,
    PeriodPlan,
    Shipment,
    TransitAgreement,
    TransitClosure,
    TransitDemand,
    TransitLease,
    TransitLeg,
    TransitNode,
)
from accord.transit.network.inputs import LegValues, NodeValues
from accord.transit.network.services import leg_create, node_create
from accord.transit.planning.inputs import DemandValues, LeaseValues
from accord.transit.planning.services import demand_create, lease_create
from accord.transit.shipments.inputs import ShipmentValues
from accord.transit.shipments.services import shipment_create
from tests.canary import ACTOR, Canary, make, route, text_token, token


def _service(function, values_class):
    return lambda data, kind, made: function(actor=ACTOR, values=values_class(**data))


def _real_ends(model):
    """Ends from a record that is no canary: a later link copy's template may be an earlier
    PUBLIC copy already pointing at a canary place."""

    def overrides(kind, template):
        real = model.objects.exclude(code__startswith="canary-").order_by("pk").first()
        return {"origin": real.origin, "destination": real.destination}

    return overrides


def _closure(data, kind, made):
    # A PUBLIC closure linking to a canary node or leg closes that record: its target follows.
    for target in ("node", "leg", "country"):
        if kind.startswith(f"link-{target}-"):
            others = {"node", "leg", "country"} - {target}
            data = {**data, "target_kind": target, **dict.fromkeys(others)}
    return closure_create(actor=ACTOR, values=ClosureValues(**data))


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


def _period_plan(data, kind, made):
    # As a flow plan: the service stores NATO; other markings through the generic create.
    text = text_token(PeriodPlan, kind)
    values = {
        "first_month": dt.date(2031, 1, 1),
        "months": 2,
        "created_by": f"{text}/created_by",
        "status": "optimal",
        "transport_cost": Decimal("0"),
        "holding_cost": Decimal("0"),
        "holding_cost_per_teu_month": Decimal("100"),
        "solve_seconds": 0.0,
        "inputs": {"months": [{"demands": [{"code": token(PeriodPlan, kind)}]}]},
        "result": {"unmet": [], "stocks": [], "note": f"{text}/result"},
        "marking": data["marking"],
        "owner_nation": data.get("owner_nation"),
    }
    return record_create(actor=ACTOR, model=PeriodPlan, data=values, action="period_plan.solve")


def _period_plan_naming_canaries(made):
    """A PUBLIC plan over several months whose movements and waiting cargo name canary places,
    legs and demands (stored as its solver read them)."""
    nodes, legs = _codes(made, TransitNode), _codes(made, TransitLeg)
    demands = _codes(made, TransitDemand)
    real = TransitLeg.objects.exclude(code__startswith="canary-").order_by("pk")[0]
    month = dt.date(2031, 2, 1)
    plan = record_create(
        actor=ACTOR,
        model=PeriodPlan,
        data={
            "first_month": month,
            "months": 2,
            "created_by": "logistician",
            "status": "optimal",
            "transport_cost": Decimal("1000"),
            "holding_cost": Decimal("100"),
            "holding_cost_per_teu_month": Decimal("100"),
            "solve_seconds": 0.0,
            "demand_teu": 12,
            "unmet_teu": 2,
            "inputs": {"months": [{"demands": [{"code": code} for code in demands]}]},
            "result": {
                "stocks": [
                    {"month": month.isoformat(), "demand": demand, "node": node, "teu": 1}
                    for demand, node in zip(demands, nodes, strict=False)
                ],
                "unmet": [{"demand": demand, "teu": 1} for demand in demands],
            },
            "marking": "PUBLIC",
        },
        action="period_plan.solve",
    )
    for demand, leg, node in zip(demands, legs, nodes, strict=False):
        PeriodAllocation.objects.create(
            plan=plan,
            month=month,
            demand=demand,
            leg=leg,
            arc=leg,
            origin=real.origin.code,
            destination=node,
            teu=5,
            cost=Decimal("500"),
        )
    return [plan]


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
        "shipper": data.get("shipper", []),
    }
    shipment = shipment_create(actor=ACTOR, values=ShipmentValues(**values))
    for name in ("origin", "destination", "current_node"):
        if kind.startswith(f"link-{name}-"):
            # Its place re-marked after it was recorded (a route must join its ends, so the
            # service cannot record it from or to a canary place directly).
            Shipment.objects.filter(pk=shipment.pk).update(**{name: data[name]})
    return shipment


def _codes(made, model) -> list[str]:
    return [obj.code for obj in made[model]]


def _plan_naming_canaries(made):
    """A PUBLIC plan solved over canary places, legs, leases, demands and agreements: stored
    plans keep the codes they were solved with (issue 9)."""
    nodes, legs = _codes(made, TransitNode), _codes(made, TransitLeg)
    demands, leases = _codes(made, TransitDemand), _codes(made, TransitLease)
    agreements = _codes(made, TransitAgreement)
    real = TransitLeg.objects.exclude(code__startswith="canary-").order_by("pk")[0]
    result = {
        "allocations": [
            {
                "demand": demand,
                "arcs": [real.code, f"{leg}/r"],
                "nodes": [real.origin.code, node],
                "teu": 5,
                "tonnes": 50.0,
                "cost": 500.0,
                "days": 2.0,
                "lease_arcs": [[leg, lease]],
            }
            for demand, leg, node, lease in zip(demands, legs, nodes, leases, strict=False)
        ],
        "unmet": [
            {"demand": demand, "teu": 1, "tonnes": 10.0, "reason": f"{leg} is full"}
            for demand, leg in zip(demands, legs, strict=False)
        ],
        "arc_use": [
            {"arc": leg, "used_teu": 5, "capacity_teu": 10.0, "share": 0.5}
            | {"bottleneck": True, "value_per_teu": 3.0}
            for leg in legs
        ],
        "lease_use": [
            {"lease": lease, "sorties": [[leg, 1]], "hours": 2.0, "quota_left_after": 1.0}
            | {"cost": 100.0}
            for lease, leg in zip(leases, legs, strict=False)
        ],
        "cap_use": [
            {"agreement": code, "used": 1.0, "limit": 2.0, "unit": "teu"} for code in agreements
        ],
    }
    values = {
        "month": dt.date(2031, 2, 1),
        "created_by": "logistician",
        "status": "optimal",
        "cost": Decimal("1000"),
        "objective": 1000.0,
        "lp_bound": 1000.0,
        "gap": 0.0,
        "solve_seconds": 0.0,
        "demand_teu": 12,
        "unmet_teu": 2,
        "inputs": {"demands": [{"code": code} for code in demands], "leases": []},
        "result": result,
        "marking": "PUBLIC",
    }
    return [record_create(actor=ACTOR, model=FlowPlan, data=values, action="flow_plan.solve")]


def _shipment_naming_canaries(made):
    """A PUBLIC shipment whose route-check messages, written as its recorder read the network,
    name canary legs, agreements, closures and their reasons (issue 9)."""
    shipment = _shipment({"marking": "PUBLIC"}, "stored", made)
    problems = [
        f"{leg}/r: {agreement} prohibits lethal cargo by rail through RUS (to_afghanistan)"
        for leg, agreement in zip(
            _codes(made, TransitLeg), _codes(made, TransitAgreement), strict=False
        )
    ]
    for closure in made[TransitClosure]:
        target = closure.target_code
        problems.append(
            f"{target}: {closure.target_kind} {target} closed {closure.start.isoformat()} "
            f"to further notice ({closure.reason})"
        )
    Shipment.objects.filter(pk=shipment.pk).update(route_ok=False, route_problems=problems)
    return [shipment]


def _nation_codes(made) -> list[str]:
    return [nation.iso3 for nation in made[Nation]]


def _leg_crossing_canary_nations(made):
    """A PUBLIC leg between PUBLIC places that crosses the canary nations: its countries are
    stored codes, and so are the planner's permits per country over it (issue 9)."""
    real = TransitLeg.objects.exclude(code__startswith="canary-").order_by("pk").first()
    countries = [*real.countries, *_nation_codes(made)]
    spec = CANARIES[TransitLeg]
    return [make(TransitLeg, spec, "stored", "PUBLIC", made, countries=countries)]


def _agreement_for_canary_nations(made):
    """A PUBLIC agreement whose beneficiaries are the canary nations (stored codes)."""
    spec = CANARIES[TransitAgreement]
    parties = ["NATO", *_nation_codes(made)]
    return [make(TransitAgreement, spec, "stored", "PUBLIC", made, parties=parties)]


def _shipments_naming_canaries(made):
    """The route-check messages' shipment, and one shipped for the canary nations."""
    shipper = _shipment({"marking": "PUBLIC", "shipper": _nation_codes(made)}, "shipper", made)
    return [*_shipment_naming_canaries(made), shipper]


CANARIES = {
    # Nations are marked records: a place in a canary nation (issue 9).
    TransitNode: Canary(create=_service(node_create, NodeValues), links=("country",)),
    # A PUBLIC record naming a hidden place, leg or joint action: each field that can (issue 9).
    TransitLeg: Canary(
        create=_service(leg_create, LegValues),
        overrides=_real_ends(TransitLeg),
        links=("origin", "destination"),
        stored=_leg_crossing_canary_nations,
    ),
    TransitAgreement: Canary(
        create=_service(agreement_create, AgreementValues),
        links=("legal_basis", "country"),
        stored=_agreement_for_canary_nations,
    ),
    TransitClosure: Canary(create=_closure, links=("node", "leg", "country")),
    TransitLease: Canary(create=_service(lease_create, LeaseValues), links=("participant", "legs")),
    TransitDemand: Canary(
        create=_service(demand_create, DemandValues),
        overrides=_real_ends(TransitDemand),
        links=("origin", "destination"),
    ),
    FlowPlan: Canary(create=_flow_plan, stored=_plan_naming_canaries),
    PeriodPlan: Canary(create=_period_plan, stored=_period_plan_naming_canaries),
    Shipment: Canary(
        create=_shipment,
        links=("joint_action", "origin", "destination", "current_node"),
        stored=_shipments_naming_canaries,
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
    "transit:period-plan-detail": route(PeriodPlan, pk="pk"),
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
    "/api/v1/transit/plans/periods/{plan_id}": route(PeriodPlan, plan_id="pk"),
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
