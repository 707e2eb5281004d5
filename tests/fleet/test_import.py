"""Flight logs from CSV or Excel: all or nothing, every bad row named by its line."""

import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import Workbook

from accord.audit.models import AuditEntry
from accord.errors import PermissionDenied, ValidationFailed
from accord.fleet.imports import flight_log_import
from accord.fleet.models import FlightLog

pytestmark = pytest.mark.django_db


def csv_of(*lines: str) -> bytes:
    return ("tail_number,date,hours,landings,total_hours,note\n" + "\n".join(lines)).encode()


def test_a_file_of_two_aircraft_is_imported_in_file_order(persona, new_aircraft):
    a, b = new_aircraft(), new_aircraft(hours="500")
    content = csv_of(
        f"{a.tail_number},2012-11-02,2.5,3,,sortie",
        f"{b.tail_number},2012-11-02,1.0,1,,",
        f"{a.tail_number},2012-11-03,,2,1004.0,from the logbook",
    )
    written = flight_log_import(actor=persona("maintenance"), content=content, filename="log.csv")
    assert written == {a.tail_number: 2, b.tail_number: 1}
    a.refresh_from_db()
    assert (a.hours, a.landings, a.logged_to) == (Decimal("1004.0"), 805, date(2012, 11, 3))
    assert list(FlightLog.objects.filter(aircraft=a).values_list("note", flat=True)) == [
        "sortie",
        "from the logbook",
    ]
    entry = AuditEntry.objects.filter(action="flight_log.import", object_id=str(a.pk)).last()
    assert entry.changes["entries"] == 2


def test_one_bad_row_refuses_the_file_and_every_bad_row_is_named(persona, new_aircraft):
    a = new_aircraft()
    content = csv_of(
        f"{a.tail_number},2012-11-02,2.5,3,,",
        f"{a.tail_number},2012-11-03,-1,1,,",  # line 3: negative
        "NO-SUCH,2012-11-03,1,1,,",  # line 4: no such aircraft
        f"{a.tail_number},3 Nov,1,1,,",  # line 5: not a date
        f"{a.tail_number},2012-11-04,25,1,,",  # line 6: more than a day holds
    )
    before = AuditEntry.objects.filter(outcome="refused", error_code="bad_log_rows").count()
    with pytest.raises(ValidationFailed) as exc:
        flight_log_import(actor=persona("maintenance"), content=content, filename="log.csv")
    assert exc.value.code == "bad_log_rows"
    assert list(exc.value.errors) == ["line 3", "line 4", "line 5", "line 6"]
    assert "24" in exc.value.errors["line 6"][0]
    assert not FlightLog.objects.filter(aircraft=a).exists()
    a.refresh_from_db()
    assert a.hours == Decimal(1000)
    refused = AuditEntry.objects.filter(outcome="refused", error_code="bad_log_rows").count()
    assert refused == before + 1


def test_an_excel_workbook_is_read_like_a_csv_file(persona, new_aircraft):
    a = new_aircraft()
    book = Workbook()
    sheet = book.active
    sheet.append(["tail_number", "date", "hours", "landings"])
    sheet.append([a.tail_number, date(2012, 11, 2), 1.5, 2])
    sheet.append([None, None, None, None])
    sheet.append([a.tail_number, "2012-11-03", 2, 2])
    out = io.BytesIO()
    book.save(out)
    written = flight_log_import(
        actor=persona("maintenance"), content=out.getvalue(), filename="log.xlsx"
    )
    assert written == {a.tail_number: 2}
    a.refresh_from_db()
    assert a.hours == Decimal("1003.5")
    with pytest.raises(ValidationFailed) as exc:
        flight_log_import(actor=persona("maintenance"), content=b"not a zip", filename="x.xlsx")
    assert exc.value.code == "bad_xlsx"


def test_only_maintenance_officers_import(persona, new_aircraft):
    a = new_aircraft()
    with pytest.raises(PermissionDenied):
        flight_log_import(
            actor=persona("logistician"),
            content=csv_of(f"{a.tail_number},2012-11-02,2.5,3,,"),
            filename="log.csv",
        )
    with pytest.raises(ValidationFailed) as exc:
        flight_log_import(actor=persona("maintenance"), content=b"a,b\n1,2", filename="x.csv")
    assert exc.value.code == "bad_csv_header"
