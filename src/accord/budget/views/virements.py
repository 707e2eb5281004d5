"""Virements: the list of requested and decided transfers of allotment between lines, the form
that requests one, and the forms that approve or reject one (never by the person who asked)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from accord import access
from accord.budget import selectors, services
from accord.budget.forms import DecisionForm, VirementForm
from accord.budget.models import BudgetLine, FiscalYearStatus, Virement, VirementStatus
from accord.budget.views.common import budget_form
from accord.money import to_minor
from accord.web.pages import forbidden, paginate, record_or_404


def virement_list(request):
    actor = request.user
    page = paginate(request, selectors.virement_list(actor=actor))
    me = access.principal_of(actor).username
    rows = [
        {
            "virement": v,
            "may_decide": v.status == VirementStatus.REQUESTED
            and v.requested_by != me
            and access.may(actor, "change", Virement, v),
        }
        for v in page.object_list
    ]
    context = {
        "page": page,
        "rows": rows,
        "can_request": access.may(actor, "create", Virement),
    }
    return render(request, "budget/virements.html", context)


def _open_lines(actor) -> list[BudgetLine]:
    """The lines of open years the actor may change, for the request form's choices."""
    return [
        line
        for line in selectors.budget_line_list(actor=actor)
        if line.fiscal_year.status == FiscalYearStatus.OPEN
        and access.may(actor, "change", BudgetLine, line)
    ]


@login_required
@require_http_methods(["GET", "POST"])
def virement_request(request):
    actor = request.user
    if not access.may(actor, "create", Virement):
        return forbidden(request, _("Virements are requested by hub staff and administrators."))
    lines = {str(line.pk): line for line in _open_lines(actor)}
    form = VirementForm(request.POST or None, lines=lines.values())

    def run(actor, cleaned):
        from_line = lines[cleaned["from_line"]]
        return services.virement_request(
            actor=actor,
            from_line=from_line,
            to_line=lines[cleaned["to_line"]],
            amount_minor=to_minor(cleaned["amount"], from_line.currency),
            reason=cleaned["reason"],
        )

    return budget_form(
        request,
        form,
        run=run,
        title=_("Request a virement"),
        cancel_url=reverse("budget:virements"),
        success_url=reverse("budget:virements"),
        message=lambda v: (
            _("Requested: %(virement)s. Someone else approves or rejects it.") % {"virement": v}
        ),
    )


def _decision(request, pk: int, *, approve: bool):
    virement = record_or_404(selectors.virement_get, actor=request.user, pk=pk)
    if not access.may(request.user, "change", Virement, virement):
        return forbidden(request, _("Virements are decided by hub staff and administrators."))
    service = services.virement_approve if approve else services.virement_reject
    return budget_form(
        request,
        DecisionForm(request.POST if request.method == "POST" else None),
        run=lambda actor, cleaned: service(actor=actor, virement=virement, note=cleaned["note"]),
        title=(_("Approve %(virement)s") if approve else _("Reject %(virement)s"))
        % {"virement": virement},
        cancel_url=reverse("budget:virements"),
        success_url=reverse("budget:virements"),
        message=_("The virement is approved; both lines' allotments have moved.")
        if approve
        else _("The virement is rejected; nothing has moved."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def virement_approve(request, pk: int):
    return _decision(request, pk, approve=True)


@login_required
@require_http_methods(["GET", "POST"])
def virement_reject(request, pk: int):
    return _decision(request, pk, approve=False)
