"""The fund's own books as the UN MPTF Office Gateway reports them: implementers' expenditure,
interest, the administrative agent's fee and direct costs as entry kinds; realised and unrealised
exchange differences; and the bank reconciliation (CSV and CAMT.053 statements matched to the
ledger). The ledger stays balanced throughout; every write and refusal is audited."""

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import F, Sum

from accord.audit.models import AuditEntry
from accord.core.models import Nation
from accord.funds import selectors, services
from accord.funds.engine import bank
from accord.funds.engine.currency import share_half_even
from accord.funds.models import BankLine, BankStatement, LedgerAccount, LedgerEntry
from tests.funds.conftest import (
    SYSTEM,
    contribution_make,
    disbursement_make,
    exchange_rate_make,
    fund_make,
)

BASE = "/api/v1/funds/funds"
CAMT = Path(__file__).with_name("camt053_sample.xml")


def post(client, path, payload):
    return client.post(path, json.dumps(payload), content_type="application/json")


def balanced(fund) -> bool:
    sums = LedgerAccount.objects.filter(fund=fund).aggregate(
        debits=Sum(F("debits_pending") + F("debits_posted")),
        credits=Sum(F("credits_pending") + F("credits_posted")),
    )
    return sums["debits"] == sums["credits"]


def test_half_even_share_and_the_camt_sample_read_without_a_database():
    assert share_half_even(1000, 1, 8) == 125  # exact
    assert share_half_even(5, 1, 2) == 2  # 2.5 to the even 2
    assert share_half_even(7, 1, 2) == 4  # 3.5 to the even 4
    kind, read = bank.read(CAMT.read_bytes())
    assert (kind, read.identifier) == ("camt053", "STMT-2015-01-TEST")
    assert [(line.day, line.amount, line.currency, line.reference) for line in read.lines] == [
        (date(2015, 1, 12), 25_000_000, "EUR", "BANKREF-0001"),
        (date(2015, 1, 15), -4_000_000, "EUR", "BANKREF-0002"),
    ]
    assert "camt-contrib-1" in read.lines[0].description


@pytest.mark.django_db
def test_the_gateway_entry_kinds_post_balanced_and_show_on_the_statement_by_kind(client_as):
    fund = fund_make("books_fund")
    contribution_make(fund, "DEU", "200000", date(2015, 1, 5))
    disbursement_make(fund, "50000", date(2015, 1, 20))
    manager = client_as("fund-manager")
    url = f"{BASE}/{fund.code}"
    made = [
        post(
            manager,
            f"{url}/expenditure",
            {"implementer": "Kazan Helicopters", "amount": "30000", "day": "2015-03-01"},
        ),
        post(manager, f"{url}/interest", {"amount": "120.50", "day": "2015-03-31"}),
        # 1 % of the 200,000 received: 2,000.
        post(manager, f"{url}/fees", {"percent": "1", "day": "2015-03-31"}),
        post(
            manager,
            f"{url}/direct-costs",
            {"purpose": "Annual audit", "amount": "800", "day": "2015-04-02"},
        ),
    ]
    assert [r.status_code for r in made] == [201] * 4, [r.content for r in made]
    assert [r.json()["kind"] for r in made] == ["expenditure", "interest", "fee", "direct_cost"]
    assert made[2].json()["amount"] == "2000.00"
    # Nothing more is due on the same contributions; more spending than was disbursed is refused.
    again = post(manager, f"{url}/fees", {"percent": "1", "day": "2015-04-30"})
    assert (again.status_code, again.json()["code"]) == (409, "fee_nothing_due")
    over = post(
        manager,
        f"{url}/expenditure",
        {"implementer": "Kazan", "amount": "20000.01", "day": "2015-04-03"},
    )
    assert (over.status_code, over.json()["code"]) == (409, "expenditure_exceeds_disbursed")
    assert AuditEntry.objects.filter(
        action="expenditure.record", outcome="refused", error_code="expenditure_exceeds_disbursed"
    ).exists()
    denied = post(
        client_as("delegation-deu"), f"{url}/interest", {"amount": "1", "day": "2015-03-31"}
    )
    assert denied.status_code == 403
    assert balanced(fund)

    statement = manager.get(f"{url}/statement?at=2015-12-31").json()
    assert statement["by_kind"] == {
        "expenditure": "30000.00",
        "interest": "120.50",
        "fees": "2000.00",
        "direct_costs": "800.00",
        "fx_realised": "0.00",
        "fx_unrealised": "0.00",
    }
    # Cash = received + interest − disbursed − fees − direct costs.
    assert statement["figures"]["available"] == "147320.50"
    page = manager.get(f"/funds/{fund.code}/statement/?at=2015-12-31").content.decode()
    assert 'data-figure="interest"' in page
    assert "120.50" in page
    exported = manager.get(f"/funds/{fund.code}/statement.csv?at=2015-12-31")
    csv = b"".join(exported.streaming_content).decode()
    assert "By kind of entry" in csv
    assert "800.00" in csv


@pytest.mark.django_db
def test_a_page_form_records_a_direct_cost(client_as):
    fund = fund_make("cost_fund")
    contribution_make(fund, "DEU", "1000", date(2015, 1, 5))
    manager = client_as("fund-manager")
    page = f"/funds/{fund.code}/direct-costs/new/"
    assert manager.get(page).status_code == 200
    sent = manager.post(
        page,
        {"purpose": "Audit", "amount": "250.00", "day": "2015-02-01", "idempotency_key": "dc-1"},
    )
    assert sent.status_code == 302, sent.content.decode()[:2000]
    entry = LedgerEntry.objects.get(fund=fund, kind="direct_cost")
    assert entry.description == "Direct cost: Audit"
    # More than is available is refused in words, nothing posted.
    refused = manager.post(
        page,
        {"purpose": "Audit", "amount": "5000", "day": "2015-02-01", "idempotency_key": "dc-2"},
    )
    assert refused.status_code == 409
    assert "available" in refused.content.decode()
    assert LedgerEntry.objects.filter(fund=fund, kind="direct_cost").count() == 1


@pytest.mark.django_db
def test_a_foreign_pledge_paid_at_a_later_rate_realises_the_difference_and_reverses_with_it():
    fund = fund_make("fx_fund")
    germany = Nation.objects.get(iso3="DEU")
    exchange_rate_make("USD", date(2015, 1, 2), "1.20")
    exchange_rate_make("USD", date(2015, 6, 1), "1.10")
    pledge = services.pledge_record(
        actor=SYSTEM, fund=fund, nation=germany, amount="1200", currency="USD", day=date(2015, 1, 2)
    )
    assert pledge.fund_amount_minor == 100_000  # 1,200 USD at 1.20 = 1,000.00 EUR booked
    # Half paid in June, when the dollar is dearer: 600 USD is 545.45 EUR against 500.00 booked.
    paid = services.contribution_record(
        actor=SYSTEM,
        fund=fund,
        nation=germany,
        amount="600",
        currency="USD",
        day=date(2015, 6, 1),
        pledge=pledge,
        idempotency_key="fx-paid",
    )
    assert paid.fund_amount_minor == 54_545
    fx = LedgerEntry.objects.get(pk=f"{paid.entry_id}.fx")
    assert fx.kind == "fx_realised"
    s = selectors.statement_on(fund, date(2015, 6, 30))
    assert (s.received, s.fx_realised, s.cash) == (50_000, 4_545, 54_545)
    assert s.donors[0].outstanding == 50_000
    assert balanced(fund)

    # Reversing the contribution undoes its exchange difference first.
    services.entry_reverse(
        actor=SYSTEM, fund=fund, entry=paid.entry, day=date(2015, 6, 2), reason="Test"
    )
    s = selectors.statement_on(fund, date(2015, 6, 30))
    assert (s.received, s.fx_realised, s.cash) == (0, 0, 0)
    assert LedgerEntry.objects.filter(reverses=fx).exists()
    assert balanced(fund)


@pytest.mark.django_db
def test_a_revaluation_posts_unrealised_differences_and_the_next_one_replaces_it(client_as):
    fund = fund_make("reval_fund")
    exchange_rate_make("USD", date(2015, 1, 2), "1.25")
    exchange_rate_make("USD", date(2015, 3, 31), "1.00")
    exchange_rate_make("USD", date(2015, 6, 30), "1.60")
    services.pledge_record(
        actor=SYSTEM,
        fund=fund,
        nation=Nation.objects.get(iso3="DEU"),
        amount="1000",
        currency="USD",
        day=date(2015, 1, 2),
    )  # booked 800.00 EUR
    manager = client_as("fund-manager")
    url = f"{BASE}/{fund.code}/revaluation"
    preview = manager.get(f"{url}?at=2015-03-31").json()
    assert preview["lines"][0] | {"pledge": ""} == {
        "pledge": "",
        "nation": "DEU",
        "day": "2015-01-02",
        "currency": "USD",
        "open": "1000.00",
        "booked": "800.00",
        "revalued": "1000.00",
        "difference": "200.00",
    }
    first = post(manager, url, {"day": "2015-03-31"})
    assert first.status_code == 201, first.content
    assert first.json()["differences"] == {"DEU": "200.00"}
    assert selectors.statement_on(fund, date(2015, 3, 31)).fx_unrealised == 20_000
    second = post(manager, url, {"day": "2015-06-30"})
    assert second.json()["reversed"] == [first.json()["entry"]]
    assert selectors.statement_on(fund, date(2015, 6, 30)).fx_unrealised == -17_500  # 625 − 800
    late = post(manager, url, {"day": "2015-05-01"})
    assert (late.status_code, late.json()["code"]) == (409, "revaluation_out_of_order")
    assert post(client_as("auditor"), url, {"day": "2015-07-01"}).status_code == 403
    page = manager.get(f"/funds/{fund.code}/revaluation/?at=2015-06-30")
    assert page.status_code == 200
    assert 'id="revaluation-lines"' in page.content.decode()
    assert balanced(fund)


@pytest.mark.django_db
def test_a_csv_statement_is_matched_kept_whole_and_once(client_as):
    fund = fund_make("bank_fund")
    manager = client_as("fund-manager")
    services.contribution_record(
        actor=SYSTEM,
        fund=fund,
        nation=Nation.objects.get(iso3="DEU"),
        amount="1000",
        currency="EUR",
        day=date(2015, 2, 2),
        idempotency_key="HMTF-0042",
    )
    contribution_make(fund, "RUS", "1000", date(2015, 2, 3))
    disbursement_make(fund, "300", date(2015, 2, 10))
    url = f"{BASE}/{fund.code}/bank-statements"
    bad = (
        b"date,amount,currency,reference,description\n"
        b"2015-02-03,1000.00,EUR,,\n"
        b"2015-02-31,5,EUR,,\n"
    )
    refused = manager.post(url, {"file": SimpleUploadedFile("bad.csv", bad)})
    assert (refused.status_code, refused.json()["code"]) == (422, "bank_file_invalid")
    assert "Line 3" in refused.json()["detail"]
    assert not BankLine.objects.filter(fund=fund).exists()

    # The Russian payment is named by nothing: it matches by amount and nearest day; the German
    # one by its reference, though both are 1,000.00 EUR.
    good = (
        b"date,amount,currency,reference,description\n"
        b"2015-02-04,1000.00,EUR,,Russian Federation\n"
        b"2015-02-04,1000.00,EUR,HMTF-0042,Germany\n"
        b"2015-02-20,-75.00,EUR,FEE,Bank charges\n"
    )
    made = manager.post(url, {"file": SimpleUploadedFile("feb.csv", good)})
    assert made.status_code == 201, made.content
    assert (made.json()["lines"], made.json()["matched"]) == (3, 2)
    twice = manager.post(url, {"file": SimpleUploadedFile("feb-again.csv", good)})
    assert (twice.status_code, twice.json()["code"]) == (409, "bank_statement_duplicate")
    assert BankStatement.objects.filter(fund=fund).count() == 1

    r = manager.get(f"{BASE}/{fund.code}/reconciliation").json()
    by_ref = {line["reference"]: line for line in r["lines"]}
    assert by_ref["HMTF-0042"]["entry"] == "HMTF-0042"
    assert by_ref[""]["status"] == "proposed"
    assert by_ref["FEE"]["status"] == "unmatched"
    assert r["unmatched_lines"] == 1
    assert [e["amount"] for e in r["unmatched_entries"]] == ["-300.00"]
    assert client_as("auditor").get(f"{BASE}/{fund.code}/reconciliation").status_code == 403
    assert AuditEntry.objects.filter(action="bank_statement.import", outcome="refused").count() == 2


@pytest.mark.django_db
def test_a_manager_imports_camt053_on_the_page_and_confirms_undoes_and_matches_by_hand(client_as):
    fund = fund_make("camt_fund")
    manager = client_as("fund-manager")
    services.contribution_record(
        actor=SYSTEM,
        fund=fund,
        nation=Nation.objects.get(iso3="DEU"),
        amount="250000",
        currency="EUR",
        day=date(2015, 1, 12),
        idempotency_key="camt-contrib-1",
    )
    paid = disbursement_make(fund, "40000", date(2015, 1, 6))  # nine days before the bank's
    page = f"/funds/{fund.code}/reconciliation/"
    upload = manager.post(
        f"{page}import/", {"file": SimpleUploadedFile("camt.xml", CAMT.read_bytes())}
    )
    assert upload.status_code == 200
    assert 'id="import-result"' in upload.content.decode()
    lines = {line.reference: line for line in BankLine.objects.filter(fund=fund)}
    incoming, outgoing = lines["BANKREF-0001"], lines["BANKREF-0002"]
    assert incoming.status == "proposed"
    assert outgoing.status == "unmatched"

    assert manager.post(f"{page}lines/{incoming.pk}/match/").status_code == 302
    incoming.refresh_from_db()
    assert (incoming.status, incoming.matched_by) == ("confirmed", "fund-manager")
    manager.post(f"{page}lines/{incoming.pk}/unmatch/")
    incoming.refresh_from_db()
    assert (incoming.status, incoming.entry_id) == ("unmatched", None)
    # By hand: the disbursement outside the three days' window; a wrong amount is refused.
    manager.post(f"{page}lines/{outgoing.pk}/match/", {"entry": paid.entry_id})
    outgoing.refresh_from_db()
    assert (outgoing.status, outgoing.entry_id) == ("confirmed", paid.entry_id)
    wrong = post(
        manager,
        f"{BASE}/{fund.code}/bank-lines/{incoming.pk}/match",
        {"entry": paid.entry_id},
    )
    assert (wrong.status_code, wrong.json()["code"]) == (422, "bank_match_mismatch")
    shown = manager.get(page).content.decode()
    assert 'id="bank-lines"' in shown
    assert "BANKREF-0001" in shown
    assert AuditEntry.objects.filter(action="bank_line.unmatch", outcome="done").exists()
    assert Decimal(incoming.amount_minor) == 25_000_000
