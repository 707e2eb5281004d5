"""Training's canaries: qualifications, programmes, courses, sessions, and the personal data
(trainees, nominations, certificates), which no crawling persona reads: the crawl proves that
none of it reaches them through any page, filter, API read or the public verification page."""

from datetime import date

from accord.core.models import Organisation
from accord.core.services import record_create
from accord.training.models import (
    Certificate,
    Course,
    Nomination,
    Outcome,
    Programme,
    Qualification,
    Session,
    Target,
    Trainee,
)
from tests.canary import ACTOR, WAIVERS, Canary, route

_PERSONAL = (
    "personal data, read by role and nation (AccessRule.personal_readers), never by marking: "
    "its readers are trainers, the secretariat and its nation's delegation, and none of the "
    "crawling personas is one of them"
)
# Declared here, beside the models they are about (the crawl imports this module before it
# checks the waivers).
for _model, _field in (
    ("Trainee", "nation"),
    ("Trainee", "site"),
    ("Trainee", "matched"),
    ("Nomination", "session"),
    ("Nomination", "trainee"),
    ("Nomination", "nation"),
    ("Certificate", "nomination"),
    ("Certificate", "trainee"),
    ("Certificate", "course"),
    ("Certificate", "nation"),
    ("Certificate", "replaces"),
    ("Outcome", "graduate"),
    ("Outcome", "nation"),
    ("Outcome", "agency"),
):
    WAIVERS[(f"training.{_model}", _field)] = _PERSONAL


def _nomination(data, kind, made):
    # Once per trainee and session: each canary nominates the canary trainee of its own kind.
    data["trainee"] = made[Trainee][{"nato": 0, "natl": 1}[kind]]
    return record_create(actor=ACTOR, model=Nomination, data=data, action=f"canary.{kind}")


def _outcome(data, kind, made):
    # No outcome to copy: each canary is reported of the canary trainee of its own kind.
    trainee = made[Trainee][{"nato": 0, "natl": 1}[kind]]
    data.update(
        graduate=trainee,
        nation=trainee.nation,
        agency=Organisation.objects.order_by("pk").first(),
        day=date(2013, 6, 1),
        kind="promotion",
    )
    return record_create(actor=ACTOR, model=Outcome, data=data, action=f"canary.{kind}")


def _session(data, kind, made):
    # A session is at a venue or mobile in a country, never both: a copy linking one keeps it.
    data["venue" if kind.startswith("link-mobile_in") else "mobile_in"] = None
    return record_create(actor=ACTOR, model=Session, data=data, action=f"canary.{kind}")


CANARIES = {
    Qualification: Canary(),
    Programme: Canary(links=("executing_agency", "joint_action", "donors", "beneficiaries")),
    Course: Canary(links=("programme", "qualifications")),
    Session: Canary(create=_session, links=("course", "venue", "mobile_in")),
    # A trainee's account is one to one (the fleet's certified technicians have one): the copy
    # is nobody's.
    Trainee: Canary(overrides=lambda kind, template: {"user": None}),
    Nomination: Canary(create=_nomination),
    Certificate: Canary(overrides=lambda kind, template: {"code": f"CNRY-{kind.upper()}"[:20]}),
    # A programme's target names its programme and, for some, a nation: the statistics count a
    # target only while both are readable.
    Target: Canary(links=("programme", "nation")),
    Outcome: Canary(create=_outcome),
}

PAGES = {
    "training:programme-detail": route(Programme, code="code"),
    "training:session-detail": route(Session, code="code"),
    "training:nominate": route(Session, code="code"),
    "training:nomination-detail": route(Nomination, pk="pk"),
    "training:nomination-withdraw": route(Nomination, pk="pk"),
    "training:attendance-record": route(Nomination, pk="pk"),
    "training:nomination-grade": route(Nomination, pk="pk"),
    "training:certificate-issue": route(Nomination, pk="pk"),
    "training:trainee-detail": route(Trainee, pk="pk"),
    "training:trainee-match": route(Trainee, pk="pk"),
    "training:outcome-record": route(Trainee, pk="pk"),
    "training:certificate-detail": route(Certificate, code="code"),
    "training:certificate-revoke": route(Certificate, code="code"),
    "training:certificate-reissue": route(Certificate, code="code"),
}

API = {
    "/api/v1/training/programmes/{code}": route(Programme, code="code"),
    "/api/v1/training/sessions/{code}": route(Session, code="code"),
    "/api/v1/training/nominations/{nomination_id}": route(Nomination, nomination_id="pk"),
    "/api/v1/training/trainees/{trainee_id}": route(Trainee, trainee_id="pk"),
    "/api/v1/training/trainees/{trainee_id}/outcomes": route(Trainee, trainee_id="pk"),
    "/api/v1/training/certificates/{code}": route(Certificate, code="code"),
    # Anyone verifies a certificate: initials, course and dates, never the holder's name.
    "/api/v1/training/verify/{code}": route(Certificate, code="code"),
}

FILTERS = {
    "programme": route(Programme, value="code"),
    "course": route(Course, value="code"),
    "session": route(Session, value="code"),
}

# The public verification page, for the canary certificates' own codes.
URLS = ("/training/verify/?code=CNRY-NATO", "/training/verify/?code=CNRY-NATL")
