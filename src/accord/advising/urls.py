"""Advising pages, at /advising/."""

from django.urls import path

from accord.advising.views import plan, reports

app_name = "advising"

urlpatterns = [
    path("", plan.team_list, name="teams"),
    path("functions/", plan.function_list, name="functions"),
    path("counterparts/<slug:code>/", plan.counterpart_detail, name="counterpart-detail"),
    path("milestones/<int:pk>/", plan.milestone_detail, name="milestone-detail"),
    path("milestones/<int:pk>/rate/", plan.milestone_rate, name="milestone-rate"),
    path("ratings/<int:pk>/evidence/", plan.evidence_link, name="evidence-link"),
    path("reports/", reports.report_list, name="reports"),
    path("reports/new/", reports.report_create, name="report-create"),
    path("reports/<int:pk>/", reports.report_detail, name="report-detail"),
    path("trends/", reports.trends, name="trends"),
]
