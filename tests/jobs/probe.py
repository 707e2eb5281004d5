"""A task for the process tests: it records decisions in one transaction, says (by a file) that
it is inside it, and holds there while a second file exists, so a test can kill its worker in
the middle of the write. Run again without the hold file, it finishes."""

from datetime import date
from pathlib import Path
from time import sleep

from django.db import transaction
from django.tasks import task

from accord.council.models import Body
from accord.council.services import decision_record
from accord.jobs.services import task_work


@task(takes_context=True)
def decisions_then_hold(context, *, folder: str, count: int) -> list[str]:
    with task_work(context) as work, transaction.atomic():
        body = Body.objects.get(code="nrc")
        references = [
            decision_record(
                actor=work.actor,
                body=body,
                title=f"Probe {n}",
                text="x",
                adopted_on=date(2013, 6, 1),
            ).reference
            for n in range(count)
        ]
        Path(folder, "inside").touch()
        while Path(folder, "hold").exists():
            sleep(0.05)  # the task holds its transaction open until the test lets go
        return references
