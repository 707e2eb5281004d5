"""The council's pages: consultations under silence, the register, legal bases, joint actions,
bodies and meetings. Declarations over selectors and services, made with the page toolkit
(``accord.web.pages``); times shown in the viewer's time zone.

A record the viewer may not read is a 404 (never a 403), so a NATO-only consultation does not
exist for Russia's delegation even by URL. Whether to offer a form is asked of ``access.may``;
the services decide again. A refused write comes back as a message that says what to do, with
its code, and the refusal is in the audit trail (the services record it).
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from accord import access
from accord.council import facts, selectors, services
from accord.council.calendar import calendar_ics, user_zone
from accord.council.models import (
    Consultation,
    ConsultationState,
    CooperationStatus,
    LegalBasisKind,
    Meeting,
    Precondition,
)
from accord.council.views.actions import page, record_action
from accord.council.views.forms import (
    AgendaItemForm,
    BreakForm,
    CirculateForm,
    ConsultationForm,
    CooperationForm,
    DecisionForm,
    ExtendForm,
    MeetingForm,
    MinutesForm,
    ObjectionForm,
    PreconditionForm,
    ReviseForm,
    StartForm,
)
from accord.errors import AccordError, PermissionDenied
from accord.web.pages import (
    EXPORT_FORMATS,
    acting,
    export_response,
    forbidden,
    form_page,
    history_rows,
    paginate,
    principal,
    record_or_404,
    success_redirect,
)


def _list_params(request, names) -> dict:
    return {k: request.GET.get(k) for k in names if request.GET.get(k)}


def _rows_or_page(request, template: str) -> str:
    """The list's rows alone for an HTMX filter request aimed at them, else the whole page."""
    if request.htmx and request.htmx.target == "rows":
        return template + "#rows"
    return template


# --- consultations --------------------------------------------------------------------------------


@page
def index(request):
    """The consultations: what is under silence now, what was adopted, what returned."""
    actor = request.user
    params = _list_params(request, ("body", "state", "q"))
    error = None
    try:
        qs = selectors.consultation_list(actor=actor, params=params)
    except AccordError as exc:
        qs, error = selectors.consultation_list(actor=actor), exc
    context = {
        "page": paginate(request, qs),
        "params": params,
        "error": error,
        "bodies": selectors.body_list(actor=actor),
        "states": ConsultationState.choices,
        "can_create": access.may(actor, "create", Consultation),
        "now": timezone.now(),
    }
    return render(request, _rows_or_page(request, "council/index.html"), context)


@page
def consultation_create(request):
    actor = request.user
    if not access.may(actor, "create", Consultation):
        return forbidden(request, "Only the secretariat opens consultations.")
    form = ConsultationForm(request.POST or None, bodies=selectors.body_list(actor=actor))

    def open_consultation(actor, data):
        return services.consultation_create(
            actor=actor,
            body=selectors.body_get(actor=actor, code=data["body"]),
            title=data["title"],
            text=data["text"],
        )

    return form_page(
        request,
        form=form,
        run=open_consultation,
        template="council/consultation_form.html",
        partial="form",
        success_url=lambda consultation: reverse(
            "council:consultation-detail", args=[consultation.pk]
        ),
        success_message="Consultation opened; circulate it when the text is ready.",
    )


@page
def consultation_detail(request, pk: int):
    actor = request.user
    consultation = record_or_404(selectors.consultation_get, actor=actor, pk=pk)
    view = selectors.consultation_view(actor=actor, consultation=consultation)
    may_run = access.may(actor, "change", Consultation)
    state = view.state.value
    context = {
        "c": consultation,
        "view": view,
        "state": state,
        "state_label": ConsultationState(state).label,
        "can_circulate": may_run and state in ("draft", "broken"),
        "can_revise": may_run and state in ("draft", "broken"),
        "can_extend": may_run and state == "circulating",
        "can_break": access.may(actor, "break silence", Consultation)
        and view.is_member
        and state == "circulating",
        "circulate_form": CirculateForm(),
        "extend_form": ExtendForm(),
        "break_form": BreakForm(),
        "revise_form": ReviseForm(initial={"text": view.versions[0].text if view.versions else ""}),
        "history": history_rows(actor, consultation),
        "zone": user_zone(actor).key,
    }
    return render(request, "council/consultation_detail.html", context)


def _consultation_action(request, pk: int, form_class, run, done: str):
    """A secretariat or delegation button on a consultation's page."""
    consultation = record_or_404(selectors.consultation_get, actor=request.user, pk=pk)
    return record_action(
        request,
        form=form_class(request.POST),
        run=lambda actor, data: run(actor, consultation, data),
        back_url=reverse("council:consultation-detail", args=[pk]),
        done=done,
    )


@require_POST
@page
def consultation_circulate(request, pk: int):
    return _consultation_action(
        request,
        pk,
        CirculateForm,
        lambda actor, c, data: services.consultation_circulate(
            actor=actor, consultation=c, deadline=data["deadline"]
        ),
        "Circulated under silence; every member has been told.",
    )


@require_POST
@page
def consultation_extend(request, pk: int):
    return _consultation_action(
        request,
        pk,
        ExtendForm,
        lambda actor, c, data: services.consultation_extend(
            actor=actor, consultation=c, deadline=data["deadline"]
        ),
        "Deadline extended; every member has been told.",
    )


@require_POST
@page
def consultation_break(request, pk: int):
    return _consultation_action(
        request,
        pk,
        BreakForm,
        lambda actor, c, data: services.silence_break(
            actor=actor, consultation=c, statement=data["statement"], amendments=data["amendments"]
        ),
        "Silence broken: the text is not adopted and returns to consultation.",
    )


@require_POST
@page
def consultation_revise(request, pk: int):
    return _consultation_action(
        request,
        pk,
        ReviseForm,
        lambda actor, c, data: services.consultation_revise(
            actor=actor, consultation=c, text=data["text"], note=data["note"]
        ),
        "New version saved; circulate it when ready.",
    )


# --- the register of decisions --------------------------------------------------------------------


DECISION_COLUMNS = (
    "Reference",
    "Title",
    "Body",
    "Adopted on",
    "How",
    "Legal bases",
    "Marking",
    "Rehearsal",
)


def _decision_row(d):
    body = access.shown(d, "body")
    return [
        d.reference,
        d.title,
        (body.short_name or body.name) if body else "",
        d.adopted_on,
        d.get_adopted_by_display(),
        ", ".join(b.code for b in d.shown_legal_bases),
        d.marking,
        "rehearsal" if d.rehearsal else "",
    ]


@page
def decision_list(request):
    actor = request.user
    params = _list_params(request, ("body", "year", "q"))
    error = None
    try:
        qs = selectors.decision_list(actor=actor, params=params)
    except AccordError as exc:
        qs, error = selectors.decision_list(actor=actor), exc
    fmt = request.GET.get("format")
    if fmt in EXPORT_FORMATS and error is None:
        return export_response(
            fmt,
            filename="decisions",
            headers=[*DECISION_COLUMNS, "Text"],
            # A list, not the queryset: the rows' legal bases come from a prefetch, which
            # a streamed iterator would skip.
            rows=list(qs[: settings.ACCORD_EXPORT_MAX_ROWS]),
            row=lambda d: [*_decision_row(d), d.text],
        )
    context = {
        "page": paginate(request, qs),
        "params": params,
        "error": error,
        "bodies": selectors.body_list(actor=actor),
        "full_text": selectors.full_text_search(),
    }
    return render(request, _rows_or_page(request, "council/decisions.html"), context)


def _meeting_label(actor, meeting) -> str:
    """A meeting is named after its body: only a body the viewer reads is named."""
    if meeting is None:
        return ""
    if access.can_view(actor, meeting.body):
        return str(meeting)
    return f"the meeting of {meeting.starts_at:%d %b %Y}"


@page
def decision_detail(request, reference: str):
    actor = request.user
    decision = record_or_404(selectors.decision_get, actor=actor, reference=reference)
    meeting = access.shown(decision, "meeting")
    context = {
        "d": decision,
        "body": access.shown(decision, "body"),
        "consultation": access.shown(decision, "consultation"),
        "meeting": meeting,
        "meeting_label": _meeting_label(actor, meeting),
        "legal_bases": decision.shown_legal_bases,
        "joint_actions": decision.shown_joint_actions,
        "history": history_rows(actor, decision),
    }
    return render(request, "council/decision_detail.html", context)


# --- legal bases and joint actions ----------------------------------------------------------------


@page
def legal_basis_list(request):
    params = _list_params(request, ("kind", "q"))
    qs = selectors.legal_basis_list(actor=request.user, params=params)
    context = {"page": paginate(request, qs), "params": params, "kinds": LegalBasisKind.choices}
    return render(request, "council/legal_bases.html", context)


@page
def legal_basis_detail(request, code: str):
    actor = request.user
    basis = record_or_404(selectors.legal_basis_get, actor, code)
    context = {
        "b": basis,
        "joint_actions": selectors.legal_basis_joint_actions(actor=actor, legal_basis=basis),
        "decisions": selectors.legal_basis_decisions(actor=actor, legal_basis=basis),
        "history": history_rows(actor, basis),
    }
    return render(request, "council/legal_basis_detail.html", context)


@page
def joint_action_list(request):
    qs = selectors.joint_action_list(actor=request.user)
    return render(request, "council/joint_actions.html", {"page": paginate(request, qs)})


@page
def joint_action_detail(request, code: str):
    actor = request.user
    action = record_or_404(selectors.joint_action_get, actor, code)
    context = {
        "a": action,
        "participation": selectors.joint_action_participation(actor=actor, joint_action=action),
        "lead_nation": access.shown(action, "lead_nation"),
        "legal_bases": action.shown_legal_bases,
        "valid_bases": selectors.joint_action_valid_bases(actor=actor, joint_action=action),
        "decisions": selectors.decisions_for_joint_action(actor=actor, joint_action=action),
        "linked": selectors.joint_action_links(actor=actor, joint_action=action),
        "can_start": action.status == "proposed" and access.can_change(actor, action),
        "start_form": StartForm(initial={"expected_version": action.version}),
        "history": history_rows(actor, action),
    }
    return render(request, "council/joint_action_detail.html", context)


@require_POST
@page
def joint_action_start(request, code: str):
    action = record_or_404(selectors.joint_action_get, request.user, code)
    return record_action(
        request,
        form=StartForm(request.POST),
        run=lambda actor, data: services.joint_action_start(
            actor=actor,
            joint_action=action,
            on=data["on"],
            expected_version=data["expected_version"],
        ),
        back_url=reverse("council:joint-action-detail", args=[code]),
        done="The joint action has started.",
        invalid_message="Reload the page and try again.",
    )


# --- bodies and meetings --------------------------------------------------------------------------


def _may_declare_preconditions(request) -> bool:
    """A delegation declares its own nation's preconditions (so it must have a nation)."""
    return bool(
        access.may(request.user, "declare for its nation", Precondition)
        and principal(request).nation_id
    )


@page
def body_list(request):
    actor = request.user
    context = {
        "bodies": selectors.body_list(actor=actor),
        "cooperation": selectors.cooperation_history(actor=actor),
        "preconditions": selectors.precondition_list(actor=actor),
        "precondition_form": PreconditionForm(kinds=LegalBasisKind.choices)
        if _may_declare_preconditions(request)
        else None,
        "cooperation_form": CooperationForm(nations=selectors.nrc_nations(actor=actor))
        if access.may(actor, "create", CooperationStatus)
        else None,
    }
    return render(request, "council/bodies.html", context)


def _members_with_status(actor, body) -> list:
    """The body's members, each with its cooperation statuses and the one in force today."""
    members = list(selectors.body_memberships(actor=actor, body=body))
    statuses = {}
    for status in selectors.cooperation_history(actor=actor):
        statuses.setdefault(status.nation_id, []).append(status)
    today = timezone.now().date()
    for member in members:
        member.statuses = statuses.get(member.nation_id, [])
        member.current = next(
            (s for s in reversed(member.statuses) if s.end is None or s.end >= today), None
        )
    return members


@page
def body_detail(request, code: str):
    actor = request.user
    body = record_or_404(selectors.body_get, actor=actor, code=code)
    context = {
        "body": body,
        "members": _members_with_status(actor, body),
        "meetings": selectors.meeting_list(actor=actor, params={"body": code})[:20],
        "decisions": selectors.decision_list(actor=actor, params={"body": code})[:20],
    }
    return render(request, "council/body_detail.html", context)


@page
def meeting_list(request):
    qs = selectors.meeting_list(actor=request.user)
    context = {
        "page": paginate(request, qs),
        "can_create": access.may(request.user, "create", Meeting),
    }
    return render(request, "council/meetings.html", context)


def _may_move_the_agenda(request, meeting) -> bool:
    """A member's delegation proposes and objects to items before the meeting starts."""
    return (
        meeting.starts_at > timezone.now()
        and access.may(request.user, "propose agenda items", Meeting)
        and principal(request).nation_id in facts.member_ids(meeting.body)
    )


@page
def meeting_detail(request, pk: int):
    actor = request.user
    meeting = record_or_404(selectors.meeting_get, actor=actor, pk=pk)
    attendees = selectors.meeting_attendees(actor=actor, meeting=meeting)
    context = {
        "m": meeting,
        "body": access.shown(meeting, "body"),
        "items": [
            {"item": item, "proposed_by": access.shown(item, "proposed_by")}
            for item in selectors.meeting_agenda(actor=actor, meeting=meeting)
        ],
        "attendees": attendees,
        "decisions": selectors.meeting_decisions(actor=actor, meeting=meeting),
        "can_move": _may_move_the_agenda(request, meeting),
        "agenda_form": AgendaItemForm(),
        "can_record": access.may(actor, "change", Meeting),
        "minutes_form": MinutesForm(
            members=member_nations(actor, meeting),
            initial={
                "expected_version": meeting.version,
                "minutes": meeting.minutes,
                "attendees": [n.iso3 for n in attendees],
            },
        ),
        "decision_form": _decision_form(actor, meeting),
        "objection_form": ObjectionForm(),
        "history": history_rows(actor, meeting),
    }
    return render(request, "council/meeting_detail.html", context)


@require_POST
@page
def agenda_propose(request, pk: int):
    meeting = record_or_404(selectors.meeting_get, actor=request.user, pk=pk)
    return record_action(
        request,
        form=AgendaItemForm(request.POST),
        run=lambda actor, data: services.agenda_item_propose(
            actor=actor, meeting=meeting, title=data["title"]
        ),
        back_url=reverse("council:meeting-detail", args=[pk]),
        done="Item proposed; it stays on the agenda unless a member objects.",
        invalid_message="Give the item a title.",
    )


@require_POST
@page
def agenda_object(request, pk: int):
    item = record_or_404(selectors.agenda_item_get, actor=request.user, pk=pk)
    return record_action(
        request,
        form=ObjectionForm(request.POST),
        run=lambda actor, data: services.agenda_item_object(
            actor=actor, item=item, reason=data["reason"]
        ),
        back_url=reverse("council:meeting-detail", args=[item.meeting_id]),
        done="Objection recorded: the item stays off the agenda.",
    )


# --- the calendar ---------------------------------------------------------------------------------


@require_POST
@login_required
def calendar_feed(request):
    """Make (or replace) the viewer's secret calendar URL and show it once."""
    _, secret = services.calendar_feed_create(actor=acting(request))
    url = request.build_absolute_uri(reverse("council:calendar", args=[secret]))
    return success_redirect(
        request,
        reverse("council:index"),
        f"Your calendar URL (subscribe to it; keep it secret): {url}",
    )


@require_GET
def calendar(request, secret: str):
    """The secret-URL feed: no cookies needed, the URL is the key."""
    user = selectors.calendar_feed_user(secret)
    if user is None:
        raise Http404("No calendar at that address; make a new one on the council page.")
    body = calendar_ics(user, now=timezone.now(), base_url=request.build_absolute_uri("/")[:-1])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response


# --- scheduling, minutes, decisions at meetings, preconditions, cooperation status ---------------


@page
def meeting_create(request):
    actor = request.user
    if not access.may(actor, "create", Meeting):
        return forbidden(request, "The secretariat schedules meetings.")
    form = MeetingForm(request.POST or None, bodies=selectors.body_list(actor=actor))

    def schedule(actor, data):
        return services.meeting_create(
            actor=actor,
            body=selectors.body_get(actor=actor, code=data["body"]),
            starts_at=data["starts_at"],
            place=data["place"],
            chair=data["chair"],
        )

    return form_page(
        request,
        form=form,
        run=schedule,
        template="council/meeting_form.html",
        partial="form",
        success_url=lambda meeting: reverse("council:meeting-detail", args=[meeting.pk]),
        success_message="Meeting scheduled; members may now propose agenda items.",
    )


@require_POST
@page
def meeting_minutes(request, pk: int):
    meeting = record_or_404(selectors.meeting_get, actor=request.user, pk=pk)
    members = member_nations(request.user, meeting)
    return record_action(
        request,
        form=MinutesForm(request.POST, members=members),
        run=lambda actor, data: services.meeting_minutes_record(
            actor=actor,
            meeting=meeting,
            minutes=data["minutes"],
            attendees=[n for n in members if n.iso3 in data["attendees"]],
            expected_version=data["expected_version"],
        ),
        back_url=reverse("council:meeting-detail", args=[pk]),
        done="Minutes and attendance recorded.",
        invalid_message="Reload the page and try again.",
    )


def member_nations(actor, meeting) -> list:
    """The member nations of the meeting's body the viewer may read (to tick as attendees);
    none when the viewer may not read the body itself."""
    body = access.shown(meeting, "body")
    if body is None:
        return []
    return [m.nation for m in selectors.body_memberships(actor=actor, body=body)]


def _decision_form(actor, meeting, data=None):
    return DecisionForm(
        data,
        bases=selectors.legal_basis_list(actor=actor),
        actions=selectors.joint_action_list(actor=actor),
        initial={"adopted_on": meeting.starts_at.date()},
    )


@require_POST
@page
def decision_record(request, pk: int):
    meeting = record_or_404(selectors.meeting_get, actor=request.user, pk=pk)

    def record(actor, data):
        return services.decision_record(
            actor=actor,
            body=meeting.body,
            meeting=meeting,
            title=data["title"],
            text=data["text"],
            adopted_on=data["adopted_on"],
            legal_bases=[selectors.legal_basis_get(actor, c) for c in data["legal_bases"]],
            joint_actions=[selectors.joint_action_get(actor, c) for c in data["joint_actions"]],
        )

    return record_action(
        request,
        form=_decision_form(request.user, meeting, request.POST),
        run=record,
        back_url=reverse("council:meeting-detail", args=[pk]),
        success_url=lambda decision: reverse("council:decision-detail", args=[decision.reference]),
        done=lambda decision: f"Recorded as {decision.reference}.",
    )


@require_POST
@page
def precondition_declare(request):
    def declare(actor, data):
        # Declared for the reader's own nation; the service decides whether they may.
        nation = request.user.nation
        if nation is None:
            raise PermissionDenied("Preconditions are declared for your own nation: you have none.")
        return services.precondition_declare(actor=actor, data={**data, "nation": nation})

    return record_action(
        request,
        form=PreconditionForm(request.POST, kinds=LegalBasisKind.choices),
        run=declare,
        back_url=reverse("council:bodies"),
        done="Precondition declared; joint actions show where it is unmet.",
        invalid_message="Choose the kind of legal basis your nation requires.",
    )


@require_POST
@page
def cooperation_set(request):
    nations = selectors.nrc_nations(actor=request.user)

    def record(actor, data):
        nation = next(n for n in nations if n.iso3 == data["nation"])
        return services.cooperation_set(actor=actor, data={**data, "nation": nation})

    return record_action(
        request,
        form=CooperationForm(request.POST, nations=nations),
        run=record,
        back_url=reverse("council:bodies"),
        done="Cooperation status recorded.",
    )
