"""The economic classification of a budget line: what the money is spent on, by the IMF's
Government Finance Statistics Manual 2014 (GFSM 2014), classification of expense (2) and of
transactions in non-financial assets (31), as the Afghan chart of accounts uses it.

A code's first two digits are its category; a three-digit code is a part of it (211 wages and
salaries is part of 21 compensation of employees). Filtering by a category finds its parts too.
The labels are English, marked for translation and translated where they are shown.
"""

from __future__ import annotations

from accord.errors import gettext_noop

#: code -> label, in the manual's order.
ECONOMIC_CODES: dict[str, str] = {
    "21": gettext_noop("Compensation of employees"),
    "211": gettext_noop("Wages and salaries"),
    "212": gettext_noop("Employers' social contributions"),
    "22": gettext_noop("Use of goods and services"),
    "24": gettext_noop("Interest"),
    "25": gettext_noop("Subsidies"),
    "26": gettext_noop("Grants"),
    "27": gettext_noop("Social benefits"),
    "28": gettext_noop("Other expense"),
    "31": gettext_noop("Non-financial assets"),
    "311": gettext_noop("Fixed assets"),
    "312": gettext_noop("Inventories"),
    "313": gettext_noop("Valuables"),
    "314": gettext_noop("Non-produced assets"),
}


def category_of(code: str) -> str:
    """The two-digit category a code belongs to ("211" -> "21"; "" stays "")."""
    return code[:2]


def within(code: str, wanted: str) -> bool:
    """Whether ``code`` is ``wanted`` or one of its parts (a line coded 211 is within 21)."""
    return bool(code) and code.startswith(wanted)
