"""``accord transit plan --month YYYY-MM``, ``accord transit import-events FILE`` and
``accord transit recheck``."""

import datetime as dt
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from accord import money
from accord.access import system_principal
from accord.audit.services import set_via
from accord.errors import AccordError
from accord.progress import Bar
from accord.transit.common import CURRENCY, usd_minor
from accord.transit.planning.services import flow_plan_solve
from accord.transit.shipments.services import shipment_events_import, shipments_recheck


def _usd(amount) -> str:
    """A price or a solver's cost in whole dollars with its code: ``1,234,567 USD``."""
    return f"{money.format_amount(usd_minor(amount), CURRENCY, places=0)} {CURRENCY}"


class Command(BaseCommand):
    help = (
        "Transit: solve a month's flow plan, import carrier status events from CSV, or re-check "
        "the shipments on the road against the agreements and closures."
    )

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", required=True)
        plan = sub.add_parser("plan", help="solve and store the month's flow plan")
        plan.add_argument("--month", required=True, help="YYYY-MM")
        plan.add_argument("--days-weight", type=float, default=0.0, help="USD per TEU-day")
        plan.add_argument("--time-limit", type=float, default=60.0, help="seconds for the solver")
        events = sub.add_parser("import-events", help="import carrier status events (CSV)")
        events.add_argument("file")
        sub.add_parser(
            "recheck",
            help="re-check the open shipments and flag those whose verdict changed (repairs a "
            "re-check that failed after an agreement or closure change)",
        )

    def handle(self, *args, action, **options):
        set_via("cli")
        actor = system_principal(f"transit {action}")
        try:
            if action == "plan":
                self._plan(actor, options)
            elif action == "recheck":
                flagged = shipments_recheck(actor=actor, cause="re-check on request")
                self.stdout.write(f"Re-checked the open shipments: {flagged} newly flagged.")
            else:
                self._import(actor, options["file"])
        except AccordError as exc:
            details = "; ".join(
                f"{where}: {', '.join(problems)}" for where, problems in (exc.errors or {}).items()
            )
            message = f"{exc.detail} [{exc.code}]" + (f" {details}" if details else "")
            raise CommandError(message) from None

    def _plan(self, actor, options):
        try:
            month = dt.date.fromisoformat(f"{options['month'][:7]}-01")
        except ValueError:
            raise CommandError(f"--month {options['month']!r}: write YYYY-MM.") from None
        quiet = options["verbosity"] < 1
        with Bar(total=4, unit=" steps", disable=quiet, file=self.stderr) as bar:

            def progress(step, total, label):
                bar.set_description(label)
                bar.update(step - bar.n)

            plan = flow_plan_solve(
                actor=actor,
                month=month,
                days_weight=options["days_weight"],
                time_limit_seconds=options["time_limit"],
                progress=progress,
            )
        result = plan.result
        self.stdout.write(
            f"Flow plan {plan.month:%Y-%m} (#{plan.pk}): {plan.status}, cost {_usd(plan.cost)}, "
            f"{plan.demand_teu - plan.unmet_teu} of {plan.demand_teu} TEU planned, "
            f"{plan.unmet_teu} unmet; "
            + (
                f"objective {plan.objective:,.0f}, linear bound {plan.lp_bound:,.0f} "
                f"(gap {plan.gap:.4f}, {result.get('lp_status', 'optimal')})."
                if plan.lp_bound is not None
                else "no linear bound proven in the time."
            )
        )
        for unmet in result.get("unmet", []):
            self.stdout.write(f"  unmet {unmet['demand']}: {unmet['teu']} TEU ({unmet['reason']})")
        busiest = sorted(
            result.get("arc_use", []),
            key=lambda u: (-u.get("unlocks_unmet", False), -u["value_per_teu"], -u["share"]),
        )[:5]
        for use in busiest:
            flag = " bottleneck" if use["bottleneck"] else ""
            worth = f"one more TEU worth {_usd(use['value_per_teu'])}"
            if use.get("unlocks_unmet"):
                worth = (
                    f"one more TEU moves {use['unmet_served_per_teu']:g} TEU of unmet demand "
                    f"at {_usd(use['serve_cost_per_teu'])} of transport"
                )
            self.stdout.write(
                f"  {use['arc']}: {use['used_teu']} of {use['capacity_teu']:.0f} TEU "
                f"({use['share']:.0%}){flag}, {worth}"
            )
        for lease in result.get("lease_use", []):
            self.stdout.write(
                f"  lease {lease['lease']}: {lease['hours']:.0f} h, "
                f"{lease['quota_left_after']:.0f} h of quota left, one more sortie worth "
                f"{_usd(lease.get('value_per_sortie', 0))}"
            )

    def _import(self, actor, name):
        path = Path(name)
        if not path.is_file():
            raise CommandError(f"{name}: no such file.")
        result = shipment_events_import(
            actor=actor, text=path.read_text(encoding="utf-8-sig"), filename=path.name
        )
        self.stdout.write(
            f"Imported {result['events']} events for {result['shipments']} shipments."
        )
