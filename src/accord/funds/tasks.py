"""Large files of the funds imported by the worker: IATI files, Accord's own (``iati_import_*``)
and other publishers' activities (``external_import_*``), the ECB's rates (``rates_import_*``)
and bank statements (``bank_import_*``).

The request checks what it can at once (who asks, the file's size) and keeps the file; the
worker imports it all or nothing, as the person who asked. Files of up to the import's
``ACCORD_*_BACKGROUND_BYTES`` are imported in the request (the ``*_submit`` functions decide).

The file waits in the storage the web and the worker share (``accord.jobs.staging``, under
``staged/funds/``) and is removed once imported or refused. What the import kept (funds and
transactions, activities created and updated, rates, a statement's lines and matches) is the
task's return value, which the import page shows to whoever follows the task (``?task=``).
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.tasks import task
from django.urls import reverse
from django.utils.translation import gettext_noop

from accord.audit.services import audit_record, audited, audited_action
from accord.errors import AccordError
from accord.funds import selectors, services
from accord.jobs import staging
from accord.jobs.choices import TaskKind
from accord.jobs.services import task_enqueue, task_work

if TYPE_CHECKING:
    from accord.jobs.models import TaskRecord

STAGED = "funds"


def _large(data: bytes, setting: str = "ACCORD_IATI_BACKGROUND_BYTES") -> bool:
    return len(data) > getattr(settings, setting)


def _enqueue(
    *, actor, task, kind: str, data: bytes, filename: str, kwargs: dict, extension: str = "xml"
) -> TaskRecord:
    """Keep the file and queue its import, in the audited service's transaction (the request
    and its task commit together); the file is removed again if queueing fails."""
    file = staging.stage(STAGED, filename or f"file.{extension}", data, extension=extension)
    try:
        record = task_enqueue(
            actor=actor, task=task, kind=kind, subject=file["name"], kwargs={"file": file, **kwargs}
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


def _import_staged(work, file: dict, run) -> dict:
    """Run an import over the staged file as the asker: the file is removed once imported, or
    refused for good (another attempt would be refused too); the import page shows the result."""
    # One step: the import is one transaction, inside which a finer progress would be seen
    # only once it is over.
    work.progress(0, 1, gettext_noop("checking the file and importing it"))
    try:
        result = run(staging.staged(file))
    except AccordError:
        staging.unstage(file)
        raise
    staging.unstage(file)
    work.progress(1, 1, gettext_noop("imported"))
    # The queue keeps a task's return value as JSON: days as ISO text (``days_read`` reads them).
    return {key: _json_day(value) for key, value in result.items()}


def _json_day(value):
    return value.isoformat() if isinstance(value, date) else value


def days_read(result: dict) -> dict:
    """A task's return value with its days (``first_day``, ``last_day``) read back as days."""
    return {
        key: date.fromisoformat(value) if key.endswith("_day") and isinstance(value, str) else value
        for key, value in result.items()
    }


# --- Accord's own funds ----------------------------------------------------------------------


def iati_import_submit(*, actor, data: bytes, filename: str = "") -> dict | TaskRecord:
    """Import the file at once when it is small, else queue it for the worker; returns what was
    imported, or the task to follow."""
    if not _large(data):
        return services.iati_import(actor=actor, data=data)
    return iati_import_enqueue(actor=actor, data=data, filename=filename)


@audited("iati.import_request")
def iati_import_enqueue(*, actor, data: bytes, filename: str = "") -> TaskRecord:
    """Ask for an IATI file to be imported in the background. Refused at once (in words,
    audited) when the actor may not import or the file is larger than Accord accepts; the file's
    content is checked by the worker, which refuses the whole file on one fault."""
    services.iati_import_checked(actor=actor, data=data)
    return _enqueue(
        actor=actor,
        task=iati_import_task,
        kind=TaskKind.IATI_IMPORT,
        data=data,
        filename=filename,
        kwargs={},
    )


@task(takes_context=True)
def iati_import_task(context, *, file: dict) -> dict:
    """Import the file as the person who asked; returns the funds, the transactions and the
    ruleset's findings. A refusal (the schema, a codelist, what the ledger cannot hold) is kept
    on the task in their words, and nothing of the file is imported."""
    with task_work(context) as work:
        result = _import_staged(
            work, file, lambda data: services.iati_import(actor=work.actor, data=data)
        )
        work.result(page=f"{reverse('funds:iati-import')}?task={work.record.pk}")
        return result


# --- other publishers' activities ------------------------------------------------------------


def external_import_submit(
    *, actor, data: bytes, filename: str = "", marking: str | None = None
) -> dict | TaskRecord:
    """Keep the activities at once when the file is small, else queue it for the worker."""
    if not _large(data):
        return services.external_activities_import(actor=actor, data=data, marking=marking)
    return external_import_enqueue(actor=actor, data=data, filename=filename, marking=marking)


@audited("external_activity.import_request")
def external_import_enqueue(
    *, actor, data: bytes, filename: str = "", marking: str | None = None
) -> TaskRecord:
    """Ask for another publisher's IATI file to be kept in the background; refused at once as
    ``iati_import_enqueue`` is."""
    services.external_import_checked(actor=actor, data=data)
    return _enqueue(
        actor=actor,
        task=external_import_task,
        kind=TaskKind.EXTERNAL_ACTIVITIES_IMPORT,
        data=data,
        filename=filename,
        kwargs={"marking": marking},
    )


@task(takes_context=True)
def external_import_task(context, *, file: dict, marking: str | None = None) -> dict:
    """Keep the file's activities as the person who asked; returns those created and updated
    and the ruleset's findings."""
    with task_work(context) as work:
        result = _import_staged(
            work,
            file,
            lambda data: services.external_activities_import(
                actor=work.actor, data=data, marking=marking
            ),
        )
        work.result(page=f"{reverse('funds:external-import')}?task={work.record.pk}")
        return result


# --- the ECB's rates -------------------------------------------------------------------------


def rates_import_submit(*, actor, data: bytes, filename: str = "") -> dict | TaskRecord:
    """Keep the rates at once when the file is small (the day's), else queue it (the history)."""
    if not _large(data, "ACCORD_RATES_BACKGROUND_BYTES"):
        return services.exchange_rates_import(actor=actor, data=data)
    return rates_import_enqueue(actor=actor, data=data, filename=filename)


@audited("exchange_rate.import_request")
def rates_import_enqueue(*, actor, data: bytes, filename: str = "") -> TaskRecord:
    """Ask for an ECB rates file to be kept in the background; refused at once for who may not
    keep rates and for the file's size."""
    services.exchange_rates_import_checked(actor=actor, data=data)
    return _enqueue(
        actor=actor,
        task=rates_import_task,
        kind=TaskKind.RATES_IMPORT,
        data=data,
        filename=filename,
        kwargs={},
        extension="csv",
    )


@task(takes_context=True)
def rates_import_task(context, *, file: dict) -> dict:
    """Keep the file's rates as the person who asked; returns what was kept and left out."""
    with task_work(context) as work:
        result = _import_staged(
            work, file, lambda data: services.exchange_rates_import(actor=work.actor, data=data)
        )
        work.result(page=f"{reverse('funds:rates-import')}?task={work.record.pk}")
        return result


# --- bank statements -------------------------------------------------------------------------


def bank_import_submit(*, actor, fund, data: bytes, filename: str = "") -> dict | TaskRecord:
    """Import and match the statement at once when it is small, else queue it."""
    if not _large(data, "ACCORD_BANK_STATEMENT_BACKGROUND_BYTES"):
        return services.bank_statement_import(actor=actor, fund=fund, data=data, filename=filename)
    return bank_import_enqueue(actor=actor, fund=fund, data=data, filename=filename)


@audited("bank_statement.import_request")
def bank_import_enqueue(*, actor, fund, data: bytes, filename: str = "") -> TaskRecord:
    """Ask for a bank statement of the fund's account to be imported and matched in the
    background; refused at once for who may not change the fund and for the file's size."""
    services.bank_statement_import_checked(actor=actor, fund=fund, data=data)
    return _enqueue(
        actor=actor,
        task=bank_import_task,
        kind=TaskKind.BANK_STATEMENT_IMPORT,
        data=data,
        filename=filename,
        kwargs={"fund": fund.code},
        extension="txt",
    )


@task(takes_context=True)
def bank_import_task(context, *, file: dict, fund: str) -> dict:
    """Import the statement as the person who asked and match its lines; returns the
    statement's summary."""
    with task_work(context) as work:
        record = selectors.fund_get(actor=work.actor, code=fund)
        result = _import_staged(
            work,
            file,
            lambda data: services.bank_statement_import(
                actor=work.actor, fund=record, data=data, filename=file["name"]
            ),
        )
        work.result(page=f"{reverse('funds:bank-import', args=[fund])}?task={work.record.pk}")
        return result
