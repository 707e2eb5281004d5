"""Oversight's rules: the dashboard's age brackets and when a recommendation may close."""

from datetime import date

import pytest

from accord.oversight.engine import age_bracket, closure_problem

OPENED = date(2025, 1, 1)


@pytest.mark.parametrize(
    ("days", "bracket"),
    [(0, "0-30"), (30, "0-30"), (31, "31-90"), (90, "31-90"), (91, "91-180"), (181, "181+")],
)
def test_an_open_recommendation_falls_in_the_bracket_of_its_age(days, bracket):
    assert age_bracket(OPENED, date.fromordinal(OPENED.toordinal() + days)) == bracket


def test_a_recommendation_opened_in_the_future_counts_as_new():
    assert age_bracket(date(2025, 2, 1), OPENED) == "0-30"


@pytest.mark.parametrize(
    ("outcome", "is_open", "accepted_by", "actions", "problem"),
    [
        ("risk_accepted", True, "Deputy commander", [], None),
        ("risk_accepted", True, "  ", [], "acceptor"),
        ("remediated", True, "", [], "evidence"),
        ("remediated", True, "", [(True, True)], None),
        ("remediated", True, "", [(True, True), (False, False)], "undone"),
        ("remediated", False, "", [(True, True)], "closed"),
        ("risk_accepted", False, "Deputy commander", [], "closed"),
        ("abandoned", True, "", [], "outcome"),
    ],
)
def test_a_recommendation_closes_only_when_its_outcome_is_backed(
    outcome, is_open, accepted_by, actions, problem
):
    got = closure_problem(
        outcome=outcome, is_open=is_open, accepted_by=accepted_by, actions=actions
    )
    assert got == problem
