"""From the scenario's raw ``transit_*`` sections to engine dataclasses, with documented defaults.

The scenario file records what sources say, in their words; the engine needs every leg priced,
timed, bounded and located, and every agreement in the engine's vocabulary. This module is the
one place that bridges the two, so the Django loader and the tests map the data the same way.
Every figure it derives rather than reads is listed in the leg's ``estimated`` field (or the
agreement's ``estimated`` flag), so pages can show it as an estimate.

Legs
----
* ``countries`` (territory or airspace crossed): the leg's ``via`` list if the file gives one,
  else :data:`LEG_CROSSINGS` (read from the route descriptions), plus the endpoints' countries.
* ``days``: the mean of the ``days`` range; if absent, the route's ``total_days`` mean shared
  over the route's legs in proportion to distance; else :data:`SPEED_KM_PER_DAY` by mode
  (air: one day).
* ``cost_per_teu`` (surface): the corridor's whole-trip price per container from
  ``transit_costs`` spread per kilometre over that corridor -- 17,000 USD over the Riga-Mazar
  NDN line for NDN legs, 7,000 USD over Karachi-Kabul for Pakistani legs (both 2012, S-38).
* ``cost_per_tonne`` (air): :data:`AIR_USD_PER_TONNE_KM` x distance (commercial long-haul
  airfreight; consistent with S-22's EUR 50,000 per container via Ulyanovsk against 30,000 via
  Termez).
* capacities: :data:`DEFAULT_CAPACITY` by mode, from the volumes the file quotes (NDN moved
  about 1,000-2,300 containers a month in 2010-2012; ~1,500 a month via Azerbaijan in 2010).

Agreements
----------
* transit countries = parties that are neither ``NATO`` nor exempt; the other parties are the
  beneficiaries (``parties`` in the engine).
* cargo words map through :data:`CARGO_WORDS` (``personnel`` and ``air_refuelling`` carry no
  cargo; an agreement with no cargo class left is skipped and reported).
* missing ``modes`` or ``directions`` mean all (flagged estimated); ``from_afghanistan`` is
  ``retrograde``; dates take the first ``YYYY-MM-DD`` or ``YYYY-MM`` in ``in_force``,
  ``effective``, ``signed`` or ``announced``; ``party_from`` gives a beneficiary its own start
  (``{GBR: "2012-02-27"}``, or ``{ESP: {date: ..., estimated: true}}``) where the parties
  joined on different dates: those parties get an agreement ``<id>:<party>`` of their own;
  ``revoked`` ends the agreement the day before and
  adds a prohibition ``<id>:revoked`` from that day for every mode and class; ``valid_until``
  ends it. :data:`AMENDMENTS` turns dated amendments into agreements ``<id>@<date>``.
* ``closures`` inside an agreement become :class:`Closure` records of the crossing node named,
  or of the whole country.
* caps: ``flights_per_year`` with :data:`TONNES_PER_FLIGHT`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from dataclasses import dataclass

from accord.errors import Code

from .model import (
    CARGO_CLASSES,
    DIRECTIONS,
    MODES,
    Agreement,
    Cap,
    Closure,
    Lease,
    Leg,
    Network,
    Node,
    TransitInputError,
)

LEG_CROSSINGS: dict[str, tuple[str, ...]] = {
    "L01": ("RUS",),  # Riga - Saryagash by rail crosses Russia into Kazakhstan
    "L10": ("RUS", "KAZ"),  # Riga - Bishkek
    "L18": ("UZB", "KAZ"),  # Bagram - Ulyanovsk, overflying Uzbekistan and Kazakhstan
    "L20": ("TJK",),  # Manas - Bagram over Tajikistan
    "L21": ("TUR", "GEO", "AZE", "TKM"),  # Romania - Bagram over the Caucasus and the Caspian
    "L22": ("RUS", "KAZ", "UZB"),  # Riga - Kabul airlift on the US-Russia air corridor
}
SPEED_KM_PER_DAY = {"rail": 600.0, "road": 300.0, "sea": 500.0, "ferry": 300.0}
# S-38's 17,000 USD a container delivered over the NDN, spread over Riga-Kabul: the rail line to
# Mazar-e-Sharif (L01-L04) and the road over the Salang pass to Kabul (L24), as the Pakistani
# 7,000 USD is spread over Karachi-Kabul.
NDN_USD_PER_TEU_KM = 17000 / (4700 + 700 + 15 + 75 + 425)
PAK_USD_PER_TEU_KM = 7000 / (1720 + 225)  # S-38 over L14-L15
AIR_USD_PER_TONNE_KM = 1.5
DEFAULT_CAPACITY = {  # (TEU a month, tonnes a month or None)
    "rail": (2000, None),
    "road": (1500, None),
    "sea": (3000, None),
    "ferry": (800, None),
    "air": (300, 3000.0),
}
TONNES_PER_FLIGHT = 45.0  # a C-17 on a long leg
CARGO_WORDS: dict[str, tuple[str, ...]] = {
    "non_lethal": ("non_lethal",),
    "lethal": ("lethal",),
    "dual_use": ("dual_use",),
    "non_lethal_for_nato": ("non_lethal",),
    "non_military": ("non_lethal",),
    "humanitarian": ("non_lethal",),
    "vehicles": ("non_lethal",),
    "cargo": CARGO_CLASSES,  # US-KAZ 2010: "special cargo" of the forces, unqualified
    "military_goods": CARGO_CLASSES,
    "military_equipment": CARGO_CLASSES,
    "military_property_no_ammunition": ("non_lethal", "dual_use"),
    "support_and_transit_of_nato_forces": CARGO_CLASSES,
    "personnel": (),
    "air_refuelling": (),
}
# Cargo words that open a separate agreement for a narrower beneficiary.
CARGO_FOR: dict[str, tuple[str, tuple[str, ...], tuple[str, ...]]] = {
    "arms_for_ansf_allowed": ("ansf", ("lethal",), ("ANSF",)),
}
AMENDMENTS: dict[str, tuple[tuple[str, dict], ...]] = {
    "nato_rus_land_2008": (
        ("2010-11-20", {"directions": DIRECTIONS}),  # Lisbon NRC: to and from Afghanistan
        # Decree No. 637 of 25 Jun 2012 (combined rail, road and air transit, e.g. through
        # Ulyanovsk) took effect for NATO with the exchange of letters of 6 Jul 2012 (S-20).
        ("2012-07-06", {"directions": DIRECTIONS, "modes": ("rail", "road", "air")}),
    ),
}
_DATE = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?")


def parse_date(value: object, field: str = "date") -> dt.date:
    """The first ``YYYY-MM-DD`` or ``YYYY-MM`` (first of the month) in ``value``."""
    if isinstance(value, dt.date):
        return value
    match = _DATE.search(str(value))
    if not match:
        raise TransitInputError(Code.BAD_DATES, f"no date in {value!r}", field)
    year, month, day = match.groups()
    return dt.date(int(year), int(month), int(day or 1))


def _mean(value: object) -> float | None:
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return sum(float(v) for v in value) / len(value)
    return float(value)


def nodes_from_records(records: list[dict]) -> tuple[Node, ...]:
    return tuple(
        Node(
            code=r["id"],
            name=r["name"],
            country=r["country"],
            kinds=tuple(r.get("kind") or ()),
            lat=float(r["lat"]),
            lon=float(r["lon"]),
            capacity_teu_day=(
                float(r["capacity_teu_day"]) if r.get("capacity_teu_day") is not None else None
            ),
        )
        for r in records
    )


def legs_from_records(
    records: list[dict], nodes: tuple[Node, ...], routes: list[dict] | None = None
) -> tuple[Leg, ...]:
    """Engine legs from ``transit_legs``, filling gaps as the module docstring says."""
    country = {n.code: n.country for n in nodes}
    route_days = {r["id"]: _mean(r.get("total_days")) for r in routes or ()}
    km_by_route: dict[str, float] = defaultdict(float)
    for r in records:
        km_by_route[r.get("route", "")] += float(r["distance_km"])
    legs = []
    for r in records:
        code, mode = r["id"], r["mode"]
        for end in ("from", "to"):
            if r[end] not in country:
                raise TransitInputError(
                    Code.UNKNOWN_NODE, f"leg {code} names unknown node {r[end]!r}", f"{code}.{end}"
                )
        estimated: list[str] = []  # the fields derived, in the order they are derived
        if r.get("distance_estimated"):
            estimated.append("distance_km")
        distance = float(r["distance_km"])
        route = r.get("route", "")
        days = _leg_days(r, distance, route_days.get(route), km_by_route[route], estimated)
        cost_teu, cost_tonne = _leg_prices(r, distance, estimated)
        cap_teu, cap_tonnes = _leg_capacity(r, estimated)
        crossed = list(r.get("via") or LEG_CROSSINGS.get(code, ()))
        ordered = [country[r["from"]], *crossed, country[r["to"]]]
        countries = tuple(dict.fromkeys(ordered))
        legs.append(
            Leg(
                code=code,
                origin=r["from"],
                destination=r["to"],
                mode=mode,
                distance_km=distance,
                days=round(days, 2),
                cost_per_teu=int(cost_teu or 0),
                cost_per_tonne=float(cost_tonne or 0.0),
                capacity_teu_month=int(cap_teu),
                capacity_tonnes_month=cap_tonnes,
                operator=r.get("operator", ""),
                countries=countries,
                estimated=tuple(estimated),
            )
        )
    return tuple(legs)


def _leg_days(
    r: dict, distance: float, route_total: float | None, route_km: float, estimated: list[str]
) -> float:
    """The leg's days as given; else its share (by distance) of its route's total days; else
    from the mode's speed (a day for a flight). A crossing still takes a quarter day."""
    days = _mean(r.get("days"))
    if days is not None and r.get("days_estimated"):
        estimated.append("days")
    if days is None:
        estimated.append("days")
        if route_total:
            days = route_total * distance / route_km
        elif r["mode"] == "air":
            days = 1.0
        else:
            days = distance / SPEED_KM_PER_DAY[r["mode"]]
    return max(days, 0.25)


def _leg_prices(r: dict, distance: float, estimated: list[str]) -> tuple:
    """The price per TEU and per tonne as given; else from the corridor's rate per km."""
    cost_teu = r.get("cost_per_teu")
    cost_tonne = r.get("cost_per_tonne")
    if cost_teu is None and cost_tonne is None:
        estimated.append("cost")
        if r["mode"] == "air":
            return 0, round(AIR_USD_PER_TONNE_KM * distance, 2)
        pakistan = r.get("route", "").startswith("pak")
        rate = PAK_USD_PER_TEU_KM if pakistan else NDN_USD_PER_TEU_KM
        return round(rate * distance), 0.0
    return cost_teu, cost_tonne


def _leg_capacity(r: dict, estimated: list[str]) -> tuple:
    """The monthly capacity in TEU and tonnes as given; else the mode's default."""
    cap_teu, cap_tonnes = DEFAULT_CAPACITY[r["mode"]]
    if r.get("capacity_teu_month") is not None:
        cap_teu = r["capacity_teu_month"]
    else:
        estimated.append("capacity")
    if r.get("capacity_tonnes_month") is not None:
        cap_tonnes = r["capacity_tonnes_month"]
    return cap_teu, cap_tonnes


def exempt_from_nations(records: list[dict]) -> frozenset[str]:
    """NATO members (by accession date) and Afghanistan need no transit agreement."""
    members = {r["iso3"] for r in records if r.get("nato_accession")}
    return frozenset(members | {"AFG"})


@dataclass(frozen=True)
class MappedAgreements:
    agreements: tuple[Agreement, ...]
    closures: tuple[Closure, ...]
    skipped: tuple[tuple[str, str], ...]  # (raw id, why)


def _start(r: dict) -> dt.date | None:
    for key in ("in_force", "effective", "signed", "announced"):
        if r.get(key):
            return parse_date(r[key], f"{r['id']}.{key}")
    return None


def agreements_from_records(
    records: list[dict], exempt: frozenset[str], node_codes: set[str] | None = None
) -> MappedAgreements:
    """Engine agreements and closures from ``transit_agreements`` (see the module docstring)."""
    agreements: list[Agreement] = []
    closures: list[Closure] = []
    skipped: list[tuple[str, str]] = []
    for r in records:
        ident = r["id"]
        parties = tuple(r.get("parties") or ())
        countries = tuple(p for p in parties if p != "NATO" and p not in exempt)
        start = _start(r)
        if not countries:
            skipped.append((ident, "no transit country among the parties"))
            continue
        if start is None:
            skipped.append((ident, "no date"))
            continue
        mapped = _agreements_of(r, countries, start)
        if not mapped:
            skipped.append((ident, "carries no cargo (personnel or refuelling only)"))
        agreements.extend(mapped)
        agreements.extend(_amendments_and_revocation(r, countries, start))
        closures.extend(_closures_of(r, countries, node_codes))
    return MappedAgreements(tuple(agreements), tuple(closures), tuple(skipped))


@dataclass(frozen=True)
class _Terms:
    """What one scenario agreement permits, mapped to the engine's words."""

    classes: tuple[str, ...]
    # (code suffix, cargo classes, beneficiaries) of the parts carrying one party's cargo
    extra: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]
    modes: tuple[str, ...]
    directions: tuple[str, ...]
    estimated: bool  # a class, mode or direction was derived, not stated by the source


def _terms(r: dict) -> _Terms:
    ident = r["id"]
    estimated = False
    classes: list[str] = []
    extra: list[tuple[str, tuple[str, ...], tuple[str, ...]]] = []
    for word in r.get("cargo_classes") or ():
        if word in CARGO_FOR:
            extra.append(CARGO_FOR[word])
            continue
        if word not in CARGO_WORDS:
            raise TransitInputError(
                Code.UNKNOWN_CARGO_CLASS,
                f"agreement {ident}: cargo class {word!r} has no mapping",
                f"{ident}.cargo_classes",
            )
        classes.extend(c for c in CARGO_WORDS[word] if c not in classes)
        estimated = estimated or CARGO_WORDS[word] != (word,)
    modes = tuple(r.get("modes") or ())
    if not modes:
        modes, estimated = MODES, True
    directions = tuple(
        "retrograde" if d == "from_afghanistan" else d for d in r.get("directions") or ()
    )
    if not directions:
        directions, estimated = DIRECTIONS, True
    return _Terms(tuple(classes), tuple(extra), modes, directions, estimated)


def _common(r: dict, countries: tuple[str, ...]) -> dict:
    """The fields every engine agreement made from ``r`` shares, and its cap."""
    end = None
    if r.get("revoked"):
        end = parse_date(r["revoked"]) - dt.timedelta(days=1)
    elif r.get("valid_until"):
        end = parse_date(r["valid_until"])
    cap = None
    caps = r.get("caps") or {}
    if "flights_per_year" in caps:
        cap = Cap(float(caps["flights_per_year"]), "flights_per_year", TONNES_PER_FLIGHT)
    note = str(r.get("conditions") or r.get("notes") or "")
    return dict(countries=countries, valid_to=end, legal_basis=r["id"], note=note, cap=cap)


def _party_groups(
    r: dict, beneficiaries: tuple[str, ...], start: dt.date
) -> list[tuple[str, dt.date, tuple[str, ...], bool]]:
    """(code, start, beneficiaries, start estimated) per start date: the parties named in
    ``party_from`` on their own dates, the others on the agreement's start."""
    ident = r["id"]
    own: dict[str, tuple[dt.date, bool]] = {}
    for party, value in (r.get("party_from") or {}).items():
        when = value.get("date") if isinstance(value, dict) else value
        guessed = bool(value.get("estimated")) if isinstance(value, dict) else False
        own[party] = (parse_date(when, f"{ident}.party_from"), guessed)
    groups: dict[tuple[dt.date, bool], list[str]] = defaultdict(list)
    for party in beneficiaries:
        groups[own.get(party, (start, False))].append(party)
    return [
        (
            ident if (when, guessed) == (start, False) else f"{ident}:{'-'.join(who).lower()}",
            when,
            tuple(who),
            guessed,
        )
        for (when, guessed), who in sorted(groups.items())
    ]


def _agreements_of(r: dict, countries: tuple[str, ...], start: dt.date) -> list[Agreement]:
    """The agreement as permitted from its start: one engine agreement for its general cargo
    (one per start date where parties joined on different dates), one per part carrying one
    party's cargo; none when it carries no cargo."""
    ident = r["id"]
    terms = _terms(r)
    beneficiaries = tuple(p for p in r.get("parties") or () if p not in countries)
    parts: list[tuple[str, tuple[str, ...], tuple[str, ...], dt.date, bool]] = []
    if terms.classes:
        parts.extend(
            (code, terms.classes, who, when, guessed)
            for code, when, who, guessed in _party_groups(r, beneficiaries, start)
        )
    parts.extend((f"{ident}:{suffix}", cls, who, start, False) for suffix, cls, who in terms.extra)
    return [
        Agreement(
            code=code,
            modes=terms.modes,
            cargo_classes=cls,
            directions=terms.directions,
            valid_from=when,
            parties=who,
            estimated=terms.estimated or guessed,
            **_common(r, countries),
        )
        for code, cls, who, when, guessed in parts
    ]


def _amendments_and_revocation(
    r: dict, countries: tuple[str, ...], start: dt.date
) -> list[Agreement]:
    """The agreement's later amendments (``AMENDMENTS``) and its revocation, a prohibition."""
    ident = r["id"]
    terms = _terms(r)
    beneficiaries = tuple(p for p in r.get("parties") or () if p not in countries)
    agreements = [
        Agreement(
            code=f"{ident}@{when}",
            modes=tuple(change.get("modes", terms.modes)),
            cargo_classes=terms.classes,
            directions=tuple(change.get("directions", terms.directions)),
            valid_from=parse_date(when),
            parties=beneficiaries,
            estimated=terms.estimated,
            **_common(r, countries),
        )
        for when, change in AMENDMENTS.get(ident, ())
    ]
    if r.get("revoked"):
        agreements.append(
            Agreement(
                code=f"{ident}:revoked",
                countries=countries,
                modes=MODES,
                cargo_classes=CARGO_CLASSES,
                directions=DIRECTIONS,
                valid_from=parse_date(r["revoked"]),
                effect="deny",
                legal_basis=ident,
                note=str(r.get("revoked_note") or ""),
            )
        )
    return agreements


def _closures_of(r: dict, countries: tuple[str, ...], node_codes: set[str] | None) -> list[Closure]:
    """The closures the agreement's record lists: of its crossing where the network has that
    node, else of its first transit country."""
    ident = r["id"]
    closures = []
    for n, c in enumerate(r.get("closures") or (), start=1):
        begin = parse_date(c["from"], f"{ident}.closures")
        if c.get("to"):
            finish = parse_date(c["to"], f"{ident}.closures")
        else:
            finish = begin + dt.timedelta(days=int(c.get("days", 1)) - 1)
        crossing = c.get("crossing")
        if crossing and (node_codes is None or crossing in node_codes):
            kind, target = "node", crossing
        else:
            kind, target = "country", countries[0]
        closures.append(
            Closure(f"{ident}:closure{n}", kind, target, begin, finish, c.get("reason", ""))
        )
    return closures


def leases_from_records(records: list[dict]) -> tuple[Lease, ...]:
    """Engine leases from ``transit_leases`` (one record per availability tier)."""
    return tuple(
        Lease(
            code=r["id"],
            provider=r["provider"],
            mode=r["mode"],
            legs=tuple(r.get("legs") or ()),
            teu_per_sortie=int(r["teu_per_sortie"]),
            tonnes_per_sortie=float(r["tonnes_per_sortie"]),
            cost_per_sortie=int(r["cost_per_sortie"]),
            hours_per_sortie=float(r["hours_per_sortie"]),
            period_start=parse_date(r["period_start"]),
            period_end=parse_date(r["period_end"]),
            availability=r.get("availability", "full_time"),
            notice_days=int(r.get("notice_days") or 0),
            quota_hours_year=float(r.get("quota_hours_year") or 0),
            quota_hours_left=float(r.get("quota_hours_left", r.get("quota_hours_year") or 0)),
            max_sorties_month=int(r.get("max_sorties_month", 30)),
            quota_group=str(r.get("quota_group") or ""),
        )
        for r in records
    )


def network_from_scenario(document: dict) -> Network:
    """The whole transit network from a parsed scenario document (``yaml.safe_load``)."""
    nodes = nodes_from_records(document.get("transit_nodes") or [])
    legs = legs_from_records(
        document.get("transit_legs") or [], nodes, document.get("transit_routes") or []
    )
    exempt = exempt_from_nations(document.get("nations") or [])
    mapped = agreements_from_records(
        document.get("transit_agreements") or [], exempt, {n.code for n in nodes}
    )
    return Network(
        nodes=nodes,
        legs=legs,
        agreements=mapped.agreements,
        closures=mapped.closures,
        exempt_countries=exempt,
    )
