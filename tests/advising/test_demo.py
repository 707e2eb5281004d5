"""The demo's advising: teams at the hub and every spoke, two years of ratings with the north's
dip, reports and evidence; a second run adds nothing."""

from django.utils import timezone

from accord.access import system_principal
from accord.advising.demo import MONTHS, TEAMS, advisor_teams
from accord.advising.models import AdvisorTeam, EngagementReport, Evidence, Rating
from accord.personnel.demo import afghan_payroll


def test_the_demo_plans_rates_and_reports(db):
    actor = system_principal("tests")
    afghan_payroll(actor, timezone.now())  # the payroll month the evidence names
    before = Rating.objects.count()
    said = advisor_teams(actor, timezone.now())
    teams = AdvisorTeam.objects.exclude(code__startswith="mx-")
    assert set(teams.values_list("site__code", flat=True)) == {
        "rs_hq_kabul",
        "taac_east",
        "taac_north",
        "taac_south",
        "taac_west",
    }
    made = Rating.objects.count() - before
    # 36 milestones (six at each ministry, four at each corps or zone), rated monthly.
    assert made == 36 * len(MONTHS) == 864
    assert "(864 ratings)" in said
    assert (
        EngagementReport.objects.filter(marking="NATIONAL", owner_nation__iso3="DEU").count() == 1
    )
    assert set(
        Evidence.objects.filter(rating__counterpart__code="mod").values_list("kind", flat=True)
    ) == {
        "budget_execution",
        "payroll_reconciliation",
    }
    assert len(TEAMS) == teams.count()
    assert advisor_teams(actor, timezone.now()) is None
