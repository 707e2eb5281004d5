"""The pipeline's pages: nominating, a nomination's steps (withdrawal, attendance, grade,
certificate), trainees and their possible matches, certificates.

Personal data: each page reads through the selectors, which show a trainee, a nomination or a
certificate to trainers, the secretariat and the trainee's own nation's delegation only.
"""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accord import access
from accord.core import selectors as core_selectors
from accord.training import selectors, services
from accord.training.filters import TraineeFilter
from accord.training.forms import (
    AttendanceForm,
    GradeForm,
    IssueForm,
    MatchForm,
    NominationForm,
    OutcomeForm,
    ReissueForm,
    RevokeForm,
    WithdrawForm,
)
from accord.training.inputs import TraineeValues
from accord.training.models import Certificate, Nomination, Outcome, Trainee
from accord.training.views.common import page
from accord.web.pages import (
    Column,
    ListPage,
    forbidden,
    form_page,
    history_rows,
    list_page,
    record_action,
    record_or_404,
)

# --- nominating -------------------------------------------------------------------------------


def _person(actor, data) -> TraineeValues:
    fields = ("given_name", "family_name", "native_name", "date_of_birth", "national_id", "rank")
    nation = core_selectors.nation_get(actor=actor, iso3=data["nation"])
    return TraineeValues(**{name: data[name] for name in fields}, nation=nation)


@page
def nominate(request, code: str):
    actor = request.user
    session = record_or_404(selectors.session_get, actor=actor, code=code)
    if not access.may(actor, "create", Nomination):
        return forbidden(request, _("Delegations and trainers nominate trainees."))
    nations = selectors.nominable_nations(actor=actor, session=session)
    back = reverse("training:session-detail", args=[code])
    return form_page(
        request,
        form=NominationForm(request.POST or None, nations=nations),
        run=lambda actor, data: services.nomination_create(
            actor=actor,
            session=session,
            person=_person(actor, data),
            new_person=data["new_person"],
            note=data["note"],
        ),
        template="training/nominate.html",
        success_url=lambda n: reverse("training:nomination-detail", args=[n.pk]),
        success_message=lambda n: _("Nominated: %(status)s.") % {"status": n.get_status_display()},
        context={"session": session, "nations": nations, "cancel_url": back},
        partial="form",
    )


# --- a nomination's steps ---------------------------------------------------------------------


@page
def nomination_detail(request, pk: int):
    actor = request.user
    nomination = record_or_404(selectors.nomination_get, actor=actor, pk=pk)
    may_change = access.may(actor, "change", Nomination, nomination)
    may_issue = access.may(actor, "issue", Certificate, nomination)
    context = {
        "n": nomination,
        "attendance": selectors.nomination_attendance(actor=actor, nomination=nomination),
        "notices": selectors.nomination_notices(actor=actor, nomination=nomination),
        "certificates": selectors.certificate_list(actor=actor).filter(nomination=nomination),
        "may_withdraw": may_change and nomination.status in ("accepted", "waitlisted"),
        "may_teach": may_issue,
        "withdraw_form": WithdrawForm(initial={"expected_version": nomination.version}),
        "attendance_form": AttendanceForm(initial={"day": nomination.session.starts}),
        "grade_form": GradeForm(),
        "history": history_rows(actor, nomination),
    }
    return render(request, "training/nomination_detail.html", context)


def _nomination_action(request, pk: int, form_class, run, done: str):
    nomination = record_or_404(selectors.nomination_get, actor=request.user, pk=pk)
    return record_action(
        request,
        form=form_class(request.POST),
        run=lambda actor, data: run(actor, nomination, data),
        back_url=reverse("training:nomination-detail", args=[pk]),
        done=done,
        invalid_message=_("Reload the page and try again."),
    )


@require_POST
@page
def nomination_withdraw(request, pk: int):
    return _nomination_action(
        request,
        pk,
        WithdrawForm,
        lambda actor, n, data: services.nomination_withdraw(
            actor=actor, nomination=n, expected_version=data["expected_version"]
        ),
        _("The nomination is withdrawn; the next in line, if any, has the seat."),
    )


@require_POST
@page
def attendance_record(request, pk: int):
    return _nomination_action(
        request,
        pk,
        AttendanceForm,
        lambda actor, n, data: services.attendance_record(
            actor=actor, nomination=n, day=data["day"], present=data["present"]
        ),
        _("Attendance recorded."),
    )


@require_POST
@page
def nomination_grade(request, pk: int):
    return _nomination_action(
        request,
        pk,
        GradeForm,
        lambda actor, n, data: services.nomination_grade(
            actor=actor, nomination=n, grade=data["grade"]
        ),
        _("Grade recorded."),
    )


@require_POST
@page
def certificate_issue(request, pk: int):
    nomination = record_or_404(selectors.nomination_get, actor=request.user, pk=pk)
    return record_action(
        request,
        form=IssueForm(request.POST),
        run=lambda actor, data: services.certificate_issue(actor=actor, nomination=nomination),
        back_url=reverse("training:nomination-detail", args=[pk]),
        success_url=lambda c: reverse("training:certificate-detail", args=[c.code]),
        done=lambda c: _("Certificate %(code)s issued.") % {"code": c.code},
    )


# --- trainees -----------------------------------------------------------------------------------


TRAINEES = ListPage(
    name="trainees",
    model=Trainee,
    filterset=TraineeFilter,
    columns=(
        Column(gettext_lazy("Family name"), "family_name", sort="family_name", link=True),
        Column(gettext_lazy("Given name"), "given_name"),
        Column(gettext_lazy("Own script"), "native_name"),
        Column(gettext_lazy("Born"), "date_of_birth", sort="date_of_birth"),
        Column(gettext_lazy("Nationality"), "nation.name"),
        Column(gettext_lazy("Match"), "match_state"),
    ),
    select=selectors.trainee_list,
    row_url=lambda t: reverse("training:trainee-detail", args=[t.pk]),
    template="training/trainees.html",
)


@page
def trainee_list(request):
    context = {"kind": {"plural": _("Trainees"), "singular": _("trainee")}}
    return list_page(request, TRAINEES, context)


@page
def trainee_detail(request, pk: int):
    actor = request.user
    trainee = record_or_404(selectors.trainee_get, actor=actor, pk=pk)
    context = {
        "t": trainee,
        "matched": access.reachable(actor, trainee.matched),
        "nominations": selectors.trainee_nominations(actor=actor, trainee=trainee),
        "certificates": selectors.trainee_certificates(actor=actor, trainee=trainee),
        "may_decide": trainee.match_state == "suggested"
        and access.may(actor, "issue", Certificate),
        "match_form": MatchForm(),
        "outcomes": selectors.outcome_list(actor=actor, trainee=trainee),
        "outcome_form": (
            OutcomeForm(agencies=core_selectors.organisations_readable(actor=actor))
            if access.may(actor, "create", Outcome, {"nation_id": trainee.nation_id})
            else None
        ),
        "history": history_rows(actor, trainee),
    }
    return render(request, "training/trainee_detail.html", context)


@require_POST
@page
def outcome_record(request, pk: int):
    """Report what happened to a graduate after the course."""
    actor = request.user
    trainee = record_or_404(selectors.trainee_get, actor=actor, pk=pk)
    return record_action(
        request,
        form=OutcomeForm(request.POST, agencies=core_selectors.organisations_readable(actor=actor)),
        run=lambda actor, data: services.outcome_record(
            actor=actor, graduate=trainee, values=services.OutcomeValues(**data)
        ),
        back_url=reverse("training:trainee-detail", args=[pk]) + "#outcomes",
        done=_("Outcome recorded."),
    )


@require_POST
@page
def trainee_match(request, pk: int):
    trainee = record_or_404(selectors.trainee_get, actor=request.user, pk=pk)

    def decide(actor, data):
        if data["same_person"]:
            return services.trainee_match_confirm(actor=actor, trainee=trainee)
        return services.trainee_match_reject(actor=actor, trainee=trainee)

    return record_action(
        request,
        form=MatchForm(request.POST),
        run=decide,
        back_url=reverse("training:trainee-detail", args=[pk]),
        done=_("Decision recorded."),
    )


# --- certificates -------------------------------------------------------------------------------


@page
def certificate_detail(request, code: str):
    actor = request.user
    certificate = record_or_404(selectors.certificate_get, actor=actor, code=code)
    context = {
        "c": certificate,
        "may_manage": certificate.revoked_on is None
        and access.may(actor, "issue", Certificate, certificate),
        "revoke_form": RevokeForm(),
        "reissue_form": ReissueForm(),
        "history": history_rows(actor, certificate),
    }
    return render(request, "training/certificate_detail.html", context)


@require_POST
@page
def certificate_revoke(request, code: str):
    certificate = record_or_404(selectors.certificate_get, actor=request.user, code=code)
    return record_action(
        request,
        form=RevokeForm(request.POST),
        run=lambda actor, data: services.certificate_revoke(
            actor=actor, certificate=certificate, reason=data["reason"]
        ),
        back_url=reverse("training:certificate-detail", args=[code]),
        done=_("The certificate is revoked."),
    )


@require_POST
@page
def certificate_reissue(request, code: str):
    certificate = record_or_404(selectors.certificate_get, actor=request.user, code=code)
    return record_action(
        request,
        form=ReissueForm(request.POST),
        run=lambda actor, data: services.certificate_reissue(
            actor=actor, certificate=certificate, renew=data["renew"]
        ),
        back_url=reverse("training:certificate-detail", args=[code]),
        success_url=lambda c: reverse("training:certificate-detail", args=[c.code]),
        done=lambda c: _("Re-issued as %(code)s.") % {"code": c.code},
    )
