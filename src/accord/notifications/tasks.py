"""The daily digest as a periodic background job, run by the worker on its schedule."""

from django.tasks import task

from accord.jobs.services import task_work
from accord.notifications.services import digests_send


@task(takes_context=True)
def digest_task(context) -> int:
    """E-mail each user the day's notifications they keep for their digest."""
    with task_work(context) as work:
        return digests_send(actor=work.actor)
