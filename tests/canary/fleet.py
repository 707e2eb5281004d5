"""The fleet's canaries: types and their tasks, aircraft, flight logs, compliance records,
components and installations. The PUBLIC templates are the matrix's records (tests/matrix/fleet.py)
and the scenario's programme."""

from accord.core.models import Site
from accord.fleet.models import (
    Aircraft,
    AircraftType,
    ComplianceRecord,
    Component,
    FlightLog,
    Installation,
    MaintenanceTask,
)
from tests.canary import Canary, route, serial, token


def _tail(kind, template):
    # Tail numbers are short and go into URLs: a number of its own for each copy.
    return {"tail_number": f"CANARY-{serial(kind)}"}


def _totals(kind, template):
    # The totals after an entry are unique per aircraft: each copy gets totals of its own.
    return {
        "total_hours": template.total_hours + 1000 + serial(kind),
        "total_landings": template.total_landings + 1000 + serial(kind),
    }


def _serial(kind, template):
    return {"serial": token(Component, kind)}


def _closed(kind, template):
    # A closed installation: the open ones hold one component to one airframe position.
    return {
        "removed_on": template.installed_on,
        "removed_hours": template.installed_hours,
        "removed_landings": template.installed_landings,
    }


CANARIES = {
    AircraftType: Canary(),
    MaintenanceTask: Canary(),
    Aircraft: Canary(overrides=_tail, links=("aircraft_type", "base")),
    FlightLog: Canary(overrides=_totals),
    ComplianceRecord: Canary(links=("task",)),
    Component: Canary(overrides=_serial),
    Installation: Canary(overrides=_closed, links=("aircraft",)),
}

PAGES = {
    "fleet:aircraft-detail": route(Aircraft, tail="tail_number"),
    "fleet:aircraft-edit": route(Aircraft, tail="tail_number"),
    "fleet:flight-log": route(Aircraft, tail="tail_number"),
    "fleet:compliance-new": route(Aircraft, tail="tail_number"),
    "fleet:type-detail": route(AircraftType, code="code"),
    "fleet:task-create": route(AircraftType, code="code"),
    "fleet:component-detail": route(Component, serial="serial"),
    "fleet:component-install": route(Component, serial="serial"),
    "fleet:component-remove": route(Component, serial="serial"),
}

API = {
    "/api/v1/fleet/types/{code}": route(AircraftType, code="code"),
    "/api/v1/fleet/types/{code}/tasks": route(AircraftType, code="code"),
    "/api/v1/fleet/aircraft/{tail}": route(Aircraft, tail="tail_number"),
    "/api/v1/fleet/aircraft/{tail}/due": route(Aircraft, tail="tail_number"),
    "/api/v1/fleet/aircraft/{tail}/flight-log": route(Aircraft, tail="tail_number"),
    "/api/v1/fleet/aircraft/{tail}/compliance": route(Aircraft, tail="tail_number"),
    "/api/v1/fleet/components/{serial}": route(Component, serial="serial"),
}

FILTERS = {
    "aircraft_type": route(AircraftType, value="code"),
    "base": route(Site, value="code"),
}
