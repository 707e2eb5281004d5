"""A large IATI file imported by the worker: the request checks what it can at once (who asks,
the file's size) and keeps the file (``iati_import_enqueue``); the worker imports it all or
nothing, as the person who asked (``iati_import_task``). Files of up to
``ACCORD_IATI_BACKGROUND_BYTES`` are imported in the request (``iati_import_submit`` decides).

The file waits in the storage the web and the worker share (``accord.jobs.staging``, under
``staged/iati/``) and is removed once imported or refused. What the import kept (the funds, the
number of transactions, the IATI ruleset's findings) is the task's return value, which the import
page shows to whoever follows the task.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.tasks import task
from django.urls import reverse
from django.utils.translation import gettext_noop

from accord.audit.services import audit_record, audited, audited_action
from accord.errors import AccordError
from accord.funds import services
from accord.jobs import staging
from accord.jobs.choices import TaskKind
from accord.jobs.services import task_enqueue, task_work

if TYPE_CHECKING:
    from accord.jobs.models import TaskRecord

STAGED = "iati"


def iati_import_submit(*, actor, data: bytes, filename: str = "") -> dict | TaskRecord:
    """Import the file at once when it is small, else queue it for the worker; returns what was
    imported, or the task to follow."""
    if len(data) <= settings.ACCORD_IATI_BACKGROUND_BYTES:
        return services.iati_import(actor=actor, data=data)
    return iati_import_enqueue(actor=actor, data=data, filename=filename)


@audited("iati.import_request")
def iati_import_enqueue(*, actor, data: bytes, filename: str = "") -> TaskRecord:
    """Ask for an IATI file to be imported in the background. Refused at once (in words,
    audited) when the actor may not import or the file is larger than Accord accepts; the file's
    content is checked by the worker, which refuses the whole file on one fault."""
    services.iati_import_checked(actor=actor, data=data)
    name = filename or "activities.xml"
    file = staging.stage(STAGED, name, data, extension="xml")
    try:
        record = task_enqueue(
            actor=actor,
            task=iati_import_task,
            kind=TaskKind.IATI_IMPORT,
            subject=file["name"],
            kwargs={"file": file},
        )
        audit_record(
            actor=actor,
            action=audited_action(),
            obj=record,
            changes={"file": [None, file["name"]], "bytes": [None, len(data)]},
        )
    except BaseException:
        staging.unstage(file)
        raise
    return record


@task(takes_context=True)
def iati_import_task(context, *, file: dict) -> dict:
    """Import the file as the person who asked; returns what was imported (the import page shows
    it). A refusal (the schema, a codelist, what the ledger cannot hold) is kept on the task in
    their words, and nothing of the file is imported."""
    with task_work(context) as work:
        # One step: the import is one transaction, inside which a finer progress would be seen
        # only once it is over.
        work.progress(0, 1, gettext_noop("checking the file and posting its transactions"))
        try:
            result = services.iati_import(actor=work.actor, data=staging.staged(file))
        except AccordError:
            staging.unstage(file)  # refused for good: another attempt would be too
            raise
        staging.unstage(file)
        work.progress(1, 1, gettext_noop("imported"))
        work.result(page=f"{reverse('funds:iati-import')}?task={work.record.pk}")
        return result
