"""The transit API's schemas: ``<Entity>Out`` reads, ``<Entity>In`` writes."""

from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from ninja import Field, Schema
from pydantic import ValidationInfo, field_validator

from accord import access
from accord.core import selectors as core_selectors
from accord.inputs import Input, no_nul
from accord.markings import Marking
from accord.transit import selectors
from accord.transit.models import (
    Availability,
    CapUnit,
    CargoClass,
    ClosureTarget,
    Direction,
    Effect,
    EventKind,
    Mode,
)

Version = Field(ge=1, description="the version you read; a stale one is refused")


def _hidden(context) -> frozenset[str]:
    return core_selectors.hidden_nations_of(context["request"])


def _codes(codes, context) -> list[str]:
    # A stored list of nation codes: a hidden nation is said, not left out (see HIDDEN_NATION).
    return core_selectors.nation_codes_shown(codes, _hidden(context))


class NodeOut(Schema):
    code: str
    name: str
    country: str = Field(alias="country.iso3")
    kinds: list[str]
    latitude: Decimal
    longitude: Decimal
    coords_estimated: bool
    notes: str
    marking: Marking
    version: int


class NodeIn(Input):
    code: str = Field(pattern=r"^[a-z0-9_-]{1,40}$")
    name: str = Field(min_length=1, max_length=200)
    country: str = Field(pattern=r"^[A-Z]{3}$")
    kinds: list[str] = []
    latitude: Decimal = Field(ge=-90, le=90, decimal_places=5)
    longitude: Decimal = Field(ge=-180, le=180, decimal_places=5)
    coords_estimated: bool = False
    notes: str = Field("", max_length=5000)
    marking: Marking = Marking.NRC


class NodePatch(Input):
    expected_version: int = Version
    name: str | None = Field(None, min_length=1, max_length=200)
    latitude: Decimal | None = Field(None, ge=-90, le=90, decimal_places=5)
    longitude: Decimal | None = Field(None, ge=-180, le=180, decimal_places=5)
    notes: str | None = Field(None, max_length=5000)


class LegOut(Schema):
    code: str
    route: str
    origin: str = Field(alias="origin.code")
    destination: str = Field(alias="destination.code")
    mode: Mode
    distance_km: Decimal
    days: Decimal
    cost_per_teu: int
    cost_per_tonne: Decimal
    capacity_teu_month: int
    capacity_tonnes_month: Decimal | None
    operator: str
    two_way: bool
    countries: list[str]
    estimated: list[str]
    marking: Marking
    version: int

    @staticmethod
    def resolve_countries(obj, context) -> list[str]:
        return _codes(obj.countries, context)


class LegIn(Input):
    code: str = Field(pattern=r"^[A-Za-z0-9_-]{1,40}$")
    route: str = Field("", max_length=40)
    origin: str = Field(max_length=40)
    destination: str = Field(max_length=40)
    mode: str = Field(max_length=8)
    distance_km: Decimal = Field(max_digits=8, decimal_places=1)
    days: Decimal = Field(max_digits=6, decimal_places=2)
    cost_per_teu: int = Field(0, ge=-(10**9), le=10**9)
    cost_per_tonne: Decimal = Field(Decimal(0), max_digits=10, decimal_places=2)
    capacity_teu_month: int = Field(ge=-(10**9), le=10**9)
    capacity_tonnes_month: Decimal | None = Field(None, max_digits=10, decimal_places=1)
    operator: str = Field("", max_length=200)
    two_way: bool = True
    countries: list[str] = []
    marking: Marking = Marking.NRC


class LegPatch(Input):
    expected_version: int = Version
    days: Decimal | None = Field(None, max_digits=6, decimal_places=2)
    cost_per_teu: int | None = Field(None, ge=-(10**9), le=10**9)
    cost_per_tonne: Decimal | None = Field(None, max_digits=10, decimal_places=2)
    capacity_teu_month: int | None = Field(None, ge=-(10**9), le=10**9)
    capacity_tonnes_month: Decimal | None = Field(None, max_digits=10, decimal_places=1)
    operator: str | None = Field(None, max_length=200)
    countries: list[str] | None = None


class AgreementOut(Schema):
    code: str
    group: str
    title: str
    legal_basis: str | None = None
    country: str = Field(alias="country.iso3")
    mode: Mode
    cargo_class: CargoClass
    direction: Direction
    effect: Effect
    valid_from: date
    valid_to: date | None
    cap_amount: Decimal | None
    cap_unit: str
    parties: list[str]
    note: str
    estimated: bool
    marking: Marking
    version: int

    @staticmethod
    def resolve_parties(obj, context) -> list[str]:
        return _codes(obj.parties, context)

    @staticmethod
    def resolve_legal_basis(obj, context) -> str | None:
        # The council's register marks its legal bases: one the reader may not see is left out.
        basis = access.reachable(context["request"].user, obj.legal_basis)
        return basis.code if basis is not None else None


class AgreementIn(Input):
    code: str = Field(pattern=r"^[a-z0-9_-]{1,120}$")
    group: str = Field("", max_length=60)
    title: str = Field("", max_length=300)
    legal_basis: str = Field(max_length=60)
    country: str = Field(pattern=r"^[A-Z]{3}$")
    mode: str = Field(max_length=8)
    cargo_class: str = Field(max_length=12)
    direction: str = Field(max_length=16)
    effect: Effect = Effect.PERMIT
    valid_from: date
    valid_to: date | None = None
    cap_amount: Decimal | None = Field(None, gt=0, max_digits=12, decimal_places=2)
    cap_unit: CapUnit | None = None
    parties: list[str] = []
    note: str = Field("", max_length=5000)
    marking: Marking | None = None


class AgreementPatch(Input):
    expected_version: int = Version
    valid_from: date | None = None
    valid_to: date | None = None
    effect: Effect | None = None
    note: str | None = Field(None, max_length=5000)


class ConflictOut(Schema):
    first: str
    second: str
    country: str
    mode: str
    cargo_class: str
    direction: str
    start: date
    end: date | None
    kind: str
    message: str

    @staticmethod
    def resolve_message(obj, context) -> str:
        return core_selectors.nation_codes_redacted(obj.message, _hidden(context))


class ClosureOut(Schema):
    code: str
    target_kind: ClosureTarget
    target: str = Field(alias="target_code")
    start: date
    end: date | None
    reason: str
    marking: Marking
    version: int


class ClosureIn(Input):
    code: str = Field(pattern=r"^[a-z0-9_-]{1,60}$")
    target_kind: ClosureTarget
    target: str = Field(max_length=40)
    start: date
    end: date | None = None
    reason: str = Field("", max_length=5000)
    marking: Marking = Marking.NRC


class ClosurePatch(Input):
    expected_version: int = Version
    start: date | None = None
    end: date | None = None
    reason: str | None = Field(None, max_length=5000)


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


class RouteIn(Input):
    origin: str = Field(max_length=40)
    destination: str = Field(max_length=40)
    cargo_class: str = Field(max_length=20)
    direction: str = Field("to_afghanistan", max_length=20)
    on_date: date
    latest_arrival: date | None = None
    avoid_countries: list[str] = []
    modes: list[str] | None = None
    k: int = Field(3, ge=1, le=50)
    teu: int = Field(1, ge=1, le=100_000)
    tonnes: float | None = Field(None, gt=0, le=10**7)
    shipper: list[str] = []


class PermitOut(Schema):
    arc: str
    country: str
    agreement: str | None

    @staticmethod
    def resolve_country(obj, context) -> str:
        # The planner needs a permit in every country a leg crosses, so a hidden nation is said
        # in its place: leaving it out would show the route needing fewer permits than it does.
        return _codes([obj.country], context)[0]


class RouteOut(Schema):
    arcs: list[str]
    nodes: list[str]
    modes: list[str]
    cost: float
    days: float
    distance_km: float
    countries: list[str]
    permits: list[PermitOut]
    estimated: bool

    @staticmethod
    def resolve_countries(obj, context) -> list[str]:
        return _codes(obj.countries, context)


class ReasonOut(Schema):
    kind: str
    arc: str
    country: str | None
    record: str | None
    message: str

    @staticmethod
    def resolve_country(obj, context) -> str | None:
        return _codes([obj.country], context)[0] if obj.country else obj.country

    @staticmethod
    def resolve_message(obj, context) -> str:
        return core_selectors.nation_codes_redacted(obj.message, _hidden(context))


class BlockedOut(Schema):
    arcs: list[str]
    nodes: list[str]
    cost: float
    days: float
    reasons: list[ReasonOut]


class RouteAnswerOut(Schema):
    found: bool
    pareto: list[RouteOut]
    routes_by_cost: list[RouteOut]
    routes_by_time: list[RouteOut]
    blocked: list[BlockedOut]
    conflicts: list[ConflictOut]


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


class ShipmentOut(Schema):
    reference: str
    cargo_class: CargoClass
    direction: Direction
    teu: int
    tonnes: Decimal
    origin: str = Field(alias="origin.code")
    destination: str = Field(alias="destination.code")
    route: list[str]
    shipper: list[str]
    departure: date
    planned_arrival: date
    eta: date
    status: str
    delayed: bool
    current_node: str | None = None
    route_ok: bool
    route_problems: list[str]
    flagged: bool
    marking: Marking
    version: int

    @staticmethod
    def resolve_shipper(obj, context) -> list[str]:
        return _codes(obj.shipper, context)

    @staticmethod
    def resolve_route(obj, context) -> list[str]:
        # Only the legs the reader may read (a hidden leg names the places it joins).
        return selectors.shipment_route(actor=context["request"].user, shipment=obj)

    @staticmethod
    def resolve_route_problems(obj, context) -> list[str]:
        # Written as the recorder read the network: redacted for this reader, one set of
        # lookups per request however many shipments the page holds.
        request = context["request"]
        problems = getattr(request, "_accord_route_problems", None)
        if problems is None:
            problems = request._accord_route_problems = selectors.RouteProblems(request.user)
        return problems.of(obj)

    @staticmethod
    def resolve_current_node(obj) -> str | None:
        node = access.shown(obj, "current_node")  # flagged by the selector
        return node.code if node is not None else None


class ShipmentIn(Input):
    reference: str = Field(pattern=r"^[a-z0-9_-]{1,40}$")
    cargo_class: str = Field(max_length=20)
    direction: str = Field("to_afghanistan", max_length=20)
    teu: int = Field(ge=1, le=100_000)
    tonnes: Decimal = Field(gt=0, max_digits=10, decimal_places=1)
    origin: str = Field(max_length=40)
    destination: str = Field(max_length=40)
    route: list[str] = Field(min_length=1, max_length=50)
    shipper: list[str] = []
    departure: date
    notes: str = Field("", max_length=5000)


class EventIn(Input):
    kind: EventKind
    at: datetime
    node: str | None = Field(None, max_length=40)
    delay_days: Decimal = Field(Decimal(0), ge=0, max_digits=6, decimal_places=1)
    note: str = Field("", max_length=300)


class EventOut(Schema):
    kind: str
    at: datetime
    node: str | None = None
    delay_days: Decimal
    note: str
    reported_by: str

    @staticmethod
    def resolve_node(obj) -> str | None:
        node = access.shown(obj, "node")  # flagged by the selector
        return node.code if node is not None else None


class ImportIn(Input):
    # The whole request body is capped by Django's DATA_UPLOAD_MAX_MEMORY_SIZE (413 beyond it),
    # so the schema states that limit rather than a larger one the server would never accept.
    csv: str = Field(
        max_length=settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
        description=(
            "the carrier's CSV file's text; the whole request body may be at most "
            f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024):g} MB"
        ),
    )
    filename: str = Field("events.csv", max_length=200)

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value, info: ValidationInfo):
        # The file's text is checked by the import itself, which names the line a NUL is on.
        return value if info.field_name == "csv" else no_nul(value)


class EventImportOut(Schema):
    events: int
    shipments: int
