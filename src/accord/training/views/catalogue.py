"""The catalogue's pages: sessions (the index), programmes, a session with its seats; and, for
anyone, the statistics and a certificate's verification."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accord import access
from accord.money import format_money
from accord.training import selectors
from accord.training.filters import SessionFilter
from accord.training.forms import VerifyForm
from accord.training.models import Nomination, Session
from accord.training.views.common import page
from accord.web.pages import Column, ListPage, history_rows, list_page, paginate, record_or_404


def _where(session) -> str:
    venue, mobile = access.shown(session, "venue"), access.shown(session, "mobile_in")
    if venue is not None:
        return venue.name
    if mobile is not None:
        return _("Mobile course in %(nation)s") % {"nation": mobile.name}
    return ""


def _course(session) -> str:
    course = access.shown(session, "course")
    return course.title if course is not None else ""


SESSIONS = ListPage(
    name="sessions",
    model=Session,
    filterset=SessionFilter,
    columns=(
        Column(gettext_lazy("Session"), "code", sort="code", link=True),
        Column(gettext_lazy("Course"), _course),
        Column(gettext_lazy("Where"), _where),
        Column(gettext_lazy("Starts"), "starts", sort="starts"),
        Column(gettext_lazy("Ends"), "ends"),
        Column(gettext_lazy("Capacity"), "capacity", sort="capacity", numeric=True),
        Column(gettext_lazy("Seats taken"), "seated", numeric=True),
        Column(gettext_lazy("Marking"), "marking", badge=True),
    ),
    select=selectors.session_list,
    row_url=lambda s: reverse("training:session-detail", args=[s.code]),
    template="training/sessions.html",
)


@page
def index(request):
    """The sessions, newest first, with their filters and exports."""
    context = {"kind": {"plural": _("Training sessions"), "singular": _("session")}}
    return list_page(request, SESSIONS, context)


@page
def programme_list(request):
    rows = selectors.programme_list(actor=request.user)
    return render(request, "training/programmes.html", {"page": paginate(request, rows)})


@page
def programme_detail(request, code: str):
    actor = request.user
    programme = record_or_404(selectors.programme_get, actor=actor, code=code)
    context = {
        "p": programme,
        "agency": access.shown(programme, "executing_agency"),
        "joint_action": access.shown(programme, "joint_action"),
        "courses": selectors.course_list(actor=actor, programme=programme),
        **selectors.programme_nations(actor=actor, programme=programme),
        "history": history_rows(actor, programme),
    }
    return render(request, "training/programme_detail.html", context)


@page
def session_detail(request, code: str):
    actor = request.user
    session = record_or_404(selectors.session_get, actor=actor, code=code)
    course = access.shown(session, "course")
    context = {
        "s": session,
        "course": course,
        "where": _where(session),
        "qualifications": (
            selectors.course_qualifications(actor=actor, course=course) if course else []
        ),
        "quotas": selectors.session_quotas(actor=actor, session=session),
        "cost": format_money(session.cost_minor, session.currency),
        "funding": [
            (f.donor.name, format_money(f.amount_minor, f.currency))
            for f in selectors.session_funding(actor=actor, session=session)
        ],
        "waiting": selectors.session_waiting(actor=actor, session=session),
        "nominations": selectors.nomination_list(actor=actor, session=session),
        "can_nominate": session.nominations_open and access.may(actor, "create", Nomination),
        "history": history_rows(actor, session),
    }
    return render(request, "training/session_detail.html", context)


def verify(request):
    """A certificate's verification by its code, for anyone: initials, course, dates, validity."""
    form = VerifyForm(request.GET or None)
    found, asked = None, False
    if form.is_valid() and form.cleaned_data["code"]:
        asked = True
        found = selectors.certificate_verify(
            code=form.cleaned_data["code"], today=timezone.localdate()
        )
    return render(request, "training/verify.html", {"form": form, "found": found, "asked": asked})
