"""The search's rules over plain text: the words of a query, the portable query of SQLite's FTS5,
and the highlighted snippet as safe HTML. No Django here.

PostgreSQL stems words with its text-search configurations (``english``, ``russian``); SQLite
has no Russian stemmer, so its twin stems the query's words with the same Snowball algorithms and
matches every word that begins with the stem: "решения" finds "решение" on both.
"""

from __future__ import annotations

import html
import re

# Marks around a matched word in a snippet, from Unicode's private use area: the databases put
# them in, the page escapes everything else and turns them into <mark> elements. Indexed texts
# never hold them (``clean``), so a record cannot forge a highlight.
START, STOP = "\ue000", "\ue001"
MAX_WORDS = 12
MAX_QUERY = 200
_WORD = re.compile(r"\w+", re.UNICODE)
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[a-z]")
_stemmers: dict[str, object] = {}


def clean(text: str) -> str:
    """A text as indexed: without the highlight marks nor NUL characters."""
    return text.replace(START, "").replace(STOP, "").replace("\x00", "")


def words(query: str) -> list[str]:
    """The words of a query, lower-cased, at most ``MAX_WORDS``; punctuation separates words."""
    return _WORD.findall(query[:MAX_QUERY].lower())[:MAX_WORDS]


def _stemmer(language: str):
    if language not in _stemmers:
        # deferred: snowballstemmer loads every language's stemmer (a tenth of a second) and only
        # a search on SQLite stems words, not every process that starts.
        import snowballstemmer

        _stemmers[language] = snowballstemmer.stemmer(language)
    return _stemmers[language]


def stem(word: str) -> str:
    """A word's Snowball stem: Russian for Cyrillic words, English for Latin ones; Dari, Pashto
    and digits as written."""
    if _CYRILLIC.search(word):
        return _stemmer("russian").stemWord(word) or word
    if _LATIN.search(word):
        return _stemmer("english").stemWord(word) or word
    return word


def fts5_query(query: str) -> str:
    """The FTS5 MATCH expression of a query: every word's stem as a prefix, all required; empty
    when the query has no word. Each stem is quoted, so no word is read as an FTS5 operator."""
    terms = []
    for word in words(query):
        stemmed = stem(word).replace('"', "")
        if stemmed:
            terms.append(f'"{stemmed}"*')
    return " ".join(terms)


def highlighted(snippet: str) -> str:
    """A snippet as HTML: its text escaped, its marked words in <mark> elements (an unpaired
    mark is dropped)."""
    out, open_ = [], False
    for part in re.split(f"([{START}{STOP}])", snippet):
        if part == START and not open_:
            out.append("<mark>")
            open_ = True
        elif part == STOP and open_:
            out.append("</mark>")
            open_ = False
        elif part not in (START, STOP):
            out.append(html.escape(part, quote=True))
    if open_:
        out.append("</mark>")
    return "".join(out)
