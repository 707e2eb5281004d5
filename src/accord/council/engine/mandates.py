"""Legal bases, preconditions and participation: pure rules over plain records.

A legal basis is valid on a day when it is in force on that day (from entry into force, else
ratification, else signature; until expiry or revocation, whichever comes first) and its scope
(kinds of activity, territories, cargo classes; empty means any) covers what is asked.

A member takes part in a joint action unless, for the action's period, its practical
cooperation is suspended or a precondition it declared is unmet (for example, that the action
needs a UN Security Council mandate); either way it is shown with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta


@dataclass(frozen=True)
class Basis:
    code: str
    kind: str
    signed: date | None = None
    ratified: date | None = None
    in_force: date | None = None
    expires: date | None = None
    revoked: date | None = None
    activity_kinds: tuple[str, ...] = ()
    territories: tuple[str, ...] = ()
    cargo_classes: tuple[str, ...] = ()

    @property
    def starts(self) -> date | None:
        return self.in_force or self.ratified or self.signed

    @property
    def ends(self) -> date | None:
        """The last day it is valid, or None when open-ended."""
        last = [d - timedelta(days=1) for d in (self.revoked,) if d] + [
            d for d in (self.expires,) if d
        ]
        return min(last) if last else None


def in_force_on(basis: Basis, day: date) -> bool:
    starts, ends = basis.starts, basis.ends
    return starts is not None and starts <= day and (ends is None or day <= ends)


def covers(
    basis: Basis,
    *,
    activity_kind: str | None = None,
    territory: str | None = None,
    cargo_class: str | None = None,
) -> bool:
    def fits(allowed: tuple[str, ...], wanted: str | None) -> bool:
        return wanted is None or not allowed or wanted in allowed

    return (
        fits(basis.activity_kinds, activity_kind)
        and fits(basis.territories, territory)
        and fits(basis.cargo_classes, cargo_class)
    )


def valid_for(
    basis: Basis,
    *,
    on: date,
    until: date | None = None,
    activity_kind: str | None = None,
    territory: str | None = None,
    cargo_class: str | None = None,
) -> bool:
    """In force from ``on`` through ``until`` (or on ``on`` alone) and covering the scope."""
    if not in_force_on(basis, on):
        return False
    if until is not None and basis.ends is not None and basis.ends < until:
        return False
    return covers(basis, activity_kind=activity_kind, territory=territory, cargo_class=cargo_class)


@dataclass(frozen=True)
class Suspension:
    """A period in which a member's practical cooperation (in one area, or all) is suspended."""

    member: str
    start: date
    end: date | None = None
    area: str = ""  # empty: every area
    reason: str = ""

    def overlaps(self, start: date, end: date | None, area: str) -> bool:
        if self.area and area and self.area != area:
            return False
        return (self.end is None or start is None or self.end >= start) and (
            end is None or self.start <= end
        )


@dataclass(frozen=True)
class Precondition:
    """A member's declared condition for taking part, e.g. a UN Security Council mandate."""

    member: str
    requires_kind: str  # a legal-basis kind that must be among the action's bases
    area: str = ""
    reason: str = ""


@dataclass(frozen=True)
class Participation:
    """Whether a member takes part; if not, why: ``reason`` in plain English, and the suspension
    or unmet precondition itself, from which a page words the reason in its reader's language."""

    member: str
    participating: bool
    reason: str = ""
    suspension: Suspension | None = None
    precondition: Precondition | None = None


@dataclass(frozen=True)
class Action:
    start: date | None
    end: date | None
    area: str = ""
    basis_kinds: frozenset[str] = field(default_factory=frozenset)


def participation(
    members: list[str],
    action: Action,
    suspensions: list[Suspension],
    preconditions: list[Precondition],
) -> list[Participation]:
    """Who takes part in ``action`` and, for those who do not, why not."""
    result = []
    for member in members:
        reason = ""
        suspended = unmet = None
        for s in suspensions:
            if (
                s.member == member
                and action.start
                and s.overlaps(action.start, action.end, action.area)
            ):
                since = (
                    f"since {s.start:%d %B %Y}"
                    if s.end is None
                    else (f"from {s.start:%d %B %Y} to {s.end:%d %B %Y}")
                )
                reason = f"practical cooperation suspended {since}" + (
                    f": {s.reason}" if s.reason else ""
                )
                suspended = s
                break
        if not reason:
            for p in preconditions:
                if p.member != member or (p.area and action.area and p.area != action.area):
                    continue
                if p.requires_kind not in action.basis_kinds:
                    reason = f"precondition unmet: needs a legal basis of kind {p.requires_kind}"
                    reason += f" ({p.reason})" if p.reason else ""
                    unmet = p
                    break
        result.append(Participation(member, not reason, reason, suspended, unmet))
    return result


def agenda_item_adopted(objections: int) -> bool:
    """An agenda is adopted by consensus: an item with any objection stays off it."""
    return objections == 0
