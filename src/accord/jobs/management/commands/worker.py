"""``accord worker``: run the background tasks (see ``accord.jobs.worker``).

accord worker            claim and run tasks until stopped (Ctrl-C or SIGTERM: the task under
                         way finishes first; a second Ctrl-C stops it, and it is retried);
                         beats a heartbeat, reclaims lost workers' tasks, enqueues the periodic
                         jobs when due
accord worker --batch    work off what is queued, then stop (tests, one-off runs)
"""

import threading

from django.core.management.base import BaseCommand
from django.utils.crypto import get_random_string
from django_tasks_db.compat import DEFAULT_TASK_BACKEND_ALIAS

from accord.audit.services import set_via
from accord.jobs.worker import AccordWorker


class Command(BaseCommand):
    help = "Run background tasks: the flow plan, the council's clock, sealing, pruning."

    def add_arguments(self, parser):
        parser.add_argument("--batch", action="store_true", help="work off the queue, then stop")
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="seconds to wait when the queue is empty (default 1)",
        )
        parser.add_argument(
            "--worker-id",
            default="",
            help="this worker's name, unique among the workers (default: a random one)",
        )
        parser.add_argument(
            "--max-tasks", type=int, default=None, help="stop after running this many tasks"
        )
        parser.add_argument(
            "--no-schedule",
            action="store_false",
            dest="schedule",
            help="do not enqueue the periodic jobs (another worker does)",
        )

    def handle(self, *args, batch, interval, worker_id, max_tasks, schedule, **options):
        set_via("worker")
        worker = AccordWorker(
            queue_names=["*"],
            excluded_queue_names=[],
            interval=interval,
            batch=batch,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=False,
            max_tasks=max_tasks,
            worker_id=worker_id or f"{get_random_string(12)}",
            schedule=schedule,
        )
        if threading.current_thread() is threading.main_thread():
            # Signals reach the main thread only; a test working the queue off from another
            # thread stops when the queue is empty.
            worker.configure_signals()
        worker.run()
        if batch:
            self.stdout.write(f"Ran {worker._run_tasks} task(s).")
