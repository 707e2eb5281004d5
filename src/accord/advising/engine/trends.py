"""Milestone ratings over time, as trends per group (a ministry, a spoke): pure Python.

A milestone keeps its latest rating until it is rated again, so the state of a group at the end
of a month is the mean of the latest rating of each of its milestones rated by then. One sweep
over the ratings in date order, carrying each milestone's current score and each group's sum and
count, gives every month's mean in O(n log n + months × groups), whatever the number of
milestones: the trend of six years of monthly ratings of thousands of milestones is computed in
one pass.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from dataclasses import dataclass
from datetime import date
from operator import itemgetter
from typing import NamedTuple


class RatingPoint(NamedTuple):
    """One rating as the trend reads it: which milestone, in which group, on which day, what.
    A tuple, so that a database row becomes one without a copy of its fields."""

    milestone: Hashable
    group: Hashable
    day: date
    score: int


@dataclass(frozen=True)
class TrendPoint:
    month_end: date
    mean: float  # the mean of the latest ratings of the group's milestones rated by month_end
    milestones: int  # how many milestones it averages


def month_end(day: date) -> date:
    """The last day of ``day``'s month."""
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return date.fromordinal(following.toordinal() - 1)


def month_ends(first: date, last: date) -> list[date]:
    """The last day of every month from ``first``'s to ``last``'s, in order."""
    ends, day = [], month_end(first)
    while day <= month_end(last):
        ends.append(day)
        day = month_end(date.fromordinal(day.toordinal() + 1))
    return ends


def trends(ratings: Iterable[RatingPoint]) -> dict[Hashable, list[TrendPoint]]:
    """Each group's monthly trend, from the month of its first rating to the last month rated.

    A milestone belongs to one group; a second rating on the same day replaces the first (the
    last one given wins, as the database keeps one a day).
    """
    ordered = sorted(ratings, key=itemgetter(2))  # by day; stable, so a day's last rating wins
    if not ordered:
        return {}
    current: dict[Hashable, tuple[Hashable, int]] = {}  # milestone -> (group, score)
    sums: dict[Hashable, int] = {}
    counts: dict[Hashable, int] = {}
    result: dict[Hashable, list[TrendPoint]] = {}
    index = 0
    for end in month_ends(ordered[0].day, ordered[-1].day):
        while index < len(ordered) and ordered[index].day <= end:
            rating = ordered[index]
            previous = current.get(rating.milestone)
            if previous is None:
                counts[rating.group] = counts.get(rating.group, 0) + 1
            else:
                sums[previous[0]] -= previous[1]
            sums[rating.group] = sums.get(rating.group, 0) + rating.score
            current[rating.milestone] = (rating.group, rating.score)
            index += 1
        for group, count in counts.items():
            result.setdefault(group, []).append(
                TrendPoint(end, round(sums[group] / count, 2), count)
            )
    return result
