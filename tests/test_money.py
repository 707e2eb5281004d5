"""The one money module: exact minor units, amounts read and written by locale, no float path.

Properties over every ISO 4217 exponent Accord keeps (0, 2 and 3) and the languages Accord will
speak (English now; Russian, Dari and Pashto next), plus the refusals a person may meet.
"""

from decimal import Decimal

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from accord import money
from accord.errors import ValidationFailed
from accord.money import (
    ISO_4217,
    MAX_MINOR,
    Money,
    MoneyError,
    format_amount,
    format_money,
    from_minor,
    parse_amount,
    plain_amount,
    to_minor,
)

# One currency per exponent: yen (0), euro (2), Kuwaiti dinar (3).
CURRENCIES = {0: "JPY", 2: "EUR", 3: "KWD"}
LOCALES = ["en_GB", "en", "ru", "fa_AF", "ps", "de", "fr", "hi"]

minors = st.integers(min_value=-MAX_MINOR, max_value=MAX_MINOR)
currencies = st.sampled_from(sorted(CURRENCIES.values()))
locales = st.sampled_from(LOCALES)


def test_exponents_are_iso_4217_not_cldr_display_digits():
    assert {code: ISO_4217[code] for code in ("JPY", "EUR", "KWD", "AFN", "IQD", "HUF")} == {
        "JPY": 0,
        "EUR": 2,
        "KWD": 3,
        "AFN": 2,  # CLDR shows afghani without decimals; the books count puls
        "IQD": 3,
        "HUF": 2,
    }
    assert {ISO_4217[c] for c in CURRENCIES.values()} == set(CURRENCIES)


@given(minors, currencies, locales)
def test_what_is_shown_reads_back_exactly(minor, currency, locale):
    assert parse_amount(format_amount(minor, currency, locale=locale), currency, locale=locale) == (
        minor
    )
    assert parse_amount(format_money(minor, currency, locale=locale), currency, locale=locale) == (
        minor
    )


@given(minors, currencies)
def test_minor_units_and_decimals_convert_exactly(minor, currency):
    amount = from_minor(minor, currency)
    assert isinstance(amount, Decimal)
    assert to_minor(amount, currency) == minor
    assert to_minor(plain_amount(minor, currency), currency) == minor
    assert Money.of(amount, currency) == Money(minor, currency)


@given(minors, currencies)
def test_plain_text_has_the_currency_decimals_and_no_grouping(minor, currency):
    text = plain_amount(minor, currency)
    places = ISO_4217[currency]
    assert "," not in text
    assert "E" not in text
    assert (len(text.split(".")[1]) if "." in text else 0) == places


@given(
    st.integers(min_value=0, max_value=10**9),
    st.integers(min_value=1, max_value=99),
    currencies,
    locales,
)
def test_more_decimals_than_the_currency_has_is_refused_with_what_to_write(
    whole, extra, currency, locale
):
    places = ISO_4217[currency]
    # One more decimal than the currency has, never zero: always too precise.
    text = f"{whole}.{'0' * places}{extra % 9 + 1}"
    typed = text.replace(".", money.reader_locale(locale).number_symbols["latn"]["decimal"])
    with pytest.raises(MoneyError) as refused:
        parse_amount(typed, currency, locale=locale)
    assert refused.value.code == "amount_precision"
    assert "Round it to" in refused.value.detail
    assert isinstance(refused.value, ValidationFailed)
    assert refused.value.errors == {"amount": [refused.value.detail]}


@given(st.floats(allow_nan=True, allow_infinity=True), currencies)
def test_no_float_path(value, currency):
    with pytest.raises(TypeError):
        to_minor(value, currency)
    with pytest.raises(TypeError):
        Money(value, currency)
    with pytest.raises(TypeError):
        from_minor(value, currency)


@given(minors, minors, currencies)
def test_money_adds_within_one_currency(a, b, currency):
    assert (Money(a, currency) + Money(b, currency)).minor == a + b
    assert (Money(a, currency) - Money(b, currency)).minor == a - b
    with pytest.raises(ValueError, match="convert it first"):
        Money(a, currency) + Money(b, "USD" if currency != "USD" else "EUR")


@pytest.mark.parametrize(
    ("text", "currency", "locale", "minor"),
    [
        ("1,234.50", "EUR", "en_GB", 123450),
        ("1234.5", "EUR", "en_GB", 123450),
        ("1 234,50", "EUR", "ru", 123450),  # a plain space where Russian groups with a no-break one
        ("1\u00a0234,50", "EUR", "ru", 123450),
        ("1.234,50", "EUR", "de", 123450),
        ("1,234.50 EUR", "EUR", "en_GB", 123450),
        ("  7  ", "JPY", "en_GB", 7),
        ("1,000,000", "JPY", "en_GB", 1_000_000),
        ("0.125", "KWD", "en_GB", 125),
        ("-12.00", "USD", "en_GB", -1200),
    ],
)
def test_what_people_type_is_read_in_their_locale(text, currency, locale, minor):
    assert parse_amount(text, currency, locale=locale) == minor


@pytest.mark.parametrize(
    ("text", "code", "says"),
    [
        ("", "amount_invalid", "Give an amount, e.g. 1,234.50."),
        ("abc", "amount_invalid", "write it in figures, e.g. 1,234.50"),
        ("1e5", "amount_invalid", "write it in figures"),
        ("NaN", "amount_invalid", "write it in figures"),
        ("1_000", "amount_invalid", "write it in figures"),
        ("$5", "amount_invalid", "write it in figures"),
        ("1,2345.5", "amount_invalid", "Did you mean 12,345.5?"),
        ("12.345", "amount_precision", "EUR amounts go down to 0.01. Round it to 12.34 or 12.35."),
        ("99999999999999.99", "amount_too_large", "split it"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(text, code, says):
    with pytest.raises(MoneyError) as refused:
        parse_amount(text, "EUR", locale="en_GB")
    assert refused.value.code == code
    assert says in refused.value.detail
    assert refused.value.status == 422


def test_whole_number_currencies_say_so():
    with pytest.raises(MoneyError) as refused:
        parse_amount("1.5", "JPY", locale="en_GB")
    assert "JPY amounts are whole numbers. Round it to 1 or 2." in refused.value.detail


def test_an_unknown_currency_is_refused_on_the_currency_field():
    with pytest.raises(MoneyError) as refused:
        parse_amount("1", "XYZ")
    assert refused.value.code == "unknown_currency"
    assert "currency" in refused.value.errors


def test_a_long_figure_is_never_rounded_by_the_decimal_context():
    with pytest.raises(MoneyError) as refused:
        to_minor("1.0000000000000000000000000001", "EUR")
    assert refused.value.code == "amount_precision"


def test_the_locale_defaults_to_the_active_language():
    assert format_money(123456789, "USD") == "1,234,567.89 USD"
    with translation.override("ru"):
        assert format_money(123456789, "USD") == "1\u00a0234\u00a0567,89 USD"
        assert parse_amount("1 234,50", "USD") == 123450
    with translation.override("de"):
        assert str(Money(123450, "EUR")) == "1.234,50 EUR"


@pytest.mark.parametrize(
    ("value", "code"),
    [
        (0, "amount_not_positive"),
        (-1, "amount_not_positive"),
        (1.5, "amount_not_integer"),
        ("12", "amount_not_integer"),
        (MAX_MINOR + 1, "amount_too_large"),
    ],
)
def test_minor_units_from_the_api_are_whole_positive_and_bounded(value, code):
    with pytest.raises(MoneyError) as refused:
        money.minor_amount(value)
    assert refused.value.code == code
    assert money.minor_amount(MAX_MINOR) == MAX_MINOR
