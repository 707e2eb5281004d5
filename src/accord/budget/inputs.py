"""What the budget's services take: one typed input per model, used by its create and update.

A field left ``UNSET`` takes the model's default on create and keeps the record's value on
update (see ``accord.inputs.Values``). References are records the caller has already resolved
as the actor reads them (the pages and the API look codes up through the selectors).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from accord.core.inputs import SourcedValues
from accord.inputs import UNSET, Value

if TYPE_CHECKING:
    from accord.budget.models import FiscalYear, Ministry, Programme, SubProgramme
    from accord.core.models import Organisation
    from accord.council.models import JointAction, LegalBasis


@dataclass(frozen=True, kw_only=True)
class MinistryValues(SourcedValues):
    code: Value[str] = UNSET
    name: Value[str] = UNSET
    short_name: Value[str] = UNSET
    organisation: Value[Organisation | None] = UNSET  # the registry's, of kind ministry
    note: Value[str] = UNSET


@dataclass(frozen=True, kw_only=True)
class ProgrammeValues(SourcedValues):
    ministry: Value[Ministry] = UNSET
    code: Value[str] = UNSET
    name: Value[str] = UNSET
    note: Value[str] = UNSET


@dataclass(frozen=True, kw_only=True)
class SubProgrammeValues(SourcedValues):
    programme: Value[Programme] = UNSET
    code: Value[str] = UNSET
    name: Value[str] = UNSET
    note: Value[str] = UNSET


@dataclass(frozen=True, kw_only=True)
class BudgetLineValues(SourcedValues):
    sub_programme: Value[SubProgramme] = UNSET
    fiscal_year: Value[FiscalYear] = UNSET
    code: Value[str] = UNSET
    name: Value[str] = UNSET
    currency: Value[str] = UNSET  # AFN or USD
    estimated: Value[bool] = UNSET
    on_budget: Value[bool] = UNSET
    economic_code: Value[str] = UNSET  # a GFS 2014 code (engine.economic), or "" for none
    note: Value[str] = UNSET


@dataclass(frozen=True, kw_only=True)
class SustainmentPledgeValues(SourcedValues):
    year: Value[int] = UNSET
    donor_group: Value[str] = UNSET
    pledged_usd_minor: Value[int] = UNSET
    actual_usd_minor: Value[int | None] = UNSET  # None while the actual funding is unknown
    pledged_estimated: Value[bool] = UNSET
    actual_estimated: Value[bool] = UNSET
    legal_basis: Value[LegalBasis | None] = UNSET
    joint_action: Value[JointAction | None] = UNSET
    note: Value[str] = UNSET


@dataclass(frozen=True, kw_only=True)
class ProjectionValues(SourcedValues):
    """A programme's medium-term projections: years N+1, N+2 and N+3 after ``fiscal_year``
    (year N), each with its ceiling, in integer minor units of ``currency``."""

    programme: Value[Programme] = UNSET
    fiscal_year: Value[FiscalYear] = UNSET
    currency: Value[str] = UNSET  # AFN or USD
    projected_1_minor: Value[int] = UNSET
    projected_2_minor: Value[int] = UNSET
    projected_3_minor: Value[int] = UNSET
    ceiling_1_minor: Value[int] = UNSET
    ceiling_2_minor: Value[int] = UNSET
    ceiling_3_minor: Value[int] = UNSET
    estimated: Value[bool] = UNSET
    note: Value[str] = UNSET
