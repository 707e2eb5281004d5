"""Dated exchange rates and conversion between the currencies of a trust fund's books.

Amounts are integer minor units (see :mod:`accord.money`, which keeps the ISO 4217 exponents,
parsing and formatting for every app); here only the rates of a day and the conversion at them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal

from accord.errors import Code
from accord.l10n import format_day
from accord.l10n import gettext as _
from accord.money import MoneyError, exponent, from_minor, round_minor

#: An exchange rate older than this is not used for a date: record a newer one.
RATE_MAX_AGE = timedelta(days=366)


@dataclass(frozen=True)
class Rate:
    """Units of ``currency`` for one euro on ``day`` (the ECB's way of quoting)."""

    currency: str
    day: date
    per_eur: Decimal


class RateMissing(MoneyError):
    def __init__(self, currency: str, day: date):
        super().__init__(
            _(
                "No exchange rate for %(currency)s on or within a year before %(day)s; record "
                "the rate for that date first."
            )
            % {"currency": currency, "day": format_day(day)},
            Code.EXCHANGE_RATE_MISSING,
            field="day",
        )
        self.currency = currency
        self.day = day


def pick_rate(rates: list[Rate], currency: str, day: date) -> Decimal:
    """The newest rate of ``currency`` on or before ``day`` (not older than RATE_MAX_AGE)."""
    if currency == "EUR":
        return Decimal(1)
    best = None
    for rate in rates:
        if rate.currency == currency and rate.day <= day and (best is None or rate.day > best.day):
            best = rate
    if best is None or day - best.day > RATE_MAX_AGE:
        raise RateMissing(currency, day)
    return best.per_eur


def convert_minor(minor: int, source: str, target: str, day: date, rates: list[Rate]) -> int:
    """Convert minor units between currencies at the rates of ``day`` (half-even rounding)."""
    if source == target:
        return minor
    exponent(source)
    exponent(target)
    eur = from_minor(minor, source) / pick_rate(rates, source, day)
    major = eur * pick_rate(rates, target, day)
    return round_minor(major.scaleb(exponent(target)))


def share_half_even(whole: int, part: int, of: int) -> int:
    """``whole × part / of`` in integers, rounded half to even (no Decimal context involved, so
    no figure is rounded on the way): the booked value of part of a pledge."""
    if of <= 0:
        raise ValueError("share of a non-positive whole")
    quotient, rest = divmod(whole * part, of)
    twice = 2 * rest
    if twice > of or (twice == of and quotient % 2):
        quotient += 1
    return quotient
