"""On PostgreSQL: parallel expenditures against one allotment; exactly those it covers succeed."""

import threading
from datetime import date

import pytest
from django.db import connection, connections

from accord.access import system_principal
from accord.budget import selectors, services
from accord.budget.inputs import BudgetLineValues
from accord.budget.models import BudgetEntry, FiscalYear, SubProgramme
from accord.errors import Conflict

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

N, K = 10, 4


def test_parallel_expenditures_never_exceed_the_allotment(mission):
    assert connection.vendor == "postgresql"
    system = system_principal("race")
    line = services.budget_line_create(
        actor=system,
        values=BudgetLineValues(
            sub_programme=SubProgramme.objects.get(
                programme__ministry__code="moi", programme__code="p2", code="fuel"
            ),
            fiscal_year=FiscalYear.objects.get(label="1395"),
            code="race-line",
            name="Race",
            currency="USD",
        ),
    )
    services.budget_entry_record(
        actor=system, line=line, kind="allotment", date=date(2016, 1, 5), amount_minor=100 * K
    )
    barrier = threading.Barrier(N)
    results, lock = [], threading.Lock()

    def spend(i):
        try:
            barrier.wait()
            services.budget_entry_record(
                actor=system,
                line=line,
                kind="expenditure",
                date=date(2016, 2, 1),
                amount_minor=100,
                reference=f"race {i}",
            )
            outcome = "ok"
        except Conflict as error:
            outcome = error.code
        finally:
            connections.close_all()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=spend, args=(i,)) for i in range(N)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert results.count("ok") == K
    assert results.count("expenditure_exceeds_allotment") == N - K
    assert BudgetEntry.objects.filter(line=line, kind="expenditure").count() == K
    assert selectors.line_totals(line.pk)["expenditure"] == 100 * K
