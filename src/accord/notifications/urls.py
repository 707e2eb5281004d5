"""The inbox, at /inbox/, and the notification preferences, at /account/notifications/."""

from django.urls import path

from accord.notifications import views

app_name = "notifications"

urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("inbox/<int:pk>/read/", views.read, name="read"),
    path("inbox/read-all/", views.read_all, name="read-all"),
    path("account/notifications/", views.preferences, name="preferences"),
]
