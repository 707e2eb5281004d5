"""The planner's hot loops compiled to machine code by numba, over plain arrays.

A route query spends most of its time in loops that touch every place and arc: the lower bounds
(one Dijkstra per criterion on the reversed graph), the k-best searches and the bi-criteria
Pareto search. Here they run over arrays (the network in compressed sparse rows, one float per
arc for each criterion, ``inf`` where the rules exclude the arc) instead of Python objects and
callbacks. They follow the pure-Python searches (:func:`.routing.k_best_paths`,
:meth:`.routing.RoutePlanner._pareto_reference`) step for step: the same labels in the same
order, the same floating-point sums, the same ties broken alike, so the answer is the same
route for route; a property test holds them to it.

Why numba: its wheels (and llvmlite's) install from the package index on the platforms and
Pythons we support, so neither a server nor a developer needs a compiler; the loops stay
Python-shaped and readable. The compiled code is cached on disk beside this module
(``cache=True``) and :func:`warm` compiles or loads it when a server starts (``accord.wsgi``),
so no user request pays for compilation; any other process imports numba at its first route
query (``routing._kernels``). Without numba (not installed, or
``llvmlite`` broken) :data:`COMPILED` is false and the planner uses its pure-Python search.
"""

from __future__ import annotations

import math

import numpy as np

try:  # pragma: no branch - which branch runs depends on the installation
    from numba import njit
except Exception:  # ImportError, or llvmlite failing to load its library
    njit = None

COMPILED = njit is not None
INF = math.inf


def _jit(function):
    if not COMPILED:
        return function
    try:
        return njit(cache=True, nogil=True)(function)
    except RuntimeError:  # nowhere writable to keep the cache: compiled afresh at each start
        return njit(nogil=True)(function)


@_jit
def _heap_less(fc, fd, ids, a, b):
    """Is entry ``a`` before entry ``b``: (f cost, f days, label id), as Python compares tuples."""
    if fc[a] != fc[b]:
        return fc[a] < fc[b]
    if fd[a] != fd[b]:
        return fd[a] < fd[b]
    return ids[a] < ids[b]


@_jit
def _heap_swap(fc, fd, ids, a, b):
    fc[a], fc[b] = fc[b], fc[a]
    fd[a], fd[b] = fd[b], fd[a]
    ids[a], ids[b] = ids[b], ids[a]


@_jit
def _heap_push(fc, fd, ids, size, c, d, ident):
    """Add an entry at ``size`` (the arrays have room) and sift it up; return the new size."""
    fc[size], fd[size], ids[size] = c, d, ident
    i = size
    while i > 0:
        parent = (i - 1) // 2
        if not _heap_less(fc, fd, ids, i, parent):
            break
        _heap_swap(fc, fd, ids, i, parent)
        i = parent
    return size + 1


@_jit
def _heap_pop(fc, fd, ids, size):
    """Move the least entry to ``size - 1`` and restore the heap over the rest; return it."""
    last = size - 1
    _heap_swap(fc, fd, ids, 0, last)
    i = 0
    while True:
        left = 2 * i + 1
        if left >= last:
            break
        child = left
        if left + 1 < last and _heap_less(fc, fd, ids, left + 1, left):
            child = left + 1
        if not _heap_less(fc, fd, ids, child, i):
            break
        _heap_swap(fc, fd, ids, i, child)
        i = child
    return last


@_jit
def _grow(array, size):
    """``array`` with room for at least ``size`` entries (doubling), its contents kept."""
    if size <= array.shape[0]:
        return array
    bigger = np.empty(max(size, 2 * array.shape[0]), array.dtype)
    bigger[: array.shape[0]] = array
    return bigger


@_jit
def lower_bounds(in_start, in_arcs, arc_tail, weight, target):
    """Each node's least ``weight`` to ``target`` (``inf`` if it cannot get there).

    Dijkstra from ``target`` over the arcs into each settled node: ``in_arcs[in_start[v]:
    in_start[v + 1]]`` are the arcs that end at ``v``, ``arc_tail`` where each begins. A bound
    is the least sum over any path, so it is the same float whichever order ties settle in.
    """
    n = in_start.shape[0] - 1
    dist = np.full(n, INF)
    done = np.zeros(n, np.bool_)
    dist[target] = 0.0
    capacity = 16
    keys = np.empty(capacity)
    nodes = np.empty(capacity, np.int64)
    size = 0
    keys[0], nodes[0] = 0.0, target
    size = 1
    while size:
        # A binary heap of (distance, node) with stale entries skipped when popped.
        best_key, node = keys[0], nodes[0]
        size -= 1
        keys[0], nodes[0] = keys[size], nodes[size]
        i = 0
        while True:
            child = 2 * i + 1
            if child >= size:
                break
            if child + 1 < size and keys[child + 1] < keys[child]:
                child += 1
            if keys[child] >= keys[i]:
                break
            keys[i], keys[child] = keys[child], keys[i]
            nodes[i], nodes[child] = nodes[child], nodes[i]
            i = child
        if done[node] or best_key > dist[node]:
            continue
        done[node] = True
        for k in range(in_start[node], in_start[node + 1]):
            arc = in_arcs[k]
            w = weight[arc]
            if w == INF:
                continue
            tail = arc_tail[arc]
            alt = best_key + w
            if alt < dist[tail]:
                dist[tail] = alt
                if size == capacity:
                    capacity *= 2
                    keys = _grow(keys, capacity)
                    nodes = _grow(nodes, capacity)
                keys[size], nodes[size] = alt, tail
                j = size
                size += 1
                while j > 0:
                    parent = (j - 1) // 2
                    if keys[parent] <= keys[j]:
                        break
                    keys[parent], keys[j] = keys[j], keys[parent]
                    nodes[parent], nodes[j] = nodes[j], nodes[parent]
                    j = parent
    return dist


@_jit
def _best_days_up_to(costs, days, length, cost):
    """The fewest days among a front's first ``length`` members costing at most ``cost``."""
    i = 0  # bisect_right: the first member costing more than ``cost``
    hi = length
    while i < hi:
        mid = (i + hi) // 2
        if cost < costs[mid]:
            hi = mid
        else:
            i = mid + 1
    return days[i - 1] if i else INF


@_jit
def _front_insert(costs, days, ids, length, cost, day, ident, dead):
    """Insert a member no one dominates into a front sorted by cost; mark the members it
    dominates dead and return the front's new length (the arrays have room for one more)."""
    i = 0  # bisect_left: the first member costing ``cost`` or more
    hi = length
    while i < hi:
        mid = (i + hi) // 2
        if costs[mid] < cost:
            i = mid + 1
        else:
            hi = mid
    j = i
    while j < length and days[j] >= day:
        dead[ids[j]] = True
        j += 1
    shift = 1 - (j - i)  # members after the removed ones move by this much
    if shift > 0:
        for m in range(length - 1, j - 1, -1):
            costs[m + shift], days[m + shift], ids[m + shift] = costs[m], days[m], ids[m]
    elif shift < 0:
        for m in range(j, length):
            costs[m + shift], days[m + shift], ids[m + shift] = costs[m], days[m], ids[m]
    costs[i], days[i], ids[i] = cost, day, ident
    return length + shift


@_jit
def pareto_labels(
    out_start,
    out_arcs,
    arc_head,
    arc_cost,
    arc_days,
    cost_bound,
    days_bound,
    source,
    target,
    max_days,
    grow,
    max_labels,
):
    """The bi-criteria label-setting search of ``RoutePlanner._pareto_reference`` on arrays.

    ``out_arcs[out_start[u]:out_start[u + 1]]`` are the arcs out of ``u`` in the network's
    order, ``arc_head`` where each ends, ``arc_cost``/``arc_days`` their weights (``inf`` if
    excluded), ``cost_bound``/``days_bound`` each node's lower bounds to ``target``. Returns the
    offered labels (cost ascending) and every label's parent and arc, to unwind the routes.
    """
    n = out_start.shape[0] - 1
    capacity = 1024
    lab_cost = np.empty(capacity)
    lab_days = np.empty(capacity)
    lab_node = np.empty(capacity, np.int64)
    lab_parent = np.empty(capacity, np.int64)
    lab_arc = np.empty(capacity, np.int64)
    dead = np.zeros(capacity, np.bool_)
    heap_fc = np.empty(capacity)
    heap_fd = np.empty(capacity)
    heap_id = np.empty(capacity, np.int64)
    # Each node's front has at most ``max_labels`` members, plus room for one being inserted.
    front_cost = np.empty((n, max_labels + 1))
    front_days = np.empty((n, max_labels + 1))
    front_id = np.empty((n, max_labels + 1), np.int64)
    front_len = np.zeros(n, np.int64)
    found_cost = np.empty(16)
    found_days = np.empty(16)
    found_id = np.empty(16, np.int64)
    found_len = 0

    lab_cost[0], lab_days[0], lab_node[0], lab_parent[0], lab_arc[0] = 0.0, 0.0, source, -1, -1
    labels = 1
    front_len[source] = _front_insert(
        front_cost[source], front_days[source], front_id[source], 0, 0.0, 0.0, 0, dead
    )
    size = _heap_push(heap_fc, heap_fd, heap_id, 0, cost_bound[source], days_bound[source], 0)
    while size:
        size = _heap_pop(heap_fc, heap_fd, heap_id, size)
        lid = heap_id[size]
        if dead[lid]:
            continue
        c, d, node = lab_cost[lid], lab_days[lid], lab_node[lid]
        if node == target:
            # Covered: a route found already is within ``grow`` of this one on both criteria.
            if _best_days_up_to(found_cost, found_days, found_len, c * grow) > d * grow:
                if found_len + 1 >= found_cost.shape[0]:
                    found_cost = _grow(found_cost, found_len + 2)
                    found_days = _grow(found_days, found_len + 2)
                    found_id = _grow(found_id, found_len + 2)
                found_len = _front_insert(
                    found_cost, found_days, found_id, found_len, c, d, lid, dead
                )
            continue
        for k in range(out_start[node], out_start[node + 1]):
            arc = out_arcs[k]
            v = arc_head[arc]
            if arc_cost[arc] == INF or cost_bound[v] == INF:
                continue  # excluded, or no way on from where it leads
            nc, nd = c + arc_cost[arc], d + arc_days[arc]
            rest_c, rest_d = cost_bound[v], days_bound[v]
            if nd + rest_d > max_days:
                continue
            if (
                _best_days_up_to(found_cost, found_days, found_len, (nc + rest_c) * grow)
                <= (nd + rest_d) * grow
            ):
                continue
            if (
                _best_days_up_to(front_cost[v], front_days[v], front_len[v], nc) <= nd
                or front_len[v] >= max_labels
            ):
                continue
            if labels == lab_cost.shape[0]:
                lab_cost = _grow(lab_cost, labels + 1)
                lab_days = _grow(lab_days, labels + 1)
                lab_node = _grow(lab_node, labels + 1)
                lab_parent = _grow(lab_parent, labels + 1)
                lab_arc = _grow(lab_arc, labels + 1)
                dead = _grow(dead, labels + 1)
                heap_fc = _grow(heap_fc, labels + 1)
                heap_fd = _grow(heap_fd, labels + 1)
                heap_id = _grow(heap_id, labels + 1)
            lab_cost[labels], lab_days[labels], lab_node[labels] = nc, nd, v
            lab_parent[labels], lab_arc[labels] = lid, arc
            dead[labels] = False
            front_len[v] = _front_insert(
                front_cost[v], front_days[v], front_id[v], front_len[v], nc, nd, labels, dead
            )
            size = _heap_push(heap_fc, heap_fd, heap_id, size, nc + rest_c, nd + rest_d, labels)
            labels += 1
    return found_id[:found_len].copy(), lab_parent[:labels].copy(), lab_arc[:labels].copy()


def unwind(parent: np.ndarray, arc: np.ndarray, label: int) -> list[int]:
    """The arcs (indices) from the first label to ``label``, in travel order."""
    arcs = []
    while arc[label] >= 0:
        arcs.append(int(arc[label]))
        label = int(parent[label])
    arcs.reverse()
    return arcs


@_jit
def _path_arcs(parent, arc, label, into):
    """Write the arcs from the first label to ``label`` into ``into`` in travel order; return
    how many."""
    count = 0
    while arc[label] >= 0:
        into[count] = arc[label]
        label = parent[label]
        count += 1
    into[:count] = into[:count][::-1].copy()
    return count


@_jit
def k_best_labels(
    out_start,
    out_arcs,
    arc_head,
    arc_tail,
    arc_leg,
    weight,
    days,
    lower,
    lower_days,
    source,
    target,
    k,
    max_days,
):
    """The k-best search of :func:`.routing.k_best_paths` on arrays, step for step.

    ``weight``/``days`` per arc (``inf``: excluded), ``lower``/``lower_days`` per node
    (``lower_days`` is consulted only when ``max_days`` is finite), ``arc_leg`` the leg each
    arc travels (a label never turns straight back over it). Returns the found paths' labels
    and every label's parent and arc, to unwind them.
    """
    n = out_start.shape[0] - 1
    capacity = 1024
    lab_node = np.empty(capacity, np.int64)
    lab_g = np.empty(capacity)
    lab_d = np.empty(capacity)
    lab_parent = np.empty(capacity, np.int64)
    lab_arc = np.empty(capacity, np.int64)
    heap_f = np.empty(capacity)
    heap_g = np.empty(capacity)
    heap_id = np.empty(capacity, np.int64)
    settled = np.zeros(n, np.int64)
    stamp = np.full(n, -1, np.int64)  # which found-path check last saw each node
    path = np.empty(n + 1, np.int64)
    other = np.empty(n + 1, np.int64)
    found = np.empty(k, np.int64)
    found_count = 0
    checks = 0
    cap = 3 * k + 2
    lab_node[0], lab_g[0], lab_d[0], lab_parent[0], lab_arc[0] = source, 0.0, 0.0, -1, -1
    labels = 1
    size = _heap_push(heap_f, heap_g, heap_id, 0, lower[source], 0.0, 0)
    while size and found_count < k:
        size = _heap_pop(heap_f, heap_g, heap_id, size)
        lid = heap_id[size]
        node = lab_node[lid]
        settled[node] += 1
        if settled[node] > cap:
            continue
        if node == target:
            # Kept unless it revisits a place or was found already (as _keep_if_loopless).
            # A label's path may loop (the check is here, at the target), so it can be longer
            # than the network has places; never longer than the labels made so far.
            path = _grow(path, labels)
            other = _grow(other, labels)
            length = _path_arcs(lab_parent, lab_arc, lid, path)
            checks += 1
            loopless = True
            for i in range(length):
                origin = arc_tail[path[i]]
                if stamp[origin] == checks:
                    loopless = False
                stamp[origin] = checks
            seen = False
            for f in range(found_count):
                same_length = _path_arcs(lab_parent, lab_arc, found[f], other) == length
                if same_length and np.array_equal(other[:length], path[:length]):
                    seen = True
            if loopless and not seen:
                found[found_count] = lid
                found_count += 1
            continue
        came = lab_arc[lid]
        g, d = lab_g[lid], lab_d[lid]
        for i in range(out_start[node], out_start[node + 1]):
            edge = out_arcs[i]
            if came >= 0 and arc_leg[edge] == arc_leg[came]:
                continue
            w = weight[edge]
            if w == INF:
                continue
            v = arc_head[edge]
            rest = lower[v]
            if rest == INF:
                continue
            nd = d + days[edge]
            if max_days != INF and nd + lower_days[v] > max_days:
                continue
            if labels == lab_node.shape[0]:
                lab_node = _grow(lab_node, labels + 1)
                lab_g = _grow(lab_g, labels + 1)
                lab_d = _grow(lab_d, labels + 1)
                lab_parent = _grow(lab_parent, labels + 1)
                lab_arc = _grow(lab_arc, labels + 1)
                heap_f = _grow(heap_f, labels + 1)
                heap_g = _grow(heap_g, labels + 1)
                heap_id = _grow(heap_id, labels + 1)
            lab_node[labels], lab_g[labels], lab_d[labels] = v, g + w, nd
            lab_parent[labels], lab_arc[labels] = lid, edge
            size = _heap_push(heap_f, heap_g, heap_id, size, g + w + rest, g + w, labels)
            labels += 1
    return found[:found_count].copy(), lab_parent[:labels].copy(), lab_arc[:labels].copy()


def warm() -> None:
    """Compile the kernels (or load them from the on-disk cache) on a two-place network, so
    that no user request waits for the compiler."""
    if not COMPILED:
        return
    one = np.array([0], np.int64)  # the one arc, from place 0 to place 1
    weight = np.array([1.0])
    bound = lower_bounds(np.array([0, 0, 1], np.int64), one, one, weight, 1)
    out_start = np.array([0, 1, 1], np.int64)
    head = np.array([1], np.int64)
    pareto_labels(out_start, one, head, weight, weight, bound, bound, 0, 1, INF, 1.02, 16)
    leg = one
    k_best_labels(out_start, one, head, one, leg, weight, weight, bound, bound, 0, 1, 3, INF)
