"""Engagement reports (filed and read by the staff of their own spoke) and the trends of the
milestone ratings, per ministry and per hub and spoke."""

from __future__ import annotations

from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accord import access
from accord.access import shown
from accord.advising import charts, selectors, services
from accord.advising.choices import REPORT_MARKINGS
from accord.advising.filters import ReportFilter
from accord.advising.forms import ReportForm
from accord.advising.inputs import ReportValues
from accord.advising.models import EngagementReport
from accord.advising.views.common import MARKING, Kind, one_form, page
from accord.l10n import format_day
from accord.web.pages import Column, ListPage, forbidden, history_rows, list_page, record_or_404


def _name(record):
    return str(record) if record is not None else None


REPORTS = ListPage(
    name="engagement-reports",
    model=EngagementReport,
    filterset=ReportFilter,
    columns=(
        Column(gettext_lazy("Date"), lambda r: format_day(r.held_on), sort="held_on", link=True),
        Column(gettext_lazy("Counterpart"), lambda r: _name(shown(r, "counterpart"))),
        Column(gettext_lazy("Essential function"), lambda r: _name(shown(r, "function"))),
        Column(gettext_lazy("Site"), lambda r: _name(shown(r, "site"))),
        Column(gettext_lazy("Advisors"), "advisors"),
        MARKING,
    ),
    select=selectors.report_list,
    row_url=lambda r: reverse("advising:report-detail", args=[r.pk]),
    export_extra=(Column(gettext_lazy("Notes"), "notes"),),
)


@page
def report_list(request):
    actor = request.user
    context = {
        "kind": Kind(gettext_lazy("engagement report"), gettext_lazy("Engagement reports")),
        "create_url": reverse("advising:report-create")
        if access.may(actor, "create", EngagementReport)
        else None,
    }
    return list_page(request, REPORTS, context)


@page
def report_detail(request, pk: int):
    actor = request.user
    report = record_or_404(selectors.report_get, actor=actor, pk=pk)
    context = {
        "report": report,
        "counterpart": shown(report, "counterpart"),
        "function": shown(report, "function"),
        "site": shown(report, "site"),
        "history": history_rows(actor, report),
    }
    return render(request, "advising/report_detail.html", context)


def _report_markings(actor) -> list[tuple[str, str]]:
    return [c for c in access.markings_offered(actor) if c[0] in REPORT_MARKINGS]


def _report_values(actor, data) -> ReportValues:
    return ReportValues(
        counterpart=selectors.counterpart_get(actor=actor, code=data["counterpart"]),
        function=selectors.function_get(actor=actor, code=data["function"]),
        held_on=data["held_on"],
        advisors=data["advisors"],
        notes=data["notes"],
        marking=data["marking"],
    )


@page
def report_create(request):
    actor = request.user
    if not access.may(actor, "create", EngagementReport):
        return forbidden(request, _("Engagement reports are filed by the hub's and spokes' staff."))
    # The counterparts the actor's site advises (all of them for who may file anywhere).
    counterparts = [
        c
        for c in selectors.counterpart_list(actor=actor)
        if access.may(
            actor, "create", EngagementReport, {"site_id": c.site_id, "marking": c.marking}
        )
    ]
    form = ReportForm(
        request.POST or None,
        counterparts=counterparts,
        functions=selectors.function_list(actor=actor),
        markings=_report_markings(actor),
        initial={"held_on": timezone.localdate(), "marking": EngagementReport.default_marking},
    )
    return one_form(
        request,
        form,
        run=lambda actor, data: services.report_file(
            actor=actor, values=_report_values(actor, data)
        ),
        title=_("File an engagement report"),
        cancel_url=reverse("advising:reports"),
        success_url=lambda r: reverse("advising:report-detail", args=[r.pk]),
        message=_("The engagement report is filed."),
    )


@page
def trends(request):
    actor = request.user
    by_ministry = selectors.trends_by_ministry(actor=actor)
    by_site = selectors.trends_by_site(actor=actor)
    context = {
        "ministry_chart": charts.trend_chart(by_ministry),
        "site_chart": charts.trend_chart(by_site),
    }
    return render(request, "advising/trends.html", context)
