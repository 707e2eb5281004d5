"""How the council's pages are served: in the reader's time zone, and their buttons.

Most council forms are buttons on a record's own page (break silence, circulate, propose an
agenda item), not pages of their own. ``record_action`` is ``form_page`` for them: one form, one
service, a domain error that keeps its code; but its answer is always the record's page again,
with what happened as a message, since there is no page of the form's own to show it on.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import NON_FIELD_ERRORS
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone

from accord.council.calendar import user_zone
from accord.errors import AccordError, Code
from accord.web.pages import acting, apply_domain_error, success_redirect


def in_viewer_zone(view):
    """Render (and read form times) in the signed-in viewer's own time zone."""

    @functools.wraps(view)
    def run(request, *args, **kwargs):
        with timezone.override(user_zone(request.user)):
            return view(request, *args, **kwargs)

    return run


def page(view):
    """A council page: signed in, times in the viewer's zone."""
    return login_required(in_viewer_zone(view))


def record_action(
    request,
    *,
    form,
    run: Callable,
    back_url: str,
    done: str | Callable,
    success_url: Callable | None = None,
    invalid_message: str = "",
) -> HttpResponse:
    """A button on a record's page that runs one service, then goes back to the page.

    ``run(actor, cleaned_data)`` calls the service. Success redirects to ``success_url(result)``
    (or back) with ``done``; otherwise the page comes back with the form's errors as messages:
    ``invalid_message`` in place of the field errors if given, a domain error with its code.
    """
    if form.is_valid():
        try:
            result = run(acting(request), form.cleaned_data)
        except AccordError as error:
            apply_domain_error(form, error)
        else:
            url = success_url(result) if success_url else back_url
            return success_redirect(request, url, done(result) if callable(done) else done)
    for text in error_messages(form, invalid_message):
        messages.error(request, text)
    return redirect(back_url)


def error_messages(form, invalid_message: str = "") -> Iterator[str]:
    """A failed form's errors as messages: a domain error's with its stable code (the reader
    can quote it), the input checks' as ``field: problem`` or as ``invalid_message``."""
    input_problems = []
    for field, errors in form.errors.as_data().items():
        for error in errors:
            text = " ".join(error.messages)
            where = "" if field == NON_FIELD_ERRORS else f"{field}: "
            if isinstance(error.code, Code):
                yield f"{where}{text} (code: {error.code})"
            else:
                input_problems.append(f"{where}{text}")
    if input_problems:
        yield invalid_message or input_problems[0]


def list_params(request, names) -> dict:
    """The list filters named ``names`` that the request gives."""
    return {k: request.GET.get(k) for k in names if request.GET.get(k)}


def rows_or_page(request, template: str) -> str:
    """The list's rows alone for an HTMX filter request aimed at them, else the whole page."""
    if request.htmx and request.htmx.target == "rows":
        return template + "#rows"
    return template
