"""The register: decisions (searchable, exported as CSV or XLSX), legal bases and joint actions.

Each page shows only what the viewer may read: a decision's body, meeting or legal bases that are
beyond them are left out, not named.
"""

from __future__ import annotations

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accord import access
from accord.council import selectors, services
from accord.council.models import ActionResult, LegalBasisKind
from accord.council.views.actions import list_params, page, rows_or_page
from accord.council.views.forms import ReviewForm, StartForm
from accord.errors import AccordError
from accord.l10n import format_day
from accord.web.pages import (
    EXPORT_FORMATS,
    export_response,
    history_rows,
    paginate,
    record_action,
    record_or_404,
)

# --- the register of decisions --------------------------------------------------------------------


def decision_columns() -> list[str]:
    """The export's headers, in the reader's language (people open the file)."""
    return [
        _("Reference"),
        _("Title"),
        _("Body"),
        _("Adopted on"),
        _("How"),
        _("Legal bases"),
        _("Marking"),
        _("Rehearsal"),
    ]


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
        _("rehearsal") if d.rehearsal else "",
    ]


def _authentic_in(record) -> str:
    """The languages whose versions are authentic, by code (en, ru), for an export's column."""
    return ", ".join(code for code in ("en", "ru") if getattr(record, f"authentic_{code}"))


@page
def decision_list(request):
    actor = request.user
    params = list_params(request, ("body", "year", "q"))
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
            # Each working language's version in a column of its own; a missing one is empty.
            headers=[
                *decision_columns(),
                _("Text in English"),
                _("Title in Russian"),
                _("Text in Russian"),
                _("Authentic in"),
            ],
            # A list, not the queryset: the rows' legal bases come from a prefetch, which
            # a streamed iterator would skip.
            rows=list(qs[: settings.ACCORD_EXPORT_MAX_ROWS]),
            row=lambda d: [*_decision_row(d), d.text, d.title_ru, d.text_ru, _authentic_in(d)],
        )
    context = {
        "page": paginate(request, qs),
        "params": params,
        "error": error,
        "bodies": selectors.body_list(actor=actor),
        "full_text": selectors.full_text_search(),
    }
    return render(request, rows_or_page(request, "council/decisions.html"), context)


def _meeting_label(actor, meeting) -> str:
    """A meeting is named after its body: only a body the viewer reads is named."""
    if meeting is None:
        return ""
    if access.can_view(actor, meeting.body):
        return str(meeting)
    return _("the meeting of %(day)s") % {"day": format_day(meeting.starts_at)}


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
        "can_review": access.can_change(actor, decision),
        "review_form": ReviewForm(
            initial={
                "expected_version": decision.version,
                "review_on": decision.review_on,
                "note": decision.review_note,
            }
        ),
    }
    return render(request, "council/decision_detail.html", context)


@require_POST
@page
def decision_review(request, reference: str):
    decision = record_or_404(selectors.decision_get, actor=request.user, reference=reference)
    return record_action(
        request,
        form=ReviewForm(request.POST),
        run=lambda actor, data: services.decision_review_set(
            actor=actor,
            decision=decision,
            review_on=data["review_on"],
            note=data["note"],
            expected_version=data["expected_version"],
        ),
        back_url=reverse("council:decision-detail", args=[reference]),
        done=_("Review date saved; members are reminded two weeks ahead."),
        invalid_message=_("Give the review date as a date, or leave it empty."),
    )


# --- legal bases and joint actions ----------------------------------------------------------------


@page
def legal_basis_list(request):
    params = list_params(request, ("kind", "q"))
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
    figures = selectors.joint_action_figures(actor=actor, joint_actions=[action])[action.pk]
    context = {
        "a": action,
        "participation": selectors.joint_action_participation(actor=actor, joint_action=action),
        "lead_nation": access.shown(action, "lead_nation"),
        "legal_bases": action.shown_legal_bases,
        "valid_bases": selectors.joint_action_valid_bases(actor=actor, joint_action=action),
        "decisions": selectors.decisions_for_joint_action(actor=actor, joint_action=action),
        "linked": selectors.joint_action_links(actor=actor, joint_action=action),
        "figures": figures,
        "results": selectors.follow_up(actor=actor, joint_action=action, figures=figures),
        "can_add_result": access.may(actor, "create", ActionResult),
        "can_keep_results": access.may(actor, "change", ActionResult),
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
        done=_("The joint action has started."),
        invalid_message=_("Reload the page and try again."),
    )
