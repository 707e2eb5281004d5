"""The transit part of the demo: June 2013's flow plan, so that the map shows utilisation."""

import datetime as dt

from accord.core.demo import demo_step
from accord.transit.planning import selectors
from accord.transit.planning.services import flow_plan_solve

DEMO_MONTH = dt.date(2013, 6, 1)


@demo_step(order=40)
def june_2013_plan(actor, now) -> str | None:
    """Solve the June 2013 flow plan once (the demo's month with demand on every corridor)."""
    if selectors.plan_latest(actor=actor, month=DEMO_MONTH) is not None:
        return None
    if not selectors.demand_list(actor=actor, month=DEMO_MONTH).exists():
        return None
    plan = flow_plan_solve(actor=actor, month=DEMO_MONTH, time_limit_seconds=30)
    return (
        f"Transit: solved the flow plan for {DEMO_MONTH:%B %Y} "
        f"({plan.demand_teu - plan.unmet_teu} of {plan.demand_teu} TEU planned)."
    )
