"""The fleet's rows of the access matrices: maintenance officers and administrators change the
fleet; everyone reads what the marking allows. The matrix's aircraft are marked NRC, as the
HMTF's records are: the fund's donors (the allies and Russia) read them, the Afghan personas and
the public do not, and the Afghan maintenance officer changes only PUBLIC records."""

from datetime import date, timedelta
from decimal import Decimal

from accord.access import system_principal
from accord.fleet import services
from accord.fleet.inputs import AircraftValues, ComponentValues
from accord.fleet.models import AircraftType, MaintenanceTask
from accord.markings import Role
from tests.matrix import (
    ADMINS,
    EVERYONE,
    NRC_READERS,
    api_rule,
    change_rule,
    everyone,
    holding,
    page_change_rule,
    page_rule,
)

# Whoever holds the role changes a PUBLIC record; an NRC one only those who read it.
EDITORS = ADMINS | holding(Role.MAINTENANCE_OFFICER)
NRC_EDITORS = EDITORS & NRC_READERS
F = "/fleet"
START = date(2012, 11, 1)


def _aircraft(tail: str, marking: str):
    actor = system_principal("matrix")
    return services.aircraft_create(
        actor=actor,
        values=AircraftValues(
            tail_number=tail,
            aircraft_type=AircraftType.objects.get(code="mi-17v-5"),
            operator="aaf",
            tracked_from=START,
            opening_hours=Decimal(1000),
            opening_landings=1000,
            marking=marking,
        ),
    )


def _component(serial: str, marking: str):
    return services.component_create(
        actor=system_principal("matrix"),
        values=ComponentValues(serial=serial, kind="engine", model="TV3-117VM", marking=marking),
    )


def records() -> dict:
    """A PUBLIC aircraft with a flight, an inspection and an engine fitted (what the canaries
    copy), and NRC ones for the matrix's reads and writes."""
    actor = system_principal("matrix")
    public = _aircraft("MX-PUB", "PUBLIC")
    services.flight_log_record(
        actor=actor, aircraft=public, day=START + timedelta(days=1), hours=Decimal(3), landings=4
    )
    h50 = MaintenanceTask.objects.get(aircraft_type=public.aircraft_type, code="h50")
    services.compliance_record(actor=actor, aircraft=public, task=h50, done_on=START)
    services.component_install(
        actor=actor,
        component=_component("MX-ENG-PUB", "PUBLIC"),
        aircraft=public,
        position="engine 1",
        day=START,
    )
    nrc = _aircraft("MX-NRC", "NRC")
    services.component_install(
        actor=actor,
        component=_component("MX-ENG-FITTED", "NRC"),
        aircraft=nrc,
        position="engine 1",
        day=START,
    )
    _component("MX-ENG-FREE", "NRC")
    return {"fleet_aircraft": nrc.tail_number}


def _read(path):
    return (path, None, api_rule(EVERYONE, 200, anonymous=200))


def _nrc_read(path):
    return (path, None, api_rule(NRC_READERS, 200, denied=404, anonymous=404))


A = f"{F}/aircraft/{{fleet_aircraft}}"

API = {
    ("GET", "/api/v1/fleet/types"): _read(f"{F}/types"),
    ("GET", "/api/v1/fleet/types/{code}"): _read(f"{F}/types/mi-35"),
    ("GET", "/api/v1/fleet/types/{code}/tasks"): _read(f"{F}/types/mi-35/tasks"),
    ("POST", "/api/v1/fleet/types/{code}/tasks"): (
        f"{F}/types/mi-35/tasks",
        {"code": "matrix-task", "name": "Matrix task", "category": "special", "interval_days": 30},
        api_rule(EDITORS, 201),
    ),
    ("GET", "/api/v1/fleet/aircraft"): _read(f"{F}/aircraft?aircraft_type=mi-17v-5"),
    ("POST", "/api/v1/fleet/aircraft"): (
        f"{F}/aircraft",
        {
            "tail_number": "MX-NEW",
            "aircraft_type": "mi-35",
            "operator": "smw",
            "tracked_from": "2013-01-01",
            "opening_hours": "250.5",
        },
        api_rule(NRC_EDITORS, 201),
    ),
    ("GET", "/api/v1/fleet/aircraft/{tail}"): _nrc_read(A),
    ("PATCH", "/api/v1/fleet/aircraft/{tail}"): (
        A,
        {"expected_version": 1, "status": "in_maintenance", "base": "taac_air"},
        change_rule(NRC_EDITORS, NRC_READERS, 200),
    ),
    ("GET", "/api/v1/fleet/aircraft/{tail}/due"): _nrc_read(f"{A}/due"),
    ("GET", "/api/v1/fleet/aircraft/{tail}/flight-log"): _nrc_read(f"{A}/flight-log"),
    ("POST", "/api/v1/fleet/aircraft/{tail}/flight-log"): (
        f"{A}/flight-log",
        {"date": "2012-11-05", "hours": "2.5", "landings": 3},
        change_rule(NRC_EDITORS, NRC_READERS, 201),
    ),
    ("GET", "/api/v1/fleet/aircraft/{tail}/compliance"): _nrc_read(f"{A}/compliance"),
    ("POST", "/api/v1/fleet/aircraft/{tail}/compliance"): (
        f"{A}/compliance",
        {"task": "h50", "done_on": "2012-11-02", "reference": "matrix"},
        change_rule(NRC_EDITORS, NRC_READERS, 201),
    ),
    ("GET", "/api/v1/fleet/due"): _read(f"{F}/due?base=taac_air"),
    ("GET", "/api/v1/fleet/components"): _read(f"{F}/components"),
    ("POST", "/api/v1/fleet/components"): (
        f"{F}/components",
        {"serial": "MX-APU-1", "kind": "apu", "model": "AI-9V", "life_hours": "3000"},
        api_rule(NRC_EDITORS, 201),
    ),
    ("GET", "/api/v1/fleet/components/{serial}"): _nrc_read(f"{F}/components/MX-ENG-FREE"),
    ("POST", "/api/v1/fleet/components/{serial}/install"): (
        f"{F}/components/MX-ENG-FREE/install",
        {"aircraft": "MX-NRC", "position": "engine 2", "day": "2012-11-03"},
        change_rule(NRC_EDITORS, NRC_READERS, 201),
    ),
    ("POST", "/api/v1/fleet/components/{serial}/remove"): (
        f"{F}/components/MX-ENG-FITTED/remove",
        {"day": "2012-11-03"},
        change_rule(NRC_EDITORS, NRC_READERS, 200),
    ),
}

NRC_PAGE = page_rule(NRC_READERS, denied=404, anonymous=404)
P = "/fleet/aircraft/{fleet_aircraft}"

PAGES = {
    "fleet:aircraft-list": ("GET", "/fleet/", everyone()),
    "fleet:due": ("GET", "/fleet/due/", everyone()),
    "fleet:aircraft-create": ("GET", "/fleet/aircraft/new/", page_rule(NRC_EDITORS)),
    "fleet:aircraft-detail": ("GET", f"{P}/", NRC_PAGE),
    "fleet:aircraft-edit": ("GET", f"{P}/edit/", page_change_rule(NRC_EDITORS, NRC_READERS)),
    "fleet:flight-log": ("GET", f"{P}/log/", page_change_rule(NRC_EDITORS, NRC_READERS)),
    "fleet:compliance-new": ("GET", f"{P}/done/", page_change_rule(NRC_EDITORS, NRC_READERS)),
    "fleet:flight-log-import": ("GET", "/fleet/flight-logs/import/", page_rule(EDITORS)),
    "fleet:types": ("GET", "/fleet/types/", everyone()),
    "fleet:type-detail": ("GET", "/fleet/types/mi-35/", everyone()),
    "fleet:task-create": ("GET", "/fleet/types/mi-35/tasks/new/", page_rule(EDITORS)),
    "fleet:components": ("GET", "/fleet/components/", everyone()),
    "fleet:component-create": ("GET", "/fleet/components/new/", page_rule(NRC_EDITORS)),
    "fleet:component-detail": ("GET", "/fleet/components/MX-ENG-FREE/", NRC_PAGE),
    "fleet:component-install": (
        "POST",
        "/fleet/components/MX-ENG-FREE/install/",
        page_change_rule(NRC_EDITORS, NRC_READERS, ok=302),
    ),
    "fleet:component-remove": (
        "POST",
        "/fleet/components/MX-ENG-FITTED/remove/",
        page_change_rule(NRC_EDITORS, NRC_READERS, ok=302),
    ),
}
