import pytest

from accord.access import system_principal
from accord.core.models import Nation
from accord.funds import services
from accord.funds.inputs import FundValues


@pytest.fixture
def system():
    return system_principal("tests")


@pytest.fixture
def nation():
    return lambda iso3: Nation.objects.get(iso3=iso3)


@pytest.fixture
def fund(db, system, nation):
    """A fresh, open EUR fund with Germany and Russia as donors and nothing posted yet."""
    return services.fund_create(
        actor=system,
        values=FundValues(
            code="test_fund",
            name="Test Trust Fund",
            currency="EUR",
            purpose="Tests",
            donors=[nation("DEU"), nation("RUS")],
        ),
    )
