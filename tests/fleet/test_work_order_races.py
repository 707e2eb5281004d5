"""On PostgreSQL: draws at once from a lot holding fewer than they ask for, and closings at once
of one work order. The lot never goes below zero, and the order is closed (and its compliance
recorded) once."""

import threading

import pytest
from django.db import connection, connections
from django.utils import timezone

from accord.access import system_principal
from accord.errors import Conflict
from accord.fleet import parts, work_orders
from accord.fleet.inputs import PartValues
from accord.fleet.models import (
    Aircraft,
    ComplianceRecord,
    MaintenanceTask,
    PartDraw,
    StockLot,
    WorkOrder,
)
from tests.fleet.conftest import certify

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

N = 6
SYSTEM = system_principal("tests")


def _at_once(work) -> list[Exception]:
    barrier = threading.Barrier(N)
    errors = []

    def run(i):
        try:
            barrier.wait()
            work(i)
        except Exception as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(N)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return errors


def _order(new_aircraft):
    kabul = Aircraft._meta.get_field("base").related_model.objects.get(code="taac_air")
    plane = new_aircraft(base=kabul)
    task = MaintenanceTask.objects.get(aircraft_type=plane.aircraft_type, code="h100")
    order = work_orders.work_order_raise(
        actor=SYSTEM, aircraft=plane, day=timezone.localdate(), tasks=[task]
    )
    return kabul, order


def test_draws_at_once_never_take_more_than_the_lot_holds(mission, new_aircraft):
    assert connection.vendor == "postgresql"
    kabul, order = _order(new_aircraft)
    part = parts.part_create(actor=SYSTEM, values=PartValues(part_number="RACE-1", name="Seal"))
    lot = parts.stock_receive(
        actor=SYSTEM, part=part, site=kabul, lot="R1", quantity=4, day=timezone.localdate()
    )
    errors = _at_once(
        lambda i: work_orders.part_draw(
            actor=SYSTEM, work_order=order, lot=lot, quantity=2, day=timezone.localdate()
        )
    )
    assert len(errors) == N - 2
    assert {e.code for e in errors if isinstance(e, Conflict)} == {"out_of_stock"}
    assert StockLot.objects.get(pk=lot.pk).quantity == 0
    assert PartDraw.objects.filter(work_order=order).count() == 2


def test_closings_at_once_close_the_order_once(mission, new_aircraft, persona):
    assert connection.vendor == "postgresql"
    officer = persona("maintenance")
    certify(officer)
    _kabul, order = _order(new_aircraft)
    for item in order.items.all():
        work_orders.item_sign_off(actor=officer, item=item, day=timezone.localdate())
    errors = _at_once(
        lambda i: work_orders.work_order_close(
            actor=officer, work_order=WorkOrder.objects.get(pk=order.pk), day=timezone.localdate()
        )
    )
    assert len(errors) == N - 1
    assert {e.code for e in errors if isinstance(e, Conflict)} == {"work_order_closed"}
    assert ComplianceRecord.objects.filter(reference=order.number).count() == 1
