"""Fleet writes: counters that never run backwards, the due list moved by compliance, components
on one airframe at a time, their stable error codes, access, and the audit trail."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from accord.audit.models import AuditEntry
from accord.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from accord.fleet import selectors, services
from accord.fleet.inputs import AircraftValues, MaintenanceTaskValues
from accord.fleet.models import Aircraft, AircraftType, FlightLog, Installation, MaintenanceTask
from tests.fleet.conftest import START

pytestmark = pytest.mark.django_db
D = Decimal


def refusals(code):
    return AuditEntry.objects.filter(outcome="refused", error_code=code).count()


def log(actor, plane, day, hours=None, landings=None, **kw):
    return services.flight_log_record(
        actor=actor,
        aircraft=plane,
        day=START + timedelta(days=day),
        hours=None if hours is None else D(hours),
        landings=landings,
        **kw,
    )


def task_row(actor, plane, code, day):
    due = selectors.due_list(actor=actor, aircraft=Aircraft.objects.get(pk=plane.pk), day=day)
    return due, next(t for t in due.tasks if t.task.code == code)


def test_flights_grow_the_counters_and_are_audited_by_the_maintenance_officer(
    persona, new_aircraft
):
    plane = new_aircraft()
    officer = persona("maintenance")
    log(officer, plane, 1, "3.5", 4)
    entry = log(officer, plane, 2, total_hours=D("1006.0"), total_landings=808)
    assert (entry.hours, entry.landings) == (D("2.5"), 4)
    plane.refresh_from_db()
    assert (plane.hours, plane.landings, plane.logged_to) == (D("1006.0"), 808, entry.date)
    assert plane.version == 3  # each entry moves the aircraft on: a stale edit is refused
    audit = AuditEntry.objects.filter(action="flight_log.record").order_by("pk").last()
    assert (audit.actor_name, audit.object_id) == ("maintenance", str(entry.pk))
    assert audit.changes["total_hours"] == [None, "1006.0"]


@pytest.mark.parametrize(
    ("kwargs", "code", "error"),
    [
        ({"day": 5, "hours": "-1", "landings": 1}, "negative_hours", ValidationFailed),
        ({"day": 5, "hours": "1", "landings": -2}, "negative_landings", ValidationFailed),
        ({"day": 5, "hours": "1.25", "landings": 1}, "hours_precision", ValidationFailed),
        ({"day": 5, "hours": "21", "landings": 1}, "hours_over_day", ValidationFailed),
        ({"day": 4, "hours": "1", "landings": 1}, "counters_backwards", Conflict),
        ({"day": 6, "total_hours": D("1003.0")}, "counters_backwards", Conflict),
    ],
)
def test_bad_flights_are_refused_with_their_code_nothing_changed_and_audited(
    persona, new_aircraft, kwargs, code, error
):
    plane = new_aircraft()
    officer = persona("maintenance")
    log(officer, plane, 5, "4", 5)  # 1004.0 hours, logged to day 5
    before = refusals(code)
    day = kwargs.pop("day")
    with pytest.raises(error) as exc:
        log(officer, plane, day, **kwargs)
    assert exc.value.code == code
    plane.refresh_from_db()
    assert (plane.hours, plane.landings) == (D("1004.0"), 805)
    assert FlightLog.objects.filter(aircraft=plane).count() == 1
    assert refusals(code) == before + 1


def test_who_may_log_flights(persona, new_aircraft):
    plane = new_aircraft()  # NRC: Russia's delegation reads it, the Afghan technician does not
    with pytest.raises(PermissionDenied):
        log(persona("delegation-rus"), plane, 1, "1", 1)
    with pytest.raises(NotFound):
        log(persona("afg-technician"), plane, 1, "1", 1)
    plane.refresh_from_db()
    assert plane.hours == D(1000)
    assert refusals("permission_denied") >= 1


def test_an_overdue_inspection_grounds_the_aircraft_until_it_is_recorded_done(
    persona, new_aircraft
):
    officer = persona("maintenance")
    plane = new_aircraft()
    h100 = MaintenanceTask.objects.get(aircraft_type=plane.aircraft_type, code="h100")
    today = START + timedelta(days=10)
    for day in range(1, 10):
        log(officer, plane, day, "9", 10)  # 81 hours: the 50-hour inspection is overdue
    for code in ("h50", "seasonal", "sb-tail-rotor"):  # the bulletin: once, then done
        task = MaintenanceTask.objects.get(aircraft_type=plane.aircraft_type, code=code)
        services.compliance_record(actor=officer, aircraft=plane, task=task, done_on=today)
    due, row = task_row(officer, plane, "h100", today)
    assert row.due.status == "ok"
    assert due.airworthy
    log(officer, plane, 10, "9", 10)
    log(officer, plane, 11, "9", 10)  # 99 hours: due soon
    assert task_row(officer, plane, "h100", today)[1].due.status == "due_soon"
    log(officer, plane, 12, "8", 10)  # 107 hours: past 100 and its 5 hours of tolerance
    due, row = task_row(officer, plane, "h100", today)
    assert row.due.status == "overdue"
    assert not due.airworthy
    assert row.due.governing.remaining == D(-7)
    listed = selectors.aircraft_list(actor=officer, params={"q": plane.tail_number})
    assert [a.airworthy for a in listed] == [False]
    record = services.compliance_record(
        actor=officer, aircraft=plane, task=h100, done_on=START + timedelta(days=12)
    )
    assert record.hours == D("1107.0")  # the aircraft's counters at the end of that day
    due, row = task_row(officer, plane, "h100", today)
    assert due.airworthy
    assert row.last_done == record.done_on
    assert row.due.criteria[0].next_due == D("1207.0")


def test_a_compliance_record_may_not_run_the_due_list_backwards(persona, new_aircraft):
    officer = persona("maintenance")
    plane = new_aircraft()
    log(officer, plane, 3, "5", 5)
    h50 = MaintenanceTask.objects.get(aircraft_type=plane.aircraft_type, code="h50")
    services.compliance_record(
        actor=officer, aircraft=plane, task=h50, done_on=START + timedelta(days=3)
    )
    before = refusals("counters_backwards")
    with pytest.raises(Conflict) as exc:
        services.compliance_record(
            actor=officer, aircraft=plane, task=h50, done_on=START + timedelta(days=2)
        )
    assert exc.value.code == "counters_backwards"
    with pytest.raises(Conflict):  # more hours than the aircraft had flown that day
        services.compliance_record(
            actor=officer,
            aircraft=plane,
            task=h50,
            done_on=START + timedelta(days=3),
            hours=D(2000),
        )
    mi35 = MaintenanceTask.objects.get(aircraft_type__code="mi-35", code="h500")
    with pytest.raises(ValidationFailed) as exc:
        services.compliance_record(actor=officer, aircraft=plane, task=mi35, done_on=START)
    assert exc.value.code == "task_not_of_type"
    assert refusals("counters_backwards") == before + 2
    assert plane.compliance.count() == 1


def test_a_component_follows_its_serial_and_is_never_on_two_airframes(
    persona, new_aircraft, new_component
):
    officer = persona("maintenance")
    first, second = new_aircraft(), new_aircraft(hours="3000")
    engine = new_component(hours=D(500), cycles=100, hours_since_overhaul=D(200))
    services.component_install(
        actor=officer, component=engine, aircraft=first, position="engine 1", day=START
    )
    log(officer, first, 1, "6", 8)
    before = refusals("component_installed")
    with pytest.raises(Conflict) as exc:
        services.component_install(
            actor=officer, component=engine, aircraft=second, position="engine 1", day=START
        )
    assert exc.value.code == "component_installed"
    assert refusals("component_installed") == before + 1
    # The database holds it too, whatever a writer skips.
    with pytest.raises(IntegrityError), transaction.atomic():
        Installation.objects.create(
            component=engine,
            aircraft=second,
            position="engine 2",
            installed_on=START,
            installed_hours=D(3000),
            installed_landings=0,
        )
    shown = selectors.component_get(actor=officer, serial=engine.serial)
    assert selectors.usage_of(shown, selectors.open_installation(shown)).hours == D(506)
    services.component_remove(
        actor=officer, component=engine, day=START + timedelta(days=1), serviceable=True
    )
    engine.refresh_from_db()
    assert (engine.hours, engine.cycles, engine.hours_since_overhaul) == (D(506), 108, D(206))
    log(officer, first, 2, "5", 5)  # no longer fitted: nothing accrues
    services.component_install(
        actor=officer,
        component=engine,
        aircraft=second,
        position="engine 2",
        day=START + timedelta(days=2),
    )
    log(officer, second, 3, "4", 4)
    engine = selectors.component_get(actor=officer, serial=engine.serial)
    usage = selectors.usage_of(engine, selectors.open_installation(engine))
    assert (usage.hours, usage.cycles) == (D(510), 112)
    with pytest.raises(Conflict) as exc:
        services.component_remove(actor=officer, component=new_component(), day=START)
    assert exc.value.code == "component_not_installed"


def test_a_life_expired_component_cannot_be_installed(persona, new_aircraft, new_component):
    officer = persona("maintenance")
    plane = new_aircraft()
    worn = new_component(hours=D(1500), hours_since_overhaul=D(1500), overhaul_hours=D(1500))
    before = refusals("life_expired")
    with pytest.raises(Conflict) as exc:
        services.component_install(
            actor=officer, component=worn, aircraft=plane, position="engine 1", day=START
        )
    assert exc.value.code == "life_expired"
    assert not Installation.objects.filter(component=worn).exists()
    assert refusals("life_expired") == before + 1


def test_a_position_holds_one_component(persona, new_aircraft, new_component):
    officer = persona("maintenance")
    plane = new_aircraft()
    services.component_install(
        actor=officer, component=new_component(), aircraft=plane, position="gearbox", day=START
    )
    with pytest.raises(Conflict) as exc:
        services.component_install(
            actor=officer,
            component=new_component(),
            aircraft=plane,
            position="gearbox",
            day=START,
        )
    assert exc.value.code == "position_taken"


def test_the_opening_counters_are_fixed_once_flights_are_logged(persona, new_aircraft):
    officer = persona("maintenance")
    plane = new_aircraft()
    plane = services.aircraft_update(
        actor=officer,
        aircraft=plane,
        values=AircraftValues(opening_hours=D(1200)),
        expected_version=plane.version,
    )
    assert plane.hours == D(1200)
    log(officer, plane, 1, "1", 1)
    plane.refresh_from_db()
    with pytest.raises(Conflict) as exc:
        services.aircraft_update(
            actor=officer,
            aircraft=plane,
            values=AircraftValues(opening_hours=D(900)),
            expected_version=plane.version,
        )
    assert exc.value.code == "counters_backwards"


def test_the_fleet_due_list_costs_the_same_reads_for_one_aircraft_or_many(
    persona, new_aircraft, django_assert_max_num_queries
):
    officer = persona("maintenance")
    for _ in range(6):
        new_aircraft()
    with django_assert_max_num_queries(6):
        dues = selectors.fleet_due(actor=officer, day=START + timedelta(days=30))
    assert len(dues) >= 6
    assert all(d.tasks for d in dues)


def test_a_task_applies_to_its_whole_type_and_needs_an_interval(persona, new_aircraft):
    officer = persona("maintenance")
    mi35 = AircraftType.objects.get(code="mi-35")
    first, second = new_aircraft(type_code="mi-35"), new_aircraft(type_code="mi-35")
    values = {"aircraft_type": mi35, "name": "Main rotor hub", "category": "special"}
    before = refusals("task_no_interval")
    with pytest.raises(ValidationFailed) as exc:
        services.maintenance_task_create(
            actor=officer, values=MaintenanceTaskValues(code="hub", **values)
        )
    assert exc.value.code == "task_no_interval"
    assert refusals("task_no_interval") == before + 1
    task = services.maintenance_task_create(
        actor=officer,
        values=MaintenanceTaskValues(code="hub", interval_days=30, repeats=False, **values),
    )
    assert task.repeats  # a programme task always repeats; only a directive may be once
    assert task.marking == mi35.marking
    for plane in (first, second):
        codes = [t.task.code for t in task_row(officer, plane, "hub", START)[0].tasks]
        assert "hub" in codes
    with pytest.raises(PermissionDenied):
        services.maintenance_task_create(
            actor=persona("logistician"),
            values=MaintenanceTaskValues(code="hub2", interval_days=30, **values),
        )
