"""What every benchmark shares: a fresh database, seeded by ``accord seed``, and the report line.

A benchmark prints ``name: value unit (ratio x anchor)``, the anchor measured in the same run on the
same machine, so that a figure means something on a noisy or slow machine (see DESIGN.md).

The database is chosen by ``ACCORD_DATABASE_URL``; by default a temporary SQLite file that is
removed afterwards. A PostgreSQL URL must name an empty database (``createdb accord_bench``):
the benchmark migrates it and seeds it, and refuses if synthetic data is already there.
"""

from __future__ import annotations

import atexit
import io
import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
BENCH_SECRET = "bench-only-secret-key-not-for-production-0123456789abcdefghij"
BENCH_AUDIT_KEY = "bench-only-audit-key-not-for-production-9876543210zyxwvu"


def bench_environment() -> dict[str, str]:
    """Environment variables for a benchmark run (this process and any server it starts)."""
    var_dir = tempfile.mkdtemp(prefix="accord-bench-")
    atexit.register(shutil.rmtree, var_dir, ignore_errors=True)
    env = {
        "ACCORD_VAR_DIR": var_dir,
        "ACCORD_SECRET_KEY": os.environ.get("ACCORD_SECRET_KEY", BENCH_SECRET),
        "ACCORD_AUDIT_KEY": os.environ.get("ACCORD_AUDIT_KEY", BENCH_AUDIT_KEY),
        "ACCORD_DATABASE_URL": os.environ.get(
            "ACCORD_DATABASE_URL", f"sqlite:///{var_dir}/bench.sqlite3"
        ),
        "ACCORD_LOG_LEVEL": "ERROR",
    }
    os.environ.update(env)
    return env


def prepare_database(scale: int, seed: int = 1) -> float:
    """Migrate, load the scenario and personas, seed ``scale``; return the seconds it took."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.settings")
    django.setup()
    from django.core.management import call_command

    from accord.access import system_principal
    from accord.audit.services import set_via
    from accord.core.demo import personas_create
    from accord.core.seed import seed_run

    started = time.perf_counter()
    set_via("cli")
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_scenario", stdout=io.StringIO())
    personas_create()
    seed_run(actor=system_principal("bench"), scale=scale, seed=seed, batch_size=2000)
    from django.db import connection

    with connection.cursor() as cursor:
        # Fresh statistics for the planner, as autovacuum (or SQLite's optimize) would give a
        # database that has lived with this data for a while.
        cursor.execute("ANALYZE" if connection.vendor == "postgresql" else "PRAGMA optimize")
    return time.perf_counter() - started


def percentile(values: list[float], fraction: float) -> float:
    """The value below which ``fraction`` of ``values`` fall (nearest rank)."""
    ordered = sorted(values)
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered) + 0.5) - 1))
    return ordered[rank]


def median(values: list[float]) -> float:
    return statistics.median(values)


def report(name: str, value: float, unit: str, ratio: float, anchor: str) -> None:
    """Print the one line a benchmark is for: ``name: value unit (ratio x anchor)``."""
    shown = f"{value:,.0f}" if value >= 100 else f"{value:.2f}"
    print(f"{name}: {shown} {unit} ({ratio:.3g} x {anchor})", flush=True)
