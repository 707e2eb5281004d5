"""What the fleet's services take: one typed input per kind of record, for create and update.

A field left ``UNSET`` takes the model's default on create and keeps the record's value on
update (``accord.inputs.Values``). References are records the caller resolved through the
selectors, as the actor reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from accord.core.inputs import MarkedValues, SourcedValues
from accord.inputs import UNSET, Value

if TYPE_CHECKING:
    from accord.core.models import Site
    from accord.fleet.models import AircraftType, Part


@dataclass(frozen=True, kw_only=True)
class AircraftTypeValues(SourcedValues):
    code: Value[str] = UNSET
    name: Value[str] = UNSET
    manufacturer: Value[str] = UNSET
    service_life_years: Value[int | None] = UNSET
    note: Value[str] = UNSET
    estimated: Value[bool] = UNSET


@dataclass(frozen=True, kw_only=True)
class MaintenanceTaskValues(SourcedValues):
    """A task of a type's programme; its marking is its type's (``read_through``)."""

    aircraft_type: Value[AircraftType] = UNSET
    code: Value[str] = UNSET
    name: Value[str] = UNSET
    category: Value[str] = UNSET
    kind: Value[str] = UNSET
    reference: Value[str] = UNSET
    repeats: Value[bool] = UNSET
    effective: Value[date | None] = UNSET
    interval_hours: Value[Decimal | None] = UNSET
    interval_cycles: Value[int | None] = UNSET
    interval_days: Value[int | None] = UNSET
    tolerance_hours: Value[Decimal] = UNSET
    tolerance_cycles: Value[int] = UNSET
    tolerance_days: Value[int] = UNSET
    note: Value[str] = UNSET
    estimated: Value[bool] = UNSET


@dataclass(frozen=True, kw_only=True)
class AircraftValues(SourcedValues):
    """An aircraft; its counters move only through the flight log, so they are set on create
    alone (``opening_hours``, ``opening_landings``)."""

    tail_number: Value[str] = UNSET
    aircraft_type: Value[AircraftType] = UNSET
    operator: Value[str] = UNSET
    base: Value[Site | None] = UNSET
    status: Value[str] = UNSET
    tracked_from: Value[date] = UNSET
    opening_hours: Value[Decimal] = UNSET
    opening_landings: Value[int] = UNSET
    planned_hours_per_year: Value[Decimal] = UNSET
    note: Value[str] = UNSET
    estimated: Value[bool] = UNSET


@dataclass(frozen=True, kw_only=True)
class ComponentValues(MarkedValues):
    serial: Value[str] = UNSET
    kind: Value[str] = UNSET
    model: Value[str] = UNSET
    hours: Value[Decimal] = UNSET
    cycles: Value[int] = UNSET
    hours_since_overhaul: Value[Decimal] = UNSET
    life_hours: Value[Decimal | None] = UNSET
    life_cycles: Value[int | None] = UNSET
    overhaul_hours: Value[Decimal | None] = UNSET
    note: Value[str] = UNSET
    estimated: Value[bool] = UNSET


@dataclass(frozen=True, kw_only=True)
class PartValues(MarkedValues):
    part_number: Value[str] = UNSET
    name: Value[str] = UNSET
    unit: Value[str] = UNSET
    shelf_life_days: Value[int | None] = UNSET
    reorder_point: Value[int] = UNSET
    note: Value[str] = UNSET


@dataclass(frozen=True)
class OrderLine:
    """A line of a parts order as the caller asks for it: a part (read through the selectors),
    how many, and the unit price in the fund's minor units."""

    part: Part
    quantity: int
    unit_price_minor: int
