"""The fleet API's schemas: ``<Entity>Out`` reads, ``<Entity>In`` writes, ``<Entity>Patch``.

Flight hours are decimals (``1.5``) and travel as JSON numbers read exactly (never floats, see
``accord.api.ExactNumbers``) or strings.
"""

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from accord.access import shown
from accord.inputs import Code, Input
from accord.markings import Marking

MarkingIn = Literal["PUBLIC", "NRC", "NATO"]
OperatorIn = Literal["aaf", "smw"]
StatusIn = Literal["in_service", "in_maintenance", "stored", "withdrawn"]
CategoryIn = Literal[
    "line_preflight", "line_postflight", "parking", "periodic", "special", "storage", "seasonal"
]
TaskKindIn = Literal["programme", "directive", "bulletin"]
ComponentKindIn = Literal["engine", "main_gearbox", "rotor_blade", "apu", "other"]
Hours = Field(max_digits=9, decimal_places=2)


class AircraftVersionIn(Input):
    expected_version: int = Field(ge=1, description="the version you read; a stale one is refused")


class AircraftTypeOut(Schema):
    code: str
    name: str
    manufacturer: str
    service_life_years: int | None
    note: str
    estimated: bool
    marking: Marking
    version: int


class MaintenanceTaskOut(Schema):
    aircraft_type: str
    code: str
    name: str
    category: str
    kind: str
    reference: str
    repeats: bool
    effective: dt.date | None
    interval_hours: Decimal | None
    interval_cycles: int | None
    interval_days: int | None
    tolerance_hours: Decimal
    tolerance_cycles: int
    tolerance_days: int
    note: str
    estimated: bool
    marking: Marking
    version: int

    @staticmethod
    def resolve_aircraft_type(obj) -> str:
        # A task is read through its type (``read_through``): the type is readable too.
        return obj.aircraft_type.code


class MaintenanceTaskIn(Input):
    code: Code
    name: str = Field(min_length=1, max_length=200)
    category: CategoryIn
    kind: TaskKindIn = "programme"
    reference: str = Field("", max_length=100)
    repeats: bool = True
    effective: dt.date | None = None
    interval_hours: Decimal | None = Field(None, gt=0, max_digits=9, decimal_places=1)
    interval_cycles: int | None = Field(None, ge=1, le=1_000_000)
    interval_days: int | None = Field(None, ge=1, le=36_500)
    tolerance_hours: Decimal = Field(Decimal(0), ge=0, max_digits=9, decimal_places=1)
    tolerance_cycles: int = Field(0, ge=0, le=1_000_000)
    tolerance_days: int = Field(0, ge=0, le=36_500)
    note: str = Field("", max_length=5000)


class AircraftOut(Schema):
    tail_number: str
    aircraft_type: str | None = None  # None: a type the reader may not read
    operator: str
    base: str | None = None  # None: no base, or one the reader may not read
    status: str
    tracked_from: dt.date
    opening_hours: Decimal
    opening_landings: int
    hours: Decimal
    landings: int
    logged_to: dt.date | None
    planned_hours_per_year: Decimal
    airworthy: bool
    due_status: str
    note: str
    estimated: bool
    marking: Marking
    version: int

    @staticmethod
    def resolve_aircraft_type(obj) -> str | None:
        found = shown(obj, "aircraft_type")
        return found.code if found is not None else None

    @staticmethod
    def resolve_base(obj) -> str | None:
        found = shown(obj, "base")
        return found.code if found is not None else None


class AircraftIn(Input):
    tail_number: str = Field(min_length=1, max_length=20, pattern=r"^[A-Za-z0-9-]+$")
    aircraft_type: Code
    operator: OperatorIn
    base: str | None = Field(None, description="code of a registry site")
    status: StatusIn = "in_service"
    tracked_from: dt.date
    opening_hours: Decimal = Field(Decimal(0), ge=0, max_digits=9, decimal_places=1)
    opening_landings: int = Field(0, ge=0, le=10_000_000)
    planned_hours_per_year: Decimal = Field(Decimal(350), ge=0, max_digits=9, decimal_places=1)
    note: str = Field("", max_length=5000)
    estimated: bool = False
    marking: MarkingIn = "NRC"


class AircraftPatch(AircraftVersionIn):
    operator: OperatorIn | None = None
    base: str | None = None
    status: StatusIn | None = None
    planned_hours_per_year: Decimal | None = Field(None, ge=0, max_digits=9, decimal_places=1)
    note: str | None = Field(None, max_length=5000)


class FlightLogOut(Schema):
    date: dt.date
    hours: Decimal
    landings: int
    total_hours: Decimal
    total_landings: int
    note: str
    estimated: bool


class FlightLogIn(Input):
    date: dt.date
    hours: Decimal | None = Field(None, max_digits=6, decimal_places=2)
    landings: int | None = Field(None, ge=-1_000_000, le=1_000_000)
    total_hours: Decimal | None = Field(None, max_digits=9, decimal_places=2)
    total_landings: int | None = Field(None, ge=0, le=10_000_000)
    note: str = Field("", max_length=200)


class ComplianceOut(Schema):
    task: str | None = None
    done_on: dt.date
    hours: Decimal
    landings: int
    reference: str
    note: str

    @staticmethod
    def resolve_task(obj) -> str | None:
        found = shown(obj, "task")
        return found.code if found is not None else None


class ComplianceIn(Input):
    task: Code
    done_on: dt.date
    hours: Decimal | None = Field(None, max_digits=9, decimal_places=2)
    landings: int | None = Field(None, ge=0, le=10_000_000)
    reference: str = Field("", max_length=100)
    note: str = Field("", max_length=5000)


class CriterionOut(Schema):
    criterion: str
    next_due: str  # a number of hours or cycles, or a day (ISO 8601)
    limit: str
    remaining: Decimal
    interval: Decimal


class TaskDueOut(Schema):
    task: str
    name: str
    category: str
    last_done: dt.date | None
    last_hours: Decimal | None
    last_landings: int | None
    status: str
    governing: str | None
    remaining: Decimal | None
    forecast: dt.date | None
    criteria: list[CriterionOut]


class AircraftDueOut(Schema):
    tail_number: str
    airworthy: bool
    status: str
    hours: Decimal
    landings: int
    tasks: list[TaskDueOut]


class ComponentOut(Schema):
    serial: str
    kind: str
    model: str
    hours: Decimal = Field(description="hours since new, counted to now")
    cycles: int
    hours_since_overhaul: Decimal
    life_hours: Decimal | None
    life_cycles: int | None
    overhaul_hours: Decimal | None
    installed_on: str | None = Field(None, description="tail number, if fitted to an aircraft")
    condition: str = Field(description="serviceable, unserviceable or in_repair")
    site: str | None = Field(None, description="the site it is held at while off an airframe")
    limits_reached: list[str]
    note: str
    marking: Marking
    version: int


class ComponentIn(Input):
    serial: str = Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9./-]+$")
    kind: ComponentKindIn
    model: str = Field(min_length=1, max_length=60)
    hours: Decimal = Field(Decimal(0), max_digits=9, decimal_places=1)
    cycles: int = Field(0, ge=0, le=10_000_000)
    hours_since_overhaul: Decimal = Field(Decimal(0), max_digits=9, decimal_places=1)
    life_hours: Decimal | None = Field(None, gt=0, max_digits=9, decimal_places=1)
    life_cycles: int | None = Field(None, ge=1, le=10_000_000)
    overhaul_hours: Decimal | None = Field(None, gt=0, max_digits=9, decimal_places=1)
    note: str = Field("", max_length=5000)
    marking: MarkingIn = "NRC"


class InstallIn(Input):
    aircraft: str = Field(min_length=1, max_length=20)
    position: str = Field(min_length=1, max_length=20)
    day: dt.date


class RemoveIn(Input):
    day: dt.date
    serviceable: bool = Field(False, description="removed serviceable; otherwise unserviceable")
    site: str | None = Field(None, description="held at (a site code); the aircraft's base if none")


class InstallationOut(Schema):
    component: str
    aircraft: str | None = None
    position: str
    installed_on: dt.date
    removed_on: dt.date | None

    @staticmethod
    def resolve_component(obj) -> str:
        return obj.component.serial

    @staticmethod
    def resolve_aircraft(obj) -> str | None:
        return obj.aircraft.tail_number if getattr(obj, "aircraft_shown", False) else None


# --- rotables through repair ---------------------------------------------------------------------


class RepairOrderOut(Schema):
    number: str
    component: str
    shop: str
    work: str
    fund: str | None = None
    status: str = Field(description="in_repair, returned or cancelled")
    sent_on: dt.date
    expected_on: dt.date | None
    returned_on: dt.date | None
    site: str | None = Field(None, description="the site it was returned to")
    overhauled: bool
    amount_minor: int
    currency: str
    note: str
    marking: Marking
    version: int

    @staticmethod
    def resolve_component(obj) -> str:
        return obj.component.serial

    @staticmethod
    def resolve_fund(obj) -> str | None:
        found = shown(obj, "fund")
        return found.code if found is not None else None

    @staticmethod
    def resolve_site(obj) -> str | None:
        found = shown(obj, "site")
        return found.code if found is not None else None


class RepairIn(Input):
    shop: str = Field(min_length=1, max_length=200)
    fund: str = Field(min_length=1, max_length=40)
    amount_minor: int = Field(description="the repair's cost in the fund's minor units")
    sent_on: dt.date
    expected_on: dt.date | None = None
    work: str = Field("", max_length=2000)
    note: str = Field("", max_length=2000)


class RepairReturnIn(Input):
    day: dt.date
    site: str = Field(min_length=1, max_length=40, description="the site it goes back to")
    overhauled: bool = Field(False, description="hours since overhaul start again from zero")
    note: str = Field("", max_length=2000)


class RepairCancelIn(Input):
    day: dt.date
    reason: str = Field("", max_length=2000)


# --- hangars --------------------------------------------------------------------------------------


class HangarOut(Schema):
    site: str | None = Field(None, description="the base (a site code)")
    slots: int = Field(description="the aircraft it holds at once")
    technicians: int = Field(description="the most certified technicians it puts to work a day")
    estimated: bool
    note: str
    marking: Marking
    version: int

    @staticmethod
    def resolve_site(obj) -> str | None:
        found = shown(obj, "site")
        return found.code if found is not None else None


class HangarIn(Input):
    slots: int = Field(ge=0, le=10_000)
    technicians: int = Field(ge=0, le=100_000)
    estimated: bool = False
    note: str = Field("", max_length=2000)
    expected_version: int | None = Field(
        None, ge=1, description="the version you read, to change a hangar; a stale one is refused"
    )


# --- work orders and defects ---------------------------------------------------------------------


class WorkOrderItemOut(Schema):
    id: int
    task: str | None = None  # None: a defect, or a task the reader may not read
    defect: int | None = None
    signed_by: str | None = None
    signed_on: dt.date | None

    @staticmethod
    def resolve_task(obj) -> str | None:
        return obj.task.code if obj.task_id and getattr(obj, "task_shown", False) else None

    @staticmethod
    def resolve_defect(obj) -> int | None:
        return obj.defect_id

    @staticmethod
    def resolve_signed_by(obj) -> str | None:
        return obj.signed_by.username if obj.signed_by_id else None


class PartDrawOut(Schema):
    part: str | None = None
    lot: str | None = None
    quantity: int
    drawn_on: dt.date

    @staticmethod
    def resolve_part(obj) -> str | None:
        return obj.lot.part.part_number if getattr(obj, "lot_shown", True) else None

    @staticmethod
    def resolve_lot(obj) -> str | None:
        return obj.lot.lot if getattr(obj, "lot_shown", True) else None


class WorkOrderOut(Schema):
    number: str
    aircraft: str
    site: str | None = None
    status: str
    raised_on: dt.date
    closed_on: dt.date | None
    closed_hours: Decimal | None
    closed_landings: int | None
    note: str
    items: list[WorkOrderItemOut]
    draws: list[PartDrawOut]
    marking: Marking
    version: int

    @staticmethod
    def resolve_aircraft(obj) -> str:
        # A work order is read through its aircraft: the aircraft is readable too.
        return obj.aircraft.tail_number

    @staticmethod
    def resolve_site(obj) -> str | None:
        found = shown(obj, "site")
        return found.code if found is not None else None

    @staticmethod
    def resolve_items(obj) -> list:
        return list(obj.items.all())

    @staticmethod
    def resolve_draws(obj) -> list:
        return list(obj.draws.all())


class WorkOrderIn(Input):
    aircraft: str = Field(min_length=1, max_length=20)
    tasks: list[Code] = Field(default_factory=list, max_length=200)
    defects: list[int] = Field(default_factory=list, max_length=200)
    raised_on: dt.date
    site: str | None = Field(None, description="code of a registry site; the aircraft's base")
    note: str = Field("", max_length=5000)


class DrawIn(Input):
    part: str = Field(min_length=1, max_length=40)
    lot: str = Field(min_length=1, max_length=40)
    quantity: int = Field(ge=1, le=1_000_000)
    day: dt.date


class SignOffIn(Input):
    day: dt.date = Field(description="the day the work was done; today or earlier")


class WorkOrderCloseIn(Input):
    day: dt.date


class DefectOut(Schema):
    id: int
    aircraft: str
    reported_on: dt.date
    description: str
    status: str
    work_order: str | None = None
    marking: Marking
    version: int

    @staticmethod
    def resolve_aircraft(obj) -> str:
        return obj.aircraft.tail_number

    @staticmethod
    def resolve_work_order(obj) -> str | None:
        return obj.work_order.number if obj.work_order_id else None


class DefectIn(Input):
    aircraft: str = Field(min_length=1, max_length=20)
    description: str = Field(min_length=1, max_length=5000)
    reported_on: dt.date
    work_order: str | None = Field(None, max_length=20, description="found during this order")


# --- parts and stock -----------------------------------------------------------------------------


class PartOut(Schema):
    part_number: str
    name: str
    unit: str
    shelf_life_days: int | None
    reorder_point: int
    note: str
    marking: Marking
    version: int


class PartIn(Input):
    part_number: str = Field(min_length=1, max_length=40, pattern=r"^[A-Za-z0-9./-]+$")
    name: str = Field(min_length=1, max_length=200)
    unit: str = Field("ea", min_length=1, max_length=20)
    shelf_life_days: int | None = Field(None, ge=1, le=36_500)
    reorder_point: int = Field(0, ge=0, le=1_000_000)
    note: str = Field("", max_length=5000)
    marking: MarkingIn = "NRC"


class LotOut(Schema):
    part: str
    site: str | None = None
    lot: str
    quantity: int
    received_on: dt.date
    expires_on: dt.date | None
    version: int

    @staticmethod
    def resolve_part(obj) -> str:
        return obj.part.part_number  # read through its part

    @staticmethod
    def resolve_site(obj) -> str | None:
        found = shown(obj, "site")
        return found.code if found is not None else None


class ReceiptIn(Input):
    part: str = Field(min_length=1, max_length=40)
    site: str = Field(min_length=1, max_length=40)
    lot: str = Field(min_length=1, max_length=40)
    quantity: int = Field(ge=1, le=1_000_000)
    day: dt.date
    expires_on: dt.date | None = Field(None, description="empty: the part's shelf life")


class OrderLineOut(Schema):
    part: str | None = None  # None: a part the reader may not read
    quantity: int
    unit_price_minor: int

    @staticmethod
    def resolve_part(obj) -> str | None:
        return obj.part.part_number if getattr(obj, "part_shown", True) else None


class PartsOrderOut(Schema):
    number: str
    site: str | None = None
    fund: str | None = None
    supplier: str
    status: str
    ordered_on: dt.date
    expected_on: dt.date | None
    delivered_on: dt.date | None
    amount_minor: int
    currency: str
    lines: list[OrderLineOut]
    note: str
    marking: Marking
    version: int

    @staticmethod
    def resolve_site(obj) -> str | None:
        found = shown(obj, "site")
        return found.code if found is not None else None

    @staticmethod
    def resolve_fund(obj) -> str | None:
        found = shown(obj, "fund")
        return found.code if found is not None else None

    @staticmethod
    def resolve_lines(obj) -> list:
        return list(obj.lines.all())


class OrderLineIn(Input):
    part: str = Field(min_length=1, max_length=40)
    quantity: int = Field(ge=1, le=1_000_000)
    unit_price_minor: int = Field(ge=1, le=10**12, description="in the fund's minor units")


class PartsOrderIn(Input):
    site: str = Field(min_length=1, max_length=40)
    fund: Code
    supplier: str = Field(min_length=1, max_length=200)
    lines: list[OrderLineIn] = Field(min_length=1, max_length=100)
    ordered_on: dt.date
    expected_on: dt.date | None = None
    note: str = Field("", max_length=5000)
    marking: MarkingIn = "NRC"


class SettleIn(Input):
    day: dt.date


# --- service requests ----------------------------------------------------------------------------


class ServiceRequestIn(Input):
    requester: str = Field(description="the requesting nation's ISO3 code")
    title: str
    description: str
    requested_on: dt.date
    aircraft_type: Code | None = None
    aircraft: list[str] = Field(default_factory=list, description="tail numbers")


class ServiceRequestOut(Schema):
    number: str
    requester: str
    title: str
    description: str
    aircraft_type: str | None = None
    aircraft: list[str]
    requested_on: dt.date
    status: str
    decided_on: dt.date | None
    reason: str
    fund: str | None = None
    amount_minor: int | None
    currency: str
    funded_on: dt.date | None
    work_orders: list[str]
    version: int

    @staticmethod
    def resolve_requester(obj) -> str:
        return obj.requester.iso3

    @staticmethod
    def resolve_aircraft_type(obj) -> str | None:
        found = shown(obj, "aircraft_type")
        return found.code if found is not None else None

    @staticmethod
    def resolve_aircraft(obj) -> list[str]:
        # Prefetched through the reader's access (selectors.service_request_list).
        return [a.tail_number for a in obj.aircraft.all()]

    @staticmethod
    def resolve_fund(obj) -> str | None:
        found = shown(obj, "fund")
        return found.code if found is not None else None

    @staticmethod
    def resolve_work_orders(obj) -> list[str]:
        return [o.number for o in obj.work_orders.all()]


class ServiceRequestPatch(Input):
    expected_version: int = Field(ge=1, description="the version you read; a stale one is refused")
    title: str | None = None
    description: str | None = None
    aircraft_type: str | None = Field(None, description="a type's code; empty to name none")
    aircraft: list[str] | None = Field(None, description="tail numbers, in place of those named")


class ServiceRequestWithdrawIn(Input):
    reason: str = Field(min_length=1, max_length=2000)


class ServiceRequestDecisionIn(Input):
    approve: bool
    reason: str = ""
    day: dt.date


class FundingIn(Input):
    fund: Code
    amount_minor: int = Field(description="in the fund's minor units (cents)")
    day: dt.date


class RequestDayIn(Input):
    day: dt.date


# --- readiness -----------------------------------------------------------------------------------


class ScheduleIn(Input):
    days: int = Field(90, ge=1, le=366)
    time_limit_seconds: float = Field(10.0, ge=1, le=600)


class ReasonsOut(Schema):
    scheduled: int
    awaiting_parts: int
    awaiting_technician: int
    defect: int


class ReadinessNowOut(Schema):
    fleet: int
    available: int
    rate: float
    down: ReasonsOut


class GroupForecastOut(Schema):
    name: str
    fleet: int
    available: list[int]


class ForecastOut(Schema):
    start: dt.date
    days: int
    fleet: int
    available: list[int]
    down: dict[str, list[int]]
    by_type: list[GroupForecastOut]
    by_base: list[GroupForecastOut]


class ReadinessOut(Schema):
    now: ReadinessNowOut
    plan: int | None
    forecast: ForecastOut


class PlannedJobOut(Schema):
    aircraft: str
    base: str
    work: str
    defect: bool
    start_on: dt.date | None
    end_on: dt.date | None
    limit_on: dt.date
    grounded_from: dt.date | None
    waits_for: str


class MaintenancePlanOut(Schema):
    id: int
    solved_on: dt.date
    horizon_days: int
    status: str
    wall_time_s: float
    note: str
    jobs: list[PlannedJobOut]
