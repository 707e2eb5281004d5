"""The route planner: best routes by cost and by time, their Pareto set, and why others fail.

Built on rustworkx (a directed multigraph: one edge per :class:`~.model.Arc`, so parallel legs by
different modes between the same nodes stay distinct).

* ``routes_by_cost`` / ``routes_by_time``: the k best loopless routes under one criterion, by a
  k-best label-setting search (A*) guided by exact lower bounds from rustworkx's Dijkstra on the
  reversed graph (arcs the rules exclude weigh infinity).
* ``pareto``: the routes not dominated in (cost, days), by a bi-criteria label-setting search
  with the same lower bounds. Two documented approximations keep it fast on thousands of nodes:
  a route within ``EPSILON`` (2%) of an offered one on both criteria is not offered apart (every
  Pareto-optimal route is then within 2% of an offered one, unless the next cap cut it), and at
  most ``MAX_LABELS`` labels
  are kept per node. No offered route is dominated by another. Both criteria are positive on
  every arc, so non-dominated labels never contain a cycle.
* ``blocked``: the k cheapest candidates in the *unrestricted* network (every arc, whatever
  the agreements, closures and query constraints) that the rules exclude, each with every reason
  on every arc: the agreement missing (naming the nearest agreement and what it lacks), the
  prohibition, the closure, the avoided country, the mode not allowed, or a late arrival.

The searches run compiled (:mod:`.kernels`, over arrays the planner builds once) when numba is
installed, and in pure Python over the graphs otherwise: the same answers either way.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np
import rustworkx as rx

from accord.errors import Code

from .agreements import AgreementIndex, ArcVerdict, agreement_conflicts
from .model import (
    Arc,
    Blocked,
    Network,
    Permit,
    Reason,
    Route,
    RouteAnswer,
    RouteQuery,
    TransitInputError,
)

MAX_LABELS = 16  # per node in the Pareto search
EPSILON = 0.02  # routes within 2% of an offered one on both criteria are not offered apart
RULE_SETS_KEPT = 256  # per planner: which arcs each recent set of a query's rules permits
INF = math.inf


def _kernels():
    """The compiled searches (:mod:`.kernels`), imported at the first route query."""
    # deferred: numba (with llvmlite) takes a tenth of a second and more to import, and most
    # processes plan no route; a server still loads them at start (``kernels.warm``).
    from . import kernels

    return kernels


class _Front:
    """Non-dominated (cost, days) pairs sorted by cost ascending (so days descending)."""

    __slots__ = ("costs", "days", "ids")

    def __init__(self) -> None:
        self.costs: list[float] = []
        self.days: list[float] = []
        self.ids: list[int] = []

    def best_days_up_to(self, cost: float) -> float:
        """The fewest days among members costing at most ``cost`` (INF if none)."""
        i = bisect_right(self.costs, cost)
        return self.days[i - 1] if i else INF

    def insert(self, cost: float, days: float, ident: int) -> list[int]:
        """Add a member no one dominates; return the ids it dominates (now removed)."""
        i = bisect_left(self.costs, cost)
        j = i
        while j < len(self.costs) and self.days[j] >= days:
            j += 1
        removed = self.ids[i:j]
        self.costs[i:j] = [cost]
        self.days[i:j] = [days]
        self.ids[i:j] = [ident]
        return removed


class _Weighed(NamedTuple):
    """One query's weights on every arc (``inf`` where the rules exclude it) and each place's
    lower bounds to the destination: by cost and by days over the permitted arcs, and by cost
    over every arc (for the excluded candidates)."""

    prices: np.ndarray
    cost: np.ndarray
    days: np.ndarray
    cost_bound: np.ndarray
    days_bound: np.ndarray
    any_cost_bound: np.ndarray


class RoutePlanner:
    """A network's graphs, built once and reused for many queries."""

    def __init__(self, network: Network):
        self.network = network
        self.graph = rx.PyDiGraph(multigraph=True)
        self.reverse_graph = rx.PyDiGraph(multigraph=True)
        codes = list(network.node_by_code)
        self.index = {code: i for i, code in enumerate(codes)}
        self.graph.add_nodes_from(codes)
        self.reverse_graph.add_nodes_from(codes)
        edges = [(self.index[a.origin], self.index[a.destination], a) for a in network.arcs]
        self.graph.add_edges_from(edges)
        self.reverse_graph.add_edges_from([(v, u, a) for u, v, a in edges])
        self.out_arcs: dict[int, list[Arc]] = {i: [] for i in range(len(codes))}
        for u, _v, arc in edges:
            self.out_arcs[u].append(arc)
        self._arrays(edges, len(codes))
        self.arc_number = {arc.code: i for i, arc in enumerate(self.arcs)}
        legs = {code: i for i, code in enumerate(network.leg_by_code)}
        self.arc_leg = np.array([legs[arc.leg.code] for arc in self.arcs], np.int64)
        self._permitted: dict[tuple, np.ndarray] = {}
        self.countries_crossed = {c for arc in network.arcs for c in arc.leg.countries}
        self.agreements = AgreementIndex(network)
        self.conflicts = agreement_conflicts(network.agreements)

    def _arrays(self, edges: list[tuple[int, int, Arc]], places: int) -> None:
        """The network as arrays for the compiled searches (see :mod:`.kernels`): arcs in the
        network's order, in compressed sparse rows by the place they leave (keeping that
        order, which the Pareto search's tie-breaks depend on) and by the place they reach."""
        self.arcs = [arc for _u, _v, arc in edges]
        self.arc_tail = np.array([u for u, _v, _a in edges], np.int64)
        self.arc_head = np.array([v for _u, v, _a in edges], np.int64)
        self.arc_days = np.array([a.leg.days for a in self.arcs], np.float64)
        self.arc_per_teu = np.array([a.leg.cost_per_teu for a in self.arcs], np.float64)
        self.arc_per_tonne = np.array([a.leg.cost_per_tonne for a in self.arcs], np.float64)
        for name, ends in (("out", self.arc_tail), ("in", self.arc_head)):
            order = np.argsort(ends, kind="stable")
            start = np.zeros(places + 1, np.int64)
            np.cumsum(np.bincount(ends, minlength=places), out=start[1:])
            setattr(self, f"{name}_start", start)
            setattr(self, f"{name}_order", order.astype(np.int64))

    # --- the rules for one query ---------------------------------------------------------------

    def arc_reasons(self, arc: Arc, query: RouteQuery) -> tuple[ArcVerdict, tuple[Reason, ...]]:
        """The agreement verdict and every query-level reason that excludes ``arc``."""
        net = self.network
        verdict = self.agreements.verdict(
            arc,
            query.cargo_class,
            query.direction,
            query.on_date,
            origin_country=net.node_by_code[query.origin].country,
            destination_country=net.node_by_code[query.destination].country,
            shipper=query.shipper,
        )
        reasons = list(verdict.reasons)
        if query.modes is not None and arc.mode not in query.modes:
            reasons.append(
                Reason(
                    "mode_not_allowed",
                    arc.code,
                    None,
                    None,
                    f"{arc.code}: {arc.mode} is not among the allowed modes "
                    f"({', '.join(query.modes)})",
                    facts=(("mode", arc.mode), ("allowed", tuple(query.modes))),
                )
            )
        for country in query.avoid_countries:
            if country in arc.leg.countries:
                reasons.append(
                    Reason(
                        "avoided_country",
                        arc.code,
                        country,
                        None,
                        f"{arc.code}: crosses {country}, which the query avoids",
                        facts=(("country", country),),
                    )
                )
        return verdict, tuple(reasons)

    def _cost(self, arc: Arc, query: RouteQuery) -> float:
        # USD as a float: a graph weight the searches add and compare. The Django layer rounds
        # a route's cost to the cent when it shows it (see the model module's "Units").
        leg = arc.leg
        return leg.cost_per_teu * query.teu + leg.cost_per_tonne * query.consignment_tonnes

    # --- the query -----------------------------------------------------------------------------

    def plan(self, query: RouteQuery) -> RouteAnswer:
        """Answer ``query`` (see the module docstring)."""
        self._check(query)
        src, dst = self.index[query.origin], self.index[query.destination]
        permitted = self.permitted(query)
        allowed = permitted.tolist()
        number = self.arc_number

        def ok(arc: Arc) -> bool:
            return allowed[number[arc.code]]

        def cost(arc: Arc) -> float:
            return self._cost(arc, query) if ok(arc) else INF

        def days(arc: Arc) -> float:
            return arc.leg.days if ok(arc) else INF

        max_days = (
            (query.latest_arrival - query.on_date).days if query.latest_arrival is not None else INF
        )
        k = query.k
        weighed = self._weigh(query, dst, permitted)
        if weighed is None:  # without numba
            by_cost = self._yen(src, dst, cost, k, days, max_days)
            by_time = self._yen(src, dst, days, k, days, max_days)
            candidates = self._yen(src, dst, self._pricer(query), k, _leg_days, INF)
        else:
            w = weighed
            by_cost = self._k_best(
                src, dst, k, max_days, (w.cost, w.days), (w.cost_bound, w.days_bound)
            )
            by_time = self._k_best(
                src, dst, k, max_days, (w.days, w.days), (w.days_bound, w.days_bound)
            )
            candidates = self._k_best(
                src, dst, k, INF, (w.prices, self.arc_days), (w.any_cost_bound, w.any_cost_bound)
            )
        pareto = self._pareto(src, dst, query, ok, max_days, weighed)

        def route(arcs: tuple[Arc, ...]) -> Route:
            return self._route(arcs, query)

        blocked = self._blocked(candidates, query, max_days)
        return RouteAnswer(
            query=query,
            routes_by_cost=tuple(route(p) for p in by_cost),
            routes_by_time=tuple(route(p) for p in by_time),
            pareto=tuple(route(p) for p in pareto),
            blocked=blocked,
            conflicts=self._conflicts_for(query),
        )

    def permitted(self, query: RouteQuery) -> np.ndarray:
        """Whether the rules let ``query`` take each arc (by its number in ``arcs``).

        Weighed once for each set of rules that bears on an arc (see :meth:`arc_reasons`) and
        kept for the next query under the same: a planner serves many queries."""
        key = (
            query.cargo_class,
            query.direction,
            query.on_date,
            self.network.node_by_code[query.origin].country,
            self.network.node_by_code[query.destination].country,
            query.shipper,
            query.modes,
            query.avoid_countries,
        )
        hit = self._permitted.get(key)
        if hit is None:
            if len(self._permitted) >= RULE_SETS_KEPT:
                self._permitted.clear()  # bounded, as the agreements' memo of verdicts
            hit = np.fromiter(
                (not self.arc_reasons(arc, query)[1] for arc in self.arcs),
                np.bool_,
                len(self.arcs),
            )
            self._permitted[key] = hit
        return hit

    def _weigh(self, query: RouteQuery, dst: int, permitted: np.ndarray) -> _Weighed | None:
        """The query's arc weights and lower bounds as arrays, by the compiled Dijkstra; None
        without numba, when each search asks rustworkx for its bounds."""
        if not _kernels().COMPILED:
            return None
        # Priced as _cost prices one arc (the same float operations, in the same order).
        prices = self.arc_per_teu * query.teu + self.arc_per_tonne * query.consignment_tonnes
        cost = np.where(permitted, prices, INF)
        days = np.where(permitted, self.arc_days, INF)

        def bound(weight: np.ndarray) -> np.ndarray:
            return _kernels().lower_bounds(self.in_start, self.in_order, self.arc_tail, weight, dst)

        return _Weighed(prices, cost, days, bound(cost), bound(days), bound(prices))

    def _check(self, query: RouteQuery) -> None:
        """Refuse a query from or to no known place, or of a cargo class no agreement knows."""
        net = self.network
        net.node(query.origin, "origin")
        net.node(query.destination, "destination")
        known = net.cargo_classes_known()
        if known and query.cargo_class not in known:
            raise TransitInputError(
                Code.UNKNOWN_CARGO_CLASS,
                f"no agreement in the network knows cargo class {query.cargo_class!r}",
                "cargo_class",
            )

    def _conflicts_for(self, query: RouteQuery) -> tuple:
        """The conflicting agreements that bear on the query: its cargo and direction, in a
        country the network crosses, on its day."""
        relevant = self.countries_crossed
        return tuple(
            c
            for c in self.conflicts
            if c.cargo_class == query.cargo_class
            and c.direction == query.direction
            and c.country in relevant
            and c.start <= query.on_date
            and (c.end is None or query.on_date <= c.end)
        )

    def _route(self, arcs: tuple[Arc, ...], query: RouteQuery) -> Route:
        countries: list[str] = []
        permits: list[Permit] = []
        for arc in arcs:
            crossed = arc.leg.countries[::-1] if arc.reverse else arc.leg.countries
            for country in crossed:
                if country not in countries:
                    countries.append(country)
            permits.extend(self.arc_reasons(arc, query)[0].permits)
        return Route(
            arcs=tuple(a.code for a in arcs),
            nodes=(arcs[0].origin, *(a.destination for a in arcs)),
            modes=tuple(a.mode for a in arcs),
            cost=sum(self._cost(a, query) for a in arcs),
            days=sum(a.leg.days for a in arcs),
            distance_km=sum(a.leg.distance_km for a in arcs),
            countries=tuple(countries),
            permits=tuple(permits),
            estimated=any(a.leg.estimated for a in arcs),
        )

    def _yen(
        self,
        src: int,
        dst: int,
        weight: Callable[[Arc], float],
        k: int,
        days: Callable[[Arc], float],
        max_days: float,
    ) -> list[tuple[Arc, ...]]:
        """Up to ``k`` loopless paths by ``weight`` arriving within ``max_days``."""
        return k_best_paths(
            self.reverse_graph, self.out_arcs, self.index, src, dst, weight, k, days, max_days
        )

    def _k_best(
        self,
        src: int,
        dst: int,
        k: int,
        max_days: float,
        weights: tuple[np.ndarray, np.ndarray],
        bounds: tuple[np.ndarray, np.ndarray],
    ) -> list[tuple[Arc, ...]]:
        """:meth:`_yen` by the compiled search: ``weights`` (the criterion's and the days) per
        arc, ``bounds`` (the criterion's and the days) per place."""
        if bounds[0][src] == INF:
            return []
        found, parent, arc = _kernels().k_best_labels(
            self.out_start,
            self.out_order,
            self.arc_head,
            self.arc_tail,
            self.arc_leg,
            *weights,
            *bounds,
            src,
            dst,
            k,
            float(max_days),
        )
        return [self._unwind(parent, arc, label) for label in found]

    def _unwind(self, parent: np.ndarray, arc: np.ndarray, label: int) -> tuple[Arc, ...]:
        return tuple(self.arcs[i] for i in _kernels().unwind(parent, arc, label))

    # --- the Pareto set ------------------------------------------------------------------------

    def _pareto(
        self,
        src: int,
        dst: int,
        query: RouteQuery,
        ok: Callable[[Arc], bool],
        max_days: float,
        weighed: _Weighed | None,
    ) -> list[tuple[Arc, ...]]:
        """The Pareto set: by the compiled search if numba is there, else in pure Python."""
        if weighed is None:
            return self._pareto_reference(src, dst, query, ok, max_days)
        hc, hd = weighed.cost_bound, weighed.days_bound
        if hc[src] == INF or hd[src] == INF:
            return []
        found, parent, arc = _kernels().pareto_labels(
            self.out_start,
            self.out_order,
            self.arc_head,
            weighed.cost,
            weighed.days,
            hc,
            hd,
            src,
            dst,
            float(max_days),
            1 + EPSILON,
            MAX_LABELS,
        )
        return [self._unwind(parent, arc, label) for label in found]

    def _pareto_reference(
        self,
        src: int,
        dst: int,
        query: RouteQuery,
        ok: Callable[[Arc], bool],
        max_days: float,
    ) -> list[tuple[Arc, ...]]:
        """The Pareto search in pure Python, over the network's objects: the compiled search
        (:func:`.kernels.pareto_labels`) follows it step for step, and it answers when numba
        is missing."""

        def cost(arc: Arc) -> float:
            return self._cost(arc, query) if ok(arc) else INF

        def days(arc: Arc) -> float:
            return arc.leg.days if ok(arc) else INF

        # Lower bounds to the destination, one Dijkstra per criterion on the reversed graph.
        hc = lower_bounds(self.reverse_graph, dst, cost)
        hd = lower_bounds(self.reverse_graph, dst, days)
        if hc.get(src, INF) == INF or hd.get(src, INF) == INF:
            return []
        # A label: (cost, days, node, parent label id, arc), stored by id. Labels are popped in
        # A* order (cost + bound, days + bound), which at any one node is (cost, days) order,
        # so a popped label is never dominated later at its node.
        labels: list[tuple[float, float, int, int, Arc | None]] = [(0.0, 0.0, src, -1, None)]
        fronts: dict[int, _Front] = {src: _Front()}
        fronts[src].insert(0.0, 0.0, 0)
        dead: set[int] = set()
        heap = [(hc[src], hd[src], 0)]
        results = _Front()
        grow = 1 + EPSILON
        adjacency: dict[int, list[tuple[int, float, float, Arc]]] = {}

        def covered(c: float, d: float) -> bool:
            # Every completion of a label costs at least (c, d): if a found route is within
            # EPSILON of that on both criteria, the label cannot add a worthwhile alternative.
            return results.best_days_up_to(c * grow) <= d * grow

        while heap:
            _fc, _fd, lid = heapq.heappop(heap)
            if lid in dead:
                continue
            c, d, node = labels[lid][0], labels[lid][1], labels[lid][2]
            if node == dst:
                if not covered(c, d):
                    results.insert(c, d, lid)
                continue
            moves = adjacency.get(node)
            if moves is None:  # priced once per node and query
                moves = adjacency[node] = self._moves(node, query, ok, hc)
            for v, arc_cost, arc_days, arc in moves:
                nc, nd = c + arc_cost, d + arc_days
                rest_c, rest_d = hc[v], hd[v]
                if nd + rest_d > max_days:
                    continue
                if results.best_days_up_to((nc + rest_c) * grow) <= (nd + rest_d) * grow:
                    continue  # covered by a route found already
                front = fronts.get(v)
                if front is None:
                    front = fronts[v] = _Front()
                if front.best_days_up_to(nc) <= nd or len(front.ids) >= MAX_LABELS:
                    continue
                labels.append((nc, nd, v, lid, arc))
                dead.update(front.insert(nc, nd, len(labels) - 1))
                heapq.heappush(heap, (nc + rest_c, nd + rest_d, len(labels) - 1))
        return [_unwind(labels, lid) for lid in results.ids]

    def _moves(
        self, node: int, query: RouteQuery, ok: Callable[[Arc], bool], bounds: dict[int, float]
    ) -> list[tuple[int, float, float, Arc]]:
        """The permitted arcs out of ``node`` that can still reach the destination, each with
        the place it leads to, its cost and its days."""
        return [
            (self.index[a.destination], self._cost(a, query), a.leg.days, a)
            for a in self.out_arcs[node]
            if ok(a) and bounds.get(self.index[a.destination], INF) < INF
        ]

    # --- explanations --------------------------------------------------------------------------

    def _pricer(self, query: RouteQuery) -> Callable[[Arc], float]:
        """An arc's price for ``query``, whatever the rules say of it."""

        def price(arc: Arc) -> float:
            return self._cost(arc, query)

        return price

    def _blocked(
        self, candidates: list[tuple[Arc, ...]], query: RouteQuery, max_days: float
    ) -> tuple[Blocked, ...]:
        """Of the cheapest candidates over every arc (``candidates``), those the rules exclude,
        each with every reason."""
        cost = self._pricer(query)
        blocked = []
        for path in candidates:
            reasons: list[Reason] = []
            for arc in path:
                reasons.extend(self.arc_reasons(arc, query)[1])
            total_days = sum(a.leg.days for a in path)
            if total_days > max_days:
                arrival = query.on_date + dt.timedelta(days=math.ceil(total_days))
                reasons.append(
                    Reason(
                        "too_late",
                        path[-1].code,
                        None,
                        None,
                        f"arrives about {arrival.isoformat()}, after the latest arrival "
                        f"{query.latest_arrival.isoformat() if query.latest_arrival else ''}",
                        facts=(("arrival", arrival), ("latest", query.latest_arrival)),
                    )
                )
            if reasons:
                blocked.append(
                    Blocked(
                        arcs=tuple(a.code for a in path),
                        nodes=(path[0].origin, *(a.destination for a in path)),
                        cost=sum(cost(a) for a in path),
                        days=total_days,
                        reasons=tuple(reasons),
                    )
                )
        return tuple(blocked)


def k_best_paths(
    reverse_graph: rx.PyDiGraph,
    out_edges: dict[int, list[Any]],
    index: dict[str, int],
    src: int,
    dst: int,
    weight: Callable[[Any], float],
    k: int,
    days: Callable[[Any], float] | None = None,
    max_days: float = INF,
) -> list[tuple[Any, ...]]:
    """Up to ``k`` loopless paths by ``weight`` (and within ``max_days`` by ``days``).

    A k-best label-setting search guided by exact lower bounds (A*, the bounds from rustworkx's
    Dijkstra on ``reverse_graph``): labels are popped in order of ``weight so far + remaining
    lower bound``, each node is settled at most ``3k + 2`` times, a label never turns straight
    back over the leg it came by, and walks that revisit a node are dropped at the destination.
    That finds the k best loopless paths in the networks we plan on at the cost of about one
    Dijkstra; in a network whose best walks are mostly loops it may return fewer than k.
    Edges have ``code``, ``origin``, ``destination`` and ``leg``.
    """
    lower = lower_bounds(reverse_graph, dst, weight)
    if lower.get(src, INF) == INF:
        return []
    lower_days = None
    if days is not None and max_days < INF:
        lower_days = lower_bounds(reverse_graph, dst, days)
    cap = 3 * k + 2
    labels: list[tuple[int, float, float, int, Any]] = [(src, 0.0, 0.0, -1, None)]
    heap = [(lower[src], 0.0, 0)]
    settled: dict[int, int] = {}
    found: list[tuple[Any, ...]] = []
    seen: set[tuple[str, ...]] = set()
    while heap and len(found) < k:
        _f, g, lid = heapq.heappop(heap)
        node, _g, d, _parent, came = labels[lid]
        settled[node] = settled.get(node, 0) + 1
        if settled[node] > cap:
            continue
        if node == dst:
            _keep_if_loopless(_unwind(labels, lid), seen, found)
            continue
        for edge in out_edges[node]:
            if came is not None and edge.leg is came.leg:
                continue
            w = weight(edge)
            if w == INF:
                continue
            v = index[edge.destination]
            rest = lower.get(v, INF)
            if rest == INF:
                continue
            nd = d + (days(edge) if days is not None else 0.0)
            if lower_days is not None and nd + lower_days.get(v, INF) > max_days:
                continue
            labels.append((v, g + w, nd, lid, edge))
            heapq.heappush(heap, (g + w + rest, g + w, len(labels) - 1))
    return found


def lower_bounds(
    reverse_graph: rx.PyDiGraph, dst: int, weight: Callable[[Any], float]
) -> dict[int, float]:
    """Each node's least ``weight`` to ``dst``: one Dijkstra on the reversed graph, the exact
    lower bounds that guide the A* searches."""
    bounds = dict(rx.digraph_dijkstra_shortest_path_lengths(reverse_graph, dst, weight).items())
    bounds[dst] = 0.0
    return bounds


def _leg_days(arc: Arc) -> float:
    return arc.leg.days


def _keep_if_loopless(path: tuple[Any, ...], seen: set, found: list) -> None:
    """Add a path that reached the destination unless it revisits a place or was found already."""
    key = tuple(a.code for a in path)
    nodes = [a.origin for a in path]
    if len(set(nodes)) == len(nodes) and key not in seen:
        seen.add(key)
        found.append(path)


def _unwind(labels: list, lid: int) -> tuple[Any, ...]:
    """The edges from the first label to label ``lid`` (labels hold parent id and edge)."""
    edges = []
    while labels[lid][4] is not None:
        edges.append(labels[lid][4])
        lid = labels[lid][3]
    return tuple(reversed(edges))


def plan_routes(network: Network, query: RouteQuery) -> RouteAnswer:
    """One-off convenience: build a :class:`RoutePlanner` and answer ``query``."""
    return RoutePlanner(network).plan(query)
