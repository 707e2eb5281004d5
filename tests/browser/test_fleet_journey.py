"""A maintenance officer logs flights that make a 100-hour inspection due; past its tolerance the
aircraft is not airworthy, on its page and in the fleet list; recording the inspection done makes
it airworthy again and moves its due point on. Then the same through a work order: raised from
the overdue task, a part drawn from Kabul's stock, signed off by a certified technician, closed,
and the due list moves."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from accord.access import system_principal
from accord.core.models import Site, User
from accord.fleet import parts, services
from accord.fleet.inputs import AircraftValues, PartValues
from accord.fleet.models import AircraftType, MaintenanceTask
from tests.browser.conftest import sign_in
from tests.fleet.conftest import certify

pytestmark = pytest.mark.browser


def _aircraft_fresh_from_its_50_hour_inspection(today, **marked):
    """1,080 hours, the 50-hour inspection, the bulletin and the seasonal preparation just done:
    the 100-hour inspection (counted from 1,000) is the next to fall due. ``marked``: who reads
    it (the marking and owning nation), when not the programme's default."""
    actor = system_principal("journey")
    plane = services.aircraft_create(
        actor=actor,
        values=AircraftValues(
            tail_number="JRNY-17",
            aircraft_type=AircraftType.objects.get(code="mi-17v-5"),
            operator="aaf",
            tracked_from=today - timedelta(days=20),
            opening_hours=Decimal(1000),
            opening_landings=1000,
            **marked,
        ),
    )
    for back in range(15, 7, -1):
        services.flight_log_record(
            actor=actor,
            aircraft=plane,
            day=today - timedelta(days=back),
            hours=Decimal(10),
            landings=10,
        )
    for code in ("h50", "sb-tail-rotor", "seasonal"):
        task = MaintenanceTask.objects.get(aircraft_type=plane.aircraft_type, code=code)
        services.compliance_record(
            actor=actor, aircraft=plane, task=task, done_on=today - timedelta(days=8)
        )
    return plane


def _log(page, day, hours):
    form = page.locator("#log-form")
    form.get_by_label("Date").fill(day.isoformat())
    form.get_by_label("Flight hours", exact=True).fill(hours)
    form.get_by_label("Landings", exact=True).fill("2")
    form.get_by_role("button", name="Log").click()
    page.wait_for_load_state("networkidle")


def test_flights_make_the_100_hour_inspection_due_and_recording_it_clears_it(page):
    today = timezone.localdate()
    _aircraft_fresh_from_its_50_hour_inspection(today)
    sign_in(page, "maintenance")
    page.goto("/fleet/aircraft/JRNY-17/")
    h100 = page.locator("#due-list tr[data-task='h100']")
    expect(h100.locator("[data-status]")).to_have_attribute("data-status", "ok")
    expect(page.locator("[data-airworthy]")).to_have_attribute("data-airworthy", "yes")

    _log(page, today - timedelta(days=7), "12")  # 1,092 hours: 8 left of 100
    expect(page.get_by_text("Logged 12 flight hours on JRNY-17.")).to_be_visible()
    expect(h100.locator("[data-status]")).to_have_attribute("data-status", "due_soon")

    _log(page, today - timedelta(days=6), "14")  # 1,106 hours: past the 5 hours of tolerance
    expect(h100.locator("[data-status]")).to_have_attribute("data-status", "overdue")
    expect(page.locator("[data-airworthy]")).to_have_attribute("data-airworthy", "no")
    page.goto("/fleet/?q=JRNY")
    expect(page.locator("#rows tbody tr", has_text="JRNY-17")).to_contain_text("Not airworthy")

    # More than a day holds is refused, with its code, and nothing is logged.
    page.goto("/fleet/aircraft/JRNY-17/")
    _log(page, today - timedelta(days=5), "25")
    expect(page.get_by_role("alert").first).to_contain_text("24")
    page.goto("/fleet/aircraft/JRNY-17/")
    expect(page.locator("#aircraft-hours")).to_have_text("1,106")

    h100.get_by_role("link", name="Record done").click()
    page.get_by_label("Done on").fill((today - timedelta(days=6)).isoformat())
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_text("Recorded h100 done on JRNY-17.")).to_be_visible()
    expect(page.locator("[data-airworthy]")).to_have_attribute("data-airworthy", "yes")
    expect(h100.locator("[data-status]")).to_have_attribute("data-status", "ok")
    expect(h100).to_contain_text(re.compile(r"at 1,206 h"))


def _overdue_aircraft_with_a_part_in_stock(today):
    """JRNY-WO at Kabul, flown 110 hours past its 50-hour inspection (the 100-hour one overdue),
    a fuel filter in Kabul's stock, and the maintenance officer a certified Mi-17 technician."""
    actor = system_principal("journey")
    kabul = Site.objects.get(code="taac_air")
    plane = services.aircraft_create(
        actor=actor,
        values=AircraftValues(
            tail_number="JRNY-WO",
            aircraft_type=AircraftType.objects.get(code="mi-17v-5"),
            operator="aaf",
            base=kabul,
            tracked_from=today - timedelta(days=20),
            opening_hours=Decimal(1000),
            opening_landings=1000,
        ),
    )
    for back in range(15, 4, -1):
        services.flight_log_record(
            actor=actor,
            aircraft=plane,
            day=today - timedelta(days=back),
            hours=Decimal(10),
            landings=10,
        )
    filter_element = parts.part_create(
        actor=actor, values=PartValues(part_number="JRNY-FF", name="Fuel filter element")
    )
    parts.stock_receive(
        actor=actor, part=filter_element, site=kabul, lot="JRNY-LOT", quantity=3, day=today
    )
    certify(User.objects.get(username="maintenance"))


def test_a_work_order_raised_from_the_due_list_draws_a_part_is_signed_and_closed(page):
    today = timezone.localdate()
    _overdue_aircraft_with_a_part_in_stock(today)
    sign_in(page, "maintenance")
    page.goto("/fleet/aircraft/JRNY-WO/")
    h100 = page.locator("#due-list tr[data-task='h100']")
    expect(h100.locator("[data-status]")).to_have_attribute("data-status", "overdue")

    h100.get_by_role("link", name="Work order").click()
    expect(page.get_by_role("checkbox", name=re.compile("h100"))).to_be_checked()
    for overdue in ("h50", "sb-tail-rotor"):  # never done since tracking began: overdue too
        page.get_by_role("checkbox", name=re.compile(f"^{overdue}:")).check()
    page.get_by_role("button", name="Save").click()
    page.wait_for_load_state("networkidle")
    expect(page.get_by_text(re.compile(r"Work order WO-\d{4}-\d+ is raised\."))).to_be_visible()

    draw = page.locator("#draw-form")
    draw.get_by_label("Lot").select_option(label="JRNY-FF Fuel filter element · JRNY-LOT (3)")
    draw.get_by_role("button", name="Draw from stock").click()
    expect(page.get_by_text("The part is drawn from stock.")).to_be_visible()
    expect(page.locator("#draws")).to_contain_text("JRNY-FF")

    for code in ("h100", "h50", "sb-tail-rotor"):
        page.locator(f"#items tr[data-item='{code}']").get_by_role(
            "button", name="Sign off"
        ).click()
        expect(page.get_by_text("Signed off.")).to_be_visible()
        expect(page.locator(f"#items tr[data-item='{code}']")).to_contain_text("maintenance")

    page.locator("#close-form").get_by_role("button", name="Close the work order").click()
    expect(
        page.get_by_text("The work order is closed; its tasks are recorded done.")
    ).to_be_visible()
    expect(page.locator("#work-order-status")).to_have_text("Closed")

    page.goto("/fleet/aircraft/JRNY-WO/")
    expect(h100.locator("[data-status]")).to_have_attribute("data-status", "ok")
    expect(page.locator("[data-airworthy]")).to_have_attribute("data-airworthy", "yes")
    expect(h100).to_contain_text("(1,110 h)")  # done at the counters on closing
    expect(h100).to_contain_text("at 1,210 h")  # and due again 100 hours on
