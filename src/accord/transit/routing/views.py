"""The route planner's page: a query's form and the routes found, thin over the service."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.views.decorators.http import require_GET

from accord.core.selectors import hidden_nations_of
from accord.errors import AccordError
from accord.names import local
from accord.transit.network import selectors as network_selectors
from accord.transit.routing import services
from accord.transit.routing.explain import Names, conflict_explained, explained
from accord.transit.routing.forms import RouteForm
from accord.web.pages import acting, apply_domain_error


@login_required
@require_GET
def routes(request):
    actor = request.user
    nodes = list(network_selectors.node_list(actor=actor).order_by(local("name")))
    form = RouteForm(request.GET or None, nodes=nodes)
    answer = error = None
    if request.GET and form.is_valid():
        data = form.cleaned_data
        try:
            answer = services.route_query(
                actor=acting(request),
                origin=data["origin"],
                destination=data["destination"],
                cargo_class=data["cargo_class"],
                direction=data["direction"],
                on_date=data["on_date"],
                latest_arrival=data["latest_arrival"],
                avoid_countries=RouteForm.codes(data["avoid_countries"]),
                modes=tuple(data["modes"]) or None,
                shipper=RouteForm.codes(data["shipper"]),
                teu=data["teu"],
                k=data["k"],
            )
        except AccordError as exc:
            error = exc
            apply_domain_error(form, exc)
    names = Names.read_by(actor)
    hidden = hidden_nations_of(request)
    blocked = [
        {"candidate": b, "reasons": [explained(r, names, hidden) for r in b.reasons]}
        for b in (answer.blocked if answer else ())
    ]
    conflicts = [conflict_explained(c, names) for c in (answer.conflicts if answer else ())]
    return render(
        request,
        "transit/routes.html",
        {
            "form": form,
            "answer": answer,
            "error": error,
            "names": names,
            "blocked": blocked,
            "conflicts": conflicts,
        },
    )
