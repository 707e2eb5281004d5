"""Fixtures of the transit tests: personas as actors, a day the whole network was open."""

import datetime as dt

import pytest

from accord.audit.models import AuditEntry

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
