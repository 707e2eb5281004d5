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
