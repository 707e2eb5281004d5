"""Background work in one process: the outbox, the task's page and resource, a refusal kept in
words, reclaiming a lost worker's task, the periodic jobs and pruning."""

import datetime as dt

import pytest
from django.tasks import TaskResultStatus
from django.test import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accord.access import system_principal
from accord.audit.models import AuditEntry
from accord.errors import ValidationFailed
from accord.jobs import services
from accord.jobs.models import PeriodicRun, TaskRecord, WorkerBeat
from accord.jobs.tasks import tasks_prune_task
from accord.transit.planning.tasks import flow_plan_request
from tests.jobs import work_off

pytestmark = pytest.mark.django_db

SYSTEM = system_principal("jobs tests")
JUNE = dt.date(2013, 6, 1)


def _claimed_by(record: TaskRecord, worker_id: str, minutes_ago: float) -> DBTaskResult:
    """The task as a worker left it when it claimed it ``minutes_ago`` (django-tasks-db's claim)."""
    row = DBTaskResult.objects.get(pk=record.pk)
    row.claim(worker_id)
    started = timezone.now() - dt.timedelta(minutes=minutes_ago)
    DBTaskResult.objects.filter(pk=row.pk).update(started_at=started)
    return row


def _beat(worker_id: str, minutes_ago: float) -> None:
    services.worker_beat(worker_id=worker_id, started_at=timezone.now())
    WorkerBeat.objects.filter(pk=worker_id).update(
        beat_at=timezone.now() - dt.timedelta(minutes=minutes_ago)
    )


def test_a_refused_request_queues_nothing(persona):
    before = DBTaskResult.objects.count()
    with pytest.raises(ValidationFailed) as caught:
        flow_plan_request(actor=persona("logistician"), month=dt.date(2009, 1, 1))
    assert caught.value.code == "no_demand"
    assert DBTaskResult.objects.count() == before
    assert AuditEntry.objects.filter(action="flow_plan.request", outcome="refused").exists()


def test_the_request_and_its_task_commit_together(persona):
    record = flow_plan_request(actor=persona("logistician"), month=JUNE)
    task = DBTaskResult.objects.get(pk=record.pk)
    assert task.status == TaskResultStatus.READY
    assert task.task_path == "accord.transit.planning.tasks.flow_plan_solve_task"
    assert record.owner == persona("logistician")
    entry = AuditEntry.objects.get(action="flow_plan.request", object_id=str(record.pk))
    assert entry.changes["month"] == [None, "2013-06-01"]


def test_a_task_refused_when_it_runs_keeps_the_refusal_in_the_askers_words(persona, client_as):
    logistician = persona("logistician")
    record = flow_plan_request(actor=logistician, month=JUNE)
    logistician.role_grants.all().delete()  # no longer plans by the time the worker runs
    work_off()
    record.refresh_from_db()
    assert record.task.status == TaskResultStatus.FAILED
    assert record.reason == "refused"
    assert record.detail  # the policy's sentence, as the asker reads it
    page = client_as("admin").get(f"/tasks/{record.pk}/").content.decode()
    assert "Failed: refused." in page
    assert record.detail in page


def test_only_the_asker_and_administrators_follow_a_task(persona, client_as):
    record = flow_plan_request(actor=persona("logistician"), month=JUNE)
    for username, status in (("logistician", 200), ("admin", 200), ("secretariat", 404)):
        client = client_as(username)
        assert client.get(f"/tasks/{record.pk}/").status_code == status, username
        assert client.get(f"/api/v1/tasks/{record.pk}").status_code == status, username
    listed = client_as("secretariat").get("/api/v1/tasks").json()
    assert str(record.pk) not in {t["id"] for t in listed["items"]}


@override_settings(ACCORD_WORKER_LOST_AFTER=60)
def test_a_lost_workers_task_is_queued_again_while_attempts_remain(persona):
    record = flow_plan_request(actor=persona("logistician"), month=JUNE)
    _claimed_by(record, "gone", minutes_ago=5)
    _beat("gone", minutes_ago=4)
    reclaimed = services.tasks_reclaim(actor=SYSTEM, worker_id="me")
    assert [r.pk for r in reclaimed] == [record.pk]
    task = DBTaskResult.objects.get(pk=record.pk)
    assert (task.status, task.started_at, task.worker_ids) == ("READY", None, ["gone"])
    assert AuditEntry.objects.filter(action="task.reclaim", object_id=str(record.pk)).exists()
    work_off()  # the next worker runs it to the end
    record.refresh_from_db()
    assert record.task.status == TaskResultStatus.SUCCESSFUL
    assert len(record.task.worker_ids) == 2
    assert record.result_page.startswith("/transit/plans/")


@override_settings(ACCORD_WORKER_LOST_AFTER=60)
def test_a_lost_workers_task_fails_with_the_reason_once_its_attempts_are_spent(persona):
    record = flow_plan_request(actor=persona("logistician"), month=JUNE)
    TaskRecord.objects.filter(pk=record.pk).update(max_attempts=1)
    _claimed_by(record, "gone", minutes_ago=5)  # never beat at all
    services.tasks_reclaim(actor=SYSTEM, worker_id="me")
    record.refresh_from_db()
    assert record.task.status == TaskResultStatus.FAILED
    assert record.task.exception_class_path == "accord.jobs.WorkerLost"
    assert record.reason == "worker_lost"
    assert "no attempts left" in record.detail


@override_settings(ACCORD_WORKER_LOST_AFTER=60)
def test_a_busy_worker_and_the_asking_worker_keep_their_tasks(persona):
    busy = flow_plan_request(actor=persona("logistician"), month=JUNE)
    mine = flow_plan_request(actor=persona("logistician"), month=JUNE)
    _claimed_by(busy, "busy", minutes_ago=30)  # a long solve...
    _beat("busy", minutes_ago=0)  # ...by a worker still beating
    _claimed_by(mine, "me", minutes_ago=30)  # the asker's own, whatever its beat says
    assert services.tasks_reclaim(actor=SYSTEM, worker_id="me") == []
    statuses = set(DBTaskResult.objects.filter(pk__in=[busy.pk, mine.pk]).values_list("status"))
    assert statuses == {("RUNNING",)}


def test_each_periodic_run_is_enqueued_once_and_not_while_the_last_is_unfinished():
    now = timezone.now()
    first = services.periodic_enqueue_due(now=now)
    assert sorted(r.kind for r in first) == [
        "audit_seal",
        "certificate_expiry",
        "close_due",
        "digest",
        "due_notify",
        "outbox",
        "prune",
        "remind",
    ]
    assert services.periodic_enqueue_due(now=now) == []  # claimed already
    later = now + dt.timedelta(hours=2)
    assert services.periodic_enqueue_due(now=later) == []  # the last runs still wait
    work_off()
    again = services.periodic_enqueue_due(now=later + dt.timedelta(seconds=1))
    # The daily digest and notices are not due again two hours later.
    assert sorted(r.kind for r in again) == [
        "audit_seal",
        "close_due",
        "outbox",
        "prune",
        "remind",
    ]
    assert PeriodicRun.objects.count() == 8
    done = TaskRecord.objects.filter(pk__in=[r.pk for r in first])
    assert set(done.values_list("task__status", flat=True)) == {"SUCCESSFUL"}


def test_pruning_removes_old_finished_tasks_with_their_records(persona):
    old = services.task_enqueue(actor=SYSTEM, task=tasks_prune_task, kind="prune")
    fresh = flow_plan_request(actor=persona("logistician"), month=JUNE)
    DBTaskResult.objects.filter(pk=old.pk).update(
        status="SUCCESSFUL", finished_at=timezone.now() - dt.timedelta(days=30)
    )
    assert services.tasks_prune() == 1
    assert not TaskRecord.objects.filter(pk=old.pk).exists()
    assert TaskRecord.objects.filter(pk=fresh.pk).exists()


def test_the_task_page_polls_with_its_status_alone_until_the_task_is_finished(client_as):
    client = client_as("logistician")
    task_page = client.post("/transit/plans/", {"month": "2013-06", "days_weight": "0"})["Location"]
    poll = client.get(task_page, headers={"HX-Request": "true"}).content.decode()
    assert poll.lstrip().startswith('<div id="task-status"')  # the partial, not the page
    assert 'hx-trigger="every 1s"' in poll
    work_off()
    done = client.get(task_page, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in done  # finished: the polling stops
    assert 'id="task-result" href="/transit/plans/' in done
