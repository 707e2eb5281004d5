"""What personnel's services take: one typed input per kind of record, for create and update.

References are records the caller resolved through the selectors, as the actor reads them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from accord.core.inputs import MarkedValues, SourcedValues
from accord.inputs import UNSET, Value

if TYPE_CHECKING:
    from accord.core.models import Nation, Site
    from accord.personnel.models import Unit


@dataclass(frozen=True, kw_only=True)
class UnitValues(SourcedValues):
    code: Value[str] = UNSET
    name: Value[str] = UNSET
    kind: Value[str] = UNSET
    nation: Value[Nation] = UNSET
    parent: Value[Unit | None] = UNSET
    site: Value[Site | None] = UNSET
    note: Value[str] = UNSET
    estimated: Value[bool] = UNSET


@dataclass(frozen=True, kw_only=True)
class PositionValues(MarkedValues):
    """A tashkil position; its nation is its unit's, its wage line one of its fiscal year."""

    unit: Value[Unit] = UNSET
    fiscal_year: Value[object] = UNSET  # budget's FiscalYear, read through its selectors
    code: Value[str] = UNSET
    grade: Value[str] = UNSET
    specialty: Value[str] = UNSET
    authorised: Value[int] = UNSET
    wage_line: Value[object] = UNSET  # budget's BudgetLine, read through its selectors
    estimated: Value[bool] = UNSET


@dataclass(frozen=True, kw_only=True)
class PersonValues(MarkedValues):
    """A person; personal data, so marked as their nation's whatever is given."""

    number: Value[str] = UNSET
    biometric_id: Value[str] = UNSET
    given_name: Value[str] = UNSET
    family_name: Value[str] = UNSET
    nation: Value[Nation] = UNSET
    date_of_birth: Value[date | None] = UNSET
