"""The funds ledger on PostgreSQL: postings per second, and a statement over 1,000,000 postings.

Anchors, measured in the same run against the same server:

- postings, one at a time and in batches, against ``pgbench``'s TPC-B-like transactions per
  second (one client; each TPC-B transaction updates three balances and inserts a history row,
  much what a posting does, without the audit trail or the idempotency check);
- a fund statement (every account's pending and posted sums by phase, then the statement) over
  1,000,000 transfers, against one plain ``SELECT SUM(amount)`` over the same rows.

    createdb -h 127.0.0.1 -U postgres accord_funds_bench    # or let the script create it
    ACCORD_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/accord_funds_bench \\
        python bench/funds_ledger.py
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from datetime import date
from urllib.parse import urlparse

from benchlib import bench_environment, report

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/accord_funds_bench"
SINGLE = int(os.environ.get("BENCH_FUNDS_SINGLE", "400"))
BATCHES, BATCH_SIZE = 4, 100
ROWS = int(os.environ.get("BENCH_FUNDS_ROWS", "1000000"))
# Bulk rows: one entry (one day) per this many transfers.
PER_ENTRY = 1000
PGBENCH = os.environ.get("PGBENCH", "/usr/bin/pgbench")


def _pg_args(url: str) -> tuple[list[str], str]:
    u = urlparse(url)
    args = [
        "-h",
        u.hostname or "127.0.0.1",
        "-p",
        str(u.port or 5432),
        "-U",
        u.username or "postgres",
    ]
    return args, (u.path or "/").lstrip("/")


def _recreate(url: str) -> None:
    args, name = _pg_args(url)
    subprocess.run(["dropdb", *args, "--if-exists", name], check=True)
    subprocess.run(["createdb", *args, name], check=True)


def pgbench_tps(url: str) -> float:
    args, name = _pg_args(url)
    scratch = f"{name}_pgbench"
    subprocess.run(["dropdb", *args, "--if-exists", scratch], check=True)
    subprocess.run(["createdb", *args, scratch], check=True)
    try:
        subprocess.run([PGBENCH, *args, "-i", "-q", scratch], check=True, capture_output=True)
        done = subprocess.run(
            [PGBENCH, *args, "-c", "1", "-T", "10", scratch],
            check=True,
            capture_output=True,
            text=True,
        )
    finally:
        subprocess.run(["dropdb", *args, "--if-exists", scratch], check=False)
    match = re.search(r"tps = ([\d.]+) \(without initial connection time\)", done.stdout)
    if match is None:
        match = re.search(r"tps = ([\d.]+)", done.stdout)
    return float(match.group(1))


def main() -> None:
    url = os.environ.get("ACCORD_DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        sys.exit("funds_ledger: this benchmark needs PostgreSQL (set ACCORD_DATABASE_URL)")
    os.environ["ACCORD_DATABASE_URL"] = url
    _recreate(url)
    bench_environment()
    os.environ["ACCORD_DATABASE_URL"] = url

    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.settings")
    django.setup()
    from django.core.management import call_command
    from django.db import connection, transaction

    from accord.access import system_principal
    from accord.core.models import Nation
    from accord.funds import selectors, services
    from accord.funds.inputs import FundValues

    call_command("migrate", verbosity=0, interactive=False)
    actor = system_principal("bench")
    deu = Nation.objects.create(iso3="DEU", name="Germany", nrc_member=True)
    fund = services.fund_create(
        actor=actor,
        values=FundValues(code="bench", name="Bench Fund", currency="EUR", donors=[deu]),
    )
    day = date(2015, 1, 1)

    def post(i: int) -> None:
        services.contribution_record(
            actor=actor,
            fund=fund,
            nation=deu,
            amount="100.00",
            currency="EUR",
            day=day,
            idempotency_key=f"bench-{i}",
        )

    post(-1)  # warm up
    started = time.perf_counter()
    for i in range(SINGLE):
        post(i)
    single_rate = SINGLE / (time.perf_counter() - started)

    started = time.perf_counter()
    for b in range(BATCHES):
        with transaction.atomic():
            for i in range(BATCH_SIZE):
                post(100_000 + b * BATCH_SIZE + i)
    batch_rate = BATCHES * BATCH_SIZE / (time.perf_counter() - started)

    tps = pgbench_tps(url)
    print(f"# pgbench TPC-B, 1 client, 10 s: {tps:,.0f} tps on the same server", flush=True)
    report(
        "funds_posting_single", single_rate, "postings/s", single_rate / tps, "pgbench TPC-B tps"
    )
    report(
        "funds_posting_batch",
        batch_rate,
        "postings/s",
        batch_rate / tps,
        f"pgbench TPC-B tps (batches of {BATCH_SIZE})",
    )

    # A fund with 1,000,000 transfers, written in bulk: contributions of 100.00 and
    # disbursements of 50.00 alternating, so the fund never overdraws.
    big = services.fund_create(
        actor=actor, values=FundValues(code="big", name="Big Fund", currency="EUR", donors=[deu])
    )
    from accord.funds import ledger

    accounts = ledger.accounts_open(big, [deu])
    cash, donor, paid = accounts["cash"].pk, accounts["donor:DEU"].pk, accounts["disbursed"].pk
    started = time.perf_counter()
    with connection.cursor() as cur:
        cur.execute(
            """
            INSERT INTO funds_ledgerentry
                (id, fund_id, kind, value_date, recorded_at, fingerprint, description,
                 estimated, actor_name)
            SELECT 'big-' || g, %s, 'contribution', DATE '2010-01-01' + g, now(),
                   md5(g::text), 'bulk', true, 'bench'
            FROM generate_series(0, %s) AS g
            """,
            [big.pk, ROWS // PER_ENTRY],
        )
        cur.execute(
            """
            INSERT INTO funds_ledgertransfer
                (id, entry_id, fund_id, debit_id, credit_id, amount, phase, value_date)
            SELECT 'big-' || g, 'big-' || (g / %s), %s,
                   CASE WHEN g %% 2 = 0 THEN %s ELSE %s END,
                   CASE WHEN g %% 2 = 0 THEN %s ELSE %s END,
                   CASE WHEN g %% 2 = 0 THEN 10000 ELSE 5000 END,
                   'single', DATE '2010-01-01' + (g / %s)
            FROM generate_series(1, %s) AS g
            """,
            [PER_ENTRY, big.pk, cash, paid, donor, cash, PER_ENTRY, ROWS],
        )
        # Bring the accounts' running sums in line with the rows, as the ledger would have.
        cur.execute(
            """
            UPDATE funds_ledgeraccount a SET
                debits_posted = COALESCE((SELECT SUM(amount) FROM funds_ledgertransfer t
                                           WHERE t.debit_id = a.id), 0),
                credits_posted = COALESCE((SELECT SUM(amount) FROM funds_ledgertransfer t
                                            WHERE t.credit_id = a.id), 0)
            WHERE a.fund_id = %s
            """,
            [big.pk],
        )
        cur.execute("ANALYZE funds_ledgertransfer")
    generated = time.perf_counter() - started

    def timed(fn, rounds=3):
        best = None
        for _ in range(rounds):
            t0 = time.perf_counter()
            value = fn()
            elapsed = time.perf_counter() - t0
            best = elapsed if best is None else min(best, elapsed)
        return best, value

    def plain_sum():
        with connection.cursor() as cur:
            cur.execute("SELECT SUM(amount) FROM funds_ledgertransfer WHERE fund_id = %s", [big.pk])
            return cur.fetchone()[0]

    statement_time, fs = timed(
        lambda: selectors.fund_statement(actor=actor, fund=big, at=date(2030, 1, 1))
    )
    sum_time, total = timed(plain_sum)
    live_time, _ = timed(lambda: selectors.live_balances(big))
    assert fs.statement.received == ROWS // 2 * 10000, fs.statement
    assert fs.statement.available == ROWS // 2 * 5000
    print(
        f"# {ROWS:,} transfers generated in {generated:.1f} s; "
        f"statement {statement_time * 1000:.0f} ms, plain SUM {sum_time * 1000:.0f} ms "
        f"(total {total:,}); live balances {live_time * 1000:.2f} ms",
        flush=True,
    )
    report(
        "funds_statement_1m",
        statement_time * 1000,
        "ms",
        statement_time / sum_time,
        "plain SQL SUM over the same rows",
    )


if __name__ == "__main__":
    main()
