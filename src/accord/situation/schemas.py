"""The situation API's schemas: ``<Entity>Out`` reads, ``<Entity>In`` writes."""

import datetime as dt
from decimal import Decimal
from typing import Literal

from ninja import Field, Schema

from accord.access import shown
from accord.inputs import Input
from accord.markings import Marking

MarkingIn = Literal["PUBLIC", "NRC", "NATO"]
SourceIn = Literal["ucdp_ged", "acled"]
ControlIn = Literal["controlled", "contested", "insurgent", "unknown"]
AssessorIn = Literal["rs_assessment", "long_war_journal", "national_estimate", "insurgent_claim"]
ConfidenceIn = Literal["high", "medium", "low"]


class ProvinceOut(Schema):
    code: str
    name: str
    name_fa: str
    name_ps: str
    hasc: str
    wof_id: int | None
    label_longitude: Decimal
    label_latitude: Decimal
    district_count: int = 0


class DistrictOut(Schema):
    code: str
    name: str
    name_fa: str
    name_ps: str
    province: str = Field(alias="province.code")
    hasc: str
    wof_id: int | None
    label_longitude: Decimal
    label_latitude: Decimal


class ConflictEventOut(Schema):
    id: int
    source: str
    source_id: str
    release: str | None
    withdrawn: bool
    date_start: dt.date
    date_end: dt.date
    date_precision: int
    latitude: Decimal
    longitude: Decimal
    where_precision: int
    where_description: str
    district: str | None = Field(None, alias="district.code")
    province: str | None = Field(None, alias="province.code")
    violence_type: str
    side_a: str
    side_b: str
    deaths_best: int
    deaths_low: int | None
    deaths_high: int | None
    warnings: list[str]
    marking: Marking
    version: int

    @staticmethod
    def resolve_release(obj) -> str | None:
        # A PUBLIC event of a release the reader may not read never names that release.
        found = shown(obj, "release")
        return found.name if found is not None else None


class CountOut(Schema):
    place: str | None
    month: dt.date
    events: int
    deaths: int


class ReleaseOut(Schema):
    id: int
    source: str
    name: str
    filename: str
    imported_at: dt.datetime
    imported_by: str
    rows: int
    added: int
    modified: int
    withdrawn: int
    unchanged: int
    report: dict
    marking: Marking


class ClaimIn(Input):
    district: str = Field(min_length=1, max_length=32)
    assessor: AssessorIn
    status: ControlIn
    as_of: dt.date
    confidence: ConfidenceIn
    source: str = Field("", max_length=500)
    source_url: str = Field("", max_length=500)
    note: str = Field("", max_length=4000)
    estimated: bool = False
    marking: MarkingIn = "PUBLIC"


class ClaimOut(Schema):
    id: int
    district: str = Field(alias="district.code")
    assessor: str
    status: str
    as_of: dt.date
    confidence: str
    source: str
    source_url: str
    note: str
    estimated: bool
    marking: Marking
    version: int


class StandingOut(Schema):
    district: str
    disagree: bool
    stale: list[str]
    claims: list[ClaimOut]


MeasureIn = Literal[
    "cultivation_ha",
    "eradication_ha",
    "production_t",
    "production_share",
    "price_usd_kg",
    "heroin_t",
]
DrugIn = Literal["heroin", "opium", "morphine", "hashish", "precursors"]
IncidentKindIn = Literal[
    "armed_attack",
    "bombing",
    "suicide_attack",
    "rocket",
    "kidnapping",
    "hijacking",
    "cbrn",
    "other",
]
TaskStatusIn = Literal["open", "in_progress", "done", "cancelled"]


class FigureOut(Schema):
    key: str
    measure: str
    province: str | None = Field(None, alias="province.code")
    year: int
    value: Decimal
    note: str
    confidence: str
    estimated: bool
    sources: list[str]
    marking: Marking

    @staticmethod
    def resolve_sources(obj) -> list[str]:
        return [source.code for source in obj.sources.all()]


class TraffickingRouteOut(Schema):
    code: str
    name: str
    description: str
    waypoints: list[dict]
    confidence: str
    estimated: bool
    sources: list[str]
    marking: Marking

    @staticmethod
    def resolve_sources(obj) -> list[str]:
        return [source.code for source in obj.sources.all()]


class SeizureIn(Input):
    seized_on: dt.date
    agency: str = Field(min_length=1, max_length=200)
    nation: str = Field(min_length=3, max_length=3)
    drug: DrugIn
    quantity_kg: Decimal = Field(gt=0, max_digits=12, decimal_places=3)
    place: str = Field(min_length=1, max_length=200)
    latitude: Decimal = Field(ge=-90, le=90, max_digits=9, decimal_places=6)
    longitude: Decimal = Field(ge=-180, le=180, max_digits=9, decimal_places=6)
    route: str | None = Field(None, max_length=40)
    graduates: list[int] = Field(default_factory=list, max_length=200)
    source: str = Field("", max_length=500)
    note: str = Field("", max_length=4000)
    marking: MarkingIn = "PUBLIC"


class SeizureOut(Schema):
    id: int
    seized_on: dt.date
    agency: str
    nation: str = Field(alias="nation.iso3")
    drug: str
    quantity_kg: Decimal
    place: str
    latitude: Decimal
    longitude: Decimal
    province: str | None = Field(None, alias="province.code")
    route: str | None
    source: str
    note: str
    marking: Marking
    version: int

    @staticmethod
    def resolve_route(obj) -> str | None:
        found = shown(obj, "route")
        return found.code if found is not None else None


class IncidentIn(Input):
    title: str = Field(min_length=1, max_length=200)
    occurred_on: dt.date
    kind: IncidentKindIn
    place: str = Field(min_length=1, max_length=200)
    latitude: Decimal = Field(ge=-90, le=90, max_digits=9, decimal_places=6)
    longitude: Decimal = Field(ge=-180, le=180, max_digits=9, decimal_places=6)
    killed: int = Field(0, ge=0, le=100000)
    injured: int = Field(0, ge=0, le=100000)
    description: str = Field("", max_length=4000)
    marking: MarkingIn = "PUBLIC"


class IncidentOut(Schema):
    id: int
    title: str
    occurred_on: dt.date
    kind: str
    place: str
    latitude: Decimal
    longitude: Decimal
    district: str | None = Field(None, alias="district.code")
    province: str | None = Field(None, alias="province.code")
    killed: int
    injured: int
    description: str
    marking: Marking
    version: int


class TaskIn(Input):
    title: str = Field(min_length=1, max_length=200)
    owner: str = Field(min_length=1, max_length=200)
    due_on: dt.date
    status: TaskStatusIn = "open"
    note: str = Field("", max_length=4000)


class TaskPatch(Input):
    status: TaskStatusIn | None = None
    owner: str | None = Field(None, min_length=1, max_length=200)
    due_on: dt.date | None = None
    expected_version: int


class TaskOut(Schema):
    id: int
    incident: int = Field(alias="incident_id")
    title: str
    owner: str
    due_on: dt.date
    status: str
    note: str
    marking: Marking
    version: int


class ExposedOut(Schema):
    kind: str  # site, leg, shipment
    code: str
    name: str
    km: float
    hazards: int  # how many hazards lie within the distance (a shipment: of its nearest leg)
    nearest: str  # "incident:12" or "event:345"
    legs: list[str] = []  # a shipment's exposed legs


class ExposureOut(Schema):
    km: float
    date_from: dt.date
    date_to: dt.date
    incidents: int
    events: int
    exposed: list[ExposedOut]
