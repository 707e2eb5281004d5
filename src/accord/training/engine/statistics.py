"""Training statistics as pure arithmetic over counted rows: trained per year, nation and
course, the cumulative count against a programme's targets, and the cost per graduate by donor.

The selectors count in the database (one grouped query each) and hand plain rows here, so the
rules (what counts as trained, how a donor's cost per graduate is worked out) are tested
without a database and stay the same for the page, the API, the exports and the IATI results.

Trained means: a named trainee who passed, counted in the year their session ended; plus, for a
session known only by its reported figures, its ``trained`` count, which names no nation
(``nation`` is ``None``).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True)
class Trained:
    """How many one session trained of one nation (``None``: reported without nations)."""

    session: int
    programme: str
    course: str
    ends: date
    nation: str | None
    count: int
    estimated: bool = False


@dataclass(frozen=True)
class Goal:
    """A programme's target (or reported figure) by a day, for one nation or all."""

    code: str
    programme: str
    kind: str
    due: date
    value: int
    nation: str | None = None
    since: date | None = None
    note: str = ""


@dataclass(frozen=True)
class GoalReached:
    goal: Goal
    trained: int

    @property
    def share(self) -> float:
        """Trained as a share of the target (1.0: reached)."""
        return self.trained / self.goal.value if self.goal.value else 1.0


@dataclass(frozen=True)
class Paid:
    """What one donor gave towards one session, in one currency."""

    session: int
    donor: str
    currency: str
    amount_minor: int


@dataclass(frozen=True)
class DonorCost:
    """A donor's money towards sessions that have graduates, per graduate of those sessions."""

    donor: str
    currency: str
    amount_minor: int
    sessions: int
    graduates: int

    @property
    def per_graduate_minor(self) -> int:
        return round(self.amount_minor / self.graduates)


@dataclass(frozen=True)
class Report:
    years: list[tuple[int, dict[str | None, int], int]]  # (year, by nation, total)
    nations: list[tuple[str | None, int]]  # most trained first; None: not given
    courses: list[tuple[str, str, int]]  # (programme, course, trained)
    cumulative: list[tuple[date, int, bool]]  # year ends: (day, trained so far, estimated)
    goals: list[GoalReached]
    costs: list[DonorCost]
    total: int


def by_year(rows: list[Trained]) -> list[tuple[int, dict[str | None, int], int]]:
    years: dict[int, dict[str | None, int]] = defaultdict(lambda: defaultdict(int))
    for row in rows:
        years[row.ends.year][row.nation] += row.count
    return [(y, dict(years[y]), sum(years[y].values())) for y in sorted(years)]


def by_nation(rows: list[Trained]) -> list[tuple[str | None, int]]:
    nations: dict[str | None, int] = defaultdict(int)
    for row in rows:
        nations[row.nation] += row.count
    # Most trained first; "not given" last, then by name for equal counts.
    return sorted(nations.items(), key=lambda kv: (kv[0] is None, -kv[1], kv[0] or ""))


def by_course(rows: list[Trained]) -> list[tuple[str, str, int]]:
    courses: dict[tuple[str, str], int] = defaultdict(int)
    for row in rows:
        courses[(row.programme, row.course)] += row.count
    return [(p, c, n) for (p, c), n in sorted(courses.items())]


def cumulative(rows: list[Trained]) -> list[tuple[date, int, bool]]:
    """Trained so far at each year's end (a year is estimated if any of its sessions is)."""
    years: dict[int, list] = defaultdict(lambda: [0, False])
    for row in rows:
        years[row.ends.year][0] += row.count
        years[row.ends.year][1] |= row.estimated
    running, points = 0, []
    for year in sorted(years):
        running += years[year][0]
        points.append((date(year, 12, 31), running, years[year][1]))
    return points


def reached(goal: Goal, rows: list[Trained]) -> GoalReached:
    """How many the goal's programme trained of its nation (or of all) by its day."""
    trained = sum(
        row.count
        for row in rows
        if row.programme == goal.programme
        and row.ends <= goal.due
        and (goal.since is None or row.ends >= goal.since)
        and (goal.nation is None or row.nation == goal.nation)
    )
    return GoalReached(goal, trained)


def donor_costs(paid: list[Paid], rows: list[Trained]) -> list[DonorCost]:
    """Per donor and currency: what it gave towards sessions that trained someone, divided by
    how many those sessions trained. Money towards a session with no graduate yet (still
    running, or all failed) waits until it has some, so a running session does not inflate
    the figure."""
    graduates: dict[int, int] = defaultdict(int)
    for row in rows:
        graduates[row.session] += row.count
    totals: dict[tuple[str, str], list] = defaultdict(lambda: [0, set()])
    for p in paid:
        if graduates.get(p.session):
            totals[(p.donor, p.currency)][0] += p.amount_minor
            totals[(p.donor, p.currency)][1].add(p.session)
    return [
        DonorCost(donor, currency, amount, len(sessions), sum(graduates[s] for s in sessions))
        for (donor, currency), (amount, sessions) in sorted(totals.items())
    ]


def report(rows: list[Trained], goals: list[Goal], paid: list[Paid]) -> Report:
    return Report(
        years=by_year(rows),
        nations=by_nation(rows),
        courses=by_course(rows),
        cumulative=cumulative(rows),
        goals=[reached(g, rows) for g in sorted(goals, key=lambda g: (g.programme, g.due))],
        costs=donor_costs(paid, rows),
        total=sum(row.count for row in rows),
    )
