"""Advising fixtures: a team at TAAC North advising a corps, one objective in EF2 with one
milestone, built per test so each test's figures follow from its own records."""

from itertools import count

import pytest

from accord.access import system_principal
from accord.advising import selectors, services
from accord.advising.inputs import (
    CounterpartValues,
    MilestoneValues,
    ObjectiveValues,
    TeamValues,
)
from accord.core.models import Site
from accord.markings import Marking

SYSTEM = system_principal("tests")
_numbers = count(1)


def function(code="EF2"):
    return selectors.function_get(actor=SYSTEM, code=code)


def team_make(site="taac_north", marking=Marking.NATO, owner_nation=None):
    n = next(_numbers)
    return services.team_create(
        actor=SYSTEM,
        values=TeamValues(
            code=f"t-team-{n}",
            name=f"Test team {n}",
            site=Site.objects.get(code=site),
            marking=marking,
            owner_nation=owner_nation,
        ),
    )


def counterpart_make(team, ministry="mod", kind="corps"):
    n = next(_numbers)
    return services.counterpart_create(
        actor=SYSTEM,
        values=CounterpartValues(
            team=team, code=f"t-cp-{n}", name=f"Test corps {n}", kind=kind, ministry=ministry
        ),
    )


def milestone_make(counterpart, function_code="EF2"):
    n = next(_numbers)
    objective = services.objective_create(
        actor=SYSTEM,
        values=ObjectiveValues(
            counterpart=counterpart,
            function=function(function_code),
            code=f"t-obj-{n}",
            title="Account for pay",
        ),
    )
    return services.milestone_create(
        actor=SYSTEM,
        values=MilestoneValues(objective=objective, code=f"t-ms-{n}", title="Payroll reconciled"),
    )


@pytest.fixture
def north(db):
    """A NATO team at TAAC North, its corps (MoD) and a milestone of EF2."""
    team = team_make()
    counterpart = counterpart_make(team)
    return {"team": team, "counterpart": counterpart, "milestone": milestone_make(counterpart)}
