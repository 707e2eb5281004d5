"""Reads for the map and the charts: the network, the shipments on the road and a plan's
utilisation as GeoJSON; the throughput per named route and the price per TEU of each leg.

Everything is read through the other sub-domains' selectors, so the map shows exactly what the
reader's lists show.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from accord.transit.models import FlowPlan
from accord.transit.network.selectors import MODE_COLOURS, leg_list, node_list
from accord.transit.planning.selectors import plan_list
from accord.transit.shipments.selectors import shipment_list


def network_geojson(*, actor, plan: FlowPlan | None = None, route: list[str] | None = None):
    """Nodes and legs as GeoJSON, legs coloured by mode, with utilisation from ``plan``."""
    use = _leg_use(plan)
    on_route = {code.removesuffix("/r") for code in route or ()}
    features = [_leg_feature(leg, use.get(leg.code), on_route) for leg in leg_list(actor=actor)]
    features += [_node_feature(node) for node in node_list(actor=actor)]
    for shipment in shipment_list(actor=actor).exclude(status="arrived"):
        if shipment.current_node_id is not None and not shipment.current_node_shown:
            continue  # its last reported place is one the reader may not see: not placed
        features.append(_shipment_feature(shipment))
    return {"type": "FeatureCollection", "features": features}


def _leg_use(plan: FlowPlan | None) -> dict[str, dict]:
    """Leg code -> the larger share of its two directions the plan uses, and whether either
    direction is a bottleneck."""
    use: dict[str, dict] = {}
    if plan is None:
        return use
    for item in plan.result.get("arc_use", []):
        leg = item["arc"].removesuffix("/r")
        share = max(use.get(leg, {}).get("share", 0.0), float(item["share"]))
        use[leg] = {
            "share": share,
            "bottleneck": item["bottleneck"] or use.get(leg, {}).get("bottleneck", False),
        }
    return use


def _point(place) -> dict:
    return {"type": "Point", "coordinates": [float(place.longitude), float(place.latitude)]}


def _leg_feature(leg, use: dict | None, on_route: set[str]) -> dict:
    props = {
        "type": "leg",
        "code": leg.code,
        "name": str(leg),
        "mode": leg.mode,
        "mode_label": str(leg.get_mode_display()),  # in the reader's language
        "colour": MODE_COLOURS.get(leg.mode, "#555"),
        "capacity": leg.capacity_teu_month,
        "days": float(leg.days),
        "cost_per_teu": leg.cost_per_teu,
        "on_route": leg.code in on_route,
    }
    if use is not None:
        props["utilisation"] = round(use["share"], 3)
        props["bottleneck"] = use["bottleneck"]
    return {
        "type": "Feature",
        "geometry": {
            "type": "LineString",
            "coordinates": [
                [float(leg.origin.longitude), float(leg.origin.latitude)],
                [float(leg.destination.longitude), float(leg.destination.latitude)],
            ],
        },
        "properties": props,
    }


def _node_feature(node) -> dict:
    return {
        "type": "Feature",
        "geometry": _point(node),
        "properties": {
            "type": "node",
            "code": node.code,
            "name": node.local_name,  # the map's label, in the reader's language
            "names": node.names,
            "country": node.country.iso3,
            "kinds": node.kinds,
            "kinds_label": node.kinds_label,  # in the reader's language
        },
    }


def _shipment_feature(shipment) -> dict:
    """A shipment on the road, placed at its last reported place (or its origin)."""
    return {
        "type": "Feature",
        "geometry": _point(shipment.current_node or shipment.origin),
        "properties": {
            "type": "shipment",
            "code": shipment.reference,
            "name": f"{shipment.reference}: {shipment.get_status_display()}",
            "delayed": shipment.delayed,
            "eta": shipment.eta.isoformat(),
        },
    }


def throughput_by_route(*, actor) -> list[dict]:
    """TEU a month per named route, summed from the latest stored plan of each month."""
    latest: dict[dt.date, FlowPlan] = {}
    for plan in plan_list(actor=actor).order_by("created_at", "pk"):
        latest[plan.month] = plan
    # A route is named by its legs the reader may read; cargo whose first leg the reader may
    # not read is counted under no name (never under the hidden leg's code).
    routes = {
        code: route or code for code, route in leg_list(actor=actor).values_list("code", "route")
    }
    series: dict[str, dict[dt.date, float]] = defaultdict(dict)
    for month, plan in sorted(latest.items()):
        totals: dict[str, float] = defaultdict(float)
        for alloc in plan.result.get("allocations", []):
            first = alloc["arcs"][0].removesuffix("/r") if alloc["arcs"] else ""
            totals[routes.get(first, "")] += alloc["teu"]
        for route, teu in totals.items():
            series[route][month] = teu
    return [
        {"route": route, "points": sorted(points.items())}
        for route, points in sorted(series.items())
    ]


def cost_per_teu_by_leg(*, actor) -> list[dict]:
    """Each surface leg's price per TEU (air legs: per tonne x 10 t), for the chart."""
    rows = []
    for leg in leg_list(actor=actor):
        # Whole dollars, exactly: an int per TEU, or a Decimal per tonne times ten tonnes.
        value = leg.cost_per_teu or leg.cost_per_tonne * 10
        rows.append(
            {
                "label": f"{leg.code} {leg.origin.code}–{leg.destination.code}",
                "value": round(value),
                "estimated": "cost" in (leg.estimated or []),
                "code": leg.code,
            }
        )
    return sorted(rows, key=lambda r: -r["value"])
