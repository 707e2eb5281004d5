"""A route query through the API on the scenario network, against the planner's own ``plan()``
on a network prepared beforehand.

Prepares a fresh database with the scenario and the personas, signs a logistician in, and asks
``POST /api/v1/transit/routes`` (Django's test client: the whole request path -- middleware,
authentication, the schema, the access-filtered network, the planner, the answer's JSON -- but no
socket) for each of the scenario's start and end pairs, alternately with the anchor: the same
query's ``RoutePlanner.plan()`` on a planner built once beforehand. A third line gives the floor
of any query through the API: a signed-in request to a view that does nothing (``/bench/bare``,
the dashboard benchmark's anchor), which passes the same request path (the session, the user,
the middleware) but for ninja. A fourth gives what
the API's path costs when it builds the network and the planner on every request (as it did
before planners were kept per visibility class and network version).

    python bench/transit_route_api.py
"""

from __future__ import annotations

import datetime as dt
import os
import time

from benchlib import bench_environment, percentile, prepare_database, report

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))


def main() -> None:
    bench_environment()
    # As it is served: no debugging (which records every query), plain HTTP, one factor.
    os.environ.update({"ACCORD_DEBUG": "0", "ACCORD_HTTPS": "0", "ACCORD_TWO_FACTOR_REQUIRED": "0"})
    os.environ["DJANGO_SETTINGS_MODULE"] = "bench_settings"  # for the floor: /bench/bare
    prepare_database(scale=100)
    from django.test import Client

    from accord.core.models import User
    from accord.transit.engine.model import RouteQuery
    from accord.transit.engine.routing import RoutePlanner
    from accord.transit.routing.selectors import network_for

    logistician = User.objects.get(username="logistician")
    client = Client()
    client.force_login(logistician)
    prepared = RoutePlanner(network_for(logistician))
    pairs = [
        (a, b)
        for a in ("riga", "muuga", "klaipeda", "poti", "karachi")
        for b in ("kabul", "kandahar", "mazar_rail", "hairatan")
    ]
    on = dt.date(2012, 9, 1)
    api, anchor, rebuilt, floor = [], [], [], []
    for _ in range(ROUNDS):
        for a, b in pairs:
            body = {
                "origin": a,
                "destination": b,
                "cargo_class": "non_lethal",
                "direction": "to_afghanistan",
                "on_date": on.isoformat(),
                "shipper": ["USA"],
            }
            started = time.perf_counter()
            response = client.post("/api/v1/transit/routes", body, content_type="application/json")
            api.append(time.perf_counter() - started)
            assert response.status_code == 200, response.content
            query = RouteQuery(a, b, "non_lethal", "to_afghanistan", on)
            started = time.perf_counter()
            prepared.plan(query)
            anchor.append(time.perf_counter() - started)
            started = time.perf_counter()
            RoutePlanner(network_for(logistician)).plan(query)
            rebuilt.append(time.perf_counter() - started)
            started = time.perf_counter()
            assert client.get("/bench/bare").status_code == 200
            floor.append(time.perf_counter() - started)
    print(
        f"# scenario network: {len(prepared.network.nodes)} nodes, {len(prepared.network.arcs)} "
        f"arcs; {len(api)} queries",
        flush=True,
    )
    for label, fraction in (("p50", 0.5), ("p95", 0.95)):
        ours, base = percentile(api, fraction), percentile(anchor, fraction)
        report(
            f"transit_route_api_{label}",
            ours * 1000,
            "ms",
            ours / base,
            f"plan() on a prepared network {label} ({base * 1000:.2f} ms)",
        )
    ours, base = percentile(floor, 0.5), percentile(anchor, 0.5)
    report(
        "transit_route_api_floor_p50",
        ours * 1000,
        "ms",
        ours / base,
        f"plan() on a prepared network p50 ({base * 1000:.2f} ms); the request's own path: "
        "a view that does nothing, signed in",
    )
    ours, base = percentile(rebuilt, 0.5), percentile(anchor, 0.5)
    report(
        "transit_route_rebuilt_each_time_p50",
        ours * 1000,
        "ms",
        ours / base,
        f"plan() on a prepared network p50 ({base * 1000:.2f} ms)",
    )


if __name__ == "__main__":
    main()
