"""Exports of transit's lists (CSV and XLSX through the page toolkit) and a plan's printable
movement table: the files hold what the reader's page shows, nothing more."""

import csv
import datetime as dt
import io

from openpyxl import load_workbook

from accord.transit.planning import services as planning_services


def _csv(response) -> list[dict]:
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode()
    return list(csv.DictReader(io.StringIO(text)))


def test_agreements_and_shipments_export_only_what_the_reader_may_read(client_as):
    logistician, russian = client_as("logistician"), client_as("delegation-rus")
    rows = _csv(logistician.get("/transit/agreements/?format=csv"))
    groups = {r["Agreement"] for r in rows}
    assert {"usa_kaz_air", "rus_bilateral_rail-esp"} <= groups
    spain = next(r for r in rows if r["Agreement"] == "rus_bilateral_rail-esp")
    assert (spain["Made for"], spain["Valid from"], spain["Estimated"]) == (
        "ESP",
        "2009-03-03",
        "yes",
    )
    # The Russian delegation reads the NRC-marked agreements only, in the file as on the page.
    russian_groups = {r["Agreement"] for r in _csv(russian.get("/transit/agreements/?format=csv"))}
    assert "rus_bilateral_rail" in russian_groups
    assert "usa_kaz_air" not in russian_groups
    filtered = _csv(logistician.get("/transit/agreements/?country=KAZ&format=csv"))
    assert {r["Country"] for r in filtered} == {"KAZ"}

    book = load_workbook(io.BytesIO(logistician.get("/transit/shipments/?format=xlsx").content))
    sheet = book.active
    header = [c.value for c in next(sheet.iter_rows(max_row=1))]
    references = {row[0] for row in sheet.iter_rows(min_row=2, values_only=True)}
    assert header[:2] == ["Reference", "Cargo"]
    assert "ndn-2013-0001" in references
    assert _csv(russian.get("/transit/shipments/?format=csv")) == []


def test_a_plans_movements_export_and_print_view(client_as, logistician):
    plan = planning_services.flow_plan_solve(actor=logistician, month=dt.date(2013, 6, 1))
    client = client_as("logistician")
    plans = _csv(client.get("/transit/plans/?format=csv"))
    assert str(plan.pk) in {r["Plan"] for r in plans}
    movements = _csv(client.get(f"/transit/plans/{plan.pk}/?format=csv"))
    assert sum(int(r["TEU"]) for r in movements) == plan.demand_teu - plan.unmet_teu
    lethal = [r for r in movements if r["Demand"] == "riga_kabul_lethal"]
    assert lethal
    assert {r["Legs"] for r in lethal} == {"L22"}
    assert lethal[0]["From"] == "Riga Freeport"
    printed = client.get(f"/transit/plans/{plan.pk}/?view=print").content.decode()
    assert 'id="allocations"' in printed
    assert 'id="utilisation"' not in printed
    assert "@media print" in printed


def test_the_routes_found_export_with_whose_agreements_they_rest_on(client_as):
    query = (
        "/transit/routes/?origin=riga&destination=kabul&cargo_class=lethal"
        "&direction=to_afghanistan&on_date=2013-06-01&shipper=USA&teu=1&k=3&format=csv"
    )
    rows = _csv(client_as("logistician").get(query))
    air = next(r for r in rows if r["Legs"] == "L22")
    assert "usa_rus_air_2009 (RUS)" in air["Agreements"]
    assert air["Rests on the agreements of"] == "USA"
    assert air["Planned for"] == "USA, NATO"
