"""The fleet's canaries: types and their tasks, aircraft, flight logs, compliance records,
components and installations. The PUBLIC templates are the matrix's records (tests/matrix/fleet.py)
and the scenario's programme."""

from accord.core.models import Site
from accord.core.services import record_create
from accord.fleet.models import (
    Aircraft,
    AircraftType,
    ComplianceRecord,
    Component,
    Defect,
    FlightLog,
    Hangar,
    Installation,
    MaintenancePlan,
    MaintenanceTask,
    Part,
    PartsOrder,
    PlannedJob,
    RepairOrder,
    ServiceRequest,
    StockLot,
    WorkOrder,
)
from tests.canary import ACTOR, WAIVERS, Canary, route, serial, token


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


def _number(prefix):
    # Work and parts orders go into URLs by number: a short number of its own for each copy.
    return lambda kind, template: {"number": f"{prefix}-CANARY-{serial(kind)}"}


def _part_number(kind, template):
    return {"part_number": token(Part, kind)}


def _lot(kind, template):
    # A lot is unique per part and site, and its number is its one text: the copy's token.
    return {"lot": token(StockLot, kind)}


_THROUGH_AIRCRAFT = (
    "carries its aircraft's marking by design (fleet.work_orders) and is read through the "
    "aircraft's current marking too (AccessRule.read_through)"
)
WAIVERS[("fleet.WorkOrder", "aircraft")] = f"a work order {_THROUGH_AIRCRAFT}"
WAIVERS[("fleet.Defect", "aircraft")] = f"a defect {_THROUGH_AIRCRAFT}"
WAIVERS[("fleet.Defect", "work_order")] = (
    "a defect and the work order that rectifies it carry their aircraft's marking"
)
WAIVERS[("fleet.StockLot", "part")] = (
    "a lot carries its part's marking by design (fleet.parts) and is read through the part's "
    "current marking too (AccessRule.read_through)"
)

_REQUEST = (
    "a service request is read by role and nation (AccessRule.personal_readers), never by "
    "marking: its readers are those who act on it and the requesting nation, none of the "
    "crawling personas; its pages name the type, aircraft and fund only where the reader reads "
    "them (shown, a prefetch through visible_to)"
)
for _field in ("requester", "aircraft_type", "aircraft", "fund", "commitment"):
    WAIVERS[("fleet.ServiceRequest", _field)] = _REQUEST
WAIVERS[("fleet.WorkOrder", "service_request")] = (
    "no page or API answer of a work order names its service request; the request's page lists "
    "its work orders through visible_to"
)
WAIVERS[("fleet.PartsOrder", "work_order")] = (
    "no page or API answer of a parts order names its work order; the schedule reads it only "
    "to hold the work until the parts come"
)
WAIVERS[("fleet.PlannedJob", "aircraft")] = (
    "a planned job carries its aircraft's marking by design (fleet.readiness) and is read "
    "through the aircraft's current marking too (AccessRule.read_through)"
)
WAIVERS[("fleet.PlannedJob", "plan")] = (
    "a plan's jobs are read only through a plan the reader reads (readiness.plan_get, "
    "latest), each under its own aircraft's marking"
)


def _returned(kind, template):
    # A component has one open repair at a time: each copy is a repair that came back.
    return {
        **_number("RO")(kind, template),
        "status": "returned",
        "returned_on": template.sent_on,
    }


def _unused_site(kind, template):
    # A base has one hangar record: each copy gets a site with none yet.
    taken = Hangar.objects.values("site")
    return {"site": Site.objects.exclude(pk__in=taken).order_by("pk").first()}


def _planned_job(data, kind, made):
    # A canary job sits on the canary plan of its own kind, whose API answer lists it.
    if kind in ("nato", "natl"):
        data["plan"] = made[MaintenancePlan][{"nato": 0, "natl": 1}[kind]]
    return record_create(actor=ACTOR, model=PlannedJob, data=data, action=f"canary.{kind}")


CANARIES = {
    AircraftType: Canary(),
    MaintenanceTask: Canary(),
    Aircraft: Canary(overrides=_tail, links=("aircraft_type", "base")),
    FlightLog: Canary(overrides=_totals),
    ComplianceRecord: Canary(links=("task",)),
    Component: Canary(overrides=_serial, links=("site",)),
    Installation: Canary(overrides=_closed, links=("aircraft",)),
    WorkOrder: Canary(overrides=_number("WO"), links=("site",)),
    Defect: Canary(),
    Part: Canary(overrides=_part_number),
    StockLot: Canary(overrides=_lot, links=("site",)),
    PartsOrder: Canary(overrides=_number("PO"), links=("site", "fund", "commitment")),
    ServiceRequest: Canary(overrides=_number("SR")),
    RepairOrder: Canary(overrides=_returned, links=("site", "fund", "commitment", "component")),
    Hangar: Canary(overrides=_unused_site, links=("site",)),
    MaintenancePlan: Canary(keep=frozenset({"status"})),
    PlannedJob: Canary(create=_planned_job, keep=frozenset({"waits_for"}), links=("base",)),
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
    "fleet:repair-send": route(Component, serial="serial"),
    "fleet:repair-detail": route(RepairOrder, number="number"),
    "fleet:repair-return": route(RepairOrder, number="number"),
    "fleet:repair-cancel": route(RepairOrder, number="number"),
    "fleet:hangar-edit": route(Hangar, site="site.code"),
    "fleet:work-order-new": route(Aircraft, tail="tail_number"),
    "fleet:defect-new": route(Aircraft, tail="tail_number"),
    "fleet:work-order-detail": route(WorkOrder, number="number"),
    "fleet:part-draw": route(WorkOrder, number="number"),
    "fleet:defect-found": route(WorkOrder, number="number"),
    "fleet:item-sign-off": route(WorkOrder, number="number", item="pk"),
    "fleet:work-order-close": route(WorkOrder, number="number"),
    "fleet:parts-order-detail": route(PartsOrder, number="number"),
    "fleet:parts-order-deliver": route(PartsOrder, number="number"),
    "fleet:parts-order-cancel": route(PartsOrder, number="number"),
    "fleet:service-request-detail": route(ServiceRequest, number="number"),
    "fleet:service-request-review": route(ServiceRequest, number="number"),
    "fleet:service-request-edit": route(ServiceRequest, number="number"),
    "fleet:service-request-withdraw": route(ServiceRequest, number="number"),
    "fleet:service-request-decide": route(ServiceRequest, number="number"),
    "fleet:service-request-fund": route(ServiceRequest, number="number"),
    "fleet:service-request-work-orders": route(ServiceRequest, number="number"),
}

API = {
    "/api/v1/fleet/types/{code}": route(AircraftType, code="code"),
    "/api/v1/fleet/types/{code}/tasks": route(AircraftType, code="code"),
    "/api/v1/fleet/aircraft/{tail}": route(Aircraft, tail="tail_number"),
    "/api/v1/fleet/aircraft/{tail}/due": route(Aircraft, tail="tail_number"),
    "/api/v1/fleet/aircraft/{tail}/flight-log": route(Aircraft, tail="tail_number"),
    "/api/v1/fleet/aircraft/{tail}/compliance": route(Aircraft, tail="tail_number"),
    "/api/v1/fleet/components/{serial}": route(Component, serial="serial"),
    "/api/v1/fleet/work-orders/{number}": route(WorkOrder, number="number"),
    "/api/v1/fleet/defects/{defect}": route(Defect, defect="pk"),
    "/api/v1/fleet/parts/{part_number}": route(Part, part_number="part_number"),
    "/api/v1/fleet/parts-orders/{number}": route(PartsOrder, number="number"),
    "/api/v1/fleet/repair-orders/{number}": route(RepairOrder, number="number"),
    "/api/v1/fleet/service-requests/{number}": route(ServiceRequest, number="number"),
    "/api/v1/fleet/plans/{plan_id}": route(MaintenancePlan, plan_id="pk"),
}

FILTERS = {
    "aircraft_type": route(AircraftType, value="code"),
    "base": route(Site, value="code"),
    "part": route(Part, value="part_number"),
}
