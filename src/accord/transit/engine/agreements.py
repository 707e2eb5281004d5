"""Which agreement lets a consignment cross which country, which closures block it, and conflicts.

The rule (see :mod:`.model`): on an arc, every crossed country except the consignment's origin
and destination countries and the network's exempt countries needs a permitting agreement in
force for the arc's mode, the cargo class and the direction, and no prohibiting agreement may
cover it. Closures of the leg, of an endpoint node or of a crossed country block the arc.

Contradictions between agreements are never resolved silently: :func:`agreement_conflicts`
lists them as data, and an arc where both a permit and a prohibition apply is blocked with a
``prohibited`` reason that names the prohibition (the cautious reading).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass
from itertools import combinations

from .model import (
    Agreement,
    Arc,
    Closure,
    Conflict,
    Network,
    Permit,
    Reason,
)

#: The most arc verdicts a planner remembers before it starts again (a few MB at most).
VERDICTS_KEPT = 200_000


@dataclass(frozen=True)
class ArcVerdict:
    """The outcome of checking one arc for one consignment: permits if allowed, else reasons."""

    arc: str
    permits: tuple[Permit, ...]
    reasons: tuple[Reason, ...]

    @property
    def allowed(self) -> bool:
        return not self.reasons


def _applies_to_shipper(agreement: Agreement, shipper: tuple[str, ...]) -> bool:
    return not shipper or not agreement.parties or bool(set(shipper) & set(agreement.parties))


def active_closures(network: Network, on: dt.date) -> tuple[Closure, ...]:
    """The closures in force on ``on``."""
    return tuple(c for c in network.closures if c.active(on))


def arc_closures(network: Network, arc: Arc, on: dt.date) -> tuple[Closure, ...]:
    """Closures blocking ``arc`` on ``on``: its leg, either endpoint node, or a crossed country."""
    return tuple(c for c in network.closures if c.active(on) and _closure_hits(c, arc))


def _closure_hits(closure: Closure, arc: Arc) -> bool:
    if closure.target_kind == "leg":
        return closure.target == arc.leg.code
    if closure.target_kind == "node":
        return closure.target in (arc.origin, arc.destination)
    return closure.target in arc.leg.countries


def open_fraction(network: Network, arc: Arc, start: dt.date, end: dt.date) -> float:
    """The share of the days ``start``..``end`` (inclusive) when no closure blocks ``arc``."""
    hits = [c for c in network.closures if _closure_hits(c, arc)]
    if not hits:
        return 1.0
    total = (end - start).days + 1
    closed = 0
    day = start
    while day <= end:
        if any(c.active(day) for c in hits):
            closed += 1
        day += dt.timedelta(days=1)
    return (total - closed) / total


def countries_needing_agreement(
    network: Network, arc: Arc, origin_country: str, destination_country: str
) -> tuple[str, ...]:
    """The crossed countries of ``arc`` that need a transit agreement for this consignment."""
    exempt = network.exempt_countries | {origin_country, destination_country}
    return tuple(c for c in arc.leg.countries if c not in exempt)


class AgreementIndex:
    """Agreements indexed by country, to answer many arc checks quickly."""

    def __init__(self, network: Network):
        self.network = network
        self.by_country: dict[str, list[Agreement]] = defaultdict(list)
        for agreement in network.agreements:
            for country in agreement.countries:
                self.by_country[country].append(agreement)
        self._cache: dict[tuple, ArcVerdict] = {}

    def deciding(
        self,
        country: str,
        mode: str,
        cargo_class: str,
        direction: str,
        on: dt.date,
        shipper: tuple[str, ...] = (),
    ) -> tuple[Agreement | None, Agreement | None]:
        """(the first permitting agreement, the first prohibiting one) in force, by code."""
        permit = deny = None
        for agreement in sorted(self.by_country.get(country, ()), key=lambda a: a.code):
            if not (
                agreement.in_force(on)
                and agreement.covers(country, mode, cargo_class, direction)
                and _applies_to_shipper(agreement, shipper)
            ):
                continue
            if agreement.effect == "deny":
                deny = deny or agreement
            else:
                permit = permit or agreement
        return permit, deny

    def nearest(
        self,
        country: str,
        mode: str,
        cargo_class: str,
        direction: str,
        on: dt.date,
        shipper: tuple[str, ...] = (),
    ) -> tuple[Agreement | None, tuple[tuple, ...]]:
        """The permitting agreement for ``country`` that comes closest, and what it lacks as
        facts: ``("modes", modes)``, ``("cargo_classes", classes)``, ``("directions",
        directions)``, ``("dates", valid_from, valid_to)``, ``("parties", parties)``."""
        best: tuple[tuple[int, bool, str], Agreement, tuple] | None = None
        for agreement in self.by_country.get(country, ()):
            if agreement.effect != "permit":
                continue
            lacks: list[tuple] = []
            if mode not in agreement.modes:
                lacks.append(("modes", agreement.modes))
            if cargo_class not in agreement.cargo_classes:
                lacks.append(("cargo_classes", agreement.cargo_classes))
            if direction not in agreement.directions:
                lacks.append(("directions", agreement.directions))
            if not agreement.in_force(on):
                lacks.append(("dates", agreement.valid_from, agreement.valid_to))
            if not _applies_to_shipper(agreement, shipper):
                lacks.append(("parties", agreement.parties))
            # Fewest shortcomings first; among equals, one for the same mode of transport.
            key = (len(lacks), mode not in agreement.modes, agreement.code)
            if best is None or key < best[0]:
                best = (key, agreement, tuple(lacks))
        if best is None:
            return None, ()
        return best[1], best[2]

    def verdict(
        self,
        arc: Arc,
        cargo_class: str,
        direction: str,
        on: dt.date,
        *,
        origin_country: str,
        destination_country: str,
        shipper: tuple[str, ...] = (),
        check_closures: bool = True,
    ) -> ArcVerdict:
        """Check ``arc`` for a consignment: the permit per country, or every reason it fails."""
        key = (
            arc.code,
            cargo_class,
            direction,
            on,
            origin_country,
            destination_country,
            shipper,
            check_closures,
        )
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        permits: list[Permit] = []
        reasons: list[Reason] = self.closure_reasons(arc, on) if check_closures else []
        needing = countries_needing_agreement(
            self.network, arc, origin_country, destination_country
        )
        for country in arc.leg.countries:
            if country not in needing:
                permits.append(Permit(arc.code, country, None))
                continue
            permit, reason = self.country_verdict(arc, country, cargo_class, direction, on, shipper)
            if reason is not None:
                reasons.append(reason)
            else:
                permits.append(permit)
        result = ArcVerdict(arc.code, tuple(permits) if not reasons else (), tuple(reasons))
        if len(self._cache) >= VERDICTS_KEPT:
            # A planner now lives for many queries (one per visibility class and network
            # version): its memo of verdicts must not grow with every date and shipper asked.
            self._cache.clear()
        self._cache[key] = result
        return result

    def closure_reasons(self, arc: Arc, on: dt.date) -> list[Reason]:
        """A reason for every closure that shuts ``arc`` on ``on``."""
        reasons = []
        for closure in arc_closures(self.network, arc, on):
            until = closure.end.isoformat() if closure.end else "further notice"
            reasons.append(
                Reason(
                    "closure",
                    arc.code,
                    closure.target if closure.target_kind == "country" else None,
                    closure.code,
                    f"{arc.code}: {closure.target_kind} {closure.target} closed "
                    f"{closure.start.isoformat()} to {until}"
                    + (f" ({closure.reason})" if closure.reason else ""),
                    facts=(
                        ("target_kind", closure.target_kind),
                        ("target", closure.target),
                        ("start", closure.start),
                        ("end", closure.end),
                        ("reason", closure.reason),
                    ),
                )
            )
        return reasons

    def country_verdict(
        self,
        arc: Arc,
        country: str,
        cargo_class: str,
        direction: str,
        on: dt.date,
        shipper: tuple[str, ...],
    ) -> tuple[Permit | None, Reason | None]:
        """The permit for crossing ``country`` on ``arc``, or the reason there is none: a
        prohibition, or no agreement (naming the nearest miss and what it lacks)."""
        permit, deny = self.deciding(country, arc.mode, cargo_class, direction, on, shipper)
        what = f"{cargo_class} cargo by {arc.mode} through {country} ({direction})"
        cargo = (("mode", arc.mode), ("cargo_class", cargo_class), ("direction", direction))
        if deny is not None:
            return None, Reason(
                "prohibited",
                arc.code,
                country,
                deny.code,
                f"{arc.code}: {deny.code} prohibits {what} from "
                f"{deny.valid_from.isoformat()}"
                + (f"; it contradicts {permit.code}" if permit else ""),
                facts=(
                    *cargo,
                    ("start", deny.valid_from),
                    ("contradicts", permit.code if permit else None),
                ),
            )
        if permit is None:
            near, lacks = self.nearest(country, arc.mode, cargo_class, direction, on, shipper)
            message = f"{arc.code}: no agreement permits {what} on {on.isoformat()}"
            if near is not None:
                message += f"; {near.code} " + "; ".join(_lack_text(lack) for lack in lacks)
            return None, Reason(
                "no_agreement",
                arc.code,
                country,
                near.code if near else None,
                message,
                facts=(*cargo, ("on", on), ("lacks", lacks)),
            )
        return Permit(arc.code, country, permit.code, permit.parties), None


def _lack_text(lack: tuple) -> str:
    """What the nearest agreement lacks, in the engine's own English (its messages and logs)."""
    kind, *values = lack
    if kind == "modes":
        return f"covers {'/'.join(values[0]) or 'no mode'} only"
    if kind == "cargo_classes":
        return f"covers {'/'.join(values[0]) or 'no'} cargo only"
    if kind == "directions":
        return f"covers {'/'.join(values[0]) or 'no direction'} only"
    if kind == "dates":
        start, end = values
        return f"is in force {start.isoformat()}..{end.isoformat() if end else 'open'} only"
    return f"benefits {'/'.join(values[0])} only"


def permitting_agreement(
    network: Network,
    country: str,
    mode: str,
    cargo_class: str,
    direction: str,
    on: dt.date,
    shipper: tuple[str, ...] = (),
) -> Agreement | None:
    """The agreement that permits ``cargo_class`` by ``mode`` through ``country`` on ``on``.

    ``None`` if none does or a prohibition applies. Exempt countries are not special-cased here:
    ask :func:`countries_needing_agreement` first.
    """
    permit, deny = AgreementIndex(network).deciding(
        country, mode, cargo_class, direction, on, shipper
    )
    return None if deny is not None else permit


def _overlap(a: Agreement, b: Agreement) -> tuple[dt.date, dt.date | None] | None:
    start = max(a.valid_from, b.valid_from)
    ends = [e for e in (a.valid_to, b.valid_to) if e is not None]
    end = min(ends) if ends else None
    if end is not None and end < start:
        return None
    return start, end


def agreement_conflicts(
    agreements: tuple[Agreement, ...] | list[Agreement],
) -> tuple[Conflict, ...]:
    """Pairs of agreements that contradict each other for the same scope on overlapping dates.

    Scope = country x mode x cargo class x direction. A contradiction is a permit against a
    prohibition, or two permits with different caps (unit or amount) that would both bind.
    Agreements for different beneficiaries (disjoint non-empty ``parties``) never conflict
    unless one of them is a prohibition, which binds everyone.
    """
    found: list[Conflict] = []
    for a, b in combinations(sorted(agreements, key=lambda x: x.code), 2):
        window = _overlap(a, b)
        if window is None:
            continue
        both_permit = a.effect == b.effect == "permit"
        if a.effect == b.effect == "deny":
            continue
        if both_permit:
            if a.cap is None or b.cap is None or a.cap == b.cap:
                continue
            if a.parties and b.parties and not set(a.parties) & set(b.parties):
                continue
            kind = "different_caps"
        else:
            kind = "permit_vs_deny"
        for country in sorted(set(a.countries) & set(b.countries)):
            for mode in sorted(set(a.modes) & set(b.modes)):
                for cargo in sorted(set(a.cargo_classes) & set(b.cargo_classes)):
                    for direction in sorted(set(a.directions) & set(b.directions)):
                        if kind == "permit_vs_deny":
                            deny, permit = (a, b) if a.effect == "deny" else (b, a)
                            message = (
                                f"{deny.code} prohibits what {permit.code} permits: {cargo} by "
                                f"{mode} through {country} ({direction})"
                            )
                        else:
                            message = (
                                f"{a.code} caps {cargo} by {mode} through {country} at "
                                f"{a.cap.amount:g} {a.cap.unit}, {b.code} at "
                                f"{b.cap.amount:g} {b.cap.unit}"
                            )
                        found.append(
                            Conflict(
                                a.code,
                                b.code,
                                country,
                                mode,
                                cargo,
                                direction,
                                window[0],
                                window[1],
                                kind,
                                message,
                            )
                        )
    return tuple(found)
