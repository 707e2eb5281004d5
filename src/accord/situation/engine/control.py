"""Control claims side by side: each assessor's latest word on a district as of a day, whether
the assessors disagree, and whether a claim is stale. Assessors are never merged into one truth.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

# A claim older than this before the day asked about says little of that day (RS assessed
# districts quarterly; the Long War Journal updated its map every few months).
STALE_AFTER = timedelta(days=180)
UNKNOWN = "unknown"


@dataclass(frozen=True)
class Claim:
    district: str
    assessor: str
    status: str
    as_of: date
    ref: object = None  # the stored record, carried through for the page


@dataclass(frozen=True)
class Standing:
    """One district as of a day: each assessor's latest claim, and what they say together."""

    district: str
    latest: dict[str, Claim]
    stale: frozenset[str]  # assessors whose latest claim is stale
    disagree: bool


def standing(claims: Iterable[Claim], *, as_of: date) -> dict[str, Standing]:
    """Every district with a claim on or before ``as_of``: the assessors' latest claims."""
    latest: dict[str, dict[str, Claim]] = {}
    for claim in claims:
        if claim.as_of > as_of:
            continue
        mine = latest.setdefault(claim.district, {})
        known = mine.get(claim.assessor)
        if known is None or claim.as_of > known.as_of:
            mine[claim.assessor] = claim
    return {
        district: Standing(
            district=district,
            latest=by_assessor,
            stale=frozenset(a for a, c in by_assessor.items() if as_of - c.as_of > STALE_AFTER),
            disagree=disagree(by_assessor.values()),
        )
        for district, by_assessor in latest.items()
    }


def disagree(claims: Iterable[Claim]) -> bool:
    """Whether two assessors say different things (an assessor saying "unknown" says nothing)."""
    said = {c.status for c in claims if c.status != UNKNOWN}
    return len(said) > 1
