"""The create pages of the transit records: a logistician creates through the form (audited,
via the web), bad input is shown on the form and writes nothing, other personas are refused."""

import pytest

from accord.audit.models import AuditEntry
from accord.transit.models import (
    Shipment,
    TransitAgreement,
    TransitDemand,
    TransitLease,
    TransitLeg,
    TransitNode,
)

NODE = {
    "code": "page_node",
    "name": "Page Node",
    "country": "LVA",
    "kinds": "rail_terminal",
    "latitude": "56.90000",
    "longitude": "24.10000",
    "notes": "",
}
LEG = {
    "code": "P01",
    "origin": "riga",
    "destination": "klaipeda",
    "mode": "road",
    "distance_km": "310",
    "days": "1",
    "cost_per_teu": "900",
    "cost_per_tonne": "0",
    "capacity_teu_month": "400",
    "operator": "Page Haulage",
    "two_way": "on",
}
AGREEMENT = {
    "code": "tkm_page-tkm-rail-non_lethal-to_afghanistan",
    "legal_basis": "tkm_overflight",
    "country": "TKM",
    "mode": "rail",
    "cargo_class": "non_lethal",
    "direction": "to_afghanistan",
    "valid_from": "2013-01-01",
    "effect": "permit",
}
LEASE = {
    "code": "page-lease",
    "provider": "Page Rail",
    "mode": "rail",
    "legs": ["L01"],
    "teu_per_sortie": "60",
    "tonnes_per_sortie": "600",
    "cost_per_sortie": "90000",
    "hours_per_sortie": "1",
    "period_start": "2013-01-01",
    "period_end": "2013-12-31",
    "availability": "full_time",
    "notice_days": "0",
    "quota_hours_year": "0",
    "max_sorties_month": "30",
}
DEMAND = {
    "code": "page-demand",
    "month": "2013-07",
    "origin": "riga",
    "destination": "kabul",
    "cargo_class": "non_lethal",
    "direction": "to_afghanistan",
    "teu": "5",
    "tonnes": "50",
}
SHIPMENT = {
    "reference": "page-0001",
    "origin": "riga",
    "destination": "mazar_rail",
    "route": "L01, L02, L03, L04",
    "cargo_class": "non_lethal",
    "direction": "to_afghanistan",
    "teu": "10",
    "tonnes": "100",
    "departure": "2013-07-01",
    "shipper": "USA",
}

# url, form, model, lookup of the new record, audit action, the page it lands on,
# a bad variant and the error the form shows for it.
PAGES = {
    "node": (
        "/transit/nodes/new/",
        NODE,
        TransitNode,
        {"code": "page_node"},
        "transit_node.create",
        "/transit/nodes/page_node/",
        {"country": "XXX"},
        "No such record that you may read.",
    ),
    "leg": (
        "/transit/legs/new/",
        LEG,
        TransitLeg,
        {"code": "P01"},
        "transit_leg.create",
        "/transit/legs/P01/",
        {"capacity_teu_month": "0"},
        "monthly capacity must be a positive number of TEU",
    ),
    "agreement": (
        "/transit/agreements/new/",
        AGREEMENT,
        TransitAgreement,
        {"code": AGREEMENT["code"]},
        "transit_agreement.create",
        f"/transit/agreements/{AGREEMENT['code']}/",
        {"legal_basis": "no_such_basis"},
        "No such record that you may read.",
    ),
    "lease": (
        "/transit/leases/new/",
        LEASE,
        TransitLease,
        {"code": "page-lease"},
        "transit_lease.create",
        "/transit/agreements/",
        {"period_end": "2012-01-01"},
        "period ends first",
    ),
    "demand": (
        "/transit/plans/demands/new/",
        DEMAND,
        TransitDemand,
        {"code": "page-demand"},
        "transit_demand.create",
        "/transit/plans/?month=2013-07",
        {"teu": "0", "tonnes": "0"},
        "a demand needs at least one TEU",
    ),
    "shipment": (
        "/transit/shipments/new/",
        SHIPMENT,
        Shipment,
        {"reference": "page-0001"},
        "shipment.create",
        "/transit/shipments/page-0001/",
        {"route": "L01, L03"},
        "does not start at",
    ),
}


@pytest.mark.parametrize("kind", PAGES)
def test_a_logistician_creates_the_record_on_its_page(client_as, kind):
    url, form, model, lookup, action, landing, _bad, _error = PAGES[kind]
    client = client_as("logistician")
    assert client.get(url).status_code == 200
    response = client.post(url, form)
    assert response.status_code == 302, response.content.decode()[-3000:]
    assert response["Location"] == landing
    obj = model.objects.get(**lookup)
    entry = AuditEntry.objects.get(action=action, outcome="done", object_id=str(obj.pk))
    assert entry.via == "web"
    assert entry.actor_name == "logistician"
    assert client.get(landing).status_code == 200


@pytest.mark.parametrize("kind", PAGES)
def test_bad_input_is_shown_on_the_form_and_nothing_is_written(client_as, kind):
    url, form, model, lookup, action, _landing, bad, error = PAGES[kind]
    before = model.objects.count()
    done = AuditEntry.objects.filter(action=action, outcome="done").count()
    response = client_as("logistician").post(url, {**form, **bad})
    assert response.status_code == 200
    page = response.content.decode()
    assert 'role="alert"' in page
    assert error in page
    assert model.objects.count() == before
    assert not model.objects.filter(**lookup).exists()
    assert AuditEntry.objects.filter(action=action, outcome="done").count() == done


@pytest.mark.parametrize("kind", PAGES)
def test_a_refused_attempt_is_audited(client_as, refusals, kind):
    url, form, _model, _lookup, action, _landing, bad, _error = PAGES[kind]
    before = refusals(action)
    client_as("logistician").post(url, {**form, **bad})
    assert refusals(action) == before + 1


def test_a_leg_from_an_unknown_node_is_a_form_error(client_as):
    response = client_as("logistician").post("/transit/legs/new/", {**LEG, "origin": "atlantis"})
    assert response.status_code == 200
    assert "atlantis" in response.content.decode()
    assert not TransitLeg.objects.filter(code="P01").exists()


def test_a_duplicate_code_is_a_form_error(client_as):
    response = client_as("logistician").post("/transit/nodes/new/", {**NODE, "code": "riga"})
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert TransitNode.objects.filter(code="riga").count() == 1


@pytest.mark.parametrize("kind", PAGES)
@pytest.mark.parametrize("username", ["auditor", "secretariat", "delegation-rus", "hub-staff"])
def test_other_personas_are_refused(client_as, kind, username):
    url, form, model, lookup, _action, _landing, _bad, _error = PAGES[kind]
    client = client_as(username)
    assert client.get(url).status_code == 403
    assert client.post(url, form).status_code == 403
    assert not model.objects.filter(**lookup).exists()


@pytest.mark.parametrize("kind", PAGES)
def test_anonymous_callers_are_asked_to_sign_in(client_as, kind):
    response = client_as(None).get(PAGES[kind][0])
    assert response.status_code == 302
    assert "login" in response["Location"]


@pytest.mark.parametrize(
    ("page", "buttons"),
    [
        ("/transit/", ["/transit/nodes/new/", "/transit/legs/new/"]),
        ("/transit/agreements/", ["/transit/agreements/new/", "/transit/leases/new/"]),
        ("/transit/plans/", ["/transit/plans/demands/new/"]),
        ("/transit/shipments/", ["/transit/shipments/new/"]),
    ],
)
def test_the_new_buttons_show_only_to_those_who_may_create(client_as, page, buttons):
    for username, shown in (("logistician", True), ("admin", True), ("auditor", False)):
        content = client_as(username).get(page).content.decode()
        for button in buttons:
            assert (f'href="{button}"' in content) is shown, (username, button)


HTMX = {"HX-Request": "true"}
VALIDATE = {**HTMX, "X-Accord-Validate": "1"}


def test_htmx_validation_of_a_create_form_returns_only_the_errors(client_as):
    typing = {k: v for k, v in LEG.items() if k != "mode"}
    response = client_as("logistician").post(
        "/transit/legs/new/", {**typing, "distance_km": "far"}, headers=VALIDATE
    )
    assert response.status_code == 200
    # Only the error slots come back, swapped out of band: what the user types is kept.
    assert "<form" not in response.text
    assert 'id="errors-distance_km" hx-swap-oob="true"><p class="error"' in response.text
    # A field not filled in yet is not called missing while the user types.
    assert 'id="errors-mode" hx-swap-oob="true"></div>' in response.text
    assert not TransitLeg.objects.filter(code="P01").exists()


def test_a_service_refusal_under_htmx_comes_back_in_the_form(client_as):
    response = client_as("logistician").post(
        "/transit/legs/new/", {**LEG, "capacity_teu_month": "0"}, headers=HTMX
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith("<form")
    assert "monthly capacity must be a positive number of TEU" in response.text
    assert not TransitLeg.objects.filter(code="P01").exists()


def test_a_successful_htmx_create_answers_with_hx_redirect(client_as):
    response = client_as("logistician").post("/transit/nodes/new/", NODE, headers=HTMX)
    assert response.status_code == 200
    assert response["HX-Redirect"] == "/transit/nodes/page_node/"
    assert TransitNode.objects.filter(code="page_node").exists()


def test_htmx_validation_of_an_edit_form_saves_nothing(client_as):
    leg = TransitLeg.objects.get(code="L01")
    form = {
        "days": "2.5",
        "cost_per_teu": str(leg.cost_per_teu),
        "cost_per_tonne": str(leg.cost_per_tonne),
        "capacity_teu_month": str(leg.capacity_teu_month),
        "operator": leg.operator,
        "expected_version": str(leg.version),
    }
    response = client_as("logistician").post("/transit/legs/L01/edit/", form, headers=VALIDATE)
    assert response.status_code == 200
    assert "<form" not in response.text
    assert 'class="error"' not in response.text
    assert TransitLeg.objects.get(code="L01").version == leg.version
