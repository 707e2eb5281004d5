"""Advising's canaries: the Essential Functions, teams, counterparts, objectives, milestones,
ratings, evidence and engagement reports. The PUBLIC templates are the scenario's functions and
the matrix's records (tests/matrix/advising.py); an engagement report is never PUBLIC (a CHECK
constraint), so its template is the matrix's NATO report, and its "spoke" canary, NATO on
TAAC West, is one spoke-north (NATO, TAAC North) must not read: spoke staff read reports of
their own spoke only."""

from datetime import date, timedelta

from accord.advising.models import (
    AdvisorTeam,
    Counterpart,
    EngagementReport,
    EssentialFunction,
    Evidence,
    Milestone,
    Objective,
    Rating,
)
from tests.canary import WAIVERS, Canary, other_spoke, route, serial

_SITE = (
    "copied by the services from the team's counterpart (advising.services._inherit): the site "
    "whose staff change the record; a record's pages name the site of its counterpart, whose "
    "link is crawled"
)
for _model in ("Objective", "Milestone", "Rating", "Evidence"):
    WAIVERS[(f"advising.{_model}", "site")] = _SITE
_REPORT = (
    "an engagement report is marked NATO or NATIONAL, never PUBLIC (a CHECK constraint), so no "
    "PUBLIC copy can point at a canary through it; its own canaries (NATO, NATIONAL and on "
    "another spoke) are crawled, and its page shows its references only through access.shown"
)
for _field in ("counterpart", "function", "site"):
    WAIVERS[("advising.EngagementReport", _field)] = _REPORT
WAIVERS[("advising.Evidence", "rating")] = (
    "evidence carries its rating's marking by design (advising.services) and is read through "
    "the rating's current marking too (AccessRule.read_through)"
)
WAIVERS[("advising.Rating", "counterpart")] = (
    "copied from the milestone's objective by the services, for the trends' grouping; never "
    "shown on its own (a rating is shown on its milestone's page, whose link is crawled)"
)


def _function_code(kind, template):
    return {"code": f"CX{serial(kind)}"}  # eight characters at most, unique


def _day(kind, template):
    # A milestone is rated once a day: each copy on a day of its own.
    return {"rated_on": date(2000, 1, 1) + timedelta(days=serial(kind))}


def _on_west(kind=None, template=None):
    return other_spoke()


CANARIES = {
    EssentialFunction: Canary(template={"code": "EF1"}, overrides=_function_code),
    AdvisorTeam: Canary(
        template={"code": "mx-team"}, links=("site", "lead_nation"), spoke=_on_west
    ),
    Counterpart: Canary(
        template={"code": "mx-corps"}, links=("team", "site", "unit"), spoke=_on_west
    ),
    Objective: Canary(links=("counterpart", "function"), spoke=_on_west),
    Milestone: Canary(links=("objective",), spoke=_on_west),
    Rating: Canary(overrides=_day, links=("milestone",), spoke=_on_west),
    Evidence: Canary(overrides=lambda kind, template: {"record_id": 2_000_000 + serial(kind)}),
    EngagementReport: Canary(template={"advisors": "Matrix advisors"}, spoke=_on_west),
}

PAGES = {
    "advising:team-edit": route(AdvisorTeam, code="code"),
    "advising:counterpart-create": route(AdvisorTeam, code="code"),
    "advising:counterpart-detail": route(Counterpart, code="code"),
    "advising:counterpart-edit": route(Counterpart, code="code"),
    "advising:objective-create": route(Counterpart, code="code"),
    "advising:objective-edit": route(Objective, code="counterpart.code", objective="code"),
    "advising:milestone-create": route(Objective, code="counterpart.code", objective="code"),
    "advising:milestone-edit": route(Milestone, pk="pk"),
    "advising:milestone-detail": route(Milestone, pk="pk"),
    "advising:milestone-rate": route(Milestone, pk="pk"),
    "advising:evidence-link": route(Rating, pk="pk"),
    "advising:report-detail": route(EngagementReport, pk="pk"),
}

API = {
    "/api/v1/advising/teams/{code}": route(AdvisorTeam, code="code"),
    "/api/v1/advising/counterparts/{code}": route(Counterpart, code="code"),
    "/api/v1/advising/counterparts/{code}/objectives": route(Counterpart, code="code"),
    "/api/v1/advising/counterparts/{code}/milestones": route(Counterpart, code="code"),
    "/api/v1/advising/milestones/{milestone_id}": route(Milestone, milestone_id="pk"),
    "/api/v1/advising/milestones/{milestone_id}/ratings": route(Milestone, milestone_id="pk"),
    "/api/v1/advising/ratings/{rating_id}/evidence": route(Rating, rating_id="pk"),
    "/api/v1/advising/reports/{report_id}": route(EngagementReport, report_id="pk"),
    "/api/v1/advising/trends/{by}": route(AdvisorTeam, by="=ministry"),
}

FILTERS = {
    "counterpart": route(Counterpart, value="code"),
    "function": route(EssentialFunction, value="code"),
}

# The trends read every rating: per hub and spoke too (a site the reader may not read, or a
# rating, must not be named or counted).
URLS = ("/advising/trends/", "/api/v1/advising/trends/site")
