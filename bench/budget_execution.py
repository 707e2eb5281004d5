"""Budget execution roll-up over many entries, against a plain SQL SUM over the same rows.

Builds, in a fresh database, 1,000 budget lines of one fiscal year (one ministry, 10 programmes,
10 sub-programmes each) with ``BENCH_BUDGET_ENTRIES`` entries in all (default 200,000; bulk
inserted as set-up, not through the services), then times the execution page's read: per-line
net totals through the access policy (reversals netted), rolled up ministry → programme →
sub-programme → line by the engine, for an administrator and for a reader whose marking filter
applies. The anchor is one ``SELECT kind, SUM(amount_minor) ... GROUP BY kind`` over the same
rows. Best of five each.

    python bench/budget_execution.py
    ACCORD_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/accord_bench python bench/...
"""

from __future__ import annotations

import os
import random
import time
from datetime import timedelta

from benchlib import bench_environment, prepare_database, report

ENTRIES = int(os.environ.get("BENCH_BUDGET_ENTRIES", "200000"))
ROUNDS = 5


def build() -> tuple:
    from accord.access import system_principal
    from accord.budget import services
    from accord.budget.inputs import MinistryValues
    from accord.budget.models import BudgetEntry, BudgetLine, FiscalYear, Programme, SubProgramme

    system = system_principal("bench")
    fy = FiscalYear.objects.get(label="1395")
    ministry = services.ministry_create(
        actor=system, values=MinistryValues(code="bench", name="Bench")
    )
    programmes = Programme.objects.bulk_create(
        Programme(ministry=ministry, code=f"p{i}", name=f"Programme {i}") for i in range(10)
    )
    subs = SubProgramme.objects.bulk_create(
        SubProgramme(programme=p, code=f"s{j}", name=f"Sub {j}")
        for p in programmes
        for j in range(10)
    )
    lines = BudgetLine.objects.bulk_create(
        BudgetLine(
            sub_programme=s,
            fiscal_year=fy,
            code=f"l{k}",
            name=f"Line {k}",
            currency="AFN",
            marking="NATO" if k == 0 else "PUBLIC",
        )
        for s in subs
        for k in range(10)
    )
    rng = random.Random(1)
    per_line = max(ENTRIES // len(lines), 4)
    batch = []
    for line in lines:
        batch.append(
            BudgetEntry(
                line=line,
                kind="allotment",
                date=fy.start,
                amount_minor=10**12,
                marking=line.marking,
            )
        )
        for _ in range(per_line - 1):
            batch.append(
                BudgetEntry(
                    line=line,
                    kind=rng.choice(["requirement", "commitment", "expenditure"]),
                    date=fy.start + timedelta(days=rng.randrange(360)),
                    amount_minor=rng.randrange(1, 10**6),
                    marking=line.marking,
                )
            )
        if len(batch) >= 20000:
            BudgetEntry.objects.bulk_create(batch, batch_size=5000)
            batch = []
    BudgetEntry.objects.bulk_create(batch, batch_size=5000)
    return fy, ministry


def best(fn) -> float:
    times = []
    for _ in range(ROUNDS):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return min(times)


def main() -> None:
    bench_environment()
    prepare_database(scale=1)
    started = time.perf_counter()
    fy, ministry = build()
    built_in = time.perf_counter() - started

    from django.db import connection

    from accord.budget import selectors
    from accord.budget.models import BudgetEntry
    from accord.core.models import User

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "postgresql" else "PRAGMA optimize")
    admin = User.objects.get(username="admin")
    reader = User.objects.get(username="delegation-rus")
    rows = BudgetEntry.objects.filter(line__sub_programme__programme__ministry=ministry).count()

    def rollup(actor):
        result = selectors.execution_get(
            actor=actor, fiscal_year=fy, currency="AFN", ministry=ministry
        )
        assert len(selectors.execution_rows(result, "line")) > 0
        return result

    def plain_sum():
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT e.kind, SUM(e.amount_minor) FROM budget_budgetentry e "
                "JOIN budget_budgetline l ON l.id = e.line_id "
                "JOIN budget_subprogramme s ON s.id = l.sub_programme_id "
                "JOIN budget_programme p ON p.id = s.programme_id "
                "WHERE p.ministry_id = %s GROUP BY e.kind",
                [ministry.pk],
            )
            return cursor.fetchall()

    admin_time = best(lambda: rollup(admin))
    reader_time = best(lambda: rollup(reader))
    month_time = best(
        lambda: selectors.execution_by_month(
            actor=admin, fiscal_year=fy, currency="AFN", ministry=ministry
        )
    )
    anchor = best(plain_sum)
    print(
        f"# {rows:,} entries on 1,000 lines on {connection.vendor}, built in {built_in:.1f} s; "
        f"roll-up admin {admin_time * 1000:.1f} ms, marking-filtered {reader_time * 1000:.1f} ms, "
        f"by month {month_time * 1000:.1f} ms, plain SUM {anchor * 1000:.1f} ms",
        flush=True,
    )
    report("budget_rollup", admin_time * 1000, "ms", admin_time / anchor, "plain SQL SUM")
    report(
        "budget_rollup_filtered", reader_time * 1000, "ms", reader_time / anchor, "plain SQL SUM"
    )
    report("budget_by_month", month_time * 1000, "ms", month_time / anchor, "plain SQL SUM")


if __name__ == "__main__":
    main()
