"""``accord fleet due [--base B] [--day YYYY-MM-DD]``: the fleet's due list, worst first.
``accord fleet schedule [--days 90] [--time-limit 10] [--day D]``: solve the maintenance schedule
(CP-SAT) with progress, store it and print it with the readiness it forecasts."""

from datetime import date, timedelta

from django.core.management.base import BaseCommand, CommandError

from accord.access import system_principal
from accord.errors import AccordError
from accord.fleet import readiness, selectors
from accord.fleet.engine import readiness as engine
from accord.fleet.engine.due import SEVERITY, DueStatus


class Command(BaseCommand):
    help = (
        "The fleet's maintenance: `due` prints the due list (of one base with --base); "
        "`schedule` solves and prints the maintenance schedule of the days ahead."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        due = sub.add_parser("due", help="print the due list, worst first")
        due.add_argument("--base", help="a base's site code, e.g. taac_air")
        due.add_argument("--day", help="the day to compute it for (default: today)")
        due.add_argument("--all", action="store_true", help="list tasks that are OK too")
        plan = sub.add_parser("schedule", help="solve, store and print the maintenance schedule")
        plan.add_argument("--days", type=int, default=90, help="days ahead (default 90)")
        plan.add_argument(
            "--time-limit", type=float, default=10.0, help="solver seconds (default 10)"
        )
        plan.add_argument("--workers", type=int, default=2, help="CP-SAT workers (default 2)")
        plan.add_argument("--day", help="the first day (default: today)")

    def handle(self, *args, action, **options):
        actor = system_principal("fleet")
        day = date.fromisoformat(options["day"]) if options.get("day") else None
        if action == "schedule":
            return self.schedule(actor, day, options)
        try:
            dues = selectors.fleet_due(actor=actor, base=options.get("base"), day=day)
        except AccordError as exc:
            raise CommandError(f"{exc.code}: {exc.detail}") from None
        rows = [
            (d, t)
            for d in dues
            for t in d.tasks
            if options["all"] or t.due.status not in (DueStatus.OK, DueStatus.DONE)
        ]
        rows.sort(key=lambda r: (-SEVERITY[r[1].due.status], r[0].aircraft.tail_number))
        out = self.stdout
        out.write(
            f"{'aircraft':<10} {'task':<14} {'status':<17} {'governing':<9} "
            f"{'remaining':>10} {'forecast':<10} last done"
        )
        for found, row in rows:
            g = row.due.governing
            out.write(
                f"{found.aircraft.tail_number:<10} {row.task.code:<14} {row.due.status:<17} "
                f"{(g.criterion if g else ''):<9} {(str(g.remaining) if g else ''):>10} "
                f"{(row.due.forecast.isoformat() if row.due.forecast else ''):<10} "
                f"{row.last_done.isoformat() if row.last_done else 'never'}"
            )
        grounded = [d.aircraft.tail_number for d in dues if not d.airworthy]
        out.write(
            f"{len(dues)} aircraft, {len(rows)} tasks listed; not airworthy: "
            f"{', '.join(grounded) if grounded else 'none'}"
        )

    def schedule(self, actor, day, options) -> None:
        out = self.stdout

        def heard(objective: int, bound: int, elapsed: float) -> None:
            out.write(f"  {elapsed:6.2f} s  {objective:,} aircraft-days (bound {bound:,})")

        out.write(f"solving {options['days']} days (limit {options['time_limit']:g} s)...")
        try:
            plan, built, found = readiness.plan_solve(
                actor=actor,
                day=day,
                horizon=options["days"],
                time_limit_s=options["time_limit"],
                workers=options["workers"],
                on_solution=heard,
            )
        except AccordError as exc:
            raise CommandError(f"{exc.code}: {exc.detail}") from None
        problem = built.problem
        out.write(
            f"plan {plan.pk}: {found.status} in {found.wall_time_s:.2f} s; "
            f"{len(problem.fleet())} aircraft at {len(problem.bases)} bases, "
            f"{len(found.assignments)} jobs placed, {len(found.unscheduled)} left out, "
            f"{len(found.deferred)} deferred past the horizon"
        )
        out.write(f"{'aircraft':<10} {'base':<11} {'work':<16} {'start':<10} {'back':<10} limit")
        on = lambda offset: built.day + timedelta(days=offset)  # noqa: E731
        for a in sorted(found.assignments, key=lambda a: (a.start_day, a.job.aircraft)):
            j = a.job
            out.write(
                f"{j.aircraft:<10} {j.base:<11} {j.task:<16} {on(a.start_day).isoformat():<10} "
                f"{on(a.end_day).isoformat():<10} {on(max(j.limit_day, 0)).isoformat()}"
            )
        for j in found.unscheduled:
            out.write(f"{j.aircraft:<10} {j.base:<11} {j.task:<16} {'no slot':<10}")
        rows = engine.downtimes(problem, found, built.defects)
        ready = engine.readiness(
            problem.fleet(), engine.intervals(rows, problem.horizon_days), problem.horizon_days
        )
        days = problem.horizon_days
        down = ", ".join(f"{r} {sum(v):,}" for r, v in ready.down.items())
        out.write(
            f"available: {sum(ready.available):,} aircraft-days of {ready.fleet * days:,} "
            f"({sum(ready.available) / max(ready.fleet * days, 1):.1%}); lowest day "
            f"{min(ready.available)} of {ready.fleet}; down by reason (aircraft-days): {down}"
        )
