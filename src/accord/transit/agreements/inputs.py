"""What the agreements' services take: one typed input per model, used by its create and
update.

A field left ``UNSET`` takes the model's default on create (an agreement's marking follows its
country, its group its code) and keeps the record's value on update (see
``accord.inputs.Values``). A reference may be the record or its code (a nation's ISO3, a legal
basis's code in the council's register), which the service resolves as the actor reads it.
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
    from accord.council.models import LegalBasis
    from accord.transit.models import TransitLeg, TransitNode


@dataclass(frozen=True, kw_only=True)
class AgreementValues(SourcedValues):
    code: Value[str] = UNSET
    group: Value[str] = UNSET  # the agreement the row belongs to; empty: its code
    title: Value[str] = UNSET  # in English
    title_ru: Value[str] = UNSET  # in Russian; empty: no Russian version
    authentic_en: Value[bool] = UNSET  # the English version is authentic
    authentic_ru: Value[bool] = UNSET  # the Russian version is authentic
    legal_basis: Value[LegalBasis | str] = UNSET  # or its code in the council's register
    country: Value[Nation | str] = UNSET  # the transit country, or its ISO3 code
    mode: Value[str] = UNSET
    cargo_class: Value[str] = UNSET
    direction: Value[str] = UNSET
    effect: Value[str] = UNSET  # permit or prohibit
    valid_from: Value[dt.date] = UNSET
    valid_to: Value[dt.date | None] = UNSET
    cap_amount: Value[Decimal | None] = UNSET
    cap_unit: Value[str] = UNSET
    tonnes_per_flight: Value[Decimal | None] = UNSET
    parties: Value[Sequence[str]] = UNSET  # beneficiaries' codes; empty: everyone
    note: Value[str] = UNSET
    note_ru: Value[str] = UNSET
    estimated: Value[bool] = UNSET


@dataclass(frozen=True, kw_only=True)
class ClosureValues(SourcedValues):
    """A closure of what ``target_kind`` names: a node, a leg or a country, given in its own
    field (the record or its code, as the pages do) or by its code in ``target`` (as the API
    does); the other two are cleared."""

    code: Value[str] = UNSET
    target_kind: Value[str] = UNSET  # node, leg or country
    target: Value[str] = UNSET  # the closed record's code, whatever its kind
    node: Value[TransitNode | str | None] = UNSET
    leg: Value[TransitLeg | str | None] = UNSET
    country: Value[Nation | str | None] = UNSET
    start: Value[dt.date] = UNSET
    end: Value[dt.date | None] = UNSET  # None: until further notice
    reason: Value[str] = UNSET
    estimated: Value[bool] = UNSET
