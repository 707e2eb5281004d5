"""The medium-term expenditure framework (MTEF): a programme's projections for the three fiscal
years after year *N*, each against its ceiling, beside what year *N* executed.

Pure Python over integers of minor units: the years are counted as the Afghan fiscal calendar
counts them (``calendar``), so the year after FY 1400 is the transitional period ``1400T`` and
the one after it FY 1401.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import timedelta

from accord.budget.engine.calendar import AFGHAN_FISCAL_CALENDAR, FiscalCalendar

#: The framework projects this many years after year N.
HORIZON = 3


def following_years(
    label: str, count: int = HORIZON, calendar: FiscalCalendar = AFGHAN_FISCAL_CALENDAR
) -> tuple[str, ...]:
    """The labels of the ``count`` fiscal years after ``label`` (``ValueError`` past the
    calendar's last year): ``following_years("1399")`` is ``("1400", "1400T", "1401")``."""
    year = calendar.fiscal_year(label)
    labels = []
    for _ in range(count):
        year = calendar.fiscal_year_of(year.end + timedelta(days=1))
        labels.append(year.label)
    return tuple(labels)


@dataclass(frozen=True)
class YearFigure:
    """One projected year: the projection and its ceiling (``None`` when nothing is known)."""

    label: str
    projected: int | None
    ceiling: int | None

    @property
    def over_ceiling(self) -> bool:
        return (
            self.projected is not None
            and self.ceiling is not None
            and (self.projected > self.ceiling)
        )

    @property
    def headroom(self) -> int | None:
        """What is left under the ceiling (negative when over it)."""
        if self.projected is None or self.ceiling is None:
            return None
        return self.ceiling - self.projected


@dataclass(frozen=True)
class MtefRow:
    """A programme: year N's allotment and expenditure, and its projected years."""

    key: tuple
    allotted: int | None
    executed: int | None
    years: tuple[YearFigure, ...]

    @property
    def over_ceiling(self) -> bool:
        return any(year.over_ceiling for year in self.years)


def projected_years(
    labels: Sequence[str], projected: Sequence[int] | None, ceilings: Sequence[int] | None
) -> tuple[YearFigure, ...]:
    """The projected years of one programme; without a projection, every figure unknown."""
    if projected is None or ceilings is None:
        return tuple(YearFigure(label, None, None) for label in labels)
    return tuple(
        YearFigure(label, amount, ceiling)
        for label, amount, ceiling in zip(labels, projected, ceilings, strict=True)
    )


def _sum(values: Iterable[int | None]) -> int | None:
    known = [value for value in values if value is not None]
    return sum(known) if known else None


def total(rows: Sequence[MtefRow], labels: Sequence[str]) -> MtefRow:
    """The rows summed: each year's projections and ceilings over the rows that have them."""
    return MtefRow(
        key=("total",),
        allotted=_sum(row.allotted for row in rows),
        executed=_sum(row.executed for row in rows),
        years=tuple(
            YearFigure(
                label,
                _sum(row.years[i].projected for row in rows),
                _sum(row.years[i].ceiling for row in rows),
            )
            for i, label in enumerate(labels)
        ),
    )
