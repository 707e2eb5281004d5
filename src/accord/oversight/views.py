"""Oversight's pages: the dashboard of open recommendations, findings and what they cite, the
recommendations' closure and corrective actions, and the auditor's page of checkpoints.

Each page reads through the selectors (a finding outside the reader's reach is a 404) and writes
through one service; the forms are the page toolkit's.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from accord import access
from accord.oversight import selectors, services
from accord.oversight.citables import citable_kinds
from accord.oversight.filters import FindingFilter
from accord.oversight.forms import (
    ActionForm,
    AuditCitationForm,
    CloseForm,
    EvidenceForm,
    FindingForm,
    RecommendationForm,
    RecordCitationForm,
)
from accord.oversight.inputs import CorrectiveActionValues, FindingValues, RecommendationValues
from accord.oversight.models import Finding
from accord.web.pages import (
    Column,
    ListPage,
    forbidden,
    form_page,
    history_rows,
    list_page,
    record_or_404,
)

DENIED = gettext_lazy("Findings are recorded by auditors and administrators.")


def _oversight_form(request, form, *, run, title, cancel_url, success_url, message, intro=""):
    """One of oversight's single forms: ``run(actor, cleaned_data)`` is its service call."""
    return form_page(
        request,
        form=form,
        run=run,
        template="oversight/form.html",
        partial="form",
        success_url=success_url,
        success_message=message,
        context={"title": title, "cancel_url": cancel_url, "intro": intro},
        invalid_status=200 if getattr(request, "htmx", False) else 422,
    )


def _finding_url(finding) -> str:
    return reverse("oversight:finding-detail", args=[finding.pk])


# --- the dashboard and the findings -------------------------------------------------------------


@require_GET
def dashboard(request):
    """Open recommendations by module and age, and the newest findings."""
    actor = request.user
    context = {
        "open": selectors.open_recommendations_by_module(actor=actor),
        "findings": selectors.findings_visible_to(actor)[:10],
        "can_create": access.may(actor, "create", Finding),
        "chain_readable": selectors.auditor_page_readable(actor),
    }
    return render(request, "oversight/dashboard.html", context)


FINDINGS = ListPage(
    name="findings",
    model=Finding,
    filterset=FindingFilter,
    columns=(
        Column(gettext_lazy("Title"), "title", sort="title", link=True),
        Column(gettext_lazy("Severity"), "severity", badge=True),
        Column(gettext_lazy("Module"), "module"),
        Column(gettext_lazy("Owner"), "owner"),
        Column(gettext_lazy("Found on"), "found_on", sort="found"),
        Column(gettext_lazy("Due date"), "due", sort="due"),
        Column(gettext_lazy("Marking"), lambda f: f.marking, badge=True),
    ),
    select=selectors.finding_list,
    row_url=_finding_url,
    export_extra=(Column(gettext_lazy("Root cause"), "root_cause"),),
)


@require_GET
def finding_list(request):
    actor = request.user
    context = {
        "kind": {"plural": _("Findings"), "singular": _("finding")},
        "create_url": reverse("oversight:finding-create")
        if access.may(actor, "create", Finding)
        else None,
    }
    return list_page(request, FINDINGS, context)


@login_required
def finding_create(request):
    actor = request.user
    if not access.may(actor, "create", Finding):
        return forbidden(request, DENIED)
    return _oversight_form(
        request,
        FindingForm(request.POST or None, actor=actor),
        run=lambda actor, data: services.finding_create(
            actor=actor, values=FindingValues(**{k: v for k, v in data.items() if v is not None})
        ),
        title=_("Record a finding"),
        cancel_url=reverse("oversight:findings"),
        success_url=_finding_url,
        message=_("The finding is recorded."),
    )


@require_GET
def finding_detail(request, pk: int):
    actor = request.user
    finding = record_or_404(selectors.finding_get, actor=actor, pk=pk)
    may_change = access.may(actor, "change", Finding, finding)
    context = {
        "finding": finding,
        "citations": selectors.citations_of(actor=actor, finding=finding),
        "recommendations": selectors.recommendations_of(actor=actor, finding=finding),
        "may_change": may_change,
        "chain_readable": selectors.auditor_page_readable(actor),
        "history": history_rows(actor, finding),
    }
    return render(request, "oversight/finding_detail.html", context)


@login_required
def cite_audit(request, pk: int):
    finding = record_or_404(selectors.finding_get, actor=request.user, pk=pk)
    if not access.may(request.user, "change", Finding, finding):
        return forbidden(request, DENIED)
    return _oversight_form(
        request,
        AuditCitationForm(request.POST or None),
        run=lambda actor, data: services.finding_cite_audit(
            actor=actor, finding=finding, position=data["position"], note=data["note"]
        ),
        title=_("Cite an audit entry"),
        intro=finding.title,
        cancel_url=_finding_url(finding),
        success_url=lambda citation: _finding_url(finding),
        message=_("The audit entry is cited."),
    )


@login_required
def cite_record(request, pk: int):
    finding = record_or_404(selectors.finding_get, actor=request.user, pk=pk)
    if not access.may(request.user, "change", Finding, finding):
        return forbidden(request, DENIED)
    return _oversight_form(
        request,
        RecordCitationForm(request.POST or None, kinds=citable_kinds()),
        run=lambda actor, data: services.finding_cite_record(
            actor=actor, finding=finding, kind=data["kind"], key=data["key"], note=data["note"]
        ),
        title=_("Cite a record"),
        intro=finding.title,
        cancel_url=_finding_url(finding),
        success_url=lambda citation: _finding_url(finding),
        message=_("The record is cited."),
    )


# --- recommendations and corrective actions -----------------------------------------------------


@login_required
def recommendation_create(request, pk: int):
    finding = record_or_404(selectors.finding_get, actor=request.user, pk=pk)
    if not access.may(request.user, "change", Finding, finding):
        return forbidden(request, DENIED)
    return _oversight_form(
        request,
        RecommendationForm(request.POST or None),
        run=lambda actor, data: services.recommendation_create(
            actor=actor,
            finding=finding,
            values=RecommendationValues(**{k: v for k, v in data.items() if v is not None}),
        ),
        title=_("Add a recommendation"),
        intro=finding.title,
        cancel_url=_finding_url(finding),
        success_url=lambda rec: _finding_url(finding),
        message=_("The recommendation is open."),
    )


@login_required
def recommendation_close(request, pk: int):
    rec = record_or_404(selectors.recommendation_get, actor=request.user, pk=pk)
    if not access.may(request.user, "change", type(rec), rec):
        return forbidden(request, DENIED)
    return _oversight_form(
        request,
        CloseForm(request.POST or None, initial={"expected_version": rec.version}),
        run=lambda actor, data: services.recommendation_close(
            actor=actor,
            recommendation=rec,
            outcome=data["outcome"],
            accepted_by=data["accepted_by"],
            note=data["note"],
            expected_version=data["expected_version"],
        ),
        title=_("Close the recommendation"),
        intro=rec.text,
        cancel_url=_finding_url(rec.finding),
        success_url=lambda closed: _finding_url(rec.finding),
        message=_("The recommendation is closed, and its closure is in the audit trail."),
    )


@login_required
def action_create(request, pk: int):
    rec = record_or_404(selectors.recommendation_get, actor=request.user, pk=pk)
    if not access.may(request.user, "change", type(rec), rec):
        return forbidden(request, DENIED)
    return _oversight_form(
        request,
        ActionForm(request.POST or None),
        run=lambda actor, data: services.corrective_action_create(
            actor=actor,
            recommendation=rec,
            values=CorrectiveActionValues(**{k: v for k, v in data.items() if v is not None}),
        ),
        title=_("Assign a corrective action"),
        intro=rec.text,
        cancel_url=_finding_url(rec.finding),
        success_url=lambda action: _finding_url(rec.finding),
        message=_("The corrective action is assigned."),
    )


@login_required
def action_complete(request, pk: int):
    action = record_or_404(selectors.corrective_action_get, actor=request.user, pk=pk)
    if not access.may(request.user, "change", type(action), action):
        return forbidden(request, DENIED)
    back = _finding_url(action.recommendation.finding)
    return _oversight_form(
        request,
        EvidenceForm(request.POST or None, initial={"expected_version": action.version}),
        run=lambda actor, data: services.corrective_action_complete(
            actor=actor,
            action=action,
            evidence=data["evidence"],
            evidence_url=data["evidence_url"],
            done_on=data["done_on"],
            expected_version=data["expected_version"],
        ),
        title=_("Record the evidence"),
        intro=action.description,
        cancel_url=back,
        success_url=lambda done: back,
        message=_("The corrective action is done, with its evidence."),
    )


# --- the auditor's page -------------------------------------------------------------------------


@login_required
@require_GET
def auditor(request):
    """The chain's head and the signed checkpoints made of it, for auditors and administrators."""
    if not selectors.auditor_page_readable(request.user):
        return forbidden(request, _("The audit chain is read by auditors and administrators."))
    return render(
        request, "oversight/auditor.html", selectors.checkpoints_of_head(actor=request.user)
    )
