"""The ledger's rules as properties: random lives of a fund never break the books."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.funds.engine import postings as P
from accord.funds.engine.currency import Rate, convert_minor
from accord.funds.engine.ledger import Ledger, LedgerError, Phase, replay, totals
from accord.money import MoneyError, format_money
from accord.money import positive_minor as to_minor  # a ledger amount: positive minor units

NATIONS = ["DEU", "RUS", "USA"]


def new_ledger() -> Ledger:
    ledger = Ledger()
    for kind in P.FUND_ACCOUNTS:
        ledger.open(kind, P.LIMITS[kind])
    for nation in NATIONS:
        for kind in P.DONOR_ACCOUNTS:
            ledger.open(P.key(kind, nation), P.LIMITS[kind])
    return ledger


event = st.one_of(
    st.tuples(st.just("pledge"), st.sampled_from(NATIONS), st.integers(1, 10_000)),
    st.tuples(st.just("contribution"), st.sampled_from(NATIONS), st.integers(1, 10_000)),
    st.tuples(st.just("in_kind"), st.sampled_from(NATIONS), st.integers(1, 10_000)),
    st.tuples(st.just("commitment"), st.none(), st.integers(1, 10_000)),
    st.tuples(st.just("disbursement"), st.integers(0, 20), st.integers(1, 10_000)),
    st.tuples(st.just("direct"), st.none(), st.integers(1, 10_000)),
    st.tuples(st.just("cancellation"), st.integers(0, 20), st.none()),
    st.tuples(st.just("refund"), st.sampled_from(NATIONS), st.integers(1, 10_000)),
    st.tuples(st.just("reversal"), st.integers(0, 40), st.none()),
    st.tuples(st.just("retry"), st.integers(0, 40), st.none()),
)


def run(events):
    """Apply events to a fresh ledger; refused ones must leave it untouched."""
    ledger = new_ledger()
    applied: list[tuple[str, object, list]] = []
    day = date(2012, 1, 1)
    for n, (kind, arg, amount) in enumerate(events):
        tid = f"e{n}"
        day += timedelta(days=1)
        pendings = list(ledger.remaining)
        if kind == "pledge":
            transfers = P.pledge(tid, arg, amount)
        elif kind == "contribution":
            transfers = P.contribution(tid, arg, amount)
        elif kind == "in_kind":
            transfers = P.contribution(tid, arg, amount, in_kind=True)
        elif kind == "commitment":
            transfers = P.commitment(tid, amount)
        elif kind == "direct":
            transfers = P.disbursement(tid, amount)
        elif kind == "refund":
            transfers = P.refund(tid, arg, amount)
        elif kind in ("disbursement", "cancellation"):
            if not pendings:
                continue
            pid = pendings[arg % len(pendings)]
            transfers = (
                P.disbursement(tid, amount, pending_id=pid)
                if kind == "disbursement"
                else P.cancellation(tid, pid, ledger.remaining[pid])
            )
        elif kind == "reversal":
            if not applied:
                continue
            _, _, original = applied[arg % len(applied)]
            try:
                transfers = P.reversal(tid, original, ledger.remaining)
            except LedgerError:
                continue
        else:  # a retry of an earlier entry: posts nothing new
            if not applied:
                continue
            entry_id, content, transfers = applied[arg % len(applied)]
            before = [(k, vars(v).copy()) for k, v in ledger.balances.items()]
            assert ledger.apply(entry_id, content, transfers) is False
            assert before == [(k, vars(v).copy()) for k, v in ledger.balances.items()]
            continue
        transfers = [t.__class__(**{**vars(t), "day": day}) for t in transfers]
        content = (kind, arg, amount)
        before = {k: vars(v).copy() for k, v in ledger.balances.items()}
        try:
            ledger.apply(tid, content, transfers)
        except LedgerError as error:
            refusal = error
        else:
            applied.append((tid, content, transfers))
            continue
        assert refusal.code in {"insufficient_funds", "exceeds_pending", "pending_not_open"}
        assert before == {k: vars(v).copy() for k, v in ledger.balances.items()}
    return ledger


@settings(max_examples=300, deadline=None)
@given(st.lists(event, max_size=60))
def test_random_lives_keep_the_books_balanced_and_never_overdraw(events):
    ledger = run(events)
    debits, credits = totals(ledger.balances)
    assert debits == credits
    for account, balance in ledger.balances.items():
        headroom = balance.headroom(P.limit_of(account))
        assert headroom is None or headroom >= 0, account
        assert min(vars(balance).values()) >= 0
    assert P.statement(ledger.balances).available >= 0


@settings(max_examples=200, deadline=None)
@given(st.lists(event, max_size=60), st.integers(0, 60))
def test_every_statement_equals_a_replay_of_the_ledger(events, cut):
    ledger = run(events)
    replayed = replay(ledger.transfers)
    live = {k: v for k, v in ledger.balances.items() if any(vars(v).values())}
    assert {k: vars(v) for k, v in replayed.items() if any(vars(v).values())} == {
        k: vars(v) for k, v in live.items()
    }
    assert P.statement(replayed, NATIONS) == P.statement(ledger.balances, NATIONS)
    # A statement at an earlier date is the replay of the transfers up to that day.
    until = date(2012, 1, 1) + timedelta(days=cut)
    earlier = P.statement(replay(ledger.transfers, until=until))
    prefix_transfers = [t for t in ledger.transfers if t.day <= until]
    assert earlier == P.statement(replay(prefix_transfers))
    assert earlier.available >= 0


def test_a_disbursement_beyond_the_available_balance_is_refused_with_the_amount():
    ledger = new_ledger()
    ledger.apply("c", 1, P.contribution("c", "DEU", 1000))
    ledger.apply("k", 2, P.commitment("k", 600))
    with pytest.raises(LedgerError) as refused:
        ledger.apply("d", 3, P.disbursement("d", 401))
    assert refused.value.code == "insufficient_funds"
    assert refused.value.available == 400
    ledger.apply("d", 3, P.disbursement("d", 400))
    with pytest.raises(LedgerError) as beyond:
        ledger.apply("p", 4, P.disbursement("p", 601, pending_id="k"))
    assert beyond.value.code == "exceeds_pending"
    ledger.apply("p", 4, P.disbursement("p", 250, pending_id="k"))
    ledger.apply("p2", 5, P.disbursement("p2", 350, pending_id="k"))
    assert "k" not in ledger.remaining
    s = P.statement(ledger.balances)
    assert (s.received, s.disbursed, s.committed, s.available) == (1000, 1000, 0, 0)


def test_the_same_id_with_other_content_is_a_conflict():
    ledger = new_ledger()
    assert ledger.apply("x", {"a": 1}, P.pledge("x", "USA", 5)) is True
    assert ledger.apply("x", {"a": 1}, P.pledge("x", "USA", 5)) is False
    with pytest.raises(LedgerError) as conflict:
        ledger.apply("x", {"a": 2}, P.pledge("x", "USA", 6))
    assert conflict.value.code == "idempotency_conflict"
    assert P.statement(ledger.balances).pledged == 5


def test_reversing_a_partly_disbursed_commitment_releases_what_is_left():
    ledger = new_ledger()
    ledger.apply("c", 1, P.contribution("c", "DEU", 100))
    ledger.apply("k", 2, P.commitment("k", 80))
    ledger.apply("p", 3, P.disbursement("p", 30, pending_id="k"))
    undo = P.reversal("r", P.commitment("k", 80), ledger.remaining)
    assert [(t.phase, t.amount) for t in undo] == [(Phase.VOID, 50)]
    ledger.apply("r", 4, undo)
    assert P.statement(ledger.balances).available == 70


def test_money_in_minor_units():
    assert to_minor("12.34", "EUR") == 1234
    assert to_minor(Decimal("5"), "JPY") == 5
    assert to_minor("1.234", "KWD") == 1234
    assert format_money(123456789, "USD") == "1,234,567.89 USD"
    for bad, code in [
        (("1", "XYZ"), "unknown_currency"),
        (("0", "EUR"), "amount_not_positive"),
        (("-3", "EUR"), "amount_not_positive"),
        (("1.001", "EUR"), "amount_precision"),
        (("abc", "EUR"), "amount_invalid"),
        (("NaN", "EUR"), "amount_invalid"),
        (("1e20", "EUR"), "amount_too_large"),
    ]:
        with pytest.raises(MoneyError) as error:
            to_minor(*bad)
        assert error.value.code == code


def test_conversion_uses_the_rate_of_the_day_and_refuses_a_missing_one():
    rates = [
        Rate("USD", date(2012, 1, 1), Decimal("1.2848")),
        Rate("USD", date(2013, 1, 1), Decimal("1.3281")),
    ]
    assert convert_minor(128480, "USD", "EUR", date(2012, 6, 1), rates) == 100000
    assert convert_minor(100000, "EUR", "USD", date(2013, 2, 1), rates) == 132810
    with pytest.raises(MoneyError) as missing:
        convert_minor(100, "USD", "EUR", date(2011, 12, 31), rates)
    assert missing.value.code == "exchange_rate_missing"
    with pytest.raises(MoneyError):
        convert_minor(100, "USD", "EUR", date(2015, 1, 1), rates)
