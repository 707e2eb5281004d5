"""A large release of conflict events imported by the worker: the page and the API answer at once
with the task, the worker imports all or nothing as the person who asked, the task's result is the
release's page, a bad row is refused on the task in words, who may not import (and a release
imported already) is refused at once with nothing queued, and the staged file is gone
afterwards."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accord.audit.models import AuditEntry
from accord.jobs import staging
from accord.jobs.models import TaskRecord
from accord.situation.models import ConflictEvent, EventRelease
from accord.situation.tasks import STAGED
from tests.jobs import result_page, work_off
from tests.situation.conftest import csv_bytes

pytestmark = pytest.mark.django_db

PAGE = "/situation/releases/import/"
API = "/api/v1/situation/releases"


@pytest.fixture(autouse=True)
def _few_rows(settings):
    """Any release of more than 100 rows (the sample has 135) is sent to the worker."""
    settings.ACCORD_EVENT_RELEASE_BACKGROUND_ROWS = 100


def _form(content: bytes, name: str = "23.1") -> dict:
    upload = SimpleUploadedFile("ged.csv", content, content_type="text/csv")
    return {"file": upload, "source": "ucdp_ged", "name": name, "marking": "PUBLIC"}


def test_a_large_release_is_imported_by_the_worker_and_the_task_leads_to_it(client_as, ged_sample):
    analyst = client_as("hub-staff")
    answered = analyst.post(PAGE, _form(ged_sample))
    assert answered.status_code == 302
    task_page = answered["Location"]
    assert task_page.startswith("/tasks/")
    assert not EventRelease.objects.filter(name="23.1").exists()  # not in the request
    assert "Import a release of conflict events" in analyst.get(task_page).content.decode()

    release_page = result_page(analyst, task_page)
    release = EventRelease.objects.get(name="23.1", source="ucdp_ged", dataset="PUBLIC")
    assert release_page == f"/situation/releases/{release.pk}/"
    assert (release.rows, release.added) == (135, 135)
    assert analyst.get(release_page).status_code == 200
    record = TaskRecord.objects.get(pk=task_page.split("/")[2])
    assert (record.progress_done, record.progress_total) == (1, 1)
    assert record.task.return_value == release.pk
    assert AuditEntry.objects.filter(action="event_release.import_request", outcome="done").exists()
    # The release is written as the analyst, by the worker.
    imported = AuditEntry.objects.get(action="event_release.import", object_id=str(release.pk))
    assert (imported.actor_name, imported.via) == ("hub-staff", "worker")
    assert staging.staged_names(STAGED) == []


def test_a_bad_row_in_a_large_release_imports_nothing_and_the_task_says_why(client_as, ged_rows):
    header, rows = ged_rows
    rows[2]["latitude"] = "north"
    analyst = client_as("hub-staff")
    events = ConflictEvent.objects.count()
    answered = analyst.post(PAGE, _form(csv_bytes(header, rows)))
    work_off()
    page = analyst.get(answered["Location"]).content.decode()
    assert 'id="task-failure"' in page
    assert "line 4" in page
    assert ConflictEvent.objects.count() == events
    assert not EventRelease.objects.filter(name="23.1").exists()
    assert AuditEntry.objects.filter(action="event_release.import", outcome="refused").exists()
    assert staging.staged_names(STAGED) == []


def test_the_api_answers_202_with_the_task_for_a_large_release(client_as, ged_sample):
    analyst = client_as("hub-staff")
    answered = analyst.post(API, _form(ged_sample))
    assert answered.status_code == 202, answered.content
    task = answered.json()
    assert answered["Location"] == task["url"] == f"/api/v1/tasks/{task['id']}"
    assert (task["kind"], task["status"]) == ("event_release_import", "READY")
    work_off()
    done = analyst.get(answered["Location"]).json()
    assert done["status"] == "SUCCESSFUL"
    release = EventRelease.objects.get(name="23.1", source="ucdp_ged", dataset="PUBLIC")
    assert done["result"]["page"] == f"/situation/releases/{release.pk}/"
    assert done["result"]["api"] == f"/api/v1/situation/releases/{release.pk}"

    # The same file again is refused at once, in the request, with nothing queued.
    tasks = TaskRecord.objects.count()
    again = analyst.post(API, _form(ged_sample, name="23.2"))
    assert again.status_code == 409
    assert again.json()["code"] == "release_already_imported"
    assert TaskRecord.objects.count() == tasks
    assert staging.staged_names(STAGED) == []


def test_who_may_not_import_is_refused_at_once_and_nothing_is_queued(client_as, ged_sample):
    tasks = TaskRecord.objects.count()
    answered = client_as("auditor").post(API, _form(ged_sample))
    assert answered.status_code == 403
    assert client_as("auditor").get(PAGE).status_code == 403
    assert TaskRecord.objects.count() == tasks
    assert AuditEntry.objects.filter(
        action="event_release.import_request", outcome="refused", error_code="permission_denied"
    ).exists()
    assert staging.staged_names(STAGED) == []
