"""The month's flow plan: a multi-commodity problem solved with OR-Tools (GLOP and SCIP).

Formulation (path-based, with column generation)
------------------------------------------------
Each demand is a commodity: whole TEUs from its origin to its destination, of one cargo class and
direction. A *column* is a permitted path for one demand: a sequence of steps, each an arc carried
either by the arc's own monthly capacity or by a lease (a leased aircraft or train set on that
arc). Variables:

* ``x[d, p]`` -- TEU of demand ``d`` on column ``p`` (integer in the plan, continuous in the LP);
* ``u[d]`` -- TEU of ``d`` left unmet, at ``unmet_penalty_per_teu`` each, so every demand gets a
  plan even when it cannot all move;
* ``s[l, a]`` -- sorties of lease ``l`` on arc ``a`` (integer).

Constraints: each demand's columns plus its unmet part equal its TEU; on every arc the TEU and
tonnes of all cargo classes together stay within the arc's capacity (scaled by the share of the
month no closure covers) -- cargo classes *share* capacity, which is why this is not a
single-commodity min-cost flow; leased steps stay within ``sorties x per-sortie`` capacity;
a lease's sorties within its monthly maximum; a quota group's flying hours within the hours left;
each capped agreement's traffic (flights, TEU or tonnes) within its monthly share.

Why paths rather than arcs: the rules are per demand (agreements depend on cargo class,
direction, the consignment's own countries and shipper; deadlines and lease notice depend on the
whole route's days), which paths express exactly and arc flows cannot without a resource
dimension; and the model stays small (a few routes per demand instead of one variable per demand
and arc), so the whole-container model is solvable at 1,000 nodes.

Column generation keeps the linear relaxation exact: starting from the ``paths_per_demand``
cheapest permitted paths, the LP (GLOP) is solved and, for every demand, the few cheapest paths
under *reduced* costs (leg price + the duals of the capacity, lease, quota and cap rows they
touch) are added while they would lower the objective. The LP is one model that only gains
columns, re-solved from its last optimal basis each round (:class:`.lp.Model`). Pricing works on
weights computed once a round for every step as vectors (:mod:`.pricing`): demands going to one
place under one permit share one Dijkstra for the bounds that guide each one's k-best A* search
(:mod:`.search`). In the LP the route, unmet and sortie variables carry no upper bounds of
their own (the demand, lease and sortie rows hold them): a bound would take a dual of its own
that pricing cannot see -- a fully served demand whose route sits at its bound would read the
unmet penalty as its dual, price its own route again at minus the penalty and wreck the bound.

Each round gives Lasdon's lower bound on the LP over *all* permitted paths: the restricted LP's
value plus, per demand, its TEU times a lower bound on the reduced cost of any path it may take
(that of the lightest path under the reduced weights, deadline or not -- a path that meets the
deadline is never lighter). Pricing stops when the LP meets that bound (``GAP_TOLERANCE``,
``lp_status='optimal'``: ``lp_bound`` is the LP optimum over all routes), when no path that meets
a deadline prices out although the bound is not met (``'bound'``: ``lp_bound`` is valid but
looser), after ``max_pricing_rounds`` rounds when the input sets it (a stop that does not depend
on the machine's speed), or at 60% of the time limit. Every cost is non-negative, so a bound
below zero says nothing: then ``lp_bound`` is ``None`` and ``lp_status='unproven'``.

The whole-container plan is then solved by SCIP over the columns the LP uses plus each demand's
cheapest, started from a complete plan rounded from the LP's (:mod:`.start`), within the rest of
the time limit. Its objective is never below ``lp_bound``; ``gap`` reports the distance and
``status`` says whether SCIP proved its plan within ``MIP_RELATIVE_GAP`` (0.1%) of the best
whole-container plan over those routes, or stopped at the time limit with its best plan.

The value of capacity
---------------------
The value of one more TEU of monthly capacity on a leg is the dual of the leg's TEU row in the
final (converged) LP, in USD per TEU per month (objective units when days carry weight); the
same for its tonnes row per tonne, and for a lease's sorties row per sortie. When demand is left
unmet, that dual also holds the unmet penalty, an arbitrary number that must not pass for
dollars. On a fixed optimal basis every dual is affine in the penalty ``P``: ``y = a P + b``,
where ``a`` is the TEU of unmet demand one more unit of capacity lets move and ``b`` what it
does to the transport bill. The LP is re-solved from its optimal basis with the penalty doubled
to read ``a`` off (if that re-solve fails, ``a`` is the dual divided by ``P``, rounded). Then:

* ``a == 0`` (demand met, or this leg does not hold it back): ``value_per_teu = y``, dollars of
  transport one more TEU saves, as is;
* ``a > 0``: ``unlocks_unmet=True``, ``unmet_served_per_teu = a`` and
  ``serve_cost_per_teu = -b`` -- "one more TEU moves ``a`` TEU of unmet demand at a transport cost
  of ``-b`` USD" -- and ``value_per_teu = max(0, b)``, only the dollars it also saves.

On degenerate optima (two saturated legs in series on one route) the value can sit on either of
them. A leg is a ``bottleneck`` when it is at least ``BOTTLENECK_SHARE`` used (TEU or tonnes) and
either more of it is worth something (a positive value or it unlocks unmet demand) or it lies on
a route of a demand the plan leaves partly unmet (so the degenerate twin of a valued leg is
flagged too).

Dates: agreements are judged on the month's first day; a closure removes the share of the
month it covers from the arc's capacity (a closure of the whole month removes the arc).
A lease counts if its period covers the month's first day.
"""

from __future__ import annotations

import time

from ortools.linear_solver import pywraplp

from accord.errors import Code

from ..model import Plan, PlanInput, TransitInputError
from .lp import Model
from .pricing import Priced, generate_columns
from .problem import Problem
from .result import Effort, plan_read
from .start import rounded_start
from .values import capacity_values

__all__ = ["plan_flows"]


def plan_flows(data: PlanInput) -> Plan:
    """Solve the month's flow plan (see the module docstring)."""
    started = time.perf_counter()
    finish = started + data.time_limit_seconds
    problem = Problem(data)
    pricing_deadline = started + data.time_limit_seconds * 0.6  # the rest is for SCIP
    priced = generate_columns(problem, pricing_deadline, finish)
    values = capacity_values(problem, priced.lp, priced.duals)
    mip = whole_container_model(problem, priced)
    status = mip.solve(until=max(finish, time.perf_counter() + 1.0))
    if status not in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):
        raise TransitInputError(
            Code.NO_PLAN, "the solver found no whole-container plan in time", ""
        )
    return plan_read(
        problem,
        mip,
        priced.lp_bound,
        priced.lp_status,
        values,
        status,
        Effort(priced.priced_out, priced.rounds, priced.iterations, mip.solver.nodes()),
        started,
    )


def whole_container_model(problem: Problem, priced: Priced) -> Model:
    """The whole-container plan over the columns the LP uses (and each demand's first one),
    started from the LP solution rounded (see :mod:`.start`)."""
    keep = {i for i, value in enumerate(priced.lp_values) if value > 1e-6}
    keep |= set(priced.first.values())
    mip = Model(problem, integer=True, time_limit=1)
    for i in sorted(keep):
        mip.add(priced.lp.columns[i][0])
    start = rounded_start(mip, [priced.lp_values[i] for i in sorted(keep)])
    mip.solver.SetHint(list(start), list(start.values()))
    return mip
