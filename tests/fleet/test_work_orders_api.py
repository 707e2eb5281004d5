"""The work-order and parts API through the mounted router: a 100-hour inspection raised,
a part drawn, signed off by a certified technician (an uncertified one refused), closed; a parts
order placed against the HMTF and delivered into stock; errors as problem+json with their codes."""

import pytest
from django.utils import timezone

from accord.fleet.models import Aircraft
from tests.fleet.conftest import certify

pytestmark = pytest.mark.django_db
API = "/api/v1/fleet"


def _post(client, path, data):
    return client.post(f"{API}{path}", data, content_type="application/json")


@pytest.fixture
def officer(client_as, persona):
    certify(persona("maintenance"))
    return client_as("maintenance")


def test_a_work_order_from_raising_to_closing(officer, client_as, new_aircraft):
    today = timezone.localdate().isoformat()
    plane = new_aircraft(marking="PUBLIC")
    site = Aircraft._meta.get_field("base").related_model.objects.get(code="taac_air")
    Aircraft.objects.filter(pk=plane.pk).update(base=site)
    assert _post(officer, "/parts", {"part_number": "P-API", "name": "Filter"}).status_code == 201
    receipt = {"part": "P-API", "site": "taac_air", "lot": "L-9", "quantity": 4, "day": today}
    assert _post(officer, "/stock", receipt).status_code == 201
    raised = _post(
        officer,
        "/work-orders",
        {"aircraft": plane.tail_number, "tasks": ["h100"], "raised_on": today},
    )
    assert raised.status_code == 201, raised.json()
    order = raised.json()
    number, [item] = order["number"], order["items"]
    assert (item["task"], item["signed_by"]) == ("h100", None)
    too_many = {"part": "P-API", "lot": "L-9", "quantity": 5, "day": today}
    refused = _post(officer, f"/work-orders/{number}/draws", too_many)
    assert (refused.status_code, refused.json()["code"]) == (409, "out_of_stock")
    drawn = _post(officer, f"/work-orders/{number}/draws", {**too_many, "quantity": 1})
    assert drawn.json() == {"part": "P-API", "lot": "L-9", "quantity": 1, "drawn_on": today}
    unsigned = _post(officer, f"/work-orders/{number}/close", {"day": today})
    assert (unsigned.status_code, unsigned.json()["code"]) == (409, "tasks_unsigned")
    other = client_as("afg-technician")  # a maintenance officer, not certified
    uncertified = _post(other, f"/work-orders/{number}/items/{item['id']}/sign-off", {"day": today})
    assert (uncertified.status_code, uncertified.json()["code"]) == (409, "not_certified")
    signed = _post(officer, f"/work-orders/{number}/items/{item['id']}/sign-off", {"day": today})
    assert signed.json()["signed_by"] == "maintenance"
    closed = _post(officer, f"/work-orders/{number}/close", {"day": today})
    assert (closed.json()["status"], closed.json()["closed_on"]) == ("closed", today)
    twice = _post(officer, f"/work-orders/{number}/close", {"day": today})
    assert (twice.status_code, twice.json()["code"]) == (409, "work_order_closed")
    due = officer.get(f"{API}/aircraft/{plane.tail_number}/due").json()
    assert next(t for t in due["tasks"] if t["task"] == "h100")["last_done"] == today
    listed = officer.get(f"{API}/work-orders?status=closed").json()["items"]
    assert number in [o["number"] for o in listed]


def test_a_parts_order_is_committed_then_delivered(officer, client_as):
    today = timezone.localdate().isoformat()
    _post(officer, "/parts", {"part_number": "P-ORDER", "name": "Seal kit", "shelf_life_days": 365})
    placed = _post(
        officer,
        "/parts-orders",
        {
            "site": "taac_air",
            "fund": "nrc_hmtf",
            "supplier": "Motor Sich",
            "lines": [{"part": "P-ORDER", "quantity": 3, "unit_price_minor": 12_000}],
            "ordered_on": today,
        },
    )
    assert placed.status_code == 201, placed.json()
    order = placed.json()
    assert (order["status"], order["amount_minor"], order["fund"]) == (
        "pending",
        36_000,
        "nrc_hmtf",
    )
    statement = client_as("fund-manager").get("/funds/nrc_hmtf/").content.decode()
    assert f"Motor Sich, {order['number']}: 3 × P-ORDER" in statement  # what the fleet bought
    delivered = _post(officer, f"/parts-orders/{order['number']}/deliver", {"day": today})
    assert delivered.json()["status"] == "delivered"
    stock = officer.get(f"{API}/stock?part=P-ORDER").json()["items"]
    assert [(lot["lot"], lot["quantity"]) for lot in stock] == [(order["number"], 3)]
    cancelled = _post(officer, f"/parts-orders/{order['number']}/cancel", {"day": today})
    assert (cancelled.status_code, cancelled.json()["code"]) == (409, "parts_order_not_pending")
    refused = client_as("delegation-deu").post(
        f"{API}/parts-orders/{order['number']}/cancel",
        {"day": today},
        content_type="application/json",
    )
    assert refused.status_code == 403
