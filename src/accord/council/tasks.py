"""The council's clock as periodic background jobs: the same services as ``accord council
close-due`` and ``accord council remind``, run by the worker on its schedule."""

from django.tasks import task

from accord.council.services import (
    consultations_close_due,
    consultations_remind,
    decisions_review_remind,
)
from accord.jobs.services import task_work


@task(takes_context=True)
def close_due_task(context) -> int:
    """Record the adoption of every text whose deadline passed unbroken."""
    with task_work(context) as work:
        return len(consultations_close_due(actor=work.actor))


@task(takes_context=True)
def remind_task(context) -> int:
    """E-mail the 24-hour reminders of deadlines and the reminders of decisions' review dates
    not sent yet."""
    with task_work(context) as work:
        return consultations_remind(actor=work.actor) + decisions_review_remind(actor=work.actor)
