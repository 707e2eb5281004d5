"""The planning API's schemas: leases, demands and flow plans."""

from datetime import date, datetime
from decimal import Decimal

from ninja import Field, Schema

from accord.inputs import Input
from accord.markings import Marking
from accord.transit.models import Availability, CargoClass, Direction, Mode
from accord.transit.network.schemas import Version
from accord.transit.planning import selectors


class LeaseIn(Input):
    code: str = Field(pattern=r"^[a-z0-9_-]{1,60}$")
    provider: str = Field(min_length=1, max_length=200)
    participant: str | None = Field(None, pattern=r"^[A-Z]{3}$")
    mode: str = Field(max_length=8)
    legs: list[str] = []
    teu_per_sortie: int = Field(ge=-(10**6), le=10**6)
    tonnes_per_sortie: Decimal = Field(max_digits=8, decimal_places=1)
    cost_per_sortie: int = Field(ge=-(10**9), le=10**9)
    hours_per_sortie: Decimal = Field(max_digits=6, decimal_places=1)
    period_start: date
    period_end: date
    availability: Availability = Availability.FULL_TIME
    notice_days: int = Field(0, ge=0, le=365)
    quota_hours_year: Decimal = Field(Decimal(0), ge=0, max_digits=8, decimal_places=1)
    quota_group: str = Field("", pattern=r"^[a-z0-9_-]{0,40}$")
    max_sorties_month: int = Field(30, ge=0, le=10_000)


class LeasePatch(Input):
    expected_version: int = Version
    cost_per_sortie: int | None = Field(None, ge=-(10**9), le=10**9)
    period_end: date | None = None
    max_sorties_month: int | None = Field(None, ge=0, le=10_000)
    quota_hours_year: Decimal | None = Field(None, ge=0, max_digits=8, decimal_places=1)


class LeaseOut(Schema):
    code: str
    provider: str
    mode: Mode
    legs: list[str]
    teu_per_sortie: int
    tonnes_per_sortie: Decimal
    cost_per_sortie: int
    hours_per_sortie: Decimal
    period_start: date
    period_end: date
    availability: Availability
    notice_days: int
    quota_hours_year: Decimal
    quota_group: str
    max_sorties_month: int
    marking: Marking
    version: int

    @staticmethod
    def resolve_legs(obj):
        # Cut by the selector to the legs the reader may read (``shown_legs``).
        return sorted(leg.code for leg in obj.shown_legs)


class DemandOut(Schema):
    id: int
    code: str
    month: date
    origin: str = Field(alias="origin.code")
    destination: str = Field(alias="destination.code")
    cargo_class: CargoClass
    direction: Direction
    teu: int
    tonnes: Decimal
    latest_days: int | None
    marking: Marking
    version: int


class DemandIn(Input):
    code: str = Field(pattern=r"^[a-z0-9_-]{1,60}$")
    month: date
    origin: str = Field(max_length=40)
    destination: str = Field(max_length=40)
    cargo_class: str = Field(max_length=12)
    direction: str = Field("to_afghanistan", max_length=16)
    teu: int = Field(ge=-(10**6), le=10**6)
    tonnes: Decimal = Field(max_digits=10, decimal_places=1)
    latest_days: int | None = Field(None, ge=1, le=365)


class PlanIn(Input):
    month: str = Field(pattern=r"^\d{4}-\d{2}$", description="YYYY-MM")
    days_weight: float = Field(0.0, ge=0, le=10**6)
    time_limit_seconds: float = Field(60.0, gt=0, le=600)


class PlanOut(Schema):
    id: int
    month: date
    created_at: datetime
    created_by: str
    status: str
    cost: Decimal
    objective: float
    lp_bound: float | None
    gap: float | None
    solve_seconds: float
    demand_teu: int
    unmet_teu: int
    result: dict
    marking: Marking

    @staticmethod
    def resolve_result(obj, context) -> dict:
        # The codes it was solved with, as the reader may read them (selectors.plan_shown).
        return selectors.plan_shown(actor=context["request"].user, plan=obj)["result"]


class CapacityIn(Input):
    month: str = Field(pattern=r"^\d{4}-\d{2}$", description="YYYY-MM")
    code: str = Field(max_length=40, description="a leg's or a place's code")
    teu: int = Field(ge=0, le=10**6, description="TEU that month (a leg: each way)")


class PeriodPlanIn(Input):
    first_month: str = Field(pattern=r"^\d{4}-\d{2}$", description="YYYY-MM")
    months: int = Field(3, ge=0, le=120, description="one to six")
    holding_cost_per_teu_month: float = Field(100.0, ge=0, le=10**6)
    capacities: list[CapacityIn] = Field([], max_length=500)


class PeriodPlanOut(Schema):
    id: int
    first_month: date
    months: int
    created_at: datetime
    created_by: str
    status: str
    transport_cost: Decimal
    holding_cost: Decimal
    holding_cost_per_teu_month: Decimal
    solve_seconds: float
    demand_teu: int
    unmet_teu: int
    marking: Marking


class PeriodMovementOut(Schema):
    id: int | None = Field(None, alias="pk", description="cite it as a shipment's allocation")
    month: date
    demand: str
    leg: str
    origin: str
    destination: str
    teu: int
    cost: float
    hidden: bool


class PeriodStockOut(Schema):
    node: str
    hidden: bool
    teu: list[int] = Field(description="TEU waiting at the end of each of the plan's months")


class PlanActualOut(Schema):
    month: date
    leg: str
    hidden: bool
    planned_teu: int = Field(alias="teu")
    shipped_teu: int


class PeriodPlanDetailOut(PeriodPlanOut):
    movements: list[PeriodMovementOut]
    inventory: list[PeriodStockOut]
    plan_versus_actual: list[PlanActualOut]
    unmet: list[dict]
