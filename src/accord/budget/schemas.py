"""The budget API's schemas: ``<Entity>Out`` reads, ``<Entity>In`` writes, ``<Entity>Patch``."""

import datetime as dt
from typing import Literal

from ninja import Field, Schema

from accord.access import can_view, reachable
from accord.budget.selectors import Place, mtef_table_years, place_of
from accord.inputs import Code, Input
from accord.markings import Marking

MarkingIn = Literal["PUBLIC", "NRC", "NATO"]
EntryKindIn = Literal["requirement", "allotment", "commitment", "expenditure"]
Label = Field(pattern=r"^\d{4}T?$", description="The solar fiscal year, e.g. 1394")


class FiscalYearOut(Schema):
    label: str
    start: dt.date
    end: dt.date
    status: str
    transitional: bool
    note: str
    marking: Marking
    version: int


class FiscalYearIn(Input):
    label: str = Label
    marking: MarkingIn = "PUBLIC"
    note: str = Field("", max_length=2000)


class VersionIn(Input):
    expected_version: int = Field(ge=1, description="the version you read; a stale one is refused")


class MinistryOut(Schema):
    code: str
    name: str
    short_name: str
    organisation: str | None = None
    note: str
    marking: Marking
    version: int

    @staticmethod
    def resolve_organisation(obj, context) -> str | None:
        # The registry marks its organisations: one the reader may not see is left out.
        organisation = reachable(context["request"].user, obj.organisation)
        return organisation.code if organisation is not None else None


class MinistryIn(Input):
    code: Code
    name: str = Field(min_length=1, max_length=200)
    short_name: str = Field("", max_length=40)
    organisation: str | None = Field(None, description="code of a registry organisation")
    note: str = Field("", max_length=5000)
    marking: MarkingIn = "PUBLIC"


class ProgrammeOut(Schema):
    id: int
    ministry: str | None = None  # None: a ministry the reader may not read
    code: str
    name: str
    note: str
    marking: Marking
    version: int

    @staticmethod
    def resolve_ministry(obj, context) -> str | None:
        return _code(_place(obj, context).ministry)


class ProgrammeIn(Input):
    ministry: Code
    code: Code
    name: str = Field(min_length=1, max_length=200)
    note: str = Field("", max_length=5000)
    marking: MarkingIn = "PUBLIC"


class SubProgrammeOut(Schema):
    id: int
    ministry: str | None = None
    programme: str | None = None
    code: str
    name: str
    note: str
    marking: Marking
    version: int

    @staticmethod
    def resolve_ministry(obj, context) -> str | None:
        return _code(_place(obj, context).ministry)

    @staticmethod
    def resolve_programme(obj, context) -> str | None:
        return _code(obj.programme if _readable(obj.programme, context) else None)


class SubProgrammeIn(Input):
    ministry: Code
    programme: Code
    code: Code
    name: str = Field(min_length=1, max_length=200)
    note: str = Field("", max_length=5000)
    marking: MarkingIn = "PUBLIC"


class BudgetLineOut(Schema):
    """A line; a level above it that the reader may not read is null (see ``place_of``)."""

    id: int
    fiscal_year: str | None = None
    ministry: str | None = None
    programme: str | None = None
    sub_programme: str | None = None
    code: str
    name: str
    currency: str
    estimated: bool
    on_budget: bool
    economic_code: str = Field(description="GFS 2014 economic classification; empty if none")
    note: str
    marking: Marking
    version: int

    @staticmethod
    def resolve_fiscal_year(obj, context) -> str | None:
        fiscal_year = _place(obj, context).fiscal_year
        return fiscal_year.label if fiscal_year else None

    @staticmethod
    def resolve_ministry(obj, context) -> str | None:
        return _code(_place(obj, context).ministry)

    @staticmethod
    def resolve_programme(obj, context) -> str | None:
        return _code(_place(obj, context).programme)

    @staticmethod
    def resolve_sub_programme(obj, context) -> str | None:
        return _code(_place(obj, context).sub_programme)


class BudgetLineIn(Input):
    fiscal_year: str = Label
    ministry: Code
    programme: Code
    sub_programme: Code
    code: Code
    name: str = Field(min_length=1, max_length=200)
    currency: str = Field("AFN", description="AFN or USD")
    estimated: bool = False
    on_budget: bool = True
    economic_code: str = Field("", max_length=3, description="GFS 2014 code, e.g. 21 or 22")
    note: str = Field("", max_length=5000)
    marking: MarkingIn = "PUBLIC"


class BudgetLinePatch(VersionIn):
    name: str | None = Field(None, min_length=1, max_length=200)
    note: str | None = Field(None, max_length=5000)
    estimated: bool | None = None
    on_budget: bool | None = None
    economic_code: str | None = Field(None, max_length=3)


class BudgetEntryOut(Schema):
    id: int
    line: int = Field(alias="line_id")
    kind: str
    date: dt.date
    amount_minor: int
    signed_minor: int
    currency: str = Field(alias="line.currency")
    reference: str
    note: str
    over_allotment: bool
    justification: str
    reverses: int | None = Field(None, alias="reverses_id")
    estimated: bool
    marking: Marking


class BudgetEntryIn(Input):
    kind: EntryKindIn
    date: dt.date
    amount_minor: int = Field(description="positive, in minor units of the line's currency")
    reference: str = Field("", max_length=100)
    note: str = Field("", max_length=5000)
    over_allotment: bool = False
    justification: str = Field("", max_length=5000)


class BudgetReverseIn(Input):
    reason: str = Field(min_length=1, max_length=2000)
    date: dt.date | None = None


class FiguresOut(Schema):
    requirement: int
    allotment: int
    commitment: int
    expenditure: int
    execution_rate: str | None = Field(description="expended / allotted, 4 decimals")


class ExecutionRowOut(Schema):
    level: str
    path: list[str]
    name: str
    line_id: int | None
    figures: FiguresOut


class ExecutionOut(Schema):
    fiscal_year: str
    currency: str
    by: str
    rows: list[ExecutionRowOut]
    total: FiguresOut


class MonthOut(Schema):
    month: str
    name: str
    start: dt.date
    end: dt.date
    expended: int
    cumulative: int
    cumulative_rate: str | None


class MonthlyOut(Schema):
    fiscal_year: str
    currency: str
    allotment: int
    months: list[MonthOut]


class DisbursementOut(Schema):
    budget_line_id: int
    fund: str
    date: dt.date
    amount_minor: int
    currency: str
    payee: str = ""
    reference: str = ""
    url: str = ""


class SustainmentPledgeOut(Schema):
    id: int
    year: int
    donor_group: str
    pledged_usd_minor: int
    actual_usd_minor: int | None
    pledged_estimated: bool
    actual_estimated: bool
    legal_basis: str | None = None
    joint_action: str | None = None
    note: str
    marking: Marking
    version: int

    # The council's records keep their own marking: a PUBLIC pledge must not reveal the code
    # of a NATO-marked joint action to a reader who may not open it.
    @staticmethod
    def resolve_legal_basis(obj, context) -> str | None:
        return _readable_code(obj.legal_basis, context)

    @staticmethod
    def resolve_joint_action(obj, context) -> str | None:
        return _readable_code(obj.joint_action, context)


def _actor(context):
    return getattr((context or {}).get("request"), "user", None)


def _readable_code(record, context) -> str | None:
    if record is None:
        return None
    return record.code if can_view(_actor(context), record) else None


def _readable(record, context) -> bool:
    return can_view(_actor(context), record)


def _place(obj, context) -> Place:
    return place_of(actor=_actor(context), record=obj)


def _code(record) -> str | None:
    return record.code if record is not None else None


class SustainmentPledgeIn(Input):
    year: int = Field(ge=2012, le=2030)
    donor_group: str
    pledged_usd_minor: int
    actual_usd_minor: int | None = None
    pledged_estimated: bool = False
    actual_estimated: bool = False
    note: str = Field("", max_length=5000)
    marking: MarkingIn = "PUBLIC"


class SustainmentPledgePatch(VersionIn):
    pledged_usd_minor: int | None = None
    actual_usd_minor: int | None = None
    pledged_estimated: bool | None = None
    actual_estimated: bool | None = None
    note: str | None = Field(None, max_length=5000)


class SustainmentYearOut(Schema):
    year: int
    pledged_usd_minor: int
    actual_usd_minor: int | None = Field(description="empty while no group's actual is known")
    gap_usd_minor: int | None
    rate: str | None
    complete: bool
    estimated: bool
    groups: list[SustainmentPledgeOut]


class VirementOut(Schema):
    id: int
    from_line: int = Field(alias="from_line_id")
    to_line: int = Field(alias="to_line_id")
    amount_minor: int
    currency: str = Field(alias="from_line.currency")
    reason: str
    status: str = Field(description="requested, approved or rejected")
    requested_by: str
    requested_at: dt.datetime
    decided_by: str
    decided_at: dt.datetime | None = None
    decision_note: str
    marking: Marking
    version: int


class VirementIn(Input):
    from_line: int = Field(description="the line giving the allotment")
    to_line: int = Field(description="the line receiving it: same fiscal year and currency")
    amount_minor: int = Field(description="positive, in minor units of the lines' currency")
    reason: str = Field(max_length=2000)


class VirementDecisionIn(Input):
    note: str = Field("", max_length=2000)


class ReportCellOut(Schema):
    row: str
    column: str
    amount_minor: int


class BudgetReportOut(Schema):
    """Execution pivoted by two dimensions: the labels in order and the non-empty cells (a
    record the reader may not read is labelled "—")."""

    rows: str
    columns: str
    kind: str
    currency: str
    rows_labels: list[str]
    columns_labels: list[str]
    cells: list[ReportCellOut]
    total_minor: int


# --- the medium-term expenditure framework -----------------------------------------------------

Minor = Field(ge=0, description="integer minor units of the projection's currency")


class ProjectionOut(Schema):
    """A programme's projections for years N+1 to N+3 (``years``) and their ceilings; a
    programme, ministry or year the reader may not read is null."""

    id: int
    fiscal_year: str | None = Field(None, description="year N")
    ministry: str | None = None
    programme: str | None = None
    currency: str
    years: list[str] = Field(description="the labels of years N+1, N+2 and N+3")
    projected_1_minor: int
    projected_2_minor: int
    projected_3_minor: int
    ceiling_1_minor: int
    ceiling_2_minor: int
    ceiling_3_minor: int
    over_ceiling: list[bool] = Field(description="per projected year: above its ceiling")
    estimated: bool
    note: str
    marking: Marking
    version: int

    @staticmethod
    def resolve_fiscal_year(obj, context) -> str | None:
        return obj.fiscal_year.label if _readable(obj.fiscal_year, context) else None

    @staticmethod
    def resolve_ministry(obj, context) -> str | None:
        return _readable_code(obj.programme.ministry, context)

    @staticmethod
    def resolve_programme(obj, context) -> str | None:
        return _readable_code(obj.programme, context)

    @staticmethod
    def resolve_years(obj, context) -> list[str]:
        if not _readable(obj.fiscal_year, context):
            return []
        return list(mtef_table_years(fiscal_year=obj.fiscal_year))

    @staticmethod
    def resolve_over_ceiling(obj, context) -> list[bool]:
        return [
            amount > ceiling for amount, ceiling in zip(obj.projected, obj.ceilings, strict=True)
        ]


class ProjectionIn(Input):
    fiscal_year: str = Label
    ministry: Code
    programme: Code
    currency: str = Field("AFN", description="AFN or USD")
    projected_1_minor: int = Minor
    projected_2_minor: int = Minor
    projected_3_minor: int = Minor
    ceiling_1_minor: int = Minor
    ceiling_2_minor: int = Minor
    ceiling_3_minor: int = Minor
    estimated: bool = False
    note: str = Field("", max_length=5000)
    marking: MarkingIn = "PUBLIC"


class ProjectionPatch(VersionIn):
    projected_1_minor: int | None = Field(None, ge=0)
    projected_2_minor: int | None = Field(None, ge=0)
    projected_3_minor: int | None = Field(None, ge=0)
    ceiling_1_minor: int | None = Field(None, ge=0)
    ceiling_2_minor: int | None = Field(None, ge=0)
    ceiling_3_minor: int | None = Field(None, ge=0)
    estimated: bool | None = None
    note: str | None = Field(None, max_length=5000)


class MtefYearOut(Schema):
    label: str
    projected_minor: int | None
    ceiling_minor: int | None
    over_ceiling: bool


class MtefRowOut(Schema):
    ministry: str = Field(description="the ministry's name as the reader may see it")
    programme: str
    projection: int | None = Field(None, description="the projection's id, if one was entered")
    allotted_minor: int | None = Field(description="year N's net allotment")
    executed_minor: int | None = Field(description="year N's net expenditure")
    over_ceiling: bool
    years: list[MtefYearOut]


class MtefOut(Schema):
    fiscal_year: str
    currency: str
    years: list[str]
    rows: list[MtefRowOut]
    total: MtefRowOut
