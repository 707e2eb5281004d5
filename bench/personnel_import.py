"""Payroll import: a month's ``BENCH_PAYROLL_LINES`` payroll lines (default 350,000, the issue's
size) and a roster of as many entries imported from their CSV files as the import page's worker
imports them (read, every row checked, the month written all or nothing, then reconciled),
against PostgreSQL's ``COPY`` of the same rows into the same tables, with the same indexes, in
the same run.

The figure is the import's lines a second; the ratio is that over ``COPY``'s (the issue's goal
is at least 0.25). The anchor's rows are already in PostgreSQL's text form and need no checking,
so the ratio is what reading a user's file, checking each row and saying which ones are wrong,
and reconciling the month cost over writing the rows. The persons and slots are those of
``personnel_reconcile`` (its docstring describes them), so the reconciliation finds what it
finds there. Each round imports a month of its own (a month is imported once).

PostgreSQL only (``COPY`` is the anchor):

    ACCORD_DATABASE_URL=postgresql://…/accord_bench python bench/personnel_import.py
"""

from __future__ import annotations

import io
import os
import sys
import time
from datetime import date

from benchlib import bench_environment, median, report
from personnel_reconcile import LINES, POSITIONS, persons, positions, prepare

ROUNDS = int(os.environ.get("BENCH_IMPORT_ROUNDS", "2"))
FIRST_MONTH = date(2016, 5, 1)  # rounds take the months after it (fiscal year 1395)


def files() -> tuple[bytes, bytes]:
    """The payroll and roster CSV files: line ``i`` pays ``P{i}`` for position ``bench-{i % 50}``,
    one in 300 a number no one holds; one roster entry a person, one in 50 present no day."""
    payroll = io.StringIO()
    payroll.write("number,position,amount,eft\n")
    for i in range(LINES):
        number = f"X{i}" if i % 300 == 11 else f"P{i}"
        payroll.write(f"{number},bench-{i % POSITIONS},12000,{'yes' if i % 3 else 'no'}\n")
    roster = io.StringIO()
    roster.write("number,days_present\n")
    for i in range(LINES):
        roster.write(f"P{i},{0 if i % 50 == 9 else 20}\n")
    return payroll.getvalue().encode(), roster.getvalue().encode()


def imported(actor, nation, month: date, payroll: bytes, roster: bytes):
    from accord.personnel.imports import Upload, payroll_import

    return payroll_import(
        actor=actor,
        nation=nation,
        month=month,
        payroll=Upload("payroll.csv", payroll),
        roster=Upload("roster.csv", roster),
        marking="NATIONAL",
    )


def copy_rows(record) -> tuple[str, str]:
    """The rows an import of ``record``'s lines and roster wrote, in ``COPY``'s text form, for
    the anchor to write again under another month."""
    from accord.personnel.models import PayrollLine, RosterEntry

    lines = PayrollLine.objects.filter(month=record).values_list(
        "nation_id", "line_no", "number", "position_id", "amount_minor", "eft"
    )
    entries = RosterEntry.objects.filter(month=record).values_list(
        "nation_id", "line_no", "number", "days_present"
    )
    return (
        "".join("\t".join(map(str, row)) + "\n" for row in lines.iterator(chunk_size=20_000)),
        "".join("\t".join(map(str, row)) + "\n" for row in entries.iterator(chunk_size=20_000)),
    )


LINE_COLUMNS = (
    "marking, owner_nation_id, version, month_id, nation_id, line_no, number, position_id,"
    " amount_minor, eft, reason_no_person, reason_not_slotted, reason_duplicate_enrolment,"
    " reason_separated, reason_absent, reason_paid_twice, flagged"
)
ROSTER_COLUMNS = (
    "marking, owner_nation_id, version, month_id, nation_id, line_no, number, days_present"
)


def copy_month(nation, fiscal_year, month: date, lines: str, entries: str) -> tuple[str, str]:
    """A month for the anchor, and its rows in ``COPY``'s text form (made before it is timed)."""
    from accord.personnel.models import PayrollMonth

    record = PayrollMonth.objects.create(
        nation=nation, month=month, fiscal_year=fiscal_year, marking="NATIONAL", owner_nation=nation
    )
    fixed = f"NATIONAL\t{nation.pk}\t1\t{record.pk}\t"
    clean = "\tf\tf\tf\tf\tf\tf\tf"
    return (
        "".join(f"{fixed}{row}{clean}\n" for row in lines.splitlines()),
        "".join(f"{fixed}{row}\n" for row in entries.splitlines()),
    )


def copied(lines: str, entries: str) -> None:
    """The anchor: ``COPY`` of a month's rows, in one transaction."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        with cursor.copy(f"COPY personnel_payrollline ({LINE_COLUMNS}) FROM STDIN") as copy:
            copy.write(lines)
        with cursor.copy(f"COPY personnel_rosterentry ({ROSTER_COLUMNS}) FROM STDIN") as copy:
            copy.write(entries)


def main() -> None:
    env = bench_environment()
    if not env["ACCORD_DATABASE_URL"].startswith("postgres"):
        print("# personnel_import: PostgreSQL only (its anchor is COPY); skipped on SQLite")
        return
    prepare()
    from django.db import connection, transaction

    from accord.access import system_principal
    from accord.core.models import Nation
    from accord.personnel.models import Position

    system = system_principal("bench")
    afg = Nation.objects.get(iso3="AFG")
    first = positions()
    fiscal_year = Position.objects.get(pk=first).fiscal_year
    with transaction.atomic(), connection.cursor() as cursor:
        persons(cursor, first, afg.pk)
        cursor.execute("ANALYZE personnel_person, personnel_slot")
    payroll, roster = files()
    months = [date(2016, FIRST_MONTH.month + k, 1) for k in range(2 * ROUNDS)]
    ours, theirs, rows = [], [], None
    for k in range(ROUNDS):
        started = time.perf_counter()
        record = imported(system, afg, months[2 * k], payroll, roster)
        ours.append(time.perf_counter() - started)
        if rows is None:
            rows = copy_rows(record)
        anchor_rows = copy_month(afg, fiscal_year, months[2 * k + 1], *rows)
        started = time.perf_counter()
        copied(*anchor_rows)
        theirs.append(time.perf_counter() - started)
    print(f"# {connection.vendor}; {LINES:,} payroll lines and {LINES:,} roster entries a month")
    print(f"# imported (and reconciled): {record.lines:,} lines, {record.flagged:,} flagged")
    print(f"# import: median {median(ours):.2f} s of {ROUNDS}; COPY: median {median(theirs):.2f} s")
    rate = LINES / median(ours)
    report("personnel_import", rate, "lines/s", rate / (LINES / median(theirs)), "COPY")


if __name__ == "__main__":
    sys.exit(main())
