"""Advising's services: ratings on a 1–5 scale once a day, reports marked NATO or National and
read at their own spoke, evidence a rater may read; each refusal changes nothing and is
audited."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from accord.advising import selectors, services
from accord.advising.inputs import EvidenceValues, RatingValues, ReportValues
from accord.advising.models import EngagementReport, Evidence, Rating
from accord.audit.models import AuditEntry
from accord.budget.models import BudgetLine
from accord.errors import Code, Conflict, NotFound, PermissionDenied, ValidationFailed
from accord.markings import Marking
from tests.advising.conftest import SYSTEM, counterpart_make, function, milestone_make, team_make


def rate(milestone, score=3, on=date(2016, 1, 15), actor=SYSTEM):
    return services.rating_record(
        actor=actor, values=RatingValues(milestone=milestone, rated_on=on, score=score)
    )


def report(counterpart, actor=SYSTEM, marking=Marking.NATO, on=date(2016, 2, 1)):
    return services.report_file(
        actor=actor,
        values=ReportValues(
            counterpart=counterpart,
            function=function("EF2"),
            held_on=on,
            advisors="Maj. Test (DEU)",
            notes="Reviewed the roster.",
            marking=marking,
        ),
    )


def refusals(action):
    return AuditEntry.objects.filter(action=action, outcome="refused")


@pytest.mark.parametrize("score", [0, 6, -1])
def test_a_rating_outside_one_to_five_is_refused(north, score):
    with pytest.raises(ValidationFailed) as refused:
        rate(north["milestone"], score=score)
    assert refused.value.code == Code.RATING_OUT_OF_SCALE
    assert not Rating.objects.filter(milestone=north["milestone"]).exists()
    assert refusals("rating.record").last().error_code == Code.RATING_OUT_OF_SCALE


def test_a_rating_ahead_of_today_is_refused(north):
    with pytest.raises(ValidationFailed) as refused:
        rate(north["milestone"], on=timezone.localdate() + timedelta(days=1))
    assert refused.value.code == Code.DATE_IN_FUTURE
    assert not Rating.objects.filter(milestone=north["milestone"]).exists()


def test_a_milestone_is_rated_once_a_day(north):
    first = rate(north["milestone"], score=2)
    with pytest.raises(Conflict) as refused:
        rate(north["milestone"], score=4)
    assert refused.value.code == Code.RATING_EXISTS
    assert list(Rating.objects.filter(milestone=north["milestone"])) == [first]
    assert first.site.code == "taac_north"
    assert first.counterpart == north["counterpart"]
    assert refusals("rating.record").last().error_code == Code.RATING_EXISTS


def test_only_the_staff_of_the_teams_site_rate(north, persona):
    with pytest.raises(PermissionDenied):
        rate(north["milestone"], actor=persona("spoke-west"))
    assert not Rating.objects.filter(milestone=north["milestone"]).exists()
    assert refusals("rating.record").last().actor_name == "spoke-west"
    rating = rate(north["milestone"], actor=persona("spoke-north"))
    assert rating.rated_by == persona("spoke-north")


def test_a_report_is_marked_nato_or_national_only(north):
    with pytest.raises(ValidationFailed) as refused:
        report(north["counterpart"], marking=Marking.PUBLIC)
    assert refused.value.code == Code.REPORT_MARKING
    assert not EngagementReport.objects.filter(counterpart=north["counterpart"]).exists()
    assert refusals("engagement_report.file").last().error_code == Code.REPORT_MARKING


def test_a_report_dated_ahead_of_today_is_refused(north):
    with pytest.raises(ValidationFailed) as refused:
        report(north["counterpart"], on=timezone.localdate() + timedelta(days=2))
    assert refused.value.code == Code.DATE_IN_FUTURE
    assert not EngagementReport.objects.filter(counterpart=north["counterpart"]).exists()


def test_a_spokes_report_is_not_read_at_another_spoke(north, persona):
    filed = report(north["counterpart"], actor=persona("spoke-north"))
    assert filed.site.code == "taac_north"
    assert filed.filed_by == persona("spoke-north")
    readers = {
        name: selectors.report_list(actor=persona(name)).filter(pk=filed.pk).exists()
        for name in ("spoke-north", "spoke-west", "hub-staff", "auditor", "delegation-rus")
    }
    # NATO: the allies' people read it, but spoke staff only at their own spoke.
    assert readers == {
        "spoke-north": True,
        "spoke-west": False,
        "hub-staff": True,
        "auditor": True,
        "delegation-rus": False,
    }
    with pytest.raises(NotFound):
        selectors.report_get(actor=persona("spoke-west"), pk=filed.pk)


def test_another_spoke_may_not_file_for_this_spokes_counterpart(north, persona):
    with pytest.raises(PermissionDenied):
        report(north["counterpart"], actor=persona("spoke-west"))
    assert not EngagementReport.objects.filter(counterpart=north["counterpart"]).exists()
    assert refusals("engagement_report.file").last().actor_name == "spoke-west"


def test_a_national_report_is_its_filers_nation_alone(north, persona):
    filed = report(north["counterpart"], actor=persona("spoke-north"), marking=Marking.NATIONAL)
    assert filed.owner_nation.iso3 == "DEU"
    assert selectors.report_get(actor=persona("delegation-deu"), pk=filed.pk) == filed
    for other in ("hub-staff", "auditor"):
        with pytest.raises(NotFound):
            selectors.report_get(actor=persona(other), pk=filed.pk)


def _line(marking):
    return BudgetLine.objects.filter(marking=marking).order_by("pk").first()


def test_evidence_names_a_record_the_rater_may_read(north, persona):
    rating = rate(north["milestone"], actor=persona("spoke-north"))
    line = _line(Marking.PUBLIC)
    linked = services.evidence_link(
        actor=persona("spoke-north"),
        values=EvidenceValues(rating=rating, kind="budget_execution", record_id=line.pk),
    )
    assert (linked.site, linked.marking) == (rating.site, rating.marking)
    shown = selectors.evidence_list(actor=persona("auditor"), ratings=[rating])[rating.pk]
    assert [(s.resolved.record, s.resolved.url) for s in shown] == [
        (line, f"/budget/lines/{line.pk}/")
    ]
    with pytest.raises(Conflict) as refused:
        services.evidence_link(
            actor=persona("spoke-north"),
            values=EvidenceValues(rating=rating, kind="budget_execution", record_id=line.pk),
        )
    assert refused.value.code == Code.EVIDENCE_EXISTS
    assert Evidence.objects.filter(rating=rating).count() == 1


def test_evidence_of_an_unknown_kind_or_record_is_refused(north, persona):
    rating = rate(north["milestone"])
    with pytest.raises(ValidationFailed) as refused:
        services.evidence_link(
            actor=SYSTEM, values=EvidenceValues(rating=rating, kind="rumour", record_id=1)
        )
    assert refused.value.code == Code.EVIDENCE_KIND_UNKNOWN
    with pytest.raises(NotFound):
        services.evidence_link(
            actor=SYSTEM,
            values=EvidenceValues(rating=rating, kind="budget_execution", record_id=2_000_000_000),
        )
    assert not Evidence.objects.filter(rating=rating).exists()
    assert refusals("evidence.link").count() == 2


def test_a_record_the_reader_may_not_read_is_not_named(north, persona):
    rating = rate(north["milestone"])
    line = _line(Marking.PUBLIC)
    line.marking, line.owner_nation = Marking.NATIONAL, persona("afg-budget").nation
    line.save()
    services.evidence_link(
        actor=SYSTEM,
        values=EvidenceValues(rating=rating, kind="budget_execution", record_id=line.pk),
    )
    for reader, named in (("spoke-north", False), ("admin", True)):
        [shown] = selectors.evidence_list(actor=persona(reader), ratings=[rating])[rating.pk]
        assert (shown.resolved.record is not None) == named, reader
    # Afghan hub staff do not read the NATO rating at all, so not its evidence either.
    assert selectors.evidence_list(actor=persona("afg-budget"), ratings=[rating]) == {}


def test_the_trends_count_only_the_ratings_the_reader_reads(north, persona):
    # The police's (MoI) counterparts: the matrix's records rate an army corps (MoD) only.
    police = counterpart_make(north["team"], ministry="moi", kind="police_zone")
    national_team = team_make(
        site="taac_west", marking=Marking.NATIONAL, owner_nation=persona("spoke-west").nation
    )
    west = milestone_make(counterpart_make(national_team, ministry="moi", kind="police_zone"))
    zone = milestone_make(police)
    rate(zone, score=2, on=date(2016, 1, 10))
    rate(zone, score=4, on=date(2016, 2, 10))
    rate(milestone_make(police), score=3, on=date(2016, 2, 12))
    rate(west, score=5, on=date(2016, 1, 11))  # carries its team's NATIONAL (Italian) marking

    def police_trend(name):
        trends = {t.key: t for t in selectors.trends_by_ministry(actor=persona(name))}
        return [(p.month_end, p.mean, p.milestones) for p in trends["moi"].points]

    assert police_trend("spoke-north") == [(date(2016, 1, 31), 2.0, 1), (date(2016, 2, 29), 3.5, 2)]
    assert police_trend("spoke-west") == [(date(2016, 1, 31), 3.5, 2), (date(2016, 2, 29), 4.0, 3)]

    def sites(name):
        return {t.key for t in selectors.trends_by_site(actor=persona(name))}

    assert {"taac_north", "taac_west"} <= sites("spoke-west")
    assert "taac_west" not in sites("spoke-north") | sites("delegation-rus")


def test_a_team_stays_at_its_site(north):
    """Moving a team to another site is refused in words (its records below carry the site),
    nothing changes, and the attempt is audited."""
    from accord.advising.inputs import TeamValues
    from accord.core.models import Site

    team = north["team"]
    with pytest.raises(ValidationFailed) as refused:
        services.team_update(
            actor=SYSTEM,
            team=team,
            values=TeamValues(name="Moved", site=Site.objects.get(code="taac_west")),
            expected_version=team.version,
        )
    assert refused.value.code == Code.ADVISING_PLACE_FIXED
    assert "stays at its site" in str(refused.value.detail)
    name = team.name
    team.refresh_from_db()
    assert (team.name, team.site.code) == (name, "taac_north")
    assert refusals("advisor_team.update").exists()
