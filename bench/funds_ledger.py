"""The funds ledger: postings per second on PostgreSQL and SQLite, and a statement over 1,000,000
postings, each beside an anchor measured in the same run on the same machine.

- one client posting one contribution at a time, against ``pgbench``'s TPC-B-like transactions
  (one client; each updates three balances and inserts a history row, much what a posting does,
  without the audit trail or the idempotency check); on SQLite, against SQLite's own one-row
  transaction (``BEGIN IMMEDIATE``, one INSERT, ``COMMIT``) from Python's ``sqlite3``;
- 8 clients posting to the same fund at once (every posting moves the fund's cash account, as
  every TPC-B transaction moves its one branch row at scale 1), against ``pgbench`` with 8
  clients, or 8 processes of one-row transactions on SQLite; the balances are then checked to
  the cent against the rows posted;
- postings in batches of 100 (``services.donor_payments_record``, one transaction each),
  against writing exactly the rows those postings wrote into copies of their tables with the
  same indexes: by ``COPY`` on PostgreSQL (into ordinary tables, written to the WAL as the
  ledger's are), by one ``executemany`` per table on SQLite;
- a fund statement (every account's pending and posted sums by phase, then the statement) over
  1,000,000 transfers on PostgreSQL, against one plain ``SELECT SUM(amount)`` over the same rows.

    createdb -h 127.0.0.1 -U postgres accord_funds_bench    # or let the script create it
    ACCORD_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/accord_funds_bench \\
        python bench/funds_ledger.py

``BENCH_FUNDS_SQLITE=0`` leaves out the SQLite rows; ``BENCH_FUNDS_ROWS`` sizes the statement.
"""

from __future__ import annotations

import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path
from urllib.parse import urlparse

from benchlib import bench_environment, report

DEFAULT_URL = "postgresql://postgres@127.0.0.1:5432/accord_funds_bench"
SINGLE = int(os.environ.get("BENCH_FUNDS_SINGLE", "400"))
CLIENTS = 8
PER_CLIENT = int(os.environ.get("BENCH_FUNDS_PER_CLIENT", "100"))
BATCHES, BATCH_SIZE = 4, 100
ROWS = int(os.environ.get("BENCH_FUNDS_ROWS", "1000000"))
# Bulk rows: one entry (one day) per this many transfers.
PER_ENTRY = 1000
PGBENCH = os.environ.get("PGBENCH", "/usr/bin/pgbench")
# The anchors' and the floor's SQLite files are opened as Accord opens its own (its settings'
# ``init_command``; ``sqlite()`` checks they agree).
SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA wal_autocheckpoint=10000;"
)
PGBENCH_SECONDS = 10
AMOUNT_MINOR = 10000
# The tables a contribution writes rows into (the accounts it only updates).
POSTED_TABLES = (
    "funds_ledgerentry",
    "funds_ledgertransfer",
    "funds_contribution",
    "audit_auditentry",
    "audit_auditpending",
)


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


def pgbench_tps(url: str, clients: int) -> float:
    args, name = _pg_args(url)
    scratch = f"{name}_pgbench"
    subprocess.run(["dropdb", *args, "--if-exists", scratch], check=True)
    subprocess.run(["createdb", *args, scratch], check=True)
    try:
        subprocess.run([PGBENCH, *args, "-i", "-q", scratch], check=True, capture_output=True)
        load = ["-c", str(clients), "-j", str(min(clients, 2)), "-T", str(PGBENCH_SECONDS)]
        done = subprocess.run(
            [PGBENCH, *args, *load, scratch],
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


# --- Accord's side: set up, post, check ---------------------------------------------------------


def _setup_django(url: str) -> None:
    os.environ["ACCORD_DATABASE_URL"] = url
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.settings")
    django.setup()


def _bench_fund(code: str):
    from accord.access import system_principal
    from accord.core.models import Nation
    from accord.funds import services
    from accord.funds.inputs import FundValues

    actor = system_principal("bench")
    deu, _ = Nation.objects.get_or_create(
        iso3="DEU", defaults={"name": "Germany", "nrc_member": True}
    )
    fund = services.fund_create(
        actor=actor,
        values=FundValues(code=code, name=f"Bench {code}", currency="EUR", donors=[deu]),
    )
    return actor, fund, deu


def _poster(actor, fund, nation):
    from accord.funds import services

    day = date(2015, 1, 1)

    def post(key: str) -> None:
        services.contribution_record(
            actor=actor,
            fund=fund,
            nation=nation,
            amount=f"{AMOUNT_MINOR / 100:.2f}",
            currency="EUR",
            day=day,
            idempotency_key=key,
        )

    return post


def _postings_single(post) -> float:
    post("single-warm")
    started = time.perf_counter()
    for i in range(SINGLE):
        post(f"single-{i}")
    return SINGLE / (time.perf_counter() - started)


def _postings_batched(actor, fund, nation) -> float:
    """Batches of 100 contributions through the batch service (one transaction each)."""
    from accord.funds import services
    from accord.funds.inputs import DonorPayment

    day = date(2015, 1, 1)
    amount = f"{AMOUNT_MINOR / 100:.2f}"
    started = time.perf_counter()
    for b in range(BATCHES):
        services.donor_payments_record(
            actor=actor,
            fund=fund,
            payments=[
                DonorPayment(
                    nation=nation, amount=amount, day=day, idempotency_key=f"batch-{b}-{i}"
                )
                for i in range(BATCH_SIZE)
            ],
        )
    return BATCHES * BATCH_SIZE / (time.perf_counter() - started)


def _client(url: str, fund_code: str, client: int, meeting: str) -> None:
    """One of the 8 clients (a process of its own): ready, wait for the others, post
    ``PER_CLIENT`` contributions, and print when it finished."""
    _setup_django(url)
    from accord.access import system_principal
    from accord.core.models import Nation
    from accord.funds.models import TrustFund

    post = _poster(
        system_principal("bench"),
        TrustFund.objects.get(code=fund_code),
        Nation.objects.get(iso3="DEU"),
    )
    post(f"client-{client}-warm")
    _meet(meeting, client)
    for i in range(PER_CLIENT):
        post(f"client-{client}-{i}")
    print(time.time(), flush=True)


def _meet(meeting: str, client: int) -> None:
    """Say this client is ready (a file in ``meeting``), then wait for the parent's ``go``."""
    Path(meeting, f"ready-{client}").touch()
    while not Path(meeting, "go").exists():
        time.sleep(0.001)


def _together(commands: list[list[str]]) -> float:
    """Start the clients, let them go at once when every one is ready; seconds from the go to
    the last one's finish (each prints its finishing time)."""
    meeting = tempfile.mkdtemp(prefix="accord-bench-meet-")
    clients = [
        subprocess.Popen([*command, meeting], stdout=subprocess.PIPE, text=True)
        for command in commands
    ]
    while len(list(Path(meeting).glob("ready-*"))) < len(clients):
        if any(process.poll() not in (None, 0) for process in clients):
            sys.exit("funds_ledger: a client failed")
        time.sleep(0.01)
    went = time.time()
    Path(meeting, "go").touch()
    finished = []
    for process in clients:
        out, _err = process.communicate()
        if process.returncode != 0:
            sys.exit("funds_ledger: a client failed")
        finished.append(float(out.split()[-1]))
    return max(finished) - went


def _postings_concurrent(url: str, fund) -> float:
    """8 processes posting to one fund at once: postings per second of wall time."""
    from django.db import connections

    connections.close_all()
    seconds = _together(
        [[sys.executable, __file__, "--client", url, fund.code, str(c)] for c in range(CLIENTS)]
    )
    return CLIENTS * PER_CLIENT / seconds


def _check_exact(fund, postings: int) -> None:
    """The balances to the cent: the cash account holds exactly the postings' sum, as its rows."""
    from django.db.models import Sum

    from accord.funds.models import LedgerAccount, LedgerTransfer

    cash = LedgerAccount.objects.get(fund=fund, kind="cash", nation=None)
    rows = LedgerTransfer.objects.filter(debit=cash).aggregate(total=Sum("amount"))["total"]
    expected = postings * AMOUNT_MINOR
    if not cash.debits_posted == rows == expected:
        sys.exit(f"funds_ledger: balances not exact: {cash.debits_posted}, {rows}, {expected}")


def _rows_written(fund) -> dict[str, tuple[list[str], list[tuple]]]:
    """The rows the fund's batched postings wrote, table by table: ``{table: (columns, rows)}``."""
    from django.db import connection

    from accord.funds.models import LedgerEntry

    entries = list(
        LedgerEntry.objects.filter(fund=fund, id__startswith="batch-").values_list("id", flat=True)
    )
    where = {
        "funds_ledgerentry": ("id", entries),
        "funds_ledgertransfer": ("entry_id", entries),
        "funds_contribution": ("entry_id", entries),
    }
    found = {}
    with connection.cursor() as cur:
        for table, (column, values) in where.items():
            marks = ", ".join(["%s"] * len(values))
            cur.execute(f"SELECT * FROM {table} WHERE {column} IN ({marks})", values)
            found[table] = ([c[0] for c in cur.description], cur.fetchall())
        ids = [str(row[0]) for row in found["funds_contribution"][1]]
        marks = ", ".join(["%s"] * len(ids))
        cur.execute(
            f"SELECT * FROM audit_auditentry WHERE object_type = 'funds.contribution' "
            f"AND object_id IN ({marks})",
            ids,
        )
        found["audit_auditentry"] = ([c[0] for c in cur.description], cur.fetchall())
        found["audit_auditpending"] = (
            ["entry_id"],
            [(row[0],) for row in found["audit_auditentry"][1]],
        )
    return found


def _copy_rate(found, *, temporary: bool) -> float:
    """PostgreSQL's COPY of the same rows into copies of their tables (same indexes, no foreign
    keys or triggers), one transaction per 100 postings: postings per second. The copies are
    ordinary tables, as the ledger's are: their rows are written to the WAL and each commit
    waits for its flush. ``temporary`` tables are never WAL-logged and their commits wait for
    nothing, which no table of the ledger can do (printed beside, for comparison)."""
    from django.db import connection

    postings = len(found["funds_ledgerentry"][1])
    kind = "TEMPORARY TABLE" if temporary else "TABLE"
    with connection.cursor() as cur:
        for table in POSTED_TABLES:
            cur.execute(f"DROP TABLE IF EXISTS copy_{table}")
            cur.execute(f"CREATE {kind} copy_{table} (LIKE {table} INCLUDING ALL)")
    try:
        return _copied(found, postings)
    finally:
        with connection.cursor() as cur:
            for table in POSTED_TABLES:
                cur.execute(f"DROP TABLE copy_{table}")


def _copied(found, postings: int) -> float:
    from django.db import connection

    raw = connection.connection
    best = None
    for _round in range(3):
        with connection.cursor() as cur:
            for table in POSTED_TABLES:
                cur.execute(f"TRUNCATE copy_{table}")
        started = time.perf_counter()
        for start in range(0, postings, BATCH_SIZE):
            with raw.transaction(), raw.cursor() as cur:
                for table in POSTED_TABLES:
                    columns, rows = found[table]
                    part = _part(table, rows, start, postings)
                    names = ", ".join(f'"{c}"' for c in columns)
                    with cur.copy(f"COPY copy_{table} ({names}) FROM STDIN") as copy:
                        for row in part:
                            copy.write_row([_pg_value(v) for v in row])
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    return postings / best


def _pg_value(value):
    from psycopg.types.json import Jsonb

    return Jsonb(value) if isinstance(value, (dict, list)) else value


def _part(table, rows, start, postings):
    """The rows of postings ``start`` to ``start + BATCH_SIZE`` (every table has as many rows as
    postings, a contribution writing one row into each)."""
    per = len(rows) // postings
    return rows[start * per : (start + BATCH_SIZE) * per]


def _executemany_rate(found, path: str, source: str) -> float:
    """SQLite's batched insert of the same rows into copies of their tables (same indexes), from
    Python's ``sqlite3``, one transaction per 100 postings: postings per second."""
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript(SQLITE_PRAGMAS)
    # The tables' definitions are read from Accord's own database (``source``).
    db.execute("ATTACH DATABASE ? AS source", [source])
    for table in POSTED_TABLES:
        _sqlite_copy_table(db, table)
    db.execute("DETACH DATABASE source")
    postings = len(found["funds_ledgerentry"][1])
    best = None
    for _round in range(3):
        for table in POSTED_TABLES:
            db.execute(f"DELETE FROM copy_{table}")
        started = time.perf_counter()
        for start in range(0, postings, BATCH_SIZE):
            db.execute("BEGIN IMMEDIATE")
            for table in POSTED_TABLES:
                columns, rows = found[table]
                marks = ", ".join("?" * len(columns))
                db.executemany(
                    f"INSERT INTO copy_{table} VALUES ({marks})",
                    [
                        tuple(_sqlite_value(v) for v in row)
                        for row in _part(table, rows, start, postings)
                    ],
                )
            db.execute("COMMIT")
        elapsed = time.perf_counter() - started
        best = elapsed if best is None else min(best, elapsed)
    db.close()
    return postings / best


def _sqlite_value(value):
    return value if isinstance(value, (int, float, str, bytes, type(None))) else str(value)


def _sqlite_copy_table(db, table: str) -> None:
    """``CREATE TABLE copy_<table>`` with the table's columns and the same indexes."""
    (sql,) = db.execute("SELECT sql FROM source.sqlite_master WHERE name = ?", [table]).fetchone()
    body = sql[sql.index("(") :]
    db.execute(f"CREATE TABLE copy_{table} {_no_references(body)}")
    for (index,) in db.execute(
        "SELECT sql FROM source.sqlite_master "
        "WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
        [table],
    ).fetchall():
        db.execute(
            re.sub(r'INDEX "?(\w+)"? ON "?(\w+)"?', r'INDEX "copy_\1" ON "copy_\2"', index, count=1)
        )


def _no_references(body: str) -> str:
    return re.sub(r" REFERENCES \"\w+\" \(\"\w+\"\)( DEFERRABLE INITIALLY DEFERRED)?", "", body)


# --- the floor: the posting's own rows by plain SQL, one posting a transaction -------------------
#
# Not a goal's anchor but what the anchors leave out: a posting writes six rows into five tables
# and their indexes and updates two accounts, where TPC-B's transaction writes one history row
# and updates three balances, and SQLite's one-row transaction writes one row. Writing exactly a
# posting's rows by plain SQL says how fast the database alone can take them: the rest is the
# ledger's own work (its checks, the foreign keys, the version triggers, the audit digest, the
# Python around them).

# Each copied table's key columns, given new values per transaction (``{n}``: that transaction's
# number, a variable of pgbench or a parameter of SQLite; ``{k}``: the row's place among the
# posting's rows of that table).
_FLOOR_KEYS = {
    "funds_ledgerentry": {"id": "'f' || {n}"},
    "funds_ledgertransfer": {"id": "'f' || {n} || ':{k}'", "entry_id": "'f' || {n}"},
    "funds_contribution": {"id": "{n}", "entry_id": "'f' || {n}"},
    "audit_auditentry": {"id": "{n}", "object_id": "CAST({n} AS TEXT)"},
    "audit_auditpending": {"entry_id": "{n}"},
}


def _one_posting(found) -> dict[str, tuple[list[str], list[tuple]]]:
    """The rows of one posting (the first of the batches), table by table."""
    entry = found["funds_ledgerentry"][1][0]
    entry_id = entry[found["funds_ledgerentry"][0].index("id")]

    def rows_of(table, column, value):
        columns, rows = found[table]
        return columns, [row for row in rows if row[columns.index(column)] == value]

    contribution = rows_of("funds_contribution", "entry_id", entry_id)
    (record,) = contribution[1]
    audit = rows_of("audit_auditentry", "object_id", str(record[contribution[0].index("id")]))
    (audit_row,) = audit[1]
    return {
        "funds_ledgerentry": (found["funds_ledgerentry"][0], [entry]),
        "funds_ledgertransfer": rows_of("funds_ledgertransfer", "entry_id", entry_id),
        "funds_contribution": contribution,
        "audit_auditentry": audit,
        "audit_auditpending": (["entry_id"], [(audit_row[0],)]),
    }


def _account_sums(one) -> dict[int, dict[str, int]]:
    """What the posting added to each account it moved: ``{account id: {column: amount}}``."""
    columns, rows = one["funds_ledgertransfer"]
    sums: dict[int, dict[str, int]] = {}
    for row in rows:
        t = dict(zip(columns, row, strict=True))
        side = "pending" if t["phase"] == "pending" else "posted"
        for account, column in (
            (t["debit_id"], f"debits_{side}"),
            (t["credit_id"], f"credits_{side}"),
        ):
            sums.setdefault(account, {}).setdefault(column, 0)
            sums[account][column] += t["amount"]
    return dict(sorted(sums.items()))


def _floor_statements(one, literal) -> list[tuple[str, list]]:
    """The posting's writes in its own order, as ``(SQL template, values)``: the entry, the
    accounts' sums, the transfers, the record, the audit entry and its queue row. Values are
    SQL literals (``literal``) but for the keys, whose templates take ``{n}`` and ``{k}``."""
    statements = []

    def insert(table):
        columns, rows = one[table]
        keys = _FLOOR_KEYS[table]
        tuples = []
        for k, row in enumerate(rows):
            values = [
                keys[c].replace("{k}", str(k)) if c in keys else literal(v)
                for c, v in zip(columns, row, strict=True)
            ]
            tuples.append("(" + ", ".join(values) + ")")
        names = ", ".join(f'"{c}"' for c in columns)
        statements.append(f"INSERT INTO copy_{table} ({names}) VALUES {', '.join(tuples)}")

    insert("funds_ledgerentry")
    for account, deltas in _account_sums(one).items():
        sets = ", ".join(f"{c} = {c} + {amount}" for c, amount in deltas.items())
        statements.append(f"UPDATE copy_funds_ledgeraccount SET {sets} WHERE id = {account}")
    for table in ("funds_ledgertransfer", "funds_contribution", "audit_auditentry"):
        insert(table)
    insert("audit_auditpending")
    return statements


def _pg_floor_tps(found, fund) -> tuple[float, float]:
    """pgbench running a posting's own writes (``_floor_statements``) into copies of the tables
    with the same indexes, one transaction each: tps with one client and with 8."""
    from django.db import connection
    from psycopg import sql

    one = _one_posting(found)
    tables = (*POSTED_TABLES, "funds_ledgeraccount")
    raw = connection.connection

    def literal(value):
        return sql.Literal(_pg_value(value)).as_string(raw)

    with connection.cursor() as cur:
        for table in tables:
            cur.execute(f"DROP TABLE IF EXISTS copy_{table}")
            cur.execute(f"CREATE TABLE copy_{table} (LIKE {table} INCLUDING ALL)")
        cur.execute(
            "INSERT INTO copy_funds_ledgeraccount SELECT * FROM funds_ledgeraccount "
            "WHERE fund_id = %s",
            [fund.pk],
        )
        cur.execute("DROP SEQUENCE IF EXISTS copy_ids")
        cur.execute("CREATE SEQUENCE copy_ids")
    # pgbench's own variable, from the sequence, numbers each transaction's keys.
    body = "\n".join(f"{s.replace('{n}', ':n')};" for s in _floor_statements(one, literal))
    script = f"BEGIN;\nSELECT nextval('copy_ids') AS n \\gset\n{body}\nEND;\n"
    try:
        with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as f:
            f.write(script)
        args, name = _pg_args(os.environ["ACCORD_DATABASE_URL"])
        rates = []
        for clients in (1, CLIENTS):
            load = ["-c", str(clients), "-j", str(min(clients, 2)), "-T", str(PGBENCH_SECONDS)]
            done = subprocess.run(
                [PGBENCH, *args, "-n", "-f", f.name, *load, name],
                check=True,
                capture_output=True,
                text=True,
            )
            rates.append(float(re.search(r"tps = ([\d.]+)", done.stdout).group(1)))
        return rates[0], rates[1]
    finally:
        os.unlink(f.name)
        with connection.cursor() as cur:
            for table in tables:
                cur.execute(f"DROP TABLE copy_{table}")
            cur.execute("DROP SEQUENCE copy_ids")


def _sqlite_floor_rate(found, path: str, source: str, count: int = 2000) -> float:
    """A posting's own writes (``_floor_statements``) into copies of the tables with the same
    indexes, from Python's ``sqlite3``, one transaction each (``BEGIN IMMEDIATE``): per second."""
    db = sqlite3.connect(path, isolation_level=None)
    db.executescript(SQLITE_PRAGMAS)
    db.execute("ATTACH DATABASE ? AS source", [source])
    for table in (*POSTED_TABLES, "funds_ledgeraccount"):
        _sqlite_copy_table(db, table)
    db.execute("INSERT INTO copy_funds_ledgeraccount SELECT * FROM source.funds_ledgeraccount")
    db.execute("DETACH DATABASE source")

    def literal(value):
        value = _sqlite_value(value)
        if value is None:
            return "NULL"
        if isinstance(value, bytes):
            return f"X'{value.hex()}'"
        if isinstance(value, str):
            return "'" + value.replace("'", "''") + "'"
        return repr(value)

    # The same text each time, ``n`` bound: each statement prepared once, as Accord's are.
    statements = [s.replace("{n}", ":n") for s in _floor_statements(_one_posting(found), literal)]
    started = time.perf_counter()
    for n in range(1, count + 1):
        db.execute("BEGIN IMMEDIATE")
        for statement in statements:
            db.execute(statement, {"n": n})
        db.execute("COMMIT")
    elapsed = time.perf_counter() - started
    db.close()
    return count / elapsed


def _sqlite_one_row(path: str, count: int) -> float:
    """SQLite's own one-row transaction (Accord's PRAGMAs, ``BEGIN IMMEDIATE``): per second."""
    db = sqlite3.connect(path, isolation_level=None, timeout=20)
    db.executescript(SQLITE_PRAGMAS)
    db.execute("CREATE TABLE IF NOT EXISTS one_row (id INTEGER PRIMARY KEY, client INT, n INT)")
    started = time.perf_counter()
    for i in range(count):
        db.execute("BEGIN IMMEDIATE")
        db.execute("INSERT INTO one_row (client, n) VALUES (?, ?)", [os.getpid(), i])
        db.execute("COMMIT")
    elapsed = time.perf_counter() - started
    db.close()
    return count / elapsed


def _sqlite_one_row_clients(path: str) -> float:
    count = 2000
    seconds = _together(
        [[sys.executable, __file__, "--sqlite-client", path, str(count)] for _ in range(CLIENTS)]
    )
    return CLIENTS * count / seconds


# --- the runs -----------------------------------------------------------------------------------


def postgresql(url: str) -> None:
    _recreate(url)
    bench_environment()
    _setup_django(url)
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    actor, fund, deu = _bench_fund("bench")
    post = _poster(actor, fund, deu)
    single_rate = _postings_single(post)
    batch_rate = _postings_batched(actor, fund, deu)
    found = _rows_written(fund)
    copy_rate = _copy_rate(found, temporary=False)
    copy_temporary_rate = _copy_rate(found, temporary=True)
    floor_1, floor_8 = _pg_floor_tps(found, fund)
    crowd = _bench_fund("crowd")[1]
    concurrent_rate = _postings_concurrent(url, crowd)
    _check_exact(crowd, CLIENTS * (PER_CLIENT + 1))

    tps = pgbench_tps(url, 1)
    tps8 = pgbench_tps(url, CLIENTS)
    print(
        f"# PostgreSQL: pgbench TPC-B {PGBENCH_SECONDS} s, scale 1: {tps:,.0f} tps (1 client), "
        f"{tps8:,.0f} tps (8 clients); COPY of the postings' rows: {copy_rate:,.0f} postings/s "
        f"(into temporary tables, no WAL: {copy_temporary_rate:,.0f} postings/s)",
        flush=True,
    )
    print(
        f"# PostgreSQL: a posting's own rows by plain SQL (pgbench, same indexes, no foreign keys "
        f"or triggers): {floor_1:,.0f} tps (1 client), {floor_8:,.0f} tps (8 clients); the "
        f"postings at {single_rate / floor_1:.2f}x and {concurrent_rate / floor_8:.2f}x of it",
        flush=True,
    )
    report(
        "funds_posting_single", single_rate, "postings/s", single_rate / tps, "pgbench TPC-B tps"
    )
    report(
        "funds_posting_8_clients",
        concurrent_rate,
        "postings/s",
        concurrent_rate / tps8,
        "pgbench TPC-B tps, 8 clients; balances exact",
    )
    report(
        "funds_posting_batch",
        batch_rate,
        "postings/s",
        batch_rate / copy_rate,
        f"COPY of the same rows, batches of {BATCH_SIZE}",
    )
    if ROWS:
        statement(actor, deu)


def sqlite() -> None:
    """The same three rows on SQLite (a process of its own: Django binds one database)."""
    env = bench_environment()
    _setup_django(env["ACCORD_DATABASE_URL"])
    from django.conf import settings
    from django.core.management import call_command

    if settings.DATABASES["default"]["OPTIONS"]["init_command"] != SQLITE_PRAGMAS:
        sys.exit("funds_ledger: SQLITE_PRAGMAS differ from Accord's settings: make them agree")
    call_command("migrate", verbosity=0, interactive=False)
    actor, fund, deu = _bench_fund("bench")
    post = _poster(actor, fund, deu)
    single_rate = _postings_single(post)
    batch_rate = _postings_batched(actor, fund, deu)
    found = _rows_written(fund)
    crowd = _bench_fund("crowd")[1]
    concurrent_rate = _postings_concurrent(env["ACCORD_DATABASE_URL"], crowd)
    _check_exact(crowd, CLIENTS * (PER_CLIENT + 1))

    scratch = tempfile.mkdtemp(prefix="accord-bench-sqlite-")
    one_row = _sqlite_one_row(str(Path(scratch) / "one.sqlite3"), 4000)
    one_row_8 = _sqlite_one_row_clients(str(Path(scratch) / "eight.sqlite3"))
    source = env["ACCORD_DATABASE_URL"].removeprefix("sqlite:///")
    batched = _executemany_rate(found, str(Path(scratch) / "batch.sqlite3"), source)
    floor = _sqlite_floor_rate(found, str(Path(scratch) / "floor.sqlite3"), source)
    print(
        f"# SQLite ({SQLITE_PRAGMAS}): one-row transactions {one_row:,.0f}/s (1 client), "
        f"{one_row_8:,.0f}/s (8 processes); executemany of the postings' rows: "
        f"{batched:,.0f} postings/s; a posting's own rows by plain SQL, one posting a "
        f"transaction (same indexes, no foreign keys or triggers): {floor:,.0f}/s, the postings "
        f"at {single_rate / floor:.2f}x of it",
        flush=True,
    )
    report(
        "funds_posting_single_sqlite",
        single_rate,
        "postings/s",
        single_rate / one_row,
        "SQLite one-row transactions/s",
    )
    report(
        "funds_posting_8_clients_sqlite",
        concurrent_rate,
        "postings/s",
        concurrent_rate / one_row_8,
        "SQLite one-row transactions/s, 8 processes; balances exact",
    )
    report(
        "funds_posting_batch_sqlite",
        batch_rate,
        "postings/s",
        batch_rate / batched,
        f"SQLite executemany of the same rows, batches of {BATCH_SIZE}",
    )


def statement(actor, deu) -> None:
    """A fund with ROWS transfers written in bulk, and its statement against a plain SUM."""
    from django.db import connection

    from accord.funds import ledger, selectors, services
    from accord.funds.inputs import FundValues

    # Contributions of 100.00 and disbursements of 50.00 alternating: never overdrawn.
    big = services.fund_create(
        actor=actor, values=FundValues(code="big", name="Big Fund", currency="EUR", donors=[deu])
    )
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


def main(argv: list[str]) -> None:
    if argv[:1] == ["--client"]:
        url, fund_code, client, meeting = argv[1:]
        _client(url, fund_code, int(client), meeting)
        return
    if argv[:1] == ["--sqlite-client"]:
        path, count, meeting = argv[1:]
        _sqlite_one_row(path, 0)  # the table exists before the clients meet
        _meet(meeting, os.getpid())
        _sqlite_one_row(path, int(count))
        print(time.time(), flush=True)
        return
    if argv[:1] == ["--sqlite"]:
        sqlite()
        return
    url = os.environ.get("ACCORD_DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        sys.exit("funds_ledger: this benchmark needs PostgreSQL (set ACCORD_DATABASE_URL)")
    postgresql(url)
    if os.environ.get("BENCH_FUNDS_SQLITE", "1") != "0":
        env = {k: v for k, v in os.environ.items() if k != "ACCORD_DATABASE_URL"}
        subprocess.run([sys.executable, __file__, "--sqlite"], check=True, env=env)


if __name__ == "__main__":
    main(sys.argv[1:])
