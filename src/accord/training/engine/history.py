"""Sessions reconstructed from cumulative figures: what a programme's reports say was trained
by each date, spread over the calendar years between them, so that the statistics per year add
up to the reported totals exactly.

``[(2006-09-15, 44), (2007-03-31, 120), ...]`` (the cumulative count at each date) gives one
block per calendar year of each interval, its count in proportion to the interval's days in
that year (largest remainders, so the counts are whole and the total is kept).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta


@dataclass(frozen=True)
class Block:
    starts: date
    ends: date
    trained: int


def _years(starts: date, ends: date) -> list[tuple[date, date]]:
    spans, day = [], starts
    while day <= ends:
        last = min(date(day.year, 12, 31), ends)
        spans.append((day, last))
        day = last + timedelta(days=1)
    return spans


def _shares(total: int, weights: list[int]) -> list[int]:
    whole = sum(weights)
    exact = [total * w / whole for w in weights]
    counts = [int(x) for x in exact]
    order = sorted(range(len(weights)), key=lambda i: exact[i] - counts[i], reverse=True)
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def reconstruct(first_day: date, cumulative: list[tuple[date, int]]) -> list[Block]:
    """Blocks from ``first_day`` through each reported date, never empty, totals kept."""
    blocks, start, before = [], first_day, 0
    for as_of, count in sorted(cumulative):
        if count < before:
            raise ValueError(f"cumulative figures fall at {as_of}: {count} after {before}")
        if as_of < start:
            raise ValueError(f"{as_of} comes before the figures it follows")
        spans = _years(start, as_of)
        weights = [(b - a).days + 1 for a, b in spans]
        for (a, b), n in zip(spans, _shares(count - before, weights), strict=True):
            if n:
                blocks.append(Block(a, b, n))
        start, before = as_of + timedelta(days=1), count
    return blocks
