"""The pages' anchor: a page's own template rendered again from the context of one real request.

``capture(call)`` runs ``call`` (one real request: the test client's, or a view called in the
server) and keeps the page's template (the last one rendered on its own: fragments a view renders
first, such as the dashboard's panels, end up in the page's context as HTML; includes and the base
a template extends are part of its rendering) with that render's whole context, the context
processors' values included, flattened into one dict. The objects in it are the request's own, so
what the real render evaluated (querysets, lazy values) stays evaluated: ``Prerendered.render()``
then does the rendering work alone, with no view code and only the queries the template itself
makes on every render.

It uses Django's own hook for this, the one the test client uses to show ``response.context``:
``Template._render`` is swapped for ``instrumented_test_render`` (which sends ``template_rendered``)
while ``call`` runs, and the signal is heard from this thread only, so a server's other threads go
on untouched.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from django.template import Context
from django.template.base import Template
from django.test.signals import template_rendered
from django.test.utils import instrumented_test_render

_swap = threading.Lock()


@dataclass
class Prerendered:
    template: Template
    context: dict[str, Any]

    def render(self) -> str:
        return self.template.render(Context(self.context))


def capture(call) -> tuple[Any, Prerendered]:
    """Run ``call()``; its result and the page's template, with the context it was given."""
    caught: list[Prerendered] = []
    me = threading.get_ident()

    def heard(sender, template, context, **kwargs):
        # A template rendered on its own is bound to its context; an include or a base is not.
        if context.template is template and threading.get_ident() == me:
            caught.append(Prerendered(template, context.flatten()))

    with _swap:
        original = Template._render
        Template._render = instrumented_test_render
        template_rendered.connect(heard, dispatch_uid=f"bench-prerender-{me}")
        try:
            result = call()
        finally:
            template_rendered.disconnect(dispatch_uid=f"bench-prerender-{me}")
            Template._render = original
    if not caught:
        raise RuntimeError("the request rendered no template")
    return result, caught[-1]
