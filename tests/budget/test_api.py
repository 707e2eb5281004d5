"""The budget API: reads for everyone by marking, writes for hub staff, problem+json errors."""

import json

import pytest

from accord.budget.models import BudgetEntry, BudgetLine
from tests.budget.conftest import MILLION_USD

pytestmark = pytest.mark.django_db
API = "/api/v1/budget"


def post(client, path, payload):
    return client.post(API + path, json.dumps(payload), content_type="application/json")


def test_execution_by_programme_adds_up_to_the_total(client_as):
    body = client_as(None).get(f"{API}/execution?fiscal_year=1394&currency=AFN&by=programme")
    assert body.status_code == 200
    data = body.json()
    total = data["total"]
    for kind in ("requirement", "allotment", "commitment", "expenditure"):
        assert sum(r["figures"][kind] for r in data["rows"]) == total[kind]
    allotted, spent = total["allotment"], total["expenditure"]
    assert abs(float(total["execution_rate"]) - spent / allotted) < 0.00005


def test_monthly_execution_lists_the_solar_months(client_as):
    data = client_as("auditor").get(f"{API}/execution/monthly?fiscal_year=1395").json()
    names = [m["name"] for m in data["months"]]
    assert names[0] == "Jadi 1394"
    assert names[-1] == "Qaws 1395"
    assert len(names) == 12
    assert data["months"][0]["start"] == "2015-12-22"
    assert data["months"][-1]["cumulative"] == sum(m["expended"] for m in data["months"])


@pytest.mark.parametrize(
    ("path", "code", "status"),
    [
        ("/execution?fiscal_year=1399", "unknown_fiscal_year", 422),
        ("/execution?fiscal_year=1395&by=district", "unknown_rollup_level", 422),
        ("/execution?fiscal_year=1395&currency=EUR", "unknown_currency", 422),
        ("/fiscal-years/1399", "unknown_fiscal_year", 404),
        ("/lines?fiscal_year=abc", "unknown_fiscal_year", 422),
    ],
)
def test_bad_queries_have_stable_codes(client_as, path, code, status):
    response = client_as("hub-staff").get(API + path)
    assert response.status_code == status
    assert response.json()["code"] == code


def test_hub_staff_record_an_expenditure_and_the_rate_moves(client_as, fresh_line):
    line = fresh_line(code="own-veh", allot=50_000_000)
    client = client_as("hub-staff")
    before = client.get(f"{API}/execution?fiscal_year=1395&by=line").json()
    response = post(
        client,
        f"/lines/{line.pk}/entries",
        {"kind": "expenditure", "date": "2016-08-01", "amount_minor": 20_000_000},
    )
    assert response.status_code == 201, response.content
    assert response.json()["signed_minor"] == 20_000_000
    after = client.get(f"{API}/execution?fiscal_year=1395&by=line").json()
    row = next(r for r in after["rows"] if r["line_id"] == line.pk)
    assert (row["figures"]["allotment"], row["figures"]["expenditure"]) == (50_000_000, 20_000_000)
    assert row["figures"]["execution_rate"] == "0.4000"
    total = after["total"]
    assert total["expenditure"] == before["total"]["expenditure"] + 20_000_000
    rate = total["expenditure"] / total["allotment"]
    assert abs(float(total["execution_rate"]) - rate) < 0.00005


def test_refused_writes_answer_problem_json_and_write_nothing(client_as):
    line = BudgetLine.objects.get(code="mod-veh-1395")
    count = BudgetEntry.objects.count()
    client = client_as("hub-staff")
    too_much = post(
        client,
        f"/lines/{line.pk}/entries",
        {"kind": "expenditure", "date": "2016-08-01", "amount_minor": 10**15},
    )
    assert too_much.status_code == 409
    assert too_much.json()["code"] == "expenditure_exceeds_allotment"
    negative = post(
        client,
        f"/lines/{line.pk}/entries",
        {"kind": "allotment", "date": "2016-08-01", "amount_minor": -1},
    )
    assert negative.status_code == 422
    assert negative.json()["code"] == "amount_not_positive"
    closed = BudgetLine.objects.get(code="mod-veh-1394")
    response = post(
        client,
        f"/lines/{closed.pk}/entries",
        {"kind": "expenditure", "date": "2015-08-01", "amount_minor": 1},
    )
    assert response.status_code == 409
    assert response.json()["code"] == "fiscal_year_closed"
    forbidden = post(
        client_as("fund-manager"),
        f"/lines/{line.pk}/entries",
        {"kind": "requirement", "date": "2016-08-01", "amount_minor": 1},
    )
    assert forbidden.status_code == 403
    assert BudgetEntry.objects.count() == count


def test_a_line_is_created_reversed_and_listed(client_as):
    client = client_as("admin")
    created = post(
        client,
        "/lines",
        {
            "fiscal_year": "1395",
            "ministry": "moi",
            "programme": "p2",
            "sub_programme": "fuel",
            "code": "moi-gen-1395",
            "name": "Generators",
            "currency": "USD",
        },
    )
    assert created.status_code == 201, created.content
    line_id = created.json()["id"]
    post(
        client,
        f"/lines/{line_id}/entries",
        {"kind": "allotment", "date": "2016-01-05", "amount_minor": 500},
    )
    entries = client.get(f"{API}/lines/{line_id}/entries").json()
    reversed_ = post(client, f"/entries/{entries[0]['id']}/reverse", {"reason": "wrong line"})
    assert reversed_.status_code == 201
    assert reversed_.json()["reverses"] == entries[0]["id"]
    unknown = post(
        client,
        "/lines",
        {
            "fiscal_year": "1390",
            "ministry": "moi",
            "programme": "p2",
            "sub_programme": "fuel",
            "code": "x",
            "name": "x",
        },
    )
    assert unknown.status_code == 422
    assert unknown.json()["code"] == "unknown_fiscal_year"


def test_the_russian_delegation_reads_public_lines_only(client_as, fresh_line):
    nato_line = fresh_line(code="own-nato", allot=123_456, marking="NATO", currency="USD")
    public_line = fresh_line(code="own-public", allot=65_432, marking="PUBLIC", currency="USD")
    rus = client_as("delegation-rus")
    assert rus.get(f"{API}/lines/{nato_line.pk}").status_code == 404
    codes = {line["code"] for line in rus.get(f"{API}/lines?page_size=500").json()["items"]}
    assert "own-nato" not in codes
    assert "own-public" in codes

    def execution(client) -> tuple[dict, dict]:
        body = client.get(f"{API}/execution?fiscal_year=1395&currency=USD&by=line").json()
        return {r["line_id"]: r["figures"] for r in body["rows"]}, body["total"]

    rus_rows, rus_total = execution(rus)
    usa_rows, usa_total = execution(client_as("delegation-usa"))
    assert nato_line.pk not in rus_rows
    assert usa_rows[nato_line.pk]["allotment"] == 123_456
    assert rus_rows[public_line.pk] == usa_rows[public_line.pk]
    assert rus_rows[public_line.pk]["allotment"] == 65_432
    # Each line the Russian delegation reads rolls up alike for both; the totals differ by
    # exactly the lines it may not read.
    assert all(usa_rows[line] == figures for line, figures in rus_rows.items())
    unread = sum(f["allotment"] for line, f in usa_rows.items() if line not in rus_rows)
    assert unread >= 123_456
    assert usa_total["allotment"] - rus_total["allotment"] == unread


def test_sustainment_by_year_compares_pledged_and_actual(client_as, own_sustainment_years):
    known, unknown = own_sustainment_years
    years = {y["year"]: y for y in client_as(None).get(f"{API}/sustainment/by-year").json()}
    mine = years[known]
    assert mine["pledged_usd_minor"] == 3_800 * MILLION_USD
    # The actual total counts the groups whose funding is known; the year is not complete.
    assert mine["actual_usd_minor"] == 2_900 * MILLION_USD
    assert mine["actual_usd_minor"] == sum(g["actual_usd_minor"] or 0 for g in mine["groups"])
    assert mine["gap_usd_minor"] == 900 * MILLION_USD
    assert mine["complete"] is False
    assert mine["estimated"] is True
    assert {g["donor_group"] for g in mine["groups"]} == {
        "us",
        "other_nations",
        "afghan_government",
    }
    later = years[unknown]
    assert later["pledged_usd_minor"] == 2_500 * MILLION_USD
    assert (later["actual_usd_minor"], later["complete"], later["estimated"]) == (
        None,
        False,
        False,
    )


def test_codes_name_the_records_they_name(client_as):
    client = client_as(None)
    assert client.get(f"{API}/ministries/moi").json()["short_name"] == "MoI"
    assert client.get(f"{API}/ministries/nope").status_code == 404
    subs = client.get(f"{API}/sub-programmes?ministry=moi&programme=p2").json()
    assert {s["code"] for s in subs} == {"fuel", "facilities"}
    assert client.get(f"{API}/sub-programmes?programme=p2").json()["code"] == "ministry_missing"


def test_a_public_pledge_does_not_reveal_a_nato_joint_action(client_as):
    from accord.budget.models import SustainmentPledge

    pledge = SustainmentPledge.objects.filter(joint_action__isnull=False).first()
    assert pledge is not None
    assert pledge.joint_action.marking == "NATO"
    path = f"{API}/sustainment/{pledge.pk}"
    assert client_as("delegation-usa").get(path).json()["joint_action"] == "andsf_sustainment"
    assert client_as("delegation-rus").get(path).json()["joint_action"] is None
    assert client_as(None).get(path).json()["joint_action"] is None
    page = client_as("delegation-rus").get("/budget/sustainment/").content.decode()
    assert pledge.joint_action.name not in page


@pytest.mark.parametrize(
    "path",
    [
        "/lines/99999999999999999999",
        "/sustainment/99999999999999999999",
        "/lines/99999999999999999999/entries",
    ],
)
def test_out_of_range_ids_are_not_found_not_a_crash(client_as, path):
    assert client_as("admin").get(API + path).status_code in (404, 422)


def test_a_ministry_without_an_organisation_is_created(client_as):
    client = client_as("hub-staff")
    response = post(
        client,
        "/ministries",
        {"code": "mof", "name": "Ministry of Finance", "organisation": ""},
    )
    assert response.status_code == 201, response.content
    assert response.json()["code"] == "mof"


def test_a_nul_character_in_a_query_is_bad_input_not_a_crash(client_as):
    response = client_as("admin").get("/api/v1/budget/lines", {"q": "a\x00b"})
    assert response.status_code == 422
    assert response.json()["code"] == "nul_character"
