"""Two runs of close-due at once, and two decisions numbered at once, on real PostgreSQL.

(SQLite serialises writers with IMMEDIATE transactions; the same conditional UPDATE holds
there, and ``test_close_due_twice_records_each_adoption_once`` covers it sequentially.)
"""

import threading
from datetime import date, timedelta

import pytest
from django.db import connection
from django.utils import timezone

from accord.audit.models import AuditEntry
from accord.council.models import Body, Circulation, Decision
from accord.council.services import consultations_close_due, decision_record
from accord.search.models import SearchEntry
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

    references = _run_together(record, n=8)
    assert sorted(references) == [f"NRC-2013-00{i}" for i in range(1, 9)]


def test_decisions_and_adoptions_at_once_share_one_sequence_without_a_gap(mission, circulating):
    """Meetings' decisions and the clock's adoptions of one body and year, from six threads at
    once (as from several servers): every number once, none skipped (each takes the counter
    row's next number with UPDATE ... RETURNING, never MAX+1)."""
    body = Body.objects.get(code="nrc")
    texts = [circulating(hours=1) for _ in range(10)]
    year = texts[0].deadline.year
    later = timezone.now() + timedelta(hours=2)
    before = set(Decision.objects.filter(body=body, year=year).values_list("number", flat=True))

    def record():
        return [
            decision_record(
                actor=SYSTEM, body=body, title="At once", text="x", adopted_on=date(year, 1, 2)
            )
            for _ in range(3)
        ]

    works = [record] * 4 + [
        lambda: consultations_close_due(actor=SYSTEM, now=later, rehearsal=True)
    ] * 2
    barrier = threading.Barrier(len(works))
    errors = []

    def run(work):
        try:
            barrier.wait()
            work()
        except Exception as exc:  # surfaced below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(work,)) for work in works]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
    numbers = sorted(
        set(Decision.objects.filter(body=body, year=year).values_list("number", flat=True)) - before
    )
    assert len(numbers) == 12 + len([t for t in texts if t.body_id == body.pk])
    assert numbers == list(range(numbers[0], numbers[0] + len(numbers)))


def test_two_runs_taking_small_batches_at_once_close_each_circulation_once(mission, circulating):
    """Two runs taking three texts a batch, so that their batches interleave: each skips the
    rows the other holds (FOR UPDATE SKIP LOCKED) and claims others; every circulation is closed
    by one of them, with one decision, one audit entry and one search row per language."""
    texts = [circulating(hours=1) for _ in range(24)]
    later = timezone.now() + timedelta(hours=2)
    results = _run_together(
        lambda: consultations_close_due(actor=SYSTEM, now=later, rehearsal=True, batch=3)
    )
    adopted = [d.consultation_id for result in results for d in result]
    assert sorted(adopted) == sorted(t.pk for t in texts)
    decisions = Decision.objects.filter(consultation__in=texts)
    assert sorted(decisions.values_list("circulation_id", flat=True)) == sorted(
        Circulation.objects.filter(consultation__in=texts, outcome="adopted").values_list(
            "pk", flat=True
        )
    )
    assert len(set(decisions.values_list("number", flat=True))) == 24
    entries = AuditEntry.objects.filter(
        action="consultation.adopt", object_id__in=[str(t.pk) for t in texts]
    )
    assert sorted(entries.values_list("object_id", flat=True)) == sorted(str(t.pk) for t in texts)
    indexed = SearchEntry.objects.filter(kind="decision", record_id__in=decisions.values("pk"))
    assert indexed.count() == 2 * 24
