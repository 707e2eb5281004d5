"""The registry's typed inputs: one ``Values`` per kind of record, taken by its services.

A field left ``UNSET`` takes the model's default on create and keeps the record's value on update
(``accord.inputs.Values``). Related records are passed as records, already resolved by the caller
through a selector, so that a code the caller may not read never reaches a service.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING

from accord.inputs import UNSET, Value, Values
from accord.markings import Marking

if TYPE_CHECKING:
    from accord.core.models import Nation, Organisation, Site, Source


@dataclass(frozen=True, kw_only=True)
class MarkedValues(Values):
    """Who may read a record: every marked model's input has these two fields."""

    marking: Value[Marking] = UNSET
    owner_nation: Value[Nation | None] = UNSET  # for a NATIONAL record: the one nation reading it


@dataclass(frozen=True, kw_only=True)
class SourcedValues(MarkedValues):
    """A marked record that also names the sources it rests on (budget, transit...)."""

    sources: Value[Iterable[Source]] = UNSET


@dataclass(frozen=True, kw_only=True)
class NationValues(MarkedValues):
    iso3: Value[str] = UNSET
    name: Value[str] = UNSET
    name_ru: Value[str] = UNSET  # the name in Russian, Dari and Pashto (accord.names); "" for none
    name_fa: Value[str] = UNSET
    name_ps: Value[str] = UNSET
    nato_accession: Value[date | None] = UNSET
    nrc_member: Value[bool] = UNSET
    partner: Value[bool] = UNSET
    notes: Value[str] = UNSET
    sources: Value[Iterable[Source]] = UNSET


@dataclass(frozen=True, kw_only=True)
class OrganisationValues(MarkedValues):
    code: Value[str] = UNSET
    name: Value[str] = UNSET
    name_ru: Value[str] = UNSET  # the name in Russian, Dari and Pashto (accord.names); "" for none
    name_fa: Value[str] = UNSET
    name_ps: Value[str] = UNSET
    short_name: Value[str] = UNSET
    short_name_ru: Value[str] = UNSET
    short_name_fa: Value[str] = UNSET
    short_name_ps: Value[str] = UNSET
    kind: Value[str] = UNSET
    nation: Value[Nation | None] = UNSET
    parent: Value[Organisation | None] = UNSET
    notes: Value[str] = UNSET
    sources: Value[Iterable[Source]] = UNSET


@dataclass(frozen=True, kw_only=True)
class SiteValues(MarkedValues):
    code: Value[str] = UNSET
    name: Value[str] = UNSET
    name_ru: Value[str] = UNSET  # the name in Russian, Dari and Pashto (accord.names); "" for none
    name_fa: Value[str] = UNSET
    name_ps: Value[str] = UNSET
    kind: Value[str] = UNSET
    location: Value[str] = UNSET
    base: Value[str] = UNSET
    latitude: Value[Decimal] = UNSET
    longitude: Value[Decimal] = UNSET
    coords_estimated: Value[bool] = UNSET
    lead_nation: Value[Nation | None] = UNSET
    partner_nations: Value[Iterable[Nation]] = UNSET
    counterpart: Value[str] = UNSET
    notes: Value[str] = UNSET
    sources: Value[Iterable[Source]] = UNSET


@dataclass(frozen=True, kw_only=True)
class ContributionValues(MarkedValues):
    """A troop contribution: a nation's personnel at a site (``None``: mission-wide) as of a date.
    Marked NATIONAL without an owner, it belongs to the contributing nation."""

    nation: Value[Nation] = UNSET
    site: Value[Site | None] = UNSET
    as_of: Value[date] = UNSET
    personnel: Value[int | None] = UNSET
    personnel_low: Value[int | None] = UNSET
    personnel_high: Value[int | None] = UNSET
    estimated: Value[bool] = UNSET
    note: Value[str] = UNSET
    sources: Value[Iterable[Source]] = UNSET
