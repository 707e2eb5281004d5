"""The monthly flow plan: allocations within capacities, unmet demand, utilisation, leases."""

import datetime as dt

import pytest

from accord.errors import PermissionDenied, ValidationFailed
from accord.transit.models import FlowPlan, TransitLeg
from accord.transit.network import selectors as network_selectors
from accord.transit.planning import selectors as planning_selectors
from accord.transit.planning import services as planning_services
from accord.transit.planning.inputs import DemandValues
from tests.jobs import result_page, work_off
from tests.transit.conftest import demand_make

JUNE = dt.date(2013, 6, 1)


def test_the_month_is_planned_within_every_legs_capacity(logistician):
    plan = planning_services.flow_plan_solve(actor=logistician, month=JUNE)
    assert plan.status in {"optimal", "feasible"}
    assert plan.demand_teu == sum(
        d.teu for d in planning_selectors.demand_list(actor=logistician, month=JUNE)
    )
    planned = sum(a["teu"] for a in plan.result["allocations"])
    assert planned + plan.unmet_teu == plan.demand_teu
    capacity = dict(TransitLeg.objects.values_list("code", "capacity_teu_month"))
    for use in plan.result["arc_use"]:
        leg = use["arc"].removesuffix("/r")
        leased = sum(
            n * 8
            for lease in plan.result["lease_use"]
            for arc, n in lease["sorties"]
            if arc == use["arc"]
        )
        assert use["used_teu"] <= capacity[leg] + leased
    # Lethal cargo to Kabul can only fly: it goes by L22, partly on the SALIS leases.
    lethal = [a for a in plan.result["allocations"] if a["demand"] == "riga_kabul_lethal"]
    assert lethal
    assert all(a["arcs"] == ["L22"] for a in lethal)
    assert plan.objective >= plan.lp_bound - 1e-6


def test_a_month_of_closed_ground_lines_still_gets_a_plan_with_the_unmet_part(logistician):
    march_2012 = dt.date(2012, 3, 1)  # Pakistan's ground lines closed since November 2011
    # Karachi to Kabul goes by road through Pakistan (the June 2013 plan carries it so).
    stranded = demand_make(
        logistician, "test_karachi_kabul", march_2012, "karachi", "kabul", teu=75
    )
    plan = planning_services.flow_plan_solve(actor=logistician, month=march_2012)
    unmet = {u["demand"]: u for u in plan.result["unmet"]}
    assert unmet[stranded.code]["teu"] == 75
    assert not [a for a in plan.result["allocations"] if a["demand"] == stranded.code]
    assert plan.unmet_teu == sum(u["teu"] for u in plan.result["unmet"])


def test_a_stored_plan_draws_down_the_lease_quota_of_later_months(logistician):
    first = planning_services.flow_plan_solve(actor=logistician, month=JUNE)
    hours = sum(use["hours"] for use in first.result["lease_use"])
    assert hours > 0
    used = planning_selectors.lease_hours_used(
        actor=logistician, year=2013, before_month=dt.date(2013, 7, 1)
    )
    assert used["salis"] == pytest.approx(hours)
    # Solving June again replaces June's draw rather than adding to it.
    planning_services.flow_plan_solve(actor=logistician, month=JUNE)
    again = planning_selectors.lease_hours_used(
        actor=logistician, year=2013, before_month=dt.date(2013, 7, 1)
    )
    assert again["salis"] == pytest.approx(hours)


def test_a_month_without_demand_is_refused(logistician, refusals):
    before = refusals("flow_plan.solve")
    with pytest.raises(ValidationFailed) as caught:
        planning_services.flow_plan_solve(actor=logistician, month=dt.date(2009, 1, 1))
    assert caught.value.code == "no_demand"
    assert refusals("flow_plan.solve") == before + 1
    assert not FlowPlan.objects.filter(month=dt.date(2009, 1, 1)).exists()


def test_only_logisticians_run_the_plan(persona):
    with pytest.raises(PermissionDenied):
        planning_services.flow_plan_solve(actor=persona("hub-staff"), month=JUNE)


def test_the_plan_pages_show_unmet_demand_utilisation_and_capacity_values(client_as):
    client = client_as("logistician")
    response = client.post("/transit/plans/", {"month": "2012-03", "days_weight": "0"})
    assert response.status_code == 302
    assert response["Location"].startswith("/tasks/")
    waiting = client.get(response["Location"]).content.decode()
    assert "Waiting for a worker" in waiting
    assert 'hx-trigger="every 1s"' in waiting
    plan_page = result_page(client, response["Location"])
    page = client.get(plan_page).content.decode()
    assert "gloc_karachi_kabul" in page
    assert "Value of one more TEU" in page
    geo = client.get("/transit/map/network.geojson?plan=" + plan_page.split("/")[-2])
    legs = [f for f in geo.json()["features"] if f["properties"]["type"] == "leg"]
    assert any("utilisation" in f["properties"] for f in legs)


def test_the_api_solves_a_plan_in_the_background_and_the_task_leads_to_it(client_as):
    client = client_as("logistician")
    response = client.post(
        "/api/v1/transit/plans", {"month": "2013-06"}, content_type="application/json"
    )
    assert response.status_code == 202, response.content
    task = response.json()
    assert response["Location"] == task["url"] == f"/api/v1/tasks/{task['id']}"
    assert (task["kind"], task["subject"], task["status"]) == ("flow_plan", "2013-06", "READY")
    assert task["result"] is None
    work_off()
    task = client.get(response["Location"]).json()
    assert task["status"] == "SUCCESSFUL", task
    assert task["progress"] == {"done": 4, "total": 4, "step": "done"}
    body = client.get(task["result"]["api"]).json()
    assert body["month"] == "2013-06-01"
    assert {"allocations", "unmet", "arc_use", "lease_use"} <= set(body["result"])
    bad = client_as("logistician").post(
        "/api/v1/transit/plans", {"month": "June"}, content_type="application/json"
    )
    assert bad.status_code == 422


def test_a_demand_with_a_cargo_class_no_agreement_knows_is_refused(logistician):
    riga = network_selectors.node_get(actor=logistician, code="riga")
    kabul = network_selectors.node_get(actor=logistician, code="kabul")
    with pytest.raises(ValidationFailed) as caught:
        planning_services.demand_create(
            actor=logistician,
            values=DemandValues(
                code="odd",
                month=JUNE,
                origin=riga,
                destination=kabul,
                cargo_class="radioactive",
                direction="to_afghanistan",
                teu=1,
                tonnes=10,
            ),
        )
    assert caught.value.code == "unknown_cargo_class"


def test_the_charts_show_throughput_per_route_and_cost_per_teu(client_as, logistician):
    plan = planning_services.flow_plan_solve(actor=logistician, month=JUNE)
    route_of = dict(TransitLeg.objects.values_list("code", "route"))
    pak_north = sum(
        a["teu"]
        for a in plan.result["allocations"]
        if a["arcs"] and route_of[a["arcs"][0].removesuffix("/r")] == "pak_north"
    )
    assert pak_north > 0  # Karachi-Torkham-Kabul carried some of the Kabul demand
    page = client_as("hub-staff").get("/transit/charts/").content.decode()
    assert "pak_north" in page
    assert f"{pak_north:,.0f}" in page  # the route's June total, summed from the plan
    assert "L22 riga–kabul" in page
    assert page.count("<svg") >= 2


def test_the_demo_solves_june_2013_once(db):
    from accord.access import system_principal
    from accord.transit.demo import june_2013_plan

    actor = system_principal("demo")
    FlowPlan.objects.filter(month=JUNE).delete()  # the access matrices' own plan, solved earlier
    said = june_2013_plan(actor, None)
    assert "June 2013" in said
    assert june_2013_plan(actor, None) is None
    assert FlowPlan.objects.filter(month=JUNE).count() == 1
