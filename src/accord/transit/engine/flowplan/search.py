"""The lightest routes of a demand over the plan's steps, numbered: weights are a list indexed by
step (computed for a whole round at once, see :mod:`.pricing`), so the searches call no Python
function per arc.

``lower_bounds`` is one Dijkstra (rustworkx) towards the destination over the reversed steps;
``lightest`` a k-best label-setting A* guided by those bounds, as
:func:`accord.transit.engine.routing.k_best_paths` does over arc objects: each place settled at
most ``3k + 2`` times, a label never turns straight back over the leg it came by, walks that
revisit a place dropped at the destination. With bounds from lighter weights than the search's
own (a group of demands sharing one Dijkstra, see :mod:`.pricing`) the search is still exact,
only less guided.
"""

from __future__ import annotations

import heapq
import math

import rustworkx as rx

INF = math.inf


class StepGraph:
    """The places (numbered) and the steps between them (numbered, with the leg each flies)."""

    def __init__(self, places: int, tails: list[int], heads: list[int], legs: list[int]):
        self.places = places
        self.tails = tails
        self.heads = heads
        self.legs = legs
        self.out: list[list[int]] = [[] for _ in range(places)]
        for step, tail in enumerate(tails):
            self.out[tail].append(step)
        # Reversed, each edge carrying its step's number: a weight is ``weights[step]``.
        self.reverse = rx.PyDiGraph(multigraph=True)
        self.reverse.add_nodes_from(range(places))
        self.reverse.add_edges_from(
            [(head, tail, step) for step, (tail, head) in enumerate(zip(tails, heads, strict=True))]
        )

    def lower_bounds(self, destination: int, weights: list[float]) -> list[float]:
        """Each place's least weight to ``destination`` (INF where it cannot be reached)."""
        lengths = rx.digraph_dijkstra_shortest_path_lengths(
            self.reverse, destination, weights.__getitem__
        )
        lower = [INF] * self.places
        for place, length in lengths.items():
            lower[place] = length
        lower[destination] = 0.0
        return lower

    def lightest(
        self, origin: int, destination: int, weights: list[float], lower: list[float], k: int
    ) -> list[tuple[int, ...]]:
        """Up to ``k`` loopless paths (tuples of steps), lightest first."""
        if lower[origin] == INF:
            return []
        out, heads, legs = self.out, self.heads, self.legs
        cap = 3 * k + 2
        labels: list[tuple[int, int, int]] = [(origin, -1, -1)]  # place, parent label, step
        heap = [(lower[origin], 0.0, 0)]
        settled = [0] * self.places
        found: list[tuple[int, ...]] = []
        seen: set[tuple[int, ...]] = set()
        while heap and len(found) < k:
            _f, g, label = heapq.heappop(heap)
            place, _parent, came = labels[label]
            settled[place] += 1
            if settled[place] > cap:
                continue
            if place == destination:
                self._keep_if_loopless(self._unwind(labels, label), seen, found)
                continue
            came_leg = legs[came] if came >= 0 else -1
            for step in out[place]:
                if legs[step] == came_leg:
                    continue
                w = weights[step]
                if w == INF:
                    continue
                reached = heads[step]
                rest = lower[reached]
                if rest == INF:
                    continue
                labels.append((reached, label, step))
                heapq.heappush(heap, (g + w + rest, g + w, len(labels) - 1))
        return found

    def _keep_if_loopless(self, path: tuple[int, ...], seen: set, found: list) -> None:
        places = [self.tails[step] for step in path]
        if len(set(places)) == len(places) and path not in seen:
            seen.add(path)
            found.append(path)

    @staticmethod
    def _unwind(labels: list[tuple[int, int, int]], label: int) -> tuple[int, ...]:
        steps = []
        while label > 0:
            _place, parent, step = labels[label]
            steps.append(step)
            label = parent
        return tuple(reversed(steps))
