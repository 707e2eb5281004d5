"""What the situation's services take: one typed input per kind of record (``accord.inputs``)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from accord.core.inputs import MarkedValues
from accord.inputs import UNSET, Value

if TYPE_CHECKING:
    from accord.situation.models import District


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
