"""On- and off-budget lines and the GFS 2014 economic classification: set, shown, filtered."""

import json

import pytest

from accord.audit.models import AuditEntry
from accord.budget import selectors, services
from accord.budget.inputs import BudgetLineValues
from accord.budget.models import BudgetLine
from accord.errors import ValidationFailed

pytestmark = pytest.mark.django_db
API = "/api/v1/budget"


def classify(actor, line, **values):
    return services.budget_line_update(
        actor=actor, line=line, values=BudgetLineValues(**values), expected_version=line.version
    )


def test_a_category_finds_its_parts_and_off_budget_lines_filter_apart(persona, fresh_line):
    hub = persona("hub-staff")
    wages = classify(hub, fresh_line("wages", allot=0), economic_code="211", on_budget=False)
    fuel = classify(hub, fresh_line("fuel", allot=0), economic_code="22")
    found = set(selectors.budget_line_list(actor=hub, economic_code="21"))
    assert wages in found
    assert fuel not in found
    assert {line.economic_code for line in found} == {"211"}  # the scenario's salaries too
    off = set(selectors.budget_line_list(actor=hub, on_budget=False))
    assert off == {wages}
    change = AuditEntry.objects.filter(action="budget_line.update", object_id=str(wages.pk)).last()
    assert change.changes["economic_code"] == ["", "211"]
    assert change.changes["on_budget"] == [True, False]


def test_an_unknown_code_is_refused_in_plain_words_and_audited(persona, fresh_line):
    line = fresh_line(allot=0)
    with pytest.raises(ValidationFailed) as refused:
        classify(persona("hub-staff"), line, economic_code="99")
    assert refused.value.code == "unknown_economic_code"
    assert "not a GFS 2014 code" in str(refused.value)
    assert BudgetLine.objects.get(pk=line.pk).economic_code == ""
    assert AuditEntry.objects.filter(outcome="refused", error_code="unknown_economic_code").exists()


def test_the_lines_page_shows_filters_and_exports_the_classification(client_as, fresh_line):
    client = client_as("hub-staff")
    response = client.post(
        "/budget/lines/new/",
        {
            "fiscal_year": "1395",
            "sub_programme": str(fresh_line(allot=0).sub_programme_id),
            "code": "mod-barracks-1395",
            "name": "Barracks",
            "currency": "AFN",
            "on_budget": "off",
            "economic_code": "311",
            "marking": "PUBLIC",
        },
    )
    assert response.status_code == 302, response.content
    line = BudgetLine.objects.get(code="mod-barracks-1395")
    assert (line.on_budget, line.economic_code) == (False, "311")
    page = client.get("/budget/lines/?fiscal_year=1395&budget=off&economic=31").content.decode()
    assert "mod-barracks-1395" in page
    assert "311 Fixed assets" in page
    assert "test-line" not in page  # an on-budget, unclassified line is filtered out
    export = client.get("/budget/lines/?fiscal_year=1395&budget=off&format=csv")
    rows = b"".join(export.streaming_content).decode().splitlines()
    assert rows[0].endswith("On budget,Economic classification")
    assert rows[1].endswith(",no,311")  # off budget, fixed assets
    detail = client.get(f"/budget/lines/{line.pk}/").content.decode()
    assert "Off budget: spent by the donor directly" in detail


def test_the_api_sets_and_filters_the_classification(client_as):
    client = client_as("admin")
    base = {
        "fiscal_year": "1395",
        "ministry": "moi",
        "programme": "p2",
        "sub_programme": "fuel",
        "name": "Salaries",
    }
    created = client.post(
        f"{API}/lines",
        json.dumps({**base, "code": "moi-sal-1395", "economic_code": "21", "on_budget": False}),
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["economic_code"] == "21"
    bad = client.post(
        f"{API}/lines",
        json.dumps({**base, "code": "moi-bad-1395", "economic_code": "99"}),
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert bad.json()["code"] == "unknown_economic_code"
    listed = client.get(f"{API}/lines?economic_code=21&on_budget=false").json()
    assert [line["code"] for line in listed["items"]] == ["moi-sal-1395"]
