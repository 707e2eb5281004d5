"""The task page: a task's progress followed by HTMX polling, then its result or why it failed."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accord.jobs import selectors
from accord.jobs.choices import FailureReason, TaskKind, TaskState
from accord.web.pages import record_or_404

FINISHED = {TaskState.SUCCESSFUL, TaskState.FAILED}


@login_required
@require_GET
def task_detail(request, task_id):
    record = record_or_404(selectors.task_get, actor=request.user, task_id=task_id)
    status = record.task.status
    context = {
        "record": record,
        "title": TaskKind(record.kind).label if record.kind in TaskKind.values else record.kind,
        "state": TaskState(status).label,
        "status": status,
        "finished": status in FINISHED,
        "step": _(record.progress_label) if record.progress_label else "",
        "reason": FailureReason(record.reason).label if record.reason else "",
        "attempts": len(record.task.worker_ids),
    }
    template = "jobs/task.html"
    if getattr(request, "htmx", False):
        template += "#status"
    return render(request, template, context)
