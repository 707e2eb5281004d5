"""Accord's URLs plus the benchmarks' anchors, served by the same server behind the same middleware:

- ``/bench/bare``: no work in the view (the dashboard benchmark's anchor);
- ``/bench/prerendered?path=/council/``: the page at ``path``, its template rendered from the
  context of one real request, captured on the first request for that path in each server process
  (``prerender.capture``): the rendering work alone (the load benchmark's anchor).
"""

import threading
from copy import copy

from django.http import HttpResponse, QueryDict
from django.urls import path, resolve

from accord.urls import urlpatterns as accord_urlpatterns
from prerender import Prerendered, capture

_prerendered: dict[str, Prerendered] = {}
_capturing = threading.Lock()


def bare(request):
    """The anchor: a Django view that does nothing but answer (behind the full middleware)."""
    return HttpResponse(b"ok", content_type="text/plain")


def prerendered(request):
    """The page at ``?path=``, rendered again from the context its first request gave."""
    page = request.GET.get("path", "/")
    anchor = _prerendered.get(page)
    if anchor is None:
        with _capturing:
            anchor = _prerendered.get(page) or _capture(request, page)
            _prerendered[page] = anchor
    return HttpResponse(anchor.render())


def _capture(request, page: str) -> Prerendered:
    """Call the page's own view with this request (its user and session) at the page's path."""
    match = resolve(page)
    inner = copy(request)
    inner.path = inner.path_info = page
    inner.GET = QueryDict()
    inner.resolver_match = match
    response, anchor = capture(lambda: match.func(inner, *match.args, **match.kwargs))
    if response.status_code != 200:
        raise RuntimeError(f"{page} answered {response.status_code}")
    return anchor


urlpatterns = [
    path("bench/bare", bare),
    path("bench/prerendered", prerendered),
    *accord_urlpatterns,
]
