"""Per-operation schemas of advising's API: ``<Entity>Out`` reads, ``<Entity>In`` writes."""

from __future__ import annotations

from datetime import date
from typing import Literal

from ninja import Field, Schema

from accord.access import shown
from accord.inputs import Input, Text
from accord.markings import Marking


def _code(related, attribute: str = "code"):
    # A reference the reader may not see arrives as None and is left out.
    return getattr(related, attribute) if related is not None else None


class FunctionOut(Schema):
    code: str
    name: str
    marking: Marking


Slug = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9-]+$")
MarkingField = Field(None, description="PUBLIC, NRC, NATO or NATIONAL (your nation's own)")


class AdvisingPatchBase(Input):
    expected_version: int = Field(ge=1, description="the version you read; a stale one is refused")


class TeamIn(Input):
    code: Text = Slug
    name: str = Field(min_length=1, max_length=200)
    site: Text = Field(description="the code of the hub or spoke the team works from")
    lead_nation: str | None = Field(None, description="the lead nation's ISO 3166 alpha-3 code")
    note: str = Field("", max_length=5000)
    marking: Marking | None = MarkingField


class TeamPatch(AdvisingPatchBase):
    """What changes on a team; its site stays."""

    code: Text | None = Field(None, min_length=1, max_length=40, pattern=r"^[a-z0-9-]+$")
    name: str | None = Field(None, min_length=1, max_length=200)
    lead_nation: str | None = Field(None, description='ISO 3166 alpha-3; "" for none')
    note: str | None = Field(None, max_length=5000)
    marking: Marking | None = MarkingField


class TeamOut(Schema):
    code: str
    name: str
    site: str | None = None
    lead_nation: str | None = None
    note: str
    marking: Marking
    version: int

    @staticmethod
    def resolve_site(obj):
        return _code(shown(obj, "site"))

    @staticmethod
    def resolve_lead_nation(obj):
        return _code(shown(obj, "lead_nation"), "iso3")


KindIn = Literal["ministry", "corps", "police_zone"]
MinistryIn = Literal["mod", "moi"]


class CounterpartIn(Input):
    team: Text = Field(description="the advisor team's code; the counterpart takes its site")
    code: Text = Slug
    name: str = Field(min_length=1, max_length=200)
    kind: KindIn
    ministry: MinistryIn
    unit: str | None = Field(None, description="the code of a personnel unit, where it has one")
    marking: Marking | None = MarkingField


class CounterpartPatch(AdvisingPatchBase):
    """What changes on a counterpart; its team stays."""

    code: Text | None = Field(None, min_length=1, max_length=40, pattern=r"^[a-z0-9-]+$")
    name: str | None = Field(None, min_length=1, max_length=200)
    kind: KindIn | None = None
    ministry: MinistryIn | None = None
    unit: str | None = Field(None, description='a personnel unit\'s code; "" for none')
    marking: Marking | None = MarkingField


class CounterpartOut(Schema):
    code: str
    name: str
    kind: str
    ministry: str
    team: str | None = None
    site: str | None = None
    unit: str | None = None
    marking: Marking
    version: int

    @staticmethod
    def resolve_team(obj):
        return _code(shown(obj, "team"))

    @staticmethod
    def resolve_site(obj):
        return _code(shown(obj, "site"))

    @staticmethod
    def resolve_unit(obj):
        return _code(shown(obj, "unit"))


class ObjectiveIn(Input):
    function: Text = Field(description="the Essential Function's code, EF1 to EF8")
    code: Text = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9-]+$")
    title: str = Field(min_length=1, max_length=300)


class ObjectiveOut(Schema):
    code: str
    counterpart: str
    function: str | None = None
    title: str
    marking: Marking

    @staticmethod
    def resolve_counterpart(obj):
        return obj.counterpart.code  # the objectives of a counterpart the reader reads

    @staticmethod
    def resolve_function(obj):
        return _code(shown(obj, "function"))


class MilestoneIn(Input):
    objective: Text = Field(description="the objective's code, under the counterpart")
    code: Text = Field(min_length=1, max_length=40, pattern=r"^[a-z0-9-]+$")
    title: str = Field(min_length=1, max_length=300)
    due: date | None = None


class MilestoneOut(Schema):
    id: int
    code: str
    title: str
    due: date | None
    objective: str | None = None
    counterpart: str | None = None
    function: str | None = None
    latest_score: int | None = None
    latest_on: date | None = None
    marking: Marking

    @staticmethod
    def resolve_objective(obj):
        return obj.objective.code if obj.objective_shown else None

    @staticmethod
    def resolve_counterpart(obj):
        return obj.objective.counterpart.code if obj.counterpart_shown else None

    @staticmethod
    def resolve_function(obj):
        return obj.objective.function.code if obj.function_shown else None


class RatingIn(Input):
    rated_on: date
    score: int = Field(description="1 (not started) to 5 (sustained without advisors)")
    note: str = Field("", max_length=2000)


class RatingOut(Schema):
    id: int
    milestone: int
    rated_on: date
    score: int
    note: str
    marking: Marking

    @staticmethod
    def resolve_milestone(obj):
        return obj.milestone_id


class RatingEvidenceIn(Input):
    kind: Text = Field(description="budget_execution, payroll_reconciliation or finding")
    record: int = Field(gt=0, description="the id of the budget line or the payroll month")
    note: str = Field("", max_length=500)


class EvidenceOut(Schema):
    id: int
    rating: int
    kind: str
    record: int | None = Field(None, description="absent when you may not read the record")
    label: str | None = None
    note: str


class ReportIn(Input):
    counterpart: Text
    function: Text = Field(description="the Essential Function's code, EF1 to EF8")
    held_on: date
    advisors: str = Field(min_length=1, max_length=500)
    notes: str = Field(min_length=1, max_length=20_000)
    marking: Marking | None = Field(None, description="NATO (the default) or NATIONAL")


class ReportOut(Schema):
    id: int
    counterpart: str | None = None
    function: str | None = None
    site: str | None = None
    held_on: date
    advisors: str
    notes: str
    marking: Marking
    owner_nation: str | None = None

    @staticmethod
    def resolve_counterpart(obj):
        return _code(shown(obj, "counterpart"))

    @staticmethod
    def resolve_function(obj):
        return _code(shown(obj, "function"))

    @staticmethod
    def resolve_site(obj):
        return _code(shown(obj, "site"))

    @staticmethod
    def resolve_owner_nation(obj):
        return obj.owner_nation.iso3 if obj.owner_nation_id else None


class TrendPointOut(Schema):
    month_end: date
    mean: float
    milestones: int


class TrendOut(Schema):
    key: str
    label: str
    points: list[TrendPointOut]
