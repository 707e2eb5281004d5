"""The periodic jobs of background work itself and of the audit trail (which sits below this app
and cannot name it): removing old finished tasks, sealing, publishing checkpoints."""

from pathlib import Path

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from accord.audit.services import audit_checkpoint_publish, audit_seal_pending
from accord.jobs.services import task_work, tasks_prune


@task(takes_context=True)
def tasks_prune_task(context) -> int:
    with task_work(context):
        return tasks_prune()


@task(takes_context=True)
def audit_seal_task(context) -> int:
    """Chain what was written since the last seal. Each write also asks for a seal when it
    commits; this one catches what a busy or stopped sealer left."""
    with task_work(context):
        return audit_seal_pending()


@task(takes_context=True)
def audit_checkpoint_task(context) -> str:
    """Publish the chain's signed head to ``ACCORD_CHECKPOINT_URL``, or into a new file of
    ``ACCORD_CHECKPOINT_DIR`` (scheduled only when one of them is set)."""
    with task_work(context) as work:
        url = settings.ACCORD_CHECKPOINT_URL or None
        output = None
        if url is None:
            folder = Path(settings.ACCORD_CHECKPOINT_DIR)
            folder.mkdir(parents=True, exist_ok=True)
            output = str(folder / f"checkpoint-{timezone.now():%Y%m%dT%H%M%SZ}.json")
        row, _ = audit_checkpoint_publish(actor=work.actor, output=output, url=url)
        return row.destination
