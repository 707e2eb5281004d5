"""One form, one service: the page that shows a form, validates it, runs the service and answers;
and ``record_action``, the same for a button on a record's own page.

GET                 the form
POST, HTMX check    only the error slots (``<template>#errors``), while the user types
POST, invalid       the form again with its errors
POST, valid         ``run(actor, cleaned_data)``, the one service call; a domain error becomes
                    a form error that keeps its code and says what to do; success redirects
                    (``HX-Redirect`` under HTMX)
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accord.errors import AccordError, Code
from accord.web.pages.responses import acting, success_redirect

VALIDATE_HEADER = "X-Accord-Validate"

# What to do next, after the domain error's own detail, for the codes a form meets most.
HINTS = {
    Code.STALE_VERSION: _(
        "Reload the page to see the current values, then make your change again."
    ),
    Code.PERMISSION_DENIED: _(
        "Ask an administrator or the record's site or nation staff to make it."
    ),
    Code.DUPLICATE: _("Change the values that identify it (nation, site, date or code)."),
    Code.NOT_FOUND: _("It may have been deleted or moved out of your reach; go back to the list."),
    Code.IN_USE: _("Remove or change the records that refer to it first."),
}


def apply_domain_error(form, error: AccordError) -> None:
    """Turn a domain error into form errors that say what went wrong and what to do; each keeps
    the error's stable code (``form.errors.as_data()``), as the API's problem+json does."""
    placed = False
    for field, problems in (error.errors or {}).items():
        if field in form.fields:
            for problem in problems:
                form.add_error(field, ValidationError(gettext(problem), code=error.code))
            placed = True
    hint = HINTS.get(error.code, "")
    if not placed or error.code != Code.VALIDATION_FAILED:
        # The detail was translated where it was raised; a catalogue message (no detail given)
        # is translated here.
        text = f"{gettext(error.detail)} {hint}".strip()
        form.add_error(None, ValidationError(text, code=error.code))


def validating(request) -> bool:
    """An HTMX request that only asks whether the form is valid so far (inline validation)."""
    return bool(getattr(request, "htmx", False)) and request.headers.get(VALIDATE_HEADER) == "1"


def quiet_missing(form, data) -> None:
    """While validating on change, leave "required" unsaid for fields not filled in yet."""
    for name in list(form.errors):
        if name != "__all__" and not data.get(form.add_prefix(name)):
            del form.errors[name]


def form_page(
    request,
    *,
    form,
    run: Callable,
    template: str,
    success_url: str | Callable,
    success_message: str | Callable = "",
    context: dict | None = None,
    partial: str | None = None,
    invalid_status: int = 200,
    error_status: bool = False,
) -> HttpResponse:
    """The page for one form and the one service it runs.

    ``run(actor, cleaned_data)`` calls the service and returns what it wrote; ``success_url`` and
    ``success_message`` are strings or functions of that result. ``partial`` names the template
    partial an HTMX request gets instead of the whole page (``"form"``); a template with an
    ``errors`` partial answers inline validation. ``invalid_status`` is the status of a form sent
    back with its errors, and ``error_status`` answers a domain error with its own status (409,
    422) rather than that.
    """
    context = {**(context or {}), "form": form}
    status = 200
    if request.method == "POST":
        valid = form.is_valid()
        if validating(request) and partial:
            quiet_missing(form, request.POST)
            return render(request, f"{template}#errors", context)
        status = invalid_status
        if valid:
            try:
                result = run(acting(request), form.cleaned_data)
            except AccordError as error:
                apply_domain_error(form, error)
                status = error.status if error_status else invalid_status
            else:
                url = success_url(result) if callable(success_url) else success_url
                message = success_message(result) if callable(success_message) else success_message
                return success_redirect(request, url, message)
    if partial and getattr(request, "htmx", False):
        template = f"{template}#{partial}"
    return render(request, template, context, status=status)


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
            where = "" if field == NON_FIELD_ERRORS else f"{_label(form, field)}: "
            if isinstance(error.code, Code):
                yield gettext("%(problem)s (code: %(code)s)") % {
                    "problem": f"{where}{text}",
                    "code": error.code,
                }
            else:
                input_problems.append(f"{where}{text}")
    if input_problems:
        yield invalid_message or input_problems[0]


def _label(form, field: str) -> str:
    """A field as the form labels it for the person (never its attribute name)."""
    bound = form.fields.get(field)
    label = str(bound.label) if bound is not None and bound.label else field.replace("_", " ")
    return label[:1].upper() + label[1:]
