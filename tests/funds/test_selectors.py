"""The funds' selectors that read many funds at once answer as the one-fund reads do."""

import pytest

from accord.core.models import User
from accord.funds import selectors
from accord.funds.models import TrustFund
from tests.funds.conftest import fund_make

pytestmark = pytest.mark.django_db

READERS = [None, "auditor", "delegation-rus", "delegation-usa"]


def _actor(username):
    return None if username is None else User.objects.get(username=username)


@pytest.mark.parametrize("username", READERS)
def test_many_funds_read_at_once_give_each_funds_own_figures(username):
    actor = _actor(username)
    funds = list(selectors.fund_list(actor=actor))
    assert funds
    statements = selectors.fund_statements(actor=actor, funds=funds)
    positions = selectors.fund_positions(actor=actor, funds=funds)
    timelines = selectors.timelines(actor=actor, funds=funds)
    references = dict(selectors.funds_with_references(actor=actor, funds=funds))
    for fund, batched in zip(funds, statements, strict=True):
        single = selectors.fund_statement(actor=actor, fund=fund)
        assert batched == single
        assert positions[fund.pk].available == single.statement.available
        assert timelines[fund.pk] == selectors.timeline(actor=actor, fund=fund)
        assert references[fund] == selectors.fund_references(actor=actor, fund=fund)


def test_a_fund_the_reader_may_not_read_is_left_out_of_the_batch():
    fund_make("own_nato_fund", marking="NATO")
    fund_make("own_public_fund", marking="PUBLIC")
    rus = _actor("delegation-rus")
    funds = list(TrustFund.objects.all())
    read = {fs.fund.code for fs in selectors.fund_statements(actor=rus, funds=funds)}
    assert "own_nato_fund" not in read
    assert "own_public_fund" in read


def test_a_statement_as_of_today_holds_what_was_received_up_to_today():
    """Money received today counts today; money dated 2099 is refused when it is recorded
    (tests/funds/test_ledger.py), so no statement "as of today" can count it."""
    from datetime import timedelta

    from django.utils import timezone

    from tests.funds.conftest import contribution_make

    fund = fund_make()
    today = timezone.localdate()
    contribution_make(fund, "DEU", "100", today - timedelta(days=1))
    contribution_make(fund, "DEU", "900", today)
    now = selectors.fund_statement(actor=None, fund=fund).statement
    yesterday = selectors.fund_statement(actor=None, fund=fund, at=today - timedelta(days=1))
    assert now.received == 10 * yesterday.statement.received
