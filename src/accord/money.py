"""Money as Accord keeps it: integer minor units of an ISO 4217 currency. One module for every app.

    exponent("EUR")                       2      the currency's minor-unit exponent (ISO 4217)
    to_minor(Decimal("12.34"), "EUR")     1234   exact; too many decimals is an error, never rounded
    from_minor(1234, "EUR")               Decimal("12.34")
    parse_amount("1 234,50", "EUR", locale="ru")    123450   what a person typed, read by locale
    format_money(123450, "EUR")           "1,234.50 EUR"     for pages and messages, by locale
    format_amount(123450, "EUR")          "1,234.50"         the figure alone (tables)
    plain_amount(123450, "EUR")           "1234.50"          for CSV, the API and IATI files
    Money(123450, "EUR")                  the same as a small typed value

Why integers: a sum of minor units never rounds, and a database BIGINT holds it exactly. There is
no float path: a float handed to any function here is refused (``TypeError``), so a ``/ 100``
slipped in somewhere fails loudly instead of losing a cent. Ratios between amounts (execution
rates, chart geometry) are not money and live with their users.

The exponent is ISO 4217's minor unit (the one the books are kept in: AFN in puls, IQD in fils),
not CLDR's display digits, which differ for some currencies (CLDR shows AFN and IQD without
decimals). Numbers are written and read with babel's CLDR data for the locale: its decimal and
group symbols, its grouping. The locale defaults to the active language of the request, which
Django hands in at start-up (``use_locale_source``); this module imports no Django, so the pure
engines (ledger, IATI) use it too.

Bad input raises :class:`MoneyError`, a :class:`~accord.errors.ValidationFailed` (and a
``ValueError``) with a stable code: ``unknown_currency``, ``amount_invalid``,
``amount_precision``, ``amount_too_large``, ``amount_not_positive``, ``amount_not_integer``.
Its message says what to do, in the reader's language: it is translated when raised, through
:func:`accord.l10n.gettext` (Django's, handed in at start-up), since it names the figure at fault
and so cannot be looked up in a catalogue afterwards.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_EVEN, Decimal, InvalidOperation
from functools import cache

from babel import Locale
from babel.numbers import (
    NumberFormatError,
    get_decimal_symbol,
    get_group_symbol,
    parse_decimal,
    parse_pattern,
)

from accord.errors import Code, ValidationFailed
from accord.l10n import (
    DEFAULT_LOCALE,
    gettext,
    local_digits,
    number_system,
    reader_locale,
    use_locale_source,
    western_digits,
)

__all__ = ["DEFAULT_LOCALE", "reader_locale", "use_locale_source"]

_ = gettext

# ISO 4217 active codes and their minor-unit exponents: the currencies a trust fund or the
# recipient's budget meets. Not taken from CLDR: its "digits" are for display and differ
# (AFN 0, IQD 0, HUF 0), while the books count puls, fils and fillér.
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
}
# XDR (special drawing rights) has no minor unit in ISO 4217; Accord keeps no money in it.

#: The largest amount Accord keeps, in minor units: well inside a 64-bit integer, so that sums
#: of many amounts cannot overflow the database's BIGINT.
MAX_MINOR = 10**15

#: The locale when no language is active (a command, a test without a request).


class MoneyError(ValidationFailed, ValueError):
    """Bad money input. ``code`` is stable; ``errors`` names the field, for forms and the API."""

    def __init__(self, detail: str, code: Code, *, field: str = "amount"):
        super().__init__(detail, code=code, errors={field: [detail]})


# --- currencies and exact conversion -----------------------------------------------------------


def exponent(currency: str, *, field: str = "currency") -> int:
    """The minor-unit exponent of an ISO 4217 code; ``unknown_currency`` for any other."""
    try:
        return ISO_4217[currency]
    except (KeyError, TypeError):
        raise MoneyError(
            _(
                "%(currency)s is not an ISO 4217 currency Accord knows; use a three-letter code "
                "such as EUR or USD."
            )
            % {"currency": repr(currency)},
            Code.UNKNOWN_CURRENCY,
            field=field,
        ) from None


def _refuse_float(value: object) -> None:
    if isinstance(value, float | bool):
        raise TypeError(
            f"money is never a float or a bool (got {value!r}): pass a Decimal, a string or "
            "an integer of minor units"
        )


def minor_to_decimal(minor: int, places: int) -> Decimal:
    """Integer minor units as an exact Decimal with ``places`` decimals (12345, 2 → 123.45)."""
    _refuse_float(minor)
    if not isinstance(minor, int):
        raise TypeError(f"minor units must be an integer, not {minor!r}")
    return Decimal(minor).scaleb(-places)


def decimal_to_minor(value: Decimal, places: int, *, currency: str, field: str = "amount") -> int:
    """An exact Decimal as integer minor units at ``places`` decimals; refuses finer digits
    (never rounds) and amounts beyond :data:`MAX_MINOR`. Integer arithmetic on the Decimal's
    digits, so no context precision can round a long figure on the way."""
    if not value.is_finite():
        raise MoneyError(
            _("%(value)s is not an amount.") % {"value": value}, Code.AMOUNT_INVALID, field=field
        )
    sign, digits, exp = value.as_tuple()
    coefficient = int("".join(map(str, digits)))
    shift = exp + places
    if coefficient and value.adjusted() + places > len(str(MAX_MINOR)):
        minor = MAX_MINOR + 1  # far too large; no need to build the whole number
    elif shift >= 0:
        minor = coefficient * 10**shift
    elif coefficient == 0:
        minor = 0
    elif -shift > len(digits):
        raise MoneyError(_too_precise(value, places, currency), Code.AMOUNT_PRECISION, field=field)
    else:
        minor, rest = divmod(coefficient, 10**-shift)
        if rest:
            raise MoneyError(
                _too_precise(value, places, currency), Code.AMOUNT_PRECISION, field=field
            )
    if minor > MAX_MINOR:
        raise MoneyError(
            _("%(value)s %(currency)s is more than Accord keeps in one amount; split it.")
            % {"value": value, "currency": currency},
            Code.AMOUNT_TOO_LARGE,
            field=field,
        )
    return -minor if sign else minor


def _too_precise(value: Decimal, places: int, currency: str) -> str:
    unit = Decimal(1).scaleb(-places)
    down = value.quantize(unit, rounding=ROUND_DOWN)
    up = down + unit.copy_sign(value)
    named = {"value": value, "currency": currency, "places": places, "unit": unit}
    if places == 0:
        said = _("%(value)s %(currency)s has decimals: %(currency)s amounts are whole numbers.")
    else:
        said = _(
            "%(value)s %(currency)s has more than %(places)s decimal places: %(currency)s "
            "amounts go down to %(unit)s."
        )
    rounded = _("Round it to %(down)s or %(up)s.") % {"down": down, "up": up}
    return f"{said % named} {rounded}"


def to_minor(amount: Decimal | str | int, currency: str, *, field: str = "amount") -> int:
    """An amount in major units (a Decimal, its text, or a whole number) as integer minor units
    of ``currency``, exactly. Any sign; see :func:`positive_minor` for entries."""
    _refuse_float(amount)
    places = exponent(currency)
    try:
        value = Decimal(amount.strip() if isinstance(amount, str) else amount)
    except (InvalidOperation, TypeError, ValueError):
        raise MoneyError(
            _("%(amount)s is not an amount; write it in figures, e.g. 1250.50.")
            % {"amount": repr(amount)},
            Code.AMOUNT_INVALID,
            field=field,
        ) from None
    return decimal_to_minor(value, places, currency=currency, field=field)


def positive_minor(amount: Decimal | str | int, currency: str, *, field: str = "amount") -> int:
    """:func:`to_minor` for a ledger entry, which is always positive: a mistake is corrected by
    reversing the entry, not by a negative amount."""
    minor = to_minor(amount, currency, field=field)
    if minor <= 0:
        raise MoneyError(
            _(
                "The amount must be greater than zero (got %(amount)s); corrections are made "
                "by reversing an entry, not by negative amounts."
            )
            % {"amount": from_minor(minor, currency)},
            Code.AMOUNT_NOT_POSITIVE,
            field=field,
        )
    return minor


def minor_amount(
    value: object, *, field: str = "amount_minor", label=None, allow_zero: bool = False
) -> int:
    """An amount that arrived already in minor units (the API's ``amount_minor``): a whole,
    positive number (zero if ``allow_zero``) no larger than :data:`MAX_MINOR`.

    ``field`` names the input for machines (the API's ``errors``); the message names it as the
    person at the form knows it, ``label`` (``Amount`` unless given), never by its field name."""
    shown = str(label or _("Amount"))
    if isinstance(value, bool) or not isinstance(value, int):
        raise MoneyError(
            _("%(field)s: give a whole number of minor units (cents or puls), not %(value)s.")
            % {"field": shown, "value": repr(value)},
            Code.AMOUNT_NOT_INTEGER,
            field=field,
        )
    if value < 0 or (value == 0 and not allow_zero):
        raise MoneyError(
            _(
                "%(field)s: amounts are positive; correct a mistake by reversing the entry "
                "instead of recording a negative amount."
            )
            % {"field": shown},
            Code.AMOUNT_NOT_POSITIVE,
            field=field,
        )
    if value > MAX_MINOR:
        raise MoneyError(
            _("%(field)s: %(value)s is beyond any plausible amount; check the units (minor units).")
            % {"field": shown, "value": value},
            Code.AMOUNT_TOO_LARGE,
            field=field,
        )
    return value


def from_minor(minor: int, currency: str) -> Decimal:
    """Minor units back to a Decimal in major units, exactly (1234 EUR → 12.34)."""
    return minor_to_decimal(minor, exponent(currency))


def plain_amount(minor: int, currency: str) -> str:
    """The amount as plain text for machines (CSV, the API, IATI): ``1234.50``, always the
    currency's decimals, a ``.`` and no grouping, whatever the reader's language."""
    return f"{from_minor(minor, currency):f}"


def round_minor(value: Decimal) -> int:
    """A computed Decimal (a converted amount) to whole minor units, half to even."""
    return int(value.quantize(Decimal(1), rounding=ROUND_HALF_EVEN))


# --- shown to people ---------------------------------------------------------------------------


@cache
def _pattern(locale: Locale, places: int):
    """The locale's own number pattern (its grouping), with exactly ``places`` decimals."""
    pattern = copy.copy(parse_pattern(locale.decimal_formats[None].pattern))
    pattern.frac_prec = (places, places)
    return pattern


def _shown(pattern, value: Decimal, loc: Locale) -> str:
    """The figure with the separators and the digits of the reader's language."""
    return local_digits(pattern.apply(value, loc, numbering_system=number_system(loc)), loc)


def format_amount(
    minor: int, currency: str, *, locale: str | Locale | None = None, places: int | None = None
) -> str:
    """The figure alone, in the reader's locale: ``1,234.50`` (en), ``1 234,50`` (ru).

    Shows every decimal of the currency, so :func:`parse_amount` reads it back exactly;
    ``places`` rounds (half to even) for a summary such as a chart's label."""
    value = from_minor(minor, currency)
    shown = exponent(currency) if places is None else places
    value = value.quantize(Decimal(1).scaleb(-shown), rounding=ROUND_HALF_EVEN)
    loc = reader_locale(locale)
    return local_digits(
        _pattern(loc, shown).apply(value, loc, numbering_system=number_system(loc)), loc
    )


def format_money(minor: int, currency: str, *, locale: str | Locale | None = None) -> str:
    """The amount and its ISO code, for pages and messages: ``1,234.50 EUR``. The code, not a
    symbol: a mission counts in several dollars, and ``$`` would not say which."""
    return f"{format_amount(minor, currency, locale=locale)} {currency}"


def format_millions(
    minor: int, currency: str, *, places: int = 1, locale: str | Locale | None = None
) -> str:
    """Millions of major units (half to even), for summary tables: ``4,100.0``."""
    loc = reader_locale(locale)
    value = from_minor(minor, currency).scaleb(-6)
    value = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_EVEN)
    return local_digits(
        _pattern(loc, places).apply(value, loc, numbering_system=number_system(loc)), loc
    )


# --- typed by people ---------------------------------------------------------------------------

_SPACES = re.compile(r"[\s\u00a0\u202f\u2009\u2007]+")
_BIDI_MARKS = re.compile(r"[\u200e\u200f\u061c]")
_MINUS_SIGNS = ("\u2212", "\u2012", "\u2013")


def parse_amount(
    text: str, currency: str, *, locale: str | Locale | None = None, field: str = "amount"
) -> int:
    """What a person typed, in their locale, as integer minor units of ``currency``.

    Accepts grouping as the locale writes it ("1,234.50" in English, "1 234,50" in Russian,
    any kind of space where the locale groups with one), the currency's code around the figure
    ("1,234.50 EUR") and a leading sign. Refuses, each with a message that says what to write:
    anything but figures (``amount_invalid``), misplaced grouping (with babel's suggestion),
    more decimals than the currency has (``amount_precision``) and huge amounts."""
    places = exponent(currency)
    loc = reader_locale(locale)
    value = parse_decimal_text(text, loc, currency=currency, field=field)
    return decimal_to_minor(value, places, currency=currency, field=field)


def parse_decimal_text(
    text: str, locale: str | Locale | None = None, *, currency: str = "", field: str = "amount"
) -> Decimal:
    """A typed figure as an exact Decimal, read in ``locale`` (see :func:`parse_amount`)."""
    loc = reader_locale(locale)
    example = _example(loc)
    if not isinstance(text, str) or not text.strip():
        raise MoneyError(
            _("Give an amount, e.g. %(example)s.") % {"example": example},
            Code.AMOUNT_INVALID,
            field=field,
        )
    figure = _normalised(text, loc, currency)
    if not _only_figures(figure, loc):
        raise MoneyError(
            _("“%(text)s” is not an amount; write it in figures, e.g. %(example)s.")
            % {"text": text.strip(), "example": example},
            Code.AMOUNT_INVALID,
            field=field,
        )
    try:
        return parse_decimal(figure, locale=loc, strict=True)
    except NumberFormatError as error:
        said = _("“%(text)s” is not a well-written amount.") % {"text": text.strip()}
        if error.suggestions:
            said += " " + _("Did you mean %(suggestion)s?") % {"suggestion": error.suggestions[0]}
        how = _(
            "Write it as %(example)s: “%(group)s” between thousands, “%(decimal)s” before the "
            "decimals."
        ) % {"example": example, "group": get_group_symbol(loc), "decimal": get_decimal_symbol(loc)}
        raise MoneyError(
            " ".join((said, how)),
            Code.AMOUNT_INVALID,
            field=field,
        ) from None


def _example(locale: Locale) -> str:
    return _pattern(locale, 2).apply(Decimal("1234.50"), locale)


def _arabext_as_latn(text: str, locale: Locale) -> str:
    """Eastern separators (as Dari and Pashto pages show amounts) as the Latin ones babel reads."""
    symbols = locale.number_symbols.get("arabext")
    if not symbols:
        return text
    latn = locale.number_symbols["latn"]
    return text.replace(symbols["group"], latn["group"]).replace(
        symbols["decimal"], latn["decimal"]
    )


def _normalised(text: str, locale: Locale, currency: str) -> str:
    """The figure without bidi marks, the currency's code, and with the locale's own spaces and
    minus: what babel's strict reader expects."""
    figure = _arabext_as_latn(western_digits(_BIDI_MARKS.sub("", text)), locale).strip()
    if currency:
        upper = figure.upper()
        if upper.endswith(currency):
            figure = figure[: -len(currency)].strip()
        elif upper.startswith(currency):
            figure = figure[len(currency) :].strip()
    for minus in _MINUS_SIGNS:
        figure = figure.replace(minus, "-")
    group = get_group_symbol(locale)
    if _SPACES.fullmatch(group):
        # A locale that groups with a (narrow, no-break) space: any space typed is that space.
        figure = _SPACES.sub(group, figure)
    return figure


def _only_figures(figure: str, locale: Locale) -> bool:
    """ASCII digits, the locale's symbols and one leading sign: babel's reader alone would also
    take "1e5", "NaN" or "1_000", which no person means as an amount."""
    allowed = re.escape(get_decimal_symbol(locale) + get_group_symbol(locale))
    return re.fullmatch(rf"[-+]?[0-9{allowed}]*[0-9][0-9{allowed}]*", figure) is not None


# --- a typed value -----------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Money:
    """An amount: integer minor units and the ISO 4217 currency they count.

    ``Money(123450, "EUR")`` is 1,234.50 EUR. Sums and differences keep to one currency;
    ``str()`` is :func:`format_money` in the active locale."""

    minor: int
    currency: str

    def __post_init__(self) -> None:
        _refuse_float(self.minor)
        if not isinstance(self.minor, int):
            raise TypeError(f"minor units must be an integer, not {self.minor!r}")
        exponent(self.currency)

    @classmethod
    def of(cls, amount: Decimal | str | int, currency: str) -> Money:
        """From major units: ``Money.of("12.34", "EUR")`` is 1234 cents."""
        return cls(to_minor(amount, currency), currency)

    @classmethod
    def parse(cls, text: str, currency: str, *, locale: str | Locale | None = None) -> Money:
        return cls(parse_amount(text, currency, locale=locale), currency)

    @property
    def amount(self) -> Decimal:
        """In major units, exactly."""
        return from_minor(self.minor, self.currency)

    def _same(self, other: Money) -> None:
        if not isinstance(other, Money):
            raise TypeError(f"cannot combine money with {other!r}")
        if other.currency != self.currency:
            raise ValueError(f"cannot add {other.currency} to {self.currency}; convert it first")

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.minor + other.minor, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.minor - other.minor, self.currency)

    def __neg__(self) -> Money:
        return Money(-self.minor, self.currency)

    def format(self, *, locale: str | Locale | None = None) -> str:
        return format_money(self.minor, self.currency, locale=locale)

    def __str__(self) -> str:
        return self.format()
