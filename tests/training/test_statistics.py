"""The statistics against the real records: the scenario's targets reproduced by its sessions,
a session paid from a trust fund (refusals audited, nothing changed), the cost per graduate by
donor, the fund's IATI file reporting the trained as results that the IATI XSD accepts, and the
page, its exports and the API for anyone."""

from datetime import date

import pytest
from django.apps import apps
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from lxml import etree

from accord.access import ANONYMOUS
from accord.audit.models import AuditEntry
from accord.core.models import Nation
from accord.errors import AccordError, Code
from accord.funds import iati
from accord.funds import selectors as fund_selectors
from accord.funds.models import Commitment
from accord.kept import bumping_tables, topic_version
from accord.training import selectors, services
from accord.training.choices import NominationStatus
from accord.training.engine import statistics as stats
from accord.training.models import Nomination, SessionFunding
from accord.training.views import statistics as statistics_view
from tests.funds.conftest import contribution_make, fund_make
from tests.kept_reads import tables_read
from tests.training.conftest import SYSTEM, course_make, nation, session_make
from tests.training.helpers import graduates

pytestmark = pytest.mark.django_db
DAY = date(2031, 3, 1)


def refused(code: Code, service, **kwargs):
    """Run a service expecting a refusal with ``code``: nothing written, the refusal audited."""
    before = (
        AuditEntry.objects.count(),
        SessionFunding.objects.count(),
        Commitment.objects.count(),
    )
    with pytest.raises(AccordError) as caught:
        service(**kwargs)
    assert caught.value.code == code
    entry = AuditEntry.objects.order_by("-pk").first()
    assert (entry.outcome, entry.error_code) == ("refused", code)
    after = (AuditEntry.objects.count(), SessionFunding.objects.count(), Commitment.objects.count())
    assert after == (before[0] + 1, before[1], before[2])


def test_the_scenario_sessions_reproduce_the_reported_cumulative_figures():
    report = selectors.statistics_report(actor=ANONYMOUS)
    goals = {g.goal.code: g for g in report.goals}
    # The record's own figures (scenario.yaml, training_programmes), each one reached exactly.
    for code, value in (
        ("nrc-cnt-reported-2006-09", 44),
        ("nrc-cnt-reported-2008-04", 419),
        ("nrc-cnt-reported-2013-10", 3000),
    ):
        assert (goals[code].goal.value, goals[code].trained) == (value, value)
    assert goals["nrc-cnt-planned-2014-afg"].goal.nation == "Afghanistan"
    assert goals["hmtf-narp-phase1"].goal.value == 30


@pytest.fixture
def paid_session(db):
    """A session of ten seats paid by Germany from a fund it gives to, two graduates."""
    fund = fund_make("t-train-fund", donors=("DEU", "RUS"))
    contribution_make(fund, "DEU", "50000", date(2024, 1, 10))
    session = session_make(course_make("t-stat"), code="t-stat-1", quotas={"AFG": 5})
    return fund, session


def test_a_session_paid_from_a_fund_gives_the_cost_per_graduate_by_donor(paid_session):
    fund, session = paid_session
    funding = services.session_funding_commit(
        actor=SYSTEM,
        session=session,
        fund=fund,
        donor=nation("DEU"),
        amount_minor=2_000_000,
        day=DAY,
    )
    assert (funding.fund, funding.currency) == (fund, "EUR")
    assert funding.commitment.payee == "Training session t-stat-1"
    # Before anyone passed, the money waits: no cost per graduate yet.
    assert selectors.statistics_report(actor=SYSTEM).costs == []
    graduates(session, [("Wali", "Safi"), ("Najib", "Noori")])
    graduates(session, [("Farid", "Popal")], grade=10)  # failed: no graduate
    costs = selectors.statistics_report(actor=SYSTEM).costs
    mine = [c for c in costs if c.donor == "Germany"]
    assert [(c.amount_minor, c.graduates, c.per_graduate_minor) for c in mine] == [
        (2_000_000, 2, 1_000_000)
    ]


def test_funding_refusals_change_nothing_and_are_audited(paid_session, persona):
    fund, session = paid_session
    common = {"session": session, "fund": fund, "day": DAY}
    refused(
        Code.FUNDING_NOT_A_DONOR,
        services.session_funding_commit,
        actor=SYSTEM,
        donor=nation("USA"),
        amount_minor=100,
        **common,
    )
    refused(
        Code.INSUFFICIENT_FUNDS,
        services.session_funding_commit,
        actor=SYSTEM,
        donor=nation("DEU"),
        amount_minor=6_000_000,
        **common,
    )
    refused(
        Code.AMOUNT_NOT_POSITIVE,
        services.session_funding_commit,
        actor=SYSTEM,
        donor=nation("DEU"),
        amount_minor=0,
        **common,
    )
    services.session_funding_commit(
        actor=SYSTEM, donor=nation("DEU"), amount_minor=100_000, **common
    )
    refused(
        Code.FUNDING_COMMITTED,
        services.session_funding_commit,
        actor=SYSTEM,
        donor=nation("DEU"),
        amount_minor=100_000,
        **common,
    )
    refused(
        Code.FUNDING_COMMITTED,
        services.session_funding_set,
        actor=SYSTEM,
        session=session,
        donor=nation("DEU"),
        amount_minor=5,
        currency="EUR",
    )
    # A delegation changes no session, however much its nation gives.
    with pytest.raises(AccordError):
        services.session_funding_commit(
            actor=persona("delegation-deu"), donor=nation("RUS"), amount_minor=100, **common
        )
    assert SessionFunding.objects.filter(session=session).count() == 1


def test_the_funds_iati_file_reports_the_trained_as_results_the_xsd_accepts(paid_session):
    fund, session = paid_session
    services.session_funding_commit(
        actor=SYSTEM,
        session=session,
        fund=fund,
        donor=nation("DEU"),
        amount_minor=2_000_000,
        day=DAY,
    )
    graduates(session, [("Wali", "Safi"), ("Najib", "Noori"), ("Gul", "Hotak")])
    xml = fund_selectors.iati_file(actor=SYSTEM, funds=[fund])
    assert iati.validate(xml) == []
    # The official XSD itself, read here rather than through the module under test.
    schema = etree.XMLSchema(etree.parse(str(iati.data_dir() / "iati-activities-schema.xsd")))
    schema.assertValid(etree.fromstring(xml))
    result = etree.fromstring(xml).find("iati-activity/result")
    assert result.get("type") == "1"
    assert result.findtext("title/narrative") == "People trained: Mi-17 engines"
    period = result.find("indicator/period")
    assert period.find("period-start").get("iso-date") == "2031-01-01"
    assert period.find("actual").get("value") == "3"
    # The file still imports: its results are read past, the ledger kept.
    assert iati.import_activities(xml).activities[0].identifier.endswith("t-train-fund")


def test_a_fund_paying_no_session_reports_no_result(db):
    fund = fund_make("t-train-none", donors=("DEU",))
    contribution_make(fund, "DEU", "10", date(2024, 1, 10))
    xml = fund_selectors.iati_file(actor=SYSTEM, funds=[fund])
    assert iati.validate(xml) == []
    assert etree.fromstring(xml).find("iati-activity/result") is None


def test_the_page_its_exports_and_the_api_for_anyone(paid_session, client):
    _fund, session = paid_session
    graduates(session, [("Wali", "Safi")])
    page = client.get("/training/statistics/")
    assert page.status_code == 200
    body = page.content.decode()
    for heading in ("Against the programmes", "Trained per course", "Cost per graduate by donor"):
        assert heading in body
    assert body.count("<svg") >= 2
    csv = client.get("/training/statistics/?format=csv&table=targets")
    lines = b"".join(csv.streaming_content).decode().splitlines()
    assert lines[0] == "Programme,Kind,By,Nation,Target,Trained"
    assert any(line.endswith(",3000,3000") for line in lines)
    xlsx = client.get("/training/statistics/?format=xlsx&table=courses")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client.get("/training/statistics/?format=csv&table=people").status_code == 404
    api = client.get("/api/v1/training/statistics/report").json()
    assert api["total"] == selectors.statistics_report(actor=ANONYMOUS).total
    assert {"nrc-cnt-reported-2013-10"} <= {t["code"] for t in api["targets"]}


def _from_every_row(actor):
    """The report as the engine makes it from every session's counted rows (the rule the
    database's grouping must reproduce)."""
    sessions = selectors.counted_sessions(actor=actor)
    goals = [goal for goal, _programme, _nation in selectors._goals(actor)]
    paid = [
        stats.Paid(f.session_id, f.donor.name, f.currency, f.amount_minor)
        for f in SessionFunding.objects.filter(session__in=sessions).select_related("donor")
    ]
    return stats.report(selectors.trained_rows(actor=actor, sessions=sessions), goals, paid)


def test_the_grouped_report_equals_the_engine_over_every_row(paid_session):
    fund, session = paid_session
    services.session_funding_commit(
        actor=SYSTEM, session=session, fund=fund, donor=nation("DEU"), amount_minor=900, day=DAY
    )
    graduates(session, [("Wali", "Safi"), ("Najib", "Noori")])
    graduates(session, [("Farid", "Popal")], grade=10)
    other = session_make(session.course, code="t-stat-2", quotas={"PAK": 3})
    graduates(other, [("Imran", "Khan")], iso3="PAK")
    for actor in (ANONYMOUS, SYSTEM):
        report = selectors.statistics_report(actor=actor)
        assert report == _from_every_row(actor)
    assert selectors.statistics_report(actor=SYSTEM).costs  # the paid session is counted


def test_the_publics_report_is_kept_until_any_write(mission, client):
    first = selectors.statistics_report(actor=ANONYMOUS)
    page = client.get(reverse("training:statistics")).content.decode()
    assert f"{first.total:,} people trained" in page
    api = "/api/v1/training/statistics/report"
    answer = client.get(api)
    assert answer["Content-Type"].startswith("application/json")
    assert answer.json()["total"] == first.total
    assert selectors.statistics_report(actor=ANONYMOUS) is first  # kept between writes
    assert selectors.statistics_report(actor=SYSTEM) is not selectors.statistics_report(
        actor=SYSTEM
    )  # a signed-in reader's report is computed each time
    session = session_make(course_make("t-kept"), code="t-kept-1", quotas={"AFG": 5})
    graduates(session, [("Wali", "Safi")])
    fresh = selectors.statistics_report(actor=ANONYMOUS)
    assert fresh is not first
    assert fresh == _from_every_row(ANONYMOUS)
    # The page's body, kept like the report, is drawn again for the new figures.
    assert fresh.total == first.total + 1
    page = client.get(reverse("training:statistics")).content.decode()
    assert f"{fresh.total:,} people trained" in page
    # And the API's answer, kept serialised like the page's body.
    assert client.get(api).json()["total"] == fresh.total
    # Writes that pass no service (a bulk update, as an import or the admin may make) as well.
    Nation.objects.filter(iso3="AFG").update(name="Afghanistan (renamed)")
    Nomination.objects.filter(session=session).update(status=NominationStatus.FAILED)
    after = selectors.statistics_report(actor=ANONYMOUS)
    assert after.total == first.total
    assert after == _from_every_row(ANONYMOUS)
    assert "Afghanistan (renamed)" in client.get(reverse("training:statistics")).content.decode()
    assert client.get(api).json()["total"] == after.total


def test_the_public_statistics_read_only_tables_whose_every_write_sets_their_version(
    paid_session, rf
):
    """What the page and the API keep is built from these tables alone: a table they start to
    read must be added to the triggers (a migration, ``accord.kept.bump_on_write``), or the
    kept figures would outlive its changes."""
    _fund, session = paid_session
    graduates(session, [("Wali", "Safi")])
    request = rf.get(reverse("training:statistics"))
    request.user = AnonymousUser()
    selectors._reports.clear()
    with CaptureQueriesContext(connection) as captured:
        statistics_view._body(request)
    read = tables_read(captured.captured_queries)
    assert {"training_nomination", "training_sessionfunding", "core_nation"} <= read
    assert read <= bumping_tables(selectors.STATISTICS_TOPIC)


def test_every_write_to_those_tables_sets_a_version_never_seen_before(mission, paid_session):
    """Writes no service makes, each committed (a transaction sets a version once: see
    tests/test_kept.py): a funding row added in bulk, each table's last row rewritten as it is
    by plain SQL, the funding row deleted in bulk."""
    _fund, session = paid_session
    versions = [topic_version(selectors.STATISTICS_TOPIC)]
    SessionFunding.objects.bulk_create(
        [SessionFunding(session=session, donor=nation("DEU"), amount_minor=5, currency="EUR")]
    )
    versions.append(topic_version(selectors.STATISTICS_TOPIC))
    models = {m._meta.db_table: m for m in apps.get_models()}
    for table in sorted(bumping_tables(selectors.STATISTICS_TOPIC)):
        column = connection.ops.quote_name(models[table]._meta.pk.column)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} SET {column} = {column}"
                f" WHERE {column} = (SELECT MAX({column}) FROM {table})"
            )
            assert cursor.rowcount == 1, f"{table} has no row to rewrite"
        versions.append(topic_version(selectors.STATISTICS_TOPIC))
    SessionFunding.objects.filter(session=session, amount_minor=5).delete()
    versions.append(topic_version(selectors.STATISTICS_TOPIC))
    assert None not in versions
    assert len(set(versions)) == len(versions)
