"""Bad carrier input is refused with a stable code naming the line, and nothing is stored.

Each case once gave a 500 or stored nonsense (issue 9, section 4); they run on SQLite and on
PostgreSQL (the suite's two passes), through the service, the API and the import page.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accord.audit.models import AuditEntry
from accord.errors import ValidationFailed
from accord.transit.models import Shipment, ShipmentEvent
from accord.transit.shipments import services as shipments_services

HEADER = "shipment,event,at,node,delay_days,note\n"
GOOD = "ndn-2013-0001,departed,2013-06-03T08:00:00Z,riga,0,\n"


def refused_import(actor, text: str) -> ValidationFailed:
    """Import ``text``, expect a refusal, and check that nothing at all was stored."""
    shipments = list(Shipment.objects.order_by("pk").values_list("pk", "version", "eta"))
    entries = AuditEntry.objects.filter(outcome="done").count()
    with pytest.raises(ValidationFailed) as caught:
        shipments_services.shipment_events_import(actor=actor, text=text, filename="carrier.csv")
    assert not ShipmentEvent.objects.exists()
    assert list(Shipment.objects.order_by("pk").values_list("pk", "version", "eta")) == shipments
    assert AuditEntry.objects.filter(outcome="done").count() == entries
    assert AuditEntry.objects.filter(action="shipment_event.import", outcome="refused").exists()
    return caught.value


@pytest.mark.parametrize(
    ("delay", "says"),
    [
        ("999999999", "more than 365 days"),
        ("12345.67", "more than 365 days"),
        ("2.25", "more than one decimal place"),
        ("-1", "zero or more"),
        ("NaN", "zero or more"),
        ("1e999999", "more than 365 days"),
    ],
)
def test_an_impossible_delay_is_refused_by_line(logistician, delay, says):
    row = f"ndn-2013-0001,delayed,2013-06-04T08:00:00Z,,{delay},customs\n"
    error = refused_import(logistician, HEADER + GOOD + row)
    assert error.code == "bad_csv_rows"
    assert list(error.errors) == ["line 3"]
    assert says in error.errors["line 3"][0]
    assert "line 3" in error.detail


@pytest.mark.parametrize(
    "at", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:00:00-05:00", "2047-01-01T00:00:00Z"]
)
def test_a_time_outside_the_plausible_window_is_refused_and_the_window_named(logistician, at):
    error = refused_import(logistician, HEADER + f"ndn-2013-0001,departed,{at},riga,0,\n")
    assert error.code == "bad_csv_rows"
    message = error.errors["line 2"][0]
    assert "outside the plausible window" in message
    assert "2001-01-01 to " in message


def test_delays_that_push_the_eta_years_out_are_refused(logistician):
    # Each delay is plausible alone; together they put the ETA in 2016, years after the
    # planned arrival: the last row of that shipment is named.
    rows = "".join(
        f"ndn-2013-0001,delayed,2013-06-0{day}T08:00:00Z,,365,strike\n" for day in (4, 5, 6)
    )
    error = refused_import(logistician, HEADER + GOOD + rows)
    assert list(error.errors) == ["line 5"]
    assert "more than two years after its planned arrival" in error.errors["line 5"][0]
    assert "latest plausible ETA" in error.errors["line 5"][0]


def test_a_nul_character_is_refused_with_its_line(logistician):
    error = refused_import(logistician, HEADER + GOOD + "ndn-2013-0001,crossed,2013-06-05T0\x00\n")
    assert error.code == "nul_character"
    assert list(error.errors) == ["line 3"]
    assert "NUL" in error.detail


def test_a_delay_to_one_decimal_is_stored_as_given(logistician):
    text = HEADER + "ndn-2013-0001,delayed,2013-06-04T08:00:00+05:00,,2.5,customs\n"
    shipments_services.shipment_events_import(actor=logistician, text=text)
    event = ShipmentEvent.objects.get()
    assert event.delay_days == Decimal("2.5")
    assert event.at == dt.datetime(2013, 6, 4, 3, tzinfo=dt.UTC)


def test_the_import_page_names_the_line_of_a_nul_byte_and_stores_nothing(client_as):
    upload = SimpleUploadedFile(
        "carrier.csv",
        (HEADER + GOOD + "ndn-2013-0001,crossed,2013-06-05T08:00:00Z,,0,a\x00b\n").encode(),
    )
    response = client_as("logistician").post("/transit/shipments/import/", {"file": upload})
    assert response.status_code == 200
    page = response.content.decode()
    assert "line 3" in page
    assert "NUL character" in page
    assert not ShipmentEvent.objects.exists()


@pytest.mark.parametrize(
    ("row", "says"),
    [
        ("ndn-2013-0001,delayed,2013-06-04T08:00:00Z,,999999999,", "more than 365 days"),
        ("ndn-2013-0001,departed,0001-01-01T00:00:00+05:00,riga,0,", "plausible window"),
        ("ndn-2013-0001,departed,9999-12-31T23:00:00-05:00,riga,0,", "plausible window"),
        ("ndn-2013-0001,delayed,2013-06-04T08:00:00Z,,12345.67,", "more than 365 days"),
    ],
)
def test_the_api_answers_bad_rows_with_problem_json_naming_the_line(client_as, row, says):
    response = client_as("logistician").post(
        "/api/v1/transit/shipments/events/import",
        {"csv": HEADER + row + "\n"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "bad_csv_rows"
    assert says in body["errors"]["line 2"][0]
    assert not ShipmentEvent.objects.exists()


def test_the_api_names_the_line_of_a_nul_character(client_as):
    response = client_as("logistician").post(
        "/api/v1/transit/shipments/events/import",
        {"csv": HEADER + GOOD + "ndn-2013-0001,crossed,2013-06-05T08:00:00Z,,0,a\x00b\n"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["code"] == "nul_character"
    assert list(response.json()["errors"]) == ["line 3"]
    assert not ShipmentEvent.objects.exists()


@pytest.mark.parametrize(
    ("payload", "says"),
    [
        ({"kind": "departed", "at": "0001-01-01T00:00:00+05:00"}, "plausible window"),
        ({"kind": "departed", "at": "9999-12-31T23:00:00-05:00"}, "plausible window"),
        ({"kind": "departed", "at": "2047-01-01T00:00:00Z"}, "plausible window"),
        ({"kind": "delayed", "at": "2013-06-04T08:00:00Z", "delay_days": "366"}, "365 days"),
        ({"kind": "delayed", "at": "2013-06-04T08:00:00Z", "note": "a\x00b"}, "NUL"),
    ],
)
def test_one_event_with_an_impossible_value_is_refused_over_the_api(client_as, payload, says):
    version = Shipment.objects.get(reference="ndn-2013-0001").version
    response = client_as("logistician").post(
        "/api/v1/transit/shipments/ndn-2013-0001/events", payload, content_type="application/json"
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] in {"bad_event", "validation_failed"}
    assert says in body["detail"] or any(says in m for ms in body["errors"].values() for m in ms)
    assert not ShipmentEvent.objects.exists()
    assert Shipment.objects.get(reference="ndn-2013-0001").version == version
