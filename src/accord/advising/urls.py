"""Advising pages, at /advising/."""

from django.urls import path

from accord.advising.views import plan, reports, setup

app_name = "advising"

urlpatterns = [
    path("", plan.team_list, name="teams"),
    path("teams/new/", setup.team_create, name="team-create"),
    path("teams/<slug:code>/edit/", setup.team_edit, name="team-edit"),
    path(
        "teams/<slug:code>/counterparts/new/", setup.counterpart_create, name="counterpart-create"
    ),
    path("functions/", plan.function_list, name="functions"),
    path("counterparts/<slug:code>/", plan.counterpart_detail, name="counterpart-detail"),
    path("counterparts/<slug:code>/edit/", setup.counterpart_edit, name="counterpart-edit"),
    path(
        "counterparts/<slug:code>/objectives/new/",
        setup.objective_create,
        name="objective-create",
    ),
    path(
        "counterparts/<slug:code>/objectives/<slug:objective>/edit/",
        setup.objective_edit,
        name="objective-edit",
    ),
    path(
        "counterparts/<slug:code>/objectives/<slug:objective>/milestones/new/",
        setup.milestone_create,
        name="milestone-create",
    ),
    path("milestones/<int:pk>/", plan.milestone_detail, name="milestone-detail"),
    path("milestones/<int:pk>/edit/", setup.milestone_edit, name="milestone-edit"),
    path("milestones/<int:pk>/rate/", plan.milestone_rate, name="milestone-rate"),
    path("ratings/<int:pk>/evidence/", plan.evidence_link, name="evidence-link"),
    path("reports/", reports.report_list, name="reports"),
    path("reports/new/", reports.report_create, name="report-create"),
    path("reports/<int:pk>/", reports.report_detail, name="report-detail"),
    path("trends/", reports.trends, name="trends"),
]
