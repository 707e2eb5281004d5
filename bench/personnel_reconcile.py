"""Payroll reconciliation: one month's ``BENCH_PAYROLL_LINES`` payroll lines (default 350,000, the
issue's size) flagged against as many persons, their slots and the month's attendance roster,
against a plain SQL query of LEFT JOINs that finds the same six reasons over the same rows, in
the same run.

The figure is ``reconcile.reconcile`` as the import and the "reconcile" button run it: one
UPDATE … FROM (the same statement on SQLite and PostgreSQL) over the anchor's joins, attendance
probed per line in the roster's index, writing only the lines that change; then one aggregate.
``BENCH_PAYROLL_LINES=20000`` runs it small.
The anchor reads the same rows and counts the same reasons with set-based joins but writes
nothing, so the ratio is what writing every line's reasons back costs over finding them. The
run stops if the two disagree on any reason's count.

The issue's own anchor is DuckDB running the same anti-joins over the same rows: the rows are
copied into an in-memory DuckDB (through a CSV file each; the copy is not timed) and the anchor's
query runs there too, in the same run. DuckDB is a benchmark's dependency only (the ``bench``
extra, which ``make bench`` installs), never Accord's.

The roster holds ``BENCH_ROSTER_SIGNINS`` sign-ins (default 10 million, the issue's size), each
a row of the month's roster for one service number (about 29 a person for 350,000 persons): a
number counts as present when any of its rows has a day present. Building 10 million rows takes
minutes (half an hour on a busy two-core machine); ``BENCH_ROSTER_SIGNINS=1000000`` runs it
smaller.

The data: every person confirmed and slotted from the start of the year, except one in 100 not
slotted; one in 200 enrolled with the previous person's biometric identifier; one in 150 left
before the month; one in 50 signed in on no day and one in 70 missing from the roster; one line in
300 pays a number no one holds and one in 250 pays the previous line's person again. Written
with INSERT … SELECT from a counting CTE, the same SQL on SQLite and PostgreSQL.

    python bench/personnel_reconcile.py                                  # SQLite, a temporary file
    ACCORD_DATABASE_URL=postgresql://…/accord_bench python bench/personnel_reconcile.py
"""

from __future__ import annotations

import io
import os
import time
from datetime import UTC, date, datetime
from pathlib import Path

from benchlib import bench_environment, median, report

LINES = int(os.environ.get("BENCH_PAYROLL_LINES", "350000"))
ROUNDS = int(os.environ.get("BENCH_PAYROLL_ROUNDS", "3"))
SIGNINS = int(os.environ.get("BENCH_ROSTER_SIGNINS", "10000000"))
POSITIONS = 50
MONTH = date(2016, 5, 1)
MONTH_END = date(2016, 5, 31)
CONFIRMED = datetime(2016, 1, 1, tzinfo=UTC)
COUNT = "WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < %s) "
REASONS = ["no_person", "not_slotted", "duplicate_enrolment", "separated", "absent", "paid_twice"]


def prepare() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.settings")
    django.setup()
    from django.core.management import call_command

    from accord.audit.services import set_via

    set_via("cli")
    call_command("migrate", verbosity=0, interactive=False)
    call_command("load_scenario", stdout=io.StringIO())  # fiscal years, wage lines, nations


def positions() -> int:
    """``POSITIONS`` positions of one kandak through the services; returns the first one's id
    (the ids are consecutive, so line ``i`` is paid for position ``first + i % POSITIONS``)."""
    from accord.access import system_principal
    from accord.budget import selectors as budget
    from accord.core.models import Nation
    from accord.personnel import services
    from accord.personnel.inputs import PositionValues, UnitValues

    system = system_principal("bench")
    afg = Nation.objects.get(iso3="AFG")
    year = budget.fiscal_year_get(actor=system, label="1395")
    wage = budget.budget_line_list(actor=system).get(code="mod-sal-1395")
    unit = services.unit_create(
        actor=system,
        values=UnitValues(code="bench-kandak", name="Bench kandak", kind="kandak", nation=afg),
    )
    ids = [
        services.position_create(
            actor=system,
            values=PositionValues(
                unit=unit,
                fiscal_year=year,
                code=f"bench-{k}",
                grade="soldier",
                specialty="Infantry",
                authorised=LINES,
                wage_line=wage,
            ),
        ).pk
        for k in range(POSITIONS)
    ]
    assert ids == list(range(ids[0], ids[0] + POSITIONS)), "positions' ids not consecutive"
    return ids[0]


def persons(cursor, first: int, afg: int) -> None:
    """``LINES`` persons, ``P0`` to ``P…``, confirmed, and their slots in the positions from
    ``first`` (the data the module's docstring describes)."""
    cursor.execute(
        COUNT + "INSERT INTO personnel_person (marking, owner_nation_id, version, number,"
        " biometric_id, given_name, family_name, nation_id, stage, left_on, confirmed_at)"
        " SELECT 'NATIONAL', %s, 1, 'P' || i,"
        " CASE WHEN i %% 200 = 1 THEN 'B' || (i - 1) ELSE 'B' || i END, 'Bench', '', %s,"
        " 'assigned', CASE WHEN i %% 150 = 7 THEN %s END, %s FROM n",
        [LINES - 1, afg, afg, date(2016, 2, 1), CONFIRMED],
    )
    cursor.execute(
        "INSERT INTO personnel_slot (person_id, position_id, starts, requested_at,"
        " confirmed_at) SELECT id, %s + CAST(SUBSTR(number, 2) AS INTEGER) %% %s, %s, %s, %s"
        " FROM personnel_person WHERE number LIKE 'P%%'"
        " AND CAST(SUBSTR(number, 2) AS INTEGER) %% 100 <> 3",
        [first, POSITIONS, date(2016, 1, 1), CONFIRMED, CONFIRMED],
    )


def build() -> object:
    """The month, its persons, slots, roster and payroll lines; returns the month."""
    from django.db import connection, transaction

    from accord.core.models import Nation
    from accord.personnel.models import PayrollMonth

    first = positions()
    afg = Nation.objects.get(iso3="AFG").pk
    last = LINES - 1
    with transaction.atomic(), connection.cursor() as cursor:
        month = PayrollMonth.objects.create(
            nation_id=afg,
            month=MONTH,
            fiscal_year_id=_year_id(),
            marking="NATIONAL",
            owner_nation_id=afg,
        )
        persons(cursor, first, afg)
        # Sign-in ``j`` is person ``j % LINES``'s: each signs in about SIGNINS / LINES times.
        cursor.execute(
            COUNT + "INSERT INTO personnel_rosterentry (marking, owner_nation_id, version,"
            " month_id, nation_id, line_no, number, days_present)"
            " SELECT 'NATIONAL', %s, 1, %s, %s, i + 1, 'P' || (i %% %s),"
            " CASE WHEN i %% %s %% 50 = 9 THEN 0 ELSE 1 END FROM n WHERE i %% %s %% 70 <> 5",
            [SIGNINS - 1, afg, month.pk, afg, LINES, LINES, LINES],
        )
        cursor.execute(
            COUNT + "INSERT INTO personnel_payrollline (marking, owner_nation_id, version,"
            " month_id, nation_id, line_no, number, position_id, amount_minor, eft,"
            " reason_no_person, reason_not_slotted, reason_duplicate_enrolment,"
            " reason_separated, reason_absent, reason_paid_twice, flagged)"
            " SELECT 'NATIONAL', %s, 1, %s, %s, i + 1,"
            " CASE WHEN i %% 300 = 11 THEN 'X' || i WHEN i %% 250 = 1 THEN 'P' || (i - 1)"
            " ELSE 'P' || i END, %s + i %% %s, 1200000, i %% 3 <> 0,"
            " %s, %s, %s, %s, %s, %s, %s FROM n",
            [last, afg, month.pk, afg, first, POSITIONS, *[False] * 7],
        )
        cursor.execute("ANALYZE" if connection.vendor == "postgresql" else "PRAGMA optimize")
    return month


def _year_id() -> int:
    from accord.budget.models import FiscalYear

    return FiscalYear.objects.get(label="1395").pk


ANCHOR = """
WITH p AS (SELECT id, number, biometric_id, left_on FROM personnel_person
           WHERE confirmed_at IS NOT NULL),
twins AS (SELECT biometric_id FROM p GROUP BY biometric_id HAVING COUNT(*) > 1),
held AS (SELECT DISTINCT p.number, s.position_id FROM personnel_slot s JOIN p ON p.id = s.person_id
         WHERE s.confirmed_at IS NOT NULL AND s.starts <= %s AND (s.ends IS NULL OR s.ends >= %s)),
present AS (SELECT DISTINCT number FROM personnel_rosterentry
            WHERE month_id = %s AND days_present > 0),
twice AS (SELECT number FROM personnel_payrollline WHERE month_id = %s
          GROUP BY number HAVING COUNT(*) > 1),
flags AS (
  SELECT p.id IS NULL AS no_person,
         p.id IS NOT NULL AND h.number IS NULL AS not_slotted,
         t.biometric_id IS NOT NULL AS duplicate_enrolment,
         COALESCE(p.left_on < %s, FALSE) AS separated,
         r.number IS NULL AS absent,
         d.number IS NOT NULL AS paid_twice
  FROM personnel_payrollline l
  LEFT JOIN p ON p.number = l.number
  LEFT JOIN held h ON h.number = l.number AND h.position_id = l.position_id
  LEFT JOIN twins t ON t.biometric_id = p.biometric_id
  LEFT JOIN present r ON r.number = l.number
  LEFT JOIN twice d ON d.number = l.number
  WHERE l.month_id = %s)
SELECT COUNT(*),
  SUM(CASE WHEN no_person THEN 1 ELSE 0 END), SUM(CASE WHEN not_slotted THEN 1 ELSE 0 END),
  SUM(CASE WHEN duplicate_enrolment THEN 1 ELSE 0 END), SUM(CASE WHEN separated THEN 1 ELSE 0 END),
  SUM(CASE WHEN absent THEN 1 ELSE 0 END), SUM(CASE WHEN paid_twice THEN 1 ELSE 0 END),
  SUM(CASE WHEN no_person OR not_slotted OR duplicate_enrolment OR separated OR absent
           OR paid_twice THEN 1 ELSE 0 END)
FROM flags
"""


def anchor(month) -> dict:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(ANCHOR, [MONTH_END, MONTH, month.pk, month.pk, MONTH, month.pk])
        lines, *reasons, flagged = cursor.fetchone()
    return {"lines": lines, "flagged": flagged, **dict(zip(REASONS, reasons, strict=True))}


# The rows the anchor reads, as DuckDB gets them: the same tables, columns and types.
DUCK_TABLES = {
    "personnel_person": {
        "id": "BIGINT",
        "number": "VARCHAR",
        "biometric_id": "VARCHAR",
        "left_on": "DATE",
        "confirmed_at": "TIMESTAMPTZ",
    },
    "personnel_slot": {
        "person_id": "BIGINT",
        "position_id": "BIGINT",
        "starts": "DATE",
        "ends": "DATE",
        "confirmed_at": "TIMESTAMPTZ",
    },
    "personnel_rosterentry": {"month_id": "BIGINT", "number": "VARCHAR", "days_present": "INTEGER"},
    "personnel_payrollline": {"month_id": "BIGINT", "number": "VARCHAR", "position_id": "BIGINT"},
}


def duckdb_copy():
    """An in-memory DuckDB holding the rows the anchor reads, copied from the database."""
    import csv
    import tempfile

    import duckdb
    from django.db import connection

    duck = duckdb.connect()
    with tempfile.TemporaryDirectory() as folder, connection.cursor() as cursor:
        for table, columns in DUCK_TABLES.items():
            path = Path(folder) / f"{table}.csv"
            cursor.execute(f"SELECT {', '.join(columns)} FROM {table}")
            with path.open("w", newline="") as file:
                writer = csv.writer(file)
                writer.writerow(columns)
                while rows := cursor.fetchmany(50_000):
                    writer.writerows(rows)
            types = ", ".join(f"'{name}': '{kind}'" for name, kind in columns.items())
            duck.execute(
                f"CREATE TABLE {table} AS SELECT * FROM read_csv(?, header = true,"
                f" columns = {{{types}}})",
                [str(path)],
            )
    return duck


def duckdb_anchor(duck, month) -> dict:
    duck.execute(ANCHOR.replace("%s", "?"), [MONTH_END, MONTH, month.pk, month.pk, MONTH, month.pk])
    lines, *reasons, flagged = duck.fetchone()
    return {"lines": lines, "flagged": flagged, **dict(zip(REASONS, reasons, strict=True))}


def reconciled(month) -> dict:
    from django.db import transaction

    from accord.personnel.reconcile import reconcile

    with transaction.atomic():
        return reconcile(month)


def reasons_counted(month, totals) -> dict:
    from django.db.models import Count, Q

    from accord.personnel.models import PayrollLine

    counts = PayrollLine.objects.filter(month=month).aggregate(
        **{name: Count("pk", filter=Q(**{f"reason_{name}": True})) for name in REASONS}
    )
    return {"lines": totals["lines"], "flagged": totals["flagged"], **counts}


def timed(run) -> tuple[float, object]:
    started = time.perf_counter()
    result = run()
    return time.perf_counter() - started, result


def main() -> None:
    bench_environment()
    prepare()
    from django.db import connection

    seconds, month = timed(build)
    print(
        f"# {connection.vendor}; {LINES:,} lines, persons and slots, {SIGNINS:,} sign-ins;"
        f" built in {seconds:.1f} s"
    )
    ours, theirs = [], []
    for _ in range(ROUNDS):
        seconds, found = timed(lambda: anchor(month))
        theirs.append(seconds)
        seconds, totals = timed(lambda: reconciled(month))
        ours.append(seconds)
        flagged = reasons_counted(month, totals)
        if flagged != found:
            raise SystemExit(f"reconciliation {flagged} differs from the plain query {found}")
    print(f"# flags: {found}")
    print(f"# first reconciliation of the month (every flag written): {ours[0]:.2f} s")
    print(f"# plain SQL joins (anchor): median {median(theirs):.2f} s of {ROUNDS}")
    ratio = median(ours) / median(theirs)
    report("personnel_reconcile", median(ours), "s", ratio, "plain SQL joins, same flags")
    duck = duckdb_copy()
    ducks = []
    for _ in range(ROUNDS):
        seconds, counted = timed(lambda: duckdb_anchor(duck, month))
        ducks.append(seconds)
        if {k: int(v or 0) for k, v in counted.items()} != found:
            raise SystemExit(f"DuckDB's flags {counted} differ from the plain query's {found}")
    print(f"# DuckDB, in memory, the same query over the same rows: median {median(ducks):.3f} s")
    report(
        "personnel_reconcile_vs_duckdb", median(ours), "s", median(ours) / median(ducks), "DuckDB"
    )


if __name__ == "__main__":
    main()
