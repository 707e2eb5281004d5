"""The council's typed inputs: one ``Values`` per kind of record its services take as fields.

A field left ``UNSET`` takes the model's default on create (a marking: the kind's own) and keeps
the record's value on update (``accord.inputs.Values``).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from accord.core.inputs import MarkedValues
from accord.inputs import UNSET, Value

if TYPE_CHECKING:
    from accord.core.models import Nation, Organisation, Source
    from accord.council.models import JointAction


@dataclass(frozen=True, kw_only=True)
class LegalBasisValues(MarkedValues):
    """A legal basis; each scope list (activity kinds, territories, cargo classes) is empty when
    unrestricted."""

    code: Value[str] = UNSET
    title: Value[str] = UNSET  # in English; the register's name for it
    title_ru: Value[str] = UNSET  # in Russian; empty: no Russian version
    kind: Value[str] = UNSET
    reference: Value[str] = UNSET
    parties: Value[Iterable[Nation]] = UNSET
    party_organisations: Value[Iterable[Organisation]] = UNSET
    signed: Value[date | None] = UNSET
    ratified: Value[date | None] = UNSET
    in_force: Value[date | None] = UNSET
    expires: Value[date | None] = UNSET
    revoked: Value[date | None] = UNSET
    activity_kinds: Value[list[str]] = UNSET
    territories: Value[list[str]] = UNSET  # ISO3 codes
    cargo_classes: Value[list[str]] = UNSET
    summary: Value[str] = UNSET
    summary_ru: Value[str] = UNSET
    authentic_en: Value[bool] = UNSET  # the English version is authentic
    authentic_ru: Value[bool] = UNSET  # the Russian version is authentic
    sources: Value[Iterable[Source]] = UNSET


@dataclass(frozen=True, kw_only=True)
class CooperationValues(MarkedValues):
    """A member's practical-cooperation status in one area (``""``: every area) from a date."""

    nation: Value[Nation] = UNSET
    area: Value[str] = UNSET
    state: Value[str] = UNSET
    start: Value[date] = UNSET
    end: Value[date | None] = UNSET
    reason: Value[str] = UNSET
    sources: Value[Iterable[Source]] = UNSET


@dataclass(frozen=True, kw_only=True)
class PreconditionValues(MarkedValues):
    """A member's condition for taking part in joint actions: a legal basis of a kind."""

    nation: Value[Nation] = UNSET
    requires_kind: Value[str] = UNSET
    area: Value[str] = UNSET
    reason: Value[str] = UNSET


@dataclass(frozen=True, kw_only=True)
class ActionResultValues(MarkedValues):
    """A result of a joint action: what it is, its planned dates, and the module's figure that
    measures it with the target that means done (``measure`` empty: progress is recorded)."""

    joint_action: Value[JointAction] = UNSET
    code: Value[str] = UNSET
    title: Value[str] = UNSET
    description: Value[str] = UNSET
    measure: Value[str] = UNSET
    target: Value[int | None] = UNSET
    start: Value[date | None] = UNSET
    end: Value[date | None] = UNSET
