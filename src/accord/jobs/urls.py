"""The task pages, at /tasks/."""

from django.urls import path

from accord.jobs import views

app_name = "jobs"

urlpatterns = [path("<uuid:task_id>/", views.task_detail, name="task")]
