"""A large month's payroll in the background: the personnel officer's files are checked as far
as they can be at once and kept (``payroll_import_enqueue``), and the worker imports and
reconciles them (``payroll_import_task``), all or nothing, as the person who asked, with the
steps on the task's page. Files of up to ``ACCORD_PAYROLL_BACKGROUND_LINES`` lines together are
imported in the request (``payroll_import_submit`` decides).

The files wait in the storage the web and the worker share (``accord.jobs.staging``, under
``staged/payroll/``); they are removed once imported or refused.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.conf import settings
from django.tasks import task
from django.urls import reverse

from accord.audit.services import audit_record, audited, audited_action
from accord.core import selectors as core_selectors
from accord.errors import AccordError
from accord.jobs import staging
from accord.jobs.choices import TaskKind
from accord.jobs.services import task_enqueue, task_work
from accord.markings import Marking
from accord.personnel import imports
from accord.personnel.imports import Upload

if TYPE_CHECKING:
    from accord.jobs.models import TaskRecord
    from accord.personnel.models import PayrollMonth

STAGED = "payroll"


def _stage(upload: Upload) -> dict:
    extension = "xlsx" if upload.name.lower().endswith(".xlsx") else "csv"
    return staging.stage(STAGED, upload.name, upload.content, extension=extension)


def _staged(file: dict) -> Upload:
    return Upload(file["name"], staging.staged(file))


def payroll_import_submit(
    *, actor, nation, month: date, payroll: Upload, roster: Upload, marking: str = Marking.PUBLIC
) -> PayrollMonth | TaskRecord:
    """Import the month at once when its two files are small, else queue it for the worker;
    returns the month imported, or the task to follow."""
    lines = imports.file_lines(payroll) + imports.file_lines(roster)
    if lines <= settings.ACCORD_PAYROLL_BACKGROUND_LINES:
        return imports.payroll_import(
            actor=actor, nation=nation, month=month, payroll=payroll, roster=roster, marking=marking
        )
    return payroll_import_enqueue(
        actor=actor, nation=nation, month=month, payroll=payroll, roster=roster, marking=marking
    )


@audited("payroll.import_request")
def payroll_import_enqueue(
    *, actor, nation, month: date, payroll: Upload, roster: Upload, marking: str = Marking.PUBLIC
) -> TaskRecord:
    """Ask for a month's payroll and roster to be imported in the background. Refused at once
    (in words, audited) when the actor may not import it or the month cannot be: the rows
    themselves are checked by the worker, which refuses the whole import on one bad row."""
    month, _fiscal_year = imports.month_checked(
        actor=actor, nation=nation, month=month, marking=marking
    )
    files = [_stage(payroll), _stage(roster)]
    try:
        record = task_enqueue(
            actor=actor,
            task=payroll_import_task,
            kind=TaskKind.PAYROLL_IMPORT,
            subject=f"{nation.iso3} {month:%Y-%m}",
            kwargs={
                "nation": nation.iso3,
                "month": month.isoformat(),
                "marking": marking,
                "payroll": files[0],
                "roster": files[1],
            },
        )
        audit_record(
            actor=actor,
            action=audited_action(),
            obj=record,
            changes={
                "nation": [None, nation.iso3],
                "month": [None, f"{month:%Y-%m}"],
                "files": [None, f"{payroll.name}, {roster.name}"],
            },
        )
    except BaseException:
        staging.unstage(*files)
        raise
    return record


@task(takes_context=True)
def payroll_import_task(
    context, *, nation: str, month: str, marking: str, payroll: dict, roster: dict
) -> int:
    """Import and reconcile the month as the person who asked; returns the month's id. A
    refusal (a bad row, the month imported meanwhile) is kept on the task in their words."""
    with task_work(context) as work:
        try:
            record = imports.payroll_import(
                actor=work.actor,
                nation=core_selectors.nation_get(actor=work.actor, iso3=nation),
                month=date.fromisoformat(month),
                payroll=_staged(payroll),
                roster=_staged(roster),
                marking=marking,
                progress=work.progress,
            )
        except AccordError:
            staging.unstage(payroll, roster)  # refused for good: another attempt would be too
            raise
        staging.unstage(payroll, roster)
        work.result(
            page=reverse("personnel:month-detail", args=[record.pk]),
            api=f"/api/v1/personnel/payroll/{record.pk}",
        )
        return record.pk
