"""What the planning's services take: one typed input per model, used by its create and update.

A field left ``UNSET`` takes the model's default on create and keeps the record's value on
update (see ``accord.inputs.Values``). A reference may be the record or its code (a nation's
ISO3, a leg's or a node's code), which the service resolves as the actor reads it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from accord.core.inputs import SourcedValues
from accord.inputs import UNSET, Value

if TYPE_CHECKING:
    from accord.core.models import Nation
    from accord.transit.models import TransitLeg, TransitNode


@dataclass(frozen=True, kw_only=True)
class LeaseValues(SourcedValues):
    code: Value[str] = UNSET
    provider: Value[str] = UNSET
    participant: Value[Nation | str | None] = UNSET  # the nation leasing it; None: NATO
    mode: Value[str] = UNSET
    legs: Value[Sequence[TransitLeg | str]] = UNSET  # the legs it flies, or their codes
    teu_per_sortie: Value[int] = UNSET
    tonnes_per_sortie: Value[Decimal] = UNSET
    cost_per_sortie: Value[int] = UNSET  # whole US dollars
    hours_per_sortie: Value[Decimal] = UNSET
    period_start: Value[dt.date] = UNSET
    period_end: Value[dt.date] = UNSET
    availability: Value[str] = UNSET
    notice_days: Value[int] = UNSET
    quota_hours_year: Value[Decimal] = UNSET
    quota_group: Value[str] = UNSET
    max_sorties_month: Value[int] = UNSET
    estimated: Value[bool] = UNSET
    notes: Value[str] = UNSET


@dataclass(frozen=True, kw_only=True)
class DemandValues(SourcedValues):
    code: Value[str] = UNSET
    month: Value[dt.date] = UNSET  # any day of it: the service keeps the month's first
    origin: Value[TransitNode | str] = UNSET  # or the node's code
    destination: Value[TransitNode | str] = UNSET  # or the node's code
    cargo_class: Value[str] = UNSET
    direction: Value[str] = UNSET
    teu: Value[int] = UNSET
    tonnes: Value[Decimal] = UNSET
    latest_days: Value[int | None] = UNSET
    estimated: Value[bool] = UNSET
