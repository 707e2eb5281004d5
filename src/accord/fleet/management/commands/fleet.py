"""``accord fleet due [--base B] [--day YYYY-MM-DD]``: the fleet's due list, worst first."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError

from accord.access import system_principal
from accord.errors import AccordError
from accord.fleet import selectors
from accord.fleet.engine.due import SEVERITY, DueStatus


class Command(BaseCommand):
    help = "The fleet's maintenance: `due` prints the due list (of one base with --base)."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        due = sub.add_parser("due", help="print the due list, worst first")
        due.add_argument("--base", help="a base's site code, e.g. taac_air")
        due.add_argument("--day", help="the day to compute it for (default: today)")
        due.add_argument("--all", action="store_true", help="list tasks that are OK too")

    def handle(self, *args, action, **options):
        actor = system_principal("fleet")
        day = date.fromisoformat(options["day"]) if options.get("day") else None
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
