"""A served request leaves nothing for Python's cycle collector: every object it made goes by
reference counting when the response is closed. An object left in a reference cycle waits for
a pass of the collector, which then lands on one request in so many and makes it the slow one
(``docs/development.md``, "What a request leaves to the cycle collector").

What breaks the cycles: Accord's template engine empties each page's context once the page is
rendered (``accord.web.rendering``), and what the middlewares hang on the request holds it
weakly (``accord.middleware``)."""

import gc

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.handlers.wsgi import WSGIHandler
from django.core.signals import request_finished, request_started
from django.db import close_old_connections
from django.template import engines
from django.template.context import BaseContext, ContextDict

pytestmark = pytest.mark.django_db


def _left_in_cycles(call):
    """``call()``'s result, and what it left that only the cycle collector would free."""
    gc.collect()
    gc.set_debug(gc.DEBUG_SAVEALL)
    try:
        result = call()
        gc.collect()
        return result, list(gc.garbage)
    finally:
        gc.set_debug(0)
        gc.garbage.clear()


def test_a_page_rendered_with_its_request_leaves_no_context_in_a_cycle(rf):
    request = rf.get("/")
    request.user = AnonymousUser()
    template = engines["django"].from_string(
        "{% for item in items %}{% with shown=item %}{{ shown }}.{% endwith %}{% endfor %}"
        "{% if user.is_authenticated %}in{% else %}out{% endif %}"
    )

    html, left = _left_in_cycles(lambda: template.render({"items": [1, 2]}, request))

    assert html == "1.2.out"
    assert [type(o).__name__ for o in left if isinstance(o, BaseContext | ContextDict)] == []


@pytest.mark.parametrize("path", ["/transit/map/", "/council/"])
def test_a_page_served_to_a_signed_in_reader_leaves_nothing_in_reference_cycles(
    client_as, rf, path
):
    """Through Django's WSGI handler, as a server calls it (the test client's own response
    holds itself in a cycle, ``response.json``, that no server makes)."""
    cookies = client_as("admin").cookies
    cookie = "; ".join(f"{name}={morsel.value}" for name, morsel in cookies.items())
    application = WSGIHandler()

    def served() -> tuple[int, bytes]:
        environ = rf.get(path, HTTP_COOKIE=cookie).environ
        response = application(environ, lambda status, headers: None)
        try:
            return response.status_code, response.content
        finally:
            response.close()

    # As the test client does: the test's transaction is not a finished request's connection.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        served()  # what the first request builds and keeps for the next
        (status, content), left = _left_in_cycles(served)
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)

    assert status == 200
    assert b"Ada Administrator" in content
    assert sorted({type(o).__qualname__ for o in left}) == []
