"""Run a few processes together and stop them together: the server and its worker on one
machine (``accord serve --with-worker``).

Plain ``subprocess`` rather than a process manager (honcho, supervisord): two commands known in
advance need no Procfile or new dependency, and the one thing to get right is the stop. A Ctrl-C
(SIGINT) or a SIGTERM reaches this process, which passes one SIGINT to each child. Each
child then stops as it does on its own Ctrl-C (the worker finishes its task: a task it cannot
finish within ``grace`` seconds is ended, and the next worker to start runs it again). When one
child stops by itself, the others are stopped too: a server without its worker is not what was
asked for.
"""

from __future__ import annotations

import signal
import subprocess
import time

GRACE_SECONDS = 20.0


def supervise(commands: dict[str, list[str]], grace: float = GRACE_SECONDS) -> int:
    """Start every command, wait until one stops or a stop signal comes, stop them all; the exit
    status is 0 after a requested stop, else the first stopped child's."""
    stop_requested = False

    def request_stop(signum, frame):
        nonlocal stop_requested
        stop_requested = True

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGINT, signal.SIGTERM)}
    # Each child in a session of its own: a terminal's Ctrl-C reaches this process only, which
    # passes on exactly one SIGINT (a second would make the worker abandon its task).
    children = {
        name: subprocess.Popen(argv, start_new_session=True)  # noqa: S603 - our own commands
        for name, argv in commands.items()
    }
    try:
        while not stop_requested and all(c.poll() is None for c in children.values()):
            time.sleep(0.2)
        first_status = next((c.returncode for c in children.values() if c.returncode), 0)
        _stop_all(children.values(), grace)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return 0 if stop_requested else first_status


def _stop_all(children, grace: float) -> None:
    for child in children:
        if child.poll() is None:
            child.send_signal(signal.SIGINT)
    deadline = time.monotonic() + grace
    for child in children:
        try:
            child.wait(timeout=max(deadline - time.monotonic(), 0.1))
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
