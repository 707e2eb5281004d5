"""Currencies and money in integer minor units (ISO 4217), and dated exchange rates.

Amounts are kept as integers of the currency's minor unit (cents for EUR and USD, none for JPY),
so sums never round. The exponent comes from the ISO 4217 table below; a code not in it is an
unknown currency and is refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

from accord.errors import Code

# ISO 4217 active codes and their minor-unit exponents (the currencies a trust fund meets).
ISO_4217: dict[str, int] = {
    "AED": 2,
    "AFN": 2,
    "AMD": 2,
    "AUD": 2,
    "AZN": 2,
    "BGN": 2,
    "BHD": 3,
    "BYN": 2,
    "CAD": 2,
    "CHF": 2,
    "CNY": 2,
    "CZK": 2,
    "DKK": 2,
    "EUR": 2,
    "GBP": 2,
    "GEL": 2,
    "HUF": 2,
    "INR": 2,
    "IQD": 3,
    "ISK": 0,
    "JOD": 3,
    "JPY": 0,
    "KGS": 2,
    "KRW": 0,
    "KWD": 3,
    "KZT": 2,
    "MKD": 2,
    "MNT": 2,
    "NOK": 2,
    "NZD": 2,
    "OMR": 3,
    "PKR": 2,
    "PLN": 2,
    "RON": 2,
    "RSD": 2,
    "RUB": 2,
    "SAR": 2,
    "SEK": 2,
    "TJS": 2,
    "TMT": 2,
    "TRY": 2,
    "UAH": 2,
    "USD": 2,
    "UZS": 2,
    "XDR": -1,
}
# XDR has no minor unit in ISO 4217 ("N.A."); Accord does not keep money in it.
ISO_4217.pop("XDR")

#: The largest amount Accord keeps, in minor units (well inside a 64-bit integer, so that sums
#: of many amounts cannot overflow the database's BIGINT).
MAX_MINOR = 10**15

#: An exchange rate older than this is not used for a date: record a newer one.
RATE_MAX_AGE = timedelta(days=366)


class MoneyError(ValueError):
    """Bad money input; ``code`` is stable (``unknown_currency``, ``amount_not_positive``...)."""

    def __init__(self, message: str, code: Code):
        super().__init__(message)
        self.code = code


def exponent(currency: str) -> int:
    """The minor-unit exponent of an ISO 4217 code; ``MoneyError`` for an unknown one."""
    try:
        return ISO_4217[currency]
    except (KeyError, TypeError):
        raise MoneyError(
            f"{currency!r} is not an ISO 4217 currency Accord knows; use a three-letter code "
            "such as EUR or USD.",
            Code.UNKNOWN_CURRENCY,
        ) from None


def to_minor(amount: Decimal | str | int, currency: str) -> int:
    """A positive amount in major units as an integer of minor units, refusing sub-minor digits."""
    exp = exponent(currency)
    try:
        value = Decimal(str(amount))
    except InvalidOperation:
        raise MoneyError(f"{amount!r} is not a number.", Code.AMOUNT_INVALID) from None
    if not value.is_finite():
        raise MoneyError(f"{amount!r} is not a number.", Code.AMOUNT_INVALID)
    if value <= 0:
        raise MoneyError(
            f"The amount must be greater than zero (got {value}); corrections are made by "
            "reversing an entry, not by negative amounts.",
            Code.AMOUNT_NOT_POSITIVE,
        )
    minor = value.scaleb(exp)
    if minor > MAX_MINOR:
        raise MoneyError(
            f"{value} {currency} is more than Accord keeps in one entry; split it.",
            Code.AMOUNT_TOO_LARGE,
        )
    if minor != minor.to_integral_value():
        raise MoneyError(
            f"{value} {currency} has more than {exp} decimal places.", Code.AMOUNT_PRECISION
        )
    return int(minor)


def from_minor(minor: int, currency: str) -> Decimal:
    """Minor units back to a Decimal in major units (exactly)."""
    return Decimal(minor).scaleb(-exponent(currency))


def format_money(minor: int, currency: str) -> str:
    """``1234567`` EUR → ``"12,345.67 EUR"``."""
    exp = exponent(currency)
    return f"{from_minor(minor, currency):,.{max(exp, 0)}f} {currency}"


@dataclass(frozen=True)
class Rate:
    """Units of ``currency`` for one euro on ``day`` (the ECB's way of quoting)."""

    currency: str
    day: date
    per_eur: Decimal


class RateMissing(MoneyError):
    def __init__(self, currency: str, day: date):
        super().__init__(
            f"No exchange rate for {currency} on or within a year before {day:%Y-%m-%d}; "
            "record the rate for that date first.",
            Code.EXCHANGE_RATE_MISSING,
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
    return int(major.scaleb(exponent(target)).quantize(Decimal(1), rounding=ROUND_HALF_EVEN))
