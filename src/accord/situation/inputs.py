"""What the situation's services take: one typed input per kind of record (``accord.inputs``)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from accord.core.inputs import MarkedValues
from accord.inputs import UNSET, Value, Values

if TYPE_CHECKING:
    from accord.core.models import Nation
    from accord.situation.models import District, TraffickingRoute
    from accord.training.models import Trainee


@dataclass(frozen=True, kw_only=True)
class ControlClaimValues(MarkedValues):
    """One assessor's claim on one district's control; ``source`` is required."""

    district: Value[District] = UNSET
    assessor: Value[str] = UNSET
    status: Value[str] = UNSET
    as_of: Value[date] = UNSET
    confidence: Value[str] = UNSET
    source: Value[str] = UNSET
    source_url: Value[str] = UNSET
    note: Value[str] = UNSET
    estimated: Value[bool] = UNSET


@dataclass(frozen=True, kw_only=True)
class SeizureValues(MarkedValues):
    """A seizure a beneficiary agency reported; ``graduates`` are counter-narcotics graduates."""

    seized_on: Value[date] = UNSET
    agency: Value[str] = UNSET
    nation: Value[Nation] = UNSET
    drug: Value[str] = UNSET
    quantity_kg: Value[Decimal] = UNSET
    place: Value[str] = UNSET
    latitude: Value[Decimal] = UNSET
    longitude: Value[Decimal] = UNSET
    route: Value[TraffickingRoute | None] = UNSET
    graduates: Value[Iterable[Trainee]] = UNSET
    source: Value[str] = UNSET
    note: Value[str] = UNSET


@dataclass(frozen=True, kw_only=True)
class IncidentValues(MarkedValues):
    """A terrorist incident: date, place (a point), type, casualties."""

    title: Value[str] = UNSET
    occurred_on: Value[date] = UNSET
    kind: Value[str] = UNSET
    place: Value[str] = UNSET
    latitude: Value[Decimal] = UNSET
    longitude: Value[Decimal] = UNSET
    killed: Value[int] = UNSET
    injured: Value[int] = UNSET
    description: Value[str] = UNSET


@dataclass(frozen=True, kw_only=True)
class IncidentTaskValues(Values):
    """A consequence-management task; it takes its incident's marking."""

    title: Value[str] = UNSET
    owner: Value[str] = UNSET
    due_on: Value[date] = UNSET
    status: Value[str] = UNSET
    note: Value[str] = UNSET
