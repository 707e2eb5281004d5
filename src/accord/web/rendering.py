"""Django's template engine, with each page's context let go as soon as the page is rendered.

Django makes a page's context (``make_context``) by pushing the view's values onto it as a
``ContextDict``, which holds the context it was pushed onto for its ``with`` block; this one is
never popped, so every rendered page leaves its context in a reference cycle, with everything
only it holds: the context processors' values, the view's, the render's own state (some fifty
objects on the transit map). Reference counting cannot free them; Python's cycle collector
must, in a pass that walks every young object and lands on one request in so many, which then
takes a large part of a millisecond longer. Emptied once the page is rendered, the context goes
when its last reference does.
"""

from django.template import TemplateDoesNotExist
from django.template.backends import django as backend
from django.template.context import make_context


class DjangoTemplates(backend.DjangoTemplates):
    """Django's own engine and options; only its templates' ``render`` differs (module doc)."""

    def from_string(self, template_code):
        return Template(self.engine.from_string(template_code), self)

    def get_template(self, template_name):
        try:
            return Template(self.engine.get_template(template_name), self)
        except TemplateDoesNotExist as exc:
            backend.reraise(exc, self)


class Template(backend.Template):
    def render(self, context=None, request=None):
        context = make_context(context, request, autoescape=self.backend.engine.autoescape)
        try:
            return self.template.render(context)
        except TemplateDoesNotExist as exc:
            backend.reraise(exc, self.backend)
        finally:
            # The context is this call's own: nothing reads it once the page is rendered (a
            # test's copy of it keeps its own list of the same values).
            context.dicts.clear()
