"""Payroll months: the list, importing a month's payroll and roster, a month's report by unit
and reason, its lines (personal data) and a line's drill-down with its override."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from accord import access
from accord.access import shown
from accord.core import selectors as core_selectors
from accord.middleware import upload_refusal
from accord.money import format_money
from accord.personnel import imports, selectors, services, tasks
from accord.personnel.choices import Reason
from accord.personnel.filters import LineFilter
from accord.personnel.forms import ConfirmForm, ImportForm, OverrideForm
from accord.personnel.models import PayrollLine, PayrollMonth
from accord.personnel.views.common import Kind, one_form, page
from accord.web.pages import (
    Column,
    ListPage,
    forbidden,
    history_rows,
    list_page,
    paginate,
    record_action,
    record_or_404,
)


@page
def month_list(request):
    actor = request.user
    context = {
        "page": paginate(request, selectors.month_list(actor=actor)),
        "may_import": access.may(actor, "create", PayrollMonth),
    }
    return render(request, "personnel/months.html", context)


def _month_url(month) -> str:
    return reverse("personnel:month-detail", args=[month.pk])


def _imported_url(result) -> str:
    """The month's page, or the page of the task that imports a large month."""
    if isinstance(result, PayrollMonth):
        return _month_url(result)
    return reverse("jobs:task", args=[result.pk])


def _imported_message(result) -> str:
    if isinstance(result, PayrollMonth):
        return _("Imported %(lines)s lines; %(flagged)s flagged as suspected ghosts.") % {
            "lines": result.lines,
            "flagged": result.flagged,
        }
    return _(
        "The files are large: they are imported in the background. This page follows the "
        "import; nothing is imported if one row is not valid."
    )


@page
def payroll_import(request):
    actor = request.user
    if not access.may(actor, "create", PayrollMonth):
        return forbidden(request, _("Payrolls are imported by the nation's hub staff."))
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        refused=upload_refusal(request),
        nations=core_selectors.nation_list(actor=actor),
        markings=access.markings_offered(actor),
    )

    def run(actor, data):
        return tasks.payroll_import_submit(
            actor=actor,
            nation=core_selectors.nation_get(actor=actor, iso3=data["nation"]),
            month=data["month"],
            payroll=imports.Upload(data["file"].name or "payroll.csv", data["file"].read()),
            roster=imports.Upload(data["roster"].name or "roster.csv", data["roster"].read()),
            marking=data["marking"],
        )

    return one_form(
        request,
        form,
        run=run,
        title=_("Import a month's payroll and roster"),
        cancel_url=reverse("personnel:payroll"),
        success_url=_imported_url,
        message=_imported_message,
        upload=True,
    )


@page
def month_detail(request, pk: int):
    actor = request.user
    record = record_or_404(selectors.month_get, actor=actor, pk=pk)
    report = selectors.month_report(actor=actor, month=record)
    for row in report:
        row["counts"] = [row["reasons"][value] for value, _label in Reason.choices]
    context = {
        "month": record,
        "nation": shown(record, "nation"),
        "fiscal_year": shown(record, "fiscal_year"),
        "report": report,
        "reasons": Reason.choices,
        "paid": format_money(record.paid_minor, record.currency),
        "flagged_paid": format_money(record.flagged_minor, record.currency),
        "eft": sum(row["eft"] for row in report),
        "accepted": sum(row["accepted"] for row in report),
        "may_reconcile": access.may(actor, "change", PayrollMonth, record),
        "reads_lines": selectors.line_list(actor=actor, month=record).exists(),
        "history": history_rows(actor, record),
    }
    return render(request, "personnel/month_detail.html", context)


@page
def month_reconcile(request, pk: int):
    record = record_or_404(selectors.month_get, actor=request.user, pk=pk)
    return record_action(
        request,
        form=ConfirmForm(request.POST),
        run=lambda actor, data: services.payroll_reconcile(actor=actor, month=record),
        back_url=_month_url(record),
        done=lambda m: (
            _("Reconciled again: %(flagged)s of %(lines)s lines flagged.")
            % {"flagged": m.flagged, "lines": m.lines}
        ),
    )


def _reasons(line) -> str:
    return ", ".join(str(Reason(r).label) for r in selectors.line_reasons(line))


def _lines_page(record) -> ListPage:
    return ListPage(
        name=f"payroll-{record.key}",
        model=PayrollLine,
        filterset=LineFilter,
        columns=(
            Column(pgettext_lazy("payroll", "Line"), "line_no", sort="line", link=True),
            Column(gettext_lazy("Service number"), "number", sort="number"),
            Column(
                pgettext_lazy("tashkil", "Position"), lambda line: _code(shown(line, "position"))
            ),
            Column(
                gettext_lazy("Amount"),
                lambda line: format_money(line.amount_minor, record.currency),
                sort="amount",
                numeric=True,
            ),
            Column(gettext_lazy("Reasons"), _reasons),
        ),
        select=lambda actor, params: selectors.line_list(actor=actor, month=record, params=params),
        row_url=lambda line: reverse("personnel:line-detail", args=[line.pk]),
    )


def _code(record) -> str | None:
    return record.code if record is not None else None


@page
def month_lines(request, pk: int):
    actor = request.user
    record = record_or_404(selectors.month_get, actor=actor, pk=pk)
    context = {"kind": Kind(gettext_lazy("payroll line"), gettext_lazy("Payroll lines"))}
    return list_page(request, _lines_page(record), context)


@page
def line_detail(request, pk: int):
    actor = request.user
    line = record_or_404(selectors.line_get, actor=actor, pk=pk)
    override = selectors.override_of(actor=actor, line=line)
    may_override = access.may(actor, "override", PayrollLine, line)
    context = {
        "line": line,
        "month": shown(line, "month"),
        "position": shown(line, "position"),
        "person": access.reachable(actor, line.person),
        "reasons": [Reason(r).label for r in selectors.line_reasons(line)],
        "amount": format_money(line.amount_minor, line.month.currency),
        "roster": list(selectors.roster_for(actor=actor, line=line)),
        "others": list(selectors.other_payments(actor=actor, line=line)),
        "override": override,
        "may_request": may_override and line.flagged and override is None,
        "may_confirm": may_override and override is not None and override.confirmed_at is None,
        "override_form": OverrideForm(),
        "history": history_rows(actor, line),
    }
    return render(request, "personnel/line_detail.html", context)


def _line_back(line) -> str:
    return reverse("personnel:line-detail", args=[line.pk])


@page
def override_request(request, pk: int):
    line = record_or_404(selectors.line_get, actor=request.user, pk=pk)
    return record_action(
        request,
        form=OverrideForm(request.POST),
        run=lambda actor, data: services.override_request(
            actor=actor, line=line, reason=data["reason"]
        ),
        back_url=_line_back(line),
        done=_("The override is asked for; a second user must confirm it."),
    )


@page
def override_confirm(request, pk: int):
    line = record_or_404(selectors.line_get, actor=request.user, pk=pk)
    return record_action(
        request,
        form=ConfirmForm(request.POST),
        run=lambda actor, data: services.override_confirm(actor=actor, line=line),
        back_url=_line_back(line),
        done=_("The override is confirmed: the line is accepted."),
    )
