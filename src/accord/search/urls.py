"""The search page, at /search/."""

from django.urls import path

from accord.search import views

app_name = "search"

urlpatterns = [path("", views.search_page, name="search")]
