"""A large file of flight logs imported by the worker: the page answers at once with the task,
the worker imports all or nothing as the person who asked, the import page shows what the task
wrote to whoever follows it, a bad row is refused on the task in words, who may not import is
refused at once with nothing queued, and the staged file is gone afterwards."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from accord.audit.models import AuditEntry
from accord.errors import PermissionDenied
from accord.fleet.models import FlightLog
from accord.fleet.tasks import STAGED, flight_log_import_submit
from accord.jobs import staging
from accord.jobs.models import TaskRecord
from tests.jobs import result_page, work_off

pytestmark = pytest.mark.django_db

PAGE = "/fleet/flight-logs/import/"


@pytest.fixture(autouse=True)
def _few_rows(settings):
    """Any file of more than 3 rows is sent to the worker."""
    settings.ACCORD_FLIGHT_LOG_BACKGROUND_ROWS = 3


def _csv(tail: str, *days: str, hours: str = "1.5") -> bytes:
    rows = "".join(f"{tail},{day},{hours},1,\n" for day in days)
    return ("tail_number,date,hours,landings,note\n" + rows).encode()


DAYS = ("2012-11-02", "2012-11-03", "2012-11-04", "2012-11-05")


def _upload(content: bytes, name: str = "log.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="text/csv")


def test_a_large_file_is_imported_by_the_worker_and_the_page_shows_what_it_wrote(
    client_as, new_aircraft
):
    plane = new_aircraft()
    officer = client_as("maintenance")
    answered = officer.post(PAGE, {"file": _upload(_csv(plane.tail_number, *DAYS))})
    assert answered.status_code == 302
    task_page = answered["Location"]
    assert task_page.startswith("/tasks/")
    assert not FlightLog.objects.filter(aircraft=plane).exists()  # not in the request
    assert "Import flight logs" in officer.get(task_page).content.decode()

    shown = officer.get(result_page(officer, task_page)).content.decode()
    assert "Imported 4 flight log entries." in shown
    assert f'href="/fleet/aircraft/{plane.tail_number}/"' in shown
    assert FlightLog.objects.filter(aircraft=plane).count() == 4
    record = TaskRecord.objects.get(pk=task_page.split("/")[2])
    assert (record.progress_done, record.progress_total) == (1, 1)
    assert record.subject == "log.csv"
    assert AuditEntry.objects.filter(action="flight_log.import_request", outcome="done").exists()
    # The entries are written as the maintenance officer, by the worker.
    imported = AuditEntry.objects.filter(
        action="flight_log.import", object_id=str(plane.pk), outcome="done"
    ).get()
    assert (imported.actor_name, imported.via) == ("maintenance", "worker")
    assert staging.staged_names(STAGED) == []
    # What the task wrote is the asker's (and the administrators') to read, nobody else's.
    assert client_as("auditor").get(f"{PAGE}?task={record.pk}").status_code in (403, 404)


def test_a_large_workbook_goes_to_the_worker_too(client_as, new_aircraft):
    plane = new_aircraft()
    book = Workbook()
    sheet = book.active
    sheet.append(["tail_number", "date", "hours", "landings"])
    for day in DAYS:
        sheet.append([plane.tail_number, day, 1.5, 1])
    data = io.BytesIO()
    book.save(data)
    officer = client_as("maintenance")
    answered = officer.post(PAGE, {"file": _upload(data.getvalue(), "log.xlsx")})
    assert answered["Location"].startswith("/tasks/")
    work_off()
    assert FlightLog.objects.filter(aircraft=plane).count() == 4


def test_a_small_file_is_still_imported_in_the_request(client_as, new_aircraft):
    plane = new_aircraft()
    answered = client_as("maintenance").post(
        PAGE, {"file": _upload(_csv(plane.tail_number, *DAYS[:3]))}
    )
    assert answered["Location"] == "/fleet/"
    assert FlightLog.objects.filter(aircraft=plane).count() == 3
    assert not TaskRecord.objects.filter(kind="flight_log_import").exists()


def test_a_bad_row_in_a_large_file_imports_nothing_and_the_task_says_why(client_as, new_aircraft):
    plane = new_aircraft()
    officer = client_as("maintenance")
    content = _csv(plane.tail_number, *DAYS) + f"{plane.tail_number},3 Nov,1,1,\n".encode()
    answered = officer.post(PAGE, {"file": _upload(content)})
    work_off()
    page = officer.get(answered["Location"]).content.decode()
    assert 'id="task-failure"' in page
    assert "line 6" in page
    assert "nothing was imported" in page
    assert not FlightLog.objects.filter(aircraft=plane).exists()
    assert AuditEntry.objects.filter(action="flight_log.import", outcome="refused").exists()
    assert staging.staged_names(STAGED) == []
    # A failed task's result is not shown on the import page.
    record = TaskRecord.objects.get(pk=answered["Location"].split("/")[2])
    assert officer.get(f"{PAGE}?task={record.pk}").status_code == 404


def test_who_may_not_import_is_refused_at_once_and_nothing_is_queued(
    client_as, persona, new_aircraft
):
    plane = new_aircraft()
    tasks = TaskRecord.objects.count()
    assert client_as("auditor").get(PAGE).status_code == 403
    assert (
        client_as("auditor").post(PAGE, {"file": _upload(_csv(plane.tail_number, *DAYS))})
    ).status_code == 403
    with pytest.raises(PermissionDenied):
        flight_log_import_submit(
            actor=persona("auditor"), content=_csv(plane.tail_number, *DAYS), filename="log.csv"
        )
    assert TaskRecord.objects.count() == tasks
    assert AuditEntry.objects.filter(
        action="flight_log.import_request", outcome="refused", error_code="permission_denied"
    ).exists()
    assert staging.staged_names(STAGED) == []
