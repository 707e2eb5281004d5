"""On PostgreSQL: parallel disbursements against one balance; exactly those it covers succeed.
Postings committed alone (no transaction around them) refused whole."""

import threading
from datetime import date

import pytest
from django.db import connection, connections

from accord.access import system_principal
from accord.audit.models import AuditEntry
from accord.audit.selectors import audit_verify
from accord.audit.services import audit_seal_pending
from accord.core.models import Nation
from accord.errors import Conflict
from accord.funds import selectors, services
from accord.funds.inputs import FundValues
from accord.funds.models import Disbursement, LedgerEntry, Refund

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

N, K = 12, 5
D = date(2013, 3, 1)


def _race(worker, n):
    barrier = threading.Barrier(n)
    results = []
    lock = threading.Lock()

    def run(i):
        try:
            barrier.wait()
            outcome = worker(i)
        except Conflict as error:
            outcome = error.code
        finally:
            connections.close_all()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results


def test_parallel_disbursements_spend_each_euro_once(mission):
    assert connection.vendor == "postgresql"
    system = system_principal("race")
    fund = services.fund_create(
        actor=system, values=FundValues(code="race_fund", name="Race", currency="EUR")
    )
    services.contribution_record(
        actor=system,
        fund=fund,
        nation=Nation.objects.get(iso3="DEU"),
        amount=str(100 * K),
        currency="EUR",
        day=D,
    )

    def disburse(i):
        services.disbursement_record(
            actor=system, fund=fund, amount="100", day=D, payee=f"vendor {i}"
        )
        return "ok"

    results = _race(disburse, N)
    assert results.count("ok") == K
    assert results.count("insufficient_funds") == N - K
    assert Disbursement.objects.filter(fund=fund).count() == K
    s = selectors.fund_statement(actor=system, fund=fund).statement
    assert (s.disbursed, s.available) == (100 * 100 * K, 0)


def test_parallel_retries_with_one_key_post_once(mission):
    system = system_principal("race")
    fund = services.fund_create(
        actor=system, values=FundValues(code="retry_fund", name="Retry", currency="EUR")
    )
    deu = Nation.objects.get(iso3="DEU")

    def contribute(i):
        c = services.contribution_record(
            actor=system,
            fund=fund,
            nation=deu,
            amount="250",
            currency="EUR",
            day=D,
            idempotency_key="the-same-key",
        )
        return c.pk

    results = _race(contribute, 8)
    assert len(set(results)) == 1
    assert selectors.fund_statement(actor=system, fund=fund).statement.received == 25000


def _fund_paid_into(actor_name: str, code: str, amount: str):
    """A new EUR fund into which Germany has paid ``amount``: (its actor, Germany, the fund)."""
    system = system_principal(actor_name)
    deu = Nation.objects.get(iso3="DEU")
    fund = services.fund_create(
        actor=system, values=FundValues(code=code, name=code.title(), currency="EUR")
    )
    services.contribution_record(
        actor=system, fund=fund, nation=deu, amount=amount, currency="EUR", day=D
    )
    return system, deu, fund


def test_mixed_concurrent_postings_neither_deadlock_nor_overdraw(mission):
    system, deu, fund = _fund_paid_into("race", "mixed_fund", "300")

    def work(i):
        outcomes = []
        for step in range(4):
            kind = (i + step) % 4
            try:
                if kind == 0:
                    services.contribution_record(
                        actor=system, fund=fund, nation=deu, amount="50", currency="EUR", day=D
                    )
                elif kind == 1:
                    services.refund_record(actor=system, fund=fund, nation=deu, amount="70", day=D)
                elif kind == 2:
                    services.disbursement_record(
                        actor=system, fund=fund, amount="60", day=D, payee="V"
                    )
                else:
                    services.contribution_record(
                        actor=system,
                        fund=fund,
                        nation=deu,
                        amount="40",
                        currency="EUR",
                        day=D,
                        kind="in_kind",
                    )
                outcomes.append("ok")
            except Conflict as error:
                outcomes.append(error.code)
        return outcomes

    results = _race(work, 8)
    assert len(results) == 8, "a worker died of an error other than a refusal (a deadlock?)"
    flat = [o for r in results for o in r]
    assert set(flat) <= {"ok", "insufficient_funds"}
    s = selectors.fund_statement(actor=system, fund=fund).statement
    assert s.available >= 0
    assert s.available == s.received - s.disbursed


def test_a_posting_that_is_its_own_transaction_refused_by_a_limit_writes_nothing(mission):
    """Outside a transaction a refund is one statement committed alone: one that would take the
    donor's account past what it paid in fails whole (the CHECK constraint), is said as the
    ledger says it, and the audit chain holds the refusal and verifies."""
    system, deu, fund = _fund_paid_into("alone", "alone_fund", "100")
    entries, refunds = LedgerEntry.objects.count(), Refund.objects.count()
    with pytest.raises(Conflict) as refused:
        services.refund_record(
            actor=system, fund=fund, nation=deu, amount="100.01", day=D, idempotency_key="r-1"
        )
    assert refused.value.code == "insufficient_funds"
    assert "100.00 EUR" in refused.value.detail
    assert (LedgerEntry.objects.count(), Refund.objects.count()) == (entries, refunds)
    assert AuditEntry.objects.filter(action="refund.record", outcome="refused").count() == 1
    # The same key, now within the limit, posts: nothing of the refused attempt was kept.
    services.refund_record(
        actor=system, fund=fund, nation=deu, amount="100", day=D, idempotency_key="r-1"
    )
    assert Refund.objects.count() == refunds + 1
    assert selectors.fund_statement(actor=system, fund=fund).statement.cash == 0
    audit_seal_pending()
    assert audit_verify().ok
