"""Two runs of close-due at once, and two decisions numbered at once, on real PostgreSQL.

(SQLite serialises writers with IMMEDIATE transactions; the same conditional UPDATE holds
there, and ``test_close_due_twice_records_each_adoption_once`` covers it sequentially.)
"""

import threading
from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from accord.council.models import Body, Decision
from accord.council.services import consultations_close_due, decision_record
from tests.council.conftest import SYSTEM

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


def _run_together(work, n=2):
    barrier = threading.Barrier(n)
    results, errors = [], []

    def run():
        try:
            barrier.wait()
            results.append(work())
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(n)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    return results


def test_two_close_due_runs_at_once_adopt_each_text_once(mission, circulating):
    texts = [circulating(hours=1) for _ in range(30)]
    later = timezone.now() + timedelta(hours=2)
    results = _run_together(
        lambda: consultations_close_due(actor=SYSTEM, now=later, rehearsal=True)
    )
    adopted = sorted(d.consultation_id for result in results for d in result)
    assert adopted == sorted(t.pk for t in texts)
    assert Decision.objects.filter(consultation__in=texts).count() == 30
    numbers = list(Decision.objects.filter(consultation__in=texts).values_list("number", flat=True))
    assert len(set(numbers)) == 30


def test_decisions_recorded_at_once_get_distinct_numbers(mission):
    body = Body.objects.get(code="nrc")

    def record():
        return decision_record(
            actor=SYSTEM, body=body, title="At once", text="x", adopted_on=date(2013, 6, 1)
        ).reference

    references = _run_together(record, n=4)
    assert sorted(references) == [f"NRC-2013-00{i}" for i in range(1, 5)]
