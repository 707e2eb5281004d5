"""Training's typed inputs: one ``Values`` per kind of record, taken by its services.

A field left ``UNSET`` takes the model's default on create and keeps the record's value on
update (``accord.inputs.Values``). Related records are passed as records, resolved by the caller
through selectors.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from accord.core.inputs import MarkedValues, SourcedValues
from accord.inputs import UNSET, Value, Values

if TYPE_CHECKING:
    from accord.core.models import Nation, Organisation, Site, User
    from accord.council.models import JointAction
    from accord.training.models import Programme, Qualification


@dataclass(frozen=True, kw_only=True)
class QualificationValues(MarkedValues):
    code: Value[str] = UNSET
    name: Value[str] = UNSET


@dataclass(frozen=True, kw_only=True)
class ProgrammeValues(SourcedValues):
    code: Value[str] = UNSET
    name: Value[str] = UNSET
    kind: Value[str] = UNSET
    executing_agency: Value[Organisation | None] = UNSET
    joint_action: Value[JointAction | None] = UNSET
    donors: Value[Iterable[Nation]] = UNSET
    beneficiaries: Value[Iterable[Nation]] = UNSET
    description: Value[str] = UNSET


@dataclass(frozen=True, kw_only=True)
class CourseValues(MarkedValues):
    programme: Value[Programme] = UNSET
    code: Value[str] = UNSET
    title: Value[str] = UNSET
    syllabus: Value[str] = UNSET
    hours: Value[int] = UNSET
    pass_mark: Value[int] = UNSET
    language: Value[str] = UNSET
    interpretation: Value[bool] = UNSET
    qualifications: Value[Iterable[Qualification]] = UNSET
    validity_months: Value[int | None] = UNSET


@dataclass(frozen=True, kw_only=True)
class SessionValues(MarkedValues):
    """A session; its seats per nation and its funding are given beside it, as mappings."""

    code: Value[str] = UNSET
    venue: Value[Site | None] = UNSET
    mobile_in: Value[Nation | None] = UNSET
    starts: Value[date] = UNSET
    ends: Value[date] = UNSET
    instructors: Value[str] = UNSET
    capacity: Value[int] = UNSET
    nominations_open: Value[bool] = UNSET
    waitlist_open: Value[bool] = UNSET
    cost_minor: Value[int] = UNSET
    currency: Value[str] = UNSET
    estimated: Value[bool] = UNSET
    trained_count: Value[int | None] = UNSET
    notes: Value[str] = UNSET


@dataclass(frozen=True, kw_only=True)
class TraineeValues(Values):
    """A person as a delegation nominates them (personal data: no marking of its own to give,
    it is their nation's)."""

    given_name: Value[str] = UNSET
    family_name: Value[str] = UNSET
    native_name: Value[str] = UNSET
    date_of_birth: Value[date] = UNSET
    nation: Value[Nation] = UNSET
    national_id: Value[str] = UNSET
    rank: Value[str] = UNSET
    site: Value[Site | None] = UNSET
    user: Value[User | None] = UNSET
