"""Council API, mounted at /api/v1/council: bodies, consultations under silence, the register of
decisions, legal bases, joint actions, meetings and the calendar feed.

Thin: each endpoint resolves codes through selectors (a record the caller cannot read is a 404,
the same as one that does not exist) and calls one service.
"""

from django.http import HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from accord.access import require_kind, shown
from accord.core import selectors as core_selectors
from accord.core.apiauth import PUBLIC_AUTH
from accord.council import selectors, services
from accord.council.calendar import calendar_ics
from accord.council.inputs import (
    ActionResultValues,
    CooperationValues,
    LegalBasisValues,
    PreconditionValues,
)
from accord.council.models import ActionResult, Consultation, Decision, Meeting
from accord.council.schemas import (
    ActionResultIn,
    ActionResultOut,
    ActionResultPatch,
    AgendaItemIn,
    AgendaItemOut,
    AgendaOutcomeIn,
    BodyDetailOut,
    BodyOut,
    BreakIn,
    CalendarFeedOut,
    CirculateIn,
    ConsultationDetailOut,
    ConsultationIn,
    ConsultationOut,
    ConsultationWithdrawIn,
    CooperationIn,
    CooperationOut,
    DecideIn,
    DecisionIn,
    DecisionOut,
    DifferenceOut,
    DraftNextIn,
    ExtendIn,
    FollowUpOut,
    JointActionDetailOut,
    JointActionOut,
    LegalBasisOut,
    LegalBasisPatch,
    MeetingDetailOut,
    MeetingIn,
    MeetingOut,
    MeetingPatch,
    MinutesIn,
    ObjectionIn,
    PreconditionIn,
    PreconditionOut,
    ResultMilestoneIn,
    ResultProgressIn,
    ReviewIn,
    ReviseIn,
    StartIn,
)
from accord.errors import Code, NotFound, ValidationFailed
from accord.inputs import Input, Text
from accord.pagination import Pages

router = Router(tags=["council"])


class ConsultationQuery(Input):
    body: str | None = None
    state: str | None = None
    q: str | None = None


class DecisionQuery(Input):
    body: str | None = None
    year: int | None = None
    adopted_by: str | None = None
    q: str | None = None


class LegalBasisQuery(Input):
    kind: str | None = None
    q: str | None = None


class StatusQuery(Input):
    status: str | None = None


class BodyQuery(Input):
    body: str | None = None


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


# --- bodies ---------------------------------------------------------------------------------------


@router.get("/bodies", response=list[BodyOut])
def body_list(request):
    return list(selectors.body_list(actor=request.user))


@router.get("/bodies/{code}", response=BodyDetailOut)
def body_get(request, code: Text):
    body = selectors.body_get(actor=request.user, code=code)
    body.member_rows = list(selectors.body_memberships(actor=request.user, body=body))
    return body


@router.get("/cooperation", response=list[CooperationOut])
def cooperation_list(request):
    return list(selectors.cooperation_history(actor=request.user))


@router.post("/cooperation", response={201: CooperationOut})
def cooperation_set(request, payload: CooperationIn):
    """Record a member's practical-cooperation status from a date (secretariat)."""
    data = payload.dict()
    values = CooperationValues(**{**data, "nation": _nation(request, data["nation"])})
    return Status(201, services.cooperation_set(actor=request.user, values=values))


@router.get("/preconditions", response=list[PreconditionOut])
def precondition_list(request):
    return list(selectors.precondition_list(actor=request.user))


@router.post("/preconditions", response={201: PreconditionOut})
def precondition_declare(request, payload: PreconditionIn):
    """A delegation declares its nation's precondition for taking part in joint actions."""
    data = payload.dict()
    nation = _nation(request, data.pop("nation")) or request.user.nation
    if nation is None:
        raise ValidationFailed(_("Name the nation."), errors={"nation": [_("required")]})
    values = PreconditionValues(**data, nation=nation)
    return Status(201, services.precondition_declare(actor=request.user, values=values))


# --- consultations --------------------------------------------------------------------------------


def _detail(request, consultation):
    view = selectors.consultation_view(actor=request.user, consultation=consultation)
    consultation.current_state = view.state.value
    consultation.seconds_left = view.seconds_left
    consultation.breaks_until = view.breaks_until
    consultation.version_rows = view.versions
    consultation.decision_reference = view.decision.reference if view.decision else None
    consultation.circulation_rows = [
        {
            "number": c.number,
            "text_version": c.version.number,
            "circulated_at": c.circulated_at,
            "deadline": c.deadline,
            "extensions": c.extensions,
            "outcome": c.outcome,
            "closed_at": c.closed_at,
            "breaks": [
                {
                    "nation": nation.iso3 if (nation := shown(b, "nation")) else None,
                    "statement": b.statement,
                    "amendments": b.amendments,
                    "proposals": [
                        {
                            "id": a.pk,
                            "language": a.language,
                            "old": a.old,
                            "new": a.new,
                            "state": a.state,
                            "decision_note": a.decision_note,
                            "accepted_into": a.applied_to.number if a.applied_to else None,
                        }
                        for a in b.proposals.all()
                    ],
                    "broken_at": b.broken_at,
                }
                for b in c.breaks.all()
            ],
            "agreements": [
                {
                    "nation": nation.iso3 if (nation := shown(a, "nation")) else None,
                    "agreed_at": a.agreed_at,
                }
                for a in c.agreements.all()
            ],
        }
        for c in view.circulations
    ]
    return consultation


def _consultation(request, consultation_id: int):
    return selectors.consultation_get(actor=request.user, pk=consultation_id)


@router.get("/consultations", response=list[ConsultationOut])
@paginate(Pages)
def consultation_list(request, filters: Query[ConsultationQuery]):
    return selectors.consultation_list(actor=request.user, params=_params(filters))


@router.post("/consultations", response={201: ConsultationDetailOut})
def consultation_create(request, payload: ConsultationIn):
    require_kind(request.user, "create", Consultation)  # before the body: see require_kind
    body = _reference("body", lambda: selectors.body_get(actor=request.user, code=payload.body))
    consultation = services.consultation_create(
        actor=request.user,
        body=body,
        title=payload.title,
        title_ru=payload.title_ru,
        text=payload.text,
        text_ru=payload.text_ru,
        authentic_en=payload.authentic_en,
        authentic_ru=payload.authentic_ru,
    )
    return Status(201, _detail(request, _consultation(request, consultation.pk)))


@router.get("/consultations/{int:consultation_id}", response=ConsultationDetailOut)
def consultation_get(request, consultation_id: int):
    return _detail(request, _consultation(request, consultation_id))


@router.post("/consultations/{int:consultation_id}/circulate", response=ConsultationDetailOut)
def consultation_circulate(request, consultation_id: int, payload: CirculateIn):
    consultation = _consultation(request, consultation_id)
    services.consultation_circulate(
        actor=request.user, consultation=consultation, deadline=payload.deadline
    )
    return _detail(request, _consultation(request, consultation_id))


@router.post("/consultations/{int:consultation_id}/extend", response=ConsultationDetailOut)
def consultation_extend(request, consultation_id: int, payload: ExtendIn):
    consultation = _consultation(request, consultation_id)
    services.consultation_extend(
        actor=request.user, consultation=consultation, deadline=payload.deadline
    )
    return _detail(request, _consultation(request, consultation_id))


@router.post("/consultations/{int:consultation_id}/break", response=ConsultationDetailOut)
def silence_break(request, consultation_id: int, payload: BreakIn):
    consultation = _consultation(request, consultation_id)
    services.silence_break(
        actor=request.user,
        consultation=consultation,
        statement=payload.statement,
        amendments=payload.amendments,
        proposals=[p.dict() for p in payload.proposals],
    )
    return _detail(request, _consultation(request, consultation_id))


@router.post(
    "/consultations/{int:consultation_id}/amendments/{int:amendment_id}/decide",
    response=ConsultationDetailOut,
)
def amendment_decide(request, consultation_id: int, amendment_id: int, payload: DecideIn):
    """The secretariat accepts a proposed amendment into the next version, or rejects it."""
    consultation = _consultation(request, consultation_id)
    amendment = selectors.amendment_get(
        actor=request.user, consultation=consultation, pk=amendment_id
    )
    services.amendment_decide(
        actor=request.user, amendment=amendment, accept=payload.accept, note=payload.note
    )
    return _detail(request, _consultation(request, consultation_id))


@router.get("/consultations/{int:consultation_id}/difference", response=DifferenceOut)
def versions_difference(request, consultation_id: int, before: int, after: int):
    """The word-level difference between two versions of the text, in each language."""
    difference = selectors.versions_difference(
        actor=request.user,
        consultation=_consultation(request, consultation_id),
        before=before,
        after=after,
    )
    return {
        "before_number": difference.before.number,
        "after_number": difference.after.number,
        "text": [{"op": r.op, "text": r.text} for r in difference.text],
        "text_ru": [{"op": r.op, "text": r.text} for r in difference.text_ru],
    }


@router.post("/consultations/{int:consultation_id}/agree", response=ConsultationDetailOut)
def silence_agree(request, consultation_id: int):
    """A delegation expressly agrees, for its own nation, to the text under silence."""
    services.silence_agree(actor=request.user, consultation=_consultation(request, consultation_id))
    return _detail(request, _consultation(request, consultation_id))


@router.post("/consultations/{int:consultation_id}/close-early", response=ConsultationDetailOut)
def consultation_close_early(request, consultation_id: int):
    """The secretariat adopts the text before its deadline: every member expressly agreed."""
    services.consultation_close_early(
        actor=request.user, consultation=_consultation(request, consultation_id)
    )
    return _detail(request, _consultation(request, consultation_id))


@router.post("/consultations/{int:consultation_id}/withdraw", response=ConsultationDetailOut)
def consultation_withdraw(request, consultation_id: int, payload: ConsultationWithdrawIn):
    """The secretariat withdraws the text: nothing of it is adopted; every member is told."""
    services.consultation_withdraw(
        actor=request.user,
        consultation=_consultation(request, consultation_id),
        reason=payload.reason,
    )
    return _detail(request, _consultation(request, consultation_id))


@router.post("/consultations/{int:consultation_id}/revise", response=ConsultationDetailOut)
def consultation_revise(request, consultation_id: int, payload: ReviseIn):
    consultation = _consultation(request, consultation_id)
    services.consultation_revise(
        actor=request.user,
        consultation=consultation,
        text=payload.text,
        text_ru=payload.text_ru,
        authentic_en=payload.authentic_en,
        authentic_ru=payload.authentic_ru,
        note=payload.note,
    )
    return _detail(request, _consultation(request, consultation_id))


# --- decisions ------------------------------------------------------------------------------------


@router.get("/decisions", response=list[DecisionOut])
@paginate(Pages)
def decision_list(request, filters: Query[DecisionQuery]):
    return selectors.decision_list(actor=request.user, params=_params(filters))


@router.post("/decisions", response={201: DecisionOut})
def decision_record(request, payload: DecisionIn):
    actor = request.user
    require_kind(actor, "create", Decision)  # before the references: see require_kind
    body = _reference("body", lambda: selectors.body_get(actor=actor, code=payload.body))
    meeting = None
    if payload.meeting is not None:
        meeting = _reference(
            "meeting", lambda: selectors.meeting_get(actor=actor, pk=payload.meeting)
        )
    bases = [
        _reference("legal_bases", lambda c=c: selectors.legal_basis_get(actor, c))
        for c in payload.legal_bases
    ]
    actions = [
        _reference("joint_actions", lambda c=c: selectors.joint_action_get(actor, c))
        for c in payload.joint_actions
    ]
    decision = services.decision_record(
        actor=actor,
        body=body,
        title=payload.title,
        title_ru=payload.title_ru,
        text=payload.text,
        text_ru=payload.text_ru,
        authentic_en=payload.authentic_en,
        authentic_ru=payload.authentic_ru,
        adopted_on=payload.adopted_on,
        meeting=meeting,
        legal_bases=bases,
        joint_actions=actions,
    )
    # Read back through the selector: its references are cut to what the caller may see.
    return Status(201, selectors.decision_get(actor=actor, reference=decision.reference))


@router.get("/decisions/{reference}", response=DecisionOut)
def decision_get(request, reference: Text):
    return selectors.decision_get(actor=request.user, reference=reference)


@router.post("/decisions/{reference}/review", response=DecisionOut)
def decision_review(request, reference: Text, payload: ReviewIn):
    """The secretariat sets (or clears) a decision's review date; members are reminded ahead."""
    decision = selectors.decision_get(actor=request.user, reference=reference)
    services.decision_review_set(
        actor=request.user,
        decision=decision,
        review_on=payload.review_on,
        note=payload.note,
        expected_version=payload.expected_version,
    )
    return selectors.decision_get(actor=request.user, reference=reference)


# --- legal bases and joint actions ----------------------------------------------------------------


@router.get("/legal-bases", response=list[LegalBasisOut], auth=PUBLIC_AUTH)
@paginate(Pages)
def legal_basis_list(request, filters: Query[LegalBasisQuery]):
    return selectors.legal_basis_list(actor=request.user, params=_params(filters))


@router.get("/legal-bases/{code}", response=LegalBasisOut, auth=PUBLIC_AUTH)
def legal_basis_get(request, code: Text):
    return selectors.legal_basis_get(request.user, code)


@router.patch("/legal-bases/{code}", response=LegalBasisOut)
def legal_basis_update(request, code: Text, payload: LegalBasisPatch):
    """Correct a legal basis's dates or scope (secretariat), naming the version you read."""
    basis = selectors.legal_basis_get(request.user, code)
    data = payload.dict(exclude_unset=True)
    version = data.pop("expected_version")
    services.legal_basis_update(
        actor=request.user,
        legal_basis=basis,
        values=LegalBasisValues(**data),
        expected_version=version,
    )
    return selectors.legal_basis_get(request.user, code)


@router.get("/joint-actions", response=list[JointActionOut])
@paginate(Pages)
def joint_action_list(request, filters: Query[StatusQuery]):
    return selectors.joint_action_list(actor=request.user, params=_params(filters))


def _joint_action_detail(request, action):
    actor = request.user
    action.participation_rows = [
        {"nation": r["nation"].iso3, "participating": r["participating"], "reason": r["reason"]}
        for r in selectors.joint_action_participation(actor=actor, joint_action=action)
    ]
    action.valid_base_codes = [
        b.code for b in selectors.joint_action_valid_bases(actor=actor, joint_action=action)
    ]
    action.decision_references = [
        d.reference for d in selectors.decisions_for_joint_action(actor=actor, joint_action=action)
    ]
    action.linked_groups = selectors.joint_action_links(actor=actor, joint_action=action, limit=0)
    return action


@router.get("/joint-actions/{code}", response=JointActionDetailOut)
def joint_action_get(request, code: Text):
    return _joint_action_detail(request, selectors.joint_action_get(request.user, code))


@router.post("/joint-actions/{code}/start", response=JointActionDetailOut)
def joint_action_start(request, code: Text, payload: StartIn):
    action = selectors.joint_action_get(request.user, code)
    action = services.joint_action_start(
        actor=request.user,
        joint_action=action,
        on=payload.on,
        expected_version=payload.expected_version,
    )
    return _joint_action_detail(request, selectors.joint_action_get(request.user, code))


# --- meetings -------------------------------------------------------------------------------------


@router.get("/meetings", response=list[MeetingOut])
@paginate(Pages)
def meeting_list(request, filters: Query[BodyQuery]):
    return selectors.meeting_list(actor=request.user, params=_params(filters))


def _meeting_detail(request, meeting_id: int):
    actor = request.user
    meeting = selectors.meeting_get(actor=actor, pk=meeting_id)
    meeting.agenda_rows = selectors.meeting_agenda(actor=actor, meeting=meeting)
    meeting.attendance_rows = list(selectors.meeting_attendance(actor=actor, meeting=meeting))
    meeting.referenced_rows = [
        d.reference for d in selectors.meeting_referenced_decisions(actor=actor, meeting=meeting)
    ]
    return meeting


@router.post("/meetings", response={201: MeetingDetailOut})
def meeting_create(request, payload: MeetingIn):
    require_kind(request.user, "create", Meeting)  # before the body: see require_kind
    body = _reference("body", lambda: selectors.body_get(actor=request.user, code=payload.body))
    meeting = services.meeting_create(
        actor=request.user,
        body=body,
        starts_at=payload.starts_at,
        chair=payload.chair,
        place=payload.place,
    )
    return Status(201, _meeting_detail(request, meeting.pk))


@router.get("/meetings/{int:meeting_id}", response=MeetingDetailOut)
def meeting_get(request, meeting_id: int):
    return _meeting_detail(request, meeting_id)


@router.post("/meetings/{int:meeting_id}/minutes", response=MeetingDetailOut)
def meeting_minutes(request, meeting_id: int, payload: MinutesIn):
    """Record the minutes and who attended (secretariat)."""
    meeting = selectors.meeting_get(actor=request.user, pk=meeting_id)
    meeting = services.meeting_minutes_record(
        actor=request.user,
        meeting=meeting,
        minutes=payload.minutes,
        minutes_ru=payload.minutes_ru,
        attendees=[_nation(request, iso3) for iso3 in payload.attendees],
        attendance=[(_nation(request, a.nation), a.level) for a in payload.attendance],
        expected_version=payload.expected_version,
    )
    return _meeting_detail(request, meeting.pk)


@router.patch("/meetings/{int:meeting_id}", response=MeetingDetailOut)
def meeting_update(request, meeting_id: int, payload: MeetingPatch):
    """Change a meeting's day, level, chair and place (secretariat)."""
    meeting = selectors.meeting_get(actor=request.user, pk=meeting_id)
    services.meeting_update(actor=request.user, meeting=meeting, **payload.model_dump())
    return _meeting_detail(request, meeting_id)


@router.post("/meetings/{int:meeting_id}/draft-next", response={201: MeetingDetailOut})
def meeting_draft_next(request, meeting_id: int, payload: DraftNextIn):
    """Schedule the next meeting with the items left open or deferred on its draft agenda."""
    meeting = selectors.meeting_get(actor=request.user, pk=meeting_id)
    draft = services.meeting_draft_next(actor=request.user, meeting=meeting, **payload.model_dump())
    return Status(201, _meeting_detail(request, draft.pk))


@router.post("/agenda-items/{int:item_id}/outcome", response=AgendaItemOut)
def agenda_item_outcome(request, item_id: int, payload: AgendaOutcomeIn):
    """Record an item's outcome and the decisions and consultations it refers to (secretariat)."""
    actor = request.user
    item = selectors.agenda_item_get(actor=actor, pk=item_id)
    decisions = [
        _reference("decision", lambda ref=ref: selectors.decision_get(actor=actor, reference=ref))
        for ref in payload.decisions
    ]
    consultations = [
        _reference("consultation", lambda pk=pk: selectors.consultation_get(actor=actor, pk=pk))
        for pk in payload.consultations
    ]
    services.agenda_item_outcome(
        actor=actor,
        item=item,
        outcome=payload.outcome,
        note=payload.note,
        decisions=decisions,
        consultations=consultations,
    )
    return selectors.agenda_item_get(actor=actor, pk=item_id)


def _nation(request, iso3):
    if iso3 is None:
        return None
    return _reference("nation", lambda: core_selectors.nation_get(actor=request.user, iso3=iso3))


@router.post("/meetings/{int:meeting_id}/agenda", response={201: AgendaItemOut})
def agenda_item_propose(request, meeting_id: int, payload: AgendaItemIn):
    meeting = selectors.meeting_get(actor=request.user, pk=meeting_id)
    item = services.agenda_item_propose(
        actor=request.user,
        meeting=meeting,
        title=payload.title,
        nation=_nation(request, payload.nation),
    )
    return Status(201, selectors.agenda_item_get(actor=request.user, pk=item.pk))


@router.post("/agenda-items/{int:item_id}/object", response=AgendaItemOut)
def agenda_item_object(request, item_id: int, payload: ObjectionIn):
    item = selectors.agenda_item_get(actor=request.user, pk=item_id)
    services.agenda_item_object(
        actor=request.user,
        item=item,
        reason=payload.reason,
        nation=_nation(request, payload.nation),
    )
    return selectors.agenda_item_get(actor=request.user, pk=item_id)


# --- the calendar ---------------------------------------------------------------------------------


@router.post("/calendar-feed", response={201: CalendarFeedOut})
def calendar_feed_create(request):
    """A new secret calendar URL (the old one stops working): subscribe to it in a calendar."""
    _feed, secret = services.calendar_feed_create(actor=request.user)
    return Status(
        201, {"url": request.build_absolute_uri(reverse("council:calendar", args=[secret]))}
    )


@router.get("/calendar.ics")
def calendar(request):
    """Your deadlines and meetings as iCalendar, in your time zone (for systems with a token)."""
    body = calendar_ics(request.user, now=timezone.now())
    return HttpResponse(body, content_type="text/calendar; charset=utf-8")


# --- implementation follow-up of joint actions ----------------------------------------------------


def _figure_out(figure) -> dict | None:
    if figure is None:
        return None
    return {
        "key": figure.key,
        "label": figure.label,
        "value": figure.value,
        "currency": figure.currency,
        "of": figure.of,
    }


def _result_out(row) -> dict:
    r = row.result
    return {
        "id": r.pk,
        "joint_action": r.joint_action.code,
        "code": r.code,
        "title": r.title,
        "description": r.description,
        "status": r.status,
        "progress": r.progress,
        "measure": r.measure,
        "target": r.target,
        "measured": row.measured,
        "figure": _figure_out(row.figure),
        "start": r.start,
        "end": r.end,
        "updates": row.updates,
        "milestones": row.milestones,
        "marking": r.marking,
        "version": r.version,
    }


def _result_read(actor, pk: int) -> dict:
    result = selectors.action_result_get(actor=actor, pk=pk)
    rows = selectors.follow_up(actor=actor, joint_action=result.joint_action)
    return _result_out(next(row for row in rows if row.result.pk == result.pk))


@router.get("/joint-actions/{code}/results", response=list[ActionResultOut])
def action_result_list(request, code: Text):
    action = selectors.joint_action_get(request.user, code)
    return [
        _result_out(row) for row in selectors.follow_up(actor=request.user, joint_action=action)
    ]


@router.post("/joint-actions/{code}/results", response={201: ActionResultOut})
def action_result_create(request, code: Text, payload: ActionResultIn):
    require_kind(request.user, "create", ActionResult)
    action = selectors.joint_action_get(request.user, code)
    result = services.action_result_create(
        actor=request.user, values=ActionResultValues(**payload.dict(), joint_action=action)
    )
    return Status(201, _result_read(request.user, result.pk))


@router.get("/results/{int:result_id}", response=ActionResultOut)
def action_result_get(request, result_id: int):
    return _result_read(request.user, result_id)


@router.patch("/results/{int:result_id}", response=ActionResultOut)
def action_result_update(request, result_id: int, payload: ActionResultPatch):
    result = selectors.action_result_get(actor=request.user, pk=result_id)
    data = payload.dict(exclude_unset=True)
    version = data.pop("expected_version")
    services.action_result_update(
        actor=request.user,
        result=result,
        values=ActionResultValues(**data),
        expected_version=version,
    )
    return _result_read(request.user, result_id)


@router.post("/results/{int:result_id}/progress", response=ActionResultOut)
def action_result_progress(request, result_id: int, payload: ResultProgressIn):
    result = selectors.action_result_get(actor=request.user, pk=result_id)
    services.action_result_progress(actor=request.user, result=result, **payload.dict())
    return _result_read(request.user, result_id)


@router.post("/results/{int:result_id}/milestones", response={201: ActionResultOut})
def action_result_milestone(request, result_id: int, payload: ResultMilestoneIn):
    result = selectors.action_result_get(actor=request.user, pk=result_id)
    services.action_result_milestone(actor=request.user, result=result, **payload.dict())
    return Status(201, _result_read(request.user, result_id))


@router.get("/follow-up", response=list[FollowUpOut], auth=PUBLIC_AUTH)
def public_follow_up(request):
    """The public joint actions, their public results and the modules' public figures (the
    same for every caller: what the public portal shows)."""
    return [
        {
            "joint_action": item["action"].code,
            "name": item["action"].name,
            "status": item["action"].status,
            "figures": [_figure_out(f) for f in item["figures"]],
            "results": [_result_out(row) for row in item["results"]],
        }
        for item in selectors.public_follow_up()
    ]
