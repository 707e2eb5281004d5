"""Fleet fixtures: an aircraft of the scenario's Mi-17V-5 programme, made fresh per test."""

from datetime import date
from decimal import Decimal
from itertools import count

import pytest

from accord.access import system_principal
from accord.fleet import services
from accord.fleet.inputs import AircraftValues, ComponentValues
from accord.fleet.models import AircraftType

START = date(2012, 11, 1)
_numbers = count(1)


@pytest.fixture
def new_aircraft(db):
    def make(hours="1000", marking="NRC", type_code="mi-17v-5", **values):
        return services.aircraft_create(
            actor=system_principal("tests"),
            values=AircraftValues(
                tail_number=f"T-{next(_numbers):04d}",
                aircraft_type=AircraftType.objects.get(code=type_code),
                operator="aaf",
                tracked_from=START,
                opening_hours=Decimal(hours),
                opening_landings=800,
                marking=marking,
                **values,
            ),
        )

    return make


@pytest.fixture
def new_component(db):
    def make(**values):
        data = {"serial": f"C-{next(_numbers):04d}", "kind": "engine", "model": "TV3-117VM"}
        return services.component_create(
            actor=system_principal("tests"), values=ComponentValues(**{**data, **values})
        )

    return make
