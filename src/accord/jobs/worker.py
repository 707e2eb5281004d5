"""The worker's loop: django-tasks-db's worker, with Accord's heartbeat, reclaiming and schedule.

django-tasks-db's ``Worker`` claims a task (``SELECT ... FOR UPDATE SKIP LOCKED`` on PostgreSQL,
an exclusive transaction on SQLite), runs it and records its outcome; it is kept for all of that
(``claim``, ``run_task``, its signal handling). Its loop has no place for work between tasks, so
this one replaces it, with three additions:

- a heartbeat (``WorkerBeat``) beaten by a thread every ``ACCORD_WORKER_BEAT_SECONDS``, so a
  ten-minute solve does not look like a dead worker (in ``--batch`` mode, which runs in tests
  beside an in-memory SQLite database that a second thread must not write, it beats before each
  task instead);
- reclaiming the tasks of workers that stopped beating, at start and every half of
  ``ACCORD_WORKER_LOST_AFTER``;
- the periodic jobs (``ACCORD_PERIODIC_TASKS``), enqueued when due (not in ``--batch`` mode,
  which works off what is queued and stops).
"""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django.db.utils import OperationalError
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult
from django_tasks_db.utils import exclusive_transaction, is_locked_database_exception

from accord import access
from accord.jobs import services

logger = logging.getLogger(__name__)

# How often an idle worker looks for periodic jobs due: their periods are a minute or more.
SCHEDULE_EVERY_SECONDS = 5.0


class Heartbeat(threading.Thread):
    """Beats for the worker from a thread (with its own database connection) until stopped."""

    def __init__(self, worker_id: str, started_at, interval: float):
        super().__init__(name=f"heartbeat {worker_id}", daemon=True)
        self.worker_id, self.started_at, self.interval = worker_id, started_at, interval
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(self.interval):
                try:
                    services.worker_beat(worker_id=self.worker_id, started_at=self.started_at)
                except DatabaseError:
                    # A database that is briefly away: the next beat tries again, and a worker
                    # that misses beats for long is reclaimed, which is the truth about it.
                    logger.warning("worker %s missed a heartbeat", self.worker_id, exc_info=True)
                    close_old_connections()
        finally:
            connection.close()


class AccordWorker(Worker):
    """django-tasks-db's worker with a heartbeat, reclaiming and the periodic jobs."""

    def __init__(self, *, schedule: bool, **options):
        super().__init__(**options)
        self.schedule = schedule and not self.batch
        self.started_at = timezone.now()
        self.reclaim_every = max(settings.ACCORD_WORKER_LOST_AFTER / 2, 0.1)
        self.last_reclaim = float("-inf")
        self.last_schedule = float("-inf")

    def run(self) -> None:
        logger.info("Starting worker %s", self.worker_id)
        services.worker_beat(worker_id=self.worker_id, started_at=self.started_at)
        heartbeat = None
        if not self.batch:
            heartbeat = Heartbeat(
                self.worker_id, self.started_at, settings.ACCORD_WORKER_BEAT_SECONDS
            )
            heartbeat.start()
        try:
            self._loop()
        finally:
            if heartbeat is not None:
                heartbeat.stopped.set()
                heartbeat.join()
            services.worker_gone(worker_id=self.worker_id)

    def _loop(self) -> None:
        while self.running:
            if not connection.in_atomic_block:
                # As a request's end does: drop a connection the server closed or that is too old.
                # Inside an atomic block (a test working the queue off in its own transaction)
                # there is none to drop, and closing would end that transaction.
                close_old_connections()
            self._between_tasks()
            claimed, task_result = self._claim()
            if task_result is not None:
                if self.batch:
                    services.worker_beat(worker_id=self.worker_id, started_at=self.started_at)
                self.run_task(task_result)
            elif self.batch and claimed:
                logger.info("No more tasks: worker %s stops.", self.worker_id)
                return
            if self.max_tasks is not None and self._run_tasks >= self.max_tasks:
                return
            if self.running and task_result is None:
                time.sleep(self.interval)

    def _between_tasks(self) -> None:
        if time.monotonic() - self.last_reclaim >= self.reclaim_every:
            self.last_reclaim = time.monotonic()
            system = access.system_principal(f"worker {self.worker_id}")
            for record in services.tasks_reclaim(actor=system, worker_id=self.worker_id):
                logger.warning("Reclaimed task %s from a lost worker", record.pk)
        if self.schedule and time.monotonic() - self.last_schedule >= SCHEDULE_EVERY_SECONDS:
            self.last_schedule = time.monotonic()
            services.periodic_enqueue_due()

    def _claim(self) -> tuple[bool, DBTaskResult | None]:
        """The next ready task, claimed for this worker (django-tasks-db's claim); whether the
        queue could be read at all (SQLite may be locked for a moment)."""
        tasks = DBTaskResult.objects.ready().filter(backend_name=self.backend_name)
        if not self.process_all_queues:
            tasks = tasks.filter(queue_name__in=self.queue_names)
        if self.excluded_queue_names:
            tasks = tasks.exclude(queue_name__in=self.excluded_queue_names)
        try:
            with exclusive_transaction(tasks.db):
                task_result = tasks.get_locked()
                if task_result is not None:
                    task_result.claim(self.worker_id)
        except OperationalError as error:
            if is_locked_database_exception(error):
                return False, None
            raise
        return True, task_result
