"""Budget fixtures: the scenario's lines (FY 1394 closed, FY 1395 open) and a fresh line."""

from datetime import date

import pytest

from accord.access import system_principal
from accord.budget import services
from accord.budget.inputs import BudgetLineValues
from accord.budget.models import BudgetLine, FiscalYear, SubProgramme

SYSTEM = system_principal("tests")


@pytest.fixture
def fy1395(db):
    return FiscalYear.objects.get(label="1395")


@pytest.fixture
def fy1394(db):
    return FiscalYear.objects.get(label="1394")


@pytest.fixture
def fresh_line(fy1395):
    """An empty AFN line in FY 1395 with an allotment of 1,000.00 AFN (100,000 minor units)."""

    def make(code="test-line", allot=100_000, marking="PUBLIC", currency="AFN"):
        line = services.budget_line_create(
            actor=SYSTEM,
            values=BudgetLineValues(
                sub_programme=SubProgramme.objects.get(
                    programme__ministry__code="mod", programme__code="p2", code="fuel"
                ),
                fiscal_year=fy1395,
                code=code,
                name=f"Line {code}",
                currency=currency,
                marking=marking,
            ),
        )
        if allot:
            services.budget_entry_record(
                actor=SYSTEM,
                line=line,
                kind="allotment",
                date=date(2016, 1, 10),
                amount_minor=allot,
            )
        return BudgetLine.objects.get(pk=line.pk)

    return make
