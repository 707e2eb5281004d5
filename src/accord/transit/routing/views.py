"""The route planner's page: a query's form and the routes found, thin over the service."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accord.core.selectors import hidden_nations_of, nation_codes_shown
from accord.errors import AccordError
from accord.names import local
from accord.transit.network import selectors as network_selectors
from accord.transit.pages import export, export_format
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
    fmt = export_format(request)
    if fmt and answer is not None:
        return _routes_export(fmt, answer, names, hidden)
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


def _routes_export(fmt, answer, names, hidden):
    """The routes found (the Pareto set, then the cheapest and the fastest alternatives) as a
    file, with whose agreements each rests on."""
    sets = (
        (_("Best by cost and time"), answer.pareto),
        (_("Cheapest alternatives"), answer.routes_by_cost),
        (_("Fastest alternatives"), answer.routes_by_time),
    )
    rows = [(label, n, route) for label, routes in sets for n, route in enumerate(routes, 1)]

    def shown(codes):
        return ", ".join(nation_codes_shown(codes, hidden))

    return export(
        fmt,
        "transit-routes",
        (
            (_("Set"), lambda row: str(row[0])),
            ("#", lambda row: row[1]),
            (_("Path"), lambda row: names.path(row[2].nodes)),
            (_("Legs"), lambda row: ", ".join(row[2].arcs)),
            (_("Modes"), lambda row: ", ".join(row[2].modes)),
            (_("Cost (USD)"), lambda row: row[2].cost),
            (_("Days"), lambda row: row[2].days),
            (_("km"), lambda row: row[2].distance_km),
            (_("Countries"), lambda row: shown(row[2].countries)),
            (
                _("Agreements"),
                lambda row: "; ".join(
                    f"{code} ({shown([country])})" for code, country, _who in row[2].rests_on
                ),
            ),
            (_("Rests on the agreements of"), lambda row: shown(row[2].nations)),
            (_("Planned for"), lambda row: shown(answer.query.shipper)),
            (_("Estimated"), lambda row: row[2].estimated),
        ),
        rows,
    )
