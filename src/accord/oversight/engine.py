"""Oversight's rules as plain Python: when a recommendation may close, and how old it is.

No Django here: the services ask these questions and raise the errors the answers name.
"""

from __future__ import annotations

from datetime import date

REMEDIATED = "remediated"
RISK_ACCEPTED = "risk_accepted"

# The dashboard's age brackets of open recommendations: (upper bound in days, key); the last
# bracket has no bound.
AGE_BRACKETS = ((30, "0-30"), (90, "31-90"), (180, "91-180"), (None, "181+"))


def age_bracket(opened_on: date, today: date) -> str:
    """The bracket of an open recommendation's age in days (a date in the future counts as 0)."""
    days = max((today - opened_on).days, 0)
    for bound, key in AGE_BRACKETS:
        if bound is None or days <= bound:
            return key
    raise AssertionError("the last bracket has no bound")


def closure_problem(
    *, outcome: str, is_open: bool, accepted_by: str, actions: list[tuple[bool, bool]]
) -> str | None:
    """Why a recommendation may not close this way, or None.

    ``actions``: for each of its corrective actions, (done, has evidence). A recommendation
    closes once; remediated needs at least one action done with its evidence and none left
    undone; risk-accepted needs the name of whoever accepted the risk.
    """
    if not is_open:
        return "closed"
    if outcome not in (REMEDIATED, RISK_ACCEPTED):
        return "outcome"
    if outcome == RISK_ACCEPTED:
        return None if accepted_by.strip() else "acceptor"
    if not any(done and evidence for done, evidence in actions):
        return "evidence"
    if any(not done for done, _evidence in actions):
        return "undone"
    return None
