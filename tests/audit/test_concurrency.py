"""Concurrent writers on PostgreSQL: every entry written, none lost, none waiting on the chain head.

Writers never touch the chain: they insert their entry and queue it, and a sealer chains committed
entries afterwards. To show it, the test holds the sealer's lock for the whole run, so no sealing
can happen while 8 threads write; they must all finish anyway. Then one sealing pass chains all.
"""

import threading
from datetime import date, timedelta

import pytest
from django.db import connection, transaction

from accord.access import system_principal
from accord.audit import services as audit_services
from accord.audit.models import AuditEntry, AuditPending, AuditSeal
from accord.audit.selectors import audit_verify
from accord.audit.services import _SEAL_LOCK_KEY, audit_seal_pending
from accord.core.inputs import ContributionValues
from accord.core.models import Nation, TroopContribution
from accord.core.services import contribution_create

THREADS, WRITES = 8, 25


@pytest.mark.postgres
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_lose_nothing_and_do_not_wait_for_the_chain(mission):
    audit_seal_pending()
    nations = list(Nation.objects.order_by("iso3")[:THREADS])
    start_entries = AuditEntry.objects.count()
    errors: list[BaseException] = []
    barrier = threading.Barrier(THREADS)

    def writer(n: int) -> None:
        try:
            actor = system_principal(f"writer-{n}")
            barrier.wait(timeout=30)
            for i in range(WRITES):
                contribution_create(
                    actor=actor,
                    values=ContributionValues(
                        nation=nations[n],
                        as_of=date(2002, 2, 1) + timedelta(days=i),
                        personnel=n * 100 + i,
                    ),
                )
        except BaseException as error:
            errors.append(error)
        finally:
            connection.close()

    with connection.cursor() as cursor:
        # Hold the sealer's lock: any sealing a writer attempts after its commit gives way at once.
        cursor.execute("SELECT pg_advisory_lock(%s)", [_SEAL_LOCK_KEY])
        try:
            threads = [threading.Thread(target=writer, args=(n,)) for n in range(THREADS)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=120)
            assert not any(thread.is_alive() for thread in threads), "a writer is stuck"
        finally:
            cursor.execute("SELECT pg_advisory_unlock(%s)", [_SEAL_LOCK_KEY])
    assert errors == []

    total = THREADS * WRITES
    written = AuditEntry.objects.filter(
        action="contribution.create", outcome="done", actor_name__startswith="system:writer-"
    )
    assert written.count() == total
    assert AuditEntry.objects.count() == start_entries + total
    assert (
        TroopContribution.objects.filter(
            as_of__range=(date(2002, 2, 1), date(2002, 2, 1) + timedelta(days=WRITES))
        ).count()
        == total
    )
    assert {e.actor_name for e in written} == {f"system:writer-{n}" for n in range(THREADS)}
    # Nothing was sealed while the writers wrote: they did not wait for the chain.
    assert AuditPending.objects.count() == total

    assert audit_seal_pending() == total
    report = audit_verify()
    assert report.ok, report.first_break
    assert report.pending == 0
    seqs = list(AuditSeal.objects.order_by("seq").values_list("seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1))
    assert report.sealed_checked == len(seqs) >= total
    sealed_entries = set(AuditSeal.objects.values_list("entry_id", flat=True))
    assert set(written.values_list("id", flat=True)) <= sealed_entries


@pytest.mark.django_db(transaction=True)
def test_a_busy_writer_leaves_sealing_to_the_next_pass(settings, monkeypatch):
    """Within ``ACCORD_AUDIT_SEAL_SECONDS`` of its last seal a process does not seal after each
    commit (a second transaction, and a disk flush, per write): the entry waits in the queue for
    the next pass, a later write's or the worker's periodic one, and the chain stays whole."""
    settings.ACCORD_AUDIT_SEAL_SECONDS = 3600
    monkeypatch.setattr(audit_services, "_last_seal", float("-inf"))
    actor = system_principal("probe")

    def write() -> AuditEntry:
        with transaction.atomic():
            return audit_services.audit_record(
                actor=actor, action="probe.write", object_label="probe"
            )

    first = write()
    assert AuditSeal.objects.filter(entry_id=first.pk).exists()  # the first commit sealed
    second = write()
    assert not AuditSeal.objects.filter(entry_id=second.pk).exists()
    assert AuditPending.objects.filter(entry_id=second.pk).exists()

    audit_seal_pending()  # the worker's periodic pass
    assert AuditSeal.objects.filter(entry_id=second.pk).exists()
    assert not AuditPending.objects.exists()
    assert audit_verify().ok
