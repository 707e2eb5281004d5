"""Exposure: which of the mission's sites and transit legs lie within 50 km of 10,000 conflict
events, against a brute-force numpy distance matrix over the same points, in the same run.

Two figures:

1. ``selectors.exposure`` as a page asks it: the scenario's sites, legs and shipments, read
   through the access policy, and ``BENCH_EXPOSURE_EVENTS`` (default 10,000) events of one month
   read from the database, as the Russian delegation's kind of reader (PUBLIC and NRC). Anchor:
   the same month's rows and the same sites and legs in plain SQL, then the full haversine
   matrix between the events and every site (haversine) and every leg (the cross-track
   distance to its great-circle arc, over every pair), and its minimum per site or leg.
2. The engine alone at a larger, synthetic size (``BENCH_EXPOSURE_SITES`` sites, default 2,000,
   and as many legs, across the region), against the same brute force over the same points:
   the goal is to be faster than it.

    python bench/situation_exposure.py                                  # SQLite, a temporary file
    ACCORD_DATABASE_URL=postgresql://…/accord_bench python bench/situation_exposure.py
"""

from __future__ import annotations

import io
import os
import random
import time
from datetime import date, timedelta
from decimal import Decimal

import numpy as np

from benchlib import bench_environment, median, report

EVENTS = int(os.environ.get("BENCH_EXPOSURE_EVENTS", "10000"))
SITES = int(os.environ.get("BENCH_EXPOSURE_SITES", "2000"))
ROUNDS = int(os.environ.get("BENCH_EXPOSURE_ROUNDS", "5"))
KM = 50
MONTH = (date(2015, 6, 1), date(2015, 6, 30))
CHUNK = 50  # legs per block of the brute-force matrix


def prepare() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.settings")
    django.setup()
    from django.core.management import call_command

    from accord.audit.services import set_via

    set_via("cli")
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_scenario", stdout=io.StringIO())  # sites, legs, places


def build_events(rng: random.Random) -> None:
    """One month's events at the districts' label points, nine in ten PUBLIC, one in ten NATO
    (which the reader does not read), written with plain inserts."""
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
        events = []
        for n in range(EVENTS):
            place = districts[rng.randrange(len(districts))]
            day = MONTH[0] + timedelta(days=rng.randrange(30))
            events.append(
                ConflictEvent(
                    source="acled",
                    dataset="bench",
                    source_id=f"b{n}",
                    release=release,
                    date_start=day,
                    date_end=day,
                    date_precision=1,
                    where_precision=2,
                    latitude=place.label_latitude + Decimal(rng.randint(-999, 999)) / 10000,
                    longitude=place.label_longitude + Decimal(rng.randint(-999, 999)) / 10000,
                    district=place,
                    province=place.province,
                    violence_type="battles",
                    side_a="side a",
                    deaths_best=rng.randint(0, 9),
                    row_digest="",
                    marking="NATO" if rng.random() < 0.1 else "PUBLIC",
                )
            )
        ConflictEvent.objects.bulk_create(events, batch_size=5000)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "postgresql" else "PRAGMA optimize")


def reader():
    """A principal of an NRC nation outside NATO: reads PUBLIC and NRC records, never NATO."""
    from accord.access import Principal

    return Principal(None, "bench-reader", frozenset({"delegation"}), None, True, False, None)


def timed(run) -> tuple[float, object]:
    started = time.perf_counter()
    result = run()
    return time.perf_counter() - started, result


def brute_force(assets, hazards: np.ndarray) -> set[str]:
    """The assets within ``KM`` of a hazard by brute force: the full matrix of distances from
    every hazard to every site (haversine) and to every leg's arc (the cross-track formula the
    engine uses, over every pair), in chunks that keep the memory small."""
    from accord.situation.engine.exposure import _unit, arc_km, brute_force_km

    sites = [a for a in assets if len(a.points) == 1]
    legs = [a for a in assets if len(a.points) > 1]
    found = set()
    if sites:
        nearest = brute_force_km(np.array([a.points[0] for a in sites]), hazards).min(axis=1)
        found |= {a.key for a, km in zip(sites, nearest, strict=True) if km <= KM}
    p = _unit(hazards[:, 0], hazards[:, 1])
    for start in range(0, len(legs), CHUNK):
        chunk = legs[start : start + CHUNK]
        ends = np.array([(*a.points[0], *a.points[-1]) for a in chunk])
        a = np.repeat(_unit(ends[:, 0], ends[:, 1]), len(p), axis=0)
        b = np.repeat(_unit(ends[:, 2], ends[:, 3]), len(p), axis=0)
        km = arc_km(np.tile(p, (len(chunk), 1)), a, b).reshape(len(chunk), len(p))
        found |= {leg.key for leg, near in zip(chunk, km.min(axis=1), strict=True) if near <= KM}
    return found


def plain_sql():
    """The anchor's reads: the month's readable events, the sites, the legs with their ends."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT longitude, latitude FROM situation_conflictevent WHERE NOT withdrawn AND"
            " marking IN ('PUBLIC', 'NRC') AND date_start BETWEEN %s AND %s",
            list(MONTH),
        )
        events = np.array([(float(lon), float(lat)) for lon, lat in cursor.fetchall()])
        cursor.execute(
            "SELECT id, longitude, latitude FROM core_site WHERE marking IN ('PUBLIC', 'NRC')"
        )
        sites = cursor.fetchall()
        cursor.execute(
            "SELECT l.code, o.longitude, o.latitude, d.longitude, d.latitude"
            " FROM transit_transitleg l JOIN transit_transitnode o ON o.id = l.origin_id"
            " JOIN transit_transitnode d ON d.id = l.destination_id"
            " WHERE l.marking IN ('PUBLIC', 'NRC')"
        )
        legs = cursor.fetchall()
    return events, sites, legs


def anchor_exposure():
    from accord.situation.engine.exposure import Asset

    events, sites, legs = plain_sql()
    assets = [Asset(f"site:{pk}", ((float(lon), float(lat)),)) for pk, lon, lat in sites]
    assets += [
        Asset(f"leg:{code}", ((float(a), float(b)), (float(c), float(d))))
        for code, a, b, c, d in legs
    ]
    return brute_force(assets, events)


def synthetic(rng: np.random.Generator):
    """``SITES`` sites and as many legs across Afghanistan and Central Asia, the events in
    Afghanistan."""
    from accord.situation.engine.exposure import Asset, Hazard

    lon, lat = rng.uniform(60, 80, SITES), rng.uniform(29, 45, SITES)
    assets = [Asset(f"site:{i}", ((lon[i], lat[i]),)) for i in range(SITES)]
    # Legs of a road or rail network: from a place to another up to about 250 km away.
    start = np.column_stack([rng.uniform(60, 80, SITES), rng.uniform(29, 45, SITES)])
    end = start + rng.uniform(-2, 2, size=(SITES, 2))
    assets += [Asset(f"leg:{i}", (tuple(start[i]), tuple(end[i]))) for i in range(SITES)]
    h = np.column_stack([rng.uniform(60.5, 75, EVENTS), rng.uniform(29.5, 38.5, EVENTS)])
    return assets, [Hazard(f"event:{j}", x, y) for j, (x, y) in enumerate(h)], h


def main() -> None:
    env = bench_environment()
    prepare()
    started = time.perf_counter()
    build_events(random.Random(14))
    built = time.perf_counter() - started
    from accord.situation import selectors
    from accord.situation.engine.exposure import exposed

    actor = reader()
    vendor = "PostgreSQL" if env["ACCORD_DATABASE_URL"].startswith("postgres") else "SQLite"
    print(f"# {vendor}; {EVENTS:,} events in one month (built in {built:.0f} s); {ROUNDS} rounds")
    anchor_exposure()  # warm the caches for both alike
    ours, anchor = [], []
    for _ in range(ROUNDS):
        seconds, found = timed(
            lambda: selectors.exposure(
                actor=actor, km=KM, date_from=MONTH[0], date_to=MONTH[1], incidents=False
            )
        )
        ours.append(seconds)
        seconds, expected = timed(anchor_exposure)
        anchor.append(seconds)
    keys = {f"site:{s.pk}" for s, _ in found.sites} | {f"leg:{leg.code}" for leg, _ in found.legs}
    assert keys == expected, sorted(keys ^ expected)
    print(
        f"# {len(found.hazards):,} events read; exposed: {len(found.sites)} sites, "
        f"{len(found.legs)} legs, {len(found.shipments)} shipments"
    )
    report(
        "situation exposure within 50 km, scenario's sites and legs",
        median(ours) * 1000,
        "ms",
        median(ours) / median(anchor),
        "plain SQL and a numpy distance matrix",
    )
    assets, hazards, points = synthetic(np.random.default_rng(14))
    engine, matrix = [], []
    for _ in range(ROUNDS):
        seconds, found_synthetic = timed(lambda: exposed(assets, hazards, KM))
        engine.append(seconds)
        seconds, expected = timed(lambda: brute_force(assets, points))
        matrix.append(seconds)
    assert {e.asset for e in found_synthetic} == expected
    print(f"# synthetic: {SITES:,} sites and {SITES:,} legs, {len(found_synthetic):,} exposed")
    report(
        f"situation exposure engine, {SITES:,} sites and {SITES:,} legs x {EVENTS:,} events",
        median(engine) * 1000,
        "ms",
        median(engine) / median(matrix),
        "a numpy distance matrix over the same points",
    )


if __name__ == "__main__":
    main()
