"""Fixtures of the transit tests: personas as actors, a day the whole network was open."""

import datetime as dt

import pytest

from accord.audit.models import AuditEntry
from accord.transit.models import TransitDemand
from accord.transit.planning import services as planning_services
from accord.transit.planning.inputs import DemandValues

OPEN_DAY = dt.date(2013, 6, 1)


@pytest.fixture
def logistician(persona):
    return persona("logistician")


@pytest.fixture
def refusals():
    """``refusals("transit_leg.update")``: how many refused attempts of that action are audited."""

    def count(action: str) -> int:
        return AuditEntry.objects.filter(action=action, outcome="refused").count()

    return count


@pytest.fixture(autouse=True)
def _mission(db):
    """Every transit test reads the demo mission (loaded once per database)."""


def demand_make(
    actor, code: str, month: dt.date, origin: str, destination: str, *, teu: int
) -> TransitDemand:
    """Non-lethal cargo of ``teu`` to move in ``month`` between two nodes named by code
    (ten tonnes a TEU), so that a plan's figures can be checked against the test's own cargo."""
    return planning_services.demand_create(
        actor=actor,
        values=DemandValues(
            code=code,
            month=month,
            origin=origin,
            destination=destination,
            cargo_class="non_lethal",
            direction="to_afghanistan",
            teu=teu,
            tonnes=teu * 10,
        ),
    )
