"""Writes to the flow planning: leases, the month's demands, and the flow plan solved and
stored, one audited service per use case.

The flow plan reads and solves with no transaction open -- on SQLite any transaction holds the
database's only write lock, and a solve may take minutes -- and stores the solved plan with its
audit entry in one short write.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict
from decimal import Decimal

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accord import access, money
from accord.audit.services import audit_record, audited, audited_action, refusals_audited
from accord.core.services import record_create, record_delete, record_update
from accord.errors import Code, ValidationFailed
from accord.transit.common import CURRENCY, engine_check, engine_error, merged, solver_minor
from accord.transit.engine.flowplan import plan_flows
from accord.transit.engine.flowplan.periods import (
    MAX_MONTHS,
    PeriodMonth,
    PeriodsInput,
    plan_periods,
)
from accord.transit.engine.flowplan.periods import PeriodPlan as PeriodResult
from accord.transit.engine.model import Demand, Lease, Network, Plan, PlanInput, TransitInputError
from accord.transit.models import (
    FlowPlan,
    PeriodAllocation,
    PeriodPlan,
    TransitDemand,
    TransitLease,
)
from accord.transit.planning import selectors
from accord.transit.planning.inputs import DemandValues, LeaseValues
from accord.transit.references import references_resolved
from accord.transit.routing.selectors import network_for

# --- leases --------------------------------------------------------------------------------------


def _check_lease(fields: dict, legs) -> None:
    """The engine's rules for a lease (its values as it will be stored, and its legs)."""

    def build():
        Lease(
            code=fields.get("code") or "new",
            provider=fields.get("provider") or "",
            mode=fields.get("mode") or "",
            legs=tuple(leg.code for leg in legs or ()),
            teu_per_sortie=int(fields.get("teu_per_sortie") or 0),
            tonnes_per_sortie=float(fields.get("tonnes_per_sortie") or 0),
            cost_per_sortie=int(fields.get("cost_per_sortie") or 0),
            hours_per_sortie=float(fields.get("hours_per_sortie") or 0),
            period_start=fields.get("period_start") or dt.date.min,
            period_end=fields.get("period_end") or dt.date.min,
            availability=fields.get("availability") or "full_time",
            notice_days=int(fields.get("notice_days") or 0),
            quota_hours_year=float(fields.get("quota_hours_year") or 0),
            quota_hours_left=float(fields.get("quota_hours_year") or 0),
            max_sorties_month=int(fields.get("max_sorties_month") or 0),
        )

    engine_check(build)


@audited("transit_lease.create")
def lease_create(*, actor, values: LeaseValues) -> TransitLease:
    """Record a leased aircraft or train set; ``participant`` and ``legs`` may be codes."""
    access.require_kind(actor, "create", TransitLease)
    values = references_resolved(actor, values, participant="nation", legs="leg")
    data = {"marking": TransitLease.default_marking, **values.given()}
    access.require_create(actor, TransitLease, {"marking": data["marking"]})
    _check_lease(data, data.get("legs"))
    return record_create(actor=actor, model=TransitLease, data=data, action=audited_action())


@audited("transit_lease.update")
def lease_update(
    *, actor, lease: TransitLease, values: LeaseValues, expected_version: int
) -> TransitLease:
    access.require_change(actor, lease)
    values = references_resolved(actor, values, participant="nation", legs="leg")
    data = values.given()
    legs = values.legs if values.has("legs") else list(lease.legs.all())
    _check_lease(merged(lease, data), legs)
    return record_update(
        actor=actor,
        obj=lease,
        data=data,
        expected_version=expected_version,
        action=audited_action(),
    )


# --- demands -------------------------------------------------------------------------------------


@audited("transit_demand.create")
def demand_create(*, actor, values: DemandValues) -> TransitDemand:
    """Add cargo to move in a month; ``origin`` and ``destination`` may be node codes."""
    access.require_kind(actor, "create", TransitDemand)
    values = references_resolved(actor, values, origin="node", destination="node")
    data = {"marking": TransitDemand.default_marking, **values.given()}
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

    engine_check(build)
    return record_create(actor=actor, model=TransitDemand, data=data, action=audited_action())


@audited("transit_demand.delete")
def demand_delete(*, actor, demand: TransitDemand, expected_version: int) -> None:
    record_delete(
        actor=actor, obj=demand, expected_version=expected_version, action=audited_action()
    )


# --- the flow plan -------------------------------------------------------------------------------


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
    ``progress(step, total, label)``, if given, is called as the work advances (the CLI's bar,
    the task's page); ``label`` is in English, marked for translation where it is shown.
    """
    month = month.replace(day=1)
    access.require_create(actor, FlowPlan, {"marking": FlowPlan.default_marking})

    def step(n, label):
        if progress is not None:
            progress(n, 4, label)

    step(0, gettext_noop("reading the network"))
    network = network_for(actor)
    demand_rows = month_demand_check(actor, month, network)
    step(1, gettext_noop("reading the leases"))
    leases = _month_leases(actor, month)
    try:
        data = PlanInput(
            network=network,
            demands=tuple(_engine_demand(row) for row in demand_rows),
            month=month,
            leases=leases,
            days_weight=days_weight,
            time_limit_seconds=time_limit_seconds,
        )
        step(2, gettext_noop("solving"))
        plan = plan_flows(data)
    except TransitInputError as exc:
        raise engine_error(exc) from None
    step(3, gettext_noop("storing the plan"))
    stored = _flow_plan_store(actor=actor, data=data, plan=plan)
    step(4, gettext_noop("done"))
    return stored


def month_demand_check(actor, month: dt.date, network: Network) -> list[TransitDemand]:
    """The month's demands the actor may read; refused when there are none, or when one names
    a cargo class no agreement knows (no route could ever carry it)."""
    rows = list(selectors.demand_list(actor=actor, month=month))
    if not rows:
        raise ValidationFailed(
            _("No demand is recorded for %(month)s: add the month's demands first.")
            % {"month": f"{month:%Y-%m}"},
            code=Code.NO_DEMAND,
            errors={"month": [_("no demand for this month")]},
        )
    known = network.cargo_classes_known()
    for row in rows:
        if known and row.cargo_class not in known:
            raise ValidationFailed(
                _("Demand %(code)s: no agreement knows cargo class %(cargo_class)s.")
                % {"code": row.code, "cargo_class": repr(row.cargo_class)},
                code=Code.UNKNOWN_CARGO_CLASS,
                errors={"cargo_class": [_("no agreement knows it")]},
            )
    return rows


def _engine_demand(row: TransitDemand) -> Demand:
    return Demand(
        code=row.code,
        origin=row.origin.code,
        destination=row.destination.code,
        cargo_class=row.cargo_class,
        direction=row.direction,
        teu=row.teu,
        tonnes=float(row.tonnes),
        latest_days=row.latest_days,
    )


def _month_leases(actor, month: dt.date) -> tuple[Lease, ...]:
    """The leases in force in the month, each with the flying hours its quota has left after the
    year's earlier plans."""
    used = selectors.lease_hours_used(actor=actor, year=month.year, before_month=month)
    return tuple(
        selectors.engine_lease(row, used.get(row.quota_group or row.code, 0.0))
        for row in selectors.lease_list(actor=actor)
        if row.period_end >= month and row.period_start <= _month_end(month)
    )


def _flow_plan_store(*, actor, data: PlanInput, plan: Plan) -> FlowPlan:
    """The solved plan with what it was solved from, and its audit entry: one short write."""
    cost_minor = solver_minor(plan.cost)  # the solver's float, in cents (transit.common)
    stored = FlowPlan(
        month=data.month,
        created_by=access.principal_of(actor).username,
        status=plan.status,
        cost=money.from_minor(cost_minor, CURRENCY),
        objective=plan.objective,
        lp_bound=plan.lp_bound,
        gap=plan.gap,
        solve_seconds=plan.solve_seconds,
        demand_teu=sum(d.teu for d in data.demands),
        unmet_teu=sum(u.teu for u in plan.unmet),
        inputs=_jsonable(
            {
                "demands": [asdict(d) for d in data.demands],
                "leases": [
                    {"code": lease.code, "quota_hours_left": lease.quota_hours_left}
                    for lease in data.leases
                ],
                "days_weight": data.days_weight,
            }
        ),
        result=_jsonable(
            {
                "allocations": [asdict(a) for a in plan.allocations],
                "unmet": [asdict(u) for u in plan.unmet],
                "arc_use": [asdict(u) for u in plan.arc_use],
                "lease_use": [asdict(u) for u in plan.lease_use],
                "cap_use": [asdict(u) for u in plan.cap_use],
                "node_use": [asdict(u) for u in plan.node_use],
                "columns": plan.columns,
                "lp_status": plan.lp_status,
            }
        ),
        marking=FlowPlan.default_marking,
    )
    with transaction.atomic():
        stored.save(force_insert=True)
        audit_record(
            actor=actor,
            action=audited_action(),
            obj=stored,
            changes={
                "month": [None, data.month.isoformat()],
                "cost": [None, money.plain_amount(cost_minor, CURRENCY)],
                "unmet_teu": [None, stored.unmet_teu],
                "status": [None, plan.status],
            },
        )
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


# --- the plan over several months ----------------------------------------------------------------


@refusals_audited("period_plan.solve")
def period_plan_solve(
    *,
    actor,
    first_month: dt.date,
    months: int,
    holding_cost_per_teu_month: float = 100.0,
    capacities: tuple[tuple[dt.date, str, float], ...] = (),
    time_limit_seconds: float = 30.0,
    progress=None,
) -> PeriodPlan:
    """Solve a plan over ``months`` months from ``first_month`` (each with its own demands and
    capacities; ``capacities``: (month, leg or place code, TEU that month)) with cargo waiting at
    transfer points, and store it with its movements.

    As the month's plan: reading and solving hold no transaction; the plan, its movements and
    its audit entry are one short write. ``progress(step, total, label)`` as the month's plan's.
    """
    first_month = first_month.replace(day=1)
    access.require_create(actor, PeriodPlan, {"marking": PeriodPlan.default_marking})

    def step(n, label):
        if progress is not None:
            progress(n, 3, label)

    step(0, gettext_noop("reading the network"))
    network = network_for(actor)
    calendar_months, rows, legs, nodes = period_plan_check(
        actor, first_month, months, capacities, network
    )
    try:
        data = PeriodsInput(
            network=network,
            months=tuple(
                PeriodMonth(
                    month,
                    tuple(_engine_demand(r) for r in rows if r.month == month),
                    legs[month],
                    nodes[month],
                )
                for month in calendar_months
            ),
            holding_cost_per_teu_month=holding_cost_per_teu_month,
            time_limit_seconds=time_limit_seconds,
        )
        step(1, gettext_noop("solving"))
        plan = plan_periods(data)
    except TransitInputError as exc:
        raise engine_error(exc) from None
    step(2, gettext_noop("storing the plan"))
    stored = _period_plan_store(actor=actor, data=data, plan=plan)
    step(3, gettext_noop("done"))
    return stored


def period_plan_check(
    actor,
    first_month: dt.date,
    months: int,
    capacities: tuple[tuple[dt.date, str, float], ...],
    network: Network,
) -> tuple[list[dt.date], list[TransitDemand], dict, dict]:
    """What a plan over several months is solved from, or its refusal: the calendar months, the
    demands the actor may read in them (refused when there are none), and each month's leg and
    place capacities as asked (refused when a month is outside the plan or a code unknown)."""
    if not 1 <= months <= MAX_MONTHS:
        raise ValidationFailed(
            _("A plan over several months covers one to six months."),
            code=Code.BAD_HORIZON,
            errors={"months": [_("one to six")]},
        )
    calendar_months = [_months_after(first_month, i) for i in range(months)]
    rows = [
        row
        for month in calendar_months
        for row in selectors.demand_list(actor=actor, month=month).order_by("code")
    ]
    if not rows:
        raise ValidationFailed(
            _("No demand is recorded from %(first)s to %(last)s: add the months' demands first.")
            % {"first": f"{first_month:%Y-%m}", "last": f"{calendar_months[-1]:%Y-%m}"},
            code=Code.NO_DEMAND,
            errors={"first_month": [_("no demand in these months")]},
        )
    legs: dict[dt.date, dict[str, int]] = {m: {} for m in calendar_months}
    nodes: dict[dt.date, dict[str, float]] = {m: {} for m in calendar_months}
    for month, code, teu in capacities:
        month = month.replace(day=1)
        if month not in legs:
            raise ValidationFailed(
                _("%(month)s is not one of the plan's months.") % {"month": f"{month:%Y-%m}"},
                code=Code.BAD_HORIZON,
                errors={"capacities": [_("a month outside the plan")]},
            )
        if code in network.leg_by_code:
            legs[month][code] = int(teu)
        elif code in network.node_by_code:
            nodes[month][code] = float(teu)
        else:
            raise ValidationFailed(
                _("%(code)s is no leg or place you may read.") % {"code": code},
                code=Code.UNKNOWN_LEG,
                errors={"capacities": [_("unknown leg or place")]},
            )
    return calendar_months, rows, legs, nodes


def _months_after(first: dt.date, n: int) -> dt.date:
    index = first.year * 12 + first.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def _period_plan_store(*, actor, data: PeriodsInput, plan: PeriodResult) -> PeriodPlan:
    """The plan, its movements and its audit entry: one short write."""
    months = plan.months
    transport_minor = sum(solver_minor(m.cost) for m in plan.movements)
    holding_minor = solver_minor(plan.holding_cost)
    stored = PeriodPlan(
        first_month=months[0],
        months=len(months),
        created_by=access.principal_of(actor).username,
        status=plan.status,
        transport_cost=money.from_minor(transport_minor, CURRENCY),
        holding_cost=money.from_minor(holding_minor, CURRENCY),
        holding_cost_per_teu_month=Decimal(str(data.holding_cost_per_teu_month)),
        solve_seconds=plan.solve_seconds,
        demand_teu=sum(d.teu for m in data.months for d in m.demands),
        unmet_teu=plan.unmet_teu,
        inputs=_jsonable(
            {
                "months": [
                    {
                        "month": m.month,
                        "demands": [asdict(d) for d in m.demands],
                        "leg_capacity": m.leg_capacity,
                        "node_capacity": m.node_capacity,
                    }
                    for m in data.months
                ],
                "holding_cost_per_teu_month": data.holding_cost_per_teu_month,
            }
        ),
        result=_jsonable(
            {
                "stocks": [
                    {**asdict(s), "month": months[s.month].isoformat()} for s in plan.stocks
                ],
                "delivered": [
                    {"demand": d, "month": months[t].isoformat(), "teu": teu}
                    for d, t, teu in plan.delivered
                ],
                "unmet": [{"demand": d, "teu": teu} for d, teu in plan.unmet],
            }
        ),
        marking=PeriodPlan.default_marking,
    )
    with transaction.atomic():
        stored.save(force_insert=True)
        PeriodAllocation.objects.bulk_create(
            PeriodAllocation(
                plan=stored,
                month=months[m.month],
                demand=m.demand,
                leg=m.leg,
                arc=m.arc,
                origin=m.origin,
                destination=m.destination,
                teu=m.teu,
                cost=money.from_minor(solver_minor(m.cost), CURRENCY),
            )
            for m in plan.movements
        )
        audit_record(
            actor=actor,
            action=audited_action(),
            obj=stored,
            changes={
                "first_month": [None, stored.first_month.isoformat()],
                "months": [None, stored.months],
                "cost": [None, money.plain_amount(transport_minor + holding_minor, CURRENCY)],
                "unmet_teu": [None, stored.unmet_teu],
                "status": [None, plan.status],
            },
        )
    return stored
