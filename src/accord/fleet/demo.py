"""The fleet's part of the demo: the Afghan Air Force's helicopters as of November 2012.

36 Mi-17 (20 Mi-17V-5, 16 Mi-17/Mi-8MTV) and 11 Mi-35, the counts of ``scenario.yaml``'s
``fleet.series`` for 2012-11, spread over the scenario's bases. Tail numbers, opening counters
and the split between the Mi-17 variants are synthetic (marked estimated), and so is their
flying: a weekly flight log at the demo's 350 hours a year from November 2012 to the demo's day,
with each task's latest inspection recorded on the day it fell due. Two aircraft are left with
an inspection overdue, so the due list shows an aircraft that is not airworthy.

Deterministic (one seeded generator), and idempotent: nothing is added when the fleet exists.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.contrib.auth import get_user_model

from accord.core import selectors as core_selectors
from accord.core.demo import demo_step
from accord.fleet import parts, selectors, service_requests, services, work_orders
from accord.fleet import readiness as readiness_services
from accord.fleet.due_notices import due_soon_notify
from accord.fleet.engine.synthetic import last_due_point, weekly_flying
from accord.fleet.inputs import AircraftValues, OrderLine, PartValues
from accord.fleet.models import Aircraft, AircraftType, Hangar, MaintenanceTask, Part
from accord.funds import selectors as funds_selectors
from accord.training import selectors as training_selectors
from accord.training import services as training
from accord.training.inputs import SessionValues, TraineeValues

FLEET_AS_OF = date(2012, 11, 1)
HOURS_PER_YEAR = Decimal(350)  # maintenance_programme.demo_assumptions (estimated)
FLEET = (  # (type code, count, operator, bases in turn)
    ("mi-17v-5", 20, "aaf", ("taac_air", "taac_south", "taac_north", "taac_west")),
    ("mi-8mtv", 16, "aaf", ("taac_air", "taac_south", "taac_east", "taac_west")),
    ("mi-35", 11, "aaf", ("taac_air", "taac_west")),
)
# (tail number, task code): the latest inspection not recorded, so it is overdue.
LEFT_OVERDUE = {("MI17-05", "h100"), ("MI35-03", "seasonal")}
NOTE = "Synthetic tail number and counters (demo)."


def tail_number(type_code: str, number: int) -> str:
    prefix = "MI35" if type_code == "mi-35" else "MI17"
    return f"{prefix}-{number:02d}"


@demo_step(order=50)
def afghan_fleet(actor, now) -> str | None:
    """Enter the fleet with its flying and maintenance history (once)."""
    if Aircraft.objects.filter(note=NOTE).exists():
        return None
    types = {t.code: t for t in AircraftType.objects.all()}
    if not all(code in types for code, *_rest in FLEET):
        return None
    rng = random.Random("accord-fleet-demo")
    today = now.date()
    made = 0
    numbers = {"MI17": 0, "MI35": 0}
    for code, count, operator, bases in FLEET:
        for i in range(count):
            prefix = "MI35" if code == "mi-35" else "MI17"
            numbers[prefix] += 1
            tail = tail_number(code, numbers[prefix])
            base = core_selectors.site_get(actor=actor, code=bases[i % len(bases)])
            _aircraft(actor, rng, types[code], tail, operator, base, today)
            made += 1
    return f"Fleet: {made} helicopters with their flight logs and due lists (/fleet/)"


def _aircraft(actor, rng, aircraft_type, tail, operator, base, today) -> Aircraft:
    opening = (Decimal(rng.randint(3000, 18000)) / 10, 0)
    opening = (opening[0], int(opening[0] * Decimal("1.3")))
    plane = services.aircraft_create(
        actor=actor,
        values=AircraftValues(
            tail_number=tail,
            aircraft_type=aircraft_type,
            operator=operator,
            base=base,
            tracked_from=FLEET_AS_OF,
            opening_hours=opening[0],
            opening_landings=opening[1],
            planned_hours_per_year=HOURS_PER_YEAR,
            note=NOTE,
            estimated=True,
        ),
    )
    flown = weekly_flying(
        rng, start=FLEET_AS_OF, end=today, hours_per_year=HOURS_PER_YEAR, opening=opening
    )
    services.flight_logs_import_history(actor=actor, aircraft=plane, entries=list(flown.entries))
    plane.refresh_from_db()
    for task in MaintenanceTask.objects.filter(aircraft_type=aircraft_type).order_by("code"):
        if (tail, task.code) in LEFT_OVERDUE:
            continue
        day = last_due_point(
            flown,
            start=FLEET_AS_OF,
            opening=opening,
            hours=task.interval_hours,
            days=task.interval_days,
            before=today,
        )
        if day is not None:
            services.compliance_record(
                actor=actor,
                aircraft=plane,
                task=task,
                done_on=day,
                reference="demo",
                estimated=True,
            )
    return plane


# --- work orders and parts (order 52, after the fleet and its due lists) -------------------------

PARTS = (  # part number, name, unit, shelf life (days), reorder point, lots (lot, qty, age)
    ("8AT-2710-000", "Main rotor blade damper", "ea", None, 2, (("L-2101", 4, 200),)),
    ("TV3-117-FF", "TV3-117VM fuel filter element", "ea", 1825, 6, (("L-2208", 5, 90),)),
    ("AMG-10", "Hydraulic fluid AMG-10", "l", 1095, 40, (("L-2214", 30, 60),)),
    ("246-3925-000", "Tail rotor blade", "ea", None, 1, (("L-1907", 3, 400),)),
)
STORE = "taac_air"  # the HMTF's spares were held at Kabul's air wing
SIGNER = "maintenance"
# The demo's maintenance officer stands in for an HMTF-trained technician (the record gives the
# technicians' numbers only, and the Afghan technician persona reads PUBLIC records alone, while
# the fleet is NRC): certified for both types, through training's own services.
SIGNER_QUALIFIES = {"hmtf-mi17": "mi17-airframe", "hmtf-mi35": "mi35-airframe"}  # course: type's


@demo_step(order=52)
def work_and_parts(actor, now) -> str | None:
    """Parts in stock at Kabul (one below its reorder point), a delivered and a pending HMTF
    parts order, and work orders: two closed (signed off by a certified technician), two open."""
    if Part.objects.filter(note=NOTE).exists() or not Aircraft.objects.filter(note=NOTE).exists():
        return None
    today = now.date()
    store = core_selectors.site_get(actor=actor, code=STORE)
    catalogue = _stock(actor, store, today)
    _orders(actor, store, catalogue, today)
    signer = _certified_signer(actor, today)
    made = _work_orders(actor, signer, store, catalogue, today)
    return (
        f"Fleet: {len(catalogue)} parts in stock, an HMTF parts order, {made} work orders "
        "(/fleet/work-orders/, /fleet/stock/)"
    )


def _stock(actor, store, today) -> dict:
    catalogue = {}
    for number, name, unit, shelf, reorder, lots in PARTS:
        part = parts.part_create(
            actor=actor,
            values=PartValues(
                part_number=number,
                name=name,
                unit=unit,
                shelf_life_days=shelf,
                reorder_point=reorder,
                note=NOTE,
            ),
        )
        for lot, quantity, age in lots:
            parts.stock_receive(
                actor=actor,
                part=part,
                site=store,
                lot=lot,
                quantity=quantity,
                day=today - timedelta(days=age),
            )
        catalogue[number] = part
    return catalogue


def _orders(actor, store, catalogue, today) -> None:
    fund = funds_selectors.fund_get(actor=actor, code="nrc_hmtf")
    delivered = parts.parts_order_place(
        actor=actor,
        site=store,
        fund=fund,
        supplier="Motor Sich JSC",
        lines=[OrderLine(part=catalogue["TV3-117-FF"], quantity=12, unit_price_minor=38_000)],
        day=today - timedelta(days=75),
        expected_on=today - timedelta(days=45),
        note="Illustrative figures (demo).",
    )
    parts.parts_order_deliver(actor=actor, order=delivered, day=today - timedelta(days=40))


def _pending_order(actor, store, catalogue, today, work_order) -> None:
    """Rotor dampers and tail rotor blades on order for an open work order (the first of the
    Mi-35 service request's): its work waits for them in the maintenance schedule."""
    parts.parts_order_place(
        actor=actor,
        site=store,
        fund=funds_selectors.fund_get(actor=actor, code="nrc_hmtf"),
        supplier="Ulan-Ude Aviation Plant",
        lines=[
            OrderLine(part=catalogue["8AT-2710-000"], quantity=4, unit_price_minor=415_000),
            OrderLine(part=catalogue["246-3925-000"], quantity=2, unit_price_minor=980_000),
        ],
        day=today,
        expected_on=today + timedelta(days=30),
        note="Illustrative figures (demo).",
        work_order=work_order,
    )


def _certified_signer(actor, today):
    """The demo's signer, certified for each type's qualification: one trainee, linked to the
    persona's account, through one session of each HMTF course."""
    signer = get_user_model().objects.get(username=SIGNER)
    afg = core_selectors.nation_find(iso3="AFG")
    person = TraineeValues(
        given_name="Milan",
        family_name="Maintenance",
        date_of_birth=date(1979, 5, 14),
        nation=afg,
        national_id="AF-HMTF-DEMO",
        rank="Technician (demo)",
        user=signer,
    )
    trainee = training_selectors.trainee_of_user(actor=actor, user=signer)
    for code, qualification in SIGNER_QUALIFIES.items():
        if training_selectors.technician_certified(signer, qualification, today):
            continue  # certified already (a database that had a technician before the demo)
        session = training.session_create(
            actor=actor,
            course=training_selectors.course_get(actor=actor, code=code),
            values=SessionValues(
                code=f"{code}-demo-signer",
                starts=today - timedelta(days=400),
                ends=today - timedelta(days=330),
                capacity=1,
            ),
            quotas={afg: 1},
        )
        nomination = training.nomination_create(
            actor=actor,
            session=session,
            **({"trainee": trainee} if trainee is not None else {"person": person}),
        )
        trainee = nomination.trainee
        training.attendance_record(actor=actor, nomination=nomination, day=session.starts)
        nomination = training.nomination_grade(actor=actor, nomination=nomination, grade=88)
        training.certificate_issue(actor=actor, nomination=nomination, issued_on=session.ends)
    return signer


def _work_orders(actor, signer, store, catalogue, today) -> int:
    """Two closed orders (an inspection done with a filter changed; a defect rectified), one
    open with a part drawn and a task still to sign, one open on the aircraft left overdue."""
    closed_on = today  # after any inspection the history recorded, so never backwards
    plane = Aircraft.objects.get(tail_number="MI17-02")
    filters = selectors.lots_of(catalogue["TV3-117-FF"], store)
    first = _raise(actor, plane, ("h50",), closed_on - timedelta(days=2), store)
    work_orders.part_draw(
        actor=actor, work_order=first, lot=filters[0], quantity=2, day=closed_on - timedelta(1)
    )
    _sign_and_close(signer, first, closed_on)
    defect = work_orders.defect_report(
        actor=actor,
        aircraft=Aircraft.objects.get(tail_number="MI17-03"),
        description="Hydraulic leak at the tail rotor servo (demo).",
        reported_on=closed_on - timedelta(days=4),
    )
    second = work_orders.work_order_raise(
        actor=actor,
        aircraft=defect.aircraft,
        day=closed_on - timedelta(days=4),
        defects=[defect],
        site=store,
    )
    _sign_and_close(signer, second, closed_on)
    third = _raise(actor, Aircraft.objects.get(tail_number="MI35-01"), ("h500",), today, store)
    work_orders.part_draw(actor=actor, work_order=third, lot=filters[0], quantity=1, day=today)
    _raise(actor, Aircraft.objects.get(tail_number="MI35-03"), ("seasonal",), today, store)
    return 4


def _raise(actor, plane, codes, day, store):
    tasks = list(MaintenanceTask.objects.filter(aircraft_type=plane.aircraft_type, code__in=codes))
    return work_orders.work_order_raise(
        actor=actor, aircraft=plane, day=day, tasks=tasks, site=store, note="Demo work order."
    )


def _sign_and_close(signer, order, day) -> None:
    for item in order.items.all():
        work_orders.item_sign_off(actor=signer, item=item, day=day)
    order.refresh_from_db()
    work_orders.work_order_close(actor=signer, work_order=order, day=day)


# --- hangars and the Mi-35 service request (order 54) ---------------------------------------------

# Each base's hangar slots and the technicians it puts to work a day, and as many HMTF-trained
# technicians working there (certified through training's services: the schedule counts them):
# demo assumptions (no source gives them), Kabul's air wing the largest, where most worked.
HANGARS = (
    ("taac_air", 3, 16),
    ("taac_south", 2, 10),
    ("taac_west", 1, 6),
    ("taac_north", 1, 6),
    ("taac_east", 1, 4),
)
REQUEST_TITLE = "Repair and service of the Mi-35 fleet"
REQUEST_DAY = date(2016, 2, 15)  # "in 2016 Kabul asked": the day is illustrative
REQUEST_AIRCRAFT = ("MI35-04", "MI35-05", "MI35-06", "MI35-07")
REQUEST_AMOUNT_MINOR = 48_000_000  # 480,000.00 in the fund's currency, illustrative


def _base_technicians(actor, code: str, count: int, today) -> None:
    """``count`` technicians working at the base, each certified for both types (one session of
    each HMTF course there), so the schedule finds them (``readiness.certified_technicians``)."""
    site = core_selectors.site_get(actor=actor, code=code)
    afg = core_selectors.nation_find(iso3="AFG")
    people: list = []
    for course in SIGNER_QUALIFIES:
        session = training.session_create(
            actor=actor,
            course=training_selectors.course_get(actor=actor, code=course),
            values=SessionValues(
                code=f"{course}-{code}-demo".replace("_", "-"),
                starts=today - timedelta(days=400),
                ends=today - timedelta(days=330),
                capacity=count,
            ),
            quotas={afg: count},
        )
        for i in range(count):
            known = {"trainee": people[i]} if len(people) > i else {}
            nomination = training.nomination_create(
                actor=actor,
                session=session,
                new_person=not known,
                **known
                or {
                    "person": TraineeValues(
                        given_name=f"Technician {i + 1}",
                        family_name=site.name,
                        date_of_birth=date(1980 + i % 15, 1 + i % 12, 1 + i % 28),
                        nation=afg,
                        national_id=f"AF-HMTF-{code}-{i + 1}",
                        rank="Technician (demo)",
                        site=site,
                    )
                },
            )
            if not known:
                people.append(nomination.trainee)
            training.attendance_record(actor=actor, nomination=nomination, day=session.starts)
            nomination = training.nomination_grade(actor=actor, nomination=nomination, grade=80)
            training.certificate_issue(actor=actor, nomination=nomination, issued_on=session.ends)


@demo_step(order=54)
def hangars_and_request(actor, now) -> str | None:
    """The bases' hangars (what the maintenance schedule fills) and Kabul's 2016 request to
    repair and service its Mi-35 fleet: reviewed, approved, funded by the HMTF, in work."""
    if Hangar.objects.exists() or not Aircraft.objects.filter(note=NOTE).exists():
        return None
    for code, slots, technicians in HANGARS:
        readiness_services.hangar_set(
            actor=actor,
            site=core_selectors.site_get(actor=actor, code=code),
            slots=slots,
            technicians=technicians,
            estimated=True,
        )
        _base_technicians(actor, code, technicians, now.date())
    today = now.date()
    request = service_requests.service_request_submit(
        actor=actor,
        requester=core_selectors.nation_find(iso3="AFG"),
        title=REQUEST_TITLE,
        description=(
            "The Afghan Air Force asks for repair and service of its Mi-35 fleet, most of it "
            "grounded, with spare parts and the training of its technicians moving from the "
            "Mi-17 to the Mi-35 (demo wording)."
        ),
        day=REQUEST_DAY,
        aircraft_type=AircraftType.objects.get(code="mi-35"),
        aircraft=list(Aircraft.objects.filter(tail_number__in=REQUEST_AIRCRAFT)),
    )
    service_requests.service_request_review(actor=actor, request=request)
    decided = REQUEST_DAY + timedelta(days=40)
    service_requests.service_request_decide(
        actor=actor, request=request, approve=True, day=decided, reason="Within the HMTF's scope."
    )
    service_requests.service_request_fund(
        actor=actor,
        request=request,
        fund=funds_selectors.fund_get(actor=actor, code="nrc_hmtf"),
        amount_minor=REQUEST_AMOUNT_MINOR,
        day=decided,
    )
    orders = service_requests.service_request_work_orders(actor=actor, request=request, day=today)
    store = core_selectors.site_get(actor=actor, code=STORE)
    catalogue = {p.part_number: p for p in Part.objects.filter(note=NOTE)}
    _pending_order(actor, store, catalogue, today, orders[0])
    return (
        f"Fleet: {len(HANGARS)} hangars; service request {request.number} with "
        f"{len(orders)} work orders (/fleet/service-requests/, /fleet/readiness/)"
    )


@demo_step(order=58)
def due_maintenance_notices(actor, now) -> str | None:
    """Tell the maintenance officers of the maintenance falling due, as the worker does daily
    (each item once: a second demo tells nothing new)."""
    told = due_soon_notify(actor=actor, day=now.date())
    if not told:
        return None
    return f"Fleet: {told} maintenance items falling due told to the maintenance officers (/inbox/)"
