"""The council's pages: consultations under silence, the register, legal bases, joint actions,
bodies and meetings. Thin over selectors and services; times shown in the viewer's time zone.

A record the viewer may not read is a 404 (never a 403), so a NATO-only consultation does not
exist for Russia's delegation even by URL. A refused write comes back as a message that says
what to do, and the refusal is in the audit trail (the services record it).
"""

from __future__ import annotations

import functools

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from accord import access
from accord.audit.selectors import audit_history
from accord.council import facts, selectors, services
from accord.council.calendar import calendar_ics, user_zone
from accord.council.models import ConsultationState, LegalBasisKind
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
from accord.errors import AccordError, NotFound
from accord.markings import Role
from accord.web.pages import acting, change_rows, export_response, principal

EXPORT_FORMATS = ("csv", "xlsx")


def in_viewer_zone(view):
    """Render (and read form times) in the signed-in viewer's own time zone."""

    @functools.wraps(view)
    def run(request, *args, **kwargs):
        with timezone.override(user_zone(request.user)):
            return view(request, *args, **kwargs)

    return run


def page(view):
    return login_required(in_viewer_zone(view))


def _found(lookup):
    try:
        return lookup()
    except NotFound:
        raise Http404("No such record that you may read.") from None


def _history(actor, obj) -> list:
    entries = list(audit_history(actor=actor, obj=obj)[:100])
    for entry in entries:
        entry.change_rows = change_rows(entry.changes)
    return entries


def _is_secretariat(request) -> bool:
    return principal(request).has_role(Role.SECRETARIAT, Role.ADMINISTRATOR)


def _paged(request, queryset):
    return Paginator(queryset, settings.ACCORD_PAGE_SIZE).get_page(request.GET.get("page"))


def _refused(request, error: AccordError, url: str):
    messages.error(request, f"{error.detail} (code: {error.code})")
    return redirect(url)


# --- consultations --------------------------------------------------------------------------------


@page
def index(request):
    """The consultations: what is under silence now, what was adopted, what returned."""
    params = {k: request.GET.get(k) for k in ("body", "state", "q") if request.GET.get(k)}
    error = None
    try:
        qs = selectors.consultation_list(actor=request.user, params=params)
    except AccordError as exc:
        qs, error = selectors.consultation_list(actor=request.user), exc
    context = {
        "page": _paged(request, qs),
        "params": params,
        "error": error,
        "bodies": selectors.body_list(actor=request.user),
        "states": ConsultationState.choices,
        "can_create": _is_secretariat(request),
        "now": timezone.now(),
    }
    template = "council/index.html"
    if request.htmx and request.htmx.target == "rows":
        template += "#rows"
    return render(request, template, context)


@page
def consultation_create(request):
    if not _is_secretariat(request):
        return render(
            request,
            "403.html",
            {"message": "Only the secretariat opens consultations."},
            status=403,
        )
    bodies = selectors.body_list(actor=request.user)
    form = ConsultationForm(request.POST or None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        try:
            body = selectors.body_get(actor=request.user, code=form.cleaned_data["body"])
            consultation = services.consultation_create(
                actor=acting(request),
                body=body,
                title=form.cleaned_data["title"],
                text=form.cleaned_data["text"],
            )
        except AccordError as error:
            form.add_error(None, f"{error.detail} (code: {error.code})")
        else:
            messages.success(request, "Consultation opened; circulate it when the text is ready.")
            return redirect("council:consultation-detail", consultation.pk)
    return render(request, "council/consultation_form.html", {"form": form})


@page
def consultation_detail(request, pk: int):
    consultation = _found(lambda: selectors.consultation_get(actor=request.user, pk=pk))
    view = selectors.consultation_view(actor=request.user, consultation=consultation)
    p = principal(request)
    secretariat = _is_secretariat(request)
    state = view.state.value
    context = {
        "c": consultation,
        "view": view,
        "state": state,
        "state_label": ConsultationState(state).label,
        "can_circulate": secretariat and state in ("draft", "broken"),
        "can_revise": secretariat and state in ("draft", "broken"),
        "can_extend": secretariat and state == "circulating",
        "can_break": p.has_role(Role.DELEGATION) and view.is_member and state == "circulating",
        "circulate_form": CirculateForm(),
        "extend_form": ExtendForm(),
        "break_form": BreakForm(),
        "revise_form": ReviseForm(initial={"text": view.versions[0].text if view.versions else ""}),
        "history": _history(request.user, consultation),
        "zone": user_zone(request.user).key,
    }
    return render(request, "council/consultation_detail.html", context)


def _consultation_action(request, pk: int, form_class, act, done: str):
    consultation = _found(lambda: selectors.consultation_get(actor=request.user, pk=pk))
    url = reverse("council:consultation-detail", args=[pk])
    form = form_class(request.POST)
    if not form.is_valid():
        first = next(iter(form.errors.items()))
        messages.error(request, f"{first[0]}: {first[1][0]}")
        return redirect(url)
    try:
        act(acting(request), consultation, form.cleaned_data)
    except AccordError as error:
        return _refused(request, error, url)
    messages.success(request, done)
    return redirect(url)


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
    params = {k: request.GET.get(k) for k in ("body", "year", "q") if request.GET.get(k)}
    error = None
    try:
        qs = selectors.decision_list(actor=request.user, params=params)
    except AccordError as exc:
        qs, error = selectors.decision_list(actor=request.user), exc
    fmt = request.GET.get("format")
    if fmt in EXPORT_FORMATS and error is None:
        return export_response(
            fmt,
            filename="decisions",
            headers=[*DECISION_COLUMNS, "Text"],
            rows=list(qs[: settings.ACCORD_EXPORT_MAX_ROWS]),
            row=lambda d: [*_decision_row(d), d.text],
        )
    context = {
        "page": _paged(request, qs),
        "params": params,
        "error": error,
        "bodies": selectors.body_list(actor=request.user),
        "full_text": selectors.full_text_search(),
    }
    template = "council/decisions.html"
    if request.htmx and request.htmx.target == "rows":
        template += "#rows"
    return render(request, template, context)


@page
def decision_detail(request, reference: str):
    decision = _found(lambda: selectors.decision_get(actor=request.user, reference=reference))
    meeting = access.shown(decision, "meeting")
    context = {
        "d": decision,
        "body": access.shown(decision, "body"),
        "consultation": access.shown(decision, "consultation"),
        "meeting": meeting,
        # A meeting is named after its body: only a body the viewer reads is named.
        "meeting_label": (
            str(meeting)
            if meeting and access.can_view(request.user, meeting.body)
            else f"the meeting of {meeting.starts_at:%d %b %Y}"
            if meeting
            else ""
        ),
        "legal_bases": decision.shown_legal_bases,
        "joint_actions": decision.shown_joint_actions,
        "history": _history(request.user, decision),
    }
    return render(request, "council/decision_detail.html", context)


# --- legal bases and joint actions ----------------------------------------------------------------


@page
def legal_basis_list(request):
    params = {k: request.GET.get(k) for k in ("kind", "q") if request.GET.get(k)}
    qs = selectors.legal_basis_list(actor=request.user, params=params)
    context = {"page": _paged(request, qs), "params": params, "kinds": LegalBasisKind.choices}
    return render(request, "council/legal_bases.html", context)


@page
def legal_basis_detail(request, code: str):
    basis = _found(lambda: selectors.legal_basis_get(request.user, code))
    context = {
        "b": basis,
        "joint_actions": selectors.legal_basis_joint_actions(actor=request.user, legal_basis=basis),
        "decisions": selectors.legal_basis_decisions(actor=request.user, legal_basis=basis),
        "history": _history(request.user, basis),
    }
    return render(request, "council/legal_basis_detail.html", context)


@page
def joint_action_list(request):
    qs = selectors.joint_action_list(actor=request.user)
    return render(request, "council/joint_actions.html", {"page": _paged(request, qs)})


@page
def joint_action_detail(request, code: str):
    action = _found(lambda: selectors.joint_action_get(request.user, code))
    actor = request.user
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
        "history": _history(actor, action),
    }
    return render(request, "council/joint_action_detail.html", context)


@require_POST
@page
def joint_action_start(request, code: str):
    action = _found(lambda: selectors.joint_action_get(request.user, code))
    url = reverse("council:joint-action-detail", args=[code])
    form = StartForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Reload the page and try again.")
        return redirect(url)
    try:
        services.joint_action_start(
            actor=acting(request),
            joint_action=action,
            on=form.cleaned_data["on"],
            expected_version=form.cleaned_data["expected_version"],
        )
    except AccordError as error:
        return _refused(request, error, url)
    messages.success(request, "The joint action has started.")
    return redirect(url)


# --- bodies and meetings --------------------------------------------------------------------------


@page
def body_list(request):
    p = principal(request)
    context = {
        "bodies": selectors.body_list(actor=request.user),
        "cooperation": selectors.cooperation_history(actor=request.user),
        "preconditions": selectors.precondition_list(actor=request.user),
        "precondition_form": PreconditionForm(kinds=LegalBasisKind.choices)
        if p.has_role(Role.DELEGATION) and p.nation_id
        else None,
        "cooperation_form": CooperationForm(nations=selectors.nrc_nations(actor=request.user))
        if _is_secretariat(request)
        else None,
    }
    return render(request, "council/bodies.html", context)


@page
def body_detail(request, code: str):
    body = _found(lambda: selectors.body_get(actor=request.user, code=code))
    members = list(selectors.body_memberships(actor=request.user, body=body))
    statuses = {}
    for status in selectors.cooperation_history(actor=request.user):
        statuses.setdefault(status.nation_id, []).append(status)
    for member in members:
        member.statuses = statuses.get(member.nation_id, [])
        member.current = next(
            (
                s
                for s in reversed(member.statuses)
                if s.end is None or s.end >= timezone.now().date()
            ),
            None,
        )
    context = {
        "body": body,
        "members": members,
        "meetings": selectors.meeting_list(actor=request.user, params={"body": code})[:20],
        "decisions": selectors.decision_list(actor=request.user, params={"body": code})[:20],
    }
    return render(request, "council/body_detail.html", context)


@page
def meeting_list(request):
    qs = selectors.meeting_list(actor=request.user)
    context = {"page": _paged(request, qs), "can_create": _is_secretariat(request)}
    return render(request, "council/meetings.html", context)


@page
def meeting_detail(request, pk: int):
    meeting = _found(lambda: selectors.meeting_get(actor=request.user, pk=pk))
    p = principal(request)
    context = {
        "m": meeting,
        "body": access.shown(meeting, "body"),
        "items": [
            {"item": item, "proposed_by": access.shown(item, "proposed_by")}
            for item in selectors.meeting_agenda(actor=request.user, meeting=meeting)
        ],
        "attendees": selectors.meeting_attendees(actor=request.user, meeting=meeting),
        "decisions": selectors.meeting_decisions(actor=request.user, meeting=meeting),
        "can_move": meeting.starts_at > timezone.now()
        and (p.has_role(Role.DELEGATION) and p.nation_id in facts.member_ids(meeting.body)),
        "agenda_form": AgendaItemForm(),
        "is_secretariat": _is_secretariat(request),
        "minutes_form": MinutesForm(
            members=core_nations(request, meeting.body),
            initial={
                "expected_version": meeting.version,
                "minutes": meeting.minutes,
                "attendees": [
                    n.iso3 for n in selectors.meeting_attendees(actor=request.user, meeting=meeting)
                ],
            },
        ),
        "decision_form": _decision_form(request, meeting),
        "objection_form": ObjectionForm(),
        "history": _history(request.user, meeting),
    }
    return render(request, "council/meeting_detail.html", context)


@require_POST
@page
def agenda_propose(request, pk: int):
    meeting = _found(lambda: selectors.meeting_get(actor=request.user, pk=pk))
    url = reverse("council:meeting-detail", args=[pk])
    form = AgendaItemForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Give the item a title.")
        return redirect(url)
    try:
        services.agenda_item_propose(
            actor=acting(request), meeting=meeting, title=form.cleaned_data["title"]
        )
    except AccordError as error:
        return _refused(request, error, url)
    messages.success(request, "Item proposed; it stays on the agenda unless a member objects.")
    return redirect(url)


@require_POST
@page
def agenda_object(request, pk: int):
    item = _found(lambda: selectors.agenda_item_get(actor=request.user, pk=pk))
    url = reverse("council:meeting-detail", args=[item.meeting_id])
    form = ObjectionForm(request.POST)
    form.is_valid()
    try:
        services.agenda_item_object(
            actor=acting(request), item=item, reason=form.cleaned_data.get("reason", "")
        )
    except AccordError as error:
        return _refused(request, error, url)
    messages.success(request, "Objection recorded: the item stays off the agenda.")
    return redirect(url)


# --- the calendar ---------------------------------------------------------------------------------


@require_POST
@login_required
def calendar_feed(request):
    """Make (or replace) the viewer's secret calendar URL and show it once."""
    _, secret = services.calendar_feed_create(actor=acting(request))
    url = request.build_absolute_uri(reverse("council:calendar", args=[secret]))
    messages.success(request, f"Your calendar URL (subscribe to it; keep it secret): {url}")
    return redirect("council:index")


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
    if not _is_secretariat(request):
        return render(
            request, "403.html", {"message": "The secretariat schedules meetings."}, status=403
        )
    bodies = selectors.body_list(actor=request.user)
    form = MeetingForm(request.POST or None, bodies=bodies)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            meeting = services.meeting_create(
                actor=acting(request),
                body=selectors.body_get(actor=request.user, code=data["body"]),
                starts_at=data["starts_at"],
                place=data["place"],
                chair=data["chair"],
            )
        except AccordError as error:
            form.add_error(None, f"{error.detail} (code: {error.code})")
        else:
            messages.success(request, "Meeting scheduled; members may now propose agenda items.")
            return redirect("council:meeting-detail", meeting.pk)
    return render(request, "council/meeting_form.html", {"form": form})


@require_POST
@page
def meeting_minutes(request, pk: int):
    meeting = _found(lambda: selectors.meeting_get(actor=request.user, pk=pk))
    url = reverse("council:meeting-detail", args=[pk])
    members = core_nations(request, meeting.body)
    form = MinutesForm(request.POST, members=members)
    if not form.is_valid():
        messages.error(request, "Reload the page and try again.")
        return redirect(url)
    try:
        services.meeting_minutes_record(
            actor=acting(request),
            meeting=meeting,
            minutes=form.cleaned_data["minutes"],
            attendees=[n for n in members if n.iso3 in form.cleaned_data["attendees"]],
            expected_version=form.cleaned_data["expected_version"],
        )
    except AccordError as error:
        return _refused(request, error, url)
    messages.success(request, "Minutes and attendance recorded.")
    return redirect(url)


def core_nations(request, body) -> list:
    """The body's member nations the viewer may read (to tick as attendees)."""
    try:
        return [m.nation for m in selectors.body_memberships(actor=request.user, body=body)]
    except NotFound:
        return []  # a body the viewer may not read names no members to them


def _decision_form(request, meeting, data=None):
    return DecisionForm(
        data,
        bases=selectors.legal_basis_list(actor=request.user),
        actions=selectors.joint_action_list(actor=request.user),
        initial={"adopted_on": meeting.starts_at.date()},
    )


@require_POST
@page
def decision_record(request, pk: int):
    meeting = _found(lambda: selectors.meeting_get(actor=request.user, pk=pk))
    url = reverse("council:meeting-detail", args=[pk])
    form = _decision_form(request, meeting, request.POST)
    if not form.is_valid():
        first = next(iter(form.errors.items()))
        messages.error(request, f"{first[0]}: {first[1][0]}")
        return redirect(url)
    data = form.cleaned_data
    try:
        decision = services.decision_record(
            actor=acting(request),
            body=meeting.body,
            meeting=meeting,
            title=data["title"],
            text=data["text"],
            adopted_on=data["adopted_on"],
            legal_bases=[selectors.legal_basis_get(request.user, c) for c in data["legal_bases"]],
            joint_actions=[
                selectors.joint_action_get(request.user, c) for c in data["joint_actions"]
            ],
        )
    except AccordError as error:
        return _refused(request, error, url)
    messages.success(request, f"Recorded as {decision.reference}.")
    return redirect("council:decision-detail", decision.reference)


@require_POST
@page
def precondition_declare(request):
    url = reverse("council:bodies")
    form = PreconditionForm(request.POST, kinds=LegalBasisKind.choices)
    nation = request.user.nation
    if not form.is_valid() or nation is None:
        messages.error(request, "Choose the kind of legal basis your nation requires.")
        return redirect(url)
    try:
        services.precondition_declare(
            actor=acting(request), data={**form.cleaned_data, "nation": nation, "marking": "NRC"}
        )
    except AccordError as error:
        return _refused(request, error, url)
    messages.success(request, "Precondition declared; joint actions show where it is unmet.")
    return redirect(url)


@require_POST
@page
def cooperation_set(request):
    url = reverse("council:bodies")
    nations = selectors.nrc_nations(actor=request.user)
    form = CooperationForm(request.POST, nations=nations)
    if not form.is_valid():
        first = next(iter(form.errors.items()))
        messages.error(request, f"{first[0]}: {first[1][0]}")
        return redirect(url)
    data = dict(form.cleaned_data)
    data["nation"] = next(n for n in nations if n.iso3 == data["nation"])
    try:
        services.cooperation_set(actor=acting(request), data={**data, "marking": "NRC"})
    except AccordError as error:
        return _refused(request, error, url)
    messages.success(request, "Cooperation status recorded.")
    return redirect(url)
