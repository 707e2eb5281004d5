"""A carrier's large CSV of status events in the background: the logistician's file is checked
as far as it can be at once (who asks) and kept (``shipment_events_import_enqueue``), and the
worker imports it (``shipment_events_import_task``), all or nothing, as the person who asked,
with the steps on the task's page. A file of up to ``ACCORD_SHIPMENT_EVENTS_BACKGROUND_ROWS``
rows is imported in the request (``shipment_events_import_submit`` decides).

The file waits in the storage the web and the worker share (``accord.jobs.staging``, under
``staged/shipment_events/``); it is removed once imported or refused.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import transaction
from django.tasks import task
from django.urls import reverse

from accord.audit.services import audit_record, audited_action, refusals_audited
from accord.errors import AccordError
from accord.jobs import staging
from accord.jobs.choices import TaskKind
from accord.jobs.services import task_enqueue, task_work
from accord.transit.shipments.events_import import (
    events_import_permitted,
    file_name,
    file_read,
    file_rows,
    shipment_events_import,
)

if TYPE_CHECKING:
    from accord.jobs.models import TaskRecord

STAGED = "shipment_events"


def shipment_events_import_submit(
    *, actor, text: str, filename: str = "events.csv"
) -> dict | TaskRecord:
    """Import the file at once when it is small, else queue it for the worker; returns what was
    imported (``events``, ``shipments``), or the task to follow."""
    if file_rows(text) <= settings.ACCORD_SHIPMENT_EVENTS_BACKGROUND_ROWS:
        return shipment_events_import(actor=actor, text=text, filename=filename)
    return shipment_events_import_enqueue(actor=actor, text=text, filename=filename)


@refusals_audited("shipment_event.import_request")
def shipment_events_import_enqueue(*, actor, text: str, filename: str = "events.csv") -> TaskRecord:
    """Ask for a carrier's CSV of events to be imported in the background. Refused at once (in
    words, audited) when the actor may not import events or the file is not CSV text with the
    columns and at most ``MAX_IMPORT_ROWS`` rows: what the rows say is checked by the worker,
    which refuses the whole file on one bad row.

    The file is read and kept with no transaction open (on SQLite one holds the only write lock
    from its start); the task is enqueued in one short transaction with its audit entry: both
    or neither."""
    events_import_permitted(actor)
    filename = file_name(filename)
    rows = len(file_read(text, filename))
    file = staging.stage(STAGED, filename, text.encode("utf-8", "surrogatepass"), extension="csv")
    try:
        with transaction.atomic():
            record = task_enqueue(
                actor=actor,
                task=shipment_events_import_task,
                kind=TaskKind.SHIPMENT_EVENTS_IMPORT,
                subject=filename,
                kwargs={"file": file},
            )
            audit_record(
                actor=actor,
                action=audited_action(),
                obj=record,
                changes={"file": [None, filename], "rows": [None, rows]},
            )
    except BaseException:
        staging.unstage(file)
        raise
    return record


@task(takes_context=True)
def shipment_events_import_task(context, *, file: dict) -> dict:
    """Import the file as the person who asked; returns what was imported (``events``,
    ``shipments``). A refusal (a bad row, a shipment changed meanwhile) is kept on the task in
    their words, and nothing is imported."""
    with task_work(context) as work:
        try:
            imported = shipment_events_import(
                actor=work.actor,
                text=staging.staged(file).decode("utf-8", "surrogatepass"),
                filename=file["name"],
                progress=work.progress,
            )
        except AccordError:
            staging.unstage(file)  # refused for good: another attempt would be too
            raise
        staging.unstage(file)
        work.result(page=reverse("transit:shipments"), api="/api/v1/transit/shipments")
        return imported
