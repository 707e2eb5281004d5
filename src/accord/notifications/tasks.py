"""The notifications' periodic background jobs, run by the worker on its schedule: the outbox
and the daily digest."""

from django.tasks import task

from accord.jobs.services import task_work
from accord.notifications.services import digests_send, outbox_send


@task(takes_context=True)
def digest_task(context) -> int:
    """E-mail each user the day's notifications they keep for their digest."""
    with task_work(context) as work:
        return digests_send(actor=work.actor)


@task(takes_context=True)
def outbox_task(context) -> int:
    """E-mail each user, in one message, the notices waiting in the outbox."""
    with task_work(context) as work:
        return outbox_send(actor=work.actor)
