"""Readiness: the maintenance schedule built from the real due list and solved with CP-SAT keeps
the hangar slots, the technicians and the parts on order; the mission-capable rate today and
downtime by reason; the command, the background solve (202 and the task) and the page."""

from collections import defaultdict
from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from accord.access import system_principal
from accord.audit.models import AuditEntry
from accord.core.models import Site
from accord.errors import ValidationFailed
from accord.fleet import demo, parts, readiness, selectors, services, work_orders
from accord.fleet.engine import readiness as engine
from accord.fleet.inputs import OrderLine, PartValues
from accord.fleet.models import Hangar, MaintenancePlan, PlannedJob
from accord.funds.models import TrustFund
from accord.training.models import Certificate, Course
from tests.jobs import work_off

pytestmark = pytest.mark.django_db

SYSTEM = system_principal("tests")


@pytest.fixture
def small_fleet(new_aircraft, technicians):
    """Six Mi-17s at one base whose hangar holds one aircraft and works eight technicians, and
    eight technicians certified for the Mi-17V-5 working there (the base's own): each has
    flown 45 to 50 hours since entering the programme, so its 50-hour inspection falls due in
    the next days (and its seasonal preparation is long overdue: more work than one slot
    takes, so the schedule has choices to make)."""
    base = Site.objects.get(code="taac_south")
    Hangar.objects.filter(site=base).delete()
    readiness.hangar_set(actor=SYSTEM, site=base, slots=1, technicians=8)
    technicians(base, 8)
    day = selectors.today()
    planes = []
    for i in range(6):
        plane = new_aircraft(base=base)
        for back, hours in ((2, 20), (1, 20), (0, 5 + i)):  # 45 to 50 hours flown
            services.flight_log_record(
                actor=SYSTEM,
                aircraft=plane,
                day=day - timedelta(days=back),
                hours=Decimal(hours),
                landings=10,
            )
        plane.refresh_from_db()
        planes.append(plane)
    return base, planes, day


def _ours(built, planes):
    tails = {p.tail_number for p in planes}
    return [j for j in built.problem.jobs if j.aircraft in tails]


def test_the_problem_is_the_due_list_of_the_fleet(small_fleet):
    base, planes, day = small_fleet
    built = readiness.schedule_problem(actor=SYSTEM, day=day, horizon=30)
    jobs = _ours(built, planes)
    by_plane = defaultdict(dict)
    for j in jobs:
        by_plane[j.aircraft][j.task] = j
    for plane in planes:
        h50 = by_plane[plane.tail_number]["h50"]
        due = selectors.due_list(actor=SYSTEM, aircraft=plane, day=day)
        row = next(t for t in due.tasks if t.task.code == "h50")
        assert h50.due_day == (row.due.forecast - day).days
        assert h50.base == base.code
        assert (h50.duration_days, h50.technicians) == (row.task.downtime_days, row.task.crew)
    (hangar,) = [b for b in built.problem.bases if b.code == base.code]
    assert (hangar.slots_per_day, hangar.technicians_per_day) == (1, 8)


def _crew(base, day, horizon=30):
    built = readiness.schedule_problem(actor=SYSTEM, day=day, horizon=horizon)
    return next(b for b in built.problem.bases if b.code == base.code)


def test_the_technicians_are_the_certified_people_at_the_base(new_aircraft, technicians):
    """A base's technicians each day are the people working there with a valid certificate for
    a type based there: one more certified raises them, one at another base or certified for
    another type does not, a certificate that runs out lowers them from the day after its
    expiry, and the hangar caps them."""
    base, elsewhere = Site.objects.get(code="taac_south"), Site.objects.get(code="taac_north")
    Hangar.objects.filter(site=base).delete()
    readiness.hangar_set(actor=SYSTEM, site=base, slots=1, technicians=50)
    new_aircraft(base=base)
    # The Mi-17 courses' certificates hold a year (the scenario's never run out).
    Course.objects.filter(qualifications__code="mi17-airframe").update(validity_months=12)
    day = selectors.today()
    before = _crew(base, day).crew_on(0)
    (holder,) = technicians(base, 1)
    assert _crew(base, day).crew_on(0) == before + 1
    technicians(elsewhere, 1)
    technicians(base, 1, qualification="mi35-airframe")  # no Mi-35 based there
    assert _crew(base, day).crew_on(0) == before + 1

    certificate = Certificate.objects.get(trainee=holder)
    assert certificate.expires_on is not None, "the course's certificates expire"
    start = certificate.expires_on - timedelta(days=10)
    crew = _crew(base, start)
    assert crew.crew_on(11) == crew.crew_on(10) - 1  # valid through its expiry day, not after

    readiness.hangar_set(actor=SYSTEM, site=base, slots=1, technicians=before)
    assert _crew(base, day).crew_on(0) == before


def test_the_solved_schedule_keeps_slots_technicians_and_parts(small_fleet):
    base, planes, day = small_fleet
    # The parts for the last aircraft's inspection are on order for a week from now.
    late = planes[-1]
    h50 = next(t for t in selectors.tasks_to_work(actor=SYSTEM, aircraft=late))
    order = work_orders.work_order_raise(actor=SYSTEM, aircraft=late, day=day, tasks=[h50.task])
    part = parts.part_create(
        actor=SYSTEM, values=PartValues(part_number="T-READY-1", name="Filter", marking="NRC")
    )
    parts.parts_order_place(
        actor=SYSTEM,
        site=base,
        fund=TrustFund.objects.get(code="nrc_hmtf"),
        supplier="Test supplier",
        lines=[OrderLine(part=part, quantity=1, unit_price_minor=100)],
        day=day,
        expected_on=day + timedelta(days=7),
        work_order=order,
    )
    # CP-SAT finds its best schedule of this fleet in about a quarter of a second and cannot close
    # the gap to its bound (120 aircraft-days against 162) in 20: a longer limit only waits.
    plan, built, schedule = readiness.plan_solve(
        actor=SYSTEM, day=day, horizon=30, time_limit_s=5, workers=1
    )
    ours = {p.tail_number for p in planes}
    placed = [a for a in schedule.assignments if a.job.aircraft in ours]
    assert placed, "some of the due inspections fit in 30 days"
    bases = {b.code: b for b in built.problem.bases}
    slots, crews = defaultdict(int), defaultdict(int)
    for a in schedule.assignments:
        assert a.start_day >= a.job.first_start  # never before its parts or its window
        for d in range(a.start_day, a.end_day):
            slots[a.job.base, d] += 1
            crews[a.job.base, d] += a.job.technicians
    for (code, _day), used in slots.items():
        assert used <= bases[code].slots_per_day
    for (code, _day), used in crews.items():
        assert used <= bases[code].technicians_per_day
    waiting = next(a for a in placed if a.job.aircraft == late.tail_number and a.job.task == "h50")
    assert waiting.start_day >= 7
    # Stored: a row per job, under its aircraft's marking, and what a reader counts from them.
    rows = PlannedJob.objects.filter(plan=plan, aircraft__in=planes)
    assert rows.count() == len([j for j in _ours(built, planes) if j.limit_day < 30])
    assert {r.marking for r in rows} == {"NRC"}
    forecast = readiness.plan_forecast(actor=SYSTEM, plan=plan)
    assert (
        forecast.fleet.available
        == readiness.schedule_forecast(actor=SYSTEM, built=built, schedule=schedule).fleet.available
    )


def test_downtime_counts_each_aircraft_day_once_under_its_reason():
    found = [
        engine.Interval("A", 0, 3, engine.SCHEDULED),
        engine.Interval("A", 2, 5, engine.AWAITING_PARTS),  # day 2 is in the hangar already
        engine.Interval("B", 1, 2, engine.DEFECT),
        engine.Interval("C", 0, 10, engine.AWAITING_TECHNICIAN),  # not of this fleet
    ]
    ready = engine.readiness({"A", "B", "D"}, found, 5)
    assert ready.down[engine.SCHEDULED] == (1, 1, 1, 0, 0)
    assert ready.down[engine.AWAITING_PARTS] == (0, 0, 0, 1, 1)
    assert ready.down[engine.DEFECT] == (0, 1, 0, 0, 0)
    assert ready.available == (2, 1, 2, 2, 2)
    assert ready.rate[1] == pytest.approx(1 / 3)


def test_an_open_defect_counts_today(small_fleet):
    _base, planes, day = small_fleet
    before = readiness.readiness_now(actor=SYSTEM, day=day)
    work_orders.defect_report(
        actor=SYSTEM, aircraft=planes[0], description="Cracked window", reported_on=day
    )
    now = readiness.readiness_now(actor=SYSTEM, day=day)
    assert now.fleet == before.fleet
    assert now.down["defect"] == before.down["defect"] + 1
    # It was down already, for its overdue seasonal preparation: counted once, as a defect now.
    assert now.down["scheduled"] == before.down["scheduled"] - 1
    assert now.available == before.available
    # The public reads none of the NRC fleet.
    assert readiness.readiness_now(actor=None, day=day).fleet < now.fleet


def test_no_hangar_no_plan(small_fleet):
    Hangar.objects.all().delete()
    before = MaintenancePlan.objects.count()
    with pytest.raises(ValidationFailed) as caught:
        readiness.plan_solve(actor=SYSTEM, horizon=10, time_limit_s=1)
    assert caught.value.code == "no_hangar"
    assert MaintenancePlan.objects.count() == before


def test_the_command_solves_stores_and_prints_the_plan(small_fleet):
    _, planes, day = small_fleet
    out = StringIO()
    call_command(
        "fleet",
        "schedule",
        "--days",
        "30",
        "--time-limit",
        "5",
        "--day",
        day.isoformat(),
        stdout=out,
    )
    text = out.getvalue()
    plan = MaintenancePlan.objects.order_by("-pk").first()
    assert f"plan {plan.pk}:" in text
    assert any(line.startswith(planes[0].tail_number) for line in text.splitlines())
    assert "available:" in text.splitlines()[-1]


def test_the_api_solves_in_the_background_and_the_page_shows_the_plan(small_fleet, client_as):
    client = client_as("maintenance")
    answer = client.post(
        "/api/v1/fleet/plans",
        {"days": 30, "time_limit_seconds": 2},
        content_type="application/json",
    )
    assert answer.status_code == 202
    assert answer["Location"].startswith("/api/v1/tasks/")
    solved = MaintenancePlan.objects.count()
    assert MaintenancePlan.objects.count() == solved  # the queue solves it, not the request
    work_off()
    task = client.get(answer["Location"]).json()
    assert task["status"] == "SUCCESSFUL", task
    plan_id = int(task["result"]["api"].rsplit("/", 1)[1])
    body = client.get(f"/api/v1/fleet/plans/{plan_id}").json()
    assert body["horizon_days"] == 30
    assert body["jobs"]
    page = client.get(f"/fleet/readiness/?plan={plan_id}").content.decode()
    assert 'id="chart-type"' in page
    assert 'id="plan-jobs"' in page
    assert client_as(None).get(f"/api/v1/fleet/plans/{plan_id}").status_code == 404
    readings = client.get("/api/v1/fleet/readiness").json()
    assert readings["plan"] == plan_id
    assert len(readings["forecast"]["available"]) == 30


def test_the_hmtf_page_shows_the_readiness_its_money_buys(small_fleet, client_as, persona):
    url = reverse("funds:detail", args=["nrc_hmtf"])
    page = client_as("maintenance").get(url).content.decode()
    now = readiness.readiness_now(actor=persona("maintenance"))
    assert 'id="fleet-readiness"' in page
    assert f"{now.available} of {now.fleet} aircraft" in page
    # The public counts the PUBLIC aircraft only, none of the NRC's.
    public = readiness.readiness_now(actor=None)
    assert public.fleet < now.fleet
    shown = client_as(None).get(url).content.decode()
    assert f"{public.available} of {public.fleet} aircraft" in shown
    other = reverse("funds:detail", args=["ana_tf"])
    assert 'id="fleet-readiness"' not in client_as("maintenance").get(other).content.decode()


def test_the_demo_certifies_each_base_s_technicians(new_aircraft):
    """The demo's hangars come with their technicians, certified for both types at the base."""
    base = Site.objects.get(code="taac_east")
    planes = [new_aircraft(base=base), new_aircraft(base=base, type_code="mi-35")]
    day = selectors.today()

    def counted():
        return readiness.certified_technicians(actor=SYSTEM, planes=planes, day=day, days=3)

    before = counted()[base.pk]
    demo._base_technicians(SYSTEM, base.code, 2, day)
    assert counted()[base.pk] == tuple(n + 2 for n in before)


def test_a_maintenance_officer_records_and_edits_a_hangar_in_the_pages_and_the_api(client_as):
    base = Site.objects.get(code="taac_west")
    Hangar.objects.filter(site=base).delete()
    officer = client_as("maintenance")
    assert b"taac_west" in officer.get(reverse("fleet:hangar-create")).content
    made = officer.post(
        reverse("fleet:hangar-create"), {"site": "taac_west", "slots": "2", "technicians": "6"}
    )
    assert made.status_code == 302
    hangar = Hangar.objects.get(site=base)
    assert (hangar.slots, hangar.technicians) == (2, 6)
    edit = reverse("fleet:hangar-edit", args=["taac_west"])
    assert officer.get(edit).status_code == 200
    changed = officer.post(edit, {"slots": "3", "technicians": "9", "expected_version": "1"})
    assert changed.status_code == 302
    stale = officer.post(edit, {"slots": "4", "technicians": "9", "expected_version": "1"})
    assert stale.status_code == 422
    assert b"reload it and try again" in stale.content
    listed = officer.get("/api/v1/fleet/hangars").json()["items"]
    row = next(h for h in listed if h["site"] == "taac_west")
    assert (row["slots"], row["technicians"], row["version"]) == (3, 9, 2)
    put = officer.put(
        "/api/v1/fleet/hangars/taac_west",
        {"slots": 1, "technicians": 4, "expected_version": 2},
        content_type="application/json",
    )
    assert (put.status_code, put.json()["slots"]) == (200, 1)
    assert client_as("delegation-usa").get(edit).status_code == 403
    entries = AuditEntry.objects.filter(action="hangar.set")
    assert entries.filter(outcome="done", object_id=str(hangar.pk)).count() == 3
    assert entries.filter(outcome="refused", error_code="stale_version").count() == 1
