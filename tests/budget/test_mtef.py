"""The medium-term expenditure framework: projections for the three years after year N against
their ceilings, beside year N's execution."""

import csv
import io

import pytest

from accord.audit.models import AuditEntry
from accord.budget import selectors, services
from accord.budget.engine.mtef import following_years
from accord.budget.inputs import ProjectionValues
from accord.budget.models import FiscalYear, Programme, Projection
from accord.errors import Conflict, PermissionDenied, ValidationFailed

pytestmark = pytest.mark.django_db


def _values(programme, fy, **amounts):
    defaults = {f"projected_{i}_minor": 100_00 for i in (1, 2, 3)}
    defaults |= {f"ceiling_{i}_minor": 150_00 for i in (1, 2, 3)}
    return ProjectionValues(
        programme=programme, fiscal_year=fy, currency="USD", **(defaults | amounts)
    )


def test_the_years_after_n_are_counted_by_the_afghan_fiscal_calendar():
    assert following_years("1395") == ("1396", "1397", "1398")
    assert following_years("1399") == ("1400", "1400T", "1401")  # the transitional period


def test_hub_staff_enter_projections_and_a_reader_sees_them_against_ceilings(persona):
    fy = FiscalYear.objects.get(label="1395")
    programme = Programme.objects.get(ministry__code="moi", code="p1")
    projection = services.projection_create(
        actor=persona("hub-staff"),
        values=_values(programme, fy, projected_2_minor=200_00),
    )
    assert AuditEntry.objects.filter(action="projection.create", object_id=str(projection.pk))
    table = selectors.mtef_table(actor=persona("delegation-rus"), fiscal_year=fy, currency="USD")
    row = next(r for r in table.rows if r.projection == projection)
    assert table.labels == ("1396", "1397", "1398")
    assert [y.over_ceiling for y in row.figures.years] == [False, True, False]
    assert row.figures.years[1].headroom == -50_00


def test_refused_projections_change_nothing_and_are_audited(persona):
    fy = FiscalYear.objects.get(label="1395")
    programme = Programme.objects.get(ministry__code="moi", code="p2")
    count = Projection.objects.count()
    with pytest.raises(PermissionDenied):
        services.projection_create(actor=persona("auditor"), values=_values(programme, fy))
    with pytest.raises(ValidationFailed) as bad:
        services.projection_create(
            actor=persona("hub-staff"), values=_values(programme, fy, ceiling_3_minor=0)
        )
    assert "Ceiling, year N+3" in bad.value.detail
    assert "_minor" not in bad.value.detail
    with pytest.raises(Conflict) as closed:
        services.projection_create(
            actor=persona("hub-staff"),
            values=_values(programme, FiscalYear.objects.get(label="1394")),
        )
    assert closed.value.code == "fiscal_year_closed"
    assert Projection.objects.count() == count
    assert AuditEntry.objects.filter(action="projection.create", outcome="refused").count() == 3


def test_the_mtef_page_marks_what_is_over_the_ceiling_and_exports_it(client_as):
    page = client_as(None).get("/budget/mtef/?fiscal_year=1395&currency=AFN").content.decode()
    assert "FY 1396" in page
    assert "FY 1398" in page
    assert "over the ceiling" in page  # the scenario's MoD personnel in FY 1398
    response = client_as("auditor").get("/budget/mtef/?fiscal_year=1395&currency=AFN&format=csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows[0][:4] == ["Ministry", "Programme", "Allotment, FY 1395", "Expenditure, FY 1395"]
    personnel = next(r for r in rows if r[1] == "Personnel")
    assert personnel[4:7] == ["55000000000.00", "56000000000.00", "no"]
    assert personnel[10:13] == ["58500000000.00", "57500000000.00", "yes"]


def test_hub_staff_revise_a_projection_through_the_page_and_the_api(client_as):
    projection = Projection.objects.get(programme__ministry__code="moi", programme__code="p2")
    client = client_as("hub-staff")
    form = client.get(f"/budget/mtef/{projection.pk}/edit/").content.decode()
    assert "Projection, FY 1396" in form
    response = client.post(
        f"/budget/mtef/{projection.pk}/edit/",
        {
            "projected_1": "8,600,000,000",
            "ceiling_1": "9000000000",
            "projected_2": "9000000000",
            "ceiling_2": "9200000000",
            "projected_3": "9900000000",
            "ceiling_3": "9500000000",
            "note": "Revised",
            "expected_version": projection.version,
        },
    )
    assert response.status_code == 302
    projection.refresh_from_db()
    assert projection.projected_1_minor == 860_000_000_000
    answer = client.get(f"/api/v1/budget/projections/{projection.pk}").json()
    assert answer["years"] == ["1396", "1397", "1398"]
    assert answer["over_ceiling"] == [False, False, True]
    patched = client.patch(
        f"/api/v1/budget/projections/{projection.pk}",
        {"expected_version": answer["version"], "projected_3_minor": 900_000_000_000},
        content_type="application/json",
    )
    assert patched.status_code == 200
    assert patched.json()["over_ceiling"] == [False, False, False]
    table = client_as(None).get("/api/v1/budget/mtef?fiscal_year=1395&currency=AFN").json()
    assert table["years"] == ["1396", "1397", "1398"]
    assert any(r["projection"] == projection.pk for r in table["rows"])


def test_the_public_never_sees_a_nato_projection_in_the_table_or_its_totals(persona):
    fy = FiscalYear.objects.get(label="1395")
    programme = Programme.objects.get(ministry__code="mod", code="p2")
    secret = services.projection_create(
        actor=persona("admin"),
        values=ProjectionValues(
            **{**_values(programme, fy).given(), "marking": "NATO", "currency": "USD"}
        ),
    )
    public = selectors.mtef_table(actor=persona("delegation-rus"), fiscal_year=fy, currency="USD")
    hub = selectors.mtef_table(actor=persona("admin"), fiscal_year=fy, currency="USD")
    assert secret not in [r.projection for r in public.rows]
    assert secret in [r.projection for r in hub.rows]
    assert hub.total.years[0].projected - public.total.years[0].projected == 100_00
