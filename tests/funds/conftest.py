"""Funds fixtures: a fresh fund, and small helpers that move money through the services.

Tests that assert a figure (a balance, what is left of a commitment, a statement at a date)
build their own fund with these helpers rather than read the demo's funds, so that the figure
follows from the test's own entries and every posting keeps the ledger and the audit trail
whole.
"""

from datetime import date

import pytest

from accord.access import system_principal
from accord.core.models import Nation
from accord.funds import services
from accord.funds.inputs import FundValues
from accord.funds.models import Commitment, Contribution, Disbursement, Pledge, TrustFund

SYSTEM = system_principal("tests")


def fund_make(
    code: str = "test_fund",
    *,
    name: str = "Test Trust Fund",
    currency: str = "EUR",
    donors=("DEU", "RUS"),
    **extra,
) -> TrustFund:
    """An open fund with nothing posted yet, its donors named by ISO 3166 alpha-3 codes."""
    return services.fund_create(
        actor=SYSTEM,
        values=FundValues(
            code=code,
            name=name,
            currency=currency,
            purpose="Tests",
            donors=[Nation.objects.get(iso3=iso3) for iso3 in donors],
            **extra,
        ),
    )


def pledge_make(
    fund: TrustFund, iso3: str, amount: str, day: date, *, period: tuple[date, date] | None = None
) -> Pledge:
    """A pledge in the fund's currency, to be paid within ``period`` if one is given."""
    start, end = period or (None, None)
    return services.pledge_record(
        actor=SYSTEM,
        fund=fund,
        nation=Nation.objects.get(iso3=iso3),
        amount=amount,
        currency=fund.currency,
        day=day,
        period_start=start,
        period_end=end,
    )


def contribution_make(
    fund: TrustFund, iso3: str, amount: str, day: date, *, pledge: Pledge | None = None
) -> Contribution:
    """Money received in the fund's currency, against ``pledge`` if one is given."""
    return services.contribution_record(
        actor=SYSTEM,
        fund=fund,
        nation=Nation.objects.get(iso3=iso3),
        amount=amount,
        currency=fund.currency,
        day=day,
        pledge=pledge,
    )


def commitment_make(fund: TrustFund, amount: str, day: date, payee: str) -> Commitment:
    return services.commitment_record(actor=SYSTEM, fund=fund, amount=amount, day=day, payee=payee)


def disbursement_make(
    fund: TrustFund, amount: str, day: date, *, commitment: Commitment | None = None
) -> Disbursement:
    payee = {"commitment": commitment} if commitment else {"payee": "Test vendor"}
    return services.disbursement_record(actor=SYSTEM, fund=fund, amount=amount, day=day, **payee)


def exchange_rate_make(currency: str, day: date, per_eur: str) -> None:
    services.exchange_rate_set(actor=SYSTEM, currency=currency, day=day, per_eur=per_eur)


@pytest.fixture
def system():
    return SYSTEM


@pytest.fixture
def nation():
    return lambda iso3: Nation.objects.get(iso3=iso3)


@pytest.fixture
def fund(db):
    """A fresh, open EUR fund with Germany and Russia as donors and nothing posted yet."""
    return fund_make()
