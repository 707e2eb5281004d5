"""Matching a nominee to a person already known, across Cyrillic, Arabic script and Latin.

The same officer is written Мухаммад Карим by a Russian instructor, محمد کریم by his ministry and
Mohammad Karim in his passport. ``name_key`` reduces each spelling to one key: transliterate to
ASCII (``anyascii``), fold the sounds that the scripts and the romanisations spell differently
(kh/h, gh/g, zh/j, q/k, w/v...), drop the vowels (Arabic script writes the short ones not at all)
and doubled letters, and sort the words (a family name may come first). Two records are then
suggested as one person when their keys and dates of birth agree, and taken as one without
asking when their nation and national identifier agree too.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from anyascii import anyascii

# Spellings of one sound, longest first: each romanisation's digraphs fold to one letter.
_FOLDS = (
    ("dzh", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("zh", "j"),
    ("ch", "c"),
    ("sh", "s"),
    ("ts", "s"),
    ("ph", "f"),
    ("th", "t"),
    ("dh", "d"),
    ("q", "k"),
    ("w", "v"),
    ("x", "ks"),
)
_NOT_LETTERS = re.compile(r"[^a-z ]+")
_VOWELS = re.compile(r"[aeiouy]")
_DOUBLES = re.compile(r"(.)\1+")


def _word_key(word: str) -> str:
    for spelling, sound in _FOLDS:
        word = word.replace(spelling, sound)
    # A word that is all vowels (an initial "A.") keeps its first letter.
    skeleton = _VOWELS.sub("", word) or word[:1]
    return _DOUBLES.sub(r"\1", skeleton)


def name_key(*parts: str) -> str:
    """The key of a name written in any of the three scripts (sorted words, space-separated)."""
    text = _NOT_LETTERS.sub(" ", anyascii(" ".join(parts)).lower().replace("'", ""))
    return " ".join(sorted(k for k in (_word_key(w) for w in text.split()) if k))


def letters_key(key: str) -> str:
    """A looser key: the key's letters, sorted, so that a compound written as one word in one
    script (عبدالواحد) and two in another (Abdul Wahid) meet. Only ever a suggestion, beside the
    date of birth, for a trainer to confirm."""
    return "#" + "".join(sorted(key.replace(" ", "")))


def normal_id(national_id: str) -> str:
    """A national identifier compared without its separators or case."""
    return re.sub(r"[^0-9A-Za-z]", "", anyascii(national_id or "")).upper()


@dataclass(frozen=True)
class Person:
    """What matching reads of a person: one known record, or the nominee."""

    id: int | None
    keys: frozenset  # name keys: the Latin name's and the native script's
    date_of_birth: date
    nation: str
    national_id: str = ""


def person(id, given: str, family: str, native: str, born: date, nation: str, nid: str = ""):
    keys = {name_key(given, family)}
    if native:
        keys.add(name_key(native))
    keys = {k for k in keys if k}
    keys |= {letters_key(k) for k in keys}
    return Person(id, frozenset(keys), born, nation, normal_id(nid))


@dataclass(frozen=True)
class Match:
    """A known person the nominee may be: ``certain`` when nation and national identifier
    agree (taken without asking), else a suggestion a trainer confirms or rejects."""

    id: int
    certain: bool


def matches(nominee: Person, known: list[Person]) -> list[Match]:
    """The known people the nominee may be, certain ones first.

    Same nation and national identifier: certain. Same date of birth and a name key in common,
    with no national identifier that tells them apart: suggested. Different identifiers on both
    records mean different people, whatever the names.
    """
    found = []
    for other in known:
        same_id = bool(nominee.national_id) and nominee.national_id == other.national_id
        if same_id and nominee.nation == other.nation:
            found.append(Match(other.id, certain=True))
            continue
        ids_differ = bool(nominee.national_id and other.national_id) and not same_id
        if (
            not ids_differ
            and nominee.date_of_birth == other.date_of_birth
            and nominee.keys & other.keys
        ):
            found.append(Match(other.id, certain=False))
    return sorted(found, key=lambda m: (not m.certain, m.id))
