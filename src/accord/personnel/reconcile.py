"""The reconciliation: one set-based UPDATE over a month's payroll lines, in the database.

Each line's six reasons (``engine.ghosts`` states the rules in plain Python) are set at once over
persons, slots, the roster and the month's own lines; the month's counts follow from one
aggregate. No line is visited in Python, so 350,000 lines cost what the database makes them cost.

It is one ``UPDATE … FROM`` (``_UPDATE``), the same text on SQLite and PostgreSQL: the reasons
are found by joins of the month's lines to persons, the slots held during the month, shared
enrolments and the numbers paid twice (hash joins on PostgreSQL; on SQLite, automatic indexes
on the same sets), and the person, the six reasons and ``flagged`` are written in one pass, only
on the lines where one of them changes (``IS DISTINCT FROM``): every rewritten row is a new
entry in each of the table's indexes, and a month reconciled again mostly changes nothing.
SQLite reads it from 3.39 on (``UPDATE … FROM`` came in 3.33, ``IS DISTINCT FROM`` in 3.39).

Attendance (``absent``) is found by index probes instead: a ``NOT EXISTS`` per line against the
roster's ``(month, number)`` index. The roster holds some 30 sign-ins a person (10 million rows
for a month of 350,000 lines), and reading them all to list who signed in took most of the
reconciliation; a probe stops at the line's first day present.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date

from django.db import connection
from django.db.models import Count, Q, Sum
from django.utils import timezone

from accord.personnel.models import PayrollLine, PayrollMonth

RECONCILE_WORK_MEM = "256MB"


def month_end(first: date) -> date:
    return first.replace(day=monthrange(first.year, first.month)[1])


_UPDATE = """
WITH p AS (SELECT id, number, biometric_id, left_on FROM personnel_person
           WHERE confirmed_at IS NOT NULL),
twins AS (SELECT biometric_id FROM p GROUP BY biometric_id HAVING COUNT(*) > 1),
held AS (SELECT DISTINCT person_id, position_id FROM personnel_slot
         WHERE confirmed_at IS NOT NULL AND starts <= %(end)s
           AND (ends IS NULL OR ends >= %(start)s)),
absent AS (SELECT l.id FROM personnel_payrollline l
           WHERE l.month_id = %(month)s AND NOT EXISTS (
             SELECT 1 FROM personnel_rosterentry r
             WHERE r.month_id = %(month)s AND r.number = l.number AND r.days_present > 0)),
twice AS (SELECT number FROM personnel_payrollline WHERE month_id = %(month)s
          GROUP BY number HAVING COUNT(*) > 1),
found AS (
  SELECT l.id, p.id AS person_id,
         p.id IS NULL AS no_person,
         p.id IS NOT NULL AND h.person_id IS NULL AS not_slotted,
         t.biometric_id IS NOT NULL AS duplicate_enrolment,
         COALESCE(p.left_on < %(start)s, FALSE) AS separated,
         a.id IS NOT NULL AS absent,
         d.number IS NOT NULL AS paid_twice
  FROM personnel_payrollline l
  LEFT JOIN p ON p.number = l.number
  LEFT JOIN held h ON h.person_id = p.id AND h.position_id = l.position_id
  LEFT JOIN twins t ON t.biometric_id = p.biometric_id
  LEFT JOIN absent a ON a.id = l.id
  LEFT JOIN twice d ON d.number = l.number
  WHERE l.month_id = %(month)s),
flags AS (
  SELECT *, no_person OR not_slotted OR duplicate_enrolment OR separated OR absent
            OR paid_twice AS flagged
  FROM found)
UPDATE personnel_payrollline AS l
SET person_id = f.person_id, reason_no_person = f.no_person,
    reason_not_slotted = f.not_slotted, reason_duplicate_enrolment = f.duplicate_enrolment,
    reason_separated = f.separated, reason_absent = f.absent,
    reason_paid_twice = f.paid_twice, flagged = f.flagged
FROM flags f
WHERE l.id = f.id AND l.month_id = %(month)s
  AND (l.person_id, l.reason_no_person, l.reason_not_slotted, l.reason_duplicate_enrolment,
       l.reason_separated, l.reason_absent, l.reason_paid_twice, l.flagged)
      IS DISTINCT FROM
      (f.person_id, f.no_person, f.not_slotted, f.duplicate_enrolment, f.separated, f.absent,
       f.paid_twice, f.flagged)
"""


def reconcile(month: PayrollMonth) -> dict:
    """Flag the month's lines; returns the month's counts (lines, flagged, amounts)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The hash joins and aggregates over a month's lines fit in memory with this much;
            # with the default 4 MB each spills to disk. ``SET LOCAL``: for this transaction
            # only (a reconciliation always runs in one).
            cursor.execute(f"SET LOCAL work_mem = '{RECONCILE_WORK_MEM}'")
            # A month of 350,000 lines costs the planner past JIT's thresholds; compiling the
            # statement then took 1.9 s of a 12.5 s run and made no join or probe faster.
            cursor.execute("SET LOCAL jit = off")
        cursor.execute(
            _UPDATE, {"start": month.month, "end": month_end(month.month), "month": month.pk}
        )
    return _totals(month)


def _totals(month: PayrollMonth) -> dict:
    totals = PayrollLine.objects.filter(month=month).aggregate(
        n_lines=Count("pk"),
        n_flagged=Count("pk", filter=Q(flagged=True)),
        n_paid=Sum("amount_minor", default=0),
        n_flagged_paid=Sum("amount_minor", filter=Q(flagged=True), default=0),
    )
    return {
        "lines": totals["n_lines"],
        "flagged": totals["n_flagged"],
        "paid_minor": totals["n_paid"],
        "flagged_minor": totals["n_flagged_paid"],
        "reconciled_at": timezone.now(),
    }
