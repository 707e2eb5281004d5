"""The demo scenario's funds: what the mission fixture loads."""

from accord.funds import selectors
from accord.funds.models import Contribution, LedgerEntry, TrustFund


def test_the_scenario_loads_the_funds_with_a_marked_history(db, system):
    hmtf = TrustFund.objects.get(code="nrc_hmtf")
    assert hmtf.currency == "EUR"
    assert hmtf.marking == "PUBLIC"
    assert set(hmtf.donors.values_list("iso3", flat=True)) >= {"RUS", "DEU", "USA", "CZE"}
    assert TrustFund.objects.get(code="ana_tf").marking == "NATO"
    s = selectors.fund_statement(actor=system, fund=hmtf).statement
    assert s.available >= 0
    assert s.received > s.disbursed > 0
    assert Contribution.objects.filter(fund=hmtf, kind="in_kind").exists()
    # Illustrative figures say so.
    assert LedgerEntry.objects.filter(fund=hmtf, estimated=True).exists()
    russia = next(d for d in s.donors if d.nation == "RUS")
    assert russia.received > 0


def test_loading_the_scenario_again_posts_nothing_new(db, system):
    from accord.audit.models import AuditEntry
    from accord.core.management.commands.load_scenario import packaged_scenario
    from accord.core.services import scenario_load

    entries = LedgerEntry.objects.count()
    done = AuditEntry.objects.filter(outcome="done", action__startswith="contribution").count()
    text, name = packaged_scenario()
    scenario_load(actor=system, text=text, filename=name)
    assert LedgerEntry.objects.count() == entries
    assert (
        AuditEntry.objects.filter(outcome="done", action__startswith="contribution").count() == done
    )
