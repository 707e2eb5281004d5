"""Shipments: route checks, flags when agreements or closures change, events, CSV import."""

import datetime as dt
from decimal import Decimal

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.errors import ValidationFailed
from accord.transit.agreements import selectors as agreements_selectors
from accord.transit.agreements import services as agreements_services
from accord.transit.agreements.inputs import AgreementValues, ClosureValues
from accord.transit.models import Shipment, ShipmentEvent
from accord.transit.network import selectors as network_selectors
from accord.transit.shipments import services as shipments_services
from accord.transit.shipments.inputs import ShipmentValues


def _shipment(logistician, **overrides):
    data = {
        "reference": "test-0001",
        "cargo_class": "non_lethal",
        "direction": "to_afghanistan",
        "teu": 10,
        "tonnes": Decimal("100"),
        "origin": network_selectors.node_get(actor=logistician, code="riga"),
        "destination": network_selectors.node_get(actor=logistician, code="mazar_rail"),
        "route": ["L01", "L02", "L03", "L04"],
        "departure": dt.date(2013, 7, 1),
    }
    return shipments_services.shipment_create(
        actor=logistician, values=ShipmentValues(**{**data, **overrides})
    )


def test_a_shipments_route_is_checked_and_its_arrival_planned(logistician):
    shipment = _shipment(logistician)
    assert shipment.route_ok
    assert shipment.route_problems == []
    assert shipment.planned_arrival > shipment.departure
    assert shipment.eta == shipment.planned_arrival


def test_a_route_that_does_not_connect_is_refused(logistician):
    with pytest.raises(ValidationFailed) as caught:
        _shipment(logistician, route=["L01", "L03"])
    assert caught.value.code == "route_not_connected"
    with pytest.raises(ValidationFailed) as caught:
        _shipment(logistician, route=["L99"])
    assert caught.value.code == "unknown_leg"
    assert not Shipment.objects.filter(reference="test-0001").exists()


def test_lethal_cargo_by_rail_through_russia_is_recorded_as_blocked(logistician):
    shipment = _shipment(logistician, cargo_class="lethal", shipper=["USA"])
    assert not shipment.route_ok
    assert any("through RUS" in p for p in shipment.route_problems)


def test_a_new_closure_flags_the_shipments_it_affects(logistician):
    shipment = _shipment(logistician)
    untouched = Shipment.objects.get(reference="air-2013-0002")
    agreements_services.closure_create(
        actor=logistician,
        values=ClosureValues(
            code="termez_flood",
            target_kind="node",
            node=network_selectors.node_get(actor=logistician, code="termez"),
            start=dt.date(2013, 7, 1),
            end=dt.date(2013, 7, 31),
            reason="flood",
        ),
    )
    shipment.refresh_from_db()
    assert shipment.flagged
    assert not shipment.route_ok
    assert any("termez_flood" in p or "termez closed" in p for p in shipment.route_problems)
    untouched.refresh_from_db()
    assert not untouched.flagged
    shipments_services.shipment_acknowledge(
        actor=logistician, shipment=shipment, expected_version=shipment.version
    )
    assert not Shipment.objects.get(pk=shipment.pk).flagged


def test_a_changed_agreement_flags_the_shipments_it_affects(logistician):
    shipment = _shipment(logistician)
    row = agreements_selectors.agreement_get(
        actor=logistician, code="nato_rus_land_2008-2010-11-20-rus-rail-non_lethal-to_afghanistan"
    )
    for code in [
        a.code
        for a in agreements_selectors.agreement_list(actor=logistician, country="RUS").filter(
            mode="rail", cargo_class="non_lethal", direction="to_afghanistan", effect="permit"
        )
    ]:
        row = agreements_selectors.agreement_get(actor=logistician, code=code)
        agreements_services.agreement_update(
            actor=logistician,
            agreement=row,
            values=AgreementValues(valid_to=dt.date(2013, 6, 30)),
            expected_version=row.version,
        )
    shipment.refresh_from_db()
    assert shipment.flagged
    assert any("through RUS" in p for p in shipment.route_problems)


def test_events_move_the_shipment_and_a_delay_pushes_the_eta(logistician):
    shipment = _shipment(logistician)
    planned = shipment.planned_arrival
    saryagash = network_selectors.node_get(actor=logistician, code="saryagash")
    shipments_services.shipment_event_record(
        actor=logistician,
        shipment=shipment,
        kind="departed",
        at=dt.datetime(2013, 7, 1, 8, tzinfo=dt.UTC),
        node=network_selectors.node_get(actor=logistician, code="riga"),
    )
    shipments_services.shipment_event_record(
        actor=logistician,
        shipment=shipment,
        kind="at_border",
        at=dt.datetime(2013, 7, 9, 8, tzinfo=dt.UTC),
        node=saryagash,
    )
    shipments_services.shipment_event_record(
        actor=logistician,
        shipment=shipment,
        kind="delayed",
        at=dt.datetime(2013, 7, 9, 9, tzinfo=dt.UTC),
        delay_days=Decimal("4"),
        note="customs",
    )
    shipment.refresh_from_db()
    assert shipment.status == "delayed"
    assert shipment.current_node == saryagash
    assert shipment.delayed
    assert shipment.eta > planned
    shipments_services.shipment_event_record(
        actor=logistician,
        shipment=shipment,
        kind="arrived",
        at=dt.datetime(2013, 7, 16, 10, tzinfo=dt.UTC),
        node=network_selectors.node_get(actor=logistician, code="mazar_rail"),
    )
    shipment.refresh_from_db()
    assert shipment.status == "arrived"
    assert shipment.eta == dt.date(2013, 7, 16)


def test_an_event_at_a_node_off_the_route_is_refused(logistician):
    shipment = _shipment(logistician)
    with pytest.raises(ValidationFailed) as caught:
        shipments_services.shipment_event_record(
            actor=logistician,
            shipment=shipment,
            kind="crossed",
            at=dt.datetime(2013, 7, 2, tzinfo=dt.UTC),
            node=network_selectors.node_get(actor=logistician, code="karachi"),
        )
    assert caught.value.code == "bad_event"
    assert not shipment.events.exists()


GOOD_CSV = (
    "shipment,event,at,node,delay_days,note\n"
    "ndn-2013-0001,departed,2013-06-03T08:00:00Z,riga,0,\n"
    "ndn-2013-0001,at_border,2013-06-11T06:00:00Z,saryagash,0,\n"
    "air-2013-0002,arrived,2013-06-05T20:00:00Z,kabul,0,\n"
)


def test_carrier_events_import_from_csv(logistician):
    result = shipments_services.shipment_events_import(actor=logistician, text=GOOD_CSV)
    assert result == {"events": 3, "shipments": 2}
    rail = Shipment.objects.get(reference="ndn-2013-0001")
    assert rail.status == "at_border"
    assert rail.current_node.code == "saryagash"
    assert Shipment.objects.get(reference="air-2013-0002").status == "arrived"


def test_a_bad_csv_row_imports_nothing_and_names_every_bad_line(logistician, refusals):
    bad = GOOD_CSV + (
        "nosuch,departed,2013-06-03T08:00:00Z,,0,\n"
        "ndn-2013-0001,teleported,2013-06-04T08:00:00Z,,0,\n"
        "ndn-2013-0001,delayed,yesterday,,-2,\n"
    )
    before = refusals("shipment_event.import")
    with pytest.raises(ValidationFailed) as caught:
        shipments_services.shipment_events_import(actor=logistician, text=bad)
    assert caught.value.code == "bad_csv_rows"
    assert set(caught.value.errors) == {"line 5", "line 6", "line 7"}
    assert not ShipmentEvent.objects.exists()
    assert refusals("shipment_event.import") == before + 1


def test_a_file_that_is_not_csv_is_refused_with_its_line(logistician, refusals):
    # A field beyond the csv module's limit (a binary file renamed .csv, say) cannot be read.
    broken = GOOD_CSV + "ndn-2013-0001,departed," + "x" * 200_000 + ",riga,0,\n"
    before = refusals("shipment_event.import")
    with pytest.raises(ValidationFailed) as caught:
        shipments_services.shipment_events_import(actor=logistician, text=broken)
    assert caught.value.code == "bad_csv"
    assert "line" in str(caught.value)
    assert not ShipmentEvent.objects.exists()
    assert refusals("shipment_event.import") == before + 1


def test_the_import_page_reports_bad_lines(client_as):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_as("logistician")
    upload = SimpleUploadedFile(
        "carrier.csv", b"shipment,event,at\nnosuch,departed,2013-06-03T08:00:00Z\n"
    )
    response = client.post("/transit/shipments/import/", {"file": upload})
    assert response.status_code == 200
    assert "line 2" in response.content.decode()
    assert not ShipmentEvent.objects.exists()
    hub = client_as("hub-staff").get("/transit/shipments/import/")
    assert hub.status_code == 403


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(delays=st.lists(st.integers(min_value=0, max_value=30), min_size=1, max_size=4))
def test_more_delay_never_brings_the_eta_forward(logistician, delays):
    with transaction.atomic():
        shipment = _shipment(logistician, reference="prop-0001")
        etas = [shipment.eta]
        for n, days in enumerate(delays):
            shipments_services.shipment_event_record(
                actor=logistician,
                shipment=shipment,
                kind="delayed",
                at=dt.datetime(2013, 7, 1, 8 + n, tzinfo=dt.UTC),
                delay_days=Decimal(days),
            )
            shipment.refresh_from_db()
            etas.append(shipment.eta)
        assert etas[1:] == sorted(etas[1:])
        assert shipment.delayed == (shipment.eta > shipment.planned_arrival)
        transaction.set_rollback(True)


def test_a_logistician_records_an_event_on_the_shipments_page(client_as):
    client = client_as("logistician")
    response = client.post(
        "/transit/shipments/ndn-2013-0001/events/",
        {"kind": "at_border", "at": "2013-06-11T06:00", "node": "saryagash", "delay_days": "2"},
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "At border" in page
    assert Shipment.objects.get(reference="ndn-2013-0001").current_node.code == "saryagash"
    off_route = client.post(
        "/transit/shipments/ndn-2013-0001/events/",
        {"kind": "crossed", "at": "2013-06-12T06:00", "node": "karachi"},
    )
    assert off_route.status_code == 200  # karachi is not even offered: the form refuses it
    assert "Select a valid choice" in off_route.content.decode()


def test_the_map_shows_shipments_only_to_those_who_may_read_them(client_as):
    def shipments(username):
        data = client_as(username).get("/api/v1/transit/map").json()
        return {
            f["properties"]["code"]
            for f in data["features"]
            if f["properties"]["type"] == "shipment"
        }

    assert "ndn-2013-0001" in shipments("hub-staff")
    assert shipments("delegation-rus") == set()


def test_the_api_import_names_bad_lines_and_imports_nothing(client_as):
    response = client_as("logistician").post(
        "/api/v1/transit/shipments/events/import",
        {"csv": "shipment,event,at\nndn-2013-0001,departed,2013-06-03T08:00:00Z\nx,y,z\n"},
        content_type="application/json",
    )
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "bad_csv_rows"
    assert list(body["errors"]) == ["line 3"]
    assert not ShipmentEvent.objects.exists()


def test_the_recheck_audits_each_flag_with_its_cause(logistician):
    from accord.audit.models import AuditEntry

    shipment = _shipment(logistician)
    closure = agreements_services.closure_create(
        actor=logistician,
        values=ClosureValues(
            code="termez_ice",
            target_kind="node",
            node=network_selectors.node_get(actor=logistician, code="termez"),
            start=dt.date(2013, 7, 1),
            end=dt.date(2013, 7, 31),
            reason="ice",
        ),
    )
    shipment.refresh_from_db()
    flag = AuditEntry.objects.get(action="shipment.flag", object_id=str(shipment.pk))
    assert flag.changes["cause"] == [None, f"closure {closure.code} added"]
    assert flag.changes["route_problems"] == [None, shipment.route_problems]
    assert flag.actor_name == "logistician"
    # The flag is a change of the shipment: its version moved, so a stale edit is refused.
    assert shipment.version == 2
