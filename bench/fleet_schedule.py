"""The 90-day maintenance schedule for 500 aircraft: solve time, and availability against bounds.

A seeded synthetic due list: ``BENCH_FLEET_AIRCRAFT`` Mi-17s (default 500) at the scenario's six
bases, each flying 350 hours a year (the demo assumption) give or take 30 %, somewhere in its
50/100/50/200-hour phase cycle and its 2,000-hour overhaul interval; a few are already overdue,
some jobs wait for parts. Downtime: 1, 3 and 5 days for the 50, 100 and 200-hour inspections,
120 for an overhaul (the scenario's demo assumptions); the tolerance is 10 % of the phase
interval (5 flight hours) and 50 hours for an overhaul. Each base has hangar slots and
technicians for about what its fleet needs on an average day, so busy weeks make choices.

Three figures: CP-SAT's solve time (goal: 10 s) against the linear relaxation's solve of the
same problem (GLOP); the aircraft-days it reaches against that relaxation's bound (1.0 would be
provably the best any schedule can do); and against the greedy earliest-limit-first schedule,
the anchor a planner would get without optimising.

A fourth, from the real due list (``BENCH_FLEET_FROM_DEMO=1``, the default): the demo's fleet
(the scenario and ``accord demo``, on a temporary database) scheduled as ``accord fleet schedule``
does it -- ``readiness.plan_solve`` for 90 days -- against the anchor of the same run: reading
the fleet's due list and building the problem from it (``readiness.schedule_problem``).

    python bench/fleet_schedule.py
    ACCORD_DATABASE_URL=postgresql://…/accord_bench python bench/fleet_schedule.py
"""

from __future__ import annotations

import math
import os
import random
import time

from accord.fleet.engine.schedule import Base, Job, Problem, greedy, solve
from accord.fleet.engine.schedule_bound import lp_bound
from benchlib import bench_environment, median, report

AIRCRAFT = int(os.environ.get("BENCH_FLEET_AIRCRAFT", "500"))
HORIZON = int(os.environ.get("BENCH_FLEET_DAYS", "90"))
TIME_LIMIT = float(os.environ.get("BENCH_FLEET_TIME_LIMIT", "10"))
WORKERS = int(os.environ.get("BENCH_FLEET_WORKERS", str(os.cpu_count() or 1)))
SEED = 11

HOURS_A_DAY = 350 / 365
# The scenario's bases, with the share of the fleet each holds.
BASES = {"KBL": 0.25, "KDH": 0.20, "SHD": 0.15, "HEA": 0.13, "MZR": 0.15, "JAA": 0.12}
PHASES = ("h50", "h100", "h50", "h200")  # every 50 flight hours, the 200-hour cycle in turn
DOWNTIME = {"h50": 1, "h100": 3, "h200": 5, "overhaul": 120}
CREW = {"h50": 2, "h100": 4, "h200": 6, "overhaul": 8}


def aircraft_jobs(tail: str, base: str, rng: random.Random) -> list[Job]:
    """One aircraft's due work up to a little past the horizon, as a due list forecasts it."""
    rate = HOURS_A_DAY * rng.uniform(0.7, 1.3)
    phase = rng.randrange(len(PHASES))
    to_next = rng.uniform(-6, 50)  # flight hours to the next phase inspection (below 0: overdue)
    to_overhaul = rng.uniform(-30, 2000)
    overhaul_day = math.floor(to_overhaul / rate)
    jobs = []
    if overhaul_day < HORIZON + 60:
        jobs.append(job(tail, base, "overhaul", overhaul_day, round(50 / rate), rng))
    n = 0
    while (due := math.floor((to_next + 50 * n) / rate)) < min(HORIZON + 60, overhaul_day):
        task = PHASES[(phase + n) % len(PHASES)]
        jobs.append(job(tail, base, f"{task}#{n}", due, round(5 / rate), rng))
        n += 1
    return jobs


def job(tail: str, base: str, task: str, due: int, tolerance: int, rng: random.Random) -> Job:
    kind = task.split("#")[0]
    waits = rng.random() < (0.3 if kind == "overhaul" else 0.1)
    return Job(
        aircraft=tail,
        base=base,
        task=task,
        duration_days=DOWNTIME[kind],
        earliest_day=due - tolerance,
        due_day=due,
        technicians=CREW[kind],
        parts_ready_day=max(0, due + rng.randint(-10, 30)) if waits else 0,
        tolerance_days=tolerance,
    )


def synthetic_problem() -> Problem:
    rng = random.Random(SEED)
    codes = list(BASES)
    fleet = {code: [] for code in codes}
    jobs: list[Job] = []
    for i in range(AIRCRAFT):
        base = rng.choices(codes, weights=[BASES[c] for c in codes])[0]
        tail = f"YA-{i + 1:04d}"
        fleet[base].append(tail)
        jobs.extend(aircraft_jobs(tail, base, rng))
    # About the average day's need: inspections (2.5 days per 52) and overhauls (120 per 2,000 h).
    bases = []
    for code in codes:
        need = len(fleet[code]) * (2.5 / 52 + 120 * HOURS_A_DAY / 2000)
        bases.append(Base(code, max(2, round(need)), max(10, round(need * 4.5))))
    tails = tuple(t for code in codes for t in fleet[code])
    return Problem(tuple(bases), tuple(jobs), HORIZON, tails)


def main() -> None:
    problem = synthetic_problem()
    anchor = greedy(problem)
    relaxed = lp_bound(problem)
    found: list[tuple[int, int, float]] = []
    cpu = time.process_time()
    plan = solve(
        problem,
        time_limit_s=TIME_LIMIT,
        num_workers=WORKERS,
        seed=SEED,
        on_solution=lambda objective, bound, elapsed: found.append((objective, bound, elapsed)),
    )
    cpu = time.process_time() - cpu
    fleet_days = len(problem.fleet()) * HORIZON
    best_at = next((t for o, _, t in found if o == plan.objective), None)
    reached = "never: the greedy schedule stands" if best_at is None else f"after {best_at:.2f} s"
    print(
        f"# {len(problem.fleet())} aircraft at {len(problem.bases)} bases, {HORIZON} days, "
        f"{len(problem.jobs)} jobs ({len(plan.deferred)} due after the horizon, deferred); "
        f"slots {', '.join(f'{b.code} {b.slots_per_day}' for b in problem.bases)}; "
        f"technicians {', '.join(f'{b.code} {b.technicians_per_day}' for b in problem.bases)}",
        flush=True,
    )
    print(
        f"# CP-SAT ({WORKERS} workers, limit {TIME_LIMIT:g} s): {plan.status}, "
        f"{len(plan.assignments)} jobs placed, {len(plan.unscheduled)} left out; "
        f"{len(found)} schedules reported, the final figure first reached {reached}; "
        f"{plan.objective:,} aircraft-days of {fleet_days:,} "
        f"({plan.objective / fleet_days:.2%} available), CP-SAT bound {plan.bound:,}; "
        f"{cpu:.1f} s of CPU in {plan.wall_time_s:.1f} s (a busy machine gives the solver less)",
        flush=True,
    )
    print(
        f"# greedy: {anchor.objective:,} aircraft-days, {len(anchor.unscheduled)} left out, "
        f"{anchor.wall_time_s * 1000:.1f} ms; LP relaxation: {relaxed.value:,.2f} aircraft-days "
        f"({relaxed.status}, {relaxed.wall_time_s:.2f} s)",
        flush=True,
    )
    report(
        "fleet_schedule_solve",
        plan.wall_time_s,
        "s",
        plan.wall_time_s / relaxed.wall_time_s,
        f"the LP relaxation's build and solve, GLOP ({relaxed.wall_time_s:.2f} s)",
    )
    # As benchlib.report, with the ratio to six decimals: the point is how close it is to 1.
    print(
        f"fleet_schedule_availability: {plan.objective:,} aircraft-days "
        f"({plan.objective / relaxed.value:.6f} x the LP relaxation bound of the same problem, "
        f"{relaxed.value:,.2f})",
        flush=True,
    )
    print(
        f"fleet_schedule_vs_greedy: {plan.objective:,} aircraft-days "
        f"({plan.objective / anchor.objective:.4f} x the greedy earliest-limit-first schedule, "
        f"{anchor.objective:,})",
        flush=True,
    )


def from_the_due_list() -> None:
    """The demo's fleet scheduled from its real due list; the anchor is reading that due list
    and building the problem, in the same run on the same database."""
    bench_environment()
    # The demo e-mails its personas: kept in memory, no mail server in a benchmark.
    os.environ.setdefault("ACCORD_EMAIL_BACKEND", "django.core.mail.backends.locmem.EmailBackend")
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "accord.settings")
    django.setup()
    from django.core.management import call_command

    from accord.access import system_principal
    from accord.audit.services import set_via
    from accord.fleet import readiness

    set_via("cli")
    call_command("migrate", verbosity=0, interactive=False)
    call_command("demo", verbosity=0, stdout=open(os.devnull, "w"))  # noqa: SIM115
    actor = system_principal("bench")
    reads = []
    for _ in range(3):
        started = time.perf_counter()
        built = readiness.schedule_problem(actor=actor, horizon=HORIZON)
        reads.append(time.perf_counter() - started)
    anchor = median(reads)
    started = time.perf_counter()
    _plan, built, found = readiness.plan_solve(
        actor=actor, horizon=HORIZON, time_limit_s=TIME_LIMIT, workers=WORKERS
    )
    whole = time.perf_counter() - started
    problem = built.problem
    print(
        f"# the demo's fleet: {len(problem.fleet())} aircraft at {len(problem.bases)} bases, "
        f"{len(problem.jobs)} jobs from the due list; CP-SAT {found.status}, "
        f"{len(found.assignments)} placed, {len(found.unscheduled)} left out, "
        f"{found.objective:,} aircraft-days of {len(problem.fleet()) * HORIZON:,}, bound "
        f"{found.bound:,}; read, solve and store {whole:.2f} s",
        flush=True,
    )
    report(
        "fleet_schedule_demo_solve",
        found.wall_time_s,
        "s",
        found.wall_time_s / anchor,
        f"reading the due list and building the problem ({anchor:.3f} s)",
    )


if __name__ == "__main__":
    main()
    if os.environ.get("BENCH_FLEET_FROM_DEMO", "1") == "1":
        from_the_due_list()
