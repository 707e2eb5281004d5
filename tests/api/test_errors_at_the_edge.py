"""Bad input and failures at the API's edge answer problem+json, never HTML and never a bare 500.

A body over the upload limit answers 413 with the limit in megabytes; an unexpected error answers
500 with an error id to quote (and the same id in the log), and nothing of the exception itself.
"""

import json
import logging

import pytest
from django.conf import settings
from django.test import Client

from accord.audit.models import AuditEntry
from accord.council.models import LegalBasis
from accord.transit.models import ShipmentEvent

pytestmark = pytest.mark.django_db

IMPORT = "/api/v1/transit/shipments/events/import"


def _too_large_body() -> str:
    csv = "reference,kind,at\n" + "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)
    return json.dumps({"csv": csv, "filename": "events.csv"})


def _problem(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status
    assert body["code"] == code
    return body


@pytest.mark.parametrize("debug", [False, True], ids=["production", "debug"])
def test_a_body_over_the_limit_answers_413_and_stores_nothing(settings, token_for, debug):
    settings.DEBUG = debug
    token = token_for("logistician")
    events, entries = ShipmentEvent.objects.count(), AuditEntry.objects.count()
    response = Client().post(
        IMPORT,
        _too_large_body(),
        content_type="application/json",
        headers={"Authorization": f"Bearer {token}"},
    )
    body = _problem(response, 413, "body_too_large")
    assert "2.5 MB" in body["detail"]
    assert "split" in body["detail"]
    assert ShipmentEvent.objects.count() == events
    assert AuditEntry.objects.count() == entries


def test_a_form_encoded_body_over_the_limit_answers_413_too(settings, token_for):
    settings.DEBUG = False
    response = Client().post(
        IMPORT,
        {"csv": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)},
        headers={"Authorization": f"Bearer {token_for('logistician')}"},
    )
    _problem(response, 413, "body_too_large")


@pytest.mark.urls("tests.api.urls_failing")
def test_a_body_refused_before_any_operation_runs_answers_413_problem_json(settings):
    """Django refuses an oversized form body wherever it is first read (a middleware, a plain
    view): its 400 handler answers 413 problem+json under /api/."""
    settings.DEBUG = False
    body = {"field": "x" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 10)}
    response = Client().post("/api/v1/test-only/form", body)
    assert "2.5 MB" in _problem(response, 413, "body_too_large")["detail"]
    assert Client().post("/api/v1/test-only/form", {"field": "small"}).content == b"1"


def test_the_schema_states_the_real_body_limit(client):
    schema = client.get("/api/v1/openapi.json").json()
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    assert f"{limit:,} bytes" in schema["info"]["description"]
    csv = schema["components"]["schemas"]["ImportIn"]["properties"]["csv"]
    assert csv["maxLength"] == limit
    assert "2.5 MB" in csv["description"]
    # No string in any request schema advertises more than the server accepts.
    too_long = [
        (name, prop)
        for name, item in schema["components"]["schemas"].items()
        for prop, spec in item.get("properties", {}).items()
        if spec.get("maxLength", 0) > limit
    ]
    assert too_long == []


def _error_id_logged(caplog, error_id: str) -> logging.LogRecord:
    records = [r for r in caplog.records if error_id in r.getMessage()]
    assert records, "the error id is in the log"
    assert records[0].exc_info is not None, "the log keeps the traceback"
    return records[0]


def test_an_unexpected_error_in_an_operation_answers_problem_json_with_an_error_id(
    settings, caplog
):
    """A row written behind Accord's back (a list field holding a number) makes the operation
    fail while it builds its answer: a real unexpected error, not a staged one."""
    settings.DEBUG = False
    basis = LegalBasis.objects.filter(marking="PUBLIC").first()
    LegalBasis.objects.filter(pk=basis.pk).update(territories=12345)
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR, logger="accord.api"):
        response = client.get(f"/api/v1/council/legal-bases/{basis.code}")
    body = _problem(response, 500, "internal_error")
    assert body["error_id"] in body["detail"]
    assert "administrators" in body["detail"]
    assert "territories" not in response.content.decode()
    assert "Traceback" not in response.content.decode()
    record = _error_id_logged(caplog, body["error_id"])
    assert f"/api/v1/council/legal-bases/{basis.code}" in record.getMessage()


@pytest.mark.urls("tests.api.urls_failing")
def test_a_failure_outside_an_operation_answers_problem_json_on_the_api(settings, caplog):
    settings.DEBUG = False
    client = Client(raise_request_exception=False)
    with caplog.at_level(logging.ERROR, logger="accord.api"):
        response = client.get("/api/v1/test-only/broken")
    body = _problem(response, 500, "internal_error")
    assert "secret-internal-detail" not in response.content.decode()
    assert "db-primary" not in response.content.decode()
    record = _error_id_logged(caplog, body["error_id"])
    assert "secret-internal-detail" in str(record.exc_info[1])


@pytest.mark.urls("tests.api.urls_failing")
def test_a_request_django_refuses_answers_400_problem_json_and_no_detail(settings):
    settings.DEBUG = False
    response = Client().get("/api/v1/test-only/bad")
    _problem(response, 400, "bad_request")
    assert "secret-internal-detail" not in response.content.decode()


def test_an_address_with_no_operation_answers_problem_json(settings):
    settings.DEBUG = False
    body = _problem(Client().get("/api/v1/no-such-operation"), 404, "not_found")
    assert "/api/docs" in body["detail"]
    page = Client().get("/no-such-page/")
    assert page.status_code == 404
    assert page["Content-Type"].startswith("text/html")


@pytest.mark.urls("tests.api.urls_failing")
def test_pages_keep_their_html_error_page(settings):
    settings.DEBUG = False
    response = Client(raise_request_exception=False).get("/test-only/broken")
    assert response.status_code == 500
    assert response["Content-Type"].startswith("text/html")
    assert "secret-internal-detail" not in response.content.decode()
