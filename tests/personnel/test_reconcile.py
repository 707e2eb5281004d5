"""The reconciliation in SQL flags exactly what the plain statement of the rules flags.

Random months: service numbers drawn from a small pool (so some lines pay no one and some pay a
number twice), persons sharing biometric enrolments, persons who left before, during or after
the month, slots in the paid position or another, open or closed, and a roster that misses some.
"""

from datetime import UTC, date, datetime, timedelta

import pytest
from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.markings import Marking
from accord.personnel.engine import ghosts
from accord.personnel.models import (
    PayrollLine,
    PayrollMonth,
    Person,
    RosterEntry,
    Slot,
)
from accord.personnel.reconcile import month_end, reconcile
from tests.personnel.conftest import afg, position_make, unit_make, year

MONTH = date(2016, 5, 1)
CONFIRMED = datetime(2016, 1, 1, tzinfo=UTC)
NUMBERS = [f"R-{i}" for i in range(8)]
DAYS = st.dates(date(2016, 3, 1), date(2016, 7, 31))

person_st = st.fixed_dictionaries(
    {
        "biometric": st.sampled_from(["B1", "B2", "B3", "B4", "B5", "B6"]),
        "left_on": st.none() | DAYS,
        "confirmed": st.booleans(),
    }
)
slot_st = st.fixed_dictionaries(
    {
        "person": st.integers(0, 7),
        "position": st.integers(0, 1),
        "starts": DAYS,
        "length": st.none() | st.integers(0, 90),
        "confirmed": st.booleans(),
    }
)
line_st = st.fixed_dictionaries({"number": st.sampled_from(NUMBERS), "position": st.integers(0, 1)})
roster_st = st.fixed_dictionaries({"number": st.sampled_from(NUMBERS), "days": st.integers(0, 3)})


@pytest.fixture
def positions(db):
    unit = unit_make()
    return [position_make(unit, authorised=50), position_make(unit, authorised=50)]


def _personal():
    return {"marking": Marking.NATIONAL, "owner_nation": afg(), "nation": afg()}


def _build(positions, persons, slots, lines, roster):
    made = {}
    for index, spec in enumerate(persons):
        made[index] = Person.objects.create(
            number=NUMBERS[index],
            biometric_id=spec["biometric"],
            given_name="R",
            left_on=spec["left_on"],
            confirmed_at=CONFIRMED if spec["confirmed"] else None,
            **_personal(),
        )
    for spec in slots:
        person = made.get(spec["person"])
        if person is None:
            continue
        ends = None if spec["length"] is None else spec["starts"] + timedelta(days=spec["length"])
        # Several open slots per person would break the one-at-a-time index: close extras.
        open_exists = Slot.objects.filter(person=person, ends__isnull=True).exists()
        _slot(person, positions[spec["position"]], spec, ends, open_exists)
    month = PayrollMonth.objects.create(
        nation=afg(), month=MONTH, fiscal_year=year(), marking=Marking.PUBLIC
    )
    PayrollLine.objects.bulk_create(
        PayrollLine(
            month=month,
            line_no=i + 2,
            number=spec["number"],
            position=positions[spec["position"]],
            amount_minor=1_000_000,
            **_personal(),
        )
        for i, spec in enumerate(lines)
    )
    RosterEntry.objects.bulk_create(
        RosterEntry(
            month=month,
            line_no=i + 2,
            number=spec["number"],
            days_present=spec["days"],
            **_personal(),
        )
        for i, spec in enumerate(roster)
    )
    return month


def _slot(person, position, spec, ends, open_exists):
    if ends is None and open_exists:
        ends = spec["starts"]
    Slot.objects.create(
        person=person,
        position=position,
        starts=spec["starts"],
        ends=ends,
        requested_by_id=None,
        confirmed_at=CONFIRMED if spec["confirmed"] else None,
    )


def _statement(month) -> dict[int, set[str]]:
    """The plain-Python rules over what the database holds."""
    persons = [
        ghosts.Person(p.pk, p.number, p.biometric_id, p.left_on)
        for p in Person.objects.filter(confirmed_at__isnull=False)
    ]
    slots = [
        ghosts.Slot(s.person_id, s.position_id, s.starts, s.ends)
        for s in Slot.objects.filter(confirmed_at__isnull=False)
    ]
    lines = [
        ghosts.Line(line.pk, line.number, line.position_id)
        for line in PayrollLine.objects.filter(month=month)
    ]
    present = set(
        RosterEntry.objects.filter(month=month, days_present__gt=0).values_list("number", flat=True)
    )
    return ghosts.flags(
        start=month.month,
        end=month_end(month.month),
        lines=lines,
        persons=persons,
        slots=slots,
        present=present,
    )


def _flagged_in_sql(month) -> dict[int, set[str]]:
    found = {}
    for line in PayrollLine.objects.filter(month=month):
        found[line.pk] = {r for r in ghosts.REASONS if getattr(line, f"reason_{r}")}
        assert line.flagged == bool(found[line.pk])
    return found


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    persons=st.lists(person_st, max_size=8),
    slots=st.lists(slot_st, max_size=10),
    lines=st.lists(line_st, min_size=1, max_size=12),
    roster=st.lists(roster_st, max_size=8),
)
def test_sql_flags_what_the_rules_say(positions, persons, slots, lines, roster):
    with transaction.atomic():
        month = _build(positions, persons, slots, lines, roster)
        totals = reconcile(month)
        expected = _statement(month)
        assert _flagged_in_sql(month) == expected
        assert totals["lines"] == len(lines)
        assert totals["flagged"] == sum(1 for reasons in expected.values() if reasons)
        transaction.set_rollback(True)


def test_each_reason_is_found(positions):
    """One line per reason, by hand, so a reason the random data rarely makes is seen."""
    unit_pos, other = positions
    people = {
        n: Person.objects.create(
            number=n, biometric_id=f"B-{n}", given_name=n, confirmed_at=CONFIRMED, **_personal()
        )
        for n in ("ok", "elsewhere", "twin", "gone", "absent", "twice")
    }
    Person.objects.filter(number="twin").update(biometric_id="B-ok")
    Person.objects.filter(number="gone").update(left_on=date(2016, 4, 30))
    for n, person in people.items():
        Slot.objects.create(
            person=person,
            position=other if n == "elsewhere" else unit_pos,
            starts=date(2016, 1, 1),
            confirmed_at=CONFIRMED,
        )
    month = _build(positions, [], [], [], [])
    numbers = ["ok", "elsewhere", "twin", "gone", "absent", "twice", "twice", "nobody"]
    PayrollLine.objects.bulk_create(
        PayrollLine(
            month=month, line_no=i + 2, number=n, position=unit_pos, amount_minor=5, **_personal()
        )
        for i, n in enumerate(numbers)
    )
    RosterEntry.objects.bulk_create(
        RosterEntry(month=month, line_no=i + 2, number=n, days_present=20, **_personal())
        for i, n in enumerate(numbers)
        if n != "absent"
    )
    reconcile(month)
    got = {
        (line.number, line.line_no): {r for r in ghosts.REASONS if getattr(line, f"reason_{r}")}
        for line in PayrollLine.objects.filter(month=month)
    }
    assert got == {
        ("ok", 2): {"duplicate_enrolment"},
        ("elsewhere", 3): {"not_slotted"},
        ("twin", 4): {"duplicate_enrolment"},
        ("gone", 5): {"separated"},
        ("absent", 6): {"absent"},
        ("twice", 7): {"paid_twice"},
        ("twice", 8): {"paid_twice"},
        ("nobody", 9): {"no_person"},
    }
