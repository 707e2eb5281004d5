"""The consultations under silence: the list, a new text, a text's page and its buttons
(circulate, extend, break silence, revise), and the viewer's calendar feed of deadlines and
meetings.

A consultation the viewer may not read is a 404 (never a 403), so a NATO-only text does not exist
for Russia's delegation even by URL. Whether to offer a button is asked of ``access.may``; the
services decide again, and record a refusal in the audit trail.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accord import access
from accord.council import selectors, services
from accord.council.calendar import calendar_ics, user_zone
from accord.council.models import Consultation, ConsultationState
from accord.council.views.actions import list_params, page, rows_or_page
from accord.council.views.forms import (
    AgreeForm,
    BreakForm,
    CirculateForm,
    CloseEarlyForm,
    CompareForm,
    ConsultationForm,
    DecideAmendmentForm,
    ExtendForm,
    ReviseForm,
    WithdrawForm,
)
from accord.errors import AccordError
from accord.kept import KeptRecent, kept_for
from accord.web.pages import (
    acting,
    forbidden,
    form_page,
    history_rows,
    paginate,
    record_action,
    record_or_404,
    success_redirect,
)
from accord.web.panels import KEPT_PER_PANEL, reader_key

# --- consultations --------------------------------------------------------------------------------


@page
def index(request):
    """The consultations: what is under silence now, what was adopted, what returned."""
    actor = request.user
    params = list_params(request, ("body", "state", "q"))
    now = timezone.now()
    listed = kept_for(
        _kept_lists,
        request,
        (reader_key(request), tuple(sorted(params.items())), request.GET.get("page")),
        LIST_TOPICS,
        lambda: _listed(request, params, now),
        # A text under silence is adopted when its deadline passes, with no write to say so.
        fresh=lambda kept: kept["until"] is None or timezone.now() < kept["until"],
    )
    context = {
        "page": listed["page"],
        "params": params,
        "error": listed["error"],
        "bodies": listed["bodies"],
        "states": ConsultationState.choices,
        "can_create": access.may(actor, "create", Consultation),
        "now": now,
    }
    return render(request, rows_or_page(request, "council/index.html"), context)


# The list's page of consultations per reader, filter and page, and version of the council's
# tables (``accord.kept``), until the next deadline of a text under silence passes.
_kept_lists: KeptRecent[dict] = KeptRecent(KEPT_PER_PANEL)
LIST_TOPICS = ("council", "core")


def _listed(request, params: dict, now) -> dict:
    """The page of consultations the list shows (read, not lazy: it is kept), the bodies to
    filter by, the filter's error, and the moment the next text under silence is adopted."""
    actor = request.user
    error = None
    try:
        qs = selectors.consultation_list(actor=actor, params=params, now=now)
    except AccordError as exc:
        qs, error = selectors.consultation_list(actor=actor, now=now), exc
    page = paginate(request, qs)
    page.object_list = list(page.object_list)
    page.paginator.count  # noqa: B018 - counted now, while it is built, not on each view
    return {
        "page": page,
        "error": error,
        "bodies": list(selectors.body_list(actor=actor)),
        "until": selectors.next_adoption(after=now),
    }


@page
def consultation_create(request):
    actor = request.user
    if not access.may(actor, "create", Consultation):
        return forbidden(request, _("Only the secretariat opens consultations."))
    form = ConsultationForm(
        request.POST or None,
        bodies=selectors.body_list(actor=actor),
        initial={"authentic_en": True},
    )

    def open_consultation(actor, data):
        return services.consultation_create(
            actor=actor,
            body=selectors.body_get(actor=actor, code=data["body"]),
            title=data["title"],
            title_ru=data["title_ru"],
            text=data["text"],
            text_ru=data["text_ru"],
            authentic_en=data["authentic_en"],
            authentic_ru=data["authentic_ru"],
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
        success_message=_("Consultation opened; circulate it when the text is ready."),
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
        "can_withdraw": may_run and state in ("draft", "broken", "circulating"),
        "can_close_early": may_run and state == "circulating" and view.everyone_agreed,
        "can_agree": access.may(actor, "agree", Consultation)
        and view.is_member
        and not view.viewer_agreed
        and state == "circulating",
        "can_revise": may_run and state in ("draft", "broken"),
        "can_extend": may_run and state == "circulating",
        "can_break": access.may(actor, "break silence", Consultation)
        and view.is_member
        and not view.viewer_broke
        and not view.viewer_agreed
        and (state == "circulating" or view.breaks_until is not None),
        "circulate_form": CirculateForm(),
        "extend_form": ExtendForm(),
        "break_form": BreakForm(),
        "withdraw_form": WithdrawForm(),
        "compare_form": CompareForm(
            initial={
                "before": max(consultation.version_number - 1, 1),
                "after": consultation.version_number,
            }
        ),
        "revise_form": ReviseForm(initial=_latest_text(view.versions)),
        "history": history_rows(actor, consultation),
        "zone": user_zone(actor).key,
    }
    return render(request, "council/consultation_detail.html", context)


def _latest_text(versions: list) -> dict:
    """The revise form starts from the latest version, in both languages, as it stands."""
    if not versions:
        return {}
    latest = versions[0]
    return {
        "text": latest.text,
        "text_ru": latest.text_ru,
        "authentic_en": latest.authentic_en,
        "authentic_ru": latest.authentic_ru,
    }


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
        _("Circulated under silence; every member has been told."),
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
        _("Deadline extended; every member has been told."),
    )


@require_POST
@page
def consultation_break(request, pk: int):
    return _consultation_action(
        request,
        pk,
        BreakForm,
        lambda actor, c, data: services.silence_break(
            actor=actor,
            consultation=c,
            statement=data["statement"],
            amendments=data["amendments"],
            proposals=[
                {
                    "language": data["amend_language"] or "en",
                    "old": data["amend_old"],
                    "new": data["amend_new"],
                }
            ]
            if data["amend_old"]
            else [],
        ),
        _("Silence broken: the text is not adopted and returns to consultation."),
    )


@require_POST
@page
def amendment_decide(request, pk: int, amendment_id: int):
    consultation = record_or_404(selectors.consultation_get, actor=request.user, pk=pk)
    amendment = record_or_404(
        selectors.amendment_get, actor=request.user, consultation=consultation, pk=amendment_id
    )
    return record_action(
        request,
        form=DecideAmendmentForm(request.POST),
        run=lambda actor, data: services.amendment_decide(
            actor=actor, amendment=amendment, accept=data["accept"], note=data["note"]
        ),
        back_url=reverse("council:consultation-detail", args=[pk]),
        done=_("Amendment decided; an accepted one is in the next version of the text."),
    )


@page
def versions_difference(request, pk: int):
    """The word-level difference between two versions of the text, in each language."""
    actor = request.user
    consultation = record_or_404(selectors.consultation_get, actor=actor, pk=pk)
    latest = consultation.version_number
    form = CompareForm(request.GET or None, initial={"before": max(latest - 1, 1), "after": latest})
    difference = error = None
    if form.is_bound and form.is_valid():
        try:
            difference = selectors.versions_difference(
                actor=actor,
                consultation=consultation,
                before=form.cleaned_data["before"],
                after=form.cleaned_data["after"],
            )
        except AccordError as exc:
            error = exc
    context = {"c": consultation, "form": form, "difference": difference, "error": error}
    return render(request, "council/versions_difference.html", context)


@require_POST
@page
def consultation_agree(request, pk: int):
    return _consultation_action(
        request,
        pk,
        AgreeForm,
        lambda actor, c, data: services.silence_agree(actor=actor, consultation=c),
        _("Your nation's agreement is on record; every member has been told."),
    )


@require_POST
@page
def consultation_close_early(request, pk: int):
    return _consultation_action(
        request,
        pk,
        CloseEarlyForm,
        lambda actor, c, data: services.consultation_close_early(actor=actor, consultation=c),
        _("Every member agreed: the text is adopted and entered in the register."),
    )


@require_POST
@page
def consultation_withdraw(request, pk: int):
    return _consultation_action(
        request,
        pk,
        WithdrawForm,
        lambda actor, c, data: services.consultation_withdraw(
            actor=actor, consultation=c, reason=data["reason"]
        ),
        _("The text is withdrawn; every member has been told."),
    )


@require_POST
@page
def consultation_revise(request, pk: int):
    return _consultation_action(
        request,
        pk,
        ReviseForm,
        lambda actor, c, data: services.consultation_revise(
            actor=actor,
            consultation=c,
            text=data["text"],
            text_ru=data["text_ru"],
            authentic_en=data["authentic_en"],
            authentic_ru=data["authentic_ru"],
            note=data["note"],
        ),
        _("New version saved; circulate it when ready."),
    )


# --- the calendar ---------------------------------------------------------------------------------


@require_POST
@login_required
def calendar_feed(request):
    """Make (or replace) the viewer's secret calendar URL and show it once."""
    _feed, secret = services.calendar_feed_create(actor=acting(request))
    url = request.build_absolute_uri(reverse("council:calendar", args=[secret]))
    return success_redirect(
        request,
        reverse("council:index"),
        _("Your calendar URL (subscribe to it; keep it secret): %(url)s") % {"url": url},
    )


@require_GET
def calendar(request, secret: str):
    """The secret-URL feed: no cookies needed, the URL is the key."""
    user = selectors.calendar_feed_user(secret)
    if user is None:
        raise Http404(_("No calendar at that address; make a new one on the council page."))
    body = calendar_ics(user, now=timezone.now(), base_url=request.build_absolute_uri("/")[:-1])
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response
