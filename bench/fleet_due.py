"""The fleet's due list for 500 aircraft × 60 tasks over ten years of daily flight logs.

A synthetic fleet (``BENCH_DUE_AIRCRAFT`` aircraft, default 500) of one type whose programme has
60 tasks: 45 repeating every so many flight hours, cycles or days (whichever first) and 15
directives done once from the day they took effect (five distinct days). Every aircraft flew
every day for ``BENCH_DUE_YEARS`` years (default 10: about 1.8 million flight log entries) and
had each repeating task done a few times.

The figure: ``fleet_due`` — the selector behind the fleet's due-list page, the API and
``accord fleet due --all`` — for the whole fleet, read by the system. The anchor, in the same run
on the same database: plain SQL aggregates of the same counters, without the due arithmetic —
each aircraft's totals summed from its flight log, each task's last compliance, and the totals on
each directive's effective day. The goal is ≤ 3×.

    python bench/fleet_due.py                                  # SQLite, a temporary file
    ACCORD_DATABASE_URL=postgresql://…/accord_bench python bench/fleet_due.py
"""

from __future__ import annotations

import os
import random
import time
from datetime import date, timedelta
from decimal import Decimal

from benchlib import bench_environment, median, report

AIRCRAFT = int(os.environ.get("BENCH_DUE_AIRCRAFT", "500"))
YEARS = int(os.environ.get("BENCH_DUE_YEARS", "10"))
ROUNDS = int(os.environ.get("BENCH_DUE_ROUNDS", "3"))
DAY = date(2020, 12, 31)  # "today" for the due list: the last day flown
START = DAY - timedelta(days=365 * YEARS - 1)
EFFECTIVE_DAYS = [START + timedelta(days=365 * k + 100) for k in (1, 3, 5, 7, 9)]


def prepare() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.settings")
    django.setup()
    from django.core.management import call_command

    from accord.audit.services import set_via

    set_via("cli")
    call_command("migrate", verbosity=0, interactive=False)


def build_fleet(rng: random.Random) -> int:
    """The type, its 60 tasks, the aircraft, their flight logs and compliance; returns the count
    of flight log entries. Written with plain inserts: the services would audit each row, which
    is not what is measured here."""
    from django.db import connection, transaction
    from django.utils import timezone

    from accord.fleet.models import Aircraft, AircraftType, ComplianceRecord, MaintenanceTask

    with transaction.atomic():
        kind = AircraftType.objects.create(code="bench-mi17", name="Mi-17 (bench)")
        tasks = [
            MaintenanceTask(
                aircraft_type=kind,
                code=f"rep-{n:02d}",
                name=f"Repeating task {n}",
                category="periodic",
                interval_hours=Decimal(rng.choice([50, 100, 200, 500, 1000, 2000])),
                interval_cycles=rng.choice([None, 500, 1500]),
                interval_days=rng.choice([None, 90, 365, 730]),
                tolerance_hours=Decimal(5),
            )
            for n in range(45)
        ] + [
            MaintenanceTask(
                aircraft_type=kind,
                code=f"ad-{n:02d}",
                name=f"Directive {n}",
                category="special",
                kind="directive",
                repeats=False,
                effective=EFFECTIVE_DAYS[n % len(EFFECTIVE_DAYS)],
                interval_hours=Decimal(rng.choice([25, 50, 100])),
                interval_days=rng.choice([30, 90]),
            )
            for n in range(15)
        ]
        MaintenanceTask.objects.bulk_create(tasks)
        repeating = [t for t in MaintenanceTask.objects.filter(aircraft_type=kind) if t.repeats]
        planes = Aircraft.objects.bulk_create(
            Aircraft(
                tail_number=f"B{n:04d}",
                aircraft_type=kind,
                operator="aaf",
                tracked_from=START,
                marking="NRC",
            )
            for n in range(AIRCRAFT)
        )
    days = (DAY - START).days + 1
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(flight_log_sql(connection.vendor), [START, timezone.now(), days])
    with transaction.atomic():
        for plane in planes:
            totals = list(accumulate(flown(plane.pk, n) for n in range(days)))
            Aircraft.objects.filter(pk=plane.pk).update(
                hours=Decimal(totals[-1][0]) / 10, landings=totals[-1][1], logged_to=DAY
            )
            ComplianceRecord.objects.bulk_create(compliance(plane, repeating, totals, rng))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "postgresql" else "PRAGMA optimize")
    return days * len(planes)


# Each day's flying, the same in SQL and in Python: 0.5 to 1.5 hours (about 350 a year) and one
# to three landings, varying by aircraft and day without a random generator the SQL can't share.
# (%% is how a statement with parameters writes the modulo operator.)
HOURS_TENTHS = "(5 + (a.id * 7 + d.n * 13) %% 11)"
LANDINGS = "(1 + (a.id + d.n * 3) %% 3)"


def flown(aircraft_id: int, n: int) -> tuple[int, int]:
    """Tenths of an hour and landings on day ``n`` (as HOURS_TENTHS and LANDINGS say)."""
    return 5 + (aircraft_id * 7 + n * 13) % 11, 1 + (aircraft_id + n * 3) % 3


def accumulate(days):
    hours = landings = 0
    for tenths, landed in days:
        hours += tenths
        landings += landed
        yield hours, landings


def flight_log_sql(vendor: str) -> str:
    """One INSERT … SELECT for the whole log: every aircraft, every day, running totals by a
    window function (a million rows from Python would take longer than the measurement)."""
    if vendor == "postgresql":
        numbers = "SELECT generate_series(0, %s - 1) AS n"
        day = "CAST(%s AS date) + d.n"
    else:
        numbers = (
            "WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n < %s - 1)"
            " SELECT n FROM s"
        )
        day = "date(%s, '+' || d.n || ' days')"
    return (
        "INSERT INTO fleet_flightlog (aircraft_id, date, hours, landings, total_hours,"
        " total_landings, note, estimated, marking, version, created_at)"
        f" SELECT a.id, {day}, {HOURS_TENTHS} / 10.0, {LANDINGS},"
        f" SUM({HOURS_TENTHS}) OVER w / 10.0, SUM({LANDINGS}) OVER w,"
        " '', FALSE, 'NRC', 1, %s"
        f" FROM fleet_aircraft a CROSS JOIN ({numbers}) d"
        " WINDOW w AS (PARTITION BY a.id ORDER BY d.n)"
    )


def compliance(plane, repeating, totals, rng: random.Random):
    """Each repeating task done three times, the last within its interval of the end."""
    from accord.fleet.models import ComplianceRecord

    for task in repeating:
        for back in (3, 2, 1):
            index = max(0, len(totals) - 1 - rng.randint(1, 300) * back)
            hours, landings = totals[index]
            yield ComplianceRecord(
                aircraft=plane,
                task=task,
                done_on=START + timedelta(days=index),
                hours=Decimal(hours) / 10,
                landings=landings,
            )


def due_list_seconds() -> tuple[float, int]:
    from accord.access import system_principal
    from accord.fleet.selectors import fleet_due

    actor = system_principal("bench")
    started = time.perf_counter()
    found = fleet_due(actor=actor, day=DAY)
    seconds = time.perf_counter() - started
    return seconds, sum(len(d.tasks) for d in found)


def plain_sql_seconds() -> float:
    """The same counters by plain SQL aggregates: totals from the log, the last compliance of
    each task, the totals on each directive's effective day."""
    from django.db import connection

    log = connection.ops.quote_name("fleet_flightlog")
    done = connection.ops.quote_name("fleet_compliancerecord")
    started = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT aircraft_id, SUM(hours), SUM(landings) FROM {log} GROUP BY aircraft_id"
        )
        cursor.fetchall()
        cursor.execute(
            f"SELECT aircraft_id, task_id, MAX(done_on), MAX(hours), MAX(landings) FROM {done}"
            " GROUP BY aircraft_id, task_id"
        )
        cursor.fetchall()
        for day in EFFECTIVE_DAYS:
            cursor.execute(
                f"SELECT aircraft_id, MAX(total_hours), MAX(total_landings) FROM {log}"
                " WHERE date <= %s GROUP BY aircraft_id",
                [day],
            )
            cursor.fetchall()
    return time.perf_counter() - started


def main() -> None:
    env = bench_environment()
    prepare()
    started = time.perf_counter()
    entries = build_fleet(random.Random(5))
    built = time.perf_counter() - started
    vendor = "PostgreSQL" if env["ACCORD_DATABASE_URL"].startswith("postgres") else "SQLite"
    print(
        f"# {vendor}; {AIRCRAFT} aircraft × 60 tasks, {entries:,} flight log entries"
        f" (built in {built:.0f} s); median of {ROUNDS} rounds each"
    )
    plain_sql_seconds()  # warm the caches for both alike
    ours, rows = [], 0
    anchor = []
    for _ in range(ROUNDS):
        seconds, rows = due_list_seconds()
        ours.append(seconds)
        anchor.append(plain_sql_seconds())
    print(f"# {rows:,} task rows in the due list; plain SQL aggregates {median(anchor):.3f} s")
    ratio = median(ours) / median(anchor)
    report("fleet due list, whole fleet", median(ours), "s", ratio, "plain SQL aggregates")


if __name__ == "__main__":
    main()
