"""``accord fleet due``: the fleet's due list on the command line, worst first."""

from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from accord.access import system_principal
from accord.fleet import services
from tests.fleet.conftest import START

pytestmark = pytest.mark.django_db


def _due(day) -> str:
    out = StringIO()
    call_command("fleet", "due", "--day", (START + timedelta(days=day)).isoformat(), stdout=out)
    return out.getvalue()


def test_the_due_list_lists_what_falls_due_and_the_aircraft_that_may_not_fly(new_aircraft):
    plane = new_aircraft()
    for day, hours in ((1, 24), (2, 22)):  # 46 hours: 4 left to the 50-hour inspection
        services.flight_log_record(
            actor=system_principal("tests"),
            aircraft=plane,
            day=START + timedelta(days=day),
            hours=Decimal(hours),
            landings=10,
        )
    rows = [line.split() for line in _due(2).splitlines() if line.startswith(plane.tail_number)]
    assert [row[1:3] for row in rows] == [["h50", "due_soon"]]
    assert rows[0][3:5] == ["hours", "4.0"]
    assert _due(2).rstrip().endswith("not airworthy: none")
    # A year on, the seasonal preparation is long past its 15 days of tolerance.
    later = _due(400)
    assert any(
        line.startswith(plane.tail_number) and "seasonal" in line and "overdue" in line
        for line in later.splitlines()
    )
    assert plane.tail_number in later.splitlines()[-1]


def test_an_unknown_base_is_refused_with_its_code():
    with pytest.raises(CommandError, match="invalid_filter"):
        call_command("fleet", "due", "--base", "nowhere", stdout=StringIO())
