"""How long a certificate is valid: calendar months from the day of issue."""

from __future__ import annotations

import calendar
from datetime import date


def expiry(issued_on: date, months: int | None) -> date | None:
    """The last day a certificate issued on ``issued_on`` is valid, ``months`` later (the
    month's last day when it is shorter: 31 August + 6 months is 28 or 29 February); None when
    it does not expire."""
    if months is None:
        return None
    index = issued_on.month - 1 + months
    year, month = issued_on.year + index // 12, index % 12 + 1
    return date(year, month, min(issued_on.day, calendar.monthrange(year, month)[1]))


def valid_on(issued_on: date, expires_on: date | None, revoked_on: date | None, day: date) -> bool:
    """Whether a certificate holds on ``day``: issued by then, not expired, not revoked."""
    if day < issued_on:
        return False
    if expires_on is not None and day > expires_on:
        return False
    return revoked_on is None or day < revoked_on
