"""The value of capacity: what one more unit of a leg's TEU or tonnes, or of a lease's sorties, is
worth, with the unmet penalty's part taken out (see the package docstring, "The value of
capacity")."""

from __future__ import annotations

from dataclasses import dataclass

from ortools.linear_solver import pywraplp

from .lp import Duals, Model
from .problem import Problem

PENALTY_PART = 1e-6  # unmet TEU served per TEU of capacity below this count as none


@dataclass(frozen=True)
class Value:
    """What one more unit of a capacity row is worth, split into the penalty and the rest."""

    value: float  # objective units (USD) saved, the penalty excluded
    unmet_served: float  # TEU of unmet demand one more unit lets move
    serve_cost: float  # objective units that moving them costs (when unmet_served > 0)


def capacity_values(problem: Problem, lp: Model, duals: Duals) -> dict[tuple[str, str], Value]:
    """(row kind, code) -> value of one more unit of that capacity, kind 'teu', 'tonnes' or
    'lease' (see the package docstring, "The value of capacity")."""
    penalty = problem.data.unmet_penalty_per_teu
    rows = {
        "teu": duals.teu,
        "tonnes": duals.tonnes,
        "lease": duals.lease,
        "node": duals.node,
    }
    # The same optimal basis priced with the penalty doubled: each dual is affine in the
    # penalty on a fixed basis, so the difference is the penalty's part.
    doubled: Duals | None = None
    if problem.data.demands and any(v for row in rows.values() for v in row.values()):
        for var in lp.unmet.values():
            lp.objective.SetCoefficient(var, 2 * penalty)
        if lp.solve() == pywraplp.Solver.OPTIMAL:
            doubled = Duals.read(lp)
        for var in lp.unmet.values():
            lp.objective.SetCoefficient(var, penalty)
    if doubled is None:  # the re-solve failed: read the penalty's part off the size of the dual
        twice = {
            kind: {
                code: dual - round(-dual / penalty) * penalty if penalty > 0 else dual
                for code, dual in row.items()
            }
            for kind, row in rows.items()
        }
        return _split(rows, twice, penalty)
    twice = {
        "teu": doubled.teu,
        "tonnes": doubled.tonnes,
        "lease": doubled.lease,
        "node": doubled.node,
    }
    return _split(rows, twice, penalty)


def _split(rows: dict, twice: dict, penalty: float) -> dict[tuple[str, str], Value]:
    values: dict[tuple[str, str], Value] = {}
    for kind, row in rows.items():
        for code, dual in row.items():
            y = max(0.0, -dual)
            y2 = max(0.0, -twice[kind].get(code, dual))
            served = (y2 - y) / penalty if penalty > 0 else 0.0
            if served <= PENALTY_PART:
                values[kind, code] = Value(y, 0.0, 0.0)
                continue
            rest = y - served * penalty  # what one more unit does to transport, in USD
            values[kind, code] = Value(max(0.0, rest), served, -rest)
    return values
