"""What oversight's services take: one typed input per kind of record (``accord.inputs``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from accord.core.inputs import MarkedValues
from accord.inputs import UNSET, Value, Values


@dataclass(frozen=True, kw_only=True)
class FindingValues(MarkedValues):
    title: Value[str] = UNSET
    severity: Value[str] = UNSET
    module: Value[str] = UNSET
    root_cause: Value[str] = UNSET
    owner: Value[str] = UNSET
    due: Value[date | None] = UNSET
    found_on: Value[date] = UNSET


@dataclass(frozen=True, kw_only=True)
class RecommendationValues(Values):
    """A recommendation takes its finding's marking: only its own words are given."""

    text: Value[str] = UNSET
    owner: Value[str] = UNSET
    due: Value[date | None] = UNSET
    opened_on: Value[date] = UNSET


@dataclass(frozen=True, kw_only=True)
class CorrectiveActionValues(Values):
    description: Value[str] = UNSET
    owner: Value[str] = UNSET
    due: Value[date | None] = UNSET
