"""``accord serve --with-worker``'s supervisor, with real processes: when one child stops, the
others are stopped too, and the first one's exit status is returned. (Stopping both on one
SIGINT is shown with the real server and worker in tests/jobs/test_worker_processes.py.)"""

import sys

from accord.core.supervise import supervise

SLEEPER = [sys.executable, "-c", "import time\nwhile True: time.sleep(1)"]


def test_when_one_child_stops_the_others_are_stopped_and_its_status_returned():
    status = supervise({"sleeper": SLEEPER, "failing": [sys.executable, "-c", "exit(3)"]})
    assert status == 3  # and supervise returned at all: the sleeper, which never ends, was stopped


def test_a_child_that_ignores_the_stop_is_killed_after_the_grace():
    stubborn = [
        sys.executable,
        "-c",
        "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\n"
        "while True: time.sleep(1)",
    ]
    status = supervise({"stubborn": stubborn, "done": [sys.executable, "-c", "exit(0)"]}, grace=1)
    assert status == 0
