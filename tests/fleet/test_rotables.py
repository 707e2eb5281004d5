"""Rotables by serial through repair: removed unserviceable, sent to a shop with the cost committed
from the HMTF, back serviceable into stock (overhauled: hours since overhaul from zero), installable
again; each step in the component's history; bad steps refused in words, audited, nothing kept."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from accord.access import system_principal
from accord.audit.models import AuditEntry
from accord.core.models import Site
from accord.errors import Conflict
from accord.fleet import rotables, services
from accord.fleet.models import Component
from accord.funds import selectors as funds_selectors
from accord.funds.models import TrustFund

pytestmark = pytest.mark.django_db
D = Decimal
API = "/api/v1/fleet"


def _hmtf():
    return TrustFund.objects.get(code="nrc_hmtf")


def _available(fund):
    statement = funds_selectors.fund_statement(actor=system_principal("tests"), fund=fund)
    return statement.statement.available


def refusals(code):
    return AuditEntry.objects.filter(outcome="refused", error_code=code).count()


@pytest.fixture
def fitted(persona, new_aircraft, new_component):
    """An engine with 300 hours since overhaul on an aircraft based at TAAC-Air, fitted today."""
    officer = persona("maintenance")
    plane = new_aircraft()
    plane.base = Site.objects.get(code="taac_air")
    plane.save(update_fields=["base"])
    engine = new_component(hours=D(900), hours_since_overhaul=D(300), overhaul_hours=D(1500))
    day = timezone.localdate() - timedelta(days=10)
    services.component_install(
        actor=officer, component=engine, aircraft=plane, position="engine 1", day=day
    )
    return officer, plane, engine, day


def test_a_rotable_goes_through_repair_and_is_installable_again(fitted):
    officer, plane, engine, day = fitted
    services.component_remove(actor=officer, component=engine, day=day + timedelta(days=1))
    engine.refresh_from_db()
    assert (engine.condition, engine.site.code) == ("unserviceable", "taac_air")
    with pytest.raises(Conflict) as refused:
        services.component_install(
            actor=officer, component=engine, aircraft=plane, position="engine 2", day=day
        )
    assert refused.value.code == "component_unserviceable"
    assert "unserviceable" in refused.value.detail
    fund = _hmtf()
    before = _available(fund)
    order = rotables.repair_send(
        actor=officer,
        component=engine,
        shop="Motor Sich",
        fund=fund,
        amount_minor=2_500_000,
        day=day + timedelta(days=2),
        expected_on=day + timedelta(days=60),
        work="Overhaul",
    )
    assert order.number.startswith("RO-")
    assert order.commitment is not None
    assert _available(fund) == before - 2_500_000
    engine.refresh_from_db()
    assert engine.condition == "in_repair"
    count = refusals("component_in_repair")
    with pytest.raises(Conflict) as twice:
        rotables.repair_send(
            actor=officer, component=engine, shop="Other", fund=fund, amount_minor=1, day=day
        )
    assert twice.value.code == "component_in_repair"
    assert refusals("component_in_repair") == count + 1
    back = rotables.repair_return(
        actor=officer,
        order=order,
        day=day + timedelta(days=8),
        site=Site.objects.get(code="taac_south"),
        overhauled=True,
    )
    assert (back.status, back.overhauled) == ("returned", True)
    assert _available(fund) == before - 2_500_000  # the commitment is posted, not released
    engine.refresh_from_db()
    assert (engine.condition, engine.site.code) == ("serviceable", "taac_south")
    assert engine.hours_since_overhaul == 0
    assert engine.hours > D(900) - 1
    services.component_install(
        actor=officer, component=engine, aircraft=plane, position="engine 1", day=back.returned_on
    )
    steps = list(
        AuditEntry.objects.filter(
            object_id=str(engine.pk), object_type="fleet.component", outcome="done"
        )
        .order_by("pk")
        .values_list("action", flat=True)
    )
    assert steps[-3:] == ["component.remove", "repair_order.send", "repair_order.return"]


def test_bad_repair_steps_are_refused_in_words_and_audited(fitted):
    officer, _plane, engine, day = fitted
    fund = _hmtf()
    with pytest.raises(Conflict) as installed:
        rotables.repair_send(
            actor=officer, component=engine, shop="Shop", fund=fund, amount_minor=100, day=day
        )
    assert installed.value.code == "component_installed"
    assert "remove it before sending it to repair" in installed.value.detail
    services.component_remove(actor=officer, component=engine, day=day)
    before = _available(fund)
    order = rotables.repair_send(
        actor=officer, component=engine, shop="Shop", fund=fund, amount_minor=100, day=day
    )
    rotables.repair_cancel(actor=officer, order=order, day=day, reason="Shop closed")
    assert _available(fund) == before  # voided
    assert Component.objects.get(pk=engine.pk).condition == "unserviceable"
    count = refusals("repair_not_open")
    with pytest.raises(Conflict) as not_open:
        rotables.repair_return(
            actor=officer, order=order, day=day, site=Site.objects.get(code="taac_air")
        )
    assert not_open.value.code == "repair_not_open"
    assert refusals("repair_not_open") == count + 1
    assert Component.objects.get(pk=engine.pk).condition == "unserviceable"


def test_the_repair_pages_and_api_round_trip(fitted, client_as):
    _officer, _plane, engine, day = fitted
    client = client_as("maintenance")
    removed = client.post(
        f"/fleet/components/{engine.serial}/remove/", {"day": day.isoformat(), "site": ""}
    )
    assert removed.status_code == 302
    page = client.get(f"/fleet/components/{engine.serial}/")
    assert b"repair-send" in page.content
    assert b"install-form" not in page.content
    sent = client.post(
        f"/fleet/components/{engine.serial}/repair/",
        {
            "shop": "Motor Sich",
            "fund": "nrc_hmtf",
            "amount": "1500",
            "sent_on": day.isoformat(),
            "work": "Overhaul",
        },
    )
    assert sent.status_code == 302, sent.content
    number = Component.objects.get(pk=engine.pk).repairs.get().number
    listed = client.get("/fleet/repairs/?status=in_repair")
    assert number.encode() in listed.content
    api = client.get(f"{API}/repair-orders/{number}").json()
    assert (api["component"], api["status"], api["fund"]) == (
        engine.serial,
        "in_repair",
        "nrc_hmtf",
    )
    back = client.post(
        f"{API}/repair-orders/{number}/return",
        {"day": day.isoformat(), "site": "taac_air", "overhauled": False},
        content_type="application/json",
    )
    assert back.json()["status"] == "returned"
    again = client.post(
        f"{API}/repair-orders/{number}/return",
        {"day": day.isoformat(), "site": "taac_air"},
        content_type="application/json",
    )
    assert (again.status_code, again.json()["code"]) == (409, "repair_not_open")
    component = client.get(f"{API}/components/{engine.serial}").json()
    assert (component["condition"], component["site"]) == ("serviceable", "taac_air")
