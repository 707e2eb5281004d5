"""The fleet's rules without a database: the due list's arithmetic and its properties, and what a
flight log may add."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.fleet.engine.counters import (
    Entry,
    Life,
    Problem,
    Usage,
    expired,
    log_entries,
    log_entry,
    usage_now,
)
from accord.fleet.engine.due import (
    SEVERITY,
    Counters,
    Criterion,
    DueStatus,
    Rule,
    Utilisation,
    task_due,
)

D = Decimal
START = date(2012, 11, 1)
PLAN = Utilisation(D(365), D(1))  # one hour a day, one landing an hour


def at(hours, cycles=0, days=0):
    return Counters(D(hours), cycles, START + timedelta(days=days))


def test_hours_cycles_or_days_whichever_comes_first_governs_and_forecasts():
    rule = Rule(hours=D(100), cycles=500, days=180, tolerance_hours=D(5))
    due = task_due(rule, at(1000), at(1040, 10, 30), PLAN)
    by = {c.criterion: c for c in due.criteria}
    assert by[Criterion.HOURS].next_due == D(1100)
    assert by[Criterion.HOURS].limit == D(1105)
    assert by[Criterion.HOURS].remaining == D(60)
    assert by[Criterion.CYCLES].next_due == 500
    assert by[Criterion.CYCLES].remaining == 490
    assert by[Criterion.DAYS].next_due == START + timedelta(days=180)
    assert by[Criterion.DAYS].remaining == 150
    # 60 hours at one hour a day comes before 150 days and 490 landings.
    assert due.governing.criterion == Criterion.HOURS
    assert due.forecast == START + timedelta(days=30 + 60)
    assert due.status == DueStatus.OK


@pytest.mark.parametrize(
    ("now_hours", "status", "airworthy"),
    [
        (1089, DueStatus.OK, True),
        (1090, DueStatus.DUE_SOON, True),  # a tenth of the interval left
        (1100, DueStatus.DUE_SOON, True),  # due now
        (1103, DueStatus.WITHIN_TOLERANCE, True),
        (1105, DueStatus.WITHIN_TOLERANCE, True),
        (D("1105.1"), DueStatus.OVERDUE, False),
    ],
)
def test_status_by_the_margin_and_the_tolerance(now_hours, status, airworthy):
    due = task_due(Rule(hours=D(100), tolerance_hours=D(5)), at(1000), at(now_hours), PLAN)
    assert due.status == status
    assert due.airworthy is airworthy


def test_a_one_off_task_complied_with_is_done_and_a_repeating_one_counts_on():
    once = Rule(hours=D(100), days=90, repeats=False)
    assert task_due(once, at(0), at(500, days=400), PLAN, done=True).status == DueStatus.DONE
    assert task_due(once, at(0), at(500, days=400), PLAN).status == DueStatus.OVERDUE
    again = Rule(hours=D(100))
    assert task_due(again, at(450), at(500), PLAN, done=True).status == DueStatus.OK


def test_without_planned_flying_the_calendar_governs_and_hours_have_no_forecast():
    idle = Utilisation(D(0))
    due = task_due(Rule(hours=D(100), days=30), at(0), at(10, days=5), idle)
    assert due.governing.criterion == Criterion.DAYS
    assert due.forecast == START + timedelta(days=30)
    assert task_due(Rule(hours=D(100)), at(0), at(10), idle).forecast is None


def test_a_rule_needs_an_interval_and_positive_ones():
    with pytest.raises(ValueError, match="at least one"):
        Rule()
    with pytest.raises(ValueError, match="positive"):
        Rule(hours=D(0))


rules = st.builds(
    Rule,
    hours=st.one_of(st.none(), st.integers(1, 3000).map(D)),
    cycles=st.one_of(st.none(), st.integers(1, 5000)),
    days=st.integers(1, 730),
    tolerance_hours=st.integers(0, 50).map(D),
    tolerance_cycles=st.integers(0, 50),
    tolerance_days=st.integers(0, 30),
)
tenths = st.integers(0, 100_000).map(lambda n: D(n) / 10)


@settings(max_examples=50)
@given(rule=rules, flown=tenths, more=tenths, landed=st.integers(0, 9000), days=st.integers(0, 900))
def test_more_hours_never_make_a_task_less_due(rule, flown, more, landed, days):
    basis = at(1000, 100)
    less = task_due(rule, basis, at(1000 + flown, 100 + landed, days), PLAN)
    worse = task_due(rule, basis, at(1000 + flown + more, 100 + landed, days), PLAN)
    assert SEVERITY[worse.status] >= SEVERITY[less.status]
    hours = {c.criterion: c.remaining for c in less.criteria}
    for c in worse.criteria:
        assert c.remaining <= hours[c.criterion]
    if less.forecast and worse.forecast:
        assert worse.forecast <= less.forecast


@settings(max_examples=50)
@given(
    rule=rules,
    flown=tenths,
    landed=st.integers(0, 9000),
    days=st.integers(0, 900),
    later=st.integers(0, 400),
)
def test_time_passing_never_makes_a_task_less_due_and_doing_it_resets_it(
    rule, flown, landed, days, later
):
    basis = at(0)
    now = at(flown, landed, days)
    earlier = task_due(rule, basis, now, PLAN)
    after = task_due(rule, basis, at(flown, landed, days + later), PLAN)
    assert SEVERITY[after.status] >= SEVERITY[earlier.status]
    # Done now, it is not due at all: every margin is its whole interval.
    fresh = task_due(rule, now, now, PLAN, done=True)
    assert fresh.status == DueStatus.OK
    assert all(c.remaining == c.interval for c in fresh.criteria)


def entry(day, hours=None, landings=None, **totals):
    return Entry(
        START + timedelta(days=day), None if hours is None else D(hours), landings, **totals
    )


THOUSAND, NOTHING = D(1000), D(0)


def check(e, hours=THOUSAND, landings=500, last_day=None, day_hours=NOTHING):
    return log_entry(e, hours=hours, landings=landings, last_day=last_day, day_hours=day_hours)


def test_a_day_adds_its_hours_and_landings_or_the_logbook_totals_give_them():
    logged, problem = check(entry(0, "2.5", 3))
    assert problem is None
    assert (logged.total_hours, logged.total_landings) == (D("1002.5"), 503)
    logged, _ = check(entry(0, total_hours=D("1004.0"), total_landings=506))
    assert (logged.hours, logged.landings) == (D(4), 6)


@pytest.mark.parametrize(
    ("e", "kwargs", "problem"),
    [
        (entry(0, "-1", 1), {}, Problem.NEGATIVE_HOURS),
        (entry(0, "1", -1), {}, Problem.NEGATIVE_LANDINGS),
        (entry(0, "1.25", 1), {}, Problem.HOURS_PRECISION),
        (entry(0, "24.1", 1), {}, Problem.HOURS_OVER_DAY),
        (entry(0, "5", 1), {"day_hours": D(20)}, Problem.HOURS_OVER_DAY),
        (entry(0, "1", 1), {"last_day": START + timedelta(days=1)}, Problem.COUNTERS_BACKWARDS),
        (entry(0, total_hours=D(999)), {}, Problem.COUNTERS_BACKWARDS),
        (entry(0, "2", total_hours=D(1001)), {}, Problem.COUNTERS_BACKWARDS),
    ],
)
def test_what_a_day_may_not_add(e, kwargs, problem):
    assert check(e, **kwargs) == (None, problem)


@settings(max_examples=50)
@given(st.lists(st.tuples(st.integers(0, 3), st.integers(0, 120), st.integers(0, 10)), max_size=30))
def test_accepted_entries_never_run_the_counters_backwards(days):
    entries = []
    day = 0
    for step, tenth, landings in days:
        day += step
        entries.append(Entry(START + timedelta(days=day), D(tenth) / 10, landings))
    results = log_entries(entries, hours=D(0), landings=0, last_day=None, day_hours={})
    totals = [(r.total_hours, r.total_landings) for r, _p in results if r is not None]
    assert totals == sorted(totals)
    flown: dict = {}
    for r, _p in results:
        if r is not None:
            flown[r.day] = flown.get(r.day, D(0)) + r.hours
    assert all(h <= 24 for h in flown.values())


def test_a_component_counts_only_while_fitted_and_stops_at_its_limits():
    base = Usage(D(900), 300, D(400))
    assert usage_now(base, fitted_at=None, airframe=(D(5000), 2000)) == base
    now = usage_now(base, fitted_at=(D(4000), 1500), airframe=(D(4150), 1600))
    assert now == Usage(D(1050), 400, D(550))
    life = Life(hours=D(1000), cycles=500, overhaul_hours=D(600))
    assert expired(now, life) == ["hours"]
    assert expired(base, life) == []
