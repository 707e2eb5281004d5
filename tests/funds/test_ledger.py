"""The ledger on the database: idempotent posting, limits, two phases, reversal, immutability."""

from datetime import date
from decimal import Decimal

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from accord.access import system_principal
from accord.audit.models import AuditEntry
from accord.audit.selectors import audit_verify
from accord.audit.services import audit_seal_pending
from accord.core.models import Nation, User
from accord.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from accord.funds import ledger, selectors, services
from accord.funds.engine import postings
from accord.funds.engine.ledger import replay
from accord.funds.inputs import DonorPayment, FundValues
from accord.funds.models import (
    Contribution,
    LedgerAccount,
    LedgerEntry,
    LedgerTransfer,
    Pledge,
)
from tests.funds.conftest import contribution_make, disbursement_make

D = date(2013, 3, 1)


def snapshot_ledger():
    return (
        LedgerEntry.objects.count(),
        LedgerTransfer.objects.count(),
        list(
            LedgerAccount.objects.order_by("pk").values_list(
                "debits_pending", "debits_posted", "credits_pending", "credits_posted"
            )
        ),
    )


def refused(action: str, code: str) -> int:
    return AuditEntry.objects.filter(action=action, outcome="refused", error_code=code).count()


def fund_position(fund):
    return selectors.fund_statement(actor=system_principal("t"), fund=fund).statement


def test_a_retry_posts_once_and_other_content_under_the_same_key_is_a_conflict(
    fund, system, nation
):
    args = dict(actor=system, fund=fund, nation=nation("DEU"), currency="EUR", day=D)
    first = services.contribution_record(**args, amount="1000.00", idempotency_key="k-1")
    again = services.contribution_record(**args, amount="1000.00", idempotency_key="k-1")
    assert again.pk == first.pk
    before = snapshot_ledger()
    with pytest.raises(Conflict) as conflict:
        services.contribution_record(**args, amount="1000.01", idempotency_key="k-1")
    assert conflict.value.code == "idempotency_conflict"
    assert snapshot_ledger() == before
    assert refused("contribution.record", "idempotency_conflict") == 1
    assert fund_position(fund).received == 100000


def test_a_contribution_against_a_pledge_posts_once_its_pledge_audited(fund, system, nation):
    """Against a pledge in the fund's currency (no exchange difference to realise) a
    contribution posts as one without: once under its key, the pledge named in its audit entry
    and its fingerprint (the same key without the pledge is other content)."""
    deu = nation("DEU")
    pledge = services.pledge_record(
        actor=system, fund=fund, nation=deu, amount="500", currency="EUR", day=D
    )
    args = dict(actor=system, fund=fund, nation=deu, currency="EUR", day=D, idempotency_key="p-1")
    first = services.contribution_record(**args, amount="200", pledge=pledge)
    assert services.contribution_record(**args, amount="200", pledge=pledge).pk == first.pk
    with pytest.raises(Conflict) as conflict:
        services.contribution_record(**args, amount="200")
    assert conflict.value.code == "idempotency_conflict"
    assert Contribution.objects.get(pk=first.pk).pledge_id == pledge.pk
    audited = AuditEntry.objects.get(action="contribution.record", object_id=str(first.pk))
    assert audited.changes["pledge"] == [None, pledge.pk]
    assert fund_position(fund).received == 20000
    audit_seal_pending()
    assert audit_verify().ok


def test_a_disbursement_beyond_the_available_balance_is_refused_saying_what_is_available(
    fund, system, nation
):
    services.contribution_record(
        actor=system, fund=fund, nation=nation("DEU"), amount="1000", currency="EUR", day=D
    )
    services.commitment_record(actor=system, fund=fund, amount="600", day=D, payee="NSPA")
    before = snapshot_ledger()
    with pytest.raises(Conflict) as too_much:
        services.disbursement_record(actor=system, fund=fund, amount="400.01", day=D, payee="X")
    assert too_much.value.code == "insufficient_funds"
    assert "400.00 EUR available" in too_much.value.detail
    assert snapshot_ledger() == before
    assert refused("disbursement.record", "insufficient_funds") == 1
    services.disbursement_record(actor=system, fund=fund, amount="400", day=D, payee="X")
    s = fund_position(fund)
    assert (s.received, s.committed, s.disbursed, s.available) == (100000, 60000, 40000, 0)


def test_a_commitment_is_disbursed_in_parts_and_its_rest_cancelled(fund, system, nation):
    services.contribution_record(
        actor=system, fund=fund, nation=nation("RUS"), amount="500", currency="EUR", day=D
    )
    c = services.commitment_record(actor=system, fund=fund, amount="300", day=D, payee="NARP")
    services.disbursement_record(actor=system, fund=fund, amount="100", day=D, commitment=c)
    with pytest.raises(Conflict) as beyond:
        services.disbursement_record(actor=system, fund=fund, amount="200.01", day=D, commitment=c)
    assert beyond.value.code == "exceeds_commitment"
    assert "200.00 EUR is left" in beyond.value.detail
    services.commitment_cancel(actor=system, commitment=c, day=D)
    s = fund_position(fund)
    assert (s.committed, s.disbursed, s.available) == (0, 10000, 40000)
    with pytest.raises(Conflict) as closed:
        services.commitment_cancel(actor=system, commitment=c, day=D)
    assert closed.value.code == "commitment_closed"


def test_corrections_are_made_by_reversal_and_entries_cannot_be_edited(fund, system, nation):
    c = services.contribution_record(
        actor=system, fund=fund, nation=nation("DEU"), amount="70", currency="EUR", day=D
    )
    services.entry_reverse(actor=system, fund=fund, entry=c.entry, day=D, reason="wrong amount")
    assert fund_position(fund).received == 0
    with pytest.raises(Conflict) as twice:
        services.entry_reverse(actor=system, fund=fund, entry=c.entry, day=D, reason="again")
    assert twice.value.code == "already_reversed"
    with pytest.raises(DatabaseError, match="immutable"), transaction.atomic():
        LedgerEntry.objects.filter(pk=c.entry_id).update(description="edited")
    with pytest.raises(DatabaseError, match="immutable"), transaction.atomic():
        LedgerTransfer.objects.filter(entry=c.entry).update(amount=1)
    with pytest.raises(DatabaseError, match="immutable"), transaction.atomic():
        LedgerTransfer.objects.filter(entry=c.entry).delete()
    # Raw SQL, as someone with database access would: the ORM stops earlier, on PROTECT.
    with (
        pytest.raises(DatabaseError, match="immutable"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("DELETE FROM funds_ledgerentry WHERE id = %s", [c.entry_id])


def test_reversing_a_spent_contribution_is_refused_by_the_limit(fund, system, nation):
    c = services.contribution_record(
        actor=system, fund=fund, nation=nation("DEU"), amount="70", currency="EUR", day=D
    )
    services.disbursement_record(actor=system, fund=fund, amount="50", day=D, payee="X")
    with pytest.raises(Conflict) as spent:
        services.entry_reverse(actor=system, fund=fund, entry=c.entry, day=D, reason="oops")
    assert spent.value.code == "insufficient_funds"
    assert "20.00 EUR available" in spent.value.detail


def test_the_database_refuses_an_overdraft_even_past_the_services(fund, system, nation):
    services.contribution_record(
        actor=system, fund=fund, nation=nation("DEU"), amount="10", currency="EUR", day=D
    )
    cash = LedgerAccount.objects.get(fund=fund, kind="cash")
    with pytest.raises(IntegrityError), transaction.atomic():
        LedgerAccount.objects.filter(pk=cash.pk).update(credits_posted=1001)


@pytest.mark.parametrize(
    ("amount", "currency", "day", "code"),
    [
        ("100", "XYZ", D, "unknown_currency"),
        ("0", "EUR", D, "amount_not_positive"),
        ("-5", "EUR", D, "amount_not_positive"),
        ("1.001", "EUR", D, "amount_precision"),
        ("100", "USD", date(1990, 1, 1), "exchange_rate_missing"),
    ],
)
def test_bad_money_is_refused_with_a_stable_code_and_audited(
    fund, system, nation, amount, currency, day, code
):
    before = snapshot_ledger()
    with pytest.raises(ValidationFailed) as bad:
        services.pledge_record(
            actor=system,
            fund=fund,
            nation=nation("DEU"),
            amount=amount,
            currency=currency,
            day=day,
        )
    assert bad.value.code == code
    assert snapshot_ledger() == before
    assert refused("pledge.record", code) == 1


def test_contributions_in_another_currency_use_the_rate_of_their_date(fund, system, nation):
    c = services.contribution_record(
        actor=system,
        fund=fund,
        nation=nation("RUS"),
        amount="4100000",
        currency="USD",
        day=date(2014, 6, 1),
    )
    # 2014 annual average: 1.3285 USD per EUR.
    assert c.fund_amount_minor == round(Decimal("4100000") / Decimal("1.3285") * 100)


@pytest.mark.parametrize(
    ("day", "code", "words"),
    [
        (date(2099, 1, 1), "date_in_future", "in the future"),
        (date(1900, 1, 1), "date_invalid", "before the mission's history begins"),
    ],
)
def test_money_is_received_and_paid_on_a_day_of_record(fund, system, nation, day, code, words):
    contribution_make(fund, "DEU", "1000", D)
    before = snapshot_ledger()
    moves = {
        "contribution.record": lambda: contribution_make(fund, "DEU", "10", day),
        "disbursement.record": lambda: disbursement_make(fund, "10", day),
        "refund.record": lambda: services.refund_record(
            actor=system, fund=fund, nation=nation("DEU"), amount="10", day=day
        ),
    }
    for action, move in moves.items():
        with pytest.raises(ValidationFailed) as refusal:
            move()
        assert (refusal.value.code, refusal.value.errors.keys()) == (code, {"day"})
        assert words in refusal.value.detail
        assert refused(action, code) == 1
    assert snapshot_ledger() == before


def test_a_contribution_to_a_closed_fund_is_refused(fund, system, nation):
    fund = services.fund_update(
        actor=system, fund=fund, values=FundValues(status="closed"), expected_version=fund.version
    )
    before = snapshot_ledger()
    with pytest.raises(Conflict) as closed:
        services.contribution_record(
            actor=system, fund=fund, nation=nation("DEU"), amount="1", currency="EUR", day=D
        )
    assert closed.value.code == "fund_closed"
    assert snapshot_ledger() == before
    assert refused("contribution.record", "fund_closed") == 1


def test_delegations_pledge_for_their_own_nation_only(fund, nation):
    usa = User.objects.get(username="delegation-usa")
    deu = User.objects.get(username="delegation-deu")
    pledge = services.pledge_record(
        actor=deu, fund=fund, nation=nation("DEU"), amount="5", currency="EUR", day=D
    )
    assert pledge.nation.iso3 == "DEU"
    with pytest.raises(PermissionDenied):
        services.pledge_record(
            actor=usa, fund=fund, nation=nation("DEU"), amount="5", currency="EUR", day=D
        )
    with pytest.raises(PermissionDenied):
        services.contribution_record(
            actor=deu, fund=fund, nation=nation("DEU"), amount="5", currency="EUR", day=D
        )
    assert Pledge.objects.filter(fund=fund).count() == 1


def test_the_russian_delegation_never_sees_nato_funds(db):
    rus = User.objects.get(username="delegation-rus")
    codes = set(selectors.fund_list(actor=rus).values_list("code", flat=True))
    assert "nrc_hmtf" in codes
    assert "ana_tf" not in codes
    with pytest.raises(NotFound):
        selectors.fund_get(actor=rus, code="ana_tf")
    auditor = User.objects.get(username="auditor")
    assert selectors.fund_get(actor=auditor, code="ana_tf").code == "ana_tf"


def test_the_statement_equals_a_replay_of_the_stored_transfers(db):
    system = system_principal("t")
    for fund in selectors.fund_list(actor=system):
        rows = LedgerTransfer.objects.filter(fund=fund).select_related(
            "debit__nation", "credit__nation"
        )
        replayed = replay([ledger.engine_transfer(r) for r in rows])
        live = selectors.live_balances(fund)
        donors = fund.donors.values_list("iso3", flat=True)
        assert postings.statement(replayed, donors) == postings.statement(live, donors)
        assert selectors.fund_statement(actor=system, fund=fund).statement == postings.statement(
            live, donors
        )


def test_a_statement_at_an_earlier_date_leaves_out_what_came_later(db):
    system = system_principal("t")
    fund = selectors.fund_get(actor=system, code="nrc_hmtf")
    early = selectors.fund_statement(actor=system, fund=fund, at=date(2011, 12, 31)).statement
    late = selectors.fund_statement(actor=system, fund=fund, at=date(2014, 12, 31)).statement
    assert 0 < early.received < late.received
    assert early.disbursed == 0 < late.disbursed
    fs = selectors.fund_statement(actor=system, fund=fund, at=date(2014, 12, 31))
    assert fs.converted["USD"]["received"] > fs.converted["EUR"]["received"]


OPS = st.lists(
    st.tuples(
        st.sampled_from(["contribution", "commitment", "disburse", "direct", "cancel", "refund"]),
        st.integers(1, 500),
        st.integers(0, 10),
    ),
    max_size=25,
)


class TestRandomLivesOnTheDatabase(HypothesisTestCase):
    """The same property as the engine's, against the database ledger."""

    @settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(OPS)
    def test_random_lives_never_overdraw_and_statements_replay(self, ops):
        system = system_principal("t")
        deu = Nation.objects.get(iso3="DEU")
        fund = services.fund_create(
            actor=system, values=FundValues(code="prop_fund", name="Prop", currency="EUR")
        )
        commitments = []
        for kind, amount, pick in ops:
            try:
                if kind == "contribution":
                    services.contribution_record(
                        actor=system, fund=fund, nation=deu, amount=amount, currency="EUR", day=D
                    )
                elif kind == "commitment":
                    commitments.append(
                        services.commitment_record(
                            actor=system, fund=fund, amount=amount, day=D, payee="P"
                        )
                    )
                elif kind == "direct":
                    services.disbursement_record(
                        actor=system, fund=fund, amount=amount, day=D, payee="P"
                    )
                elif kind == "refund":
                    services.refund_record(
                        actor=system, fund=fund, nation=deu, amount=amount, day=D
                    )
                elif commitments:
                    c = commitments[pick % len(commitments)]
                    if kind == "disburse":
                        services.disbursement_record(
                            actor=system, fund=fund, amount=amount, day=D, commitment=c
                        )
                    else:
                        services.commitment_cancel(actor=system, commitment=c, day=D)
            except Conflict:
                pass
            s = fund_position(fund)
            assert s.available >= 0
        rows = LedgerTransfer.objects.filter(fund=fund).select_related(
            "debit__nation", "credit__nation"
        )
        replayed = replay([ledger.engine_transfer(r) for r in rows])
        live = selectors.live_balances(fund)
        assert postings.statement(replayed, ["DEU"]) == postings.statement(live, ["DEU"])
        debits = sum(b.debits_pending + b.debits_posted for b in live.values())
        credits = sum(b.credits_pending + b.credits_posted for b in live.values())
        assert debits == credits


def test_a_national_fund_is_changed_only_by_fund_managers_of_its_nation(db, system, nation):
    fund = services.fund_create(
        actor=system,
        values=FundValues(
            code="us_national",
            name="US national fund",
            currency="USD",
            marking="NATIONAL",
            owner_nation=nation("USA"),
        ),
    )
    manager = User.objects.get(username="fund-manager")  # of Germany
    with pytest.raises(NotFound):
        selectors.fund_get(actor=manager, code="us_national")
    with pytest.raises(NotFound):
        services.contribution_record(
            actor=manager, fund=fund, nation=nation("USA"), amount="1", currency="USD", day=D
        )
    assert not LedgerEntry.objects.filter(fund=fund).exists()


def test_disbursements_name_the_budget_line_they_fund(fund, system, nation, client_as):
    from accord.budget.models import BudgetLine

    line = BudgetLine.objects.filter(marking="PUBLIC").first()
    assert line is not None, "the scenario's budget has public lines"
    services.contribution_record(
        actor=system, fund=fund, nation=nation("DEU"), amount="100", currency="EUR", day=D
    )
    c = services.commitment_record(
        actor=system, fund=fund, amount="80", day=D, payee="MoD", budget_line=line
    )
    d = services.disbursement_record(actor=system, fund=fund, amount="30", day=D, commitment=c)
    assert d.budget_line == line
    assert d.payee == "MoD"
    assert line.fund_disbursements.get() == d
    # The recipient's side sees it on the line it funds, in the page and in the API.
    page = client_as("hub-staff").get(f"/budget/lines/{line.pk}/")
    assert page.status_code == 200
    assert b"Test Trust Fund" in page.content
    listed = client_as("hub-staff").get(f"/api/v1/budget/lines/{line.pk}/disbursements").json()
    assert [(row["fund"], row["amount_minor"], row["currency"]) for row in listed] == [
        ("Test Trust Fund", 3000, "EUR")
    ]


def test_a_batch_of_donor_payments_posts_whole_or_not_at_all(fund, system, nation):
    deu, rus = nation("DEU"), nation("RUS")
    lines = [
        DonorPayment(nation=deu, amount="100.00", day=D, idempotency_key=f"b-{i}")
        for i in (1, 2, 3)
    ]
    lines.append(
        DonorPayment(nation=deu, amount="50.00", day=D, refund=True, idempotency_key="b-r")
    )
    audited_before = AuditEntry.objects.filter(outcome="done").count()
    posted = services.donor_payments_record(actor=system, fund=fund, payments=lines)
    assert [type(r).__name__ for r in posted] == ["Contribution"] * 3 + ["Refund"]
    assert ledger.available(fund) == 25000
    # Each line audited as its own service audits it, in the batch's transaction.
    assert AuditEntry.objects.filter(outcome="done").count() == audited_before + 4
    assert {e.object_id for e in AuditEntry.objects.filter(action="refund.record")} == {
        str(posted[3].pk)
    }
    # The entries, inserted as rows by the batch's statement, seal and verify as any other.
    audit_seal_pending()
    assert audit_verify().ok
    # Resent, the batch posts nothing again and answers with the same records.
    again = services.donor_payments_record(actor=system, fund=fund, payments=lines)
    assert [r.pk for r in again] == [r.pk for r in posted]
    before = snapshot_ledger()
    overdraft = [
        DonorPayment(nation=rus, amount="10.00", day=D, idempotency_key="c-1"),
        DonorPayment(nation=deu, amount="1000.00", day=D, refund=True, idempotency_key="c-2"),
    ]
    with pytest.raises(Conflict) as refusal:
        services.donor_payments_record(actor=system, fund=fund, payments=overdraft)
    assert refusal.value.code == "insufficient_funds"
    assert "260.00 EUR available" in refusal.value.detail
    assert snapshot_ledger() == before  # not even the line before the overdraft
    assert refused("donor_payments.record", "insufficient_funds") == 1


def test_a_batch_checks_each_line_in_its_order_and_resends_only_what_is_new(fund, system, nation):
    deu = nation("DEU")
    contribution_make(fund, "DEU", "100.00", D)
    # Net the batch would leave 100.00, but its refund comes before the money that covers it:
    # posted one by one it is refused, and so it is in a batch (named as that line's refusal).
    before = snapshot_ledger()
    early_refund = [
        DonorPayment(nation=deu, amount="150.00", day=D, refund=True, idempotency_key="e-1"),
        DonorPayment(nation=deu, amount="150.00", day=D, idempotency_key="e-2"),
    ]
    with pytest.raises(Conflict) as refusal:
        services.donor_payments_record(actor=system, fund=fund, payments=early_refund)
    assert refusal.value.code == "insufficient_funds"
    assert "100.00 EUR available" in refusal.value.detail
    assert snapshot_ledger() == before
    # In the other order it posts; every line's transfers, record and audit entry written.
    posted = services.donor_payments_record(actor=system, fund=fund, payments=early_refund[::-1])
    assert [type(r).__name__ for r in posted] == ["Contribution", "Refund"]
    assert ledger.available(fund) == 10000
    for record in posted:
        assert len(ledger.transfers_of(record.entry)) == 1
        assert AuditEntry.objects.filter(
            object_type=record._meta.label_lower, object_id=str(record.pk), outcome="done"
        ).exists()
    # A batch that repeats a posted line beside a new one posts the new one only.
    again = services.donor_payments_record(
        actor=system,
        fund=fund,
        payments=[
            early_refund[1],
            DonorPayment(nation=deu, amount="5.00", day=D, idempotency_key="e-3"),
        ],
    )
    assert again[0].pk == posted[0].pk
    assert ledger.available(fund) == 10500
