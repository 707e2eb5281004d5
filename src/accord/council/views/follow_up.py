"""The implementation follow-up of joint actions (Decidim's Accountability): the forms that set
a result, record its progress and milestones, and the public portal's follow-up of PUBLIC
actions. The results themselves are shown on the joint action's page."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accord import access
from accord.council import selectors, services
from accord.council.inputs import ActionResultValues
from accord.council.models import ActionResult
from accord.council.views.actions import page
from accord.council.views.forms import MilestoneForm, ProgressForm, ResultForm
from accord.money import from_minor
from accord.web.pages import forbidden, form_page, record_or_404


def _refused(request):
    return forbidden(request, _("The secretariat keeps the results of joint actions."))


def _action_url(action) -> str:
    return reverse("council:joint-action-detail", args=[action.code]) + "#results"


def _figures(actor, action) -> list:
    return selectors.joint_action_figures(actor=actor, joint_actions=[action]).get(action.pk, [])


def _form(request, form, *, run, title: str, back: str, message):
    return form_page(
        request,
        form=form,
        run=run,
        template="council/result_form.html",
        partial="form",
        context={"title": title, "cancel_url": back},
        success_url=back,
        success_message=message,
    )


@page
def result_create(request, code: str):
    actor = request.user
    action = record_or_404(selectors.joint_action_get, actor, code)
    if not access.may(actor, "create", ActionResult):
        return _refused(request)
    form = ResultForm(
        request.POST or None, figures=_figures(actor, action), initial={"marking": action.marking}
    )
    return _form(
        request,
        form,
        run=lambda actor, data: services.action_result_create(
            actor=actor,
            values=ActionResultValues(**form.service_data(), joint_action=action),
        ),
        title=_("New result of %(action)s") % {"action": action.name},
        back=_action_url(action),
        message=_("Result set; record its progress as it moves."),
    )


@page
def result_edit(request, pk: int):
    actor = request.user
    result = record_or_404(selectors.action_result_get, actor=actor, pk=pk)
    if not access.may(actor, "change", ActionResult, result):
        return _refused(request)
    figures = _figures(actor, result.joint_action)
    currency = next((f.currency for f in figures if f.key == result.measure), "")
    target = result.target
    if target is not None and currency:
        target = from_minor(target, currency)
    form = ResultForm(
        request.POST or None,
        figures=figures,
        editing=True,
        initial={
            "title": result.title,
            "description": result.description,
            "measure": result.measure,
            "target": target,
            "start": result.start,
            "end": result.end,
            "expected_version": result.version,
        },
    )
    return _form(
        request,
        form,
        run=lambda actor, data: services.action_result_update(
            actor=actor,
            result=result,
            values=ActionResultValues(**form.service_data()),
            expected_version=data["expected_version"],
        ),
        title=_("Change the result: %(result)s") % {"result": result.title},
        back=_action_url(result.joint_action),
        message=_("Result changed."),
    )


@page
def result_progress(request, pk: int):
    actor = request.user
    result = record_or_404(selectors.action_result_get, actor=actor, pk=pk)
    if not access.may(actor, "change", ActionResult, result):
        return _refused(request)
    form = ProgressForm(
        request.POST or None,
        initial={
            "day": timezone.localdate(),
            "status": result.status,
            "progress": result.progress,
            "expected_version": result.version,
        },
    )
    return _form(
        request,
        form,
        run=lambda actor, data: services.action_result_progress(actor=actor, result=result, **data),
        title=_("Record the progress of %(result)s") % {"result": result.title},
        back=_action_url(result.joint_action),
        message=_("Progress recorded."),
    )


@page
def result_milestone(request, pk: int):
    actor = request.user
    result = record_or_404(selectors.action_result_get, actor=actor, pk=pk)
    if not access.may(actor, "change", ActionResult, result):
        return _refused(request)
    form = MilestoneForm(request.POST or None, initial={"day": timezone.localdate()})
    return _form(
        request,
        form,
        run=lambda actor, data: services.action_result_milestone(
            actor=actor, result=result, **data
        ),
        title=_("A milestone of %(result)s") % {"result": result.title},
        back=_action_url(result.joint_action),
        message=_("Milestone recorded."),
    )


@require_GET
def public_follow_up(request):
    """For anyone: every PUBLIC joint action, its PUBLIC results and the figures the modules
    serving it report as the public reads them."""
    return render(
        request, "council/public_follow_up.html", {"actions": selectors.public_follow_up()}
    )
