"""A small hand-made network whose best answers can be worked out on paper.

    A (AAA) --rail 2d $1,000--> B (BBB) --rail 2d $1,000--> Z (ZZZ)
    A (AAA) --road 1d $1,500--> C (CCC) --road 1d $1,500--> Z (ZZZ)
    A (AAA) --air 0.5d $500/t, over BBB ---------------------> Z (ZZZ)

AAA and ZZZ need no agreement. BBB permits non-lethal cargo by rail and air, lethal by air only
(capped at 4 flights a month of 40 t); CCC permits non-lethal and lethal by road until the end
of 2012. Rail and road legs carry 100 and 50 TEU a month, the air leg 20 TEU or 200 t.
"""

from __future__ import annotations

import datetime as dt

from accord.transit.engine.model import Agreement, Cap, Closure, Leg, Network, Node

ON = dt.date(2011, 6, 1)


def small_network(
    *extra_agreements: Agreement, closures: tuple[Closure, ...] = (), air_cap: Cap | None = None
) -> Network:
    nodes = (
        Node("A", "Alpha port", "AAA", ("seaport",), 50.0, 10.0),
        Node("B", "Bravo junction", "BBB", ("rail_terminal",), 48.0, 20.0),
        Node("C", "Charlie crossing", "CCC", ("border_crossing",), 45.0, 20.0),
        Node("Z", "Zulu base", "ZZZ", ("airbase",), 44.0, 30.0),
    )
    legs = (
        Leg("AB", "A", "B", "rail", 1000, 2, 1000, 100, ("AAA", "BBB")),
        Leg("BZ", "B", "Z", "rail", 1000, 2, 1000, 100, ("BBB", "ZZZ")),
        Leg("AC", "A", "C", "road", 600, 1, 1500, 50, ("AAA", "CCC")),
        Leg("CZ", "C", "Z", "road", 600, 1, 1500, 50, ("CCC", "ZZZ")),
        Leg(
            "AZ",
            "A",
            "Z",
            "air",
            1500,
            0.5,
            0,
            20,
            ("AAA", "BBB", "ZZZ"),
            cost_per_tonne=500,
            capacity_tonnes_month=200,
        ),
    )
    agreements = (
        Agreement(
            "B-nl",
            ("BBB",),
            ("rail", "air"),
            ("non_lethal",),
            ("to_afghanistan", "retrograde"),
            dt.date(2010, 1, 1),
        ),
        Agreement(
            "B-l-air",
            ("BBB",),
            ("air",),
            ("lethal",),
            ("to_afghanistan",),
            dt.date(2010, 1, 1),
            cap=air_cap or Cap(4, "flights_per_month", 40.0),
        ),
        Agreement(
            "C-road",
            ("CCC",),
            ("road",),
            ("non_lethal", "lethal"),
            ("to_afghanistan",),
            dt.date(2010, 1, 1),
            dt.date(2012, 12, 31),
        ),
        *extra_agreements,
    )
    return Network(nodes, legs, agreements, closures, frozenset({"AAA", "ZZZ"}))
