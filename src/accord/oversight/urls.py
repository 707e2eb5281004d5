"""Oversight pages, at /oversight/."""

from django.urls import path

from accord.oversight import views

app_name = "oversight"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("findings/", views.finding_list, name="findings"),
    path("findings/new/", views.finding_create, name="finding-create"),
    path("findings/<int:pk>/", views.finding_detail, name="finding-detail"),
    path("findings/<int:pk>/cite/audit/", views.cite_audit, name="cite-audit"),
    path("findings/<int:pk>/cite/record/", views.cite_record, name="cite-record"),
    path("findings/<int:pk>/recommend/", views.recommendation_create, name="recommend"),
    path("recommendations/<int:pk>/close/", views.recommendation_close, name="close"),
    path("recommendations/<int:pk>/actions/new/", views.action_create, name="action-create"),
    path("actions/<int:pk>/complete/", views.action_complete, name="action-complete"),
    path("auditor/", views.auditor, name="auditor"),
]
