"""``make bench``: run every benchmark, each in its own process with a time limit.

Each script prints its figure beside its anchor (``name: value unit (ratio x anchor)``); lines
starting with ``#`` give the context (sizes, database, raw anchor figures). Add a new benchmark to
``SCRIPTS``. Benchmarks are not tests: nothing here fails on a slow figure, only on a broken run.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

SCRIPTS = [
    "audit_verify.py",
    "dashboard.py",
    "iati_roundtrip.py",
    "funds_ledger.py",
    "budget_execution.py",
    "council_consultations.py",
    "council_close_due.py",
    "transit_routes.py",
    "transit_route_api.py",
    "transit_flow.py",
    "fleet_schedule.py",
    "fleet_due.py",
    "situation_counts.py",
    "situation_exposure.py",
    "personnel_reconcile.py",
]
TIME_LIMIT = 180  # seconds per script


def main(names: list[str]) -> int:
    here = Path(__file__).resolve().parent
    failed = []
    for name in names or SCRIPTS:
        started = time.perf_counter()
        try:
            done = subprocess.run(
                [sys.executable, str(here / name)], timeout=TIME_LIMIT, check=False
            )
            ok = done.returncode == 0
        except subprocess.TimeoutExpired:
            print(f"{name}: stopped after {TIME_LIMIT} s", flush=True)
            ok = False
        print(f"# {name} took {time.perf_counter() - started:.0f} s", flush=True)
        if not ok:
            failed.append(name)
    if failed:
        print(f"# failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
