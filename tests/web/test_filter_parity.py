"""Every module's filters answer a code the reader may not see exactly as a code that does not
exist: the same status and the same body (apart from echoing the code the caller sent), so a
filter never tells Russia's delegation or the public that a NATO-only record exists.

The registry's and the council's filters are covered beside them (tests/core/test_side_doors.py,
tests/council/test_side_doors.py); here the budget's and the transit network's.
"""

from datetime import date

import pytest

from accord.budget.models import FiscalYear, Ministry
from accord.core.models import Nation

pytestmark = pytest.mark.django_db

OUTSIDERS = [None, "delegation-rus"]


@pytest.fixture
def hidden():
    """A NATO-only ministry and fiscal year, and a NATIONAL (US) nation."""
    Ministry.objects.create(code="canary_min", name="Canary ministry", marking="NATO")
    FiscalYear.objects.create(
        label="1350", start=date(1971, 3, 21), end=date(1972, 3, 20), marking="NATO"
    )
    Nation.objects.create(
        iso3="XQZ",
        name="Canary Republic",
        marking="NATIONAL",
        owner_nation=Nation.objects.get(iso3="USA"),
    )


def _same_answer(client, url: str, hidden_code: str, unknown_code: str):
    secret = client.get(url.format(code=hidden_code))
    missing = client.get(url.format(code=unknown_code))
    # The body may repeat the code the caller typed; nothing else may differ.
    secret_body = secret.content.replace(hidden_code.encode(), b"<code>")
    missing_body = missing.content.replace(unknown_code.encode(), b"<code>")
    assert (secret.status_code, secret_body) == (missing.status_code, missing_body), url
    return secret


BUDGET_FILTERS = [
    ("/api/v1/budget/lines?ministry={code}", "canary_min", "nosuch_min"),
    ("/api/v1/budget/programmes?ministry={code}", "canary_min", "nosuch_min"),
    ("/api/v1/budget/sub-programmes?ministry={code}", "canary_min", "nosuch_min"),
    ("/api/v1/budget/lines?fiscal_year={code}", "1350", "1351"),
    ("/api/v1/budget/execution?fiscal_year={code}", "1350", "1351"),
    ("/api/v1/budget/execution/monthly?fiscal_year={code}", "1350", "1351"),
]


@pytest.mark.parametrize("who", OUTSIDERS)
@pytest.mark.parametrize(("url", "hidden_code", "unknown_code"), BUDGET_FILTERS)
def test_a_hidden_code_in_a_budget_filter_answers_as_an_unknown_one(
    client_as, hidden, who, url, hidden_code, unknown_code
):
    answer = _same_answer(client_as(who), url, hidden_code, unknown_code)
    assert answer.status_code == 422


def test_a_nato_reader_filters_by_the_nato_ministry(client_as, hidden):
    answer = client_as("delegation-usa").get("/api/v1/budget/programmes?ministry=canary_min")
    assert answer.status_code == 200
    assert answer.json() == []


TRANSIT_FILTERS = [
    ("/api/v1/transit/agreements?country={code}", "XQZ", "XQQ"),
]


@pytest.mark.parametrize("who", ["delegation-rus", "spoke-north"])
@pytest.mark.parametrize(("url", "hidden_code", "unknown_code"), TRANSIT_FILTERS)
def test_a_hidden_code_in_a_transit_filter_answers_as_an_unknown_one(
    client_as, hidden, who, url, hidden_code, unknown_code
):
    answer = _same_answer(client_as(who), url, hidden_code, unknown_code)
    assert answer.status_code == 200
    assert answer.json()["count"] == 0
