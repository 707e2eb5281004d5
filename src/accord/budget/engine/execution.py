"""Budget execution over the ministry → programme → sub-programme → budget line tree.

Plain data in, plain results out (no Django). Amounts are integers in minor units of one
currency (the caller converts first); a roll-up never mixes currencies.

- :func:`execution_rate` is expenditure over allotment, exact to four decimals (``0.8125`` is
  81.25 %), ``None`` when nothing was allotted; above 1 means overspending.
- :func:`roll_up` sums budget lines into the tree; every node's figures are the sum of its
  leaves, and the grand total the sum of everything.
- :func:`monthly_execution` spreads dated expenditures over the solar months of a fiscal year
  for the execution-by-month report.
- :func:`pledge_coverage` compares a pledge per year (the Chicago sustainment pledge) with the
  funding actually received.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

from accord.budget.engine.calendar import FiscalYear, SolarMonth

LEVELS = ("ministry", "programme", "subprogramme", "line")

_RATE_PLACES = 4


def _check_amount(value: object, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be an integer amount in minor units, not {value!r}")
    if value < 0:
        raise ValueError(f"{what} cannot be negative ({value})")


def execution_rate(allotted: int, expended: int) -> Decimal | None:
    """``expended / allotted`` rounded half-even to four decimals; ``None`` if ``allotted`` is 0.

    Both are non-negative integers (minor units). The result is exact whatever their size.

    >>> execution_rate(800, 650)
    Decimal('0.8125')
    >>> execution_rate(0, 10) is None
    True
    """
    _check_amount(allotted, "the allotment")
    _check_amount(expended, "the expenditure")
    if allotted == 0:
        return None
    scale = 10**_RATE_PLACES
    quotient, remainder = divmod(expended * scale, allotted)
    if remainder * 2 > allotted or (remainder * 2 == allotted and quotient % 2 == 1):
        quotient += 1
    return Decimal(quotient).scaleb(-_RATE_PLACES)


@dataclass(frozen=True)
class Figures:
    """The four budget figures of a line or a group, in minor units."""

    requirement: int = 0
    allotment: int = 0
    commitment: int = 0
    expenditure: int = 0

    def __post_init__(self) -> None:
        for f in fields(self):
            _check_amount(getattr(self, f.name), f.name)

    def __add__(self, other: Figures) -> Figures:
        if not isinstance(other, Figures):
            return NotImplemented
        return Figures(
            self.requirement + other.requirement,
            self.allotment + other.allotment,
            self.commitment + other.commitment,
            self.expenditure + other.expenditure,
        )

    @property
    def execution_rate(self) -> Decimal | None:
        """Expenditure over allotment (see :func:`execution_rate`)."""
        return execution_rate(self.allotment, self.expenditure)

    @property
    def commitment_rate(self) -> Decimal | None:
        """Commitment over allotment."""
        return execution_rate(self.allotment, self.commitment)

    @property
    def unfunded(self) -> int:
        """Requirement not covered by the allotment (0 when fully allotted)."""
        return max(self.requirement - self.allotment, 0)


@dataclass(frozen=True)
class BudgetLineFigures:
    """The figures of one budget line, located by the codes of its ancestors."""

    ministry: str
    programme: str
    subprogramme: str
    line: str
    figures: Figures

    @property
    def path(self) -> tuple[str, str, str, str]:
        return (self.ministry, self.programme, self.subprogramme, self.line)


@dataclass(frozen=True)
class RollupNode:
    """A ministry, programme, sub-programme or budget line with its summed figures."""

    level: str
    path: tuple[str, ...]
    name: str
    figures: Figures
    children: tuple[RollupNode, ...] = ()

    @property
    def code(self) -> str:
        return self.path[-1]

    @property
    def execution_rate(self) -> Decimal | None:
        return self.figures.execution_rate

    def walk(self) -> Iterator[RollupNode]:
        """This node and every descendant, depth first, children in code order."""
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass(frozen=True)
class Rollup:
    """The whole tree: one node per ministry, and the grand total."""

    total: Figures
    ministries: tuple[RollupNode, ...]

    @property
    def execution_rate(self) -> Decimal | None:
        return self.total.execution_rate

    def walk(self) -> Iterator[RollupNode]:
        for ministry in self.ministries:
            yield from ministry.walk()

    def node(self, *path: str) -> RollupNode:
        """The node at ``path`` (``roll.node("MOD", "P1")``); ``KeyError`` if absent."""
        nodes = self.ministries
        found: RollupNode | None = None
        for code in path:
            found = next((n for n in nodes if n.code == code), None)
            if found is None:
                raise KeyError(path)
            nodes = found.children
        if found is None:
            raise KeyError(path)
        return found


def roll_up(
    lines: Iterable[BudgetLineFigures],
    names: Mapping[tuple[str, ...], str] | None = None,
) -> Rollup:
    """Sum budget lines up the tree. Lines with the same path are added together.

    ``names`` maps a path (``("MOD",)``, ``("MOD", "P1")``...) to a display name; the code is
    used where it has none. Children are sorted by code, so the result is deterministic.
    """
    names = names or {}
    leaves: dict[tuple[str, ...], Figures] = defaultdict(Figures)
    for line in lines:
        for code in line.path:
            if not code:
                raise ValueError(f"budget line {line.path!r} has an empty code")
        leaves[line.path] += line.figures

    def build(prefix: tuple[str, ...]) -> RollupNode:
        depth = len(prefix)
        if depth == len(LEVELS):
            return RollupNode(LEVELS[-1], prefix, names.get(prefix, prefix[-1]), leaves[prefix])
        codes = sorted({path[depth] for path in leaves if path[:depth] == prefix})
        children = tuple(build((*prefix, code)) for code in codes)
        total = sum((child.figures for child in children), Figures())
        return RollupNode(LEVELS[depth - 1], prefix, names.get(prefix, prefix[-1]), total, children)

    ministries = tuple(build((code,)) for code in sorted({path[0] for path in leaves}))
    total = sum((m.figures for m in ministries), Figures())
    return Rollup(total, ministries)


@dataclass(frozen=True)
class MonthExecution:
    """One solar month of a fiscal year: what was spent in it and since the year began."""

    month: SolarMonth
    expended: int
    cumulative: int
    cumulative_rate: Decimal | None


def monthly_execution(
    fiscal_year: FiscalYear,
    allotment: int,
    expenditures: Iterable[tuple[date, int]],
) -> tuple[MonthExecution, ...]:
    """Expenditure per solar month of ``fiscal_year`` and the cumulative execution rate.

    Every expenditure must fall inside the fiscal year (``ValueError`` otherwise): filter by
    ``fiscal_year.start`` / ``fiscal_year.end`` first.
    """
    _check_amount(allotment, "the allotment")
    per_month: dict[str, int] = defaultdict(int)
    for day, amount in expenditures:
        _check_amount(amount, "an expenditure")
        per_month[fiscal_year.month_of(day).key] += amount
    rows = []
    cumulative = 0
    for month in fiscal_year.months:
        spent = per_month.get(month.key, 0)
        cumulative += spent
        rows.append(MonthExecution(month, spent, cumulative, execution_rate(allotment, cumulative)))
    return tuple(rows)


@dataclass(frozen=True)
class YearCoverage:
    """A pledge for one year against the funding actually received for it."""

    year: int
    pledged: int
    funded: int

    @property
    def gap(self) -> int:
        """Pledged but not funded (negative when funding exceeded the pledge)."""
        return self.pledged - self.funded

    @property
    def rate(self) -> Decimal | None:
        """Funded over pledged; ``None`` when nothing was pledged."""
        return execution_rate(self.pledged, self.funded)


def pledge_coverage(
    pledged: Mapping[int, int], funded: Mapping[int, int]
) -> tuple[YearCoverage, ...]:
    """Year by year coverage of a pledge, for every year in either mapping, in order."""
    for year, amount in (*pledged.items(), *funded.items()):
        _check_amount(amount, f"the amount for {year}")
    years = sorted(set(pledged) | set(funded))
    return tuple(YearCoverage(y, pledged.get(y, 0), funded.get(y, 0)) for y in years)
