"""The funds API through Django's test client against the mounted API."""

import json
from datetime import date

import pytest

from accord.audit.models import AuditEntry
from accord.funds import ledger
from accord.funds.models import Disbursement, LedgerEntry
from tests.funds.conftest import (
    commitment_make,
    contribution_make,
    disbursement_make,
    exchange_rate_make,
    fund_make,
    pledge_make,
)

pytestmark = pytest.mark.django_db
BASE = "/api/v1/funds/funds"
D = date(2015, 1, 15)


def post(client, path, payload):
    return client.post(path, json.dumps(payload), content_type="application/json")


@pytest.fixture
def manager(client_as):
    return client_as("fund-manager")


def test_a_retried_request_posts_once_and_a_changed_one_is_a_conflict(manager, persona):
    body = {
        "nation": "DEU",
        "amount": "1250.50",
        "currency": "EUR",
        "day": "2015-02-01",
        "idempotency_key": "api-retry-1",
    }
    first = post(manager, f"{BASE}/nrc_hmtf/contributions", body)
    again = post(manager, f"{BASE}/nrc_hmtf/contributions", body)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    # The key is the caller's own: one entry under it, the one the answer names.
    assert first.json()["entry"] == ledger.entry_id_for(persona("fund-manager"), "api-retry-1")
    assert LedgerEntry.objects.filter(pk=first.json()["entry"]).count() == 1
    changed = post(manager, f"{BASE}/nrc_hmtf/contributions", {**body, "amount": "1250.51"})
    assert changed.status_code == 409
    assert changed["Content-Type"].startswith("application/problem+json")
    assert changed.json()["code"] == "idempotency_conflict"


def test_over_disbursement_answers_409_with_the_available_amount(manager, client_as):
    statement = client_as(None).get(f"{BASE}/nrc_hmtf/statement").json()
    available = statement["figures"]["available"]
    too_much = post(
        manager,
        f"{BASE}/nrc_hmtf/disbursements",
        {"amount": "99999999", "day": "2015-02-01", "payee": "Vendor"},
    )
    assert too_much.status_code == 409
    problem = too_much.json()
    assert problem["code"] == "insufficient_funds"
    assert f"{float(available):,.2f} EUR available" in problem["detail"]
    assert not Disbursement.objects.filter(payee="Vendor").exists()
    ok = post(
        manager,
        f"{BASE}/nrc_hmtf/disbursements",
        {"amount": "10", "day": "2015-02-01", "payee": "Vendor"},
    )
    assert ok.status_code == 201
    after = client_as(None).get(f"{BASE}/nrc_hmtf/statement").json()
    assert float(after["figures"]["available"]) == pytest.approx(float(available) - 10)


@pytest.mark.parametrize(
    ("payload", "code"),
    [
        ({"currency": "ZZZ"}, "unknown_currency"),
        ({"amount": "0"}, "amount_not_positive"),
        ({"amount": "-100"}, "amount_not_positive"),
        ({"currency": "USD", "day": "1995-01-01"}, "exchange_rate_missing"),
    ],
)
def test_bad_input_is_a_problem_with_a_stable_code(manager, payload, code):
    body = {"nation": "DEU", "amount": "100", "currency": "EUR", "day": "2015-02-01", **payload}
    before = LedgerEntry.objects.count()
    answer = post(manager, f"{BASE}/nrc_hmtf/pledges", body)
    assert answer.status_code == 422
    assert answer.json()["code"] == code
    assert LedgerEntry.objects.count() == before
    assert AuditEntry.objects.filter(action="pledge.record", error_code=code).exists()


def test_a_disbursement_beyond_its_commitment_is_refused(manager):
    fund = fund_make("api_commitments")
    contribution_make(fund, "DEU", "5000", D)
    medevac = commitment_make(fund, "1500", D, payee="MEDEVAC services")
    disbursement_make(fund, "250", D, commitment=medevac)
    commitments = manager.get(f"{BASE}/{fund.code}/commitments").json()
    assert [c["remaining"] for c in commitments] == ["1250.00"]
    answer = post(
        manager,
        f"{BASE}/{fund.code}/disbursements",
        {"amount": "1250.01", "day": "2015-02-01", "commitment": commitments[0]["entry"]},
    )
    assert answer.status_code == 409
    assert answer.json()["code"] == "exceeds_commitment"
    assert "1,250.00 EUR is left" in answer.json()["detail"]


def test_statements_at_a_date_in_eur_and_usd(client_as):
    fund = fund_make("api_usd", currency="USD", donors=("USA", "NOR"))
    pledge_make(fund, "USA", "2000", date(2015, 1, 10))
    pledge_make(fund, "NOR", "500", date(2015, 3, 1))
    contribution_make(fund, "USA", "1200", date(2015, 6, 1))
    contribution_make(fund, "USA", "300", date(2016, 2, 1))  # after the statement's date
    exchange_rate_make("USD", date(2015, 12, 31), "1.25")
    s = client_as("auditor").get(f"{BASE}/{fund.code}/statement?at=2015-12-31").json()
    assert s["currency"] == "USD"
    assert s["figures"]["received"] == "1200.00"
    assert s["in_eur"]["received"] == "960.00"  # 1,200 USD at 1.25 USD to the euro
    donors = {d["nation"]: d for d in s["donors"]}
    assert (donors["USA"]["received"], donors["USA"]["outstanding"]) == ("1200.00", "800.00")
    assert (donors["NOR"]["received"], donors["NOR"]["outstanding"]) == ("0.00", "500.00")
    assert client_as("auditor").get(f"{BASE}/{fund.code}/statement?at=soon").status_code == 422


def test_a_closed_fund_takes_no_contribution(manager):
    fund = manager.get(f"{BASE}/nrc_hmtf").json()
    closed = manager.patch(
        f"{BASE}/nrc_hmtf",
        json.dumps({"expected_version": fund["version"], "status": "closed"}),
        content_type="application/json",
    )
    assert closed.status_code == 200
    refused = post(
        manager,
        f"{BASE}/nrc_hmtf/contributions",
        {"nation": "DEU", "amount": "1", "currency": "EUR", "day": "2015-02-01"},
    )
    assert refused.status_code == 409
    assert refused.json()["code"] == "fund_closed"
