"""A whole number typed as a person of each working language types it."""

import pytest
from django import forms
from django.utils import translation

from accord.web.forms import CountField


class Landings(forms.Form):
    landings = CountField(min_value=0, label="Landings")


def cleaned(text: str, language: str):
    with translation.override(language):
        form = Landings({"landings": text})
        return form.cleaned_data["landings"] if form.is_valid() else form.errors["landings"]


@pytest.mark.parametrize(
    ("text", "language", "count"),
    [
        ("12", "en-gb", 12),
        ("1,200", "en-gb", 1200),
        ("1 200", "ru", 1200),
        ("1\u00a0200", "ru", 1200),
        ("۱۲", "ps", 12),  # Eastern digits, as a Pashto keyboard gives them
        ("۱٬۲۰۰", "fa-af", 1200),
    ],
)
def test_a_count_is_read_in_the_readers_digits_and_grouping(text, language, count):
    assert cleaned(text, language) == count


@pytest.mark.parametrize(("text", "language"), [("1.5", "en-gb"), ("1,5", "ru"), ("two", "en-gb")])
def test_a_fraction_or_a_word_is_refused_not_read_as_another_number(text, language):
    assert isinstance(cleaned(text, language), list)


def test_a_count_is_a_text_box_with_the_numeric_keyboard_not_a_number_input():
    html = str(Landings()["landings"])
    assert 'type="text"' in html
    assert 'inputmode="numeric"' in html
