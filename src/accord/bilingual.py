"""Texts in the two working languages of the NATO–Russia Council: English and Russian.

The council's texts (a consultation's text, a decision, a legal basis, a transit agreement) carry
an English and a Russian version in a pair of fields (``title`` and ``title_ru``, ``text`` and
``text_ru``...) and a pair of flags, ``authentic_en`` and ``authentic_ru``, saying which of the
versions given are authentic. A version not given is an empty string, shown as missing and never
filled by a machine (docs/adr/0012-texts-in-two-working-languages.md).

This module holds what every app with such texts shares: the database rules on the flags, the
version a reader is shown first, and the case-folded text that searches compare on SQLite as on
PostgreSQL.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django.db.models.lookups import Contains
from django.utils.translation import get_language, gettext
from django.utils.translation import gettext_lazy as _

from accord.errors import Code, ValidationFailed

WORKING_LANGUAGES = ("en", "ru")
LANGUAGE_NAMES = {"en": _("English"), "ru": _("Russian")}
MISSING = {"en": _("No English version"), "ru": _("No Russian version")}
NOT_GIVEN = {
    "en": _("The English version is marked authentic but not given."),
    "ru": _("The Russian version is marked authentic but not given."),
}


def authentic_needs_version(prefix: str, english: str, russian: str) -> list:
    """The database's rules: a version marked authentic is a version given (``english`` and
    ``russian`` name the record's pair of fields that must not be empty)."""
    return [
        models.CheckConstraint(
            condition=Q(authentic_en=False) | ~Q(**{english: ""}),
            name=f"{prefix}_authentic_en_given",
            violation_error_message=NOT_GIVEN["en"],
        ),
        models.CheckConstraint(
            condition=Q(authentic_ru=False) | ~Q(**{russian: ""}),
            name=f"{prefix}_authentic_ru_given",
            violation_error_message=NOT_GIVEN["ru"],
        ),
    ]


def one_version_given(prefix: str, english: str, russian: str) -> models.CheckConstraint:
    """The database's rule for a text that must exist: in English, in Russian or in both."""
    return models.CheckConstraint(
        condition=~Q(**{english: ""}) | ~Q(**{russian: ""}),
        name=f"{prefix}_{english}_in_a_language",
        violation_error_message=_("Give the text in English, in Russian or in both."),
    )


def reader_working_language(language: str | None = None) -> str:
    """The working language a reader is shown first: Russian to Russian readers, English to
    everyone else (Dari and Pashto readers too: they are told a Russian version exists)."""
    language = (language or get_language() or "en").lower()
    return "ru" if language.split("-")[0].split("_")[0] == "ru" else "en"


@dataclass(frozen=True)
class Version:
    """One language's version of a text, as a page shows it."""

    language: str  # "en" or "ru": the HTML ``lang``
    text: str
    authentic: bool

    @property
    def name(self) -> str:
        return str(LANGUAGE_NAMES[self.language])

    @property
    def missing(self) -> str:
        return str(MISSING[self.language])


@dataclass(frozen=True)
class Versions:
    """A text's two versions for one reader: ``shown`` is the one shown first (the reader's
    working language's if given, else the other), ``wanted`` the language the reader wanted."""

    english: Version
    russian: Version
    wanted: str
    rated: bool = True  # whether the text's versions are said to be authentic or not

    @property
    def both(self) -> tuple[Version, Version]:
        return (self.english, self.russian)

    @property
    def shown(self) -> Version:
        first, other = (self.russian, self.english) if self.wanted == "ru" else self.both
        return first if first.text else other

    @property
    def other(self) -> Version:
        return self.english if self.shown is self.russian else self.russian

    @property
    def substituted(self) -> bool:
        """The wanted version is missing: the other is shown in its place, and said to be."""
        return self.shown.language != self.wanted


def versions(
    english: str,
    russian: str,
    authentic_en: bool | None = None,
    authentic_ru: bool | None = None,
    *,
    language: str | None = None,
) -> Versions:
    """A text's versions as the reader (``language``: the active one) is shown them; without
    ``authentic_*`` (a name, a summary of Accord's own) nothing is said of their authenticity."""
    return Versions(
        Version("en", english or "", bool(authentic_en)),
        Version("ru", russian or "", bool(authentic_ru)),
        reader_working_language(language),
        rated=authentic_en is not None or authentic_ru is not None,
    )


def in_reader_language(english: str, russian: str, language: str | None = None) -> Version:
    """A name (a title) in the reader's working language if given, else in the other."""
    return versions(english, russian, language=language).shown


# --- search ---------------------------------------------------------------------------------------


class Folded(models.Func):
    """A text lower-cased in full Unicode, on both databases, for case-insensitive searching.

    PostgreSQL's ``LOWER`` folds Cyrillic (in a UTF-8 database); SQLite's ``LOWER`` and ``LIKE``
    fold ASCII only, so on SQLite it is the Python function registered on every connection
    (``register_sqlite_functions``). Compare it with ``fold(q)``.
    """

    function = "LOWER"
    output_field = models.TextField()

    def as_sqlite(self, compiler, connection, **extra):
        return super().as_sql(compiler, connection, function="ACCORD_FOLD", **extra)


def fold(text: str) -> str:
    """What ``Folded`` makes of a text: Python's ``lower`` (as PostgreSQL's ``LOWER``)."""
    return text.lower()


def folded_contains(q: str, *fields: str) -> Q:
    """Rows where any of ``fields`` contains ``q``, whatever the case, in any script."""
    needle = fold(q.strip())
    match = Q()
    for field in fields:
        match |= Q(Contains(Folded(field), needle))
    return match


def register_sqlite_functions(sender, connection, **kwargs) -> None:
    """On each new SQLite connection: ``ACCORD_FOLD``, the full-Unicode ``lower`` (a
    ``connection_created`` receiver)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "ACCORD_FOLD", 1, lambda s: None if s is None else fold(s), deterministic=True
        )


# --- the services' rules --------------------------------------------------------------------------


def require_versions(
    *,
    field: str,
    english: str,
    russian: str,
    authentic_en: bool,
    authentic_ru: bool,
    required: bool = False,
) -> None:
    """Refuse a text whose versions do not hold together: ``required`` and given in neither
    language, or a version marked authentic that is not given. ``field`` names the English
    version's field (the Russian one is ``<field>_ru``)."""
    english, russian = (english or "").strip(), (russian or "").strip()
    if required and not english and not russian:
        raise ValidationFailed(
            gettext("Give the text in English, in Russian or in both."),
            errors={field: [gettext("required in one language at least")]},
        )
    errors = {}
    if authentic_en and not english:
        errors[field] = [gettext("marked authentic but not given")]
    if authentic_ru and not russian:
        errors[f"{field}_ru"] = [gettext("marked authentic but not given")]
    if errors:
        said = [
            str(NOT_GIVEN[language])
            for language, name in (("en", field), ("ru", f"{field}_ru"))
            if name in errors
        ]
        raise ValidationFailed(
            " ".join(said) + " " + gettext("Give it, or do not mark it authentic."),
            code=Code.AUTHENTIC_VERSION_MISSING,
            errors=errors,
        )
