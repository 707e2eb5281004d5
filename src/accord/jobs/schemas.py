"""The API's schema of a task (``/api/v1/tasks/{id}``), and its address."""

import datetime as dt

from django.utils.translation import gettext as _
from ninja import Schema

from accord.jobs.choices import TaskKind, TaskState


def task_location(record) -> str:
    """The task's address in the API (the ``Location`` of a 202)."""
    return f"/api/v1/tasks/{record.pk}"


class TaskProgressOut(Schema):
    done: int
    total: int
    step: str  # in the reader's language


class TaskResultOut(Schema):
    page: str  # the result's page
    api: str  # the result in this API


class BackgroundTaskOut(Schema):
    """A task on the queue: what it does, how far it has got, where its result is, or why it
    failed (``reason``: ``refused``, ``worker_lost`` or ``error``; ``detail`` in words)."""

    id: str
    url: str
    kind: str
    title: str
    subject: str
    status: str
    status_label: str
    attempts: int
    max_attempts: int
    progress: TaskProgressOut
    reason: str
    detail: str
    result: TaskResultOut | None
    enqueued_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None

    @staticmethod
    def resolve_id(obj) -> str:
        return str(obj.pk)

    @staticmethod
    def resolve_url(obj) -> str:
        return task_location(obj)

    @staticmethod
    def resolve_title(obj) -> str:
        return str(TaskKind(obj.kind).label) if obj.kind in TaskKind.values else obj.kind

    @staticmethod
    def resolve_status(obj) -> str:
        return obj.task.status

    @staticmethod
    def resolve_status_label(obj) -> str:
        return str(TaskState(obj.task.status).label)

    @staticmethod
    def resolve_attempts(obj) -> int:
        return len(obj.task.worker_ids)

    @staticmethod
    def resolve_progress(obj) -> dict:
        step = _(obj.progress_label) if obj.progress_label else ""
        return {"done": obj.progress_done, "total": obj.progress_total, "step": step}

    @staticmethod
    def resolve_result(obj) -> dict | None:
        if obj.task.status != TaskState.SUCCESSFUL or not obj.result_page:
            return None
        return {"page": obj.result_page, "api": obj.result_api}

    @staticmethod
    def resolve_enqueued_at(obj) -> dt.datetime:
        return obj.task.enqueued_at

    @staticmethod
    def resolve_started_at(obj) -> dt.datetime | None:
        return obj.task.started_at

    @staticmethod
    def resolve_finished_at(obj) -> dt.datetime | None:
        return obj.task.finished_at
