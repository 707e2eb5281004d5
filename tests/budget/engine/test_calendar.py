"""The Afghan fiscal calendar: years, transitions and months as the ministries show them."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.budget.engine.calendar import (
    AFGHAN_FISCAL_CALENDAR,
    HAMAL,
    JADI,
    MONTH_NAMES,
    MONTH_NAMES_DARI,
    MONTH_NAMES_IRANIAN,
    SOLAR_YEAR_CALENDAR,
    FiscalCalendar,
    FiscalEra,
    fiscal_year,
    fiscal_year_of,
    solar_date_label,
    solar_month,
    solar_month_label,
    solar_month_of,
)

days = st.dates(min_value=date(1925, 1, 1), max_value=date(2120, 12, 31))


def test_afghan_month_names_are_the_dari_ones_not_the_iranian():
    assert MONTH_NAMES[0] == "Hamal"
    assert MONTH_NAMES[9] == "Jadi"
    assert MONTH_NAMES[11] == "Hut"
    assert len(set(MONTH_NAMES)) == len(MONTH_NAMES_DARI) == 12
    assert MONTH_NAMES_DARI[0] == "حمل"
    assert MONTH_NAMES_IRANIAN[0] == "Farvardin"
    assert not set(MONTH_NAMES) & set(MONTH_NAMES_IRANIAN)


def test_nowruz_is_1_hamal():
    assert solar_date_label(date(2015, 3, 21)) == "1 Hamal 1394"
    assert solar_month_label(date(2015, 3, 21)) == "Hamal 1394"
    assert solar_month_label(date(2015, 3, 20)) == "Hut 1393"
    assert solar_date_label(date(2016, 3, 20)) == "1 Hamal 1395"


def test_months_have_the_solar_lengths():
    assert [solar_month(1394, m).days for m in range(1, 13)] == [31] * 6 + [30] * 5 + [29]
    assert solar_month(1395, 12).days == 30  # a leap year
    jadi = solar_month(1393, 10)
    assert (jadi.start, jadi.end) == (date(2014, 12, 22), date(2015, 1, 20))
    assert jadi.label == "Jadi 1393"
    assert jadi.key == "1393-10"
    assert jadi.name_dari == "جدی"
    assert date(2015, 1, 1) in jadi
    assert date(2015, 1, 21) not in jadi


def test_solar_month_refuses_nonsense():
    with pytest.raises(ValueError, match="between 1"):
        solar_month(1394, 13)
    with pytest.raises(ValueError, match="supported range"):
        solar_month(900, 1)


def test_the_solar_year_was_the_fiscal_year_until_1390():
    fy = fiscal_year("1390")
    assert (fy.start, fy.end) == (date(2011, 3, 21), date(2012, 3, 19))
    assert [m.name for m in fy.months] == list(MONTH_NAMES)


def test_fy_1391_was_shortened_to_nine_months():
    fy = fiscal_year(1391)
    assert (fy.start, fy.end) == (date(2012, 3, 20), date(2012, 12, 20))
    assert len(fy.months) == 9
    assert fy.months[-1].label == "Qaws 1391"
    assert not fy.transitional


def test_from_1392_the_fiscal_year_started_on_1_jadi():
    fy = fiscal_year("1394")
    assert (fy.start, fy.end) == (date(2014, 12, 22), date(2015, 12, 21))
    assert fy.months[0].label == "Jadi 1393"
    assert fy.months[-1].label == "Qaws 1394"
    assert fy.title == "FY 1394: Jadi 1393 – Qaws 1394 (22 Dec 2014 – 21 Dec 2015)"
    assert fiscal_year_of(date(2015, 1, 1)).label == "1394"
    assert fiscal_year_of(date(2015, 12, 21)).label == "1394"
    assert fiscal_year_of(date(2015, 12, 22)).label == "1395"


def test_jadi_to_hut_1400_was_a_transitional_period_before_fy_1401():
    period = fiscal_year("1400T")
    assert period.transitional
    assert (period.start, period.end) == (date(2021, 12, 22), date(2022, 3, 20))
    assert [m.name for m in period.months] == ["Jadi", "Dalw", "Hut"]
    assert fiscal_year_of(date(2022, 1, 15)) == period
    assert period.title.startswith("Transitional period 1400T: Jadi 1400 – Hut 1400")
    fy = fiscal_year("1401")
    assert (fy.start, fy.end) == (date(2022, 3, 21), date(2023, 3, 20))


def test_there_is_no_transitional_period_elsewhere():
    with pytest.raises(ValueError, match="no transitional period"):
        fiscal_year("1394T")
    with pytest.raises(ValueError, match="not a fiscal year label"):
        fiscal_year("FY94")


def test_the_years_of_the_mission_follow_each_other():
    labels = [y.label for y in AFGHAN_FISCAL_CALENDAR.iter_years(1389, 1402)]
    assert labels[:3] == ["1389", "1390", "1391"]
    assert labels[-4:] == ["1400", "1400T", "1401", "1402"]
    between = AFGHAN_FISCAL_CALENDAR.fiscal_years_between(date(2014, 1, 1), date(2016, 1, 1))
    assert [y.label for y in between] == ["1393", "1394", "1395"]


def test_a_plain_solar_year_calendar_is_one_constructor_away():
    fy = SOLAR_YEAR_CALENDAR.fiscal_year(1394)
    assert (fy.start, fy.end) == (date(2015, 3, 21), date(2016, 3, 19))
    assert fiscal_year_of(date(2015, 1, 1), SOLAR_YEAR_CALENDAR).label == "1393"


def test_eras_must_cover_every_year_exactly_once():
    with pytest.raises(ValueError, match="covered by 0 eras"):
        FiscalCalendar((FiscalEra(None, 1391, HAMAL),))
    with pytest.raises(ValueError, match="covered by 2 eras"):
        FiscalCalendar((FiscalEra(None, None, HAMAL), FiscalEra(1392, None, JADI)))
    with pytest.raises(ValueError, match="start month"):
        FiscalCalendar((FiscalEra(None, None, 13),))


@settings(max_examples=300)
@given(days)
def test_every_day_is_in_exactly_the_fiscal_year_found_for_it(day):
    fy = fiscal_year_of(day)
    assert fy.start <= day <= fy.end
    assert fy == fiscal_year(fy.label)
    month = fy.month_of(day)
    assert month == solar_month_of(day)
    # Its neighbours belong to the same year or to the adjacent ones, never overlapping.
    if day > fy.start:
        assert fiscal_year_of(day - timedelta(days=1)) == fy
    else:
        assert fiscal_year_of(day - timedelta(days=1)).end == day - timedelta(days=1)


@settings(max_examples=100)
@given(st.integers(min_value=1301, max_value=1499), st.booleans())
def test_fiscal_years_tile_time_without_gaps(number, solar):
    calendar = SOLAR_YEAR_CALENDAR if solar else AFGHAN_FISCAL_CALENDAR
    fy = calendar.fiscal_year(number)
    nxt = calendar.fiscal_year_of(fy.end + timedelta(days=1))
    assert nxt.start == fy.end + timedelta(days=1)
    # Months tile the year exactly.
    assert fy.months[0].start == fy.start
    assert fy.months[-1].end == fy.end
    for before, after in pairwise(fy.months):
        assert after.start == before.end + timedelta(days=1)
    assert sum(m.days for m in fy.months) == fy.days
    if not fy.transitional and number not in (1391, 1400):
        assert len(fy.months) == 12
        assert fy.days in (365, 366)


def test_month_of_a_day_outside_the_year_is_refused():
    with pytest.raises(ValueError, match="not in fiscal year 1394"):
        fiscal_year("1394").month_of(date(2016, 6, 1))


def test_a_datetime_counts_as_its_day():
    from datetime import UTC, datetime

    moment = datetime(2022, 1, 15, 23, 30, tzinfo=UTC)
    assert fiscal_year_of(moment).label == "1400T"
    assert solar_month_label(moment) == "Jadi 1400"
    assert fiscal_year("1400T").month_of(moment).name == "Jadi"
    with pytest.raises(TypeError):
        fiscal_year_of("2022-01-15")
