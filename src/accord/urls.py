"""Accord's URLs: the pages, the API at /api/v1 (docs at /api/docs), static files.

Django's own 400, 404 and 500 handlers answer problem+json under /api/ (a client of the API
reads JSON, never an HTML error page) and the usual pages elsewhere.
"""

import sys

from django.contrib.staticfiles.urls import staticfiles_urlpatterns
from django.core.exceptions import RequestDataTooBig
from django.urls import include, path
from django.views import defaults
from django.views.generic import RedirectView

from accord.api import (
    api,
    problem,
    problem_bad_request,
    problem_body_too_large,
    problem_server_error,
)
from accord.errors import Code

API_PREFIX = "/api/"

urlpatterns = [
    path("api/v1/", api.urls),
    path("api/docs", RedirectView.as_view(url="/api/v1/docs", permanent=False), name="api-docs"),
    path("council/", include("accord.council.urls")),
    path("funds/", include("accord.funds.urls")),
    path("budget/", include("accord.budget.urls")),
    path("transit/", include("accord.transit.urls")),
    path("fleet/", include("accord.fleet.urls")),
    path("training/", include("accord.training.urls")),
    path("tasks/", include("accord.jobs.urls")),
    path("documents/", include("accord.documents.urls")),
    path("personnel/", include("accord.personnel.urls")),
    path("situation/", include("accord.situation.urls")),
    path("oversight/", include("accord.oversight.urls")),
    path("advising/", include("accord.advising.urls")),
    path("search/", include("accord.search.urls")),
    # The inbox (/inbox/) and the notification preferences (/account/notifications/).
    path("", include("accord.notifications.urls")),
    path("", include("accord.web.urls")),
]
# Static files are served by the app itself (no separate web server to set up); granian serves
# them from STATIC_ROOT after `accord collectstatic` in production, see docs/operations.md.
urlpatterns += staticfiles_urlpatterns()


def handler400(request, exception=None):
    """A request Django refused before any view ran (e.g. a body over the upload limit)."""
    if not request.path.startswith(API_PREFIX):
        return defaults.bad_request(request, exception)
    if isinstance(exception, RequestDataTooBig):
        return problem_body_too_large(request)
    return problem_bad_request(request)


def handler404(request, exception=None):
    """An address under /api/ that names no operation."""
    if not request.path.startswith(API_PREFIX):
        return defaults.page_not_found(request, exception)
    return problem(
        request,
        Code.NOT_FOUND,
        "Not found",
        "No operation of the API has this address; the list of operations is at /api/docs.",
    )


def handler500(request):
    """An unexpected error outside an API operation; Django calls this inside its except block,
    so ``sys.exc_info()`` still holds the exception to log under the error id."""
    if not request.path.startswith(API_PREFIX):
        return defaults.server_error(request)
    return problem_server_error(request, exc_info=sys.exc_info())
