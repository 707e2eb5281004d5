"""The route planner is built once per visibility class and network version, and reused: a
committed edit of the network, made here or by another server, is seen by the next query, and
readers who see different networks never share a planner. What the network is read from is
versioned by the topics the planners are kept under."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from accord import access
from accord.kept import bumping_tables
from accord.transit.models import TransitLeg
from accord.transit.network import services as network_services
from accord.transit.network.inputs import LegValues
from accord.transit.planning import selectors as planning_selectors
from accord.transit.routing import selectors
from accord.transit.routing import services as routing_services
from tests.kept_reads import tables_read
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
    first = selectors.routing_for(logistician).planner
    assert selectors.routing_for(logistician).planner is first
    # Another reader of the same class (same markings, same nation) shares it.
    cheapest = routing_services.route_query(actor=logistician, **QUERY).pareto[0]

    leg = TransitLeg.objects.get(code=cheapest.arcs[0].split("/")[0])
    network_services.leg_update(
        actor=persona("admin"),
        leg=leg,
        values=LegValues(cost_per_teu=leg.cost_per_teu + 100_000),
        expected_version=leg.version,
    )
    after = selectors.routing_for(logistician).planner
    assert after is not first
    dearer = routing_services.route_query(actor=logistician, **QUERY)
    assert all(r.cost != cheapest.cost or r.arcs != cheapest.arcs for r in dearer.pareto)


def test_readers_who_see_different_networks_never_share_a_planner(persona):
    nato = selectors.network_for(persona("logistician"))
    russia = selectors.network_for(persona("delegation-rus"))
    assert access.marking_class(persona("logistician")) != access.marking_class(
        persona("delegation-rus")
    )
    nato_agreements = {a.code for a in nato.agreements}
    russian_agreements = {a.code for a in russia.agreements}
    assert russian_agreements < nato_agreements  # NATO-marked agreements are not in Russia's


def test_a_write_inside_a_transaction_is_seen_by_its_next_query(persona):
    """A test runs in a transaction, as a write does: its own edit sets versions that its next
    query reads, while no other reader sees them (nor anyone, once it is rolled back)."""
    logistician = persona("logistician")
    first = selectors.routing_for(logistician).planner
    assert selectors.routing_for(logistician).planner is first
    leg = TransitLeg.objects.get(code=first.network.legs[0].code)
    network_services.leg_update(
        actor=persona("admin"),
        leg=leg,
        values=LegValues(notes="re-surveyed"),
        expected_version=leg.version,
    )
    assert selectors.routing_for(logistician).planner is not first


def test_what_is_kept_reads_only_tables_whose_writes_set_its_topics_versions(persona):
    """A table the network (or the map's latest plan) starts to read must get a topic's
    triggers (a migration: ``accord.kept.bump_on_write``), or a value kept under the topics
    would outlive its edits."""
    network = set().union(*(bumping_tables(topic) for topic in selectors.NETWORK_TOPICS))
    for username in ("admin", "logistician", "delegation-rus"):
        reader = persona(username)
        access.principal_of(reader)  # read before: the reader's standing is in the key
        with CaptureQueriesContext(connection) as network_read:
            selectors._routing(reader)
        assert tables_read(network_read.captured_queries) <= network, username
        with CaptureQueriesContext(connection) as plan_read:
            named = planning_selectors.plan_named(actor=reader)
        assert named is not None or username == "delegation-rus"  # NATO's plans, not Russia's
        assert tables_read(plan_read.captured_queries) <= bumping_tables("transit"), username
