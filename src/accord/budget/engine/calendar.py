"""The Afghan fiscal calendar: fiscal years and solar months as the ministries show them.

Afghanistan counts years in the Solar Hijri calendar (the year begins at the March equinox,
1 Hamal ≈ 21 March) and names its months with the Dari zodiac names (Hamal, Sawr, Jawza,
Saratan, Asad, Sunbula, Mizan, Aqrab, Qaws, Jadi, Dalw, Hut), not the Iranian ones (Farvardin,
Ordibehesht...). The day arithmetic is the Iranian one; conversion uses ``jdatetime``.

When the fiscal year starts, and what we could confirm
-------------------------------------------------------
- Up to FY 1391 the fiscal year was the solar year, 1 Hamal to the end of Hut. The Ministry of
  Finance's fiscal bulletins fit this: the data for month 12 of FY 1390 were drawn on
  9 April 2012 and for month 8 of FY 1391 on 8 January 2013 (Ministry of Finance, Monthly
  Fiscal Bulletins 1390-12 and 1391-8, republished on scribd.com).
- The Republic then moved the start to 1 Jadi (21 or 22 December) to align with the
  Gregorian year of the donors; a fiscal year took the last quarter of one solar year and the
  first three quarters of the next, and is named after the latter. Reports of January 2022
  say this was done "about a decade" earlier (BBC Hindi via babuaa.com/news/view/47334;
  rahapress.af "Taliban passes budget for fiscal year 1401", 11 January 2022). The monthly
  bulletin for month 4 of FY 1392 drew its data on 2 July 2013, which fits a year started on
  1 Jadi 1391 (21 December 2012) and not one started in March 2013. We therefore take
  FY 1391 as a shortened year of nine months (1 Hamal to 30 Qaws 1391) and FY 1392 as the first
  Jadi year (21 December 2012 to 20 December 2013). The exact first Jadi year is *inferred*
  from those bulletins, not stated by a source we could read: it is a parameter (below).
- On 10 January 2022 the caretaker cabinet moved the start back to 1 Hamal from FY 1401
  (21 March 2022), and budgeted Jadi to Hut 1400 separately as "the last three months of the
  year 1400" (Ariana News, "IEA approves 53.9 billion AFN budget for next three months",
  12 January 2022; Wadsam, 12 January 2022; rahapress.af, 11 January 2022). We call that
  period ``1400T`` (transitional).

So with the default calendar FY 1394 runs from 1 Jadi 1393 (22 December 2014) to 30 Qaws 1394
(21 December 2015); on a plain solar-year calendar (:data:`SOLAR_YEAR_CALENDAR`) it would run
from 1 Hamal 1394 (21 March 2015) to 29 Hut 1394 (19 March 2016).

:class:`FiscalCalendar` takes the eras as a parameter, so a different reading of the history
is one constructor call, not a code change.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

import jdatetime

from accord.errors import gettext_noop
from accord.l10n import AFGHAN_MONTHS

#: Afghan (Dari) month names, transliterated, Hamal first: the names English and Russian pages
#: show (translated where they are shown); Dari and Pashto pages show their own names.
MONTH_NAMES = (
    gettext_noop("Hamal"),
    gettext_noop("Sawr"),
    gettext_noop("Jawza"),
    gettext_noop("Saratan"),
    gettext_noop("Asad"),
    gettext_noop("Sunbula"),
    gettext_noop("Mizan"),
    gettext_noop("Aqrab"),
    gettext_noop("Qaws"),
    gettext_noop("Jadi"),
    gettext_noop("Dalw"),
    gettext_noop("Hut"),
)
#: The same names in Dari script.
MONTH_NAMES_DARI = AFGHAN_MONTHS["fa"]
#: The Iranian (Persian) names of the same months, for comparison; Afghanistan does not use them.
MONTH_NAMES_IRANIAN = tuple(jdatetime.date.j_months_en)

HAMAL = 1
JADI = 10

#: Solar years the calendar handles (1300 = 1921/22, 1500 = 2121/22).
MIN_YEAR = 1300
MAX_YEAR = 1500

_LABEL = re.compile(r"^(\d{4})(T?)$")


def _to_gregorian(year: int, month: int, day: int) -> date:
    return jdatetime.date(year, month, day).togregorian()


def _last_day(year: int, month: int) -> int:
    if month <= 6:
        return 31
    if month <= 11:
        return 30
    return 30 if jdatetime.date(year, 1, 1).isleap() else 29


def _check_year(year: int) -> None:
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise ValueError(f"solar year {year} is outside the supported range {MIN_YEAR}–{MAX_YEAR}")


@dataclass(frozen=True)
class SolarMonth:
    """One month of the Solar Hijri year, with its Gregorian first and last day (inclusive)."""

    year: int
    month: int
    start: date
    end: date

    @property
    def name(self) -> str:
        """The Dari name, transliterated (``"Hamal"``)."""
        return MONTH_NAMES[self.month - 1]

    @property
    def name_dari(self) -> str:
        return MONTH_NAMES_DARI[self.month - 1]

    @property
    def label(self) -> str:
        """``"Hamal 1394"``."""
        return f"{self.name} {self.year}"

    @property
    def key(self) -> str:
        """A sortable key, ``"1394-01"``."""
        return f"{self.year}-{self.month:02d}"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end


def solar_month(year: int, month: int) -> SolarMonth:
    """The solar month ``month`` (1 = Hamal … 12 = Hut) of solar year ``year``."""
    _check_year(year)
    if not 1 <= month <= 12:
        raise ValueError(f"month {month} is not between 1 (Hamal) and 12 (Hut)")
    return SolarMonth(
        year,
        month,
        _to_gregorian(year, month, 1),
        _to_gregorian(year, month, _last_day(year, month)),
    )


def _as_date(day: date) -> date:
    # A datetime counts as its own calendar day: convert it to Kabul time first if that matters.
    if isinstance(day, datetime):
        return day.date()
    if not isinstance(day, date):
        raise TypeError(f"expected a date, not {day!r}")
    return day


def solar_month_of(day: date) -> SolarMonth:
    """The solar month a Gregorian day falls in."""
    j = jdatetime.date.fromgregorian(date=_as_date(day))
    return solar_month(j.year, j.month)


def solar_month_label(day: date) -> str:
    """``"Hamal 1394"`` for 21 March 2015."""
    return solar_month_of(day).label


def solar_date(day: date) -> tuple[int, int, int]:
    """The Solar Hijri (year, month, day) of a Gregorian day: ``(1394, 1, 1)`` for 21 March 2015."""
    j = jdatetime.date.fromgregorian(date=_as_date(day))
    return j.year, j.month, j.day


def solar_date_label(day: date) -> str:
    """``"1 Hamal 1394"`` for 21 March 2015."""
    year, month, day_of_month = solar_date(day)
    return f"{day_of_month} {MONTH_NAMES[month - 1]} {year}"


def _day(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def _next_month(year: int, month: int) -> tuple[int, int]:
    return (year + 1, 1) if month == 12 else (year, month + 1)


def _month_index(year: int, month: int) -> int:
    return year * 12 + (month - 1)


@dataclass(frozen=True)
class FiscalYear:
    """A fiscal year (or a transitional period) with its Gregorian first and last day."""

    label: str
    start: date
    end: date
    months: tuple[SolarMonth, ...]
    transitional: bool = False

    @property
    def title(self) -> str:
        """``"FY 1394: Jadi 1393 – Qaws 1394 (22 Dec 2014 – 21 Dec 2015)"``."""
        first, last = self.months[0], self.months[-1]
        name = f"Transitional period {self.label}" if self.transitional else f"FY {self.label}"
        return f"{name}: {first.label} – {last.label} ({_day(self.start)} – {_day(self.end)})"

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.start <= day <= self.end

    def month_of(self, day: date) -> SolarMonth:
        """The month of this fiscal year that contains ``day`` (``ValueError`` if none)."""
        day = _as_date(day)
        for month in self.months:
            if day in month:
                return month
        raise ValueError(f"{day.isoformat()} is not in fiscal year {self.label}")


@dataclass(frozen=True)
class FiscalEra:
    """Fiscal years ``first``…``last`` (``None`` = unbounded) start in month ``start_month``.

    ``start_month`` 1 (Hamal): FY *N* starts on 1 Hamal *N*. Any later month: FY *N* starts in
    that month of solar year *N − 1* and is named after the year it mostly lies in.
    """

    first: int | None
    last: int | None
    start_month: int

    def covers(self, label: int) -> bool:
        return (self.first is None or label >= self.first) and (
            self.last is None or label <= self.last
        )


#: Afghanistan's history as documented above.
AFGHAN_ERAS = (
    FiscalEra(None, 1391, HAMAL),
    FiscalEra(1392, 1400, JADI),
    FiscalEra(1401, None, HAMAL),
)


class FiscalCalendar:
    """Fiscal years from a sequence of :class:`FiscalEra`.

    A year ends the day before the next one starts, so an era change shortens the last year
    before it (FY 1391: nine months). A gap left by a change back to a later start becomes a
    transitional period labelled ``"<year>T"`` (``1400T``: Jadi to Hut 1400).
    """

    def __init__(self, eras: Sequence[FiscalEra] = AFGHAN_ERAS):
        if not eras:
            raise ValueError("a fiscal calendar needs at least one era")
        for era in eras:
            if not 1 <= era.start_month <= 12:
                raise ValueError(f"era start month {era.start_month} is not between 1 and 12")
        self.eras = tuple(eras)
        for label in range(MIN_YEAR, MAX_YEAR + 1):
            self._era(label)  # every year is covered by exactly one era
        # Cached per instance: the cache holds the instance, fine for long-lived calendars.
        self._year = functools.lru_cache(maxsize=None)(self._build_year)

    def __repr__(self) -> str:
        return f"FiscalCalendar({self.eras!r})"

    def _era(self, label: int) -> FiscalEra:
        found = [era for era in self.eras if era.covers(label)]
        if len(found) != 1:
            raise ValueError(f"fiscal year {label} is covered by {len(found)} eras, not one")
        return found[0]

    def _start_month(self, label: int) -> tuple[int, int]:
        """(solar year, month) in which FY ``label`` starts."""
        start_month = self._era(label).start_month
        return (label, start_month) if start_month == HAMAL else (label - 1, start_month)

    def _natural_end(self, label: int) -> tuple[int, int]:
        """(solar year, month) of the last month of FY ``label`` had it lasted twelve months."""
        year, month = self._start_month(label)
        index = _month_index(year, month) + 11
        return index // 12, index % 12 + 1

    def _months(self, first: tuple[int, int], last: tuple[int, int]) -> tuple[SolarMonth, ...]:
        months = []
        year, month = first
        while _month_index(year, month) <= _month_index(*last):
            months.append(solar_month(year, month))
            year, month = _next_month(year, month)
        return tuple(months)

    def _build_year(self, label: str) -> FiscalYear:
        match = _LABEL.match(label)
        if not match:
            raise ValueError(f"{label!r} is not a fiscal year label such as '1394' or '1400T'")
        number, transitional = int(match.group(1)), bool(match.group(2))
        _check_year(number)
        following = self._start_month(number + 1) if number < MAX_YEAR else None
        end = self._natural_end(number)
        if following is not None:
            before_next = _month_index(*following) - 1
            if transitional:
                if before_next <= _month_index(*end):
                    raise ValueError(f"there is no transitional period {label}")
                start_index = _month_index(*end) + 1
                first = (start_index // 12, start_index % 12 + 1)
                last = (before_next // 12, before_next % 12 + 1)
                months = self._months(first, last)
                return FiscalYear(label, months[0].start, months[-1].end, months, True)
            if before_next < _month_index(*end):
                end = (before_next // 12, before_next % 12 + 1)
        elif transitional:
            raise ValueError(f"there is no transitional period {label}")
        months = self._months(self._start_month(number), end)
        return FiscalYear(label, months[0].start, months[-1].end, months)

    def fiscal_year(self, label: str | int) -> FiscalYear:
        """The fiscal year (or transitional period) with this label: ``"1394"``, ``"1400T"``."""
        return self._year(str(label))

    def fiscal_year_of(self, day: date) -> FiscalYear:
        """The fiscal year (or transitional period) that contains a Gregorian day."""
        day = _as_date(day)
        solar_year = jdatetime.date.fromgregorian(date=day).year
        for number in (solar_year, solar_year + 1):
            if number > MAX_YEAR:
                continue
            year = self.fiscal_year(str(number))
            if day in year:
                return year
        transitional = self.fiscal_year(f"{solar_year}T")
        if day in transitional:
            return transitional
        raise ValueError(f"{day.isoformat()} falls in no fiscal year")  # pragma: no cover

    def fiscal_years_between(self, start: date, end: date) -> list[FiscalYear]:
        """Every fiscal year (and transitional period) overlapping ``start``…``end``."""
        if end < start:
            raise ValueError("the end of the range is before its start")
        years = []
        day = start
        while day <= end:
            year = self.fiscal_year_of(day)
            years.append(year)
            day = year.end + timedelta(days=1)
        return years

    def iter_years(self, first: int, last: int) -> Iterator[FiscalYear]:
        """Fiscal years ``first``…``last`` with any transitional period between them, in order."""
        if last < first:
            return
        yield from self.fiscal_years_between(
            self.fiscal_year(first).start, self.fiscal_year(last).end
        )


#: Afghanistan's fiscal calendar as documented in this module.
AFGHAN_FISCAL_CALENDAR = FiscalCalendar()
#: Every fiscal year is the solar year (1 Hamal to the end of Hut).
SOLAR_YEAR_CALENDAR = FiscalCalendar((FiscalEra(None, None, HAMAL),))


def fiscal_year_of(day: date, calendar: FiscalCalendar = AFGHAN_FISCAL_CALENDAR) -> FiscalYear:
    """The Afghan fiscal year that contains ``day`` (see the module's notes)."""
    return calendar.fiscal_year_of(day)


def fiscal_year(label: str | int, calendar: FiscalCalendar = AFGHAN_FISCAL_CALENDAR) -> FiscalYear:
    """The Afghan fiscal year labelled ``label`` (``"1394"``, ``1394`` or ``"1400T"``)."""
    return calendar.fiscal_year(label)
