"""The maintenance schedule in the background: a maintenance officer's request is checked and
enqueued at once (``plan_request``), and the worker solves it (``plan_solve_task``) with no
request waiting while CP-SAT works, reporting each better schedule on the task's page."""

from __future__ import annotations

import datetime as dt
import threading
from typing import TYPE_CHECKING

from django.db import DatabaseError, connection
from django.tasks import task
from django.urls import reverse
from django.utils.translation import gettext as _

from accord import access
from accord.audit.services import audit_record, audited, audited_action
from accord.errors import ValidationFailed
from accord.fleet import readiness, selectors
from accord.fleet.due_notices import due_soon_notify
from accord.fleet.models import MaintenancePlan
from accord.jobs.choices import TaskKind
from accord.jobs.services import task_enqueue, task_work

if TYPE_CHECKING:
    from accord.jobs.models import TaskRecord

TIME_LIMITS = (1.0, 600.0)


@audited("maintenance_plan.request")
def plan_request(
    *, actor, days: int = 90, time_limit_seconds: float = 10.0, day: dt.date | None = None
) -> TaskRecord:
    """Ask for the fleet's maintenance schedule to be solved in the background; returns the task
    to follow. Refused at once when the actor may not plan or the figures are out of range."""
    access.require_create(actor, MaintenancePlan, {"marking": MaintenancePlan.default_marking})
    if not 1 <= days <= readiness.MAX_HORIZON:
        raise ValidationFailed(
            _("Plan 1 to %(most)s days ahead.") % {"most": readiness.MAX_HORIZON},
            errors={"days": [_("1 to %(most)s") % {"most": readiness.MAX_HORIZON}]},
        )
    if not TIME_LIMITS[0] <= time_limit_seconds <= TIME_LIMITS[1]:
        raise ValidationFailed(
            _("Give the solver 1 to 600 seconds."),
            errors={"time_limit_seconds": [_("1 to 600 seconds")]},
        )
    day = day or selectors.today()
    record = task_enqueue(
        actor=actor,
        task=plan_solve_task,
        kind=TaskKind.FLEET_SCHEDULE,
        subject=f"{day:%Y-%m-%d} +{days}",
        kwargs={"day": day.isoformat(), "days": days, "time_limit_seconds": time_limit_seconds},
    )
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=record,
        changes={"days": [None, days], "time_limit_seconds": [None, time_limit_seconds]},
    )
    return record


@task(takes_context=True)
def plan_solve_task(context, *, day: str, days: int, time_limit_seconds: float) -> int:
    """Solve and store the schedule as the person who asked for it; returns the plan's id."""
    with task_work(context) as work:
        limit = max(1, round(time_limit_seconds))
        ours = threading.get_ident()

        def heard(objective: int, bound: int, elapsed: float) -> None:
            if threading.get_ident() == ours:
                work.progress(min(limit, round(elapsed)), limit, "a better schedule found")
                return
            # CP-SAT calls back from its own search threads, each on a connection of its own.
            # The progress line is a courtesy: when the database will not take it from there
            # (SQLite's shared-cache test database locks the table while the test's own
            # transaction holds it), the solve goes on and the line is written at its end.
            try:
                work.progress(min(limit, round(elapsed)), limit, "a better schedule found")
            except DatabaseError:
                pass
            finally:
                # The connection Django opened for this thread would outlive the solve.
                connection.close()

        plan, _built, _schedule = readiness.plan_solve(
            actor=work.actor,
            day=dt.date.fromisoformat(day),
            horizon=days,
            time_limit_s=time_limit_seconds,
            on_solution=heard,
        )
        work.progress(limit, limit, "stored")
        work.result(
            page=reverse("fleet:readiness") + f"?plan={plan.pk}",
            api=f"/api/v1/fleet/plans/{plan.pk}",
        )
        return plan.pk


@task(takes_context=True)
def due_notify_task(context) -> int:
    """Tell maintenance officers, once, of the items falling due (a daily periodic job)."""
    with task_work(context) as work:
        return due_soon_notify(actor=work.actor)
