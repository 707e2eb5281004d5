"""A flow plan over several months (1 to 6), with cargo waiting at transfer points.

Formulation (arc flows over a time-expanded network, one commodity per demand)
-------------------------------------------------------------------------------
Each month has its own demands and its own capacities (a leg's or a place's figure for that
month, or the network's, scaled by the share of the month no closure covers). A demand is
*released* at its origin in its month and may be delivered that month or any later month of the
horizon; cargo not moving on may wait, at its origin or at any place on its way (a *transfer
point*), from one month to the next at ``holding_cost_per_teu_month`` a TEU. Variables (whole
TEUs, SCIP):

* ``f[d, a, t]`` -- TEU of demand ``d`` over arc ``a`` in month ``t`` (only the arcs the
  agreements permit ``d`` in month ``t``);
* ``h[d, n, t]`` -- TEU of ``d`` waiting at place ``n`` at the end of month ``t`` (none after
  the last month);
* ``u[d]`` -- TEU of ``d`` left unmet, at ``unmet_penalty_per_teu`` each (never released).

Rows: at every place but the destination, in every month from the release, what arrives plus
what waited equals what leaves plus what waits on (the origin also receives the demand's TEU
less its unmet part in its month); on every arc and month, all demands together stay within
the month's TEU (and tonnes) capacity; at every place with a throughput, the TEU leaving it in
the month (and those arriving at their destination there) stay within the month's throughput.
A TEU is counted at a place in the month it leaves it, so cargo that waits is counted once.

Leases, agreement caps and deadlines are the single month's plan's (:func:`..plan_flows`); the
multi-period plan works on own capacity, with the month as its grain. Its objective is
``transport USD + holding USD + penalty x unmet TEU``.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
import math
import time
from collections import defaultdict
from dataclasses import dataclass, field

from ortools.linear_solver import pywraplp

from accord.errors import Code

from ..agreements import AgreementIndex, open_fraction
from ..model import Demand, Network, TransitInputError, _require

MAX_MONTHS = 6

__all__ = [
    "MAX_MONTHS",
    "Movement",
    "PeriodMonth",
    "PeriodPlan",
    "PeriodsInput",
    "Stock",
    "plan_periods",
]


@dataclass(frozen=True)
class PeriodMonth:
    """One month of the horizon: its demands and the capacities it overrides.

    ``leg_capacity``: leg code -> TEU that month (each way); ``node_capacity``: place code ->
    TEU that month. A leg or place not named keeps the network's figure (a place's TEU a day
    times the month's days)."""

    month: dt.date
    demands: tuple[Demand, ...] = ()
    leg_capacity: dict[str, int] = field(default_factory=dict)
    node_capacity: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class PeriodsInput:
    network: Network
    months: tuple[PeriodMonth, ...]
    holding_cost_per_teu_month: float = 100.0
    unmet_penalty_per_teu: float = 1_000_000.0
    time_limit_seconds: float = 60.0

    def __post_init__(self) -> None:
        _require(
            1 <= len(self.months) <= MAX_MONTHS,
            Code.BAD_HORIZON,
            f"a plan covers 1 to {MAX_MONTHS} months",
            "months",
        )
        first = self.months[0].month
        _require(first.day == 1, Code.BAD_DATES, "the month starts on its first day", "months")
        for i, month in enumerate(self.months):
            _require(
                month.month == _add_months(first, i),
                Code.BAD_HORIZON,
                "the months follow one another",
                f"months[{i}]",
            )
            for leg, teu in month.leg_capacity.items():
                _require(
                    leg in self.network.leg_by_code,
                    Code.UNKNOWN_LEG,
                    f"unknown leg {leg!r}",
                    f"months[{i}].leg_capacity",
                )
                _require(teu >= 0, Code.BAD_CAPACITY, "capacity cannot be negative", "leg_capacity")
            for node, teu in month.node_capacity.items():
                self.network.node(node, f"months[{i}].node_capacity")
                _require(
                    teu >= 0, Code.BAD_CAPACITY, "capacity cannot be negative", "node_capacity"
                )
        _require(
            self.holding_cost_per_teu_month >= 0,
            Code.BAD_COST,
            "the holding cost cannot be negative",
            "holding_cost_per_teu_month",
        )
        codes = [d.code for m in self.months for d in m.demands]
        _require(
            len(codes) == len(set(codes)), Code.DUPLICATE_CODE, "demand codes repeat", "demands"
        )
        for m in self.months:
            for d in m.demands:
                self.network.node(d.origin, f"demands[{d.code}].origin")
                self.network.node(d.destination, f"demands[{d.code}].destination")


@dataclass(frozen=True)
class Movement:
    """TEU of a demand over one arc in one month (``month``: index in the horizon)."""

    month: int
    demand: str
    arc: str
    leg: str
    origin: str
    destination: str
    teu: int
    cost: float


@dataclass(frozen=True)
class Stock:
    """TEU of a demand waiting at a place at the end of a month."""

    month: int
    demand: str
    node: str
    teu: int
    holding_cost: float


@dataclass(frozen=True)
class PeriodPlan:
    status: str  # 'optimal' | 'feasible'
    months: tuple[dt.date, ...]
    movements: tuple[Movement, ...]
    stocks: tuple[Stock, ...]
    delivered: tuple[tuple[str, int, int], ...]  # (demand, month index, TEU)
    unmet: tuple[tuple[str, int], ...]  # (demand, TEU)
    transport_cost: float
    holding_cost: float
    objective: float
    solve_seconds: float

    @property
    def cost(self) -> float:
        return self.transport_cost + self.holding_cost

    @property
    def unmet_teu(self) -> int:
        return sum(teu for _, teu in self.unmet)


def _add_months(first: dt.date, n: int) -> dt.date:
    index = first.year * 12 + first.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)


def _month_end(month: dt.date) -> dt.date:
    return month.replace(day=calendar.monthrange(month.year, month.month)[1])


def plan_periods(data: PeriodsInput) -> PeriodPlan:
    """Solve the multi-period plan (see the module docstring)."""
    started = time.perf_counter()
    net = data.network
    agreements = AgreementIndex(net)
    solver = pywraplp.Solver.CreateSolver("SCIP")
    solver.SetTimeLimit(int(data.time_limit_seconds * 1000))
    inf = solver.infinity()
    horizon = len(data.months)
    released = [(t, d) for t, m in enumerate(data.months) for d in m.demands]

    # Per month: the arcs open and their capacity; per demand and month: the arcs permitted.
    cap_teu: dict[tuple[str, int], int] = {}
    cap_tonnes: dict[tuple[str, int], float] = {}
    node_cap: dict[tuple[str, int], float] = {}
    for t, m in enumerate(data.months):
        days = (_month_end(m.month) - m.month).days + 1
        for arc in net.arcs:
            share = open_fraction(net, arc, m.month, _month_end(m.month))
            if share <= 0:
                continue
            teu = m.leg_capacity.get(arc.leg.code, arc.leg.capacity_teu_month)
            cap_teu[arc.code, t] = math.floor(teu * share + 1e-9)
            if arc.leg.capacity_tonnes_month is not None and arc.leg.code not in m.leg_capacity:
                cap_tonnes[arc.code, t] = arc.leg.capacity_tonnes_month * share
        for node in net.nodes:
            if node.code in m.node_capacity:
                node_cap[node.code, t] = m.node_capacity[node.code]
            elif node.capacity_teu_day is not None:
                node_cap[node.code, t] = node.capacity_teu_day * days

    flow: dict[tuple[str, str, int], pywraplp.Variable] = {}
    hold: dict[tuple[str, str, int], pywraplp.Variable] = {}
    unmet: dict[str, pywraplp.Variable] = {}
    objective = solver.Objective()
    unit_cost: dict[tuple[str, str], float] = {}
    cap_rows: dict[tuple[str, int], pywraplp.Constraint] = {}
    tonne_rows: dict[tuple[str, int], pywraplp.Constraint] = {}
    node_rows: dict[tuple[str, int], pywraplp.Constraint] = {}
    for (arc_code, t), teu in cap_teu.items():
        cap_rows[arc_code, t] = solver.Constraint(-inf, teu, f"teu[{arc_code},{t}]")
    for (arc_code, t), tonnes in cap_tonnes.items():
        tonne_rows[arc_code, t] = solver.Constraint(-inf, tonnes, f"tonnes[{arc_code},{t}]")
    for (node, t), teu in node_cap.items():
        node_rows[node, t] = solver.Constraint(-inf, teu, f"node[{node},{t}]")

    for release, d in released:
        u = unmet[d.code] = solver.IntVar(0, d.teu, f"u[{d.code}]")
        objective.SetCoefficient(u, data.unmet_penalty_per_teu)
        per_teu_tonnes = d.tonnes / d.teu
        origin_country = net.node_by_code[d.origin].country
        destination_country = net.node_by_code[d.destination].country
        for t in range(release, horizon):
            month = data.months[t].month
            for arc in net.arcs:
                if (arc.code, t) not in cap_teu or arc.destination == d.origin:
                    continue
                if arc.origin == d.destination:
                    continue
                verdict = agreements.verdict(
                    arc,
                    d.cargo_class,
                    d.direction,
                    month,
                    origin_country=origin_country,
                    destination_country=destination_country,
                    shipper=d.shipper,
                    check_closures=False,
                )
                if not verdict.allowed:
                    continue
                var = flow[d.code, arc.code, t] = solver.IntVar(
                    0, d.teu, f"f[{d.code},{arc.code},{t}]"
                )
                price = arc.leg.cost_per_teu + arc.leg.cost_per_tonne * per_teu_tonnes
                unit_cost[d.code, arc.code] = price
                objective.SetCoefficient(var, price)
                cap_rows[arc.code, t].SetCoefficient(var, 1)
                if (arc.code, t) in tonne_rows:
                    tonne_rows[arc.code, t].SetCoefficient(var, per_teu_tonnes)
                if (arc.origin, t) in node_rows:
                    node_rows[arc.origin, t].SetCoefficient(var, 1)
                if arc.destination == d.destination and (arc.destination, t) in node_rows:
                    node_rows[arc.destination, t].SetCoefficient(var, 1)
            if t + 1 < horizon:
                for node in net.nodes:
                    if node.code == d.destination:
                        continue
                    var = hold[d.code, node.code, t] = solver.IntVar(
                        0, d.teu, f"h[{d.code},{node.code},{t}]"
                    )
                    objective.SetCoefficient(var, data.holding_cost_per_teu_month)
        # Conservation at every place but the destination, month by month.
        for t in range(release, horizon):
            for node in net.nodes:
                if node.code == d.destination:
                    continue
                row = solver.Constraint(0, 0, f"flow[{d.code},{node.code},{t}]")
                if node.code == d.origin and t == release:
                    row.SetBounds(d.teu, d.teu)
                    row.SetCoefficient(u, 1)
                for arc in net.arcs:
                    var = flow.get((d.code, arc.code, t))
                    if var is None:
                        continue
                    if arc.origin == node.code:
                        row.SetCoefficient(var, row.GetCoefficient(var) + 1)
                    if arc.destination == node.code:
                        row.SetCoefficient(var, row.GetCoefficient(var) - 1)
                if (d.code, node.code, t) in hold:
                    row.SetCoefficient(hold[d.code, node.code, t], 1)
                if t > release and (d.code, node.code, t - 1) in hold:
                    row.SetCoefficient(hold[d.code, node.code, t - 1], -1)
    objective.SetMinimization()
    status = solver.Solve()
    if status not in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):
        raise TransitInputError(Code.NO_PLAN, "the solver found no whole-container plan", "")

    movements = []
    for (demand, arc_code, t), var in sorted(flow.items(), key=lambda kv: (kv[0][2], kv[0])):
        teu = round(var.solution_value())
        if teu:
            arc = net.arc_by_code[arc_code]
            movements.append(
                Movement(
                    t,
                    demand,
                    arc_code,
                    arc.leg.code,
                    arc.origin,
                    arc.destination,
                    teu,
                    teu * unit_cost[demand, arc_code],
                )
            )
    stocks = []
    for (demand, node, t), var in sorted(hold.items(), key=lambda kv: (kv[0][2], kv[0])):
        teu = round(var.solution_value())
        if teu:
            stocks.append(Stock(t, demand, node, teu, teu * data.holding_cost_per_teu_month))
    by_destination = {d.code: d.destination for _, d in released}
    delivered: dict[tuple[str, int], int] = defaultdict(int)
    for move in movements:
        if move.destination == by_destination[move.demand]:
            delivered[move.demand, move.month] += move.teu
    transport = sum(m.cost for m in movements)
    holding = sum(s.holding_cost for s in stocks)
    return PeriodPlan(
        status="optimal" if status == pywraplp.Solver.OPTIMAL else "feasible",
        months=tuple(m.month for m in data.months),
        movements=tuple(movements),
        stocks=tuple(stocks),
        delivered=tuple((d, t, teu) for (d, t), teu in sorted(delivered.items())),
        unmet=tuple(
            (code, round(var.solution_value()))
            for code, var in unmet.items()
            if round(var.solution_value())
        ),
        transport_cost=transport,
        holding_cost=holding,
        objective=solver.Objective().Value(),
        solve_seconds=time.perf_counter() - started,
    )


def replace_month(data: PeriodsInput, index: int, **changes) -> PeriodsInput:
    """``data`` with month ``index`` changed (for tests and scenarios)."""
    months = list(data.months)
    months[index] = dataclasses.replace(months[index], **changes)
    return dataclasses.replace(data, months=tuple(months))
