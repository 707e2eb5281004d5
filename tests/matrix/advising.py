"""Advising's rows of the access matrices: every page and API operation, every persona.

The matrix's team, counterpart, objective, milestone and rating are PUBLIC and at TAAC North:
everyone signed in reads them; their site's staff (spoke-north) and administrators change the
team and counterpart, rate, set objectives and milestones and add evidence; the other readers
are refused (403). Hub and spoke staff open the new-team form (for their own site). The engagement
report is NATO at TAAC North: read by the NATO nations' people except spoke staff of another
spoke (spoke-west), 404 for the others; filed by spoke-north and administrators.
"""

from datetime import date

from accord.access import system_principal
from accord.advising import services
from accord.advising.inputs import (
    CounterpartValues,
    EvidenceValues,
    MilestoneValues,
    ObjectiveValues,
    RatingValues,
    ReportValues,
    TeamValues,
)
from accord.advising.models import EssentialFunction
from accord.budget.models import BudgetLine
from accord.core.models import Site
from accord.markings import Marking, Role
from tests.matrix import ADMINS, EVERYONE, NATO_READERS, api_rule, holding, page_rule

WRITERS = ADMINS | frozenset({"spoke-north"})
REPORT_READERS = NATO_READERS - {"spoke-west"}  # spoke staff read their own spoke's only
# Who holds a role that files some site's reports (the form opens; the service decides).
FILERS = ADMINS | holding(Role.HUB_STAFF, Role.SPOKE_STAFF)
# Who may stand up a team at some site (the form opens with the sites they may choose).
TEAM_FORMS = FILERS


def records() -> dict:
    actor = system_principal("matrix")
    north = Site.objects.get(code="taac_north")
    west = Site.objects.get(code="taac_west")
    ef2 = EssentialFunction.objects.get(code="EF2")
    public = {"marking": Marking.PUBLIC}
    team = services.team_create(
        actor=actor, values=TeamValues(code="mx-team", name="Matrix team", site=north, **public)
    )
    counterpart = services.counterpart_create(
        actor=actor,
        values=CounterpartValues(
            team=team, code="mx-corps", name="Matrix corps", kind="corps", ministry="mod"
        ),
    )
    objective = services.objective_create(
        actor=actor,
        values=ObjectiveValues(
            counterpart=counterpart, function=ef2, code="mx-obj", title="Account for pay"
        ),
    )
    milestone = services.milestone_create(
        actor=actor,
        values=MilestoneValues(objective=objective, code="mx-ms", title="Payroll reconciled"),
    )
    rating = services.rating_record(
        actor=actor,
        values=RatingValues(milestone=milestone, rated_on=date(2016, 1, 10), score=2),
    )
    line = BudgetLine.objects.filter(marking=Marking.PUBLIC).order_by("pk").first()
    services.evidence_link(
        actor=actor,
        values=EvidenceValues(rating=rating, kind="budget_execution", record_id=line.pk),
    )
    report = services.report_file(
        actor=actor,
        values=ReportValues(
            counterpart=counterpart,
            function=ef2,
            held_on=date(2016, 2, 1),
            advisors="Matrix advisors",
            notes="Matrix notes",
            marking=Marking.NATO,
        ),
    )
    west_team = services.team_create(
        actor=actor, values=TeamValues(code="mx-west", name="Matrix west", site=west, **public)
    )
    services.counterpart_create(
        actor=actor,
        values=CounterpartValues(
            team=west_team, code="mx-west-corps", name="West corps", kind="corps", ministry="mod"
        ),
    )
    return {
        "mx_milestone": milestone.pk,
        "mx_rating": rating.pk,
        "mx_report": report.pk,
        "mx_line": line.pk,
    }


READ = api_rule(EVERYONE, 200)

API = {
    ("GET", "/api/v1/advising/functions"): ("/advising/functions", None, READ),
    ("GET", "/api/v1/advising/teams"): ("/advising/teams", None, READ),
    ("GET", "/api/v1/advising/teams/{code}"): ("/advising/teams/mx-team", None, READ),
    ("POST", "/api/v1/advising/teams"): (
        "/advising/teams",
        {"code": "mx-new-team", "name": "New team", "site": "taac_north"},
        api_rule(WRITERS, 201),
    ),
    ("PATCH", "/api/v1/advising/teams/{code}"): (
        "/advising/teams/mx-team",
        {"expected_version": 1, "name": "Matrix team renamed"},
        api_rule(WRITERS, 200),
    ),
    ("POST", "/api/v1/advising/counterparts"): (
        "/advising/counterparts",
        {
            "team": "mx-team",
            "code": "mx-new-zone",
            "name": "New zone",
            "kind": "police_zone",
            "ministry": "moi",
        },
        api_rule(WRITERS, 201),
    ),
    ("PATCH", "/api/v1/advising/counterparts/{code}"): (
        "/advising/counterparts/mx-corps",
        {"expected_version": 1, "name": "Matrix corps renamed"},
        api_rule(WRITERS, 200),
    ),
    ("GET", "/api/v1/advising/counterparts"): ("/advising/counterparts", None, READ),
    ("GET", "/api/v1/advising/counterparts/{code}"): (
        "/advising/counterparts/mx-corps",
        None,
        READ,
    ),
    ("GET", "/api/v1/advising/counterparts/{code}/objectives"): (
        "/advising/counterparts/mx-corps/objectives",
        None,
        READ,
    ),
    ("POST", "/api/v1/advising/counterparts/{code}/objectives"): (
        "/advising/counterparts/mx-corps/objectives",
        {"function": "EF1", "code": "mx-budget", "title": "Execute the budget"},
        api_rule(WRITERS, 201),
    ),
    ("GET", "/api/v1/advising/counterparts/{code}/milestones"): (
        "/advising/counterparts/mx-corps/milestones",
        None,
        READ,
    ),
    ("POST", "/api/v1/advising/counterparts/{code}/milestones"): (
        "/advising/counterparts/mx-corps/milestones",
        {"objective": "mx-obj", "code": "mx-ghosts", "title": "Ghosts removed"},
        api_rule(WRITERS, 201),
    ),
    ("GET", "/api/v1/advising/milestones/{milestone_id}"): (
        "/advising/milestones/{mx_milestone}",
        None,
        READ,
    ),
    ("GET", "/api/v1/advising/milestones/{milestone_id}/ratings"): (
        "/advising/milestones/{mx_milestone}/ratings",
        None,
        READ,
    ),
    ("POST", "/api/v1/advising/milestones/{milestone_id}/ratings"): (
        "/advising/milestones/{mx_milestone}/ratings",
        {"rated_on": "2016-03-10", "score": 3, "note": "Better"},
        api_rule(WRITERS, 201),
    ),
    ("GET", "/api/v1/advising/ratings/{rating_id}/evidence"): (
        "/advising/ratings/{mx_rating}/evidence",
        None,
        READ,
    ),
    ("POST", "/api/v1/advising/ratings/{rating_id}/evidence"): (
        "/advising/ratings/{mx_rating}/evidence",
        {"kind": "payroll_reconciliation", "record": 2_000_000_000},
        # No payroll month has that id: the writers pass the access check and hear that the record
        # is not found; the others are refused (403) before it is looked up.
        lambda username: 401 if username is None else (404 if username in WRITERS else 403),
    ),
    ("GET", "/api/v1/advising/reports"): ("/advising/reports", None, READ),
    ("GET", "/api/v1/advising/reports/{report_id}"): (
        "/advising/reports/{mx_report}",
        None,
        api_rule(REPORT_READERS, 200, denied=404),
    ),
    ("POST", "/api/v1/advising/reports"): (
        "/advising/reports",
        {
            "counterpart": "mx-corps",
            "function": "EF2",
            "held_on": "2016-03-01",
            "advisors": "Matrix",
            "notes": "Filed through the API",
        },
        api_rule(WRITERS, 201),
    ),
    ("GET", "/api/v1/advising/trends/{by}"): ("/advising/trends/ministry", None, READ),
}

PAGES = {
    "advising:teams": ("GET", "/advising/", page_rule(EVERYONE)),
    "advising:team-create": ("GET", "/advising/teams/new/", page_rule(TEAM_FORMS)),
    "advising:team-edit": ("GET", "/advising/teams/mx-team/edit/", page_rule(WRITERS)),
    "advising:counterpart-create": (
        "GET",
        "/advising/teams/mx-team/counterparts/new/",
        page_rule(WRITERS),
    ),
    "advising:functions": ("GET", "/advising/functions/", page_rule(EVERYONE)),
    "advising:counterpart-edit": (
        "GET",
        "/advising/counterparts/mx-corps/edit/",
        page_rule(WRITERS),
    ),
    "advising:objective-create": (
        "GET",
        "/advising/counterparts/mx-corps/objectives/new/",
        page_rule(WRITERS),
    ),
    "advising:objective-edit": (
        "GET",
        "/advising/counterparts/mx-corps/objectives/mx-obj/edit/",
        page_rule(WRITERS),
    ),
    "advising:milestone-create": (
        "GET",
        "/advising/counterparts/mx-corps/objectives/mx-obj/milestones/new/",
        page_rule(WRITERS),
    ),
    "advising:milestone-edit": (
        "GET",
        "/advising/milestones/{mx_milestone}/edit/",
        page_rule(WRITERS),
    ),
    "advising:counterpart-detail": (
        "GET",
        "/advising/counterparts/mx-corps/",
        page_rule(EVERYONE),
    ),
    "advising:milestone-detail": (
        "GET",
        "/advising/milestones/{mx_milestone}/",
        page_rule(EVERYONE),
    ),
    "advising:milestone-rate": (
        "GET",
        "/advising/milestones/{mx_milestone}/rate/",
        page_rule(WRITERS),
    ),
    "advising:evidence-link": (
        "GET",
        "/advising/ratings/{mx_rating}/evidence/",
        page_rule(WRITERS),
    ),
    "advising:reports": ("GET", "/advising/reports/", page_rule(EVERYONE)),
    "advising:report-create": ("GET", "/advising/reports/new/", page_rule(FILERS)),
    "advising:report-detail": (
        "GET",
        "/advising/reports/{mx_report}/",
        page_rule(REPORT_READERS, denied=404),
    ),
    "advising:trends": ("GET", "/advising/trends/", page_rule(EVERYONE)),
}
