"""Editing the network and the agreements: access, bad input, concurrency, history."""

import datetime as dt
from dataclasses import replace
from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction
from hypothesis import given
from hypothesis import strategies as st

from accord.audit.models import AuditEntry
from accord.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from accord.transit.agreements import selectors as agreements_selectors
from accord.transit.agreements import services as agreements_services
from accord.transit.agreements.inputs import AgreementValues
from accord.transit.models import TransitAgreement, TransitLeg, TransitNode
from accord.transit.network import selectors as network_selectors
from accord.transit.network import services as network_services
from accord.transit.network.inputs import LegValues


def _leg_values(**overrides) -> LegValues:
    return LegValues(
        **{
            "code": "X01",
            "origin": TransitNode.objects.get(code="riga"),
            "destination": TransitNode.objects.get(code="klaipeda"),
            "mode": "road",
            "distance_km": Decimal("310"),
            "days": Decimal("1"),
            "cost_per_teu": 900,
            "capacity_teu_month": 400,
            **overrides,
        }
    )


def test_a_logistician_adds_a_leg_with_its_endpoints_countries(logistician):
    leg = network_services.leg_create(actor=logistician, values=_leg_values())
    assert leg.countries == ["LVA", "LTU"]
    assert AuditEntry.objects.filter(action="transit_leg.create", object_id=str(leg.pk)).exists()


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"capacity_teu_month": 0}, "bad_capacity"),
        ({"capacity_teu_month": -5}, "bad_capacity"),
        ({"cost_per_teu": 0}, "bad_cost"),
        ({"cost_per_teu": -10}, "bad_cost"),
        ({"mode": "teleport"}, "unknown_mode"),
        ({"days": Decimal("0")}, "bad_days"),
    ],
)
def test_bad_legs_are_refused_whole_with_stable_codes(logistician, refusals, overrides, code):
    before = refusals("transit_leg.create")
    with pytest.raises(ValidationFailed) as caught:
        network_services.leg_create(actor=logistician, values=_leg_values(**overrides))
    assert caught.value.code == code
    assert not TransitLeg.objects.filter(code="X01").exists()
    assert refusals("transit_leg.create") == before + 1


def test_the_database_itself_refuses_a_leg_without_capacity(db):
    leg = TransitLeg.objects.get(code="L01")
    with pytest.raises(IntegrityError), transaction.atomic():
        TransitLeg.objects.filter(pk=leg.pk).update(capacity_teu_month=0)


def test_editing_a_leg_checks_the_version_and_keeps_history(logistician):
    leg = network_selectors.leg_get(actor=logistician, code="L01")
    read = leg.version
    updated = network_services.leg_update(
        actor=logistician,
        leg=leg,
        values=LegValues(capacity_teu_month=2500, operator="RZD"),
        expected_version=read,
    )
    assert updated.capacity_teu_month == 2500
    assert updated.version == read + 1
    late = network_selectors.leg_get(actor=logistician, code="L01")
    with pytest.raises(Conflict) as caught:
        network_services.leg_update(
            actor=logistician, leg=late, values=LegValues(operator="late"), expected_version=read
        )
    assert caught.value.code == "stale_version"
    assert TransitLeg.objects.get(code="L01").operator == "RZD"
    entry = AuditEntry.objects.filter(action="transit_leg.update", outcome="done").latest("id")
    assert entry.changes["capacity_teu_month"][1] == 2500


def test_an_edit_to_zero_capacity_changes_nothing(logistician):
    leg = network_selectors.leg_get(actor=logistician, code="L02")
    with pytest.raises(ValidationFailed) as caught:
        network_services.leg_update(
            actor=logistician,
            leg=leg,
            values=LegValues(capacity_teu_month=0),
            expected_version=leg.version,
        )
    assert caught.value.code == "bad_capacity"
    assert TransitLeg.objects.get(code="L02").capacity_teu_month == leg.capacity_teu_month


def test_hub_staff_read_the_network_but_do_not_change_it(persona):
    hub = persona("hub-staff")
    leg = network_selectors.leg_get(actor=hub, code="L01")
    with pytest.raises(PermissionDenied):
        network_services.leg_update(
            actor=hub, leg=leg, values=LegValues(operator="x"), expected_version=1
        )


def test_the_russian_delegation_never_sees_nato_marked_agreements(persona):
    russian = persona("delegation-rus")
    visible = agreements_selectors.agreement_list(actor=russian)
    assert visible.exists()
    assert set(visible.values_list("marking", flat=True)) <= {"NRC", "PUBLIC"}
    with pytest.raises(NotFound):
        agreements_selectors.agreement_get(
            actor=russian, code="uzb_transit-uzb-rail-non_lethal-to_afghanistan"
        )


def test_an_agreement_needs_its_legal_basis_and_a_known_cargo_class(logistician):
    base = AgreementValues(
        code="tkm_test-tkm-rail-non_lethal-to_afghanistan",
        country=TransitNode.objects.get(code="ashgabat").country,
        mode="rail",
        cargo_class="non_lethal",
        direction="to_afghanistan",
        valid_from=dt.date(2013, 1, 1),
    )
    with pytest.raises(ValidationFailed) as caught:
        agreements_services.agreement_create(actor=logistician, values=base)
    assert caught.value.code == "legal_basis_missing"
    basis = agreements_selectors.legal_basis_get(actor=logistician, code="tkm_overflight")
    with pytest.raises(ValidationFailed) as caught:
        agreements_services.agreement_create(
            actor=logistician,
            values=replace(base, legal_basis=basis, cargo_class="plutonium"),
        )
    assert caught.value.code == "unknown_cargo_class"
    created = agreements_services.agreement_create(
        actor=logistician, values=replace(base, legal_basis=basis)
    )
    assert created.marking == "NATO"
    assert created.group == created.code[:60]


def test_api_refuses_a_leg_with_negative_capacity(client_as, refusals):
    payload = {
        "code": "X02",
        "origin": "riga",
        "destination": "klaipeda",
        "mode": "road",
        "distance_km": "310",
        "days": "1",
        "cost_per_teu": 900,
        "capacity_teu_month": -1,
    }
    response = client_as("logistician").post(
        "/api/v1/transit/legs", payload, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["code"] == "bad_capacity"
    before = refusals("transit_leg.create")
    response = client_as("logistician").post(
        "/api/v1/transit/legs",
        {**payload, "capacity_teu_month": 5, "origin": "nowhere"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["code"] == "unknown_node"
    assert refusals("transit_leg.create") == before + 1
    assert not TransitLeg.objects.filter(code="X02").exists()


class _Row:
    """A stand-in agreement row for the regrouping invariant (no database needed)."""

    def __init__(self, n, country, mode, cargo, direction, group):
        self.code = f"r{n}"
        self.group = group
        self.country_iso3 = country
        self.mode, self.cargo_class, self.direction = mode, cargo, direction
        self.effect = "permit"
        self.valid_from, self.valid_to = dt.date(2010, 1, 1), None
        self.cap_amount = self.cap_unit = self.tonnes_per_flight = None
        self.parties = []
        self.legal_basis_id = None
        self.note = ""
        self.estimated = False


SCOPES = st.tuples(
    st.sampled_from(["RUS", "KAZ", "UZB"]),
    st.sampled_from(["rail", "road", "air"]),
    st.sampled_from(["non_lethal", "lethal", "dual_use"]),
    st.sampled_from(["to_afghanistan", "retrograde"]),
)


@given(st.lists(st.tuples(SCOPES, st.sampled_from(["g1", "g2"])), max_size=20, unique=True))
def test_regrouped_agreements_cover_exactly_the_rows_scopes(rows):
    made = [_Row(n, *scope, group) for n, (scope, group) in enumerate(rows)]
    agreements = agreements_selectors.engine_agreements(made)
    covered = {
        (c, m, k, d)
        for a in agreements
        for c in a.countries
        for m in a.modes
        for k in a.cargo_classes
        for d in a.directions
    }
    assert covered == {scope for scope, _ in rows}
    assert len({a.code for a in agreements}) == len(agreements)


def test_agreement_codes_stay_unique_in_the_database(db):
    row = TransitAgreement.objects.first()
    with pytest.raises(IntegrityError), transaction.atomic():
        TransitAgreement.objects.create(
            code=row.code,
            group=row.group,
            country=row.country,
            mode=row.mode,
            cargo_class=row.cargo_class,
            direction=row.direction,
            valid_from=row.valid_from,
        )


def test_a_logistician_records_a_closure_on_the_page_and_shipments_are_flagged(client_as):
    client = client_as("logistician")
    response = client.post(
        "/transit/closures/new/",
        {
            "code": "saryagash_snow",
            "target_kind": "node",
            "node": "saryagash",
            "start": "2013-06-01",
            "end": "2013-06-30",
            "reason": "snow",
        },
    )
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "saryagash_snow" in page
    assert "1 shipment(s) flagged" in page


def test_a_closure_without_its_target_is_a_form_error(client_as):
    response = client_as("logistician").post(
        "/transit/closures/new/",
        {"code": "nothing", "target_kind": "leg", "start": "2013-06-01"},
    )
    assert response.status_code == 200
    assert "Name what is closed" in response.content.decode()


def test_editing_an_agreement_on_its_page_refuses_a_stale_version(client_as, logistician):
    row = agreements_selectors.agreement_get(
        actor=logistician, code="uzb_transit-uzb-rail-non_lethal-to_afghanistan"
    )
    client = client_as("logistician")
    form = {
        "valid_from": row.valid_from.isoformat(),
        "valid_to": "2014-12-31",
        "effect": "permit",
        "cap_unit": "",
        "note": "",
    }
    ok = client.post(
        f"/transit/agreements/{row.code}/edit/", {**form, "expected_version": row.version}
    )
    assert ok.status_code == 302
    stale = client.post(
        f"/transit/agreements/{row.code}/edit/", {**form, "expected_version": row.version}
    )
    assert stale.status_code == 200
    assert "Someone changed this record" in stale.content.decode()
