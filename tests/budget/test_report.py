"""The report builder: execution pivoted by two dimensions, exported, within the reader's reach."""

import csv
import io

import pytest

from accord.budget import selectors

pytestmark = pytest.mark.django_db


def test_a_pivot_adds_up_and_exports_with_its_totals(client_as):
    client = client_as("auditor")
    page = client.get("/budget/report/?rows=organisation&columns=fiscal_year&kind=allotment")
    body = page.content.decode()
    assert page.status_code == 200
    assert "FY 1394" in body
    assert "FY 1395" in body
    export = client.get(
        "/budget/report/?rows=organisation&columns=fiscal_year&kind=allotment&format=csv"
    )
    rows = list(csv.reader(io.StringIO(b"".join(export.streaming_content).decode())))
    assert rows[0][1:] == ["FY 1394", "FY 1395", "Total"]
    assert rows[-1][0] == "Total"
    body_rows = rows[1:-1]
    assert {r[0] for r in body_rows} == {"MoD", "MoI"}
    for column in (1, 2, 3):
        column_sum = sum(float(r[column]) for r in body_rows)
        assert round(column_sum, 2) == float(rows[-1][column])


def test_a_nato_line_never_reaches_a_reader_without_nato_access(persona):
    def lines(who):
        pivot = selectors.execution_pivot(
            actor=persona(who), rows="line", columns="on_budget", kind="allotment", currency="USD"
        )
        return pivot.rows, pivot.total

    nato_rows, nato_total = lines("auditor")
    rus_rows, rus_total = lines("delegation-rus")
    assert any(r.startswith("mod-smw-") for r in nato_rows)
    assert not any(r.startswith("mod-smw-") for r in rus_rows)
    assert rus_total < nato_total


def test_an_unknown_dimension_is_bad_input(client_as):
    answer = client_as(None).get("/api/v1/budget/report?rows=colour")
    assert answer.status_code == 422
    assert answer.json()["code"] == "unknown_report_dimension"
