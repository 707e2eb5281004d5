"""The ECB's euro foreign exchange reference rates, read from the CSV files it publishes.

Two shapes, one reader: the day's file (``eurofxref.csv``: a header ``Date, USD, JPY, ...`` and
one row dated ``28 November 2025``) and the history (``eurofxref-hist.csv``: the same header and a
row per day dated ``2025-11-28``, ``N/A`` where a currency was not quoted). Both end each line
with a comma. Rates are units of the currency per euro, as Accord keeps them.

Everything is checked before anything is kept: the problems come back named by line, and the
caller stores all the rates or none. Currencies Accord does not keep books in, and days before
the mission's history, are left out and counted, not refused: they are the ECB's, not errors.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation

from accord.l10n import gettext as _

MOST_PROBLEMS = 20  # named one by one; the rest are counted
NOT_QUOTED = {"", "N/A", "NA", "-"}
MOST_PER_EUR = Decimal(10) ** 9


@dataclass
class EcbRates:
    """What a file holds: the rates to keep, what was left out, and the problems by line."""

    rates: list[tuple[str, date, Decimal]] = field(default_factory=list)
    left_out_currencies: list[str] = field(default_factory=list)
    days_before: int = 0
    problems: list[str] = field(default_factory=list)
    more_problems: int = 0

    def problem(self, line: int, message: str) -> None:
        if len(self.problems) < MOST_PROBLEMS:
            self.problems.append(
                _("Line %(line)s: %(problem)s") % {"line": line, "problem": message}
            )
        else:
            self.more_problems += 1

    @property
    def days(self) -> list[date]:
        return sorted({day for _currency, day, _rate in self.rates})


def _day(text: str) -> date | None:
    for shape in ("%Y-%m-%d", "%d %B %Y"):
        try:
            return datetime.strptime(text, shape).date()
        except ValueError:
            continue
    return None


def _rate(text: str) -> Decimal | None:
    try:
        value = Decimal(text)
    except InvalidOperation:
        return None
    if not value.is_finite() or value <= 0 or value >= MOST_PER_EUR:
        return None
    if value != value.quantize(Decimal("1e-8")):
        return None
    return value


def read_ecb_csv(
    data: bytes, *, known: Collection[str], first_day: date, last_day: date
) -> EcbRates:
    """The rates of an ECB reference-rate CSV file, checked line by line (see the module)."""
    found = EcbRates()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        found.problem(1, _("the file is not text in UTF-8: upload the ECB's CSV file as it is."))
        return found
    rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]
    rows = [(number, row) for number, row in enumerate(rows, start=1) if any(row)]
    if not rows:
        found.problem(1, _("the file is empty."))
        return found
    header_line, header = rows[0]
    while header and header[-1] == "":
        header.pop()  # the ECB ends each line with a comma
    if not header or header[0].lower() != "date":
        found.problem(
            header_line,
            _(
                "the first line must be the ECB's header: Date, then the currencies "
                "(USD, JPY, ...)."
            ),
        )
        return found
    currencies = header[1:]
    for code in currencies:
        if len(code) != 3 or not code.isalpha() or not code.isupper():
            found.problem(
                header_line, _("%(code)s is not a three-letter currency code.") % {"code": code}
            )
    if len(set(currencies)) != len(currencies) or "EUR" in currencies:
        found.problem(header_line, _("a currency appears twice, or EUR is quoted against itself."))
    if found.problems:
        return found
    found.left_out_currencies = sorted(c for c in currencies if c not in known)
    seen: dict[date, int] = {}
    for number, row in rows[1:]:
        while len(row) > len(header) and row[-1] == "":
            row.pop()
        if len(row) != len(header):
            found.problem(
                number,
                _("%(found)s values where the header names %(expected)s.")
                % {"found": len(row), "expected": len(header)},
            )
            continue
        day = _day(row[0])
        if day is None:
            found.problem(
                number,
                _("'%(text)s' is not a date (2025-11-28 or 28 November 2025).") % {"text": row[0]},
            )
            continue
        if day in seen:
            found.problem(
                number,
                _("the day %(day)s is already on line %(other)s.")
                % {"day": day.isoformat(), "other": seen[day]},
            )
            continue
        seen[day] = number
        if day > last_day:
            found.problem(
                number,
                _("%(day)s is in the future: a rate is recorded once it is published.")
                % {"day": day.isoformat()},
            )
            continue
        if day < first_day:
            found.days_before += 1
            continue
        for code, cell in zip(currencies, row[1:], strict=True):
            if cell.upper() in NOT_QUOTED:
                continue
            rate = _rate(cell)
            if rate is None:
                found.problem(
                    number,
                    _(
                        "'%(text)s' is not a rate for %(code)s (a positive number of units per "
                        "euro)."
                    )
                    % {"text": cell, "code": code},
                )
            elif code not in found.left_out_currencies:
                found.rates.append((code, day, rate))
    if not found.problems and not found.rates:
        found.problem(header_line, _("the file holds no rate of a currency Accord keeps."))
    return found
