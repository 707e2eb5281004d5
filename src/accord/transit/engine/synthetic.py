"""Seeded, deterministic synthetic networks and demands, shared by the tests and the benches.

The shape mimics the real problem at scale: nodes on a jittered grid spanning a west-east
corridor; countries are blocks of the grid; the westmost block column is allied (exempt, where
cargo starts), the eastmost is the destination country ``DST`` (exempt, where cargo ends), and
every country between needs agreements. Surface legs join grid neighbours (east-west rail and
road in alternate rows, road north-south, a ferry here and there); a few long air legs jump
eastwards. Agreements permit non-lethal cargo everywhere, dual-use by surface in 90% of the
countries, lethal by air and road everywhere and by rail in about 60%. One country is closed for
the first half of the first synthetic month; one agreement carries a flights cap. Same seed,
same network.
"""

from __future__ import annotations

import datetime as dt
import math
import random

from .model import (
    CARGO_CLASSES,
    DIRECTIONS,
    Agreement,
    Cap,
    Closure,
    Demand,
    Lease,
    Leg,
    Network,
    Node,
)

EPOCH = dt.date(2012, 1, 1)
KM_PER_DEGREE = 111.0


def _grid(n_nodes: int) -> tuple[int, int]:
    cols = max(2, round(math.sqrt(n_nodes * 2)))
    rows = max(1, math.ceil(n_nodes / cols))
    return rows, cols


def synthetic_network(n_nodes: int, seed: int = 1, *, block: int = 0) -> Network:
    """A network of ``n_nodes`` nodes (about 2.1 legs per node) seeded by ``seed``.

    The parts draw from one random generator in a fixed order (places, legs, agreements), so
    the same size and seed always give the same network.
    """
    rng = random.Random(seed)
    rows, cols = _grid(n_nodes)
    where = _synthetic_places(rng, n_nodes, cols, block or max(2, cols // 8))
    legs = _synthetic_legs(rng, where, rows, cols)
    nodes = tuple(where.values())
    countries = sorted({n.country for n in nodes} - {"ALY", "DST"})
    closures = ()
    if countries:
        closed = countries[len(countries) // 2]
        closures = (
            Closure("X-1", "country", closed, EPOCH, EPOCH + dt.timedelta(days=14), "synthetic"),
        )
    return Network(
        nodes=nodes,
        legs=tuple(legs),
        agreements=tuple(_synthetic_agreements(rng, countries)),
        closures=closures,
        exempt_countries=frozenset({"ALY", "DST"}),
    )


def _synthetic_places(rng, n_nodes: int, cols: int, block: int) -> dict[tuple[int, int], Node]:
    """The places on a grid, row by row: the first block of columns is the allies' country
    (``ALY``), the last the destination's (``DST``), the blocks between transit countries."""
    block_cols = math.ceil(cols / block)

    def country(r: int, c: int) -> str:
        bc = c // block
        if bc == 0:
            return "ALY"
        if bc == block_cols - 1:
            return "DST"
        return f"C{bc:02d}{r // block:02d}"

    where: dict[tuple[int, int], Node] = {}
    for i in range(n_nodes):
        r, c = divmod(i, cols)
        code = f"n{i:05d}"
        lat = 35.0 + r * 0.5 + rng.uniform(-0.15, 0.15)
        lon = 20.0 + c * 0.5 + rng.uniform(-0.15, 0.15)
        where[(r, c)] = Node(code, code, country(r, c), ("hub",), round(lat, 4), round(lon, 4))
    return where


def _synthetic_legs(rng, where: dict[tuple[int, int], Node], rows: int, cols: int) -> list[Leg]:
    """Rail or road (sometimes a ferry) to the east, road to the north, and now and then an air
    leg a few blocks east."""
    legs: list[Leg] = []
    for (r, c), node in where.items():
        if (r, c + 1) in where:
            east_west = "rail" if r % 2 == 0 else "road"
            mode = "ferry" if rng.random() < 0.05 else east_west
            legs.append(_synthetic_leg(rng, len(legs), node, where[(r, c + 1)], mode))
        if (r + 1, c) in where:
            legs.append(_synthetic_leg(rng, len(legs), node, where[(r + 1, c)], "road"))
        if rng.random() < 0.04:
            target = (min(rows - 1, r + rng.randint(-3, 3)), min(cols - 1, c + rng.randint(6, 14)))
            if target in where and target[1] > c:
                legs.append(_synthetic_leg(rng, len(legs), node, where[target], "air"))
    return legs


def _km(a: Node, b: Node) -> float:
    dlat = a.lat - b.lat
    dlon = (a.lon - b.lon) * math.cos(math.radians((a.lat + b.lat) / 2))
    return max(5.0, math.hypot(dlat, dlon) * KM_PER_DEGREE * 1.25)


def _synthetic_leg(rng, number: int, a: Node, b: Node, mode: str) -> Leg:
    distance = _km(a, b)
    if mode == "air":
        distance *= 1 / 1.25 * 1.05
        days = round(0.5 + distance / 8000, 2)
        cost_teu, cost_tonne = 0, round(1.5 * distance * rng.uniform(0.8, 1.2), 2)
        cap_teu, cap_t = rng.choice((40, 60, 80)), float(rng.choice((400, 600, 800)))
    else:
        speed = {"rail": 600.0, "road": 300.0, "ferry": 300.0}[mode]
        rate = {"rail": 3.1, "road": 3.6, "ferry": 3.1}[mode]
        days = round(max(0.25, distance / speed * rng.uniform(0.8, 1.3)), 2)
        cost_teu, cost_tonne = round(rate * distance * rng.uniform(0.7, 1.4)), 0.0
        cap_teu, cap_t = rng.choice((400, 600, 800, 1000, 1200)), None
    return Leg(
        code=f"S{number:05d}",
        origin=a.code,
        destination=b.code,
        mode=mode,
        distance_km=round(distance, 1),
        days=days,
        cost_per_teu=max(1, cost_teu),
        cost_per_tonne=cost_tonne,
        capacity_teu_month=cap_teu,
        capacity_tonnes_month=cap_t,
        operator="synthetic",
        countries=tuple(dict.fromkeys((a.country, b.country))),
    )


def _synthetic_agreements(rng, countries: list[str]) -> list[Agreement]:
    """Per transit country: non-lethal cargo by every mode, dual-use mostly, lethal cargo by
    air and road (and rail in most); the first country's lethal flights capped."""
    agreements: list[Agreement] = []
    for i, name in enumerate(countries):
        agreements.append(
            Agreement(
                f"A-{name}-nl",
                (name,),
                ("rail", "road", "ferry", "air"),
                ("non_lethal",),
                DIRECTIONS,
                EPOCH,
                parties=("NATO",),
            )
        )
        if i == 0 or rng.random() < 0.9:
            agreements.append(
                Agreement(
                    f"A-{name}-du",
                    (name,),
                    ("rail", "road", "ferry"),
                    ("dual_use",),
                    DIRECTIONS,
                    EPOCH,
                    parties=("NATO",),
                )
            )
        lethal_modes = ("air", "rail", "road") if rng.random() < 0.6 else ("air", "road")
        agreements.append(
            Agreement(
                f"A-{name}-l",
                (name,),
                lethal_modes,
                ("lethal",),
                ("to_afghanistan",),
                EPOCH,
                parties=("NATO",),
                cap=Cap(600, "flights_per_year", 45.0) if i == 0 else None,
            )
        )
    return agreements


def synthetic_demands(
    network: Network,
    total_teu: int,
    seed: int = 1,
    *,
    pairs: int = 20,
    classes: tuple[str, ...] = CARGO_CLASSES,
    tonnes_per_teu: float = 9.0,
) -> tuple[Demand, ...]:
    """``total_teu`` TEU split over ``pairs`` west-to-east origin-destination pairs x classes."""
    rng = random.Random(seed)
    west = sorted(n.code for n in network.nodes if n.country == "ALY")
    east = sorted(n.code for n in network.nodes if n.country == "DST")
    shares = [rng.uniform(0.5, 1.5) for _ in range(pairs * len(classes))]
    scale = total_teu / sum(shares)
    sizes = [max(1, int(s * scale)) for s in shares]
    sizes[0] += total_teu - sum(sizes)
    demands = []
    for i in range(pairs):
        origin, destination = rng.choice(west), rng.choice(east)
        for j, cargo in enumerate(classes):
            teu = sizes[i * len(classes) + j]
            demands.append(
                Demand(
                    code=f"D{i:03d}{cargo[0]}",
                    origin=origin,
                    destination=destination,
                    cargo_class=cargo,
                    direction="to_afghanistan",
                    teu=teu,
                    tonnes=round(teu * tonnes_per_teu, 2),
                    shipper=("NATO",),
                )
            )
    return tuple(demands)


def synthetic_leases(network: Network) -> tuple[Lease, ...]:
    """Two tiers of a SALIS-like charter on every air leg: full-time and 6 days' notice."""
    common = dict(
        provider="synthetic charter",
        mode="air",
        legs=(),
        teu_per_sortie=8,
        tonnes_per_sortie=100.0,
        hours_per_sortie=6.0,
        period_start=EPOCH,
        period_end=EPOCH.replace(year=EPOCH.year + 3),
        quota_hours_year=800.0,
        quota_hours_left=800.0,
        quota_group="charter",
    )
    return (
        Lease(code="charter-ft", cost_per_sortie=250_000, max_sorties_month=12, **common),
        Lease(
            code="charter-6d",
            cost_per_sortie=270_000,
            availability="notice",
            notice_days=6,
            max_sorties_month=8,
            **common,
        ),
    )
