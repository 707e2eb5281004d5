"""The trends of milestone ratings, per ministry and per hub and spoke, at a mission's size.

A synthetic plan (``BENCH_ADVISING_MILESTONES``, default 1,200 milestones: six teams at the hub
and the four spokes, ten counterparts each, twenty milestones per counterpart) rated once a
month for six years (``BENCH_ADVISING_MONTHS``, default 72): 86,400 ratings, four in five marked
NATO and one in five NATIONAL (German). The reader is a NATO nation's hub staff (the United
States'), so the access policy's filter is part of what is measured, and the German ratings
are left out.

The figures: ``trends_by_ministry`` and ``trends_by_site`` — the selectors behind the trends
page and ``/api/v1/advising/trends/{by}`` — each reading the ratings the reader may read and
sweeping them into monthly means. The anchor, in the same run on the same database: the same
rows (milestone, group, day, score) read with plain SQL and nothing done with them, the least
any trend computed outside the database must pay. The goal is ≤ 3×.

    python bench/advising_trends.py                                     # SQLite, a temporary file
    ACCORD_DATABASE_URL=postgresql://…/accord_bench python bench/advising_trends.py
"""

from __future__ import annotations

import io
import os
import random
import time
from datetime import date

from benchlib import bench_environment, median, report

MILESTONES = int(os.environ.get("BENCH_ADVISING_MILESTONES", "1200"))
MONTHS = int(os.environ.get("BENCH_ADVISING_MONTHS", "72"))
ROUNDS = int(os.environ.get("BENCH_ADVISING_ROUNDS", "5"))
SITES = ("rs_hq_kabul", "taac_north", "taac_west", "taac_south", "taac_east", "taac_air")
PER_COUNTERPART = 20


def prepare() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.settings")
    django.setup()
    from django.core.management import call_command

    from accord.audit.services import set_via

    set_via("cli")
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_scenario", stdout=io.StringIO())  # the sites and the functions


def build(rng: random.Random) -> int:
    """The plan and its ratings, written with plain inserts (their audit is not measured)."""
    from django.db import connection, transaction

    from accord.advising.models import (
        AdvisorTeam,
        Counterpart,
        EssentialFunction,
        Milestone,
        Objective,
        Rating,
    )

    site_model = AdvisorTeam._meta.get_field("site").related_model
    nation_model = AdvisorTeam._meta.get_field("lead_nation").related_model
    germany = nation_model.objects.get(iso3="DEU")
    sites = {s.code: s for s in site_model.objects.filter(code__in=SITES)}
    functions = list(EssentialFunction.objects.all())
    counterparts_needed = max(1, MILESTONES // PER_COUNTERPART)
    with transaction.atomic():
        teams = AdvisorTeam.objects.bulk_create(
            AdvisorTeam(code=f"b-{code}", name=code, site=sites[code], marking="NATO")
            for code in SITES
        )
        counterparts = Counterpart.objects.bulk_create(
            Counterpart(
                code=f"b-cp-{n}",
                name=f"Counterpart {n}",
                kind="corps",
                ministry="mod" if n % 3 else "moi",
                team=teams[n % len(teams)],
                site=teams[n % len(teams)].site,
                marking="NATO",
            )
            for n in range(counterparts_needed)
        )
        objectives = Objective.objects.bulk_create(
            Objective(
                counterpart=c,
                function=functions[n % len(functions)],
                site=c.site,
                code=f"b-obj-{n}",
                title="Objective",
                marking="NATO",
            )
            for n, c in enumerate(counterparts)
        )
        milestones = Milestone.objects.bulk_create(
            Milestone(
                objective=objectives[n % len(objectives)],
                site=objectives[n % len(objectives)].site,
                code=f"b-ms-{n}",
                title="Milestone",
                marking="NATO",
            )
            for n in range(MILESTONES)
        )
        batch, made = [], 0
        for milestone in milestones:
            national = rng.random() < 0.2
            score = rng.randint(1, 3)
            for month in range(MONTHS):
                score = max(1, min(5, score + rng.choice((-1, 0, 0, 0, 1, 1))))
                batch.append(
                    Rating(
                        milestone=milestone,
                        counterpart_id=milestone.objective.counterpart_id,
                        site=milestone.site,
                        rated_on=date(2015 + month // 12, month % 12 + 1, 1 + rng.randrange(27)),
                        score=score,
                        marking="NATIONAL" if national else "NATO",
                        owner_nation=germany if national else None,
                    )
                )
                if len(batch) == 10_000:
                    made += len(Rating.objects.bulk_create(batch))
                    batch = []
        made += len(Rating.objects.bulk_create(batch))
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "postgresql" else "PRAGMA optimize")
    return made


def reader():
    """A NATO nation's hub staff at the hub: reads NATO ratings, not Germany's own."""
    from accord.access import Principal
    from accord.advising.models import AdvisorTeam

    usa = AdvisorTeam._meta.get_field("lead_nation").related_model.objects.get(iso3="USA")
    return Principal(None, "bench-hub", frozenset({"hub_staff"}), usa.pk, True, True, None)


def anchor(actor, group: str):
    """The same rows the trend reads, in plain SQL, fetched and dropped."""
    from django.db import connection

    ratings = connection.ops.quote_name("advising_rating")
    counterparts = connection.ops.quote_name("advising_counterpart")
    column = "c.ministry" if group == "ministry" else "r.site_id"

    def run():
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT r.milestone_id, {column}, r.rated_on, r.score FROM {ratings} r"
                f" JOIN {counterparts} c ON c.id = r.counterpart_id"
                " WHERE r.marking IN ('PUBLIC', 'NRC', 'NATO')"
                " OR (r.marking = 'NATIONAL' AND r.owner_nation_id = %s)",
                [actor.nation_id],
            )
            return len(cursor.fetchall())

    return run


def timed(run) -> tuple[float, object]:
    started = time.perf_counter()
    result = run()
    return time.perf_counter() - started, result


def main() -> None:
    env = bench_environment()
    prepare()
    started = time.perf_counter()
    made = build(random.Random(13))
    built = time.perf_counter() - started
    from accord.advising import selectors

    actor = reader()
    vendor = "PostgreSQL" if env["ACCORD_DATABASE_URL"].startswith("postgres") else "SQLite"
    print(
        f"# {vendor}; {MILESTONES:,} milestones, {made:,} ratings over {MONTHS} months"
        f" (built in {built:.0f} s); median of {ROUNDS} rounds"
    )
    for group, select in (
        ("ministry", selectors.trends_by_ministry),
        ("site", selectors.trends_by_site),
    ):
        plain = anchor(actor, group)
        plain()  # warm the caches for both alike
        ours, theirs, rows, trends = [], [], 0, []
        for _ in range(ROUNDS):
            seconds, trends = timed(lambda select=select: select(actor=actor))
            ours.append(seconds)
            seconds, rows = timed(plain)
            theirs.append(seconds)
        points = sum(len(t.points) for t in trends)
        print(f"# per {group}: {rows:,} ratings read, {len(trends)} trends, {points} points")
        report(
            f"advising trends per {group}",
            median(ours) * 1000,
            "ms",
            median(ours) / median(theirs),
            "plain SQL read of the same rows",
        )


if __name__ == "__main__":
    main()
