"""A place's daily throughput (TEU a day at a border crossing or terminal) limits every route
through it in the month's flow plan, solved by the real solver."""

import datetime as dt

from accord.transit.models import TransitNode
from accord.transit.planning import services as planning_services


def test_a_crossings_throughput_limits_the_plan_and_is_shown_with_its_value(client_as, logistician):
    client = client_as("logistician")
    hairatan = TransitNode.objects.get(code="hairatan")
    refused = client.patch(
        "/api/v1/transit/nodes/hairatan",
        {"expected_version": hairatan.version, "capacity_teu_day": "0"},
        content_type="application/json",
    )
    assert refused.status_code == 422
    answer = client.patch(
        "/api/v1/transit/nodes/hairatan",
        {
            "expected_version": hairatan.version,
            "capacity_teu_day": "10",
            "capacity_estimated": True,
        },
        content_type="application/json",
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["capacity_teu_day"] == "10.0"

    plan = planning_services.flow_plan_solve(actor=logistician, month=dt.date(2013, 6, 1))
    use = {u["node"]: u for u in plan.result["node_use"]}
    assert use["hairatan"]["capacity_teu"] == 300  # 10 TEU a day x 30 days of June
    assert use["hairatan"]["used_teu"] <= 300
    assert use["hairatan"]["bottleneck"]
    through = sum(a["teu"] for a in plan.result["allocations"] if "hairatan" in a["nodes"])
    assert through == use["hairatan"]["used_teu"]
    html = client.get(f"/transit/plans/{plan.pk}/").content.decode()
    assert 'id="crossings"' in html
    assert "Hairatan (Friendship Bridge)" in html
    node_page = client.get("/transit/nodes/hairatan/").content.decode()
    assert "Throughput (TEU a day)" in node_page
