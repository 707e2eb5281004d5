"""Amendments as text changes, and the word-level difference between two versions of a text.

A member breaking silence may propose amendments against the circulated version: each replaces
one passage (``old``, words exactly as they stand in the text, found once) with another
(``new``; empty deletes it). The secretariat accepts or rejects each; an accepted one is
applied to the next version. Pure functions over strings: no Django.

The difference is word-level: runs of words kept, deleted and inserted (``difflib``'s
matching of word sequences, whitespace kept with the word before it), so that a reader sees
"train ~~300~~ **400** officers" rather than two whole paragraphs.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from accord.errors import Code, ValidationFailed
from accord.errors import gettext_noop as _

# A word with the spaces after it; punctuation stands alone so that "officers," and "officers"
# differ by the comma only.
_TOKENS = re.compile(r"\w+\s*|[^\w\s]\s*|\s+")


@dataclass(frozen=True)
class Change:
    """One run of the difference: ``equal``, ``delete`` or ``insert``, and its text."""

    op: str
    text: str


def words(text: str) -> list[str]:
    return _TOKENS.findall(text or "")


def difference(before: str, after: str) -> list[Change]:
    """The word-level difference from ``before`` to ``after`` as runs of changes, in order."""
    a, b = words(before), words(after)
    runs: list[Change] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            runs.append(Change("equal", "".join(a[i1:i2])))
            continue
        if tag in ("delete", "replace"):
            runs.append(Change("delete", "".join(a[i1:i2])))
        if tag in ("insert", "replace"):
            runs.append(Change("insert", "".join(b[j1:j2])))
    return runs


def check(text: str, old: str, new: str) -> None:
    """Refuse an amendment that cannot be applied to ``text``: its passage missing, found more
    than once (say more words), or changing nothing."""
    if not (old or "").strip():
        raise ValidationFailed(
            _("Quote the words to change, exactly as they stand in the circulated text."),
            errors={"old": [_("required")]},
        )
    if old == new:
        raise ValidationFailed(
            _("The amendment changes nothing: the new words are the same as the old."),
            errors={"new": [_("the same as the old words")]},
        )
    found = (text or "").count(old)
    if found == 0:
        raise ValidationFailed(
            _(
                "The words to change are not in the text as it stands; quote them exactly "
                "(the text may have changed since)."
            ),
            code=Code.AMENDMENT_NOT_FOUND,
            errors={"old": [_("not in the text")]},
        )
    if found > 1:
        raise ValidationFailed(
            _(
                "The words to change occur %(count)s times in the text; quote a few more words "
                "around them so that they occur once."
            )
            % {"count": found},
            code=Code.AMENDMENT_AMBIGUOUS,
            errors={"old": [_("found more than once")]},
        )


def apply(text: str, old: str, new: str) -> str:
    """``text`` with the passage ``old`` (found exactly once) replaced by ``new``."""
    check(text, old, new)
    return text.replace(old, new, 1)
