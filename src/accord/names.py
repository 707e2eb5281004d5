"""A registry record's name in each of Accord's languages, and the reader's one with a fallback.

A nation, an organisation, a site, a transit node and a trust fund keep their English name in
``name`` (the one every code, export and audit entry has always used) and a column per other
language beside it: ``name_ru``, ``name_fa`` (Dari, ``fa-af``) and ``name_ps`` (ADR 0013). An
empty column means no one has given that name: the reader sees the English one, never a machine
translation. Plain columns keep ordering, filtering and searching ordinary, indexable SQL.

- ``language_fields(verbose_name, max_length)`` declares the three columns on a model;
- ``in_language(record, "name")`` is the value in the active (or a given) language, with the
  fallback; ``Multilingual`` gives records ``name_in(language)`` and ``local_name``;
- ``local(field)`` is the same as a database expression, for ``values_list`` and sorting;
- ``names_of(record, "name")`` is every language's value, for the API and exports;
- ``search_fields("name")`` lists the columns a search by name looks in.
"""

from __future__ import annotations

from typing import Annotated

from django import forms
from django.db import models
from django.db.models.functions import Coalesce, NullIf
from django.utils import translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from pydantic import AfterValidator

# Each language other than English, as settings.LANGUAGES codes it, and its column's suffix.
SUFFIXES = {"ru": "ru", "fa-af": "fa", "ps": "ps"}
ENGLISH = "en"  # the key of the ``name`` column in the API's ``names``
LANGUAGE_LABELS = {"ru": _("Russian"), "fa-af": _("Dari"), "ps": _("Pashto")}
ENGLISH_LABEL = _("English")


def labelled(label, language: str):
    """A field's label with its language: "Name (Russian)", lazily in the reader's language
    ("en" for English)."""
    return format_lazy("{} ({})", label, LANGUAGE_LABELS.get(language, ENGLISH_LABEL))


def suffix(language: str | None) -> str | None:
    """The column suffix of a language code ("ru-ru" -> "ru", "fa_AF" -> "fa"), None for English
    or a language Accord does not keep names in."""
    if not language:
        return None
    code = language.lower().replace("_", "-")
    if code in SUFFIXES:
        return SUFFIXES[code]
    base = code.split("-")[0]
    # Plain "fa" (Persian) reads Dari names: the same script and, for these places, the same words.
    return {"ru": "ru", "fa": "fa", "ps": "ps"}.get(base)


def language_fields(verbose_name: str, max_length: int) -> tuple[models.CharField, ...]:
    """The other languages' columns of a name:
    ``name_ru, name_fa, name_ps = language_fields(_("name"), max_length=200)``."""
    return tuple(
        models.CharField(
            labelled(verbose_name, language),
            max_length=max_length,
            blank=True,
            default="",
        )
        for language in SUFFIXES
    )


def language_text_fields(verbose_name: str) -> tuple[models.TextField, ...]:
    """The other languages' columns of a longer text (a fund's purpose)."""
    return tuple(
        models.TextField(labelled(verbose_name, language), blank=True, default="")
        for language in SUFFIXES
    )


def in_language(record, field: str = "name", language: str | None = None) -> str | None:
    """``record.<field>`` in ``language`` (default: the active one), the English one if none
    (``None`` for a record without the field)."""
    end = suffix(language if language is not None else translation.get_language())
    if end:
        value = getattr(record, f"{field}_{end}", "")
        if value:
            return value
    return getattr(record, field, None)


def names_of(record, field: str = "name") -> dict[str, str | None]:
    """Every language's value, keyed as the API keys them: {"en": ..., "ru": ..., ...};
    ``None`` where none was given."""
    names: dict[str, str | None] = {ENGLISH: getattr(record, field)}
    for language, end in SUFFIXES.items():
        names[language] = getattr(record, f"{field}_{end}", "") or None
    return names


def translations_of(field: str, names: dict[str, str | None]) -> dict[str, str]:
    """A ``names`` map (the API's, without "en") as the columns a service writes."""
    return {f"{field}_{SUFFIXES[k]}": v or "" for k, v in names.items() if k in SUFFIXES}


def other_languages(max_length: int):
    """The API's input of a text in the other languages: {"ru": ..., "fa-af": ..., "ps": ...};
    a language left out stays as it is, ``null`` or "" removes that text. Texts of at most
    ``max_length`` characters without NUL (a record's own length is checked when it is saved)."""

    def check(value: dict) -> dict:
        unknown = sorted(set(value) - set(SUFFIXES))
        if unknown:
            raise ValueError(
                f"unknown language {', '.join(unknown)}: give {', '.join(SUFFIXES)} "
                "(the English text has its own field)"
            )
        for text in value.values():
            if text is not None and (len(text) > max_length or "\x00" in text):
                raise ValueError(f"a text is at most {max_length} characters, without NUL")
        return value

    return Annotated[dict[str, str | None], AfterValidator(check)]


OtherNames = other_languages(200)


def names_given(data: dict, *fields: str) -> dict:
    """An API payload with its ``names`` (``short_names``...) maps spread into the columns the
    services take: {"names": {"ru": "Рига"}} -> {"name_ru": "Рига"}."""
    data = dict(data)
    for field in fields:
        given = data.pop(f"{field}s", None)
        if given:
            data.update(translations_of(field, given))
    return data


def local(field: str = "name", language: str | None = None, prefix: str = ""):
    """The database expression of ``in_language``: the column in the active language, or the
    English one where it is empty (``prefix`` follows a relation: ``prefix="site__"``)."""
    end = suffix(language if language is not None else translation.get_language())
    english = models.F(f"{prefix}{field}")
    if not end:
        return english
    return Coalesce(NullIf(models.F(f"{prefix}{field}_{end}"), models.Value("")), english)


def search_fields(field: str = "name") -> tuple[str, ...]:
    """The columns a search by ``field`` looks in: every language's."""
    return (field, *(f"{field}_{end}" for end in SUFFIXES.values()))


def column_names(field: str = "name") -> tuple[str, ...]:
    """The other languages' columns of ``field`` (for forms and inputs)."""
    return tuple(f"{field}_{end}" for end in SUFFIXES.values())


# The attributes of a form's input for each language: the browser picks the script's keyboard
# and spell-checker, and Dari and Pashto are typed right to left.
INPUT_ATTRS = {
    "ru": {"lang": "ru"},
    "fa": {"lang": "fa-AF", "dir": "rtl"},
    "ps": {"lang": "ps", "dir": "rtl"},
}


def input_attrs(column: str) -> dict[str, str]:
    """The input attributes of one language's column ("name_fa" -> lang and dir)."""
    return dict(INPUT_ATTRS.get(column.rsplit("_", 1)[-1], {}))


def language_widgets(*fields: str) -> dict:
    """The widgets of a model form's language columns, for ``Meta.widgets``."""
    return {
        column: forms.TextInput(attrs=input_attrs(column))
        for field in fields
        for column in column_names(field)
    }


class Multilingual:
    """A model mixin: the record's name in the reader's language. Its ``__str__`` gives it, so
    selects, links and messages that print the record show the reader's name."""

    def name_in(self, language: str | None = None) -> str:
        return in_language(self, "name", language)

    @property
    def local_name(self) -> str:
        return self.name_in()

    @property
    def names(self) -> dict[str, str | None]:
        return names_of(self, "name")

    def __str__(self):
        return self.name_in()
