"""Personnel's part of the demo: the 1st Kandak of the scenario's 209th Corps and the Balkh
provincial police, staffed, and their payroll of Saur 1395 (May 2016) reconciled.

Synthetic (the scenario's units are marked estimated): 60 soldiers and 30 patrolmen enrolled
and slotted, three of them deserted in March. The month's payroll pays everyone slotted once,
and a known share of lines fails for known reasons, so the report has something true to find:

- 4 lines pay service numbers no one holds (no such person);
- 3 soldiers are paid in a position they do not hold (not slotted in the position paid);
- 2 persons were enrolled with the biometric identifiers of two others (duplicate enrolment:
  four lines, the two originals' included);
- the 3 deserters are still paid (left before the month; also no longer slotted, and absent
  from the roster);
- 5 soldiers are paid but not on the attendance roster (absent);
- 2 soldiers are paid twice (four lines).

One flagged line has an override asked for with its reason, waiting for a second user; one
enrolment waits for its confirmation. Deterministic, and idempotent: nothing is added when the
month exists.
"""

from __future__ import annotations

from datetime import date

from accord.core import selectors as core_selectors
from accord.core.demo import demo_step
from accord.personnel import imports, selectors, services
from accord.personnel.inputs import PersonValues
from accord.personnel.models import PayrollLine, PayrollMonth, Position

MONTH = date(2016, 5, 1)
ENLISTED = date(2016, 1, 2)
DESERTED = date(2016, 3, 15)
PAY = {"1k-inf": 12_000, "1k-nco": 15_000, "balkh-ptl": 11_000}
GHOSTS = ("ANA-X-0001", "ANA-X-0002", "ANP-X-0003", "ANP-X-0004")


def _enrol(actor, afg, number: str, biometric: str, given: str, family: str):
    person = services.person_create(
        actor=actor,
        values=PersonValues(
            number=number,
            biometric_id=biometric,
            given_name=given,
            family_name=family,
            nation=afg,
        ),
    )
    return services.person_confirm(actor=actor, person=person)


GIVEN = ("Ahmad", "Mohammad", "Abdul", "Gul", "Najib", "Rahim", "Karim", "Farid", "Wahid", "Zia")
FAMILY = ("Ahmadzai", "Popal", "Stanikzai", "Wardak", "Sultani", "Hotak", "Safi", "Noori")


def _staff(actor, afg, positions) -> dict[str, list]:
    """60 soldiers (50 infantry, 10 section leaders) and 30 patrolmen, slotted."""
    staffed: dict[str, list] = {}
    plan = (("1k-inf", "ANA", 50), ("1k-nco", "ANA", 10), ("balkh-ptl", "ANP", 30))
    n = 0
    for code, prefix, count in plan:
        for _i in range(count):
            n += 1
            person = _enrol(
                actor,
                afg,
                f"{prefix}-{n:04d}",
                f"BIO-{n * 7919 % 100000:05d}",
                GIVEN[n % len(GIVEN)],
                FAMILY[n % len(FAMILY)],
            )
            slot = services.slot_request(
                actor=actor, person=person, position=positions[code], starts=ENLISTED
            )
            services.slot_confirm(actor=actor, slot=slot)
            staffed.setdefault(code, []).append(person)
    return staffed


def _rows(staffed) -> tuple[list[str], list[str]]:
    payroll, roster = ["number,position,amount,eft"], ["number,days_present"]
    soldiers = staffed["1k-inf"]
    absent = {p.number for p in soldiers[10:15]}
    deserters = {p.number for p in soldiers[:3]}
    for code, people in staffed.items():
        for index, person in enumerate(people):
            paid_in = "1k-nco" if code == "1k-inf" and 20 <= index < 23 else code
            eft = "yes" if index % 3 else "no"
            payroll.append(f"{person.number},{paid_in},{PAY[code]},{eft}")
            if person.number not in absent | deserters:
                roster.append(f"{person.number},{26 - index % 4}")
    for person in soldiers[30:32]:  # paid twice
        payroll.append(f"{person.number},1k-inf,{PAY['1k-inf']},no")
    for number in GHOSTS:
        code = "1k-inf" if number.startswith("ANA") else "balkh-ptl"
        payroll.append(f"{number},{code},{PAY[code]},no")
        roster.append(f"{number},0")
    return payroll, roster


@demo_step(order=60)
def afghan_payroll(actor, now) -> str | None:
    """Staff the demo's units and import, reconcile and describe their payroll of May 2016."""
    afg = core_selectors.nation_get(actor=actor, iso3="AFG")
    if PayrollMonth.objects.filter(nation=afg, month=MONTH).exists():
        return None
    year = selectors.fiscal_year_of(actor=actor, day=MONTH)
    positions = {p.code: p for p in Position.objects.filter(fiscal_year=year, code__in=PAY)}
    if year is None or len(positions) < len(PAY):
        return None
    staffed = _staff(actor, afg, positions)
    for person in staffed["1k-inf"][:3]:
        services.attrition_record(actor=actor, person=person, kind="deserted", on=DESERTED)
    for original in (staffed["1k-inf"][40], staffed["balkh-ptl"][5]):
        twin = _enrol(actor, afg, f"{original.number}-B", original.biometric_id, "Twin", "Record")
        slot = services.slot_request(
            actor=actor, person=twin, position=original.slots.first().position, starts=ENLISTED
        )
        services.slot_confirm(actor=actor, slot=slot)
        staffed["1k-inf" if original.number.startswith("ANA") else "balkh-ptl"].append(twin)
    services.person_create(
        actor=actor,
        values=PersonValues(
            number="ANA-0999", biometric_id="BIO-PENDING", given_name="Nasir", nation=afg
        ),
    )  # waits for a second user's confirmation
    payroll, roster = _rows(staffed)
    month = imports.payroll_import(
        actor=actor,
        nation=afg,
        month=MONTH,
        payroll=imports.Upload("payroll-1395-02.csv", ("\n".join(payroll) + "\n").encode()),
        roster=imports.Upload("roster-1395-02.csv", ("\n".join(roster) + "\n").encode()),
    )
    first = PayrollLine.objects.filter(month=month, reason_no_person=True).order_by("line_no")[0]
    services.override_request(
        actor=actor,
        line=first,
        reason="Recruit paid before his enrolment was entered; the card is at the kandak.",
    )
    return (
        f"Personnel: {month.lines} payroll lines of May 2016 reconciled, {month.flagged} "
        "flagged as suspected ghosts (no such person, not slotted in the position paid, "
        "duplicate enrolment, left before the month, absent from the roster, paid twice)."
    )
