"""The flow plans in the background: a logistician's request is checked and enqueued at once
(``flow_plan_request`` for a month, ``period_plan_request`` for one to six months), and the
worker solves it (``flow_plan_solve_task``, ``period_plan_solve_task``) with no request waiting
and no lock held while OR-Tools works, reporting its steps on the task's page."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.tasks import task
from django.urls import reverse

from accord import access
from accord.audit.services import audit_record, audited, audited_action
from accord.jobs.choices import TaskKind
from accord.jobs.services import task_enqueue, task_work
from accord.transit.models import FlowPlan, PeriodPlan
from accord.transit.planning import services
from accord.transit.routing.selectors import network_for

if TYPE_CHECKING:
    from accord.jobs.models import TaskRecord


@audited("flow_plan.request")
def flow_plan_request(
    *, actor, month: dt.date, days_weight: float = 0.0, time_limit_seconds: float = 60.0
) -> TaskRecord:
    """Ask for the month's flow plan to be solved in the background; returns the task to follow.

    What would refuse the solve at once (the actor may not plan, the month has no demand or
    names a cargo class no agreement knows) is refused here, before anything is queued. The task
    is enqueued in this service's transaction with its audit entry: both or neither.
    """
    month = month.replace(day=1)
    access.require_create(actor, FlowPlan, {"marking": FlowPlan.default_marking})
    services.month_demand_check(actor, month, network_for(actor))
    record = task_enqueue(
        actor=actor,
        task=flow_plan_solve_task,
        kind=TaskKind.FLOW_PLAN,
        subject=f"{month:%Y-%m}",
        kwargs={
            "month": month.isoformat(),
            "days_weight": days_weight,
            "time_limit_seconds": time_limit_seconds,
        },
    )
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=record,
        changes={
            "month": [None, month.isoformat()],
            "days_weight": [None, days_weight],
            "time_limit_seconds": [None, time_limit_seconds],
        },
    )
    return record


@task(takes_context=True)
def flow_plan_solve_task(
    context, *, month: str, days_weight: float, time_limit_seconds: float
) -> int:
    """Solve and store the month's plan as the person who asked for it; returns the plan's id."""
    with task_work(context) as work:
        plan = services.flow_plan_solve(
            actor=work.actor,
            month=dt.date.fromisoformat(month),
            days_weight=days_weight,
            time_limit_seconds=time_limit_seconds,
            progress=work.progress,
        )
        work.result(
            page=reverse("transit:plan-detail", args=[plan.pk]),
            api=f"/api/v1/transit/plans/{plan.pk}",
        )
        return plan.pk


@audited("period_plan.request")
def period_plan_request(
    *,
    actor,
    first_month: dt.date,
    months: int,
    holding_cost_per_teu_month: float = 100.0,
    capacities: tuple[tuple[dt.date, str, float], ...] = (),
    time_limit_seconds: float = 30.0,
) -> TaskRecord:
    """Ask for a plan over several months to be solved in the background; returns the task.

    What would refuse the solve at once (the actor may not plan, a horizon outside one to six
    months, no demand in the months, a capacity in a month outside the plan or on a code the
    actor may not read) is refused here, before anything is queued. The task is enqueued in this
    service's transaction with its audit entry: both or neither.
    """
    first_month = first_month.replace(day=1)
    access.require_create(actor, PeriodPlan, {"marking": PeriodPlan.default_marking})
    calendar_months, _rows, _legs, _nodes = services.period_plan_check(
        actor, first_month, months, capacities, network_for(actor)
    )
    asked = [[month.replace(day=1).isoformat(), code, int(teu)] for month, code, teu in capacities]
    first, last = f"{calendar_months[0]:%Y-%m}", f"{calendar_months[-1]:%Y-%m}"
    record = task_enqueue(
        actor=actor,
        task=period_plan_solve_task,
        kind=TaskKind.PERIOD_PLAN,
        subject=first if first == last else f"{first}\u2013{last}",
        kwargs={
            "first_month": first_month.isoformat(),
            "months": months,
            "holding_cost_per_teu_month": holding_cost_per_teu_month,
            "capacities": asked,
            "time_limit_seconds": time_limit_seconds,
        },
    )
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=record,
        changes={
            "first_month": [None, first_month.isoformat()],
            "months": [None, months],
            "holding_cost_per_teu_month": [None, holding_cost_per_teu_month],
            "capacities": [None, asked],
        },
    )
    return record


@task(takes_context=True)
def period_plan_solve_task(
    context,
    *,
    first_month: str,
    months: int,
    holding_cost_per_teu_month: float,
    capacities: list,
    time_limit_seconds: float,
) -> int:
    """Solve and store the plan over several months as the person who asked for it (the plan,
    its movements and its audit entry in one transaction at the end); returns the plan's id."""
    with task_work(context) as work:
        plan = services.period_plan_solve(
            actor=work.actor,
            first_month=dt.date.fromisoformat(first_month),
            months=months,
            holding_cost_per_teu_month=holding_cost_per_teu_month,
            capacities=tuple(
                (dt.date.fromisoformat(month), code, teu) for month, code, teu in capacities
            ),
            time_limit_seconds=time_limit_seconds,
            progress=work.progress,
        )
        work.result(
            page=reverse("transit:period-plan-detail", args=[plan.pk]),
            api=f"/api/v1/transit/plans/periods/{plan.pk}",
        )
        return plan.pk
