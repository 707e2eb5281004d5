"""The route planner is built once per visibility class and network version, and reused: a
committed edit of the network, made here or by another server, is seen by the next query, and
readers who see different networks never share a planner."""

import pytest

from accord.transit.models import TransitLeg
from accord.transit.network import services as network_services
from accord.transit.network.inputs import LegValues
from accord.transit.routing import selectors
from accord.transit.routing import services as routing_services
from tests.transit.conftest import OPEN_DAY

QUERY = {
    "origin": "riga",
    "destination": "kabul",
    "cargo_class": "non_lethal",
    "direction": "to_afghanistan",
    "on_date": OPEN_DAY,
    "shipper": ("USA",),
}


@pytest.mark.django_db(transaction=True)
def test_queries_share_a_planner_until_the_network_changes(mission, persona):
    logistician = persona("logistician")
    first = selectors.planner_for(logistician)
    assert selectors.planner_for(logistician) is first
    # Another reader of the same class (same markings, same nation) shares it.
    cheapest = routing_services.route_query(actor=logistician, **QUERY).pareto[0]

    leg = TransitLeg.objects.get(code=cheapest.arcs[0].split("/")[0])
    network_services.leg_update(
        actor=persona("admin"),
        leg=leg,
        values=LegValues(cost_per_teu=leg.cost_per_teu + 100_000),
        expected_version=leg.version,
    )
    after = selectors.planner_for(logistician)
    assert after is not first
    dearer = routing_services.route_query(actor=logistician, **QUERY)
    assert all(r.cost != cheapest.cost or r.arcs != cheapest.arcs for r in dearer.pareto)


def test_readers_who_see_different_networks_never_share_a_planner(persona):
    nato = selectors.network_for(persona("logistician"))
    russia = selectors.network_for(persona("delegation-rus"))
    assert selectors.visibility_class(persona("logistician")) != selectors.visibility_class(
        persona("delegation-rus")
    )
    nato_agreements = {a.code for a in nato.agreements}
    russian_agreements = {a.code for a in russia.agreements}
    assert russian_agreements < nato_agreements  # NATO-marked agreements are not in Russia's


def test_inside_a_transaction_no_planner_is_kept(persona):
    """A test runs in a transaction, as a write does: each query builds its own planner."""
    logistician = persona("logistician")
    assert selectors.planner_for(logistician) is not selectors.planner_for(logistician)
