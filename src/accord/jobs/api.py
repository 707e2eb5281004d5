"""The tasks API, mounted at /api/v1/tasks: follow the background work you asked for."""

import uuid

from ninja import Router
from ninja.pagination import paginate

from accord.jobs import selectors
from accord.jobs.schemas import BackgroundTaskOut
from accord.pagination import Pages

router = Router(tags=["tasks"])


@router.get("", response=list[BackgroundTaskOut])
@paginate(Pages)
def task_list(request):
    """Your tasks, newest first (every task, for an administrator)."""
    return selectors.task_list(actor=request.user)


@router.get("/{task_id}", response=BackgroundTaskOut)
def task_get(request, task_id: uuid.UUID):
    """One task: poll it until ``status`` is ``SUCCESSFUL`` or ``FAILED``."""
    return selectors.task_get(actor=request.user, task_id=task_id)
