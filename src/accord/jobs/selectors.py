"""Reads of background work, through the one rule that governs tasks: a task is read by the
person who asked for it, and by administrators (tasks carry no marking: what they act on is read
through its own marking when the task runs, and on its result's page)."""

from __future__ import annotations

import uuid

from django.db.models import QuerySet

from accord import access
from accord.errors import NotFound
from accord.jobs.models import TaskRecord


def task_visible(actor) -> QuerySet[TaskRecord]:
    """The tasks the actor may follow: their own; every task for an administrator."""
    p = access.principal_of(actor)
    rows = TaskRecord.objects.select_related("task")
    if p.is_administrator:
        return rows
    if p.user_id is None:
        return rows.none()
    return rows.filter(owner_id=p.user_id)


def task_list(*, actor) -> QuerySet[TaskRecord]:
    return task_visible(actor).order_by("-task__enqueued_at")


def task_get(*, actor, task_id) -> TaskRecord:
    """One task the actor may follow; anyone else's is absent (404, never 403)."""
    try:
        key = uuid.UUID(str(task_id))
    except ValueError:
        raise NotFound() from None
    row = task_visible(actor).filter(pk=key).first()
    if row is None:
        raise NotFound()
    return row
