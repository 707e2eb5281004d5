"""Rows that carry their parent's marking follow the parent's re-marking (issue 9, §1).

A fund's pledges, contributions, commitments, disbursements and refunds, a body's meetings,
consultations and decisions, and a budget line's entries copy their parent's marking when they are
written (``AccessRule.read_through``). Re-marking the parent narrower must take every such row out
of the reach of those who lose the parent, at once, and leave it with those who keep it.
"""

import pytest

from accord import access
from accord.access import ANONYMOUS, system_principal
from accord.core.services import record_update
from accord.markings import Marking

pytestmark = pytest.mark.django_db

SYSTEM = system_principal("tests")


def _re_mark(obj, marking):
    return record_update(
        actor=SYSTEM,
        obj=obj,
        data={"marking": marking},
        expected_version=obj.version,
        action="test.re_mark",
    )


def test_a_body_re_marked_nato_takes_its_meetings_and_decisions_from_russia(client_as, persona):
    from accord.council.models import Body, Consultation, Decision, Meeting

    decision = Decision.objects.filter(marking=Marking.NRC).order_by("pk").first()
    nrc = Body.objects.get(pk=decision.body_id)
    reference = decision.reference
    assert (
        client_as("delegation-rus").get(f"/api/v1/council/decisions/{reference}").status_code == 200
    )
    _re_mark(nrc, Marking.NATO)

    rus, usa = persona("delegation-rus"), persona("delegation-usa")
    for model in (Meeting, Consultation, Decision):
        rows = model.objects.filter(body=nrc)
        assert not access.visible(rows, rus).exists(), model.__name__
        assert not any(access.can_view(rus, row) for row in rows), model.__name__
        assert access.visible(rows, usa).count() == rows.count(), model.__name__
    assert (
        client_as("delegation-rus").get(f"/api/v1/council/decisions/{reference}").status_code == 404
    )
    listed = client_as("delegation-rus").get("/api/v1/council/decisions?page_size=500").content
    assert reference.encode() not in listed
    assert (
        client_as("delegation-usa").get(f"/api/v1/council/decisions/{reference}").status_code == 200
    )


def test_a_fund_re_marked_nato_takes_its_ledger_rows_from_the_public(persona):
    from accord.funds.models import Contribution, Pledge, TrustFund

    fund = TrustFund.objects.get(
        pk=Pledge.objects.filter(marking=Marking.PUBLIC).order_by("pk").first().fund_id
    )
    pledges = Pledge.objects.filter(fund=fund)
    assert access.visible(pledges, ANONYMOUS).exists()
    _re_mark(fund, Marking.NATO)

    usa = persona("delegation-usa")
    for model in (Pledge, Contribution):
        rows = model.objects.filter(fund=fund)
        assert not access.visible(rows, ANONYMOUS).exists(), model.__name__
        assert not any(access.can_view(ANONYMOUS, row) for row in rows), model.__name__
        assert access.visible(rows, usa).count() == rows.count(), model.__name__


def test_a_budget_line_re_marked_nato_takes_its_entries_from_the_public(persona):
    from accord.budget.models import BudgetEntry, BudgetLine

    line = (
        BudgetLine.objects.filter(marking=Marking.PUBLIC, entries__isnull=False)
        .order_by("pk")
        .first()
    )
    entries = BudgetEntry.objects.filter(line=line)
    assert access.visible(entries, ANONYMOUS).exists()
    _re_mark(line, Marking.NATO)

    assert not access.visible(entries, ANONYMOUS).exists()
    assert not any(access.can_view(ANONYMOUS, entry) for entry in entries)
    assert access.visible(entries, persona("delegation-usa")).count() == entries.count()
