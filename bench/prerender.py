"""The pages' anchor: a page's own template rendered again from the context of one real request.

``capture(call)`` runs ``call`` (one real request: the test client's, or a view called in the
server) and keeps the page's template (the last one rendered on its own: fragments a view renders
first, such as the dashboard's panels, end up in the page's context as HTML; includes and the base
a template extends are part of its rendering) with that render's whole context, the context
processors' values included, flattened into one dict. The objects in it are the request's own, so
what the real render evaluated (querysets, lazy values) stays evaluated: ``Prerendered.render()``
then does the rendering work alone, with no view code and only the queries the template itself
makes on every render.

While ``call`` runs, ``Template._render`` is wrapped (what Django's test client does to show
``response.context``) to note each template this thread renders outside any other rendering; a
server's other threads go on untouched.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from typing import Any

from django.template import Context
from django.template.base import Template

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
    depth = [0]  # this thread's renderings in progress
    original = Template._render

    def rendering(template, context):
        if threading.get_ident() != me:
            return original(template, context)
        # Outside any other rendering: the page, or a fragment the view renders for it (the
        # dashboard's panels, then in its context as HTML); never a form's widget or an include.
        if depth[0] == 0 and context.template is template:
            caught.append(Prerendered(template, context.flatten()))
        depth[0] += 1
        try:
            return original(template, context)
        finally:
            depth[0] -= 1

    with _swap:
        Template._render = rendering
        try:
            result = call()
        finally:
            Template._render = original
    if not caught:
        raise RuntimeError("the request rendered no template")
    return result, caught[-1]
