"""The shipments pages: the list, a shipment's page (its route, problems, events and history)
with its event and acknowledge actions, its create page, and the carriers' CSV import. Thin
over the selectors and services."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accord import access
from accord.audit.services import audit_refusal
from accord.core.selectors import hidden_nations_of, nation_codes_shown
from accord.errors import AccordError, PermissionDenied
from accord.middleware import upload_refusal
from accord.names import local
from accord.transit.models import Shipment
from accord.transit.network import selectors as network_selectors
from accord.transit.pages import (
    create_page,
    export,
    export_format,
    history,
    may_create,
    posted_version,
    refused,
)
from accord.transit.routing.explain import Names
from accord.transit.shipments import selectors, services, tasks
from accord.transit.shipments.events_import import events_import_permitted
from accord.transit.shipments.explain import problems_explained
from accord.transit.shipments.forms import EventForm, ImportForm, ShipmentCreateForm
from accord.transit.shipments.inputs import ShipmentValues
from accord.web.pages import (
    acting,
    apply_domain_error,
    forbidden,
    record_or_404,
    success_redirect,
)


@login_required
@require_GET
def shipments(request):
    status = request.GET.get("status") or None
    flagged = {"1": True, "0": False}.get(request.GET.get("flagged", ""))
    rows = selectors.shipment_list(
        actor=request.user,
        status=status,
        flagged=flagged,
        late=request.GET.get("late") == "1",
        affected=request.GET.get("affected") == "1",
    )
    fmt = export_format(request)
    if fmt:
        hidden = hidden_nations_of(request)
        return export(
            fmt,
            "transit-shipments",
            (
                (_("Reference"), lambda s: s.reference),
                (_("Cargo"), lambda s: s.get_cargo_class_display()),
                (_("Direction"), lambda s: s.get_direction_display()),
                (_("TEU"), lambda s: s.teu),
                (_("Tonnes"), lambda s: s.tonnes),
                (_("From"), lambda s: s.origin.local_name),
                (_("To"), lambda s: s.destination.local_name),
                (_("Departure"), lambda s: s.departure),
                (_("Planned arrival"), lambda s: s.planned_arrival),
                (_("ETA"), lambda s: s.eta),
                (_("Status"), lambda s: s.get_status_display()),
                (
                    _("Where"),
                    lambda s: (
                        s.current_node.local_name if s.current_node_shown and s.current_node else ""
                    ),
                ),
                (_("Shipper"), lambda s: ", ".join(nation_codes_shown(s.shipper, hidden))),
                (_("Route permitted"), lambda s: s.route_ok),
                (_("Flagged for review"), lambda s: s.flagged),
            ),
            rows,
        )
    return render(
        request,
        "transit/shipments.html",
        {"shipments": rows, "can_create": may_create(request.user, Shipment)},
    )


def _route_places(actor, shipment):
    """The places on the shipment's route the actor may read: where an event may be reported."""
    codes = network_selectors.route_node_codes(
        actor=actor,
        arcs=shipment.route,
        ends=(shipment.origin.code, shipment.destination.code),
    )
    return network_selectors.node_list(actor=actor).filter(code__in=codes)


def _shipment_page(request, shipment, event_form=None, status=200):
    actor = request.user
    # What the shipment only mentions (its joint action, its current place, the legs of its
    # route) is named only as far as the reader may read it; the selectors decide.
    route = selectors.shipment_route(actor=actor, shipment=shipment)
    return render(
        request,
        "transit/shipment_detail.html",
        {
            "obj": shipment,
            "joint_action": selectors.shipment_joint_action(actor=actor, shipment=shipment),
            "movement": selectors.shipment_movement(actor=actor, shipment=shipment),
            "current_node": access.shown(shipment, "current_node"),
            "route": route,
            "problems": problems_explained(
                selectors.shipment_problems(actor=actor, shipment=shipment),
                Names.read_by(actor),
                hidden_nations_of(request),
            ),
            "events": selectors.shipment_events(actor=actor, shipment=shipment),
            "history": history(actor, shipment),
            "map_url": reverse("transit:map") + "?route=" + ",".join(route),
            "can_change": access.may(actor, "change", Shipment, shipment),
            "event_form": event_form or EventForm(nodes=_route_places(actor, shipment)),
            "nodes": [shipment.origin, shipment.destination],
        },
        status=status,
    )


@login_required
@require_GET
def shipment_detail(request, reference):
    shipment = record_or_404(selectors.shipment_get, actor=request.user, reference=reference)
    return _shipment_page(request, shipment)


@login_required
@require_http_methods(["POST"])
def shipment_event(request, reference):
    actor = request.user
    shipment = record_or_404(selectors.shipment_get, actor=actor, reference=reference)
    try:
        access.require_change(actor, shipment)
    except PermissionDenied as exc:
        return forbidden(request, exc.detail)
    nodes = _route_places(actor, shipment)
    form = EventForm(request.POST, nodes=nodes)
    if form.is_valid():
        data = form.cleaned_data
        at = data["at"]
        if at.tzinfo is None:
            at = at.replace(tzinfo=dt.UTC)
        try:
            services.shipment_event_record(
                actor=acting(request),
                shipment=shipment,
                kind=data["kind"],
                at=at,
                node=nodes.filter(code=data["node"]).first() if data["node"] else None,
                delay_days=data["delay_days"] or 0,
                note=data["note"],
            )
        except AccordError as exc:
            apply_domain_error(form, exc)
        else:
            url = reverse("transit:shipment-detail", args=[shipment.reference])
            return success_redirect(request, url, _("Recorded the event; the ETA is recomputed."))
    return _shipment_page(request, shipment, event_form=form)


@login_required
@require_http_methods(["POST"])
def shipment_acknowledge(request, reference):
    actor = request.user
    shipment = record_or_404(selectors.shipment_get, actor=actor, reference=reference)
    try:
        access.require_change(actor, shipment)
    except PermissionDenied as exc:
        return forbidden(request, exc.detail)
    try:
        services.shipment_acknowledge(
            actor=acting(request), shipment=shipment, expected_version=posted_version(request)
        )
    except AccordError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, _("Flag cleared."))
    return success_redirect(request, reverse("transit:shipment-detail", args=[reference]))


@login_required
@require_http_methods(["GET", "POST"])
def shipment_create(request):
    if refusal := refused(request, Shipment):
        return refusal
    nodes = network_selectors.node_list(actor=request.user).order_by(local("name"))

    def recorded(shipment) -> str:
        if shipment.route_ok:
            return _("Recorded shipment %(reference)s.") % {"reference": shipment.reference}
        return _("Recorded shipment %(reference)s. Its route has problems: see below.") % {
            "reference": shipment.reference
        }

    return create_page(
        request,
        ShipmentCreateForm(request.POST or None, nodes=nodes),
        lambda actor, data: services.shipment_create(actor=actor, values=ShipmentValues(**data)),
        label="shipment",
        cancel_url=reverse("transit:shipments"),
        success_url=lambda shipment: reverse("transit:shipment-detail", args=[shipment.reference]),
        success_message=recorded,
    )


@login_required
@require_http_methods(["GET", "POST"])
def events_import(request):
    """The carrier's CSV: a small file is imported here and now; a large one goes to the worker,
    and the answer is the task's page, which follows the import."""
    try:
        events_import_permitted(request.user)
    except PermissionDenied as refusal:
        if request.method == "POST":  # an attempt to import: audited as the service would
            audit_refusal(
                actor=request.user,
                action=services.shipment_events_import.audit_action,
                error=refusal,
            )
        return forbidden(request, refusal.detail)
    form = ImportForm(request.POST or None, request.FILES or None, refused=upload_refusal(request))
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            form.add_error("file", _("The file is not UTF-8 text; save it as CSV (UTF-8)."))
        else:
            try:
                result = tasks.shipment_events_import_submit(
                    actor=acting(request), text=text, filename=upload.name
                )
            except AccordError as exc:
                _import_errors(form, exc)
            else:
                if not isinstance(result, dict):
                    return success_redirect(
                        request,
                        reverse("jobs:task", args=[result.pk]),
                        _(
                            "The file is large: it is imported in the background. This page "
                            "follows the import; nothing is imported if one row is not valid."
                        ),
                    )
    context = {
        "form": form,
        "result": result,
        "background_rows": settings.ACCORD_SHIPMENT_EVENTS_BACKGROUND_ROWS,
    }
    return render(request, "transit/import.html", context)


def _import_errors(form, error: AccordError) -> None:
    """A refused import on the form: what went wrong, then each bad line's problems."""
    form.add_error(None, error.detail)
    for line, problems in (error.errors or {}).items():
        if line.startswith("line"):
            for problem in problems:
                form.add_error(
                    None,
                    _("line %(number)s: %(problem)s") % {"number": line[5:], "problem": problem},
                )
