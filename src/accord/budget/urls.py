"""Budget pages, at /budget/."""

from django.urls import path

from accord.budget.views import (
    execution,
    lines,
    mtef,
    report,
    structure,
    sustainment,
    virements,
    years,
)

app_name = "budget"

urlpatterns = [
    path("", execution.execution_page, name="execution"),
    path("fiscal-years/", years.fiscal_years, name="fiscal-years"),
    path("fiscal-years/<str:label>/close/", years.fiscal_year_close, name="fiscal-year-close"),
    path("lines/", lines.line_list, name="lines"),
    path("lines/new/", lines.line_create, name="line-create"),
    path("lines/<int:pk>/", lines.line_detail, name="line-detail"),
    path("lines/<int:pk>/entries/new/", lines.entry_record, name="entry-record"),
    path("entries/<int:pk>/reverse/", lines.entry_reverse, name="entry-reverse"),
    path("mtef/", mtef.mtef_page, name="mtef"),
    path("mtef/<str:label>/new/", mtef.projection_create, name="projection-create"),
    path("mtef/<int:pk>/edit/", mtef.projection_edit, name="projection-edit"),
    path("report/", report.report_page, name="report"),
    path("virements/", virements.virement_list, name="virements"),
    path("virements/new/", virements.virement_request, name="virement-request"),
    path("virements/<int:pk>/approve/", virements.virement_approve, name="virement-approve"),
    path("virements/<int:pk>/reject/", virements.virement_reject, name="virement-reject"),
    path("structure/", structure.structure_page, name="structure"),
    path("sustainment/", sustainment.sustainment_page, name="sustainment"),
    path("sustainment/<int:pk>/edit/", sustainment.pledge_edit, name="pledge-edit"),
]
