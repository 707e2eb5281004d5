"""The ghost-soldier rules, stated plainly: which reasons flag one payroll line of a month.

This is the statement of the rules the database's set-based reconciliation
(``accord.personnel.reconcile``) must agree with; a property test runs both on random data.
It is not used to reconcile a real month (350,000 lines are matched in SQL, not in a loop).

A line pays a service number for a position in a month (first day ``start``, last ``end``):

- ``no_person``: no confirmed person holds the service number;
- ``not_slotted``: the person holds no confirmed slot in the position paid during the month;
- ``duplicate_enrolment``: another confirmed person shares the person's biometric enrolment;
- ``separated``: the person was killed, deserted, discharged or retired before the month began;
- ``absent``: the month's attendance roster has no day present for the service number;
- ``paid_twice``: another line of the month pays the same service number.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

NO_PERSON = "no_person"
NOT_SLOTTED = "not_slotted"
DUPLICATE_ENROLMENT = "duplicate_enrolment"
SEPARATED = "separated"
ABSENT = "absent"
PAID_TWICE = "paid_twice"
REASONS = (NO_PERSON, NOT_SLOTTED, DUPLICATE_ENROLMENT, SEPARATED, ABSENT, PAID_TWICE)


@dataclass(frozen=True)
class Person:
    id: int
    number: str
    biometric_id: str
    left_on: date | None = None  # the first day of leaving attrition, if any


@dataclass(frozen=True)
class Slot:
    person_id: int
    position_id: int
    starts: date
    ends: date | None = None


@dataclass(frozen=True)
class Line:
    id: int
    number: str
    position_id: int


def flags(
    *,
    start: date,
    end: date,
    lines: list[Line],
    persons: list[Person],
    slots: list[Slot],
    present: set[str],
) -> dict[int, set[str]]:
    """Every line's reasons (an empty set: the line reconciles). ``persons`` and ``slots`` are
    the confirmed ones; ``present`` the service numbers with a day present on the roster."""
    by_number = {p.number: p for p in persons}
    enrolled = Counter(p.biometric_id for p in persons)
    paid = Counter(line.number for line in lines)
    result = {}
    for line in lines:
        reasons = set()
        person = by_number.get(line.number)
        if person is None:
            reasons.add(NO_PERSON)
        else:
            if not any(_covers(s, person.id, line.position_id, start, end) for s in slots):
                reasons.add(NOT_SLOTTED)
            if enrolled[person.biometric_id] > 1:
                reasons.add(DUPLICATE_ENROLMENT)
            if person.left_on is not None and person.left_on < start:
                reasons.add(SEPARATED)
        if line.number not in present:
            reasons.add(ABSENT)
        if paid[line.number] > 1:
            reasons.add(PAID_TWICE)
        result[line.id] = reasons
    return result


def _covers(slot: Slot, person_id: int, position_id: int, start: date, end: date) -> bool:
    return (
        slot.person_id == person_id
        and slot.position_id == position_id
        and slot.starts <= end
        and (slot.ends is None or slot.ends >= start)
    )
