"""Per-operation schemas of personnel's API: ``<Entity>Out`` reads, ``<Entity>In`` writes."""

from __future__ import annotations

from datetime import date, datetime

from ninja import Field, Schema

from accord.access import shown
from accord.inputs import ISO3, Input, Text
from accord.markings import Marking
from accord.personnel.choices import Reason


def _attr(related, attribute: str = "code"):
    # A reference the reader may not see arrives as None and is left out.
    return getattr(related, attribute) if related is not None else None


class UnitOut(Schema):
    code: str
    name: str
    kind: str
    nation: str | None = None
    parent: str | None = None
    site: str | None = None
    note: str
    estimated: bool
    marking: Marking
    version: int

    @staticmethod
    def resolve_nation(obj):
        return _attr(shown(obj, "nation"), "iso3")

    @staticmethod
    def resolve_parent(obj):
        return _attr(shown(obj, "parent"))

    @staticmethod
    def resolve_site(obj):
        return _attr(shown(obj, "site"))


class PositionOut(Schema):
    id: int
    code: str
    unit: str | None = None
    fiscal_year: str | None = None
    grade: str
    specialty: str
    authorised: int
    filled: int
    wage_line: str | None = None
    estimated: bool
    marking: Marking
    version: int

    @staticmethod
    def resolve_unit(obj):
        return _attr(shown(obj, "unit"))

    @staticmethod
    def resolve_fiscal_year(obj):
        return _attr(shown(obj, "fiscal_year"), "label")

    @staticmethod
    def resolve_wage_line(obj):
        return _attr(shown(obj, "wage_line"))


class PositionIn(Input):
    unit: Text
    fiscal_year: Text
    code: str = Field(pattern=r"^[a-z0-9_-]{1,60}$")
    grade: str
    specialty: str = Field(min_length=1, max_length=100)
    authorised: int = Field(ge=1, le=1_000_000)
    wage_line: Text = Field(description="the code of a wage line of the same fiscal year")


class UnitStrengthOut(Schema):
    unit: str
    authorised: int
    assigned: int


class SlotOut(Schema):
    id: int
    position: str | None = None
    starts: date
    ends: date | None
    confirmed: bool

    @staticmethod
    def resolve_position(obj):
        return _attr(shown(obj, "position"))

    @staticmethod
    def resolve_confirmed(obj):
        return obj.confirmed_at is not None


class PersonOut(Schema):
    id: int
    number: str
    biometric_id: str
    given_name: str
    family_name: str
    nation: str
    date_of_birth: date | None
    stage: str
    confirmed: bool
    duplicate_of: int | None = None
    left_on: date | None
    version: int

    @staticmethod
    def resolve_nation(obj):
        return obj.nation.iso3

    @staticmethod
    def resolve_confirmed(obj):
        return obj.confirmed

    @staticmethod
    def resolve_duplicate_of(obj):
        return obj.duplicate_of_id


class PersonnelPersonIn(Input):
    number: str = Field(min_length=1, max_length=40)
    biometric_id: str = Field(min_length=1, max_length=64)
    given_name: str = Field(min_length=1, max_length=100)
    family_name: str = Field("", max_length=100)
    nation: ISO3
    date_of_birth: date | None = None


class SlotIn(Input):
    position: Text = Field(description="the position's code")
    fiscal_year: Text = Field(description="the position's fiscal year, e.g. 1395")
    starts: date


class AdvanceIn(Input):
    stage: str
    expected_version: int = Field(ge=1)


class AttritionIn(Input):
    kind: str
    on: date
    note: str = Field("", max_length=2000)


class PayrollMonthOut(Schema):
    id: int
    nation: str | None = None
    month: str
    fiscal_year: str | None = None
    currency: str
    lines: int
    flagged: int
    paid_minor: int
    flagged_minor: int
    roster_entries: int
    reconciled_at: datetime | None
    marking: Marking
    version: int

    @staticmethod
    def resolve_nation(obj):
        return _attr(shown(obj, "nation"), "iso3")

    @staticmethod
    def resolve_month(obj):
        return obj.key

    @staticmethod
    def resolve_fiscal_year(obj):
        return _attr(shown(obj, "fiscal_year"), "label")


class ReportRowOut(Schema):
    unit: str | None
    lines: int
    flagged: int
    paid_minor: int
    eft: int
    accepted: int = Field(description="flagged lines accepted by a confirmed override")
    reasons: dict[str, int]


class MonthDetailOut(PayrollMonthOut):
    report: list[ReportRowOut]


class LineOut(Schema):
    id: int
    line_no: int
    number: str
    position: str | None = None
    amount_minor: int
    eft: bool
    person: int | None
    flagged: bool
    reasons: list[str]
    overridden: bool = False

    @staticmethod
    def resolve_position(obj):
        return _attr(shown(obj, "position"))

    @staticmethod
    def resolve_person(obj):
        return obj.person_id

    @staticmethod
    def resolve_reasons(obj):
        return [reason for reason in Reason.values if getattr(obj, f"reason_{reason}")]

    @staticmethod
    def resolve_overridden(obj):
        # A line without an override has no ``override`` (the accessor raises AttributeError).
        override = getattr(obj, "override", None)
        return bool(override is not None and override.confirmed_at is not None)


class OverrideIn(Input):
    reason: str = Field(min_length=1, max_length=2000)


class OverrideOut(Schema):
    line: int
    reason: str
    requested_by: str | None
    confirmed_by: str | None
    confirmed_at: datetime | None

    @staticmethod
    def resolve_line(obj):
        return obj.line_id

    @staticmethod
    def resolve_requested_by(obj):
        return obj.requested_by.username if obj.requested_by_id else None

    @staticmethod
    def resolve_confirmed_by(obj):
        return obj.confirmed_by.username if obj.confirmed_by_id else None
