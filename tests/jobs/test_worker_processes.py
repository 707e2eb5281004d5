"""Real worker processes on PostgreSQL: a worker killed in the middle of a write leaves nothing
half-written, and the next worker runs the task again, or fails it with the reason once its
attempts are spent; ``accord serve --with-worker`` stops both on one Ctrl-C.

Each wait polls the database (or the process) for a condition, with a generous deadline: no
test here depends on how fast the machine is.
"""

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from django.db import connection
from django.tasks import TaskResultStatus

from accord.access import system_principal
from accord.audit.selectors import audit_verify
from accord.council.models import Decision
from accord.jobs.models import TaskRecord, WorkerBeat
from accord.jobs.services import task_enqueue
from tests.jobs.probe import decisions_then_hold

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

ROOT = Path(__file__).resolve().parents[2]
DEADLINE = 120  # seconds: far beyond what any of these waits needs on a quiet machine


def _database_url() -> str:
    s = connection.settings_dict
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    return f"postgresql://{s['USER']}{password}@{s['HOST']}:{s['PORT'] or 5432}/{s['NAME']}"


def _environment() -> dict:
    """The worker's environment: this test database, Accord's own settings, fast heartbeats."""
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "accord.settings",
        "ACCORD_DATABASE_URL": _database_url(),
        "ACCORD_TEST_DATABASE_URL": "",
        "ACCORD_TESTING": "1",
        "ACCORD_WORKER_BEAT_SECONDS": "1",
        "ACCORD_WORKER_LOST_AFTER": "3",
        "PYTHONPATH": str(ROOT),
    }


def _accord(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "accord.cli", *args],
        cwd=ROOT,
        env=_environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _until(condition, what: str, process: subprocess.Popen | None = None):
    """Poll ``condition`` until it holds; fail naming ``what`` after the deadline."""
    deadline = time.monotonic() + DEADLINE
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        if process is not None and process.poll() is not None:
            pytest.fail(f"the process stopped before {what}: {process.stderr.read().decode()}")
        time.sleep(0.1)
    pytest.fail(f"waited {DEADLINE} s for {what}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGINT)
        try:
            process.wait(timeout=DEADLINE)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _probe(tmp_path, attempts: int) -> TaskRecord:
    (tmp_path / "hold").touch()
    return task_enqueue(
        actor=system_principal("process tests"),
        task=decisions_then_hold,
        kind="probe",
        kwargs={"folder": str(tmp_path), "count": 3},
        max_attempts=attempts,
    )


def _status(record: TaskRecord) -> str:
    # The queue's row first, then the record: a worker changes both in one transaction, so once
    # the status read shows it, the record read after it does too (the other way round, the
    # record could be read just before that transaction commits and the status just after).
    record.task.refresh_from_db()
    status = record.task.status
    record.refresh_from_db()
    return status


def _kill_inside_the_write(tmp_path, record: TaskRecord) -> None:
    first = _accord("worker", "--worker-id", "first")
    try:
        _until(lambda: (tmp_path / "inside").exists(), "the task to be inside its write", first)
    finally:
        first.kill()  # SIGKILL: no handler runs, the transaction is left open on the server
        first.wait()
    assert _status(record) == TaskResultStatus.RUNNING


def test_a_worker_killed_mid_write_leaves_nothing_and_the_next_worker_runs_the_task(
    mission, tmp_path
):
    before = Decision.objects.count()
    record = _probe(tmp_path, attempts=2)
    _kill_inside_the_write(tmp_path, record)
    # The server rolled the killed worker's transaction back: no decision, no number used.
    assert _until(lambda: not _open_transactions(), "the killed worker's session to end")
    assert Decision.objects.count() == before
    (tmp_path / "hold").unlink()

    second = _accord("worker", "--worker-id", "second")
    try:
        _until(lambda: _status(record) == TaskResultStatus.SUCCESSFUL, "the retry", second)
    finally:
        _stop(second)
    assert record.task.worker_ids == ["first", "second"]
    references = record.task.return_value
    assert len(references) == 3
    assert list(
        Decision.objects.filter(title__startswith="Probe")
        .values_list("reference", flat=True)
        .order_by("reference")
    ) == sorted(references)
    numbers = sorted(int(r.rsplit("-", 1)[1]) for r in references)
    assert numbers == list(range(numbers[0], numbers[0] + 3))  # the rolled-back ones given back
    assert audit_verify().ok
    assert not WorkerBeat.objects.filter(pk="second").exists()  # it stopped cleanly


def test_a_task_whose_attempts_are_spent_fails_with_the_reason_worker_lost(mission, tmp_path):
    before = Decision.objects.count()
    record = _probe(tmp_path, attempts=1)
    _kill_inside_the_write(tmp_path, record)
    (tmp_path / "hold").unlink()
    second = _accord("worker", "--worker-id", "second")
    try:
        _until(lambda: _status(record) == TaskResultStatus.FAILED, "the task to fail", second)
    finally:
        _stop(second)
    assert record.reason == "worker_lost"
    assert record.task.exception_class_path == "accord.jobs.WorkerLost"
    assert record.task.worker_ids == ["first"]  # not run again
    assert Decision.objects.count() == before


def _open_transactions() -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND state LIKE 'idle in transaction%%' AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status == 200
    except OSError:
        return False


def test_serve_with_worker_starts_both_and_one_ctrl_c_stops_both(mission, tmp_path):
    port = _free_port()
    env_var = {"ACCORD_VAR_DIR": str(tmp_path)}
    server = subprocess.Popen(
        [sys.executable, "-m", "accord.cli", "serve", "--with-worker", "--port", str(port)],
        cwd=ROOT,
        env={**_environment(), **env_var},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        _until(
            lambda: _answers(f"http://127.0.0.1:{port}/api/v1/openapi.json"), "the server", server
        )
        beat = _until(lambda: WorkerBeat.objects.first(), "the worker's heartbeat", server)
        server.send_signal(signal.SIGINT)
        assert server.wait(timeout=DEADLINE) == 0
    finally:
        if server.poll() is None:
            server.kill()
    assert not _answers(f"http://127.0.0.1:{port}/api/v1/openapi.json")
    assert not WorkerBeat.objects.filter(pk=beat.pk).exists()  # the worker stopped cleanly
    with pytest.raises(ProcessLookupError):
        os.kill(beat.pid, 0)
