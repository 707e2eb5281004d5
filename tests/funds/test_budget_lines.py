"""The funds reach budget lines only through the reads the budget app provides (ADR 0007)."""

import pytest

from accord.budget import selectors as budget_selectors
from accord.errors import NotFound
from accord.funds import budget_lines


def test_the_budget_app_provides_the_reads_when_it_starts():
    assert budget_lines._reads == budget_lines.BudgetLineReads(
        get=budget_selectors.budget_line_get, choices=budget_selectors.budget_line_choices
    )


def test_without_the_budget_app_no_line_can_be_named(monkeypatch):
    monkeypatch.setattr(budget_lines, "_reads", None)
    assert budget_lines.budget_line_choices(actor=None) == []
    with pytest.raises(NotFound):
        budget_lines.budget_line_get(actor=None, pk=1)
