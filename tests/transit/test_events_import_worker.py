"""A carrier's large CSV of status events imported by the worker: the page and the API answer at
once with the task, the worker imports all or nothing as the person who asked, the task's page
shows the outcome (the shipments, or the bad line in words, in the asker's language), the staged
file is gone, and the request and the import are in the audit trail. Who may not import is
refused at once, in the request, with nothing queued. A small file is imported in the request as
before."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accord.audit.models import AuditEntry
from accord.jobs import staging
from accord.jobs.models import TaskRecord
from accord.transit.models import Shipment, ShipmentEvent
from accord.transit.shipments.tasks import STAGED
from tests.jobs import work_off

pytestmark = pytest.mark.django_db

PAGE = "/transit/shipments/import/"
API = "/api/v1/transit/shipments/events/import"
HEADER = "shipment,event,at,node,delay_days,note\n"
ROWS = (
    "ndn-2013-0001,departed,2013-06-03T08:00:00Z,riga,0,\n"
    "ndn-2013-0001,at_border,2013-06-11T06:00:00Z,saryagash,0,\n"
    "air-2013-0002,arrived,2013-06-05T20:00:00Z,kabul,0,\n"
)
BAD_ROW = "ndn-2013-0001,teleported,2013-06-04T08:00:00Z,,0,\n"


@pytest.fixture(autouse=True)
def _small_threshold(settings):
    """Any file of more than two rows goes to the worker."""
    settings.ACCORD_SHIPMENT_EVENTS_BACKGROUND_ROWS = 2


def _upload(client, text: str, **headers):
    upload = SimpleUploadedFile("carrier.csv", text.encode(), content_type="text/csv")
    return client.post(PAGE, {"file": upload}, **headers)


@pytest.fixture
def staged():
    """``staged()``: the files kept for the worker since the test began (the tests' storage
    outlives a run)."""
    before = set(staging.staged_names(STAGED))
    return lambda: sorted(set(staging.staged_names(STAGED)) - before)


def test_a_large_file_through_the_page_is_imported_by_the_worker(client_as, staged):
    client = client_as("logistician")
    answered = _upload(client, HEADER + ROWS)
    assert answered.status_code == 302
    task_page = answered["Location"]
    assert task_page.startswith("/tasks/")
    assert not ShipmentEvent.objects.exists()  # not in the request
    waiting = client.get(task_page).content.decode()
    assert "Import a carrier&#x27;s status events" in waiting
    assert "imported in the background" in waiting  # the message said so
    assert len(staged()) == 1
    work_off()
    page = client.get(task_page).content.decode()
    assert 'id="task-result" href="/transit/shipments/"' in page
    assert ShipmentEvent.objects.count() == 3
    assert Shipment.objects.get(reference="ndn-2013-0001").status == "at_border"
    assert Shipment.objects.get(reference="air-2013-0002").status == "arrived"
    record = TaskRecord.objects.get(pk=task_page.split("/")[2])
    assert record.kind == "shipment_events_import"
    assert record.subject == "carrier.csv"
    assert (record.progress_done, record.progress_total) == (2, 2)
    assert AuditEntry.objects.filter(
        action="shipment_event.import_request", outcome="done"
    ).exists()
    imported = AuditEntry.objects.get(action="shipment_event.import", outcome="done")
    assert imported.via == "worker"
    assert staged() == []


def test_a_bad_row_refuses_the_whole_background_import_in_words(client_as, refusals, staged):
    client = client_as("logistician")
    answered = _upload(client, HEADER + ROWS + BAD_ROW)
    assert answered.status_code == 302
    work_off()
    page = client.get(answered["Location"]).content.decode()
    assert 'id="task-failure"' in page
    assert "carrier.csv: 1 bad row, nothing imported; line 5:" in page
    assert "teleported" in page
    assert not ShipmentEvent.objects.exists()
    assert Shipment.objects.get(reference="ndn-2013-0001").status != "at_border"
    assert refusals("shipment_event.import") == 1
    assert staged() == []


def test_the_refusal_is_kept_in_the_askers_language(client_as):
    client = client_as("logistician")
    answered = client.post(
        API,
        {"csv": HEADER + ROWS + BAD_ROW},
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE="ru",
    )
    assert answered.status_code == 202
    work_off()
    task = client.get(answered["Location"], HTTP_ACCEPT_LANGUAGE="en").json()
    assert task["status"] == "FAILED"
    assert task["reason"] == "refused"
    assert "ничего не импортировано" in task["detail"]
    assert "line 5" in task["detail"]
    assert not ShipmentEvent.objects.exists()


def test_the_api_answers_202_with_the_task_for_a_large_file(client_as, staged):
    client = client_as("logistician")
    answered = client.post(API, {"csv": HEADER + ROWS}, content_type="application/json")
    assert answered.status_code == 202
    body = answered.json()
    assert answered["Location"] == f"/api/v1/tasks/{body['id']}" == body["url"]
    assert body["kind"] == "shipment_events_import"
    assert body["status"] == "READY"
    assert not ShipmentEvent.objects.exists()
    work_off()
    task = client.get(answered["Location"]).json()
    assert task["status"] == "SUCCESSFUL"
    assert task["result"] == {"page": "/transit/shipments/", "api": "/api/v1/transit/shipments"}
    assert ShipmentEvent.objects.count() == 3
    assert staged() == []


def test_a_small_file_is_still_imported_in_the_request(client_as, staged):
    client = client_as("logistician")
    tasks = TaskRecord.objects.count()
    first, others = ROWS.split("\n", 1)
    answered = client.post(API, {"csv": HEADER + first + "\n"}, content_type="application/json")
    assert answered.status_code == 200
    assert answered.json() == {"events": 1, "shipments": 1}
    assert "Location" not in answered
    assert TaskRecord.objects.count() == tasks
    page = _upload(client, HEADER + others)
    assert page.status_code == 200
    assert "Imported 2 events" in page.content.decode()
    assert "A file of more than 2 rows is imported in the background" in page.content.decode()
    assert ShipmentEvent.objects.count() == 3
    assert TaskRecord.objects.count() == tasks
    assert staged() == []


def test_the_schema_declares_both_answers(client_as):
    schema = client_as("logistician").get("/api/v1/openapi.json").json()
    answers = schema["paths"][API]["post"]["responses"]
    assert {"200", "202"} <= set(answers)


@pytest.mark.parametrize("through", ["page", "api"])
def test_who_may_not_import_is_refused_at_once_and_nothing_is_queued(
    client_as, refusals, through, staged
):
    client = client_as("hub-staff")
    tasks = TaskRecord.objects.count()
    before = refusals("shipment_event.import") + refusals("shipment_event.import_request")
    if through == "page":
        answered = _upload(client, HEADER + ROWS)
    else:
        answered = client.post(API, {"csv": HEADER + ROWS}, content_type="application/json")
    assert answered.status_code == 403
    assert "Only logisticians import carrier status events." in answered.content.decode()
    after = refusals("shipment_event.import") + refusals("shipment_event.import_request")
    assert after == before + 1
    assert TaskRecord.objects.count() == tasks
    assert staged() == []
    assert not ShipmentEvent.objects.exists()


def test_a_large_file_that_is_not_the_carriers_csv_is_refused_at_once(client_as, refusals, staged):
    client = client_as("logistician")
    tasks = TaskRecord.objects.count()
    answered = _upload(client, "shipment,when\n" + "ndn-2013-0001,2013-06-03\n" * 3)
    assert answered.status_code == 200
    assert "carrier.csv, line 1: the header lacks event, at" in answered.content.decode()
    assert TaskRecord.objects.count() == tasks
    assert refusals("shipment_event.import_request") == 1
    assert staged() == []
