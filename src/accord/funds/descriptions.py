"""What a ledger entry says it is: written once into the entry in English, the words every reader
of the API and the IATI file meets, and read back on the pages in the reader's language.

    written(PLEDGE, party="Germany")        "Pledge of Germany" (stored)
    shown("Pledge of Germany")              "Объявленный взнос: Germany" for a Russian reader

A text that is none of these (an entry written before them, or by hand) is shown as it is.
"""

from __future__ import annotations

import re
from functools import cache

from django.utils.translation import gettext, gettext_noop

PLEDGE = gettext_noop("Pledge of %(party)s")
# Before CONTRIBUTION: the longer pattern is tried first, so "in kind" is not read as a name.
CONTRIBUTION_IN_KIND = gettext_noop("Contribution of %(party)s in kind")
CONTRIBUTION = gettext_noop("Contribution of %(party)s")
COMMITMENT = gettext_noop("Commitment to %(party)s")
DISBURSEMENT = gettext_noop("Disbursement to %(party)s")
CANCELLATION = gettext_noop("Cancellation of Commitment %(entry)s to %(party)s")
REFUND = gettext_noop("Refund to %(party)s")
REVERSAL = gettext_noop("Reversal of %(entry)s: %(reason)s")
EXPENDITURE = gettext_noop("Expenditure reported by %(party)s")
INTEREST = gettext_noop("Interest earned: %(party)s")
FEE = gettext_noop("Administrative agent's fee: %(party)s")
DIRECT_COST = gettext_noop("Direct cost: %(party)s")
FX_REALISED = gettext_noop("Exchange difference on %(entry)s")
REVALUATION = gettext_noop("Revaluation of open pledges at %(party)s")

_ALL = (
    PLEDGE,
    CONTRIBUTION_IN_KIND,
    CONTRIBUTION,
    COMMITMENT,
    DISBURSEMENT,
    CANCELLATION,
    REFUND,
    REVERSAL,
    EXPENDITURE,
    INTEREST,
    FEE,
    DIRECT_COST,
    FX_REALISED,
    REVALUATION,
)
_PLACEHOLDER = re.compile(r"%\\\((\w+)\\\)s")


def written(description: str, **parts: str) -> str:
    """The entry's description as it is stored: in English, whoever posts it."""
    return description % parts


@cache
def _pattern(description: str) -> re.Pattern:
    """The stored text's shape, each placeholder a named group (an entry id has no space)."""
    escaped = re.escape(description)
    return re.compile(
        _PLACEHOLDER.sub(
            lambda m: rf"(?P<{m[1]}>\S+)" if m[1] == "entry" else rf"(?P<{m[1]}>.+)", escaped
        ),
        re.S,
    )


def shown(text: str) -> str:
    """A stored description in the reader's language; as it is when it has none of the shapes."""
    for description in _ALL:
        match = _pattern(description).fullmatch(text or "")
        if match:
            return gettext(description) % match.groupdict()
    return text
