"""``make bench``: run every benchmark, each in its own process with a time limit.

Each script prints its figure beside its anchor (``name: value unit (ratio x anchor)``); lines
starting with ``#`` give the context (sizes, database, raw anchor figures). Add a new benchmark to
``SCRIPTS``. Benchmarks are not tests: nothing here fails on a slow figure, only on a broken run.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

SCRIPTS = [
    "audit_verify.py",
    "dashboard.py",
    "pages.py",
    "load.py",
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
    "personnel_import.py",
    "training_statistics.py",
    "training_matching.py",
    "advising_trends.py",
]
TIME_LIMIT = 180  # seconds per script
# The load benchmark prepares a database and drives each of two servers for 2 x 60 s, on SQLite
# and on PostgreSQL; the ledger runs pgbench and its postings on both databases and builds
# 1,000,000 transfers; the training statistics build 100,000 trainees first; the advising trends
# rate 1,200 milestones monthly for six years first (86,400 ratings).
TIME_LIMITS = {
    "load.py": 1200,
    "funds_ledger.py": 480,
    "training_statistics.py": 600,
    "advising_trends.py": 360,
}
# Settings a script takes from the environment, where its own default would not measure every
# row `make bench` prints (sizes that fit the time limit, the PostgreSQL rows); an environment
# variable already set wins.
SETTINGS = {
    "personnel_reconcile.py": {"BENCH_ROSTER_SIGNINS": "1000000"},
    "load.py": {
        "BENCH_LOAD_POSTGRES_URL": "postgresql://postgres@127.0.0.1:5432/accord_load_bench"
    },
}


def main(names: list[str]) -> int:
    here = Path(__file__).resolve().parent
    failed = []
    for name in names or SCRIPTS:
        started = time.perf_counter()
        try:
            done = subprocess.run(
                [sys.executable, str(here / name)],
                timeout=TIME_LIMITS.get(name, TIME_LIMIT),
                check=False,
                env={**SETTINGS.get(name, {}), **os.environ},
            )
            ok = done.returncode == 0
        except subprocess.TimeoutExpired:
            print(f"{name}: stopped after {TIME_LIMITS.get(name, TIME_LIMIT)} s", flush=True)
            ok = False
        print(f"# {name} took {time.perf_counter() - started:.0f} s", flush=True)
        if not ok:
            failed.append(name)
    if failed:
        print(f"# failed: {', '.join(failed)}", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
