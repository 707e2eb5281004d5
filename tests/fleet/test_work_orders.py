"""Work orders and parts: raised from the due list, parts drawn by lot, signed off by certified
technicians only, closed once (moving the due list), and parts orders that commit, post and void
a trust fund's money; each refusal with its code, nothing changed, the attempt audited."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accord.access import system_principal
from accord.audit.models import AuditEntry
from accord.errors import Conflict, PermissionDenied, ValidationFailed
from accord.fleet import demo, parts, selectors, work_orders
from accord.fleet.inputs import OrderLine, PartValues
from accord.fleet.models import (
    Aircraft,
    ComplianceRecord,
    MaintenanceTask,
    PartDraw,
    PartsOrder,
    StockLot,
    WorkOrder,
)
from accord.funds import selectors as funds_selectors
from accord.funds.models import Commitment, LedgerPending, TrustFund
from tests.fleet.conftest import certify

pytestmark = pytest.mark.django_db
SYSTEM = system_principal("tests")


def today():
    return timezone.localdate()


def refusals(code):
    return AuditEntry.objects.filter(outcome="refused", error_code=code).count()


def _site(code="taac_air"):
    return Aircraft._meta.get_field("base").related_model.objects.get(code=code)


def _part(number="8-1930-000", shelf_life_days=None, reorder_point=2):
    return parts.part_create(
        actor=SYSTEM,
        values=PartValues(
            part_number=number,
            name="Main rotor damper",
            shelf_life_days=shelf_life_days,
            reorder_point=reorder_point,
        ),
    )


@pytest.fixture
def plane(new_aircraft):
    return new_aircraft(base=_site())


def _h100(plane):
    return MaintenanceTask.objects.get(aircraft_type=plane.aircraft_type, code="h100")


def _raise(actor, plane, **kw):
    return work_orders.work_order_raise(
        actor=actor, aircraft=plane, day=today(), tasks=[_h100(plane)], **kw
    )


def test_a_certified_technician_signs_off_and_closing_moves_the_due_list(persona, plane):
    officer = persona("maintenance")
    certify(officer)
    before = next(
        t for t in selectors.due_list(actor=officer, aircraft=plane).tasks if t.task.code == "h100"
    )
    assert before.last_done is None
    order = _raise(officer, plane, note="100-hour inspection")
    assert order.number == f"WO-{today().year}-{order.pk:05d}"
    [item] = order.items.all()
    work_orders.item_sign_off(actor=officer, item=item, day=today())
    closed = work_orders.work_order_close(actor=officer, work_order=order, day=today())
    assert (closed.status, closed.closed_on, closed.closed_hours) == (
        "closed",
        today(),
        plane.hours,
    )
    record = ComplianceRecord.objects.get(aircraft=plane, task=item.task)
    assert (record.done_on, record.reference) == (today(), order.number)
    plane = Aircraft.objects.get(pk=plane.pk)
    after = next(
        t for t in selectors.due_list(actor=officer, aircraft=plane).tasks if t.task.code == "h100"
    )
    assert after.last_done == today()
    assert AuditEntry.objects.filter(action="work_order.close", object_id=str(order.pk)).exists()


def test_an_uncertified_technician_is_refused_and_nothing_is_signed(persona, new_aircraft):
    officer = persona("afg-technician")  # a maintenance officer with no certificate
    plane = new_aircraft(marking="PUBLIC", base=_site())
    order = _raise(officer, plane)
    [item] = order.items.all()
    with pytest.raises(Conflict) as refused:
        work_orders.item_sign_off(actor=officer, item=item, day=today())
    assert refused.value.code == "not_certified"
    item.refresh_from_db()
    assert item.signed_by is None
    assert refusals("not_certified") == 1


def test_a_sign_off_in_the_future_is_refused(persona, plane):
    officer = persona("maintenance")
    certify(officer)
    [item] = _raise(officer, plane).items.all()
    with pytest.raises(ValidationFailed) as refused:
        work_orders.item_sign_off(actor=officer, item=item, day=today() + timedelta(days=1))
    assert refused.value.code == "date_in_future"


def test_closing_unsigned_or_twice_is_refused(persona, plane):
    officer = persona("maintenance")
    certify(officer)
    order = _raise(officer, plane)
    with pytest.raises(Conflict) as unsigned:
        work_orders.work_order_close(actor=officer, work_order=order, day=today())
    assert unsigned.value.code == "tasks_unsigned"
    assert not ComplianceRecord.objects.filter(aircraft=plane).exists()
    [item] = order.items.all()
    work_orders.item_sign_off(actor=officer, item=item, day=today())
    work_orders.work_order_close(actor=officer, work_order=order, day=today())
    order = WorkOrder.objects.get(pk=order.pk)
    with pytest.raises(Conflict) as twice:
        work_orders.work_order_close(actor=officer, work_order=order, day=today())
    assert twice.value.code == "work_order_closed"
    assert ComplianceRecord.objects.filter(aircraft=plane).count() == 1
    assert refusals("work_order_closed") == 1


def test_a_defect_reported_goes_on_one_work_order_and_is_rectified_on_closing(persona, plane):
    officer = persona("maintenance")
    certify(officer)
    defect = work_orders.defect_report(
        actor=officer, aircraft=plane, description="Tail rotor vibration", reported_on=today()
    )
    order = work_orders.work_order_raise(
        actor=officer, aircraft=plane, day=today(), defects=[defect]
    )
    with pytest.raises(Conflict) as taken:
        work_orders.work_order_raise(actor=officer, aircraft=plane, day=today(), defects=[defect])
    assert taken.value.code == "defect_not_open"
    for item in order.items.all():
        work_orders.item_sign_off(actor=officer, item=item, day=today())
    work_orders.work_order_close(actor=officer, work_order=order, day=today())
    defect.refresh_from_db()
    assert defect.status == "rectified"


def test_an_empty_work_order_is_refused(persona, plane):
    with pytest.raises(ValidationFailed) as refused:
        work_orders.work_order_raise(actor=persona("maintenance"), aircraft=plane, day=today())
    assert refused.value.code == "work_order_empty"
    assert not WorkOrder.objects.filter(aircraft=plane).exists()


def test_a_delegation_may_not_raise_a_work_order(persona, plane):
    with pytest.raises(PermissionDenied):
        _raise(persona("delegation-deu"), plane)
    assert not WorkOrder.objects.filter(aircraft=plane).exists()


def test_drawing_takes_from_the_lot_and_never_more_than_it_holds(persona, plane):
    officer = persona("maintenance")
    part = _part()
    lot = parts.stock_receive(
        actor=officer, part=part, site=_site(), lot="L1", quantity=3, day=today()
    )
    order = _raise(officer, plane)
    parts.stock_receive(actor=officer, part=part, site=_site(), lot="L1", quantity=1, day=today())
    work_orders.part_draw(actor=officer, work_order=order, lot=lot, quantity=3, day=today())
    assert StockLot.objects.get(pk=lot.pk).quantity == 1
    with pytest.raises(Conflict) as refused:
        work_orders.part_draw(actor=officer, work_order=order, lot=lot, quantity=2, day=today())
    assert refused.value.code == "out_of_stock"
    assert StockLot.objects.get(pk=lot.pk).quantity == 1
    assert PartDraw.objects.filter(work_order=order).count() == 1
    assert refusals("out_of_stock") == 1


def test_an_expired_lot_is_refused(persona, plane):
    officer = persona("maintenance")
    part = _part(shelf_life_days=10)
    lot = parts.stock_receive(
        actor=officer, part=part, site=_site(), lot="OLD", quantity=5, day=today() - timedelta(20)
    )
    assert lot.expires_on == today() - timedelta(days=10)
    with pytest.raises(Conflict) as refused:
        work_orders.part_draw(
            actor=officer, work_order=_raise(officer, plane), lot=lot, quantity=1, day=today()
        )
    assert refused.value.code == "lot_expired"
    assert StockLot.objects.get(pk=lot.pk).quantity == 5


def test_stock_at_or_below_the_reorder_point_is_flagged(persona):
    officer = persona("maintenance")
    low, enough = _part("P-LOW", reorder_point=2), _part("P-OK", reorder_point=2)
    parts.stock_receive(actor=officer, part=low, site=_site(), lot="A", quantity=2, day=today())
    parts.stock_receive(actor=officer, part=enough, site=_site(), lot="B", quantity=3, day=today())
    levels = {s.part.part_number: s for s in selectors.stock_levels(actor=officer)}
    assert (levels["P-LOW"].usable, levels["P-LOW"].low) == (2, True)
    assert (levels["P-OK"].usable, levels["P-OK"].low) == (3, False)


def _hmtf():
    return TrustFund.objects.get(code="nrc_hmtf")


def _available(fund):
    return funds_selectors.fund_statement(actor=SYSTEM, fund=fund).statement.available


def _order(actor, price_minor, quantity=2):
    return parts.parts_order_place(
        actor=actor,
        site=_site(),
        fund=_hmtf(),
        supplier="Motor Sich",
        lines=[OrderLine(part=_part("P-ORD"), quantity=quantity, unit_price_minor=price_minor)],
        day=today(),
        expected_on=today() + timedelta(days=30),
    )


def test_a_parts_order_commits_then_delivery_posts_it_into_stock(persona):
    officer = persona("maintenance")
    fund = _hmtf()
    before = _available(fund)
    order = _order(officer, 150_000)
    assert order.amount_minor == 300_000
    assert _available(fund) == before - 300_000
    commitment = Commitment.objects.get(pk=order.commitment_id)
    assert commitment.payee == f"Motor Sich, {order.number}: 2 × P-ORD"
    assert "2 × P-ORD" in commitment.note
    delivered = parts.parts_order_deliver(actor=officer, order=order, day=today())
    assert delivered.status == "delivered"
    assert StockLot.objects.get(part__part_number="P-ORD", lot=order.number).quantity == 2
    assert not LedgerPending.objects.filter(transfer_id=commitment.entry_id, remaining__gt=0)
    assert _available(fund) == before - 300_000
    with pytest.raises(Conflict) as again:
        parts.parts_order_deliver(actor=officer, order=delivered, day=today())
    assert again.value.code == "parts_order_not_pending"


def test_cancelling_a_parts_order_voids_its_commitment(persona):
    officer = persona("maintenance")
    fund = _hmtf()
    before = _available(fund)
    order = _order(officer, 100_000)
    parts.parts_order_cancel(actor=officer, order=order, day=today())
    assert PartsOrder.objects.get(pk=order.pk).status == "cancelled"
    assert _available(fund) == before


def test_a_parts_order_beyond_the_available_balance_is_refused_with_nothing_kept(persona):
    officer = persona("maintenance")
    fund = _hmtf()
    before = _available(fund)
    with pytest.raises(Conflict) as refused:
        _order(officer, before + 1, quantity=1)
    assert refused.value.code == "insufficient_funds"
    assert not PartsOrder.objects.filter(supplier="Motor Sich").exists()
    assert _available(fund) == before
    assert refusals("insufficient_funds") >= 1
    assert AuditEntry.objects.filter(outcome="refused", action="parts_order.place").exists()


def test_a_delegation_may_not_order_parts(persona):
    with pytest.raises(PermissionDenied):
        _order(persona("delegation-deu"), 1000)
    assert not PartsOrder.objects.filter(supplier="Motor Sich").exists()


def test_the_demo_step_makes_open_and_closed_orders_low_stock_and_a_delivered_parts_order(
    new_aircraft, monkeypatch
):
    # The matrix's records made the maintenance persona a technician already: sign as another.
    monkeypatch.setattr(demo, "SIGNER", "admin")
    for tail, type_code in (
        ("MI17-02", "mi-17v-5"),
        ("MI17-03", "mi-17v-5"),
        ("MI35-01", "mi-35"),
        ("MI35-03", "mi-35"),
    ):
        plane = new_aircraft(type_code=type_code, note=demo.NOTE)
        Aircraft.objects.filter(pk=plane.pk).update(tail_number=tail)
    said = demo.work_and_parts(SYSTEM, timezone.now())
    assert said.startswith("Fleet: 4 parts in stock")
    assert demo.work_and_parts(SYSTEM, timezone.now()) is None  # once
    orders = WorkOrder.objects.filter(aircraft__note=demo.NOTE)
    statuses = sorted(orders.values_list("aircraft__tail_number", "status"))
    assert statuses == [
        ("MI17-02", "closed"),
        ("MI17-03", "closed"),
        ("MI35-01", "open"),
        ("MI35-03", "open"),
    ]
    levels = selectors.stock_levels(actor=SYSTEM)
    low = [s.part.part_number for s in levels if s.low and s.part.note == demo.NOTE]
    assert low == ["AMG-10"]
    placed = PartsOrder.objects.filter(note__contains="demo")
    # The pending one is ordered for the Mi-35 service request's work (hangars_and_request).
    assert list(placed.values_list("status", flat=True)) == ["delivered"]
    h50 = ComplianceRecord.objects.get(aircraft__tail_number="MI17-02", task__code="h50")
    assert h50.reference == WorkOrder.objects.get(aircraft__tail_number="MI17-02").number
