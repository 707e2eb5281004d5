"""Training's rows of the access matrices: every page and API operation, every persona.

Programmes, courses and sessions are PUBLIC here, read by everyone signed in. Trainees, their
nominations and certificates are personal data: read by trainers, the secretariat (and
administrators) and their own nation's delegation (none among the personas: no beneficiary
nation has a delegation persona), 404 for everyone else. Trainers (and administrators) nominate,
record attendance and grades, issue and revoke certificates, and decide suggested matches; the
secretariat reads but may not (403). A delegation may nominate only its own nation's people, and
none of the personas' nations is a beneficiary: their nomination of an Afghan is refused (403,
``not_own_national``). The statistics and a certificate's verification are for anyone.
"""

from datetime import date

from accord.access import system_principal
from accord.core.models import Nation
from accord.funds import services as fund_services
from accord.funds.inputs import FundValues
from accord.markings import Role
from accord.training import services
from accord.training.choices import MatchState
from accord.training.inputs import CourseValues, ProgrammeValues, SessionValues, TraineeValues
from accord.training.models import Trainee
from tests.matrix import ADMINS, EVERYONE, api_rule, change_rule, everyone, holding, page_rule

TRAINERS = ADMINS | holding(Role.TRAINER)
PERSONAL_READERS = TRAINERS | holding(Role.SECRETARIAT)
# Who may nominate someone, somewhere: trainers, and delegations for their own nation.
NOMINATORS = TRAINERS | holding(Role.DELEGATION)


def _person(given: str, nid: str = "", born=date(1985, 5, 5)) -> TraineeValues:
    return TraineeValues(
        given_name=given,
        family_name="Matrix",
        date_of_birth=born,
        nation=Nation.objects.get(iso3="AFG"),
        national_id=nid,
    )


def records() -> dict:
    actor = system_principal("matrix")
    afg, pak = Nation.objects.get(iso3="AFG"), Nation.objects.get(iso3="PAK")
    programme = services.programme_create(
        actor=actor,
        values=ProgrammeValues(
            code="mx-programme", name="Matrix programme", kind="pilots", beneficiaries=[afg, pak]
        ),
    )
    course = services.course_create(
        actor=actor,
        values=CourseValues(
            programme=programme, code="mx-course", title="Matrix course", hours=10, language="en"
        ),
    )
    session = services.session_create(
        actor=actor,
        course=course,
        values=SessionValues(
            code="mx-session", starts=date(2031, 6, 1), ends=date(2031, 6, 5), capacity=10
        ),
        quotas={afg: 5},
    )

    def nominate(given, nid="", **kw):
        return services.nomination_create(
            actor=actor, session=session, person=_person(given, nid, **kw)
        )

    accepted = nominate("Accepted", "AF-MX-1")
    passed = services.nomination_grade(
        actor=actor, nomination=nominate("Passed", "AF-MX-2"), grade=90
    )
    certified = services.nomination_grade(
        actor=actor, nomination=nominate("Certified", "AF-MX-3"), grade=95
    )
    certificate = services.certificate_issue(actor=actor, nomination=certified)
    known = nominate("Known", born=date(1979, 1, 1)).trainee
    other = nominate("Other", born=date(1979, 1, 2)).trainee
    # A possible match waiting for a trainer (a delegation's nominee would be recorded so).
    Trainee.objects.filter(pk=other.pk).update(match_state=MatchState.SUGGESTED, matched=known)
    # A fund Germany gives to, with money in it: a trainer pays a session from it.
    deu = Nation.objects.get(iso3="DEU")
    fund = fund_services.fund_create(
        actor=actor,
        values=FundValues(code="mx-fund", name="Matrix fund", currency="EUR", donors=[deu]),
    )
    fund_services.contribution_record(
        actor=actor, fund=fund, nation=deu, amount="1000", currency="EUR", day=date(2020, 1, 5)
    )
    return {
        "mx_graduate": passed.trainee_id,
        "mx_nomination": accepted.pk,
        "mx_passed": passed.pk,
        "mx_certificate": certificate.code,
        "mx_trainee": accepted.trainee_id,
        "mx_suggested": other.pk,
    }


def personal(ok: int):
    """A write on personal data: ``ok`` for trainers, 403 for the secretariat (who reads it),
    404 for everyone else (who does not)."""
    return change_rule(TRAINERS, PERSONAL_READERS, ok)


def personal_page(ok: int = 200):
    """A page about personal data (or a button on it): its readers get ``ok``, others 404."""
    return page_rule(PERSONAL_READERS, ok=ok, denied=404)


PERSON = {
    "given_name": "Api",
    "family_name": "Nominee",
    "date_of_birth": "1990-02-02",
    "nation": "AFG",
    "national_id": "AF-MX-API",
}

API = {
    ("GET", "/api/v1/training/qualifications"): (
        "/training/qualifications",
        None,
        api_rule(EVERYONE, 200),
    ),
    ("GET", "/api/v1/training/programmes"): (
        "/training/programmes",
        None,
        api_rule(EVERYONE, 200),
    ),
    ("GET", "/api/v1/training/programmes/{code}"): (
        "/training/programmes/mx-programme",
        None,
        api_rule(EVERYONE, 200),
    ),
    ("GET", "/api/v1/training/sessions"): ("/training/sessions", None, api_rule(EVERYONE, 200)),
    ("POST", "/api/v1/training/sessions"): (
        "/training/sessions",
        {
            "course": "mx-course",
            "code": "mx-new-session",
            "starts": "2031-07-01",
            "ends": "2031-07-03",
            "capacity": 4,
            "quotas": [{"nation": "AFG", "seats": 2}],
        },
        api_rule(TRAINERS, 201),
    ),
    ("GET", "/api/v1/training/sessions/{code}"): (
        "/training/sessions/mx-session",
        None,
        api_rule(EVERYONE, 200),
    ),
    ("POST", "/api/v1/training/sessions/{code}/nominations"): (
        "/training/sessions/mx-session/nominations",
        {"person": PERSON},
        api_rule(TRAINERS, 201),
    ),
    ("GET", "/api/v1/training/nominations"): (
        "/training/nominations",
        None,
        api_rule(EVERYONE, 200),
    ),
    ("GET", "/api/v1/training/nominations/{nomination_id}"): (
        "/training/nominations/{mx_nomination}",
        None,
        api_rule(PERSONAL_READERS, 200, denied=404),
    ),
    ("POST", "/api/v1/training/nominations/{nomination_id}/withdraw"): (
        "/training/nominations/{mx_nomination}/withdraw",
        {"expected_version": 1},
        personal(200),
    ),
    ("POST", "/api/v1/training/nominations/{nomination_id}/attendance"): (
        "/training/nominations/{mx_nomination}/attendance",
        {"day": "2031-06-02"},
        personal(200),
    ),
    ("POST", "/api/v1/training/nominations/{nomination_id}/grade"): (
        "/training/nominations/{mx_nomination}/grade",
        {"grade": 80},
        personal(200),
    ),
    ("POST", "/api/v1/training/nominations/{nomination_id}/certificate"): (
        "/training/nominations/{mx_passed}/certificate",
        None,
        personal(201),
    ),
    ("GET", "/api/v1/training/trainees"): ("/training/trainees", None, api_rule(EVERYONE, 200)),
    ("GET", "/api/v1/training/trainees/{trainee_id}"): (
        "/training/trainees/{mx_trainee}",
        None,
        api_rule(PERSONAL_READERS, 200, denied=404),
    ),
    ("POST", "/api/v1/training/trainees/{trainee_id}/match"): (
        "/training/trainees/{mx_suggested}/match",
        {"same_person": False},
        personal(200),
    ),
    ("GET", "/api/v1/training/certificates/{code}"): (
        "/training/certificates/{mx_certificate}",
        None,
        api_rule(PERSONAL_READERS, 200, denied=404),
    ),
    ("POST", "/api/v1/training/certificates/{code}/revoke"): (
        "/training/certificates/{mx_certificate}/revoke",
        {"reason": "Matrix"},
        personal(200),
    ),
    ("POST", "/api/v1/training/certificates/{code}/reissue"): (
        "/training/certificates/{mx_certificate}/reissue",
        {"renew": True},
        personal(201),
    ),
    ("GET", "/api/v1/training/verify/{code}"): (
        "/training/verify/{mx_certificate}",
        None,
        everyone(200),
    ),
    ("GET", "/api/v1/training/statistics"): ("/training/statistics", None, everyone(200)),
    ("GET", "/api/v1/training/statistics/report"): (
        "/training/statistics/report",
        None,
        everyone(200),
    ),
    # An outcome of a graduate: personal data like the graduate (their delegation reports it
    # too, but no persona is of a beneficiary nation).
    ("GET", "/api/v1/training/trainees/{trainee_id}/outcomes"): (
        "/training/trainees/{mx_graduate}/outcomes",
        None,
        api_rule(PERSONAL_READERS, 200, denied=404),
    ),
    ("POST", "/api/v1/training/trainees/{trainee_id}/outcomes"): (
        "/training/trainees/{mx_graduate}/outcomes",
        {"agency": "afg_moi", "day": "2031-07-01", "kind": "promotion", "description": "Mx."},
        personal(201),
    ),
    # Paying a session from a fund: trainers (the session is theirs to change and the fund lets
    # them buy against it); everyone else reads the session but may not (403).
    ("POST", "/api/v1/training/sessions/{code}/funding"): (
        "/training/sessions/mx-session/funding",
        {"fund": "mx-fund", "donor": "DEU", "amount_minor": 10000, "day": "2031-05-01"},
        change_rule(TRAINERS, EVERYONE, 201),
    ),
}

PAGES = {
    "training:index": ("GET", "/training/", page_rule(EVERYONE)),
    "training:programmes": ("GET", "/training/programmes/", page_rule(EVERYONE)),
    "training:programme-detail": (
        "GET",
        "/training/programmes/mx-programme/",
        page_rule(EVERYONE),
    ),
    "training:session-detail": ("GET", "/training/sessions/mx-session/", page_rule(EVERYONE)),
    "training:nominate": ("GET", "/training/sessions/mx-session/nominate/", page_rule(NOMINATORS)),
    "training:nomination-detail": (
        "GET",
        "/training/nominations/{mx_nomination}/",
        personal_page(),
    ),
    # Posted empty: the form is incomplete (or, for a certificate, the service answers), so its
    # readers are sent back to the record with a message; the others find no record.
    "training:nomination-withdraw": (
        "POST",
        "/training/nominations/{mx_nomination}/withdraw/",
        personal_page(302),
    ),
    "training:attendance-record": (
        "POST",
        "/training/nominations/{mx_nomination}/attendance/",
        personal_page(302),
    ),
    "training:nomination-grade": (
        "POST",
        "/training/nominations/{mx_nomination}/grade/",
        personal_page(302),
    ),
    "training:certificate-issue": (
        "POST",
        "/training/nominations/{mx_passed}/certificate/",
        personal_page(302),
    ),
    "training:trainees": ("GET", "/training/trainees/", page_rule(EVERYONE)),
    "training:trainee-detail": ("GET", "/training/trainees/{mx_trainee}/", personal_page()),
    "training:trainee-match": (
        "POST",
        "/training/trainees/{mx_suggested}/match/",
        personal_page(302),
    ),
    "training:certificate-detail": (
        "GET",
        "/training/certificates/{mx_certificate}/",
        personal_page(),
    ),
    "training:certificate-revoke": (
        "POST",
        "/training/certificates/{mx_certificate}/revoke/",
        personal_page(302),
    ),
    "training:certificate-reissue": (
        "POST",
        "/training/certificates/{mx_certificate}/reissue/",
        personal_page(302),
    ),
    "training:outcome-record": (
        "POST",
        "/training/trainees/{mx_graduate}/outcomes/",
        personal_page(302),
    ),
    "training:statistics": ("GET", "/training/statistics/", everyone(200)),
    "training:verify": ("GET", "/training/verify/", everyone(200)),
}
