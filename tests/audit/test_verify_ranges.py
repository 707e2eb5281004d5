"""The chain verified in ranges, as worker processes verify a long one, reports exactly what one
walk reports, on an intact chain and on any tampering: the ranges are joined where each begins
(its seq and the hash its first seal names), and one that does not begin where the one before
ended is walked again from there.
"""

import gc
import threading
import warnings

import pytest
from django.db import transaction

from accord.audit import engine, selectors
from accord.audit.models import AuditSeal
from accord.audit.selectors import audit_verify
from tests.audit.conftest import walk_in_ranges
from tests.audit.tampering import ENTRY, SEAL, triggers_off


def _swapped(seq: int) -> list[str]:
    """Seals ``seq`` and the next trade places (through a seq no seal has)."""
    return [
        f"UPDATE {SEAL} SET seq = 999999 WHERE seq = {seq}",
        f"UPDATE {SEAL} SET seq = {seq} WHERE seq = {seq + 1}",
        f"UPDATE {SEAL} SET seq = {seq + 1} WHERE seq = 999999",
    ]


def _entry_of(seq: int) -> str:
    return f"(SELECT entry_id FROM {SEAL} WHERE seq = {seq})"


TAMPERINGS = {
    "an entry edited": lambda seq: [
        f"UPDATE {ENTRY} SET actor_name = 'mallory' WHERE id = {_entry_of(seq)}"
    ],
    "an entry deleted": lambda seq: [f"DELETE FROM {ENTRY} WHERE id = {_entry_of(seq)}"],
    "a seal deleted": lambda seq: [f"DELETE FROM {SEAL} WHERE seq = {seq}"],
    "two seals deleted": lambda seq: [f"DELETE FROM {SEAL} WHERE seq IN ({seq - 1}, {seq})"],
    "a link forged": lambda seq: [f"UPDATE {SEAL} SET prev_hash = '{'f' * 64}' WHERE seq = {seq}"],
    "a seal's hash edited": lambda seq: [
        f"UPDATE {SEAL} SET chain_hash = '{'e' * 64}' WHERE seq = {seq}"
    ],
    "two seals swapped": _swapped,
    "the newest seals cut off": lambda seq: [f"DELETE FROM {SEAL} WHERE seq >= {seq}"],
}


@pytest.mark.parametrize("tampering", TAMPERINGS)
def test_ranges_report_what_one_walk_reports(trail, monkeypatch, tampering):
    """At the first seal, around where the last two of eight ranges meet (the last seal of one,
    the first and second of the next) and at the newest seals, the report in ranges is the one
    walk's: the same first break, counts and head."""
    last = AuditSeal.objects.order_by("-seq").values_list("seq", flat=True).first()
    meet = last * 7 // 8  # where the seventh range ends: as _verify_in_ranges cuts them
    for seq in (1, meet - 1, meet, meet + 1, meet + 2, last - 1):
        with transaction.atomic():
            with triggers_off(ENTRY), triggers_off(SEAL) as cursor:
                for sql in TAMPERINGS[tampering](seq):
                    cursor.execute(sql)
            one_walk = audit_verify()
            with monkeypatch.context() as patched:
                walk_in_ranges(patched, ranges=8)
                in_ranges = audit_verify()
            transaction.set_rollback(True)
        assert in_ranges == one_walk, seq
        assert one_walk.ok == (tampering == "the newest seals cut off")


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_worker_processes_report_what_one_walk_reports(mission, monkeypatch):
    """The chain verified by forked worker processes, each with its own connection: intact,
    then with an entry edited, it says what one walk says."""
    monkeypatch.setattr(selectors, "PARALLEL_MIN_SEALS", 1)
    monkeypatch.setattr(selectors, "RANGES_PER_WORKER", 3)
    # A test before may have left a thread of its own idle in this process (a library's, a
    # server's), which would keep the verifier from forking; none holds what the workers need.
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    assert selectors._parallel_workers() > 1
    in_workers = _in_workers()
    assert in_workers == _one_walk(monkeypatch)
    assert in_workers.ok
    # What was kept from the collector while the workers ran is collected again.
    assert gc.get_freeze_count() == 0
    middle = AuditSeal.objects.count() // 2
    with triggers_off(ENTRY) as cursor:
        cursor.execute(f"UPDATE {ENTRY} SET via = 'x' WHERE id = {_entry_of(middle)}")
    broken_in_workers = _in_workers()
    assert broken_in_workers == _one_walk(monkeypatch)
    assert broken_in_workers.first_break.seq == middle


def _in_workers() -> engine.Report:
    with warnings.catch_warnings():
        # Python warns of a fork beside other threads (see above).
        warnings.simplefilter("ignore", DeprecationWarning)
        return audit_verify()


def _one_walk(monkeypatch) -> engine.Report:
    with monkeypatch.context() as patched:
        patched.setattr(selectors, "_parallel_workers", lambda: 1)
        return audit_verify()
