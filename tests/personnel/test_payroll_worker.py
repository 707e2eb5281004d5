"""A large month's payroll imported by the worker: the page answers at once with the task, the
worker imports and reconciles all or nothing, the task's page shows the outcome (the month, or
the bad row in words), the staged files are gone, and both the request and the import are in
the audit trail."""

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from accord.audit.models import AuditEntry
from accord.jobs import staging
from accord.jobs.models import TaskRecord
from accord.personnel.models import PayrollMonth
from accord.personnel.tasks import STAGED
from tests.jobs import work_off
from tests.personnel.conftest import person_make, position_make, slot_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(kandak, hub_officers, settings):
    """A hub officer importing May 2016, with any month of more than 4 lines sent to the
    worker."""
    settings.ACCORD_PAYROLL_BACKGROUND_LINES = 4
    slot_make(person_make(number="P-1"), position_make(kandak, code="t-inf"), date(2016, 1, 1))
    client = Client()
    client.force_login(hub_officers[0])
    return client


def _import(client, *payroll_rows: str):
    payroll = "number,position,amount\n" + "".join(f"{row}\n" for row in payroll_rows)
    return client.post(
        "/personnel/payroll/import/",
        {
            "nation": "AFG",
            "month": "2016-05",
            "marking": "PUBLIC",
            "file": SimpleUploadedFile("may.csv", payroll.encode(), content_type="text/csv"),
            "roster": SimpleUploadedFile(
                "roster.csv", b"number,days_present\nP-1,25\n", content_type="text/csv"
            ),
        },
    )


def _staged_files() -> list:
    return staging.staged_names(STAGED)


def test_a_large_month_is_imported_by_the_worker(officer):
    ghosts = [f"GHOST-{n},t-inf,12000" for n in range(5)]
    answered = _import(officer, "P-1,t-inf,12000", *ghosts)
    assert answered.status_code == 302
    task_page = answered["Location"]
    assert task_page.startswith("/tasks/")
    assert not PayrollMonth.objects.filter(month=date(2016, 5, 1)).exists()  # not in the request
    assert "Import and reconcile a month" in officer.get(task_page).content.decode()
    work_off()
    page = officer.get(task_page).content.decode()
    month = PayrollMonth.objects.get(month=date(2016, 5, 1))
    assert f'href="/personnel/payroll/{month.pk}/"' in page
    assert (month.lines, month.flagged) == (6, 5)
    record = TaskRecord.objects.get(pk=task_page.split("/")[2])
    assert (record.progress_done, record.progress_total) == (2, 2)
    assert AuditEntry.objects.filter(action="payroll.import_request", outcome="done").exists()
    assert AuditEntry.objects.filter(action="payroll.import", object_id=str(month.pk)).exists()
    assert _staged_files() == []


def test_a_bad_row_refuses_the_whole_background_import_in_words(officer):
    answered = _import(officer, "P-1,t-inf,12000", "P-2,nowhere,12000", *["P-1,t-inf,1"] * 4)
    work_off()
    page = officer.get(answered["Location"]).content.decode()
    assert 'id="task-failure"' in page
    assert "may.csv line 3" in page
    assert "nothing was imported" in page
    assert not PayrollMonth.objects.filter(month=date(2016, 5, 1)).exists()
    assert AuditEntry.objects.filter(action="payroll.import", outcome="refused").exists()
    assert _staged_files() == []
