"""The budget pages: execution dashboard, lines, forms, exports, the sustainment page."""

import csv
import io
import re

import pytest

from accord.budget.models import BudgetEntry, BudgetLine, SustainmentPledge

pytestmark = pytest.mark.django_db


def test_the_execution_page_shows_the_solar_year_with_gregorian_dates(client_as):
    page = client_as(None).get("/budget/?fiscal_year=1394").content.decode()
    assert "FY 1394: Jadi 1393 – Qaws 1394 (22 Dec 2014 – 21 Dec 2015)" in page
    assert "<svg" in page
    assert "Execution rate by ministry" in page
    assert "Hamal 1394" in page  # the monthly table names the solar months


def test_the_execution_export_is_a_table_with_a_total(client_as):
    response = client_as("auditor").get("/budget/?fiscal_year=1394&by=programme&format=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:4] == ["Fiscal year", "Level", "Path", "Name"]
    assert rows[-1][3] == "Total"
    body = [r for r in rows[1:-1]]
    assert round(sum(float(r[8]) for r in body), 2) == float(rows[-1][8])
    xlsx = client_as("auditor").get("/budget/lines/?fiscal_year=1394&format=xlsx")
    assert xlsx.status_code == 200
    assert xlsx.content[:2] == b"PK"


def test_hub_staff_record_an_expenditure_from_the_line_page(client_as):
    line = BudgetLine.objects.get(code="moi-fac-1395")
    client = client_as("hub-staff")
    page = client.get(f"/budget/lines/{line.pk}/").content.decode()
    assert 'id="entry-form"' in page
    response = client.post(
        f"/budget/lines/{line.pk}/entries/new/",
        {"kind": "expenditure", "date": "2016-07-01", "amount": "1500000.50"},
    )
    assert response.status_code == 302
    entry = BudgetEntry.objects.filter(line=line).latest("pk")
    assert entry.amount_minor == 150_000_050
    assert entry.kind == "expenditure"


def test_a_refused_entry_shows_the_reason_on_the_form(client_as):
    line = BudgetLine.objects.get(code="moi-fac-1395")
    count = BudgetEntry.objects.count()
    response = client_as("hub-staff").post(
        f"/budget/lines/{line.pk}/entries/new/",
        {"kind": "expenditure", "date": "2016-07-01", "amount": "99999999999"},
    )
    assert response.status_code == 422
    assert "would exceed the line&#x27;s allotment" in response.content.decode()
    assert BudgetEntry.objects.count() == count


def test_readers_get_no_forms_and_the_russian_delegation_no_nato_lines(client_as):
    line = BudgetLine.objects.get(code="mod-fuel-1395")
    page = client_as("fund-manager").get(f"/budget/lines/{line.pk}/").content.decode()
    assert 'id="entry-form"' not in page
    assert client_as("fund-manager").get(f"/budget/lines/{line.pk}/entries/new/").status_code == 403
    nato = BudgetLine.objects.get(code="mod-smw-1395")
    rus = client_as("delegation-rus")
    assert rus.get(f"/budget/lines/{nato.pk}/").status_code == 404
    assert "mod-smw-1395" not in rus.get("/budget/lines/?fiscal_year=1395").content.decode()
    assert (
        "mod-smw-1395"
        in client_as("delegation-deu").get("/budget/lines/?fiscal_year=1395").content.decode()
    )


def test_unknown_fiscal_year_is_a_404_page(client_as):
    assert client_as(None).get("/budget/?fiscal_year=1299").status_code == 404
    assert client_as(None).get("/budget/lines/?fiscal_year=abcd").status_code == 404


def test_the_sustainment_page_compares_pledged_and_actual(client_as, own_sustainment_years):
    known, _ = own_sustainment_years
    page = client_as(None).get("/budget/sustainment/").content.decode()
    assert "Chicago Summit (21 May 2012)" in page
    # Millions of USD: the year's pledged total, its funded total (incomplete), its gap.
    assert "<strong>3,800.0</strong>" in page
    assert '<strong>2,900.0</strong> <span class="muted">(incomplete)</span>' in page
    assert ">900.0<" in page
    assert "unknown" in page  # nothing is known yet of the later year's actual funding
    rows = list(
        csv.reader(
            io.StringIO(
                b"".join(
                    client_as(None).get("/budget/sustainment/?format=csv").streaming_content
                ).decode()
            )
        )
    )
    assert rows[0][:4] == ["Year", "Donor group", "Pledged (USD)", "Actual (USD)"]
    mine = [r[:4] for r in rows[1:] if r[0] == str(known)]
    assert sorted(mine) == sorted(
        [
            [str(known), "United States", "2000000000.00", "1900000000.00"],
            [str(known), "Other nations", "1300000000.00", "1000000000.00"],
            [str(known), "Afghan government", "500000000.00", ""],
        ]
    )
    assert len(rows) == 1 + SustainmentPledge.objects.count()


def test_closing_a_fiscal_year_from_the_page(client_as):
    from accord.budget.models import FiscalYear

    fy = FiscalYear.objects.get(label="1395")
    response = client_as("hub-staff").post(
        "/budget/fiscal-years/1395/close/", {"expected_version": fy.version}
    )
    assert response.status_code == 302
    fy.refresh_from_db()
    assert fy.status == "closed"
    denied = client_as("auditor").post("/budget/fiscal-years/1394/close/", {"expected_version": 1})
    assert denied.status_code == 403


def test_hub_staff_add_a_programme_and_a_sub_programme_on_the_structure_page(client_as):
    from accord.budget.models import Programme, SubProgramme

    client = client_as("hub-staff")
    page = client.get("/budget/structure/").content.decode()
    assert "Ministry of Defence" in page
    assert 'id="add-programme"' in page
    response = client.post(
        "/budget/structure/",
        {
            "form": "programme",
            "prog-ministry": "moi",
            "prog-code": "p9",
            "prog-name": "Training",
            "prog-marking": "PUBLIC",
        },
    )
    assert response.status_code == 302
    programme = Programme.objects.get(ministry__code="moi", code="p9")
    client.post(
        "/budget/structure/",
        {
            "form": "sub_programme",
            "sub-programme": str(programme.pk),
            "sub-code": "academy",
            "sub-name": "Police academy",
            "sub-marking": "PUBLIC",
        },
    )
    assert SubProgramme.objects.filter(programme=programme, code="academy").exists()
    duplicate = client.post(
        "/budget/structure/",
        {
            "form": "programme",
            "prog-ministry": "moi",
            "prog-code": "p9",
            "prog-name": "Again",
            "prog-marking": "PUBLIC",
        },
    )
    assert duplicate.status_code == 422
    reader = client_as("auditor")
    assert 'id="add-programme"' not in reader.get("/budget/structure/").content.decode()
    assert reader.post("/budget/structure/", {"form": "programme"}).status_code == 403


def test_hub_staff_record_actual_funding_of_a_year(client_as, open_pledge):
    pledge = open_pledge
    response = client_as("hub-staff").post(
        f"/budget/sustainment/{pledge.pk}/edit/",
        {
            "pledged": "500000000",
            "actual": "480000000.00",
            "actual_estimated": "on",
            "expected_version": pledge.version,
        },
    )
    assert response.status_code == 302
    pledge.refresh_from_db()
    assert pledge.actual_usd_minor == 48_000_000_000
    assert pledge.actual_estimated
    stale = client_as("hub-staff").post(
        f"/budget/sustainment/{pledge.pk}/edit/",
        {"pledged": "500000000", "actual": "1", "expected_version": 1},
    )
    assert stale.status_code == 422
    assert "Someone changed this record" in stale.content.decode()


HTMX = {"HTTP_HX_REQUEST": "true"}


def test_the_lines_list_comes_a_page_at_a_time_and_htmx_asks_for_its_rows_alone(
    client_as, settings
):
    settings.ACCORD_PAGE_SIZE = 2
    client = client_as("auditor")
    page = client.get("/budget/lines/?fiscal_year=1395").content.decode()
    assert "Page 1 of" in page
    assert len(re.findall(r'href="/budget/lines/\d+/"', page)) == 2
    rows = client.get("/budget/lines/?fiscal_year=1395&page=2", HTTP_HX_TARGET="rows", **HTMX)
    body = rows.content.decode()
    assert body.lstrip().startswith('<div id="rows">')
    assert "Page 2 of" in body
    assert "<html" not in body
    # The export holds every line, not one page of them.
    export = client.get("/budget/lines/?fiscal_year=1395&format=csv")
    exported = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert len(exported) - 1 == BudgetLine.objects.filter(fiscal_year__label="1395").count()


def test_the_line_form_is_checked_as_the_user_types_and_saves_nothing(client_as):
    count = BudgetLine.objects.count()
    response = client_as("hub-staff").post(
        "/budget/lines/new/",
        {"fiscal_year": "1395", "code": "not a slug"},
        HTTP_X_ACCORD_VALIDATE="1",
        **HTMX,
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="errors-code" hx-swap-oob="true"' in body
    assert "Enter a valid" in body
    assert "This field is required" not in body  # fields not filled in yet are not nagged
    assert BudgetLine.objects.count() == count


def test_an_entry_refused_under_htmx_answers_the_form_with_the_reason(client_as):
    line = BudgetLine.objects.get(code="moi-fac-1395")
    count = BudgetEntry.objects.count()
    response = client_as("hub-staff").post(
        f"/budget/lines/{line.pk}/entries/new/",
        {"kind": "expenditure", "date": "2016-07-01", "amount": "99999999999"},
        **HTMX,
    )
    assert response.status_code == 200  # htmx swaps no 4xx answer
    body = response.content.decode()
    assert body.lstrip().startswith("<form")
    assert "would exceed the line&#x27;s allotment" in body
    assert BudgetEntry.objects.count() == count
    saved = client_as("hub-staff").post(
        f"/budget/lines/{line.pk}/entries/new/",
        {"kind": "requirement", "date": "2016-07-01", "amount": "10"},
        **HTMX,
    )
    assert saved["HX-Redirect"] == f"/budget/lines/{line.pk}/"
    assert BudgetEntry.objects.count() == count + 1
