"""Training's work in the background: the daily notices of certificates about to expire."""

from __future__ import annotations

from django.tasks import task

from accord.jobs.services import task_work
from accord.training.certificate_notices import certificate_expiry_notify


@task(takes_context=True)
def certificate_expiry_task(context) -> int:
    """Tell, once per lead, the readers of the certificates about to expire (a daily job)."""
    with task_work(context) as work:
        return certificate_expiry_notify(actor=work.actor)
