"""The planning API (leases, demands, flow plans), mounted by ``accord.transit.api`` at
/api/v1/transit."""

import datetime as dt

from django.http import HttpResponse
from django.utils.translation import gettext as _
from ninja import Router, Status
from ninja.pagination import paginate

from accord.errors import Code, ValidationFailed
from accord.jobs.schemas import BackgroundTaskOut, task_location
from accord.jobs.selectors import task_get
from accord.pagination import Pages
from accord.transit.network.api import patch_values
from accord.transit.planning import selectors, services, tasks
from accord.transit.planning.inputs import DemandValues, LeaseValues
from accord.transit.planning.schemas import (
    DemandIn,
    DemandOut,
    LeaseIn,
    LeaseOut,
    LeasePatch,
    PeriodPlanDetailOut,
    PeriodPlanIn,
    PeriodPlanOut,
    PlanIn,
    PlanOut,
)

router = Router()


@router.get("/leases", response=list[LeaseOut])
def lease_list(request):
    return list(selectors.lease_list(actor=request.user))


@router.post("/leases", response={201: LeaseOut})
def lease_create(request, payload: LeaseIn):
    lease = services.lease_create(actor=request.user, values=LeaseValues(**payload.dict()))
    # Read back through the selector, which cuts the legs to those the caller may read.
    return Status(201, selectors.lease_get(actor=request.user, code=lease.code))


@router.get("/leases/{code}", response=LeaseOut)
def lease_get(request, code: str):
    return selectors.lease_get(actor=request.user, code=code)


@router.patch("/leases/{code}", response=LeaseOut)
def lease_update(request, code: str, payload: LeasePatch):
    lease = selectors.lease_get(actor=request.user, code=code)
    values, version = patch_values(payload, LeaseValues)
    services.lease_update(actor=request.user, lease=lease, values=values, expected_version=version)
    return selectors.lease_get(actor=request.user, code=code)


@router.get("/demands", response=list[DemandOut])
@paginate(Pages)
def demand_list(request, month: str | None = None):
    return selectors.demand_list(actor=request.user, month=_month(month) if month else None)


@router.post("/demands", response={201: DemandOut})
def demand_create(request, payload: DemandIn):
    values = DemandValues(**payload.dict())
    return Status(201, services.demand_create(actor=request.user, values=values))


def _month(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(f"{text[:7]}-01")
    except ValueError:
        raise ValidationFailed(
            _("month: %(text)s is not YYYY-MM.") % {"text": repr(text)},
            code=Code.BAD_MONTH,
            errors={"month": ["YYYY-MM"]},
        ) from None


@router.get("/plans", response=list[PlanOut])
@paginate(Pages)
def plan_list(request):
    return selectors.plan_list(actor=request.user)


@router.post("/plans", response={202: BackgroundTaskOut})
def plan_solve(request, payload: PlanIn, response: HttpResponse):
    """Ask for the month's flow plan (OR-Tools) to be solved and stored in the background.

    Answers 202 with the task at once (its address also in ``Location``): poll
    ``GET /api/v1/tasks/{id}`` until its status is ``SUCCESSFUL`` (``result.api`` is the plan)
    or ``FAILED`` (``reason`` and ``detail`` say why). A refusal known before solving (no demand
    in the month, no permission) answers at once, as before.
    """
    record = tasks.flow_plan_request(
        actor=request.user,
        month=_month(payload.month),
        days_weight=payload.days_weight,
        time_limit_seconds=payload.time_limit_seconds,
    )
    response["Location"] = task_location(record)
    return Status(202, task_get(actor=request.user, task_id=record.pk))


@router.get("/plans/{int:plan_id}", response=PlanOut)
def plan_get(request, plan_id: int):
    return selectors.plan_get(actor=request.user, pk=plan_id)


@router.get("/plans/periods", response=list[PeriodPlanOut])
@paginate(Pages)
def period_plan_list(request):
    return selectors.period_plan_list(actor=request.user)


def _period_detail(request, plan) -> dict:
    shown = selectors.period_plan_shown(actor=request.user, plan=plan)
    summary = PeriodPlanOut.from_orm(plan).dict()
    return {
        **summary,
        "movements": shown["movements"],
        "inventory": shown["inventory"],
        "plan_versus_actual": shown["actual"],
        "unmet": shown["unmet"],
    }


@router.post("/plans/periods", response={202: BackgroundTaskOut})
def period_plan_solve(request, payload: PeriodPlanIn, response: HttpResponse):
    """Ask for a plan over 1 to 6 months (each month its own demands and, in ``capacities``, the
    legs' and places' TEU that differ that month; cargo may wait at transfer points at the
    holding cost) to be solved and stored in the background.

    Answers 202 with the task at once (its address also in ``Location``): poll
    ``GET /api/v1/tasks/{id}`` until its status is ``SUCCESSFUL`` (``result.api`` is the plan,
    with its movements -- each ``id`` may be named by a shipment as the ``allocation`` it serves
    -- what waits where, and plan against actual) or ``FAILED`` (``reason`` and ``detail`` say
    why). A refusal known before solving (a horizon outside one to six months, no demand in the
    months, a capacity outside them or on an unknown code, no permission) answers at once."""
    record = tasks.period_plan_request(
        actor=request.user,
        first_month=_month(payload.first_month),
        months=payload.months,
        holding_cost_per_teu_month=payload.holding_cost_per_teu_month,
        capacities=tuple((_month(c.month), c.code, c.teu) for c in payload.capacities),
    )
    response["Location"] = task_location(record)
    return Status(202, task_get(actor=request.user, task_id=record.pk))


@router.get("/plans/periods/{int:plan_id}", response=PeriodPlanDetailOut)
def period_plan_get(request, plan_id: int):
    return _period_detail(request, selectors.period_plan_get(actor=request.user, pk=plan_id))
