"""What every transit page shares, declared on the page toolkit (``accord.web.pages``): a
record's history with its route-check messages redacted for the reader, the edit and create
pages (one form, one service, on ``transit/edit.html``), and whether the actor may create a kind
of record under its default marking (the access policy's answer, for the buttons and the 403
page)."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from accord import access
from accord.errors import PermissionDenied
from accord.transit.shipments.selectors import RouteProblems
from accord.web.pages import EXPORT_FORMATS, export_response, forbidden, form_page, history_rows

EDIT_TEMPLATE = "transit/edit.html"

# Each kind of record's create and edit titles and its saved message, whole: no language but
# English can put "New" or "Edit" before a noun it is handed.
TITLES = {
    "agreement": (_("New transit agreement"), _("Edit the transit agreement")),
    "node": (_("New node"), _("Edit the node")),
    "leg": (_("New leg"), _("Edit the leg")),
    "demand": (_("New demand"), _("Edit the demand")),
    "lease": (_("New lease"), _("Edit the lease")),
    "shipment": (_("New shipment"), _("Edit the shipment")),
}
SAVED = {
    "agreement": _("The transit agreement is saved."),
    "node": _("The node is saved."),
    "leg": _("The leg is saved."),
    "demand": _("The demand is saved."),
    "lease": _("The lease is saved."),
    "shipment": _("The shipment is saved."),
}


def history(actor, obj) -> list:
    """The record's history panel. A shipment's route-check messages are shown there as on its
    page: redacted for the reader (see shipments.selectors.RouteProblems)."""
    problems = RouteProblems(actor)

    def present(changes):
        if not (isinstance(changes, dict) and "route_problems" in changes):
            return changes
        redacted = [
            [problems.message(str(p)) for p in side] if isinstance(side, list) else side
            for side in changes["route_problems"]
        ]
        return {**changes, "route_problems": redacted}

    return history_rows(actor, obj, present=present)


def may_create(actor, model) -> bool:
    """Whether the actor may create a ``model`` record under its default marking (the "New …"
    buttons)."""
    return access.may(actor, "create", model, {"marking": model.default_marking})


def refused(request, model) -> HttpResponse | None:
    """The 403 page when the actor may not create such a record, with the policy's own reason
    (who creates such records); None when they may."""
    try:
        access.require_create(request.user, model, {"marking": model.default_marking})
    except PermissionDenied as exc:
        return forbidden(request, exc.detail)
    return None


def edit_page(request, obj, form_class, save: Callable, detail_url: str, label: str):
    """A record's edit page: the form on a fresh copy of the record, ``save(actor, obj, data,
    version)`` the service that saves it; a stale version or bad input is a form error.
    ``label`` is the kind of record, a key of ``TITLES``."""
    try:
        access.require_change(request.user, obj)
    except PermissionDenied as exc:
        # The policy's own reason (who changes such records) is the 403 page's message.
        return forbidden(request, exc.detail)
    # A fresh copy: validating the form must not alter the record the service compares.
    form = form_class(request.POST or None, instance=type(obj).objects.get(pk=obj.pk))

    def run(actor, cleaned):
        data = {name: cleaned[name] for name in form_class.Meta.fields}
        return save(actor, obj, data, posted_version(request))

    return form_page(
        request,
        form=form,
        run=run,
        template=EDIT_TEMPLATE,
        partial="form",
        success_url=detail_url,
        success_message=SAVED[label],
        context={"obj": obj, "title": TITLES[label][1], "cancel_url": detail_url},
    )


def create_page(
    request,
    form,
    create: Callable,
    *,
    label: str,
    cancel_url: str,
    success_url: Callable,
    success_message: Callable,
):
    """A record's create page: the form, ``create(actor, data)`` the service that records it,
    ``success_url`` and ``success_message`` functions of the new record; bad input and domain
    errors are shown on the form."""
    return form_page(
        request,
        form=form,
        # A copy: a service may fill in the data it is given.
        run=lambda actor, cleaned: create(actor, dict(cleaned)),
        template=EDIT_TEMPLATE,
        partial="form",
        success_url=success_url,
        success_message=success_message,
        context={"obj": None, "title": TITLES[label][0], "cancel_url": cancel_url},
    )


def posted_version(request) -> int:
    """The ``expected_version`` a form posted; -1 (always stale) when it is missing or bad."""
    try:
        return int(request.POST.get("expected_version", ""))
    except ValueError:
        return -1


def export_format(request) -> str | None:
    """``csv`` or ``xlsx`` when the page is asked for an export (``?format=``), else None."""
    fmt = request.GET.get("format")
    return fmt if fmt in EXPORT_FORMATS else None


def export(fmt: str, name: str, columns, rows) -> HttpResponse:
    """The rows as CSV or XLSX through the page toolkit's export; ``columns`` are (header,
    value of a row) pairs, read as the page reads them (so nothing hidden on the page is in
    the file)."""
    return export_response(
        fmt,
        filename=name,
        headers=[str(header) for header, _value in columns],
        rows=rows,
        row=lambda obj: [value(obj) for _header, value in columns],
    )
