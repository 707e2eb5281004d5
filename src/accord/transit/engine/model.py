"""The transit engine's vocabulary: frozen dataclasses that every engine function takes or returns.

Pure Python, no Django. The Django layer builds these from its rows (or from the scenario YAML
through :mod:`accord.transit.engine.scenario`) and renders the answers.

Units
-----
Money is USD: whole dollars for per-TEU and per-sortie prices (integers), dollars per tonne as
a float (stored as dollars and cents). The costs the engine computes -- a route's, a plan's, an
allocation's, a shadow price -- are floats, because the route planner's graph and the flow
plan's linear programme work in floats; the Django layer turns each into whole cents with one
documented rounding (``accord.transit.common.solver_minor``) before it stores or shows it.
Distances are kilometres, durations are (fractional) days, capacities are per calendar month.
A TEU is a twenty-foot equivalent unit (one 20-ft container).

Directions of travel
--------------------
A :class:`Leg` describes a piece of infrastructure between two nodes; unless ``two_way`` is
false it can be travelled both ways, each way with the leg's full monthly capacity. The engine
works on :class:`Arc` objects, one per direction: the forward arc carries the leg's code
(``"L01"``), the reverse arc the code with ``REVERSE_SUFFIX`` (``"L01/r"``). Routes, permits,
utilisation and capacity values name arcs by those codes.

Which countries need an agreement (the transit rule)
----------------------------------------------------
For a consignment travelling over an arc, every country in the leg's ``countries`` (territory or
airspace crossed, endpoints included) needs a permitting :class:`Agreement`, **except**:

1. the consignment's own origin country and destination country (a nation needs no transit
   agreement with itself; Afghanistan as the destination of the supply lines falls here), and
2. the countries in ``Network.exempt_countries`` -- states that let allied military cargo cross
   without a transit agreement (NATO and EU members on the route such as LVA, EST, LTU, ROU).

A country that needs one is permitted if at least one *permitting* agreement covers it for the
arc's mode, the cargo class, the direction and the date, and no *prohibiting* agreement does
(a prohibition -- e.g. Russia's revocation of May 2015 -- wins, and when a permit and a
prohibition overlap the pair is also reported as a :class:`Conflict`). Closures of the arc's
leg, of either endpoint node or of a crossed country block the arc on the dates they cover.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from accord.errors import Code

# --- enumerations ------------------------------------------------------------------------------

MODES = ("rail", "road", "sea", "ferry", "air")
CARGO_CLASSES = ("non_lethal", "lethal", "dual_use")
DIRECTIONS = ("to_afghanistan", "retrograde")
EFFECTS = ("permit", "deny")
CAP_UNITS = ("flights_per_year", "flights_per_month", "teu_per_month", "tonnes_per_month")
CLOSURE_TARGETS = ("node", "leg", "country")
AVAILABILITY = ("full_time", "notice")
REASON_KINDS = (
    "no_agreement",  # no agreement permits the country for this mode/class/direction/date
    "prohibited",  # a prohibiting agreement covers it
    "closure",  # a dated closure of the leg, an endpoint node or a crossed country
    "avoided_country",  # the query asked to avoid a country the leg crosses
    "mode_not_allowed",  # the query restricted modes
    "too_late",  # the whole candidate arrives after latest_arrival
)

REVERSE_SUFFIX = "/r"
DEFAULT_TONNES_PER_TEU = 10.0  # an average loaded 20-ft container, when a query gives no tonnes


# --- errors ------------------------------------------------------------------------------------


class TransitInputError(ValueError):
    """Bad input to the engine, with a stable ``code`` and the ``field`` at fault.

    ``code`` is a member of the catalogue, :class:`accord.errors.Code` (pure Python, so the
    engine names the same codes the API answers with): ``Code.UNKNOWN_NODE``,
    ``Code.UNKNOWN_LEG``, ``Code.UNKNOWN_COUNTRY``, ``Code.DUPLICATE_CODE``,
    ``Code.BAD_CAPACITY``, ``Code.BAD_COST``, ``Code.BAD_DISTANCE``, ``Code.BAD_DAYS``,
    ``Code.UNKNOWN_MODE``, ``Code.UNKNOWN_CARGO_CLASS``, ``Code.UNKNOWN_DIRECTION``,
    ``Code.BAD_DATES``, ``Code.BAD_CAP``, ``Code.BAD_LIMIT``, ``Code.BAD_DEMAND``,
    ``Code.BAD_LEASE``, ``Code.BAD_LEG``, ``Code.BAD_AGREEMENT``, ``Code.BAD_CLOSURE``,
    ``Code.BAD_QUERY``, ``Code.BAD_WEIGHTS``, and ``Code.NO_PLAN`` when the solvers return no
    plan within the time limit. The Django layer maps them to 422
    (``accord.errors.ValidationFailed(code=..., errors={field: [message]})``).
    """

    def __init__(self, code: Code, message: str, field: str = ""):
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field

    def __repr__(self) -> str:
        return f"TransitInputError({self.code!r}, {self.message!r}, field={self.field!r})"


def _require(condition: bool, code: Code, message: str, field_name: str) -> None:
    if not condition:
        raise TransitInputError(code, message, field_name)


def _check_choice(value: str, allowed: tuple[str, ...], code: Code, field_name: str) -> None:
    _require(value in allowed, code, f"{value!r} is not one of {', '.join(allowed)}", field_name)


# --- the network -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Node:
    """A place cargo passes: seaport, rail terminal, border crossing, airbase or hub."""

    code: str
    name: str
    country: str  # ISO 3166 alpha-3
    kinds: tuple[str, ...] = ()
    lat: float = 0.0
    lon: float = 0.0
    # TEU a day the place can handle (a border crossing's or terminal's throughput): every TEU
    # that arrives, leaves or passes counts once; None: no limit of its own.
    capacity_teu_day: float | None = None


@dataclass(frozen=True)
class Leg:
    """A link between two nodes by one mode, with its monthly capacity and price.

    ``countries`` lists every country whose territory or airspace the leg crosses, its
    endpoints' countries included (the scenario mapping adds them if missing). Air legs price
    by the tonne (``cost_per_tonne``) and are limited in tonnes; surface legs price by the TEU.
    Both figures may be set; a consignment pays ``cost_per_teu * teu + cost_per_tonne * tonnes``.
    ``capacity_tonnes_month`` of ``None`` means no tonnage limit. ``estimated`` names the fields
    derived by a documented default rather than taken from a source.
    """

    code: str
    origin: str
    destination: str
    mode: str
    distance_km: float
    days: float
    cost_per_teu: int
    capacity_teu_month: int
    countries: tuple[str, ...]
    cost_per_tonne: float = 0.0
    capacity_tonnes_month: float | None = None
    operator: str = ""
    two_way: bool = True
    estimated: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        where = f"legs[{self.code}]"
        _check_choice(self.mode, MODES, Code.UNKNOWN_MODE, f"{where}.mode")
        _require(
            self.origin != self.destination,
            Code.BAD_LEG,
            f"leg {self.code} starts and ends at {self.origin}",
            f"{where}.destination",
        )
        _require(
            self.distance_km > 0,
            Code.BAD_DISTANCE,
            "distance must be positive",
            f"{where}.distance_km",
        )
        _require(self.days > 0, Code.BAD_DAYS, "transit days must be positive", f"{where}.days")
        _require(
            self.capacity_teu_month > 0,
            Code.BAD_CAPACITY,
            f"leg {self.code}: monthly capacity must be a positive number of TEU",
            f"{where}.capacity_teu_month",
        )
        _require(
            self.capacity_tonnes_month is None or self.capacity_tonnes_month > 0,
            Code.BAD_CAPACITY,
            f"leg {self.code}: monthly tonnage capacity must be positive (or unset)",
            f"{where}.capacity_tonnes_month",
        )
        _require(
            self.cost_per_teu >= 0 and self.cost_per_tonne >= 0,
            Code.BAD_COST,
            f"leg {self.code}: costs cannot be negative",
            f"{where}.cost_per_teu",
        )
        _require(
            self.cost_per_teu > 0 or self.cost_per_tonne > 0,
            Code.BAD_COST,
            f"leg {self.code}: give a positive cost per TEU or per tonne",
            f"{where}.cost_per_teu",
        )
        _require(
            bool(self.countries),
            Code.UNKNOWN_COUNTRY,
            "list the countries crossed",
            f"{where}.countries",
        )


@dataclass(frozen=True)
class Arc:
    """One direction of travel over a leg (see the module docstring for codes)."""

    code: str
    leg: Leg
    origin: str
    destination: str
    reverse: bool = False

    @property
    def mode(self) -> str:
        return self.leg.mode


@dataclass(frozen=True)
class Cap:
    """A limit an agreement puts on traffic, e.g. 4,500 flights a year over Russia.

    ``tonnes_per_flight`` converts flights to cargo (a C-17 carries about 45 t on long legs);
    it is required for flight caps to bind a flow plan.
    """

    amount: float
    unit: str
    tonnes_per_flight: float | None = None

    def __post_init__(self) -> None:
        _check_choice(self.unit, CAP_UNITS, Code.BAD_CAP, "cap.unit")
        _require(self.amount > 0, Code.BAD_CAP, "a cap must be positive", "cap.amount")
        _require(
            self.tonnes_per_flight is None or self.tonnes_per_flight > 0,
            Code.BAD_CAP,
            "tonnes per flight must be positive",
            "cap.tonnes_per_flight",
        )

    def per_month(self) -> float:
        """The cap over one month, in its own unit (flights, TEU or tonnes)."""
        return self.amount / 12 if self.unit == "flights_per_year" else self.amount


@dataclass(frozen=True)
class Agreement:
    """A transit agreement (``effect='permit'``) or prohibition (``effect='deny'``).

    It covers the transit ``countries`` (usually one; a multilateral deal lists several) for the
    listed ``modes``, ``cargo_classes`` and ``directions`` from ``valid_from`` to ``valid_to``
    inclusive (``None`` = open-ended). ``parties`` are the beneficiaries (``NATO``, ``USA``...);
    a query naming its shipper only uses agreements whose parties include it.
    """

    code: str
    countries: tuple[str, ...]
    modes: tuple[str, ...]
    cargo_classes: tuple[str, ...]
    directions: tuple[str, ...]
    valid_from: dt.date
    valid_to: dt.date | None = None
    effect: str = "permit"
    cap: Cap | None = None
    legal_basis: str | None = None
    parties: tuple[str, ...] = ()
    note: str = ""
    estimated: bool = False

    def __post_init__(self) -> None:
        where = f"agreements[{self.code}]"
        _check_choice(self.effect, EFFECTS, Code.BAD_AGREEMENT, f"{where}.effect")
        _require(bool(self.countries), Code.UNKNOWN_COUNTRY, "name a country", f"{where}.countries")
        for mode in self.modes:
            _check_choice(mode, MODES, Code.UNKNOWN_MODE, f"{where}.modes")
        for cargo in self.cargo_classes:
            _check_choice(cargo, CARGO_CLASSES, Code.UNKNOWN_CARGO_CLASS, f"{where}.cargo_classes")
        for direction in self.directions:
            _check_choice(direction, DIRECTIONS, Code.UNKNOWN_DIRECTION, f"{where}.directions")
        _require(
            self.valid_to is None or self.valid_to >= self.valid_from,
            Code.BAD_DATES,
            f"agreement {self.code} ends before it starts",
            f"{where}.valid_to",
        )

    def in_force(self, on: dt.date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)

    def covers(self, country: str, mode: str, cargo_class: str, direction: str) -> bool:
        return (
            country in self.countries
            and mode in self.modes
            and cargo_class in self.cargo_classes
            and direction in self.directions
        )


@dataclass(frozen=True)
class Closure:
    """A dated closure of a node, a leg or a whole country (``end`` inclusive, None = open)."""

    code: str
    target_kind: str
    target: str
    start: dt.date
    end: dt.date | None = None
    reason: str = ""

    def __post_init__(self) -> None:
        _check_choice(self.target_kind, CLOSURE_TARGETS, Code.BAD_CLOSURE, "closure.target_kind")
        _require(
            self.end is None or self.end >= self.start,
            Code.BAD_DATES,
            f"closure {self.code} ends before it starts",
            "closure.end",
        )

    def active(self, on: dt.date) -> bool:
        return self.start <= on and (self.end is None or on <= self.end)


@dataclass(frozen=True)
class Network:
    """Nodes, legs, agreements and closures, checked for consistency on construction.

    ``exempt_countries``: countries that need no transit agreement (see the module docstring).
    """

    nodes: tuple[Node, ...]
    legs: tuple[Leg, ...]
    agreements: tuple[Agreement, ...] = ()
    closures: tuple[Closure, ...] = ()
    exempt_countries: frozenset[str] = frozenset()
    node_by_code: dict[str, Node] = field(init=False, repr=False, compare=False)
    leg_by_code: dict[str, Leg] = field(init=False, repr=False, compare=False)
    arcs: tuple[Arc, ...] = field(init=False, repr=False, compare=False)
    arc_by_code: dict[str, Arc] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        nodes: dict[str, Node] = {}
        for node in self.nodes:
            _require(
                node.code not in nodes, Code.DUPLICATE_CODE, f"node {node.code} twice", "nodes"
            )
            nodes[node.code] = node
        legs: dict[str, Leg] = {}
        arcs: list[Arc] = []
        for leg in self.legs:
            _require(leg.code not in legs, Code.DUPLICATE_CODE, f"leg {leg.code} twice", "legs")
            for end in (leg.origin, leg.destination):
                _require(
                    end in nodes,
                    Code.UNKNOWN_NODE,
                    f"leg {leg.code} names unknown node {end!r}",
                    f"legs[{leg.code}]",
                )
            legs[leg.code] = leg
            arcs.append(Arc(leg.code, leg, leg.origin, leg.destination))
            if leg.two_way:
                arcs.append(
                    Arc(leg.code + REVERSE_SUFFIX, leg, leg.destination, leg.origin, reverse=True)
                )
        codes = [a.code for a in self.agreements]
        _require(
            len(codes) == len(set(codes)),
            Code.DUPLICATE_CODE,
            "agreement codes repeat",
            "agreements",
        )
        targets = {"node": (nodes, Code.UNKNOWN_NODE), "leg": (legs, Code.UNKNOWN_LEG)}
        for closure in self.closures:
            if closure.target_kind in targets:
                known, unknown = targets[closure.target_kind]
                _require(
                    closure.target in known,
                    unknown,
                    f"closure {closure.code}: no {closure.target_kind} {closure.target!r}",
                    "closures",
                )
        object.__setattr__(self, "node_by_code", nodes)
        object.__setattr__(self, "leg_by_code", legs)
        object.__setattr__(self, "arcs", tuple(arcs))
        object.__setattr__(self, "arc_by_code", {a.code: a for a in arcs})

    def node(self, code: str, field_name: str = "node") -> Node:
        try:
            return self.node_by_code[code]
        except KeyError:
            raise TransitInputError(Code.UNKNOWN_NODE, f"no node {code!r}", field_name) from None

    def cargo_classes_known(self) -> frozenset[str]:
        """Cargo classes some agreement in the network mentions."""
        return frozenset(c for a in self.agreements for c in a.cargo_classes)


# --- routing -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RouteQuery:
    """Where a consignment goes, what it is and when; the optional constraints narrow the search.

    ``shipper``: party codes the consignor acts for (e.g. ``("USA", "NATO")``); empty = any.
    ``teu``/``tonnes`` size the consignment for pricing (tonnes default to
    ``DEFAULT_TONNES_PER_TEU`` per TEU).
    """

    origin: str
    destination: str
    cargo_class: str
    direction: str
    on_date: dt.date
    latest_arrival: dt.date | None = None
    avoid_countries: tuple[str, ...] = ()
    modes: tuple[str, ...] | None = None
    k: int = 3
    teu: int = 1
    tonnes: float | None = None
    shipper: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        _check_choice(self.cargo_class, CARGO_CLASSES, Code.UNKNOWN_CARGO_CLASS, "cargo_class")
        _check_choice(self.direction, DIRECTIONS, Code.UNKNOWN_DIRECTION, "direction")
        for mode in self.modes or ():
            _check_choice(mode, MODES, Code.UNKNOWN_MODE, "modes")
        _require(1 <= self.k <= 50, Code.BAD_QUERY, "k must be between 1 and 50", "k")
        _require(self.teu >= 1, Code.BAD_QUERY, "a consignment has at least one TEU", "teu")
        _require(
            self.tonnes is None or self.tonnes > 0,
            Code.BAD_QUERY,
            "tonnes must be positive",
            "tonnes",
        )
        _require(
            self.latest_arrival is None or self.latest_arrival >= self.on_date,
            Code.BAD_DATES,
            "the latest arrival is before the departure date",
            "latest_arrival",
        )
        _require(
            self.origin != self.destination, Code.BAD_QUERY, "origin is destination", "destination"
        )

    @property
    def consignment_tonnes(self) -> float:
        return self.tonnes if self.tonnes is not None else self.teu * DEFAULT_TONNES_PER_TEU


@dataclass(frozen=True)
class Permit:
    """Why one country on one arc is allowed: the agreement that permits it (None = exempt),
    and whose agreement it is (its beneficiaries: the nations, or NATO, it was made for)."""

    arc: str
    country: str
    agreement: str | None
    parties: tuple[str, ...] = ()


@dataclass(frozen=True)
class Route:
    """A path of arcs with its totals for the queried consignment."""

    arcs: tuple[str, ...]
    nodes: tuple[str, ...]
    modes: tuple[str, ...]
    cost: float
    days: float
    distance_km: float
    countries: tuple[str, ...]
    permits: tuple[Permit, ...]
    estimated: bool = False  # some figure on the route is a derived default

    @property
    def legs(self) -> tuple[str, ...]:
        """The leg codes, without the reverse marker."""
        return tuple(a.removesuffix(REVERSE_SUFFIX) for a in self.arcs)

    @property
    def rests_on(self) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
        """(agreement, transit country, its parties) for every agreement the route needs, in
        route order, once each: whose agreements carry this cargo."""
        seen: dict[tuple[str, str], tuple[str, ...]] = {}
        for permit in self.permits:
            if permit.agreement and (permit.agreement, permit.country) not in seen:
                seen[(permit.agreement, permit.country)] = permit.parties
        return tuple((code, country, parties) for (code, country), parties in seen.items())

    @property
    def nations(self) -> tuple[str, ...]:
        """The parties (nations, or NATO) whose agreements the route rests on, in route order."""
        parties = (p for _code, _country, who in self.rests_on for p in who)
        return tuple(dict.fromkeys(parties))


@dataclass(frozen=True)
class Reason:
    """Why an arc cannot be used: ``kind`` from REASON_KINDS, the blocking or missing record."""

    kind: str
    arc: str
    country: str | None
    record: str | None  # the agreement (no_agreement: the nearest one that does not cover it)
    message: str
    # The same reason as facts, for a reader's sentence in their own language: pairs of a name
    # and a value (codes, dates, tuples), e.g. ("start", date) for a closure; see REASON_FACTS.
    facts: tuple[tuple[str, object], ...] = ()

    def fact(self, name: str, default=None):
        return dict(self.facts).get(name, default)


@dataclass(frozen=True)
class Blocked:
    """A candidate path in the unrestricted network that the rules exclude, and why."""

    arcs: tuple[str, ...]
    nodes: tuple[str, ...]
    cost: float
    days: float
    reasons: tuple[Reason, ...]


@dataclass(frozen=True)
class Conflict:
    """Two agreements that contradict each other for the same scope on overlapping dates."""

    first: str
    second: str
    country: str
    mode: str
    cargo_class: str
    direction: str
    start: dt.date
    end: dt.date | None
    kind: str  # 'permit_vs_deny' | 'different_caps'
    message: str


@dataclass(frozen=True)
class RouteAnswer:
    """The answer to a :class:`RouteQuery`. ``pareto`` is sorted by cost, no member dominated."""

    query: RouteQuery
    routes_by_cost: tuple[Route, ...]
    routes_by_time: tuple[Route, ...]
    pareto: tuple[Route, ...]
    blocked: tuple[Blocked, ...]
    conflicts: tuple[Conflict, ...] = ()

    @property
    def found(self) -> bool:
        return bool(self.pareto)


# --- the monthly flow plan ---------------------------------------------------------------------


@dataclass(frozen=True)
class Demand:
    """Cargo to move in the month: whole TEUs (and their tonnage) from origin to destination.

    ``latest_days``: the cargo must arrive within this many days of the month's first day.
    """

    code: str
    origin: str
    destination: str
    cargo_class: str
    direction: str
    teu: int
    tonnes: float
    latest_days: float | None = None
    shipper: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        where = f"demands[{self.code}]"
        _check_choice(
            self.cargo_class, CARGO_CLASSES, Code.UNKNOWN_CARGO_CLASS, f"{where}.cargo_class"
        )
        _check_choice(self.direction, DIRECTIONS, Code.UNKNOWN_DIRECTION, f"{where}.direction")
        _require(self.teu >= 1, Code.BAD_DEMAND, "a demand needs at least one TEU", f"{where}.teu")
        _require(self.tonnes > 0, Code.BAD_DEMAND, "tonnes must be positive", f"{where}.tonnes")
        _require(
            self.latest_days is None or self.latest_days > 0,
            Code.BAD_DEMAND,
            "latest_days must be positive",
            f"{where}.latest_days",
        )
        _require(self.origin != self.destination, Code.BAD_DEMAND, "origin is destination", where)


@dataclass(frozen=True)
class Lease:
    """Leased aircraft or train sets adding capacity, as contracted (e.g. NATO SALIS An-124s).

    Each sortie (a flight or a train) over one of ``legs`` (empty = any leg of ``mode``) adds
    ``teu_per_sortie`` TEU and ``tonnes_per_sortie`` tonnes of capacity for ``cost_per_sortie``
    and uses ``hours_per_sortie`` of the quota. ``availability='full_time'`` means on call;
    ``'notice'`` means ``notice_days`` (6 or 9 under SALIS) must pass after the plan date before
    the first sortie, so it cannot carry a demand that must arrive earlier than notice + transit.
    ``quota_hours_left`` is what remains of the participant's annual flying-hour quota; the plan
    never draws more. Leases with the same non-empty ``quota_group`` (e.g. the SALIS tiers)
    draw on one pool: the smallest ``quota_hours_left`` among them. ``max_sorties_month`` bounds
    how many sorties the aircraft or trains can make in a month.
    """

    code: str
    provider: str
    mode: str
    legs: tuple[str, ...]
    teu_per_sortie: int
    tonnes_per_sortie: float
    cost_per_sortie: int
    hours_per_sortie: float
    period_start: dt.date
    period_end: dt.date
    availability: str = "full_time"
    notice_days: int = 0
    quota_hours_year: float = 0.0
    quota_hours_left: float = 0.0
    max_sorties_month: int = 30
    quota_group: str = ""

    def __post_init__(self) -> None:
        where = f"leases[{self.code}]"
        _check_choice(self.mode, MODES, Code.UNKNOWN_MODE, f"{where}.mode")
        _check_choice(self.availability, AVAILABILITY, Code.BAD_LEASE, f"{where}.availability")
        _require(
            self.teu_per_sortie >= 1 and self.tonnes_per_sortie > 0,
            Code.BAD_CAPACITY,
            "a sortie carries at least one TEU and some tonnes",
            f"{where}.teu_per_sortie",
        )
        _require(self.cost_per_sortie > 0, Code.BAD_COST, "cost per sortie must be positive", where)
        _require(
            self.hours_per_sortie > 0, Code.BAD_LEASE, "hours per sortie must be positive", where
        )
        _require(self.period_end >= self.period_start, Code.BAD_DATES, "period ends first", where)
        _require(
            self.availability == "full_time" or self.notice_days > 0,
            Code.BAD_LEASE,
            "a lease on notice needs its notice days",
            f"{where}.notice_days",
        )
        _require(
            0 <= self.quota_hours_left <= max(self.quota_hours_year, self.quota_hours_left),
            Code.BAD_LEASE,
            "quota hours left cannot be negative",
            f"{where}.quota_hours_left",
        )
        _require(self.max_sorties_month >= 0, Code.BAD_LEASE, "max sorties is negative", where)

    @property
    def lead_days(self) -> int:
        return 0 if self.availability == "full_time" else self.notice_days


@dataclass(frozen=True)
class PlanInput:
    """A month's flow-planning problem. ``month`` is the month's first day.

    The objective is ``cost_weight * USD + days_weight * TEU-days + unmet_penalty * unmet TEU``.
    """

    network: Network
    demands: tuple[Demand, ...]
    month: dt.date
    leases: tuple[Lease, ...] = ()
    cost_weight: float = 1.0
    days_weight: float = 0.0
    unmet_penalty_per_teu: float = 1_000_000.0
    time_limit_seconds: float = 60.0
    paths_per_demand: int = 3
    # Pricing rounds at most (None: until the bound is proven or 60% of the time limit): a
    # limit counted in rounds stops at the same point on a fast machine and a loaded one.
    max_pricing_rounds: int | None = None

    def __post_init__(self) -> None:
        _require(self.month.day == 1, Code.BAD_DATES, "the month starts on its first day", "month")
        _require(
            self.cost_weight >= 0
            and self.days_weight >= 0
            and self.cost_weight + self.days_weight > 0,
            Code.BAD_WEIGHTS,
            "weights must be non-negative and not both zero",
            "cost_weight",
        )
        _require(
            self.max_pricing_rounds is None or self.max_pricing_rounds >= 0,
            Code.BAD_LIMIT,
            "the number of pricing rounds cannot be negative",
            "max_pricing_rounds",
        )
        codes = [d.code for d in self.demands]
        _require(
            len(codes) == len(set(codes)), Code.DUPLICATE_CODE, "demand codes repeat", "demands"
        )
        known = self.network.cargo_classes_known()
        for demand in self.demands:
            self.network.node(demand.origin, f"demands[{demand.code}].origin")
            self.network.node(demand.destination, f"demands[{demand.code}].destination")
            _require(
                not known or demand.cargo_class in known,
                Code.UNKNOWN_CARGO_CLASS,
                f"no agreement in the network knows cargo class {demand.cargo_class!r}",
                f"demands[{demand.code}].cargo_class",
            )
        for lease in self.leases:
            for leg in lease.legs:
                _require(
                    leg in self.network.leg_by_code,
                    Code.UNKNOWN_LEG,
                    f"lease {lease.code} names unknown leg {leg!r}",
                    f"leases[{lease.code}].legs",
                )


@dataclass(frozen=True)
class Allocation:
    """TEU of one demand sent along one route (``lease_arcs``: arcs flown/run on a lease)."""

    demand: str
    arcs: tuple[str, ...]
    nodes: tuple[str, ...]
    teu: int
    tonnes: float
    cost: float
    days: float
    lease_arcs: tuple[tuple[str, str], ...] = ()  # (arc, lease code)


@dataclass(frozen=True)
class Unmet:
    demand: str
    teu: int
    tonnes: float
    reason: str


@dataclass(frozen=True)
class NodeUse:
    """How much of a place's monthly throughput (TEU a day x the month's days) the plan uses, and
    what one more TEU of it would save (the throughput row's dual, the unmet penalty taken out;
    see ``ArcUse``). ``bottleneck``: at least 95% used and worth more, or holding back unmet
    demand."""

    node: str
    used_teu: int
    capacity_teu: float
    share: float
    value_per_teu: float
    bottleneck: bool
    unlocks_unmet: bool = False


@dataclass(frozen=True)
class ArcUse:
    """How much of an arc's own monthly capacity (after closures) the plan uses, and what more
    of it would be worth (see :mod:`.flowplan`, "The value of capacity").

    ``value_per_teu``: USD a month (objective units when days carry weight) that one more TEU of
    monthly capacity would save on transport -- the capacity row's dual in the converged linear
    relaxation, with the unmet-demand penalty taken out. ``unlocks_unmet``: one more TEU would
    let ``unmet_served_per_teu`` TEU of demand now unmet move, at ``serve_cost_per_teu`` USD of
    transport (net of any rerouting it saves). ``value_per_tonne`` is the same for the leg's
    tonnes capacity. ``bottleneck``: at least 95% used and either worth more capacity or
    holding back unmet demand.
    """

    arc: str
    used_teu: int
    capacity_teu: float
    share: float
    used_tonnes: float
    capacity_tonnes: float | None
    value_per_teu: float
    bottleneck: bool
    unlocks_unmet: bool = False
    unmet_served_per_teu: float = 0.0
    serve_cost_per_teu: float = 0.0
    value_per_tonne: float = 0.0


@dataclass(frozen=True)
class LeaseUse:
    lease: str
    sorties: tuple[tuple[str, int], ...]  # (arc, sorties)
    hours: float
    quota_left_after: float
    cost: float
    value_per_sortie: float = 0.0  # USD one more sortie a month would save (penalty excluded)


@dataclass(frozen=True)
class CapUse:
    agreement: str
    used: float
    limit: float
    unit: str


@dataclass(frozen=True)
class Plan:
    """The month's plan. ``objective`` is the whole-container optimum found; ``lp_bound`` a
    proven lower bound from the linear relaxation over *all* permitted routes -- its optimum when
    ``lp_status`` is ``'optimal'``, a valid but looser bound when ``'bound'``, and ``None`` when
    nothing useful could be proven in the time (``'unproven'``);
    ``gap = (objective - lp_bound) / max(1, |lp_bound|)`` (``None`` without a bound)."""

    month: dt.date
    allocations: tuple[Allocation, ...]
    unmet: tuple[Unmet, ...]
    arc_use: tuple[ArcUse, ...]
    lease_use: tuple[LeaseUse, ...]
    cap_use: tuple[CapUse, ...]
    cost: float
    objective: float
    lp_bound: float | None
    gap: float | None
    status: str  # 'optimal' | 'feasible' (time limit hit with a solution)
    solve_seconds: float
    columns: int = 0  # routes (columns) generated for the demands
    priced_out: bool = True  # column generation proved the LP optimal over all routes
    lp_status: str = "optimal"  # 'optimal' | 'bound' | 'unproven' (see lp_bound)
    lp_rounds: int = 0  # pricing rounds of the column generation
    lp_iterations: int = 0  # simplex iterations of the LP, all rounds together
    mip_nodes: int = 0  # branch-and-bound nodes of the whole-container solve
    node_use: tuple[NodeUse, ...] = ()  # the places with a throughput limit that the plan uses

    @property
    def bottlenecks(self) -> tuple[ArcUse, ...]:
        return tuple(u for u in self.arc_use if u.bottleneck)
