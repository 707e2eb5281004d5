"""The fleet's work in the background.

The maintenance schedule: a maintenance officer's request is checked and enqueued at once
(``plan_request``), and the worker solves it (``plan_solve_task``) with no request waiting while
CP-SAT works, reporting each better schedule on the task's page.

A large file of flight logs: who asks is checked at once and the file kept
(``flight_log_import_enqueue``); the worker imports it all or nothing, as the person who asked
(``flight_log_import_task``). Files of up to ``ACCORD_FLIGHT_LOG_BACKGROUND_ROWS`` rows are
imported in the request (``flight_log_import_submit`` decides). The file waits in the storage
the web and the worker share (``accord.jobs.staging``, under ``staged/flight-logs/``) and is
removed once imported or refused. What the import wrote (entries by tail number) is the task's
return value, which the import page shows to whoever follows the task.
"""

from __future__ import annotations

import datetime as dt
import threading
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import DatabaseError, connection
from django.tasks import task
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from accord import access
from accord.audit.services import audit_record, audited, audited_action
from accord.errors import AccordError, ValidationFailed
from accord.fleet import imports, readiness, selectors
from accord.fleet.due_notices import due_soon_notify
from accord.fleet.models import Aircraft, MaintenancePlan
from accord.jobs import staging
from accord.jobs.choices import TaskKind
from accord.jobs.services import task_enqueue, task_work

if TYPE_CHECKING:
    from accord.jobs.models import TaskRecord

TIME_LIMITS = (1.0, 600.0)
STAGED = "flight-logs"


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


def flight_log_import_submit(*, actor, content: bytes, filename: str) -> dict | TaskRecord:
    """Import the file at once when it is small, else queue it for the worker; returns the
    entries written by tail number, or the task to follow."""
    if imports.file_rows(content, filename) <= settings.ACCORD_FLIGHT_LOG_BACKGROUND_ROWS:
        return imports.flight_log_import(actor=actor, content=content, filename=filename)
    return flight_log_import_enqueue(actor=actor, content=content, filename=filename)


@audited("flight_log.import_request")
def flight_log_import_enqueue(*, actor, content: bytes, filename: str) -> TaskRecord:
    """Ask for a file of flight logs to be imported in the background. Refused at once (in
    words, audited) when the actor may not log flights; the rows themselves are checked by the
    worker, which refuses the whole file on one bad row."""
    access.require_kind(actor, "change", Aircraft)
    extension = "xlsx" if filename.lower().endswith(".xlsx") else "csv"
    file = staging.stage(STAGED, filename, content, extension=extension)
    try:
        record = task_enqueue(
            actor=actor,
            task=flight_log_import_task,
            kind=TaskKind.FLIGHT_LOG_IMPORT,
            subject=file["name"],
            kwargs={"file": file},
        )
        audit_record(
            actor=actor,
            action=audited_action(),
            obj=record,
            changes={"file": [None, filename], "bytes": [None, len(content)]},
        )
    except BaseException:
        staging.unstage(file)
        raise
    return record


@task(takes_context=True)
def flight_log_import_task(context, *, file: dict) -> dict:
    """Import the file as the person who asked; returns the entries written by tail number (the
    import page shows them). A refusal (a bad row, an aircraft they may not read) is kept on the
    task in their words, and nothing of the file is imported."""
    with task_work(context) as work:
        # One step: the import is one transaction, inside which a finer progress would be seen
        # only once it is over.
        work.progress(0, 1, gettext_noop("checking the rows and logging the flights"))
        try:
            written = imports.flight_log_import(
                actor=work.actor, content=staging.staged(file), filename=file["name"]
            )
        except AccordError:
            staging.unstage(file)  # refused for good: another attempt would be too
            raise
        staging.unstage(file)
        work.progress(1, 1, gettext_noop("imported"))
        work.result(page=f"{reverse('fleet:flight-log-import')}?task={work.record.pk}")
        return written
