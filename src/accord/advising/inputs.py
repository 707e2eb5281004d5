"""What advising's services take: one typed input per kind of record.

References are records the caller resolved through the selectors, as the actor reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from accord.core.inputs import MarkedValues
from accord.inputs import UNSET, Value

if TYPE_CHECKING:
    from accord.advising.models import (
        AdvisorTeam,
        Counterpart,
        EssentialFunction,
        Milestone,
        Objective,
        Rating,
    )
    from accord.core.models import Nation, Site


@dataclass(frozen=True, kw_only=True)
class TeamValues(MarkedValues):
    code: Value[str] = UNSET
    name: Value[str] = UNSET
    site: Value[Site] = UNSET
    lead_nation: Value[Nation | None] = UNSET
    note: Value[str] = UNSET


@dataclass(frozen=True, kw_only=True)
class CounterpartValues(MarkedValues):
    """A counterpart of a team; its site is the team's."""

    team: Value[AdvisorTeam] = UNSET
    code: Value[str] = UNSET
    name: Value[str] = UNSET
    kind: Value[str] = UNSET
    ministry: Value[str] = UNSET
    unit: Value[object | None] = UNSET  # personnel's Unit, read through its selectors


@dataclass(frozen=True, kw_only=True)
class ObjectiveValues(MarkedValues):
    counterpart: Value[Counterpart] = UNSET
    function: Value[EssentialFunction] = UNSET
    code: Value[str] = UNSET
    title: Value[str] = UNSET


@dataclass(frozen=True, kw_only=True)
class MilestoneValues(MarkedValues):
    objective: Value[Objective] = UNSET
    code: Value[str] = UNSET
    title: Value[str] = UNSET
    due: Value[date | None] = UNSET


@dataclass(frozen=True, kw_only=True)
class RatingValues(MarkedValues):
    milestone: Value[Milestone] = UNSET
    rated_on: Value[date] = UNSET
    score: Value[int] = UNSET
    note: Value[str] = UNSET


@dataclass(frozen=True, kw_only=True)
class ReportValues(MarkedValues):
    """An engagement report: NATO or NATIONAL (then the filer's nation owns it)."""

    counterpart: Value[Counterpart] = UNSET
    function: Value[EssentialFunction] = UNSET
    held_on: Value[date] = UNSET
    advisors: Value[str] = UNSET
    notes: Value[str] = UNSET


@dataclass(frozen=True, kw_only=True)
class EvidenceValues:
    rating: Rating
    kind: str
    record_id: int
    note: str = ""
