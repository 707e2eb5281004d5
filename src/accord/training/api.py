"""Training API, mounted at /api/v1/training: programmes, sessions and their seats, the
nomination pipeline, trainees and their possible matches, certificates, the public
verification and statistics.

Thin: each endpoint resolves codes through selectors (a record the caller cannot read is a 404,
the same as one that does not exist) and calls one service.
"""

from django.http import HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate
from ninja.renderers import JSONRenderer

from accord.access import require_kind
from accord.core import selectors as core_selectors
from accord.core.apiauth import PUBLIC_AUTH
from accord.errors import Code, NotFound, ValidationFailed
from accord.funds import selectors as fund_selectors
from accord.inputs import Input, Text
from accord.kept import KeptRecent
from accord.pagination import Pages
from accord.training import selectors, services
from accord.training.inputs import SessionValues, TraineeValues
from accord.training.models import Nomination, Session
from accord.training.schemas import (
    AttendanceIn,
    CertificateOut,
    FundingCommitIn,
    FundingOut,
    GradeIn,
    MatchIn,
    NominationDetailOut,
    NominationIn,
    NominationOut,
    OutcomeIn,
    OutcomeOut,
    QualificationOut,
    ReissueIn,
    RevokeIn,
    SessionDetailOut,
    SessionIn,
    SessionOut,
    StatisticsOut,
    TraineeOut,
    TrainingProgrammeDetailOut,
    TrainingProgrammeOut,
    VerificationOut,
    WithdrawIn,
    YearOut,
)

router = Router(tags=["training"])


class SessionQuery(Input):
    programme: str | None = None
    course: str | None = None
    year: int | None = None
    open: bool | None = None
    q: str | None = None


class NominationQuery(Input):
    session: str | None = None
    status: str | None = None


class SearchQuery(Input):
    q: str | None = None


def _params(query: Schema) -> dict:
    return {k: v for k, v in query.dict().items() if v is not None}


def _reference(kind: str, lookup):
    try:
        return lookup()
    except NotFound:
        raise ValidationFailed(
            _("%(kind)s: no record with that code that you may read.") % {"kind": kind},
            code=Code.UNKNOWN_REFERENCE,
            errors={kind: [_("unknown code")]},
        ) from None


def _nation(request, iso3: str):
    return _reference("nation", lambda: core_selectors.nation_get(actor=request.user, iso3=iso3))


# --- the catalogue --------------------------------------------------------------------------


@router.get("/qualifications", response=list[QualificationOut])
def qualification_list(request):
    return list(selectors.qualification_list(actor=request.user))


@router.get("/programmes", response=list[TrainingProgrammeOut])
@paginate(Pages)
def programme_list(request, filters: Query[SearchQuery]):
    return selectors.programme_list(actor=request.user, params=_params(filters))


@router.get("/programmes/{code}", response=TrainingProgrammeDetailOut)
def programme_get(request, code: Text):
    actor = request.user
    programme = selectors.programme_get(actor=actor, code=code)
    nations = selectors.programme_nations(actor=actor, programme=programme)
    programme.donor_codes = [n.iso3 for n in nations["donors"]]
    programme.beneficiary_codes = [n.iso3 for n in nations["beneficiaries"]]
    programme.course_codes = [
        c.code for c in selectors.course_list(actor=actor, programme=programme)
    ]
    return programme


@router.get("/sessions", response=list[SessionOut])
@paginate(Pages)
def session_list(request, filters: Query[SessionQuery]):
    return selectors.session_list(actor=request.user, params=_params(filters))


def _session_detail(request, code: str):
    actor = request.user
    session = selectors.session_get(actor=actor, code=code)
    session.quota_rows = selectors.session_quotas(actor=actor, session=session)
    session.funding_rows = selectors.session_funding(actor=actor, session=session)
    session.waiting_count = selectors.session_waiting(actor=actor, session=session)
    return session


@router.get("/sessions/{code}", response=SessionDetailOut)
def session_get(request, code: Text):
    return _session_detail(request, code)


@router.post("/sessions", response={201: SessionDetailOut})
def session_create(request, payload: SessionIn):
    """Open a session of a course, with its seats per nation (trainers)."""
    actor = request.user
    require_kind(actor, "create", Session)  # before the references: see require_kind
    course = _reference("course", lambda: selectors.course_get(actor=actor, code=payload.course))
    venue = None
    if payload.venue:
        venue = _reference(
            "venue", lambda: core_selectors.site_get(actor=actor, code=payload.venue)
        )
    mobile_in = _nation(request, payload.mobile_in) if payload.mobile_in else None
    values = SessionValues(
        code=payload.code,
        venue=venue,
        mobile_in=mobile_in,
        starts=payload.starts,
        ends=payload.ends,
        instructors=payload.instructors,
        capacity=payload.capacity,
        waitlist_open=payload.waitlist_open,
    )
    quotas = {_nation(request, q.nation): q.seats for q in payload.quotas}
    session = services.session_create(actor=actor, course=course, values=values, quotas=quotas)
    return Status(201, _session_detail(request, session.code))


@router.post("/sessions/{code}/funding", response={201: FundingOut})
def session_funding_commit(request, code: Text, payload: FundingCommitIn):
    """Pay a donor's share of the session from a trust fund it gives to: the fund commits the
    money, and its IATI file then reports the people the session trained (trainers)."""
    actor = request.user
    session = selectors.session_get(actor=actor, code=code)
    fund = _reference("fund", lambda: fund_selectors.fund_get(actor=actor, code=payload.fund))
    funding = services.session_funding_commit(
        actor=actor,
        session=session,
        fund=fund,
        donor=_nation(request, payload.donor),
        amount_minor=payload.amount_minor,
        day=payload.day,
    )
    shown = selectors.session_funding(actor=actor, session=session)
    return Status(201, next(f for f in shown if f.pk == funding.pk))


# --- the pipeline -----------------------------------------------------------------------------


def _nomination(request, nomination_id: int):
    nomination = selectors.nomination_get(actor=request.user, pk=nomination_id)
    nomination.attendance_rows = selectors.nomination_attendance(
        actor=request.user, nomination=nomination
    )
    return nomination


@router.post("/sessions/{code}/nominations", response={201: NominationDetailOut})
def nomination_create(request, code: Text, payload: NominationIn):
    """Nominate a known trainee or a person for a session (their nation's delegation, or a
    trainer): seated if the session and the nation's quota have room, else waitlisted."""
    actor = request.user
    require_kind(actor, "create", Nomination)  # before the references: see require_kind
    session = selectors.session_get(actor=actor, code=code)
    trainee, person = None, None
    if payload.trainee is not None:
        trainee = _reference(
            "trainee", lambda: selectors.trainee_get(actor=actor, pk=payload.trainee)
        )
    elif payload.person is not None:
        data = payload.person.dict()
        person = TraineeValues(**{**data, "nation": _nation(request, data["nation"])})
    nomination = services.nomination_create(
        actor=actor,
        session=session,
        trainee=trainee,
        person=person,
        new_person=payload.new_person,
        note=payload.note,
    )
    return Status(201, _nomination(request, nomination.pk))


@router.get("/nominations", response=list[NominationOut])
@paginate(Pages)
def nomination_list(request, filters: Query[NominationQuery]):
    return selectors.nomination_list(actor=request.user, params=_params(filters))


@router.get("/nominations/{int:nomination_id}", response=NominationDetailOut)
def nomination_get(request, nomination_id: int):
    return _nomination(request, nomination_id)


@router.post("/nominations/{int:nomination_id}/withdraw", response=NominationDetailOut)
def nomination_withdraw(request, nomination_id: int, payload: WithdrawIn):
    """Withdraw a nominee; the next in line takes the seat and is told."""
    nomination = selectors.nomination_get(actor=request.user, pk=nomination_id)
    services.nomination_withdraw(
        actor=request.user, nomination=nomination, expected_version=payload.expected_version
    )
    return _nomination(request, nomination_id)


@router.post("/nominations/{int:nomination_id}/attendance", response=NominationDetailOut)
def attendance_record(request, nomination_id: int, payload: AttendanceIn):
    nomination = selectors.nomination_get(actor=request.user, pk=nomination_id)
    services.attendance_record(
        actor=request.user, nomination=nomination, day=payload.day, present=payload.present
    )
    return _nomination(request, nomination_id)


@router.post("/nominations/{int:nomination_id}/grade", response=NominationDetailOut)
def nomination_grade(request, nomination_id: int, payload: GradeIn):
    nomination = selectors.nomination_get(actor=request.user, pk=nomination_id)
    services.nomination_grade(actor=request.user, nomination=nomination, grade=payload.grade)
    return _nomination(request, nomination_id)


@router.post("/nominations/{int:nomination_id}/certificate", response={201: CertificateOut})
def certificate_issue(request, nomination_id: int):
    """Issue the certificate of a nominee who passed (trainers)."""
    nomination = selectors.nomination_get(actor=request.user, pk=nomination_id)
    certificate = services.certificate_issue(actor=request.user, nomination=nomination)
    return Status(201, selectors.certificate_get(actor=request.user, code=certificate.code))


# --- trainees -----------------------------------------------------------------------------------


@router.get("/trainees", response=list[TraineeOut])
@paginate(Pages)
def trainee_list(request, filters: Query[SearchQuery]):
    return selectors.trainee_list(actor=request.user, params=_params(filters))


@router.get("/trainees/{int:trainee_id}", response=TraineeOut)
def trainee_get(request, trainee_id: int):
    return selectors.trainee_get(actor=request.user, pk=trainee_id)


@router.post("/trainees/{int:trainee_id}/match", response=TraineeOut)
def trainee_match(request, trainee_id: int, payload: MatchIn):
    """A trainer's word on a suggested match: the same person (merged) or a different one."""
    trainee = selectors.trainee_get(actor=request.user, pk=trainee_id)
    decide = (
        services.trainee_match_confirm if payload.same_person else (services.trainee_match_reject)
    )
    decide(actor=request.user, trainee=trainee)
    return selectors.trainee_get(actor=request.user, pk=trainee_id)


@router.get("/trainees/{int:trainee_id}/outcomes", response=list[OutcomeOut])
def outcome_list(request, trainee_id: int):
    """What beneficiary agencies reported of a graduate after the course."""
    trainee = selectors.trainee_get(actor=request.user, pk=trainee_id)
    return list(selectors.outcome_list(actor=request.user, trainee=trainee))


@router.post("/trainees/{int:trainee_id}/outcomes", response={201: OutcomeOut})
def outcome_record(request, trainee_id: int, payload: OutcomeIn):
    """Report an outcome of a graduate (trainers; a delegation for its own nation's)."""
    actor = request.user
    trainee = selectors.trainee_get(actor=actor, pk=trainee_id)
    agency = _reference(
        "agency", lambda: core_selectors.organisation_get(actor=actor, code=payload.agency)
    )
    outcome = services.outcome_record(
        actor=actor,
        graduate=trainee,
        values=services.OutcomeValues(
            agency=agency, day=payload.day, kind=payload.kind, description=payload.description
        ),
    )
    return Status(201, selectors.outcome_list(actor=actor).get(pk=outcome.pk))


# --- certificates -------------------------------------------------------------------------------


@router.get("/certificates/{code}", response=CertificateOut)
def certificate_get(request, code: Text):
    return selectors.certificate_get(actor=request.user, code=code)


@router.post("/certificates/{code}/revoke", response=CertificateOut)
def certificate_revoke(request, code: Text, payload: RevokeIn):
    certificate = selectors.certificate_get(actor=request.user, code=code)
    services.certificate_revoke(actor=request.user, certificate=certificate, reason=payload.reason)
    return selectors.certificate_get(actor=request.user, code=code)


@router.post("/certificates/{code}/reissue", response={201: CertificateOut})
def certificate_reissue(request, code: Text, payload: ReissueIn):
    """Replace a certificate under a new code (``renew``: valid again from today)."""
    certificate = selectors.certificate_get(actor=request.user, code=code)
    new = services.certificate_reissue(
        actor=request.user, certificate=certificate, renew=payload.renew
    )
    return Status(201, selectors.certificate_get(actor=request.user, code=new.code))


# --- for anyone ---------------------------------------------------------------------------------


@router.get("/verify/{code}", response=VerificationOut, auth=PUBLIC_AUTH)
def certificate_verify(request, code: Text):
    """Verify a certificate by its code: initials, course, dates and validity, nothing else."""
    found = selectors.certificate_verify(code=code, today=timezone.localdate())
    if found is None:
        raise NotFound(_("No certificate with that code."))
    return found


# The public's report as last serialised, per language and version of the tables it reads.
_report_bodies: KeptRecent[str] = KeptRecent(size=8)


@router.get("/statistics/report", response=StatisticsOut, auth=PUBLIC_AUTH)
def statistics_report(request):
    """Trained per year, nation and course, against the programmes' targets, and the cost per
    graduate by donor: counts and sums over what the caller may read.

    The public's answer is serialised once per version of what it reads (as the page keeps its
    drawn body): validating and encoding every row again was most of a visit's cost."""
    version = selectors.statistics_version(actor=request.user)
    if version is None:
        return _report_out(selectors.statistics_report(actor=request.user))
    body = _report_bodies.get_or_build(version, lambda: _report_json(request))
    return HttpResponse(body, content_type=f"{_RENDERER.media_type}; charset={_RENDERER.charset}")


# The API's renderer (ninja's default, which ``accord.api`` keeps).
_RENDERER = JSONRenderer()


def _report_json(request) -> str:
    """The very body ninja gives: validated against ``StatisticsOut``, rendered as the API
    renders."""
    out = StatisticsOut.model_validate(_report_out(selectors.statistics_report(actor=request.user)))
    return _RENDERER.render(request, out.model_dump(by_alias=True), response_status=200)


def _report_out(report) -> dict:
    return {
        "total": report.total,
        "years": [
            {"year": y, "by_nation": {n or "": c for n, c in by.items()}, "total": t}
            for y, by, t in report.years
        ],
        "nations": [{"nation": n, "trained": c} for n, c in report.nations],
        "courses": [{"programme": p, "course": c, "trained": n} for p, c, n in report.courses],
        "targets": [
            {
                "code": g.goal.code,
                "programme": g.goal.programme,
                "kind": g.goal.kind,
                "due": g.goal.due,
                "nation": g.goal.nation,
                "target": g.goal.value,
                "trained": g.trained,
            }
            for g in report.goals
        ],
        "costs": [
            {
                "donor": c.donor,
                "currency": c.currency,
                "given_minor": c.amount_minor,
                "sessions": c.sessions,
                "graduates": c.graduates,
                "per_graduate_minor": c.per_graduate_minor,
            }
            for c in report.costs
        ],
    }


@router.get("/statistics", response=list[YearOut], auth=PUBLIC_AUTH)
def statistics(request):
    """Trained per year and per nation (counts only)."""
    return selectors.statistics(actor=request.user)
