"""Numbers, dates and times as the reader's language writes them (CLDR, through babel).

    format_number(1234567)                     "1,234,567" (en), "1 234 567" (ru), "۱٬۲۳۴٬۵۶۷" (fa)
    format_percent(Decimal("0.425"))           "42%"  "42 %"  "۴۲٪"
    format_compact(127_500_000_000)            "127.5bn"  "127,5 млрд"
    format_day(date(2013, 6, 1))               "1 Jun 2013"; in Dari and Pashto the Solar Hijri
                                               date first, the Gregorian beside it:
                                               "۱۱ جوزا ۱۳۹۲ (۱ جون ۲۰۱۳)"
    format_moment(aware_datetime, zone)        "1 Jun 2013 14:30 (Kabul · GMT+04:30)": in the
                                               reader's zone, and the zone named
    local_digits("2013")                       "۲۰۱۳" where the language writes Eastern digits

Dari and Pashto are written with Eastern Arabic-Indic digits (۰۱۲۳۴۵۶۷۸۹) and their own
separators; CLDR names that numbering system ``arabext`` as their default. babel gives the
separators but leaves the digits Latin, so :func:`local_digits` maps them.

The Solar Hijri calendar is the one Afghan ministries date in; its months have Afghan names (the
zodiac: Hamal, Sawr, Jawza...), not the Iranian ones jdatetime knows, so they are listed here in
Dari and in Pashto.

Pure Python, so that the engines and :mod:`accord.money` (which formats amounts with these
digits) use it too. The reader's locale is the active language of the request, which Django hands
in at start-up (:func:`use_locale_source`), and the messages' translation with them
(:func:`use_translator`).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, tzinfo
from decimal import ROUND_HALF_EVEN, Decimal
from functools import cache, lru_cache

import jdatetime
from babel import Locale, UnknownLocaleError
from babel.dates import (
    format_date,
    format_datetime,
    format_skeleton,
    get_timezone_gmt,
    get_timezone_location,
)
from babel.numbers import format_compact_decimal, format_decimal
from babel.numbers import format_percent as _percent

DEFAULT_LOCALE = "en_GB"

_EASTERN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")
_WESTERN = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")

# The Solar Hijri months as Afghanistan names them (Hamal ... Hut).
AFGHAN_MONTHS = {
    "fa": (
        "حمل",
        "ثور",
        "جوزا",
        "سرطان",
        "اسد",
        "سنبله",
        "میزان",
        "عقرب",
        "قوس",
        "جدی",
        "دلو",
        "حوت",
    ),
    "ps": (
        "وری",
        "غویی",
        "غبرګولی",
        "چنګاښ",
        "زمری",
        "وږی",
        "تله",
        "لړم",
        "لیندۍ",
        "مرغومی",
        "سلواغه",
        "کب",
    ),
}


_locale_source: Callable[[], str | None] = lambda: None  # noqa: E731 - replaced at start-up


def use_locale_source(source: Callable[[], str | None]) -> None:
    """Where the default locale comes from: Django calls this at start-up with the active
    language (``en-gb``, ``ru``, ``fa-af``...), so figures follow the page's language."""
    global _locale_source  # one setting for the process, made at start-up
    _locale_source = source


_translator: Callable[[str], str] = lambda message: message  # noqa: E731 - replaced at start-up


def use_translator(translate: Callable[[str], str]) -> None:
    """How a message reaches the reader's language: Django calls this at start-up with its
    ``gettext``, so that the pure modules (money) raise their messages already translated."""
    global _translator  # one setting for the process, made at start-up
    _translator = translate


def gettext(message: str) -> str:
    """``message`` in the reader's language (the identity until Django hands in its own).
    Named ``gettext`` so that ``makemessages`` collects the texts passed to it."""
    return _translator(message)


@cache
def _babel_locale(identifier: str) -> Locale:
    try:
        return Locale.parse(identifier.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(DEFAULT_LOCALE)


def reader_locale(locale: str | Locale | None = None) -> Locale:
    """``locale`` as babel's Locale; ``None`` is the active language (else British English)."""
    if isinstance(locale, Locale):
        return locale
    return _babel_locale(locale or _locale_source() or DEFAULT_LOCALE)


@cache
def _numbering(locale: Locale) -> str:
    return locale.default_numbering_system or "latn"


def writes_eastern_digits(locale: str | Locale | None = None) -> bool:
    return _numbering(reader_locale(locale)) == "arabext"


def local_digits(text: str, locale: str | Locale | None = None) -> str:
    """``text`` with its digits as the reader's language writes them."""
    return text.translate(_EASTERN) if writes_eastern_digits(locale) else text


def western_digits(text: str) -> str:
    """What a person typed, with Eastern Arabic-Indic digits read as 0-9 (for parsing)."""
    return text.translate(_WESTERN)


def number_system(locale: Locale) -> str:
    """The numbering system whose separators babel should use: the language's own where it
    writes Eastern digits (``arabext``), else Latin."""
    return "default" if _numbering(locale) == "arabext" else "latn"


def format_number(
    value: int | Decimal, *, places: int | None = None, locale: str | Locale | None = None
) -> str:
    """A count or a figure, grouped as the reader's language groups it."""
    loc = reader_locale(locale)
    if places is not None:
        value = Decimal(value).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)
    text = format_decimal(value, locale=loc, numbering_system=number_system(loc))
    return local_digits(text, loc)


def format_exact(value: Decimal, *, locale: str | Locale | None = None) -> str:
    """A figure with every decimal it has (an exchange rate: 0.87525, not 0.875), grouped as
    the reader's language groups it."""
    loc = reader_locale(locale)
    text = format_decimal(
        Decimal(value).normalize(),
        locale=loc,
        numbering_system=number_system(loc),
        decimal_quantization=False,
    )
    return local_digits(text, loc)


def format_percent(ratio: Decimal | int, *, locale: str | Locale | None = None) -> str:
    """A ratio (0.425) as a whole percentage in the reader's language."""
    loc = reader_locale(locale)
    return local_digits(_percent(ratio, locale=loc, numbering_system=number_system(loc)), loc)


def format_compact(value: int | Decimal, *, locale: str | Locale | None = None) -> str:
    """A large figure in few characters for chart axes and summaries: ``127.5bn``."""
    loc = reader_locale(locale)
    text = format_compact_decimal(
        value, locale=loc, fraction_digits=1, numbering_system=number_system(loc)
    )
    return local_digits(text, loc)


def solar_hijri(day: date, *, locale: str | Locale | None = None) -> str:
    """The Solar Hijri date as Afghan ministries write it: ``۱۱ جوزا ۱۳۹۲``."""
    loc = reader_locale(locale)
    months = AFGHAN_MONTHS["ps" if loc.language == "ps" else "fa"]
    shamsi = jdatetime.date.fromgregorian(date=day)
    return local_digits(f"{shamsi.day} {months[shamsi.month - 1]} {shamsi.year}", loc)


def uses_solar_hijri(locale: str | Locale | None = None) -> bool:
    return reader_locale(locale).language in {"fa", "ps"}


def format_day(day: date | None, *, locale: str | Locale | None = None) -> str:
    """A day in the reader's language; in Dari and Pashto, Solar Hijri with the Gregorian beside."""
    if day is None:
        return ""
    if isinstance(day, datetime):
        day = day.date()
    return _day_in(day, reader_locale(locale))


@lru_cache(maxsize=4096)
def _day_in(day: date, loc: Locale) -> str:
    """``format_day`` once per day and language: a page or a notice names the same few days
    many times (close-due's notice, rewritten by each batch of its run, its days in babel's
    formatting each time)."""
    gregorian = local_digits(format_date(day, "medium", locale=loc), loc)
    if uses_solar_hijri(loc):
        return f"{solar_hijri(day, locale=loc)} ({gregorian})"
    return gregorian


def format_month(day: date, *, locale: str | Locale | None = None) -> str:
    """A calendar month as the reader's language names it alone: ``June 2013``, ``июнь 2013 г.``."""
    loc = reader_locale(locale)
    return local_digits(format_skeleton("yMMMM", day, locale=loc), loc)


def format_moment(
    moment: datetime | None, zone: tzinfo, *, locale: str | Locale | None = None
) -> str:
    """An instant in the reader's time zone, with the zone named: ``1 Jun 2013 14:30 (Kabul ·
    GMT+04:30)``; in Dari and Pashto the day is Solar Hijri, the Gregorian beside it."""
    if moment is None:
        return ""
    loc = reader_locale(locale)
    local = moment.astimezone(zone)
    time = format_datetime(local, "HH:mm", tzinfo=zone, locale=loc)
    city = get_timezone_location(zone, locale=loc, return_city=True)
    offset = get_timezone_gmt(local, width="long", locale=loc)
    named = f"{city} · {offset}" if getattr(zone, "key", "UTC") != "UTC" else "UTC"
    return local_digits(f"{format_day(local.date(), locale=loc)} {time} ({named})", loc)
