"""A test-only URLconf: Accord's own URLs plus plain views that fail, under /api/ and not.

It stands for any failure outside an API operation (a middleware, a view that is not ninja's),
which Django answers through the root URLconf's ``handler500``; the handlers are Accord's own.
"""

from django.core.exceptions import BadRequest
from django.http import HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

from accord.urls import handler400, handler404, handler500
from accord.urls import urlpatterns as accord_urlpatterns


def broken(request):
    raise RuntimeError("secret-internal-detail: connection to db-primary.internal:5432 lost")


def refuses(request):
    raise BadRequest("secret-internal-detail: header parser state 7")


def reads_a_form(request):
    # Reading the form parses the body, which is where Django enforces its upload limit.
    return HttpResponse(str(len(request.POST)))


urlpatterns = [
    path("api/v1/test-only/broken", broken),
    path("api/v1/test-only/form", csrf_exempt(reads_a_form)),
    path("api/v1/test-only/bad", refuses),
    path("test-only/broken", broken),
    *accord_urlpatterns,
]

__all__ = ["handler400", "handler404", "handler500", "urlpatterns"]
