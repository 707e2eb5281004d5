"""Plans over several months: asked for at once and solved on the worker, stored with their
movements, shown month by month, and shipments that serve a movement counted against the plan
(plan against actual)."""

import datetime as dt
from decimal import Decimal

import pytest

from accord.audit.models import AuditEntry
from accord.errors import ValidationFailed
from accord.jobs.models import TaskRecord
from accord.transit.models import PeriodPlan, Shipment
from accord.transit.network import selectors as network_selectors
from accord.transit.planning import selectors as planning_selectors
from accord.transit.planning import services as planning_services
from accord.transit.shipments import services as shipments_services
from accord.transit.shipments.inputs import ShipmentValues
from tests.jobs import result_page, work_off
from tests.transit.conftest import demand_make

JULY = dt.date(2013, 7, 1)
ROUTE = ["L01", "L02", "L03", "L04"]  # Riga to the Mazar railhead


def _plan(actor, **kw):
    demand_make(actor, "test_riga_mazar_jul", JULY, "riga", "mazar_rail", teu=120)
    return planning_services.period_plan_solve(
        actor=actor, first_month=JULY, months=2, time_limit_seconds=20, **kw
    )


def test_the_page_asks_for_a_plan_the_worker_solves_and_the_task_leads_to_it(client_as, persona):
    demand_make(persona("logistician"), "test_riga_mazar_jul", JULY, "riga", "mazar_rail", teu=120)
    client = client_as("logistician")
    form = {"first_month": "2013-07", "months": "2", "holding_cost": "100", "capacities": ""}
    stored = PeriodPlan.objects.count()
    response = client.post("/transit/plans/periods/", form)
    assert response.status_code == 302
    assert response["Location"].startswith("/tasks/")
    assert PeriodPlan.objects.count() == stored  # nothing solved while the page waited
    assert "2013-07\u20132013-08" in client.get(response["Location"]).content.decode()
    plan_page = result_page(client, response["Location"])
    plan = PeriodPlan.objects.get(pk=plan_page.split("/")[-2])
    assert plan_page == f"/transit/plans/periods/{plan.pk}/"
    assert (plan.first_month, plan.months, plan.demand_teu) == (JULY, 2, 120)
    assert plan.allocations.exists()
    assert client.get(plan_page).status_code == 200
    assert AuditEntry.objects.filter(action="period_plan.request", outcome="done").exists()
    assert AuditEntry.objects.filter(action="period_plan.solve", object_id=str(plan.pk)).exists()


def test_the_api_answers_with_the_task_and_refuses_at_once_what_it_can(
    client_as, logistician, refusals
):
    demand_make(logistician, "test_riga_mazar_jul", JULY, "riga", "mazar_rail", teu=120)
    client = client_as("logistician")
    queued = TaskRecord.objects.count()
    seven = client.post(
        "/api/v1/transit/plans/periods",
        {"first_month": "2013-07", "months": 7},
        content_type="application/json",
    )
    assert (seven.status_code, seven.json()["code"]) == (422, "bad_horizon")
    empty = client.post(
        "/api/v1/transit/plans/periods",
        {"first_month": "2009-01", "months": 1},
        content_type="application/json",
    )
    assert (empty.status_code, empty.json()["code"]) == (422, "no_demand")
    assert refusals("period_plan.request") == 2
    assert TaskRecord.objects.count() == queued
    response = client.post(
        "/api/v1/transit/plans/periods",
        {
            "first_month": "2013-07",
            "months": 1,
            "capacities": [{"month": "2013-07", "code": "L04", "teu": 50}],
        },
        content_type="application/json",
    )
    assert response.status_code == 202, response.content
    task = response.json()
    assert response["Location"] == task["url"]
    assert (task["kind"], task["subject"], task["status"]) == ("period_plan", "2013-07", "READY")
    work_off()
    task = client.get(response["Location"]).json()
    assert task["status"] == "SUCCESSFUL", task
    assert task["progress"] == {"done": 3, "total": 3, "step": "done"}
    body = client.get(task["result"]["api"]).json()
    assert (body["first_month"], body["months"]) == ("2013-07-01", 1)
    assert body["movements"]
    stored = PeriodPlan.objects.get(pk=body["id"]).inputs["months"][0]
    assert stored["leg_capacity"] == {"L04": 50}  # the capacity asked for reached the solve


def _shipment(actor, movement, reference, teu, *, to="mazar_rail", route=ROUTE, **kw):
    return shipments_services.shipment_create(
        actor=actor,
        values=ShipmentValues(
            **kw,
            reference=reference,
            cargo_class="non_lethal",
            direction="to_afghanistan",
            teu=teu,
            tonnes=Decimal(teu * 10),
            origin=network_selectors.node_get(actor=actor, code="riga"),
            destination=network_selectors.node_get(actor=actor, code=to),
            route=route,
            departure=JULY,
            allocation=movement,
        ),
    )


def test_cargo_waits_at_a_transfer_point_when_the_next_months_leg_is_short(logistician):
    # July: the last rail leg into Mazar takes 50 TEU; August it has room again.
    plan = _plan(logistician, capacities=((JULY, "L04", 50),))
    shown = planning_selectors.period_plan_shown(actor=logistician, plan=plan)
    july_into_mazar = sum(r.teu for r in shown["movements"] if r.month == JULY and r.leg == "L04")
    assert july_into_mazar == 50
    waiting = {row["node"]: row["teu"] for row in shown["inventory"]}
    assert sum(teu[0] for teu in waiting.values()) == 70  # carried from July into August
    assert plan.unmet_teu == 0
    assert plan.holding_cost == Decimal("7000.00")
    entry = AuditEntry.objects.get(action="period_plan.solve", object_id=str(plan.pk))
    assert entry.changes["months"] == [None, 2]


def test_a_horizon_of_seven_months_is_refused_and_audited(logistician, refusals):
    stored = PeriodPlan.objects.count()
    with pytest.raises(ValidationFailed) as caught:
        planning_services.period_plan_solve(actor=logistician, first_month=JULY, months=7)
    assert caught.value.code == "bad_horizon"
    assert refusals("period_plan.solve") == 1
    assert PeriodPlan.objects.count() == stored


def test_shipments_serving_the_plan_count_against_it_by_leg_and_month(logistician, client_as):
    plan = _plan(logistician)
    movement = plan.allocations.get(month=JULY, leg="L04", demand="test_riga_mazar_jul")
    _shipment(logistician, movement.pk, "test-p-nato", 30)
    # A shipment of Latvia's own: its planner counts it, a reader from another nation does not.
    latvia = network_selectors.node_get(actor=logistician, code="riga").country
    own = _shipment(logistician, movement.pk, "test-p-lva", 5)
    Shipment.objects.filter(pk=own.pk).update(marking="NATIONAL", owner_nation=latvia)
    with pytest.raises(ValidationFailed) as caught:  # the movement is over a leg not on its route
        _shipment(logistician, movement.pk, "test-p-short", 5, to="hairatan", route=ROUTE[:3])
    assert caught.value.code == "allocation_not_on_route"

    def shipped(persona):
        answer = client_as(persona).get(f"/api/v1/transit/plans/periods/{plan.pk}").json()
        return next(
            (r["planned_teu"], r["shipped_teu"])
            for r in answer["plan_versus_actual"]
            if r["leg"] == "L04" and r["month"] == "2013-07-01"
        )

    assert shipped("logistician") == (120, 35)
    assert shipped("hub-staff") == (120, 30)
    answer = client_as("logistician").get("/api/v1/transit/shipments/test-p-nato").json()
    assert answer["allocation"] == movement.pk
    served = client_as("logistician").get("/transit/shipments/test-p-nato/")
    assert f'href="/transit/plans/periods/{plan.pk}/"'.encode() in served.content
    page = client_as("logistician").get(f"/transit/plans/periods/{plan.pk}/")
    assert page.status_code == 200
    assert b'id="actual"' in page.content
