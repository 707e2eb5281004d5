"""Accord's URLs plus ``/bench/bare``: the same server and middleware, no work in the view."""

from django.http import HttpResponse
from django.urls import path

from accord.urls import urlpatterns as accord_urlpatterns


def bare(request):
    """The anchor: a Django view that does nothing but answer (behind the full middleware)."""
    return HttpResponse(b"ok", content_type="text/plain")


urlpatterns = [path("bench/bare", bare), *accord_urlpatterns]
