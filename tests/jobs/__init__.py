"""Tests of background work. ``work_off()`` runs the queue in this process, as ``accord worker
--batch`` does: the SQLite pass keeps its database in memory, where no other process sees it."""

from io import StringIO

from django.core.management import call_command


def work_off() -> str:
    """Run every queued task here and now, then return what the worker said."""
    out = StringIO()
    call_command("worker", "--batch", "--interval", "0", stdout=out)
    return out.getvalue()


def result_page(client, task_page: str) -> str:
    """Work the queue off, then follow the task's page to its result's address."""
    work_off()
    page = client.get(task_page).content.decode()
    marker = 'id="task-result" href="'
    assert marker in page, page
    return page.split(marker, 1)[1].split('"', 1)[0]
