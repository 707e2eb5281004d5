"""A caller who may not write a transit record hears so before anything they named is looked up.

The refusal comes first, whatever codes the request names: "no transit node 'riga' that you may
read" (422) before the 403 would tell a refused caller what they may read, and the answer would
depend on the order of the checks rather than on the policy. Afghanistan's technician reads no
NRC record (the network is NRC), and Czechia's maintenance officer reads the NATO records but
changes none: both are refused with PermissionDenied, audited as a refusal.
"""

import datetime as dt

import pytest

from accord.errors import PermissionDenied
from accord.transit.agreements.inputs import AgreementValues, ClosureValues
from accord.transit.agreements.services import agreement_create, closure_create
from accord.transit.network.inputs import LegValues, NodeValues
from accord.transit.network.services import leg_create, node_create
from accord.transit.planning import selectors as planning_selectors
from accord.transit.planning.inputs import DemandValues, LeaseValues
from accord.transit.planning.services import demand_create, lease_create, lease_update
from accord.transit.shipments import selectors as shipment_selectors
from accord.transit.shipments.inputs import ShipmentValues
from accord.transit.shipments.services import shipment_create, shipment_event_record

NOWHERE = "no-such-code"

# Each create service with a request naming a record the caller cannot read (or none at all).
CREATES = {
    "transit_node.create": (node_create, NodeValues(code="n", country=NOWHERE)),
    "transit_leg.create": (leg_create, LegValues(code="l", origin="riga", destination=NOWHERE)),
    "transit_lease.create": (lease_create, LeaseValues(code="x", legs=["L01", NOWHERE])),
    "transit_demand.create": (
        demand_create,
        DemandValues(code="d", origin="riga", destination="x"),
    ),
    "shipment.create": (
        shipment_create,
        ShipmentValues(reference="s", origin="riga", destination="x"),
    ),
    "transit_closure.create": (
        closure_create,
        ClosureValues(code="c", target_kind="node", target="riga"),
    ),
    "transit_agreement.create": (
        agreement_create,
        AgreementValues(code="a", country=NOWHERE, legal_basis=NOWHERE),
    ),
}


@pytest.mark.parametrize("action", sorted(CREATES))
@pytest.mark.parametrize("username", ["afg-technician", "maintenance"])
def test_a_refused_creation_is_refused_before_its_codes_are_read(
    action, username, persona, refusals
):
    create, data = CREATES[action]
    before = refusals(action)
    with pytest.raises(PermissionDenied):
        create(actor=persona(username), values=data)
    assert refusals(action) == before + 1


def test_a_refused_lease_change_is_refused_before_its_legs_are_read(persona):
    reader = persona("maintenance")
    lease = planning_selectors.lease_get(actor=reader, code="salis_full_time")
    with pytest.raises(PermissionDenied):
        lease_update(
            actor=reader, lease=lease, values=LeaseValues(legs=[NOWHERE]), expected_version=1
        )


def test_a_refused_event_is_refused_before_its_place_is_read(persona):
    reader = persona("maintenance")
    shipment = shipment_selectors.shipment_get(actor=reader, reference="ndn-2013-0001")
    with pytest.raises(PermissionDenied):
        shipment_event_record(
            actor=reader,
            shipment=shipment,
            kind="departed",
            at=dt.datetime(2013, 6, 3, 8, tzinfo=dt.UTC),
            node=NOWHERE,
        )
