"""The training statistics at the issue's size: 100,000 trainees in 5,000 sessions.

Prepares a fresh database with the scenario (its CNT history and targets), the personas and
training's own synthetic data (``accord seed``'s training generator alone, at
``BENCH_SCALE`` = 100,000: 5,000 sessions of twenty seats, 100,000 trainees each nominated and
graded, about four in five passing), then gives every synthetic session two donors' funding, so
the cost per graduate by donor has 10,000 rows to divide.

Two figures, each beside an anchor measured in the same run:

- ``training_statistics_compute``: ``training.selectors.statistics_report`` for the public (what
  the statistics page, the API and the exports compute), median of ``BENCH_ROUNDS``; the anchor
  is plain SQL reading the same rows: passed nominations counted per session and nation, the
  reported sessions' figures, and the funding rows, with no arithmetic or access policy.
- ``training_statistics_page_p95`` and ``training_statistics_api_p95``: the real server
  (``accord serve``) answering ``GET /training/statistics/`` and
  ``GET /api/v1/training/statistics/report`` to an anonymous caller, ``BENCH_REQUESTS`` times
  each over one keep-alive connection, against ``/bench/bare`` on the same server behind the
  same middleware, requested alternately so that both see the same noise. The goal is ≤ 3×.

    python bench/training_statistics.py                        # SQLite, a temporary file
    ACCORD_DATABASE_URL=postgresql://…/accord_bench python bench/training_statistics.py
"""

from __future__ import annotations

import http.client
import io
import os
import time

from benchlib import bench_environment, median, percentile, report
from dashboard import free_port, start_server, stop_server, timed_get, wait_until_up

SCALE = int(os.environ.get("BENCH_SCALE", "100000"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "5"))
REQUESTS = int(os.environ.get("BENCH_REQUESTS", "40"))
WARMUP = 5
DONORS = ("DEU", "RUS")


def prepare() -> float:
    """Migrate, load the scenario and personas, seed training alone; the seconds it took."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.settings")
    django.setup()
    from django.core.management import call_command

    from accord.audit.services import set_via
    from accord.core.demo import personas_create
    from accord.core.seed import SeedRun, generators

    started = time.perf_counter()
    set_via("cli")
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_scenario", stdout=io.StringIO())
    personas_create()
    training = next(reg for reg in generators() if reg.name == "training")
    run = SeedRun(scale=SCALE, seed=1, batch_size=2000, progress=lambda n: None)
    training.generator.run(run.for_generator("training"))
    fund_sessions()
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "postgresql" else "PRAGMA optimize")
    return time.perf_counter() - started


def fund_sessions() -> None:
    """Two donors' shares of every synthetic session (plain inserts: no fund commitment, which
    the statistics do not read)."""
    from django.db import transaction

    from accord.core.models import Nation
    from accord.training.models import Session, SessionFunding

    donors = [Nation.objects.get(iso3=iso3) for iso3 in DONORS]
    sessions = Session.objects.filter(code__startswith="syn-").values_list("pk", flat=True)
    rows = [
        SessionFunding(
            session_id=pk, donor=donor, amount_minor=1_000_000 + 1000 * i, currency="EUR"
        )
        for pk in sessions
        for i, donor in enumerate(donors)
    ]
    with transaction.atomic():
        SessionFunding.objects.bulk_create(rows, batch_size=5000)


def compute_seconds() -> tuple[float, int]:
    from accord.access import ANONYMOUS
    from accord.training.selectors import statistics_report

    started = time.perf_counter()
    found = statistics_report(actor=ANONYMOUS)
    return time.perf_counter() - started, found.total


def plain_sql_seconds() -> float:
    """The rows the statistics read, by plain SQL: no policy, no arithmetic."""
    from django.db import connection

    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT n.session_id, n.nation_id, COUNT(*) FROM training_nomination n"
            " WHERE n.status = 'passed' GROUP BY n.session_id, n.nation_id"
        )
        cursor.fetchall()
        cursor.execute(
            "SELECT id, ends, trained_count FROM training_session WHERE trained_count > 0"
        )
        cursor.fetchall()
        cursor.execute(
            "SELECT session_id, donor_id, currency, amount_minor FROM training_sessionfunding"
        )
        cursor.fetchall()
    return time.perf_counter() - started


def served(env) -> dict[str, tuple[list[float], list[float], set[int]]]:
    """Each path's and the bare view's response times, requested alternately."""
    from django.db import connection

    connection.close()  # the server has the database to itself while it is measured
    paths = {"page": "/training/statistics/", "api": "/api/v1/training/statistics/report"}
    port = free_port()
    server = start_server(port, env)
    found = {}
    try:
        wait_until_up(port, server)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        for name, path in paths.items():
            for _ in range(WARMUP):
                timed_get(conn, path, "")
                timed_get(conn, "/bench/bare", "")
            ours, bare, statuses = [], [], set()
            for _ in range(REQUESTS):
                seconds, status, _size = timed_get(conn, path, "")
                ours.append(seconds)
                statuses.add(status)
                bare.append(timed_get(conn, "/bench/bare", "")[0])
            found[name] = (ours, bare, statuses)
        conn.close()
    finally:
        stop_server(server)
    return found


def main() -> None:
    env = bench_environment()
    built = prepare()
    vendor = "PostgreSQL" if env["ACCORD_DATABASE_URL"].startswith("postgres") else "SQLite"
    plain_sql_seconds()  # warm the caches for both alike
    ours, anchor, total = [], [], 0
    for _ in range(ROUNDS):
        seconds, total = compute_seconds()
        ours.append(seconds)
        anchor.append(plain_sql_seconds())
    print(
        f"# {vendor}; {SCALE:,} synthetic trainees in {-(-SCALE // 20):,} sessions plus the"
        f" scenario (built in {built:.0f} s); {total:,} trained in all; median of {ROUNDS}"
        f" rounds; plain SQL {median(anchor) * 1000:.1f} ms",
        flush=True,
    )
    report(
        "training_statistics_compute",
        median(ours) * 1000,
        "ms",
        median(ours) / median(anchor),
        "plain SQL of the same rows",
    )
    for name, (times, bare, statuses) in served(env).items():
        p95, b95 = percentile(times, 0.95) * 1000, percentile(bare, 0.95) * 1000
        if statuses != {200}:
            print(f"# note: {name} answered {sorted(statuses)}: the figure is not the page's")
        print(f"# {name}: {REQUESTS} requests; bare view p95 {b95:.2f} ms", flush=True)
        report(f"training_statistics_{name}_p95", p95, "ms", p95 / b95, "bare Django view")


if __name__ == "__main__":
    main()
