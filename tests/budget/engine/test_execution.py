"""Budget execution: rates, roll-ups up the ministry tree, months and pledge coverage."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.budget.engine.calendar import fiscal_year
from accord.budget.engine.execution import (
    BudgetLineFigures,
    Figures,
    execution_rate,
    monthly_execution,
    pledge_coverage,
    roll_up,
)

amounts = st.integers(min_value=0, max_value=10**15)
figures = st.builds(Figures, amounts, amounts, amounts, amounts)
codes = st.sampled_from(["A", "B", "C"])
lines = st.lists(
    st.builds(BudgetLineFigures, st.sampled_from(["MOD", "MOI"]), codes, codes, codes, figures),
    max_size=30,
)


def test_execution_rate_is_expenditure_over_allotment():
    assert execution_rate(800, 650) == Decimal("0.8125")
    assert execution_rate(3, 1) == Decimal("0.3333")
    assert execution_rate(3, 2) == Decimal("0.6667")
    assert execution_rate(100, 150) == Decimal("1.5000")  # overspending shows above 1
    assert execution_rate(100, 0) == Decimal("0.0000")


def test_execution_rate_is_none_when_nothing_was_allotted():
    assert execution_rate(0, 0) is None
    assert execution_rate(0, 500) is None


def test_execution_rate_rounds_half_to_even():
    assert execution_rate(20000, 1) == Decimal("0.0000")  # 0.00005 -> 0.0000
    assert execution_rate(20000, 3) == Decimal("0.0002")  # 0.00015 -> 0.0002


def test_execution_rate_refuses_negative_and_non_integer_amounts():
    with pytest.raises(ValueError, match="negative"):
        execution_rate(-1, 5)
    with pytest.raises(TypeError, match="minor units"):
        execution_rate(100, 1.5)
    with pytest.raises(TypeError):
        execution_rate(True, 1)


@given(amounts, amounts)
def test_execution_rate_is_never_negative_and_close_to_the_true_ratio(allotted, expended):
    rate = execution_rate(allotted, expended)
    if allotted == 0:
        assert rate is None
        return
    assert rate >= 0
    assert abs(rate - Decimal(expended) / Decimal(allotted)) <= Decimal("0.00005")


def test_a_ministry_tree_rolls_up():
    data = [
        BudgetLineFigures("MOD", "P1", "SP1", "L1", Figures(100, 80, 60, 40)),
        BudgetLineFigures("MOD", "P1", "SP1", "L2", Figures(50, 50, 50, 50)),
        BudgetLineFigures("MOD", "P2", "SP1", "L1", Figures(10, 0, 0, 0)),
        BudgetLineFigures("MOI", "P1", "SP9", "L1", Figures(5, 5, 1, 1)),
    ]
    names = {("MOD",): "Ministry of Defense", ("MOD", "P1"): "Army sustainment"}
    roll = roll_up(data, names)
    assert roll.total == Figures(165, 135, 111, 91)
    mod = roll.node("MOD")
    assert mod.name == "Ministry of Defense"
    assert mod.level == "ministry"
    assert mod.figures == Figures(160, 130, 110, 90)
    assert mod.execution_rate == Decimal("0.6923")
    p1 = roll.node("MOD", "P1")
    assert (p1.level, p1.name, p1.figures) == (
        "programme",
        "Army sustainment",
        Figures(150, 130, 110, 90),
    )
    p2 = roll.node("MOD", "P2")
    assert p2.name == "P2"
    assert p2.execution_rate is None  # nothing allotted
    assert p2.figures.unfunded == 10
    line = roll.node("MOD", "P1", "SP1", "L2")
    assert (line.level, line.code, line.path) == ("line", "L2", ("MOD", "P1", "SP1", "L2"))
    assert [n.code for n in roll.walk()] == [
        "MOD", "P1", "SP1", "L1", "L2", "P2", "SP1", "L1", "MOI", "P1", "SP9", "L1",
    ]  # fmt: skip
    with pytest.raises(KeyError):
        roll.node("MOD", "P3")


def test_repeated_lines_are_added_together():
    row = BudgetLineFigures("MOD", "P1", "SP1", "L1", Figures(1, 2, 3, 4))
    roll = roll_up([row, row])
    assert roll.node("MOD", "P1", "SP1", "L1").figures == Figures(2, 4, 6, 8)


def test_an_empty_budget_rolls_up_to_zero():
    roll = roll_up([])
    assert roll.total == Figures()
    assert roll.ministries == ()
    assert roll.execution_rate is None


def test_figures_refuse_negative_amounts_and_empty_codes():
    with pytest.raises(ValueError, match="expenditure cannot be negative"):
        Figures(0, 0, 0, -1)
    with pytest.raises(ValueError, match="empty code"):
        roll_up([BudgetLineFigures("MOD", "", "SP1", "L1", Figures())])


@given(lines)
def test_every_node_is_the_sum_of_its_leaves(data):
    roll = roll_up(data)
    total = Figures()
    for row in data:
        total += row.figures
    assert roll.total == total
    for node in roll.walk():
        leaves = [row.figures for row in data if row.path[: len(node.path)] == node.path]
        assert node.figures == sum(leaves, Figures())
        if node.children:
            assert node.figures == sum((c.figures for c in node.children), Figures())
            assert [c.code for c in node.children] == sorted(c.code for c in node.children)
        rate = node.execution_rate
        assert rate is None if node.figures.allotment == 0 else rate >= 0


def test_monthly_execution_follows_the_solar_months_of_the_fiscal_year():
    fy = fiscal_year("1394")  # 1 Jadi 1393 to 30 Qaws 1394
    spent = [
        (date(2014, 12, 22), 100),  # 1 Jadi 1393
        (date(2015, 1, 20), 50),  # 30 Jadi 1393
        (date(2015, 3, 21), 200),  # 1 Hamal 1394
        (date(2015, 12, 21), 25),  # 30 Qaws 1394
    ]
    rows = monthly_execution(fy, 1000, spent)
    assert [r.month.label for r in rows][:4] == ["Jadi 1393", "Dalw 1393", "Hut 1393", "Hamal 1394"]
    assert [r.expended for r in rows] == [150, 0, 0, 200, 0, 0, 0, 0, 0, 0, 0, 25]
    assert rows[-1].cumulative == 375
    assert rows[-1].cumulative_rate == Decimal("0.3750")
    assert rows[0].cumulative_rate == Decimal("0.1500")


def test_monthly_execution_refuses_a_day_outside_the_year():
    fy = fiscal_year("1394")
    with pytest.raises(ValueError, match="not in fiscal year 1394"):
        monthly_execution(fy, 1000, [(fy.end + timedelta(days=1), 5)])


@given(st.lists(st.tuples(st.integers(0, 364), amounts), max_size=20))
def test_monthly_execution_accounts_for_every_expenditure(entries):
    fy = fiscal_year("1395")
    spent = [(fy.start + timedelta(days=offset), amount) for offset, amount in entries]
    rows = monthly_execution(fy, 10**9, spent)
    assert sum(r.expended for r in rows) == sum(a for _, a in spent)
    assert rows[-1].cumulative == sum(a for _, a in spent)
    assert all(a.cumulative <= b.cumulative for a, b in pairwise(rows))


def test_pledge_coverage_compares_the_chicago_pledge_with_funding_by_year():
    pledged = {2015: 4_100, 2016: 4_100, 2017: 4_100}
    funded = {2015: 3_900, 2016: 4_300, 2018: 100}
    rows = pledge_coverage(pledged, funded)
    assert [(r.year, r.pledged, r.funded, r.gap) for r in rows] == [
        (2015, 4100, 3900, 200),
        (2016, 4100, 4300, -200),
        (2017, 4100, 0, 4100),
        (2018, 0, 100, -100),
    ]
    assert rows[0].rate == Decimal("0.9512")
    assert rows[3].rate is None
