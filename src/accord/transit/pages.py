"""Steps every transit page shares: a record or a 404, its history, the edit and create pages,
and whether the actor may create a kind of record under its default marking (the access
policy's answer, for the buttons and the 403 page)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from accord import access
from accord.audit.selectors import audit_history
from accord.errors import AccordError, NotFound, PermissionDenied
from accord.transit.shipments.selectors import RouteProblems
from accord.web.pages import (
    acting,
    apply_domain_error,
    change_rows,
    forbidden,
    success_redirect,
)


def or_404(getter, **kwargs):
    """The record a selector finds for the actor; anything else is a 404."""
    try:
        return getter(**kwargs)
    except (NotFound, ValueError):
        raise Http404("No such record that you may read.") from None


def history(actor, obj) -> list:
    """The record's audit entries the actor may read, as rows for the history panel."""
    entries = list(audit_history(actor=actor, obj=obj)[:100])
    problems = RouteProblems(actor)
    for entry in entries:
        changes = entry.changes
        if isinstance(changes, dict) and "route_problems" in changes:
            # A shipment's route-check messages, in its history as on its page: redacted for
            # the reader (see shipments.selectors.RouteProblems).
            changes = {
                **changes,
                "route_problems": [
                    [problems.message(str(p)) for p in side] if isinstance(side, list) else side
                    for side in changes["route_problems"]
                ],
            }
        entry.change_rows = change_rows(changes)
    return entries


def may_create(actor, model) -> bool:
    """Whether the actor may create a ``model`` record under its default marking (the "New …"
    buttons)."""
    try:
        access.require_create(actor, model, {"marking": model.default_marking})
    except PermissionDenied:
        return False
    return True


def refused(request, model):
    """The 403 page when the actor may not create such a record; None when they may."""
    try:
        access.require_create(request.user, model, {"marking": model.default_marking})
    except PermissionDenied as exc:
        return forbidden(request, exc.detail)
    return None


def edit_page(request, obj, form_class, save, detail_url: str, label: str):
    """A record's edit page: the form on a fresh copy, ``save(actor, obj, data, version)`` the
    service to save, a stale version or bad input answered as a form error."""
    actor = request.user
    try:
        access.require_change(actor, obj)
    except PermissionDenied as exc:
        return forbidden(request, exc.detail)
    form = form_class(request.POST or None, instance=type(obj).objects.get(pk=obj.pk))
    if request.method == "POST":
        version = posted_version(request)
        if form.is_valid():
            data = {name: form.cleaned_data[name] for name in form_class.Meta.fields}
            try:
                save(acting(request), obj, data, version)
            except AccordError as exc:
                apply_domain_error(form, exc)
            else:
                return success_redirect(request, detail_url, f"Saved {label}.")
    return render(
        request,
        "transit/edit.html",
        {"obj": obj, "form": form, "label": label, "cancel_url": detail_url},
    )


def create_page(request, form, save, label: str, cancel_url: str):
    """A record's create page: the form, ``save(actor, data)`` the service to save (it answers
    the page to go to and the message), bad input and domain errors shown on the form."""
    if request.method == "POST" and form.is_valid():
        try:
            url, message = save(acting(request), dict(form.cleaned_data))
        except AccordError as exc:
            apply_domain_error(form, exc)
        else:
            return success_redirect(request, url, message)
    return render(
        request,
        "transit/edit.html",
        {"obj": None, "form": form, "label": label, "cancel_url": cancel_url},
    )


def posted_version(request) -> int:
    """The ``expected_version`` a form posted; -1 (always stale) when it is missing or bad."""
    try:
        return int(request.POST.get("expected_version", ""))
    except ValueError:
        return -1
