"""Budget fixtures: the scenario's lines (FY 1394 closed, FY 1395 open) and a fresh line."""

from datetime import date

import pytest

from accord.access import system_principal
from accord.budget import services
from accord.budget.inputs import BudgetLineValues, SustainmentPledgeValues
from accord.budget.models import BudgetLine, FiscalYear, SubProgramme, SustainmentPledge

SYSTEM = system_principal("tests")
SUSTAINMENT_YEARS = range(2012, 2031)  # the years the model's check constraint accepts


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


MILLION_USD = 100_000_000  # in minor units


def sustainment_pledge_make(
    year: int,
    donor_group: str,
    pledged_millions: int,
    actual_millions: int | None = None,
    *,
    estimated: bool = False,
):
    """One donor group's pledge to the sustainment model for ``year``, in millions of USD."""
    actual = None if actual_millions is None else actual_millions * MILLION_USD
    return services.sustainment_pledge_create(
        actor=SYSTEM,
        values=SustainmentPledgeValues(
            year=year,
            donor_group=donor_group,
            pledged_usd_minor=pledged_millions * MILLION_USD,
            actual_usd_minor=actual,
            pledged_estimated=estimated,
            marking="PUBLIC",
        ),
    )


def years_without_pledges() -> list[int]:
    """The years the model accepts that hold no pledge yet, so that a test's own pledges are
    their only ones whatever years the demo's model reaches."""
    taken = set(SustainmentPledge.objects.values_list("year", flat=True))
    return [year for year in SUSTAINMENT_YEARS if year not in taken]


@pytest.fixture
def own_sustainment_years(db) -> tuple[int, int]:
    """Two years of pledges of the test's own (returned): in the first, two groups' actual
    funding is known and the third's is not (3,800.0 million USD pledged, 2,900.0 funded); in
    the second nothing is known yet."""
    known, unknown = years_without_pledges()[-2:]
    sustainment_pledge_make(known, "us", 2_000, 1_900)
    sustainment_pledge_make(known, "other_nations", 1_300, 1_000, estimated=True)
    sustainment_pledge_make(known, "afghan_government", 500)
    sustainment_pledge_make(unknown, "us", 2_500)
    return known, unknown


@pytest.fixture
def open_pledge(db):
    """A pledge of 500.0 million USD whose actual funding is not known yet, in a year of its
    own."""
    return sustainment_pledge_make(years_without_pledges()[-1], "afghan_government", 500)
