"""The reconciliation: one set-based UPDATE over a month's payroll lines, in the database.

Each line's six reasons (``engine.ghosts`` states the rules in plain Python) are set at once over
persons, slots, the roster and the month's own lines; the month's counts follow from one
aggregate. No line is visited in Python, so 350,000 lines cost what the database makes them cost.

On SQLite the UPDATE sets the reasons by correlated EXISTS subqueries (the ORM's), and ``flagged``
where it changes. On PostgreSQL, where those subqueries are 2 million index probes and every
rewritten row a new version in each of the table's indexes, it is one ``UPDATE … FROM`` the
reasons found by hash joins (``_PG_UPDATE``), writing the person, the reasons and ``flagged`` in
one pass and only on the lines where one of them changes. One reason there is found by index
probes instead: attendance (``absent``), a ``NOT EXISTS`` per line against the roster's
``(month, number)`` index. The roster holds some 30 sign-ins a person (10 million rows a month),
and reading them all to list who signed in took most of the reconciliation; 350,000 probes that
stop at a line's first day present read a few pages each.
"""

from __future__ import annotations

from calendar import monthrange
from datetime import date

from django.db import connection
from django.db.models import Count, Exists, OuterRef, Q, Subquery, Sum
from django.utils import timezone

from accord.personnel.models import PayrollLine, PayrollMonth, Person, RosterEntry, Slot

RECONCILE_WORK_MEM = "256MB"


def month_end(first: date) -> date:
    return first.replace(day=monthrange(first.year, first.month)[1])


_PG_UPDATE = """
WITH p AS (SELECT id, number, biometric_id, left_on FROM personnel_person
           WHERE confirmed_at IS NOT NULL),
twins AS (SELECT biometric_id FROM p GROUP BY biometric_id HAVING COUNT(*) > 1),
held AS (SELECT DISTINCT person_id, position_id FROM personnel_slot
         WHERE confirmed_at IS NOT NULL AND starts <= %(end)s
           AND (ends IS NULL OR ends >= %(start)s)),
absent AS (SELECT l.id FROM personnel_payrollline l
           WHERE l.month_id = %(month)s AND NOT EXISTS (
             SELECT FROM personnel_rosterentry r
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
UPDATE personnel_payrollline l
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
    start, end = month.month, month_end(month.month)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            # The hash joins and aggregates over a month's lines fit in memory with this much;
            # with the default 4 MB each spills to disk. ``SET LOCAL``: for this transaction
            # only (a reconciliation always runs in one).
            cursor.execute(f"SET LOCAL work_mem = '{RECONCILE_WORK_MEM}'")
            # A month of 350,000 lines costs the planner past JIT's thresholds, and compiling
            # this statement's expressions took seconds while making no join or probe faster.
            cursor.execute("SET LOCAL jit = off")
            cursor.execute(_PG_UPDATE, {"start": start, "end": end, "month": month.pk})
    else:
        _flag_by_subqueries(month, start, end)
    return _totals(month)


def _flag_by_subqueries(month: PayrollMonth, start: date, end: date) -> None:
    confirmed = Person.objects.filter(confirmed_at__isnull=False)
    person = confirmed.filter(number=OuterRef("number"))
    held = Slot.objects.filter(
        person__number=OuterRef("number"),
        person__confirmed_at__isnull=False,
        position_id=OuterRef("position_id"),
        confirmed_at__isnull=False,
        starts__lte=end,
    ).filter(Q(ends__isnull=True) | Q(ends__gte=start))
    # The line's person's enrolment, from inside the twin's subquery (two levels out).
    enrolment = confirmed.filter(number=OuterRef(OuterRef("number"))).values("biometric_id")
    twin = confirmed.filter(biometric_id=Subquery(enrolment[:1])).exclude(number=OuterRef("number"))
    left = person.filter(left_on__lt=start)
    present = RosterEntry.objects.filter(
        month_id=OuterRef("month_id"), number=OuterRef("number"), days_present__gt=0
    )
    again = PayrollLine.objects.filter(month_id=OuterRef("month_id"), number=OuterRef("number"))
    lines = PayrollLine.objects.filter(month=month)
    lines.update(
        person_id=Subquery(person.values("pk")[:1]),
        reason_no_person=~Exists(person),
        reason_not_slotted=Exists(person) & ~Exists(held),
        reason_duplicate_enrolment=Exists(twin),
        reason_separated=Exists(left),
        reason_absent=~Exists(present),
        reason_paid_twice=Exists(again.exclude(pk=OuterRef("pk"))),
    )
    # ``flagged`` is written only where it changes: on PostgreSQL every rewritten row costs a new
    # version of it in each of the table's indexes, and most of a month's lines are clean.
    any_reason = (
        Q(reason_no_person=True)
        | Q(reason_not_slotted=True)
        | Q(reason_duplicate_enrolment=True)
        | Q(reason_separated=True)
        | Q(reason_absent=True)
        | Q(reason_paid_twice=True)
    )
    lines.filter(any_reason, flagged=False).update(flagged=True)
    lines.filter(~any_reason, flagged=True).update(flagged=False)


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
