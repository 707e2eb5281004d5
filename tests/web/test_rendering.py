"""A rendered page leaves its template context to reference counting (``accord.web.rendering``):
no reference cycle keeps it, with the context processors' and the view's values, for Python's
cycle collector, whose passes then land on one request in so many."""

import gc

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import engines
from django.template.context import BaseContext

pytestmark = pytest.mark.django_db


def _left_in_cycles(call) -> list:
    """What ``call()`` leaves that only the cycle collector would free (kept, to be named)."""
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
    assert [type(o).__name__ for o in left if isinstance(o, BaseContext)] == []
    assert not any(type(o).__name__ == "ContextDict" for o in left)
