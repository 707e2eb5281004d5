"""What the network's services take: one typed input per model, used by its create and update.

A field left ``UNSET`` takes the model's default on create and keeps the record's value on
update (see ``accord.inputs.Values``). A reference may be the record or its code (a node's, a
nation's ISO3), which the service resolves as the actor reads it (``transit.references``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from accord.core.inputs import SourcedValues
from accord.inputs import UNSET, Value

if TYPE_CHECKING:
    from accord.core.models import Nation
    from accord.transit.models import TransitNode


@dataclass(frozen=True, kw_only=True)
class NodeValues(SourcedValues):
    code: Value[str] = UNSET
    name: Value[str] = UNSET
    name_ru: Value[str] = UNSET  # the name in Russian, Dari and Pashto (accord.names); "" for none
    name_fa: Value[str] = UNSET
    name_ps: Value[str] = UNSET
    country: Value[Nation | str] = UNSET  # or its ISO3 code
    kinds: Value[Sequence[str]] = UNSET  # seaport, rail_terminal...
    latitude: Value[Decimal] = UNSET
    longitude: Value[Decimal] = UNSET
    coords_estimated: Value[bool] = UNSET
    capacity_teu_day: Value[Decimal | None] = UNSET  # TEU a day through the place; None: no limit
    capacity_estimated: Value[bool] = UNSET
    notes: Value[str] = UNSET


@dataclass(frozen=True, kw_only=True)
class LegValues(SourcedValues):
    code: Value[str] = UNSET
    route: Value[str] = UNSET  # the named route it belongs to
    origin: Value[TransitNode | str] = UNSET  # or the node's code
    destination: Value[TransitNode | str] = UNSET  # or the node's code
    mode: Value[str] = UNSET
    distance_km: Value[Decimal] = UNSET
    days: Value[Decimal] = UNSET
    cost_per_teu: Value[int] = UNSET  # whole US dollars
    cost_per_tonne: Value[Decimal] = UNSET  # US dollars and cents
    capacity_teu_month: Value[int] = UNSET
    capacity_tonnes_month: Value[Decimal | None] = UNSET
    operator: Value[str] = UNSET
    two_way: Value[bool] = UNSET
    countries: Value[Sequence[str]] = UNSET  # ISO3 codes crossed; the ends' are added
    estimated: Value[Sequence[str]] = UNSET  # the fields derived by a documented default
    notes: Value[str] = UNSET
