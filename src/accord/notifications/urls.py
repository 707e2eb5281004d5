"""The inbox, at /inbox/; the preferences page is at /account/notifications/ (``accord.urls``)."""

from django.urls import path

from accord.notifications import views

app_name = "notifications"

urlpatterns = [
    path("", views.inbox, name="inbox"),
    path("<int:pk>/read/", views.read, name="read"),
    path("read-all/", views.read_all, name="read-all"),
]
