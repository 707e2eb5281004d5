"""What the shipments' services take: a consignment's typed input.

A field left ``UNSET`` takes the model's default (see ``accord.inputs.Values``); the planned
arrival, when left out, is the departure plus the route's days. The ETA and the route's verdict
are the service's to compute, not the caller's to give. The ends may be the nodes or their codes,
which the service resolves as the actor reads them.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

from accord.core.inputs import MarkedValues
from accord.inputs import UNSET, Value

if TYPE_CHECKING:
    from accord.council.models import JointAction
    from accord.transit.models import PeriodAllocation, TransitNode


@dataclass(frozen=True, kw_only=True)
class ShipmentValues(MarkedValues):
    reference: Value[str] = UNSET
    cargo_class: Value[str] = UNSET
    direction: Value[str] = UNSET
    teu: Value[int] = UNSET
    tonnes: Value[Decimal] = UNSET
    origin: Value[TransitNode | str] = UNSET  # or the node's code
    destination: Value[TransitNode | str] = UNSET  # or the node's code
    route: Value[Sequence[str]] = UNSET  # the planned legs' codes in order, '/r' the reverse way
    shipper: Value[Sequence[str]] = UNSET  # party codes the cargo belongs to; empty: any
    departure: Value[dt.date] = UNSET
    planned_arrival: Value[dt.date | None] = UNSET  # None: from the route's days
    joint_action: Value[JointAction | None] = UNSET
    notes: Value[str] = UNSET
    # The planned movement (of a plan over several months) the shipment serves, or its number.
    allocation: Value[PeriodAllocation | int | None] = UNSET
