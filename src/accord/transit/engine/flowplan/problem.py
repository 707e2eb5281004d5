"""The data every solve of the flow plan shares: the steps a route may take (an arc on its own
capacity or on a lease), each demand's permitted arcs, prices, caps and routes."""

from __future__ import annotations

import calendar
import math
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from ..agreements import AgreementIndex, open_fraction
from ..model import Arc, Demand, Lease, PlanInput
from .search import StepGraph

DEADLINE_TRIES = 6


@dataclass(frozen=True)
class Step:
    """An arc as the plan uses it: on its own capacity (``lease`` None) or on a lease."""

    code: str
    arc: Arc
    lease: Lease | None

    @property
    def origin(self) -> str:
        return self.arc.origin

    @property
    def leg(self):
        return self.arc.leg

    @property
    def destination(self) -> str:
        return self.arc.destination


@dataclass
class Column:
    demand: Demand
    steps: tuple[Step, ...]
    unit_cost: float  # USD per TEU on own capacity (leases are paid per sortie)
    days: float
    objective_per_teu: float
    caps: dict[str, float]  # agreement code -> cap units per TEU


@dataclass(frozen=True)
class Permit:
    """What one kind of demand (cargo class, direction, countries, shipper) may use, by step
    number: the steps it may take, and the capped agreements each counts against with the units a
    TEU uses, ``teu + tonnes x tonnes-per-TEU`` (a TEU cap counts 1, a tonnes cap the tonnes)."""

    allowed: np.ndarray  # bool per step
    cap_steps: np.ndarray  # step numbers, one entry per (step, capped agreement)
    cap_codes: tuple[str, ...]  # the agreement of each entry
    cap_teu: np.ndarray  # units per TEU of each entry
    cap_tonnes: np.ndarray  # units per tonne of each entry


class Problem:
    """The data every solve shares: steps, capacities, permissions, per-demand figures."""

    def __init__(self, data: PlanInput):
        self.data = data
        net = data.network
        self.month = data.month
        last = calendar.monthrange(data.month.year, data.month.month)[1]
        self.month_end = data.month.replace(day=last)
        self.agreements = AgreementIndex(net)
        self.by_code = {a.code: a for a in net.agreements}
        self.open = {
            arc.code: open_fraction(net, arc, self.month, self.month_end) for arc in net.arcs
        }
        self.leases = tuple(
            lease
            for lease in data.leases
            if lease.period_start <= self.month <= lease.period_end and lease.max_sorties_month
        )
        steps: list[Step] = []
        for arc in net.arcs:
            if self.open[arc.code] <= 0:
                continue
            steps.append(Step(arc.code, arc, None))
            for lease in self.leases:
                if lease.mode == arc.mode and (not lease.legs or arc.leg.code in lease.legs):
                    steps.append(Step(f"{arc.code}@{lease.code}", arc, lease))
        codes = list(net.node_by_code)
        self.index = {c: i for i, c in enumerate(codes)}
        legs = {leg: i for i, leg in enumerate(dict.fromkeys(s.arc.leg.code for s in steps))}
        self.graph = StepGraph(
            len(codes),
            [self.index[s.origin] for s in steps],
            [self.index[s.destination] for s in steps],
            [legs[s.arc.leg.code] for s in steps],
        )
        # Each step's own figures, as vectors for the pricing (a lease's step is paid by the
        # sortie, not by the TEU).
        leased = [s.lease is not None for s in steps]
        self.teu_price = np.array(
            [0.0 if x else s.leg.cost_per_teu for s, x in zip(steps, leased, strict=True)]
        )
        self.tonne_price = np.array(
            [0.0 if x else s.leg.cost_per_tonne for s, x in zip(steps, leased, strict=True)]
        )
        self.days = np.array([float(s.leg.days) for s in steps])
        self.sortie_price_per_teu = np.array(
            [
                s.lease.cost_per_sortie / s.lease.teu_per_sortie if x else 0.0
                for s, x in zip(steps, leased, strict=True)
            ]
        )
        self.heads = np.array(self.graph.heads, dtype=np.int64)
        self._permits: dict[tuple, Permit] = {}
        self._allowed: dict[tuple, dict[str, tuple[str, ...]]] = {}
        self.steps = tuple(steps)
        self.number = {step.code: n for n, step in enumerate(steps)}
        days = (self.month_end - self.month).days + 1
        # Throughput a month of each place that has a limit of its own (TEU a day x days).
        self.node_capacity = {
            node.code: node.capacity_teu_day * days
            for node in net.nodes
            if node.capacity_teu_day is not None
        }

    def permit_key(self, demand: Demand) -> tuple:
        """What decides which arcs a demand may use (demands alike in it share a ``Permit``)."""
        net = self.data.network
        return (
            demand.cargo_class,
            demand.direction,
            net.node_by_code[demand.origin].country,
            net.node_by_code[demand.destination].country,
            demand.shipper,
        )

    def permitted(self, demand: Demand) -> dict[str, tuple[str, ...]]:
        """Arc code -> agreements permitting it, for the arcs ``demand`` may use."""
        net = self.data.network
        key = self.permit_key(demand)
        hit = self._allowed.get(key)
        if hit is None:
            hit = {}
            for arc in net.arcs:
                if self.open[arc.code] <= 0:
                    continue
                verdict = self.agreements.verdict(
                    arc,
                    demand.cargo_class,
                    demand.direction,
                    self.month,
                    origin_country=key[2],
                    destination_country=key[3],
                    shipper=demand.shipper,
                    check_closures=False,  # closures scale capacity instead
                )
                if verdict.allowed:
                    hit[arc.code] = tuple(p.agreement for p in verdict.permits if p.agreement)
            self._allowed[key] = hit
        return hit

    def visits(self, steps) -> tuple[str, ...]:
        """The places with a throughput limit that a route passes (its origin, every place it
        reaches), once each."""
        nodes = (steps[0].origin, *(s.destination for s in steps))
        return tuple(n for n in dict.fromkeys(nodes) if n in self.node_capacity)

    def capacity_teu(self, arc: Arc) -> int:
        """Whole TEU the arc can take this month, after closures."""
        return math.floor(arc.leg.capacity_teu_month * self.open[arc.code] + 1e-9)

    def tonnes_per_teu(self, demand: Demand) -> float:
        return demand.tonnes / demand.teu

    def step_price(self, step: Step, demand: Demand) -> float:
        """USD per TEU paid on the step itself (zero on a lease: the sortie is paid).

        Money enters the solver here (and as each lease's price per sortie, ``lp.Model``): a
        float, as an LP coefficient must be. It leaves as the plan's costs (``result``), floats
        the Django layer rounds to the cent (see the model module's "Units")."""
        if step.lease is not None:
            return 0.0
        leg = step.arc.leg
        return leg.cost_per_teu + leg.cost_per_tonne * self.tonnes_per_teu(demand)

    def binds(self, agreement: str) -> bool:
        """Whether the agreement has a cap the plan can count (flights need tonnes a flight)."""
        cap = self.by_code[agreement].cap
        return cap is not None and (
            cap.unit.startswith(("teu", "tonnes")) or bool(cap.tonnes_per_flight)
        )

    def cap_units(self, agreement: str, demand: Demand) -> float:
        """Units of the agreement's cap used by one TEU of ``demand`` crossing once."""
        per_teu, per_tonne = self._cap_units_split(agreement)
        return per_teu + per_tonne * self.tonnes_per_teu(demand)

    def column(self, demand: Demand, steps: tuple[Step, ...]) -> Column:
        allowed = self.permitted(demand)
        caps: dict[str, float] = defaultdict(float)
        for step in steps:
            for code in allowed[step.arc.code]:
                if self.binds(code):
                    caps[code] += self.cap_units(code, demand)
        cost = sum(self.step_price(s, demand) for s in steps)
        days = sum(s.arc.leg.days for s in steps)
        w = self.data
        return Column(
            demand, steps, cost, days, w.cost_weight * cost + w.days_weight * days, dict(caps)
        )

    def permit(self, demand: Demand) -> Permit:
        """The steps ``demand`` may take and the caps they count against, as vectors; computed
        once per kind of demand."""
        key = self.permit_key(demand)
        hit = self._permits.get(key)
        if hit is None:
            allowed = self.permitted(demand)
            mask = np.zeros(len(self.steps), dtype=bool)
            entries: list[tuple[int, str, float, float]] = []
            for number, step in enumerate(self.steps):
                codes = allowed.get(step.arc.code)
                if codes is None:
                    continue
                mask[number] = True
                for code in codes:
                    if self.binds(code):
                        entries.append((number, code, *self._cap_units_split(code)))
            hit = self._permits[key] = Permit(
                mask,
                np.array([e[0] for e in entries], dtype=np.int64),
                tuple(e[1] for e in entries),
                np.array([e[2] for e in entries]),
                np.array([e[3] for e in entries]),
            )
        return hit

    def usable(self) -> list[Step]:
        """The steps some demand of the month may take (the LP holds a row for each)."""
        mask = np.zeros(len(self.steps), dtype=bool)
        for demand in self.data.demands:
            mask |= self.permit(demand).allowed
        return [step for step, ok in zip(self.steps, mask, strict=True) if ok]

    def _cap_units_split(self, agreement: str) -> tuple[float, float]:
        """The cap's units for one TEU as (per TEU, per tonne): see ``cap_units``."""
        cap = self.by_code[agreement].cap
        if cap.unit == "teu_per_month":
            return 1.0, 0.0
        if cap.unit == "tonnes_per_month":
            return 0.0, 1.0
        return 0.0, 1.0 / cap.tonnes_per_flight

    def paths(
        self, demand: Demand, weights: list[float], k: int, lower: list[float] | None = None
    ) -> tuple[list[tuple[Step, ...]], tuple[Step, ...] | None]:
        """Up to ``k`` lightest paths for ``demand`` by ``weights`` (per step number) that meet
        its deadline, and the lightest path of all, deadline or not (None when there is none):
        no path that meets the deadline is lighter, so its weight bounds theirs from below.
        ``lower`` (each place's least weight to the destination, or less) guides the search;
        without it, it is computed from ``weights``."""
        src, dst = self.index[demand.origin], self.index[demand.destination]
        if lower is None:
            lower = self.graph.lower_bounds(dst, weights)
        tries = k if demand.latest_days is None else k + DEADLINE_TRIES
        found = self.graph.lightest(src, dst, weights, lower, tries)
        steps = self.steps
        paths = [tuple(steps[n] for n in path) for path in found]
        fitting = [p for p in paths if self.fits_deadline(demand, p)][:k]
        return fitting, (paths[0] if paths else None)

    def fits_deadline(self, demand: Demand, steps: tuple[Step, ...]) -> bool:
        if demand.latest_days is None:
            return True
        lead = max((s.lease.lead_days for s in steps if s.lease is not None), default=0)
        return lead + sum(s.arc.leg.days for s in steps) <= demand.latest_days

    def quota_pools(self) -> dict[str, tuple[float, tuple[Lease, ...]]]:
        """Quota pool -> (hours left, leases drawing on it)."""
        groups: dict[str, list[Lease]] = defaultdict(list)
        for lease in self.leases:
            groups[lease.quota_group or lease.code].append(lease)
        return {
            name: (min(lease.quota_hours_left for lease in leases), tuple(leases))
            for name, leases in groups.items()
        }
