"""Writes of background work: enqueueing with the task's record, a task's progress and outcome,
the workers' heartbeats, reclaiming a lost worker's tasks, the periodic jobs, pruning.

The queue's own bookkeeping (a claim, a task's progress, a heartbeat, a finished row pruned) is
not a mission record and is not audited; what a task does is audited by the services it calls,
a person's request for a task by the service that enqueues it, and a reclaimed task here.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import socket
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import connection, transaction
from django.tasks import TaskResultStatus
from django.utils import timezone, translation
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _
from django_tasks_db.models import DBTaskResult

from accord import access
from accord.audit.services import audit_record, audited, audited_action, set_via
from accord.errors import AccordError
from accord.jobs.choices import FailureReason
from accord.jobs.models import PeriodicRun, TaskRecord, WorkerBeat

logger = logging.getLogger(__name__)

WORKER_LOST = "accord.jobs.WorkerLost"  # the failed row's exception class, for the queue's tools


# --- enqueueing -----------------------------------------------------------------------------------


def task_enqueue(
    *,
    actor,
    task,
    kind: str,
    subject: str = "",
    kwargs: dict | None = None,
    max_attempts: int | None = None,
) -> TaskRecord:
    """Put ``task`` on the queue with its record, inside the caller's transaction.

    The queue is a table of the same database, so the queue's row and the record commit with the
    write that asked for them or not at all (an outbox): a worker never runs a task whose request
    was rolled back, and a committed request is never lost. Called by an audited service (which
    records the request) or by the worker's scheduler (whose jobs audit their own writes).
    """
    with transaction.atomic():
        result = task.enqueue(**(kwargs or {}))
        return TaskRecord.objects.create(
            task_id=uuid.UUID(str(result.id)),
            kind=kind,
            subject=subject[:200],
            owner_id=access.principal_of(actor).user_id,
            language=translation.get_language() or settings.LANGUAGE_CODE,
            max_attempts=max_attempts or settings.ACCORD_TASK_ATTEMPTS,
        )


# --- a task at work -------------------------------------------------------------------------------


@dataclass
class Work:
    """What a running task is handed: who acts (the person who asked, or Accord itself), and how
    to report progress and the result."""

    record: TaskRecord
    actor: Any

    def progress(self, done: int, total: int, label: str = "") -> None:
        """``label``: the step in English, marked for translation where it is said."""
        total = max(total, 0)
        TaskRecord.objects.filter(pk=self.record.pk).update(
            progress_done=min(max(done, 0), total), progress_total=total, progress_label=label
        )

    def result(self, *, page: str = "", api: str = "") -> None:
        """Where the result is, on the pages and in the API."""
        TaskRecord.objects.filter(pk=self.record.pk).update(result_page=page, result_api=api)


@contextlib.contextmanager
def task_work(context) -> Iterator[Work]:
    """Run a task's body as the person who asked for it, in their language; a refusal or an
    error is kept on the record in words they read, then raised for the queue to mark failed."""
    record = TaskRecord.objects.get(pk=context.task_result.id)
    if record.owner_id is not None:
        actor = get_user_model().objects.get(pk=record.owner_id)
    else:
        actor = access.system_principal(f"worker {record.kind}")
    set_via("worker")
    TaskRecord.objects.filter(pk=record.pk).update(reason="", detail="")
    with translation.override(record.language or settings.LANGUAGE_CODE):
        try:
            yield Work(record=record, actor=actor)
        except AccordError as error:
            _failed(record, FailureReason.REFUSED, str(error.detail))
            raise
        except Exception:
            _failed(
                record,
                FailureReason.ERROR,
                _("The task stopped on an unexpected error, logged for the administrators."),
            )
            raise


def _failed(record: TaskRecord, reason: str, detail: str) -> None:
    TaskRecord.objects.filter(pk=record.pk).update(reason=reason, detail=detail)


# --- workers' heartbeats and their lost tasks -----------------------------------------------------


def worker_beat(*, worker_id: str, started_at: dt.datetime) -> None:
    """The worker is alive now."""
    WorkerBeat.objects.update_or_create(
        worker_id=worker_id,
        defaults={
            "host": socket.gethostname()[:200],
            "pid": os.getpid(),
            "started_at": started_at,
            "beat_at": timezone.now(),
        },
    )


def worker_gone(*, worker_id: str) -> None:
    """The worker stopped cleanly: it holds no task, and nothing of it is left to reclaim."""
    WorkerBeat.objects.filter(worker_id=worker_id).delete()


@audited("task.reclaim")
def tasks_reclaim(*, actor, worker_id: str, now: dt.datetime | None = None) -> list[TaskRecord]:
    """Take back the running tasks of workers that stopped beating.

    A task is lost when the worker that claimed it last has not beaten for
    ``ACCORD_WORKER_LOST_AFTER`` seconds and the task started before that: it goes back on the
    queue while it has attempts left, else it fails with the reason ``worker_lost``. The caller's
    own tasks are never lost (it is beating, and it is asking). The queue's status and the record's
    reason change in one transaction, and only if the task is still as it was read (a second
    worker reclaiming at once changes nothing).
    """
    now = now or timezone.now()
    lost_before = now - dt.timedelta(seconds=settings.ACCORD_WORKER_LOST_AFTER)
    alive = set(
        WorkerBeat.objects.filter(beat_at__gte=lost_before).values_list("worker_id", flat=True)
    )
    alive.add(worker_id)
    running = DBTaskResult.objects.filter(
        status=TaskResultStatus.RUNNING, started_at__lt=lost_before
    ).order_by("started_at")
    if connection.vendor == "postgresql":
        running = running.select_for_update(skip_locked=True)
    reclaimed = []
    for task in running:
        claimed_by = task.worker_ids[-1] if task.worker_ids else ""
        if claimed_by not in alive:
            record = _reclaim(actor, task, claimed_by, now)
            if record is not None:
                reclaimed.append(record)
    return reclaimed


def _reclaim(actor, task: DBTaskResult, lost_worker: str, now: dt.datetime) -> TaskRecord | None:
    record = TaskRecord.objects.filter(pk=task.pk).first()
    attempts = len(task.worker_ids)
    allowed = record.max_attempts if record else settings.ACCORD_TASK_ATTEMPTS
    again = attempts < allowed
    still_as_read = DBTaskResult.objects.filter(
        pk=task.pk, status=TaskResultStatus.RUNNING, started_at=task.started_at
    )
    if again:
        changed = still_as_read.update(status=TaskResultStatus.READY, started_at=None)
    else:
        changed = still_as_read.update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path=WORKER_LOST,
            traceback=f"worker {lost_worker} stopped beating during attempt {attempts}",
        )
    if not changed or record is None:
        return None
    with translation.override(record.language or settings.LANGUAGE_CODE):
        detail = "" if again else _lost_detail(attempts)
    TaskRecord.objects.filter(pk=record.pk).update(
        reason="" if again else FailureReason.WORKER_LOST,
        detail=detail,
        progress_done=0,
        progress_label="",
    )
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=record,
        changes={
            "status": [TaskResultStatus.RUNNING, TaskResultStatus.READY if again else "FAILED"],
            "worker": lost_worker,
            "attempt": attempts,
        },
    )
    return record


def _lost_detail(attempts: int) -> str:
    return _(
        "The worker running this task stopped (its process or machine was lost) and the task has "
        "no attempts left (%(attempts)s made); nothing it had half-written was kept. Ask for it "
        "again."
    ) % {"attempts": attempts}


# --- periodic jobs --------------------------------------------------------------------------------


def periodic_enqueue_due(*, now: dt.datetime | None = None) -> list[TaskRecord]:
    """Enqueue each periodic job (``ACCORD_PERIODIC_TASKS``) that is due, once however many
    workers ask: the run is claimed by a conditional UPDATE of its next time, in the transaction
    that enqueues it. A job whose last run is still waiting or running waits for it to finish."""
    now = now or timezone.now()
    schedule = settings.ACCORD_PERIODIC_TASKS
    # Read first, write only what is due: an idle worker asks every few seconds, and on SQLite
    # every write, even one that changes nothing, takes the database's only write lock.
    next_runs = dict(
        PeriodicRun.objects.filter(name__in=schedule).values_list("name", "next_run_at")
    )
    if len(next_runs) < len(schedule):
        PeriodicRun.objects.bulk_create(
            [PeriodicRun(name=name, next_run_at=now) for name in schedule if name not in next_runs],
            ignore_conflicts=True,
        )
    enqueued = []
    for name, (path, every_seconds, kind) in schedule.items():
        if next_runs.get(name, now) > now or _unfinished(kind):
            continue  # enqueued as soon as the last run is done, not piled up behind it
        with transaction.atomic():
            claimed = PeriodicRun.objects.filter(name=name, next_run_at__lte=now).update(
                next_run_at=now + dt.timedelta(seconds=every_seconds)
            )
            if claimed:
                system = access.system_principal(f"worker {name}")
                enqueued.append(
                    task_enqueue(actor=system, task=import_string(path), kind=kind, max_attempts=1)
                )
    return enqueued


def _unfinished(kind: str) -> bool:
    return TaskRecord.objects.filter(
        kind=kind,
        owner__isnull=True,
        task__status__in=[TaskResultStatus.READY, TaskResultStatus.RUNNING],
    ).exists()


# --- pruning --------------------------------------------------------------------------------------


def tasks_prune(*, now: dt.datetime | None = None) -> int:
    """Remove the tasks finished more than ``ACCORD_TASKS_KEEP_DAYS`` days ago (their records
    with them), and the heartbeats of workers gone for a day. Returns how many tasks went."""
    now = now or timezone.now()
    with transaction.atomic():
        old = DBTaskResult.objects.filter(
            status__in=[TaskResultStatus.SUCCESSFUL, TaskResultStatus.FAILED],
            finished_at__lt=now - dt.timedelta(days=settings.ACCORD_TASKS_KEEP_DAYS),
        )
        TaskRecord.objects.filter(task__in=old).delete()
        count, _by_model = old.delete()
        WorkerBeat.objects.filter(beat_at__lt=now - dt.timedelta(days=1)).delete()
    return count
