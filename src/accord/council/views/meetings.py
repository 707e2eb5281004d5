"""Bodies and meetings: members and their cooperation status, preconditions, the meetings'
agendas (proposed and objected to by members), minutes and the decisions agreed at the table.
"""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord import access
from accord.council import facts, selectors, services
from accord.council.inputs import CooperationValues, PreconditionValues
from accord.council.models import CooperationStatus, LegalBasisKind, Meeting, Precondition
from accord.council.views.actions import page
from accord.council.views.forms import (
    AgendaItemForm,
    CooperationForm,
    DecisionForm,
    DraftNextForm,
    MeetingEditForm,
    MeetingForm,
    MinutesForm,
    ObjectionForm,
    OutcomeForm,
    PreconditionForm,
)
from accord.errors import PermissionDenied
from accord.web.pages import (
    forbidden,
    form_page,
    history_rows,
    paginate,
    principal,
    record_action,
    record_or_404,
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
    attendance = list(selectors.meeting_attendance(actor=actor, meeting=meeting))
    items = selectors.meeting_agenda(actor=actor, meeting=meeting)
    can_record = access.may(actor, "change", Meeting)
    held = meeting.starts_at <= timezone.now()
    context = {
        "m": meeting,
        "body": access.shown(meeting, "body"),
        "items": [
            {"item": item, "proposed_by": access.shown(item, "proposed_by")} for item in items
        ],
        "attendance": attendance,
        "decisions": selectors.meeting_decisions(actor=actor, meeting=meeting),
        "referenced": selectors.meeting_referenced_decisions(actor=actor, meeting=meeting),
        "drafted_from": meeting.drafted_from,
        "next_draft": selectors.meeting_next_draft(actor=actor, meeting=meeting),
        "can_move": _may_move_the_agenda(request, meeting),
        "agenda_form": AgendaItemForm(),
        "can_record": can_record,
        "held": held,
        "minutes_form": MinutesForm(
            members=member_nations(actor, meeting),
            initial={
                "expected_version": meeting.version,
                "minutes": meeting.minutes,
                "minutes_ru": meeting.minutes_ru,
                **{f"level_{a.nation.iso3}": a.level for a in reversed(attendance)},
            },
        ),
        "outcome_form": _outcome_form(actor, meeting, items) if can_record and held else None,
        "draft_form": DraftNextForm() if can_record and held else None,
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
        done=_("Item proposed; it stays on the agenda unless a member objects."),
        invalid_message=_("Give the item a title."),
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
        done=_("Objection recorded: the item stays off the agenda."),
    )


# --- scheduling, minutes, decisions at meetings, preconditions, cooperation status ---------------


@page
def meeting_create(request):
    actor = request.user
    if not access.may(actor, "create", Meeting):
        return forbidden(request, _("The secretariat schedules meetings."))
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
        success_message=_("Meeting scheduled; members may now propose agenda items."),
    )


@require_POST
@page
def meeting_minutes(request, pk: int):
    meeting = record_or_404(selectors.meeting_get, actor=request.user, pk=pk)
    members = member_nations(request.user, meeting)
    form = MinutesForm(request.POST, members=members)
    return record_action(
        request,
        form=form,
        run=lambda actor, data: services.meeting_minutes_record(
            actor=actor,
            meeting=meeting,
            minutes=data["minutes"],
            minutes_ru=data["minutes_ru"],
            attendance=form.attendance(),
            expected_version=data["expected_version"],
        ),
        back_url=reverse("council:meeting-detail", args=[pk]),
        done=_("Minutes and attendance recorded."),
        invalid_message=_("Reload the page and try again."),
    )


@page
def meeting_edit(request, pk: int):
    actor = request.user
    meeting = record_or_404(selectors.meeting_get, actor=actor, pk=pk)
    if not access.can_change(actor, meeting):
        return forbidden(request, _("The secretariat changes meetings."))
    form = MeetingEditForm(
        request.POST or None,
        initial={
            "expected_version": meeting.version,
            "starts_at": timezone.localtime(meeting.starts_at).replace(tzinfo=None),
            "level": meeting.level,
            "place": meeting.place,
            "chair": meeting.chair,
        },
    )
    return form_page(
        request,
        form=form,
        run=lambda actor, data: services.meeting_update(actor=actor, meeting=meeting, **data),
        template="council/meeting_form.html",
        partial="form",
        context={"meeting": meeting},
        success_url=reverse("council:meeting-detail", args=[pk]),
        success_message=_("Meeting changed."),
    )


def _outcome_form(actor, meeting, items, data=None):
    body = access.shown(meeting, "body")
    params = {"body": body.code} if body else None
    return OutcomeForm(
        data,
        items=[i for i in items if i.state != "refused"],
        decisions=selectors.decision_list(actor=actor, params=params) if body else [],
        consultations=selectors.consultation_list(actor=actor, params=params) if body else [],
    )


@require_POST
@page
def agenda_outcome(request, pk: int):
    actor = request.user
    meeting = record_or_404(selectors.meeting_get, actor=actor, pk=pk)
    items = selectors.meeting_agenda(actor=actor, meeting=meeting)

    def run(actor, data):
        body = meeting.body.code
        return services.agenda_item_outcome(
            actor=actor,
            item=next(i for i in items if str(i.pk) == data["item"]),
            outcome=data["outcome"],
            note=data["note"],
            decisions=list(
                selectors.decision_list(actor=actor, params={"body": body}).filter(
                    reference__in=data["decisions"]
                )
            ),
            consultations=list(
                selectors.consultation_list(actor=actor, params={"body": body}).filter(
                    pk__in=data["consultations"]
                )
            ),
        )

    return record_action(
        request,
        form=_outcome_form(actor, meeting, items, request.POST),
        run=run,
        back_url=reverse("council:meeting-detail", args=[pk]) + "#agenda",
        done=_("Outcome recorded."),
        invalid_message=_("Choose an item and its outcome."),
    )


@require_POST
@page
def meeting_draft_next(request, pk: int):
    meeting = record_or_404(selectors.meeting_get, actor=request.user, pk=pk)
    return record_action(
        request,
        form=DraftNextForm(request.POST),
        run=lambda actor, data: services.meeting_draft_next(actor=actor, meeting=meeting, **data),
        back_url=reverse("council:meeting-detail", args=[pk]),
        success_url=lambda draft: reverse("council:meeting-detail", args=[draft.pk]),
        done=_("Next meeting drafted: its agenda carries the items left open or deferred."),
        invalid_message=_("Give the day and time of the next meeting."),
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
        initial={
            "adopted_on": meeting.starts_at.date(),
            "authentic_en": True,
            "authentic_ru": True,
        },
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
            title_ru=data["title_ru"],
            text=data["text"],
            text_ru=data["text_ru"],
            authentic_en=data["authentic_en"],
            authentic_ru=data["authentic_ru"],
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
        done=lambda decision: _("Recorded as %(reference)s.") % {"reference": decision.reference},
    )


@require_POST
@page
def precondition_declare(request):
    def declare(actor, data):
        # Declared for the reader's own nation; the service decides whether they may.
        nation = request.user.nation
        if nation is None:
            raise PermissionDenied(
                _("Preconditions are declared for your own nation: you have none.")
            )
        values = PreconditionValues(**data, nation=nation)
        return services.precondition_declare(actor=actor, values=values)

    return record_action(
        request,
        form=PreconditionForm(request.POST, kinds=LegalBasisKind.choices),
        run=declare,
        back_url=reverse("council:bodies"),
        done=_("Precondition declared; joint actions show where it is unmet."),
        invalid_message=_("Choose the kind of legal basis your nation requires."),
    )


@require_POST
@page
def cooperation_set(request):
    nations = selectors.nrc_nations(actor=request.user)

    def record(actor, data):
        nation = next(n for n in nations if n.iso3 == data["nation"])
        values = CooperationValues(**{**data, "nation": nation})
        return services.cooperation_set(actor=actor, values=values)

    return record_action(
        request,
        form=CooperationForm(request.POST, nations=nations),
        run=record,
        back_url=reverse("council:bodies"),
        done=_("Cooperation status recorded."),
    )
