"""A whole-container plan built from the LP's solution, for SCIP to start from: every route's
TEU rounded down, just enough sorties for what flies on leases, then what is left of each demand
put on its cheapest routes that still have room. It is feasible by construction, and it is a
complete solution (every variable has a value), so SCIP takes it as its first incumbent instead of
searching for one; its cost is usually within a few TEU of the LP's."""

from __future__ import annotations

import math
from collections import defaultdict

from ortools.linear_solver import pywraplp

from .lp import Model

SLACK = 1e-6  # rounding noise: a value this close to a whole number is that number


def rounded_start(mip: Model, lp_values: list[float]) -> dict[pywraplp.Variable, float]:
    """A value for every variable of ``mip`` (routes, sorties, unmet TEU), from the LP's value of
    each of its routes (``lp_values``, in the order of ``mip.columns``)."""
    teu = [math.floor(value + SLACK) for value in lp_values]
    sorties = _sorties_that_fit(mip, teu)
    room = _room(mip, teu, sorties)
    _fill(mip, teu, room)
    start: dict[pywraplp.Variable, float] = {}
    served: dict[str, int] = defaultdict(int)
    for (column, var), value in zip(mip.columns, teu, strict=True):
        start[var] = value
        served[column.demand.code] += value
    for demand in mip.p.data.demands:
        start[mip.unmet[demand.code]] = demand.teu - served[demand.code]
    for code, var in mip.sorties.items():
        start[var] = sorties[code]
    return start


def _needed(mip: Model, teu: list[int]) -> dict[str, int]:
    """Whole sorties each leased step needs to carry the TEU and tonnes routed over it."""
    carried: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    for (column, _var), value in zip(mip.columns, teu, strict=True):
        tonnes = value * mip.p.tonnes_per_teu(column.demand)
        for step in column.steps:
            if step.lease is not None:
                carried[step.code][0] += value
                carried[step.code][1] += tonnes
    needed = {}
    for code in mip.sorties:
        lease = mip.sortie_leases[code]
        boxes, tonnes = carried[code]
        needed[code] = max(
            math.ceil(boxes / lease.teu_per_sortie - SLACK),
            math.ceil(tonnes / lease.tonnes_per_sortie - SLACK),
            0,
        )
    return needed


def _sorties_that_fit(mip: Model, teu: list[int]) -> dict[str, int]:
    """The sorties the rounded routes need; where a lease's monthly sorties or a quota's hours
    would be exceeded, the routes over that lease are emptied (and filled again later, where
    there is room)."""
    while True:
        sorties = _needed(mip, teu)
        over = set()
        for code in sorties:
            for row, coefficient in mip.sortie_uses[code].items():
                if coefficient > 0 and _row_total(mip, sorties, row) > row.ub() + SLACK:
                    over.add(code.split("@", 1)[1])
        if not over:
            return sorties
        for i, (column, _var) in enumerate(mip.columns):
            if any(s.lease is not None and s.lease.code in over for s in column.steps):
                teu[i] = 0


def _row_total(mip: Model, sorties: dict[str, int], row: pywraplp.Constraint) -> float:
    """The sorties' use of a lease or quota row."""
    return sum(sorties[code] * mip.sortie_uses[code].get(row, 0.0) for code in sorties)


def _room(mip: Model, teu: list[int], sorties: dict[str, int]) -> dict[pywraplp.Constraint, float]:
    """What each row has left under the rounded routes and their sorties."""
    used: dict[pywraplp.Constraint, float] = defaultdict(float)
    for uses, value in zip(mip.uses, teu, strict=True):
        for row, coefficient in uses.items():
            used[row] += coefficient * value
    for code, count in sorties.items():
        for row, coefficient in mip.sortie_uses[code].items():
            used[row] += coefficient * count
    rows = {row for uses in mip.uses for row in uses}
    return {row: row.ub() - used[row] for row in rows}


def _fill(mip: Model, teu: list[int], room: dict[pywraplp.Constraint, float]) -> None:
    """Put what is left of each demand on its routes, cheapest first, as far as each row's room
    allows (whole TEU)."""
    left = {d.code: d.teu for d in mip.p.data.demands}
    for (column, _var), value in zip(mip.columns, teu, strict=True):
        left[column.demand.code] -= value
    order = sorted(range(len(mip.columns)), key=lambda i: mip.columns[i][0].objective_per_teu)
    for i in order:
        code = mip.columns[i][0].demand.code
        if left[code] <= 0:
            continue
        fits = left[code]
        for row, coefficient in mip.uses[i].items():
            if coefficient > 0:
                fits = min(fits, math.floor(room[row] / coefficient + SLACK))
        if fits <= 0:
            continue
        teu[i] += fits
        left[code] -= fits
        for row, coefficient in mip.uses[i].items():
            room[row] -= coefficient * fits
