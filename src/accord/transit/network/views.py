"""The network's pages: the list of legs and places, a node's and a leg's page, their edit and
create pages. Thin over the selectors and services."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accord import access
from accord.names import local
from accord.transit.agreements import selectors as agreements_selectors
from accord.transit.models import Mode, TransitLeg, TransitNode
from accord.transit.network import selectors, services
from accord.transit.network.forms import LegCreateForm, LegForm, NodeCreateForm, NodeForm
from accord.transit.network.inputs import LegValues, NodeValues
from accord.transit.pages import create_page, edit_page, history, may_create, refused
from accord.transit.planning import selectors as planning_selectors
from accord.web.pages import record_or_404


@login_required
@require_GET
def network(request):
    actor = request.user
    mode = request.GET.get("mode") or None
    legs = selectors.leg_list(actor=actor, mode=mode if mode in Mode.values else None)
    changeable = set(access.changeable(legs, actor).values_list("pk", flat=True))
    return render(
        request,
        "transit/network.html",
        {
            "legs": legs,
            "nodes": selectors.node_list(actor=actor),
            "changeable": changeable,
            "modes": Mode.choices,
            "mode": mode,
            "colours": selectors.MODE_COLOURS,
            "can_create": may_create(actor, TransitLeg),
        },
    )


@login_required
@require_GET
def node_detail(request, code):
    actor = request.user
    node = record_or_404(selectors.node_get, actor=actor, code=code)
    return render(
        request,
        "transit/node_detail.html",
        {
            "obj": node,
            "legs": selectors.legs_at(actor=actor, node=node),
            "history": history(actor, node),
            "sources": node.sources.all(),
        },
    )


@login_required
@require_GET
def leg_detail(request, code):
    actor = request.user
    leg = record_or_404(selectors.leg_get, actor=actor, code=code)
    return render(
        request,
        "transit/leg_detail.html",
        {
            "obj": leg,
            "leases": planning_selectors.lease_list(actor=actor).filter(legs=leg),
            "closures": agreements_selectors.closure_list(actor=actor).filter(leg=leg),
            "history": history(actor, leg),
            "can_change": access.may(actor, "change", TransitLeg, leg),
            "sources": leg.sources.all(),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def leg_edit(request, code):
    leg = record_or_404(selectors.leg_get, actor=request.user, code=code)
    return edit_page(
        request,
        leg,
        LegForm,
        lambda actor, obj, data, version: services.leg_update(
            actor=actor, leg=obj, values=LegValues(**data), expected_version=version
        ),
        reverse("transit:leg-detail", args=[leg.code]),
        "leg",
    )


@login_required
@require_http_methods(["GET", "POST"])
def node_edit(request, code):
    node = record_or_404(selectors.node_get, actor=request.user, code=code)
    return edit_page(
        request,
        node,
        NodeForm,
        lambda actor, obj, data, version: services.node_update(
            actor=actor, node=obj, values=NodeValues(**data), expected_version=version
        ),
        reverse("transit:node-detail", args=[node.code]),
        "node",
    )


@login_required
@require_http_methods(["GET", "POST"])
def node_create(request):
    if refusal := refused(request, TransitNode):
        return refusal
    return create_page(
        request,
        NodeCreateForm(request.POST or None),
        lambda actor, data: services.node_create(actor=actor, values=NodeValues(**data)),
        label="node",
        cancel_url=reverse("transit:network"),
        success_url=lambda node: reverse("transit:node-detail", args=[node.code]),
        success_message=lambda node: _("Created node %(name)s.") % {"name": node.local_name},
    )


@login_required
@require_http_methods(["GET", "POST"])
def leg_create(request):
    if refusal := refused(request, TransitLeg):
        return refusal
    nodes = selectors.node_list(actor=request.user).order_by(local("name"))
    return create_page(
        request,
        LegCreateForm(request.POST or None, nodes=nodes),
        lambda actor, data: services.leg_create(actor=actor, values=LegValues(**data)),
        label="leg",
        cancel_url=reverse("transit:network"),
        success_url=lambda leg: reverse("transit:leg-detail", args=[leg.code]),
        success_message=lambda leg: _("Created leg %(code)s.") % {"code": leg.code},
    )
