"""The maintenance schedule: hangars, crews, parts and windows kept; aircraft-days counted right,
as good as the best schedule found by enumeration on small problems, never above the LP bound."""

from __future__ import annotations

import itertools
import random
from collections import defaultdict

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.errors import Code
from accord.fleet.engine.schedule import (
    Base,
    Job,
    Problem,
    Schedule,
    ScheduleInputError,
    greedy,
    solve,
)
from accord.fleet.engine.schedule_bound import lp_bound

SETTINGS = settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def job(aircraft, task, *, base="KBL", days=1, earliest=0, due=0, crew=1, parts=0, tolerance=0):
    return Job(aircraft, base, task, days, earliest, due, crew, parts, tolerance)


def days_down(problem: Problem, starts: dict[Job, int]) -> dict[str, set[int]]:
    """Each aircraft's grounded days, day by day, straight from the rules."""
    down: dict[str, set[int]] = defaultdict(set)
    for j in problem.jobs:
        if j.due_day + j.tolerance_days >= problem.horizon_days:
            continue  # due after the horizon: no effect within it
        for day in range(problem.horizon_days):
            if j in starts:
                in_hangar = starts[j] <= day < starts[j] + j.duration_days
                overdue = j.due_day + j.tolerance_days <= day < starts[j]
            else:
                in_hangar, overdue = False, day >= j.due_day + j.tolerance_days
            if in_hangar or overdue:
                down[j.aircraft].add(day)
    return down


def assert_keeps_every_rule(problem: Problem, schedule: Schedule) -> None:
    horizon, bases = problem.horizon_days, {b.code: b for b in problem.bases}
    starts = {a.job: a.start_day for a in schedule.assignments}
    # Every job accounted for once: placed, left out (due within the horizon) or deferred.
    placed = [a.job for a in schedule.assignments]
    assert sorted(
        placed + list(schedule.unscheduled) + list(schedule.deferred), key=repr
    ) == sorted(problem.jobs, key=repr)
    assert all(j.due_day + j.tolerance_days >= horizon for j in schedule.deferred)
    assert all(j.due_day + j.tolerance_days < horizon for j in placed + list(schedule.unscheduled))
    slots, crews = defaultdict(int), defaultdict(int)
    for j, start in starts.items():
        # Not before it may be done, nor before its parts; starts within the horizon.
        assert max(j.earliest_day, j.parts_ready_day, 0) <= start < horizon
        for day in range(start, start + j.duration_days):  # every day of its duration
            slots[(j.base, day)] += 1
            crews[(j.base, day)] += j.technicians
    for (code, day), used in slots.items():
        assert used <= bases[code].slots_per_day, (code, day)
        assert crews[(code, day)] <= bases[code].technicians_per_day, (code, day)
    # An aircraft's jobs one at a time, in the order they fall due; none after one left out.
    chains = defaultdict(list)
    for j in sorted(
        placed + list(schedule.unscheduled),
        key=lambda j: (j.due_day + j.tolerance_days, j.due_day, j.task),
    ):
        chains[j.aircraft].append(j)
    for chain in chains.values():
        for earlier, later in itertools.pairwise(chain):
            if later in starts:
                assert earlier in starts
                assert starts[later] >= starts[earlier] + earlier.duration_days
    # Availability as the rules define it, day by day.
    fleet = set(problem.aircraft) | {j.aircraft for j in problem.jobs}
    down = days_down(problem, starts)
    expected = tuple(
        len(fleet) - sum(day in days for days in down.values()) for day in range(horizon)
    )
    assert schedule.available_per_day == expected
    assert schedule.objective == sum(expected) <= schedule.bound


def best_by_enumeration(problem: Problem) -> int:
    """The most aircraft-days of any schedule, trying every start (or none) of every due job."""
    due = [j for j in problem.jobs if j.due_day + j.tolerance_days < problem.horizon_days]
    choices = [
        [None, *range(max(j.earliest_day, j.parts_ready_day, 0), problem.horizon_days)] for j in due
    ]
    fleet = set(problem.aircraft) | {j.aircraft for j in problem.jobs}
    best = 0
    for pick in itertools.product(*choices):
        starts = {j: s for j, s in zip(due, pick, strict=True) if s is not None}
        if _feasible(problem, due, starts):
            lost = sum(len(days) for days in days_down(problem, starts).values())
            best = max(best, len(fleet) * problem.horizon_days - lost)
    return best


def _feasible(problem: Problem, due: list[Job], starts: dict[Job, int]) -> bool:
    bases = {b.code: b for b in problem.bases}
    slots, crews = defaultdict(int), defaultdict(int)
    for j, start in starts.items():
        for day in range(start, start + j.duration_days):
            slots[(j.base, day)] += 1
            crews[(j.base, day)] += j.technicians
            if slots[(j.base, day)] > bases[j.base].slots_per_day:
                return False
            if crews[(j.base, day)] > bases[j.base].technicians_per_day:
                return False
    chains = defaultdict(list)
    for j in sorted(due, key=lambda j: (j.due_day + j.tolerance_days, j.due_day, j.task)):
        chains[j.aircraft].append(j)
    for chain in chains.values():
        for earlier, later in itertools.pairwise(chain):
            if later in starts and (
                earlier not in starts or starts[later] < starts[earlier] + earlier.duration_days
            ):
                return False
    return True


def solved(problem: Problem, **options) -> Schedule:
    schedule = solve(problem, time_limit_s=30, num_workers=1, **options)
    assert schedule.status == "optimal"
    assert_keeps_every_rule(problem, schedule)
    # Proven optimal: the solver's own count of aircraft-days is the one recomputed day by day.
    assert schedule.bound == schedule.objective
    assert schedule.objective <= lp_bound(problem).value + 1e-6
    return schedule


@pytest.mark.parametrize(
    ("base", "crew", "relaxed"),
    # A fractional schedule runs 5/3 jobs of 3 technicians at once: a weaker bound.
    [(Base("KBL", 1, 10), 3, 31), (Base("KBL", 3, 5), 3, 100 / 3)],
    ids=["one hangar slot", "one crew"],
)
def test_one_job_at_a_time_takes_the_shortest_overdue_job_first(base, crew, relaxed):
    # Three aircraft overdue on day 0, room for one job at a time: each waits grounded until its
    # job ends, so the shortest job first loses the fewest aircraft-days (1 + 3 + 5 = 9 of 40).
    problem = Problem(
        (base,),
        (
            job("A", "h100", days=2, crew=crew),
            job("B", "h200", days=2, crew=crew),
            job("C", "h50", days=1, crew=crew),
        ),
        horizon_days=10,
        aircraft=("A", "B", "C", "D"),
    )
    schedule = solved(problem)
    assert schedule.objective == 40 - 9
    # The relaxation sees the limit too (without it, all three would start on day 0: 35).
    assert lp_bound(problem).value == pytest.approx(relaxed)
    first = min(schedule.assignments, key=lambda a: a.start_day)
    assert first.job.aircraft == "C"
    assert schedule.available_per_day[:5] == (1, 2, 2, 3, 3)


def test_crews_parts_and_windows_hold_a_job_back():
    problem = Problem(
        (Base("KBL", 2, 4), Base("KDH", 1, 2)),
        (
            # Parts on day 4, due on day 2: grounded from day 2 until it ends on day 7.
            job("A", "h100", days=3, earliest=0, due=2, crew=2, parts=4),
            # Not before day 3 (the programme's earliest), due on day 5 with 2 days' tolerance.
            job("B", "h50", days=1, earliest=3, due=5, tolerance=2, crew=3),
            # Needs more technicians than the base has: left out, grounded from its limit.
            job("C", "h200", base="KDH", days=5, due=6, crew=3),
            # Due after the horizon: deferred, its aircraft flies throughout.
            job("D", "overhaul", base="KDH", days=120, due=40),
        ),
        horizon_days=12,
    )
    schedule = solved(problem)
    starts = {a.job.aircraft: a.start_day for a in schedule.assignments}
    assert starts["A"] == 4  # the day its parts come
    assert starts["B"] in (3, 7)  # not beside A (crews 2 + 3 > 4), and within its window
    assert [j.aircraft for j in schedule.unscheduled] == ["C"]
    assert [j.aircraft for j in schedule.deferred] == ["D"]
    # A: down days 2-6 (5), B: 1 day, C: days 6-11 (6); 48 aircraft-days less 12.
    assert schedule.objective == 48 - 12


def test_a_late_job_after_a_long_one_is_not_counted_twice():
    # An overhaul overdue on day 0 runs to day 6; the same aircraft's 50-hour inspection falls
    # due on day 3 and can only follow the overhaul. Down days 0-6 once, not 0-6 and 3-6.
    problem = Problem(
        (Base("KBL", 3, 10),),
        (job("A", "overhaul", days=6, due=-2), job("A", "h50#1", days=1, earliest=1, due=3)),
        horizon_days=10,
    )
    schedule = solved(problem)
    assert {a.job.task: a.start_day for a in schedule.assignments} == {"overhaul": 0, "h50#1": 6}
    assert schedule.objective == 10 - 7
    # The relaxation keeps the chain too (without it, the inspection on day 3: 4 aircraft-days).
    assert lp_bound(problem).value == pytest.approx(3)
    # Without a hangar the overhaul is left out, and so is what follows it.
    closed = Problem((Base("KBL", 0, 10),), problem.jobs, horizon_days=10)
    schedule = solved(closed)
    assert not schedule.assignments
    assert len(schedule.unscheduled) == 2
    assert schedule.objective == 0


def test_progress_is_reported_and_the_same_seed_gives_the_same_schedule():
    problem = random_problem(random.Random(5), aircraft=10, horizon=20)
    heard = []
    first = solved(problem, seed=3, on_solution=lambda *report: heard.append(report))
    again = solved(problem, seed=3)
    assert first.assignments == again.assignments
    assert heard
    assert heard[-1][0] == first.objective
    assert [o for o, _, _ in heard] == sorted(o for o, _, _ in heard)
    assert all(o <= b for o, b, _ in heard)
    # The optimisation never does worse than the greedy schedule it starts from.
    anchor = greedy(problem)
    assert_keeps_every_rule(problem, anchor)
    assert anchor.objective <= first.objective


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"base": "XXX"}, "base"),
        ({"duration_days": 0}, "duration_days"),
        ({"technicians": 0}, "technicians"),
        ({"tolerance_days": -1}, "tolerance_days"),
    ],
)
def test_bad_input_is_refused_with_its_field(change, field):
    bad = Job(**{**job("A", "h50").__dict__, **change})
    with pytest.raises(ScheduleInputError) as refused:
        solve(Problem((Base("KBL", 1, 1),), (bad, job("B", "h50"))), time_limit_s=1)
    assert refused.value.code == Code.VALIDATION_FAILED
    assert refused.value.field == field
    with pytest.raises(ScheduleInputError):
        lp_bound(Problem((Base("KBL", 1, 1),), (job("A", "h50"), job("A", "h50"))))


def random_problem(rng: random.Random, aircraft: int, horizon: int, jobs_each: int = 3) -> Problem:
    bases = (Base("KBL", rng.randint(1, 3), rng.randint(2, 8)), Base("KDH", rng.randint(0, 2), 4))
    jobs = []
    for n in range(aircraft):
        base = rng.choice(bases).code
        due = rng.randint(-3, horizon // 2)
        for k in range(rng.randint(0, jobs_each)):
            jobs.append(
                job(
                    f"A{n}",
                    f"t{k}",
                    base=base,
                    days=rng.choice([1, 1, 2, 3, 5]),
                    earliest=due - rng.randint(0, 3),
                    due=due,
                    crew=rng.randint(1, 4),
                    parts=rng.choice([0, 0, 0, rng.randint(0, horizon)]),
                    tolerance=rng.randint(0, 2),
                )
            )
            due += rng.randint(2, max(2, horizon // 2))
    return Problem(bases, tuple(jobs), horizon, tuple(f"A{n}" for n in range(aircraft + 1)))


@SETTINGS
@given(seed=st.integers(0, 10_000), aircraft=st.integers(1, 3), horizon=st.integers(3, 7))
def test_small_schedules_are_the_best_there_is_and_keep_every_rule(seed, aircraft, horizon):
    problem = random_problem(random.Random(seed), aircraft, horizon, jobs_each=2)
    schedule = solved(problem)
    bound = lp_bound(problem)
    assert bound.status == "optimal"
    assert schedule.objective == best_by_enumeration(problem) <= bound.value + 1e-6
    assert_keeps_every_rule(problem, greedy(problem))


@pytest.mark.parametrize("solver", [greedy, lambda p: solve(p, time_limit_s=5, num_workers=1)])
def test_a_day_with_fewer_technicians_takes_fewer_jobs(solver):
    """Four technicians on days 0-4, none on days 5-6 (their certificates ran out), four again
    from day 7: a three-day job of a crew of four due on day 5 cannot run over days 5-6, so it
    is done by day 2 or after day 6, and the LP bound reads the same days."""
    base = Base("KBL", 2, 4, technicians_on=(4, 4, 4, 4, 4, 0, 0, 4))
    problem = Problem((base,), (job("A", "h100", days=3, due=5, crew=4),), horizon_days=20)
    schedule = solver(problem)
    (assignment,) = schedule.assignments
    running = set(range(assignment.start_day, assignment.start_day + 3))
    assert not running & {5, 6}
    assert base.crew_shortfalls(10) == [(5, 2, 4)]
    assert lp_bound(problem).value >= schedule.objective - 1e-6
