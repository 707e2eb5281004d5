"""Accord's URLs: the pages, the API at /api/v1 (docs at /api/docs), static files."""

from django.contrib.staticfiles.urls import staticfiles_urlpatterns
from django.urls import include, path
from django.views.generic import RedirectView

from accord.api import api

urlpatterns = [
    path("api/v1/", api.urls),
    path("api/docs", RedirectView.as_view(url="/api/v1/docs", permanent=False), name="api-docs"),
    path("council/", include("accord.council.urls")),
    path("funds/", include("accord.funds.urls")),
    path("budget/", include("accord.budget.urls")),
    path("transit/", include("accord.transit.urls")),
    path("", include("accord.web.urls")),
]
# Static files are served by the app itself (no separate web server to set up); granian serves
# them from STATIC_ROOT after `accord collectstatic` in production, see docs/operations.md.
urlpatterns += staticfiles_urlpatterns()
