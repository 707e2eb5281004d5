"""Events per district and month over 200,000 conflict events, as a reader sees them.

A synthetic event set (``BENCH_SITUATION_EVENTS``, default 200,000) spread over Afghanistan's
398 districts and eleven years, four in five marked PUBLIC and one in five NATO. The reader is
the Russian delegation's kind of principal (an NRC nation outside NATO), so the access policy's
filter is part of what is measured.

The figures: ``event_counts`` — the selector behind the counts page, its chart and the API's
``/situation/events/counts`` — and ``events_geojson`` for one month (the map's data). The anchors,
in the same run on the same database: the same GROUP BY, and the same month's rows, in plain SQL.
The goal is ≤ 3×.

    python bench/situation_counts.py                                  # SQLite, a temporary file
    ACCORD_DATABASE_URL=postgresql://…/accord_bench python bench/situation_counts.py
"""

from __future__ import annotations

import io
import os
import random
import time
from datetime import date, timedelta
from decimal import Decimal

from benchlib import bench_environment, median, report

EVENTS = int(os.environ.get("BENCH_SITUATION_EVENTS", "200000"))
ROUNDS = int(os.environ.get("BENCH_SITUATION_ROUNDS", "3"))
START = date(2010, 1, 1)
MONTH = (date(2015, 6, 1), date(2015, 6, 30))


def prepare() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.settings")
    django.setup()
    from django.core.management import call_command

    from accord.audit.services import set_via

    set_via("cli")
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_scenario", stdout=io.StringIO())  # the provinces and districts


def build_events(rng: random.Random) -> None:
    """The events, written with plain inserts (the import's audit entries are not measured)."""
    from django.db import connection, transaction

    from accord.situation.models import ConflictEvent, District, EventRelease

    districts = list(District.objects.select_related("province"))
    with transaction.atomic():
        release = EventRelease.objects.create(
            source="acled",
            dataset="bench",
            name="bench",
            filename="bench.csv",
            digest="0" * 64,
            rows=EVENTS,
            added=EVENTS,
        )
        batch = []
        for n in range(EVENTS):
            place = districts[rng.randrange(len(districts))]
            day = START + timedelta(days=rng.randrange(11 * 365))
            batch.append(
                ConflictEvent(
                    source="acled",
                    dataset="bench",
                    source_id=f"b{n}",
                    release=release,
                    date_start=day,
                    date_end=day,
                    date_precision=1,
                    where_precision=2,
                    latitude=place.label_latitude + Decimal(rng.randint(-99, 99)) / 10000,
                    longitude=place.label_longitude,
                    district=place,
                    province=place.province,
                    violence_type="battles",
                    side_a="side a",
                    deaths_best=rng.randint(0, 9),
                    row_digest="",
                    marking="NATO" if rng.random() < 0.2 else "PUBLIC",
                )
            )
            if len(batch) == 5000:
                ConflictEvent.objects.bulk_create(batch)
                batch = []
        ConflictEvent.objects.bulk_create(batch)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "postgresql" else "PRAGMA optimize")


def reader():
    """A principal of an NRC nation outside NATO: reads PUBLIC and NRC events, never NATO."""
    from accord.access import Principal

    return Principal(None, "bench-reader", frozenset({"delegation"}), None, True, False, None)


def timed(run) -> tuple[float, object]:
    started = time.perf_counter()
    result = run()
    return time.perf_counter() - started, result


def anchors():
    """The same answers in plain SQL: the GROUP BY, and the month's rows."""
    from django.db import connection

    table = connection.ops.quote_name("situation_conflictevent")
    month = (
        "date_trunc('month', date_start)"
        if connection.vendor == "postgresql"
        else "strftime('%Y-%m-01', date_start)"
    )
    readable = "marking IN ('PUBLIC', 'NRC') AND NOT withdrawn"

    def counts():
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT district_id, {month}, COUNT(*), SUM(deaths_best) FROM {table}"
                f" WHERE {readable} GROUP BY district_id, {month} ORDER BY district_id, 2"
            )
            return cursor.fetchall()

    def one_month():
        """The month's rows, and the month's GROUP BY by district the map shades with."""
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT district_id, COUNT(*), SUM(deaths_best) FROM {table} WHERE {readable}"
                f" AND date_start BETWEEN %s AND %s GROUP BY district_id",
                list(MONTH),
            )
            cursor.fetchall()
            cursor.execute(
                f"SELECT id, source, source_id, date_start, date_precision, where_precision,"
                f" where_description, violence_type, deaths_best, latitude, longitude,"
                f" district_id FROM {table} WHERE {readable} AND date_start BETWEEN %s AND %s"
                f" ORDER BY date_start DESC, id",
                list(MONTH),
            )
            return cursor.fetchall()

    return counts, one_month


def main() -> None:
    env = bench_environment()
    prepare()
    started = time.perf_counter()
    build_events(random.Random(14))
    built = time.perf_counter() - started
    from accord.situation import selectors

    actor = reader()
    params = {"date_from": MONTH[0].isoformat(), "date_to": MONTH[1].isoformat()}
    plain_counts, plain_month = anchors()
    vendor = "PostgreSQL" if env["ACCORD_DATABASE_URL"].startswith("postgres") else "SQLite"
    print(f"# {vendor}; {EVENTS:,} events (built in {built:.0f} s); median of {ROUNDS} rounds")
    plain_counts()  # warm the caches for both alike
    ours, anchor, map_ours, map_anchor, rows = [], [], [], [], 0
    for _ in range(ROUNDS):
        seconds, found = timed(lambda: selectors.event_counts(actor=actor))
        ours.append(seconds)
        seconds, plain = timed(plain_counts)
        anchor.append(seconds)
        rows = len(found)
        assert rows == len(plain), (rows, len(plain))
        seconds, geo = timed(lambda: selectors.events_geojson(actor=actor, params=params))
        map_ours.append(seconds)
        map_anchor.append(timed(plain_month)[0])
    print(f"# {rows:,} district-month rows; one month's map: {geo['shown']:,} events")
    report(
        "situation events per district and month",
        median(ours) * 1000,
        "ms",
        median(ours) / median(anchor),
        "plain SQL GROUP BY",
    )
    report(
        "situation map GeoJSON, one month",
        median(map_ours) * 1000,
        "ms",
        median(map_ours) / median(map_anchor),
        "plain SQL rows and district counts",
    )


if __name__ == "__main__":
    main()
