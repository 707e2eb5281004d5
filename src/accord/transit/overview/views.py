"""The map and the charts pages: the network with a plan's utilisation and the shipments on the
road, the throughput per route and the price of each leg. Thin over the selectors."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from accord.transit.form_base import SCENARIO_DAY
from accord.transit.network.selectors import mode_legend
from accord.transit.overview import selectors
from accord.transit.planning import selectors as planning_selectors
from accord.web import charts
from accord.web.pages import record_or_404


@login_required
@require_GET
def network_map(request):
    plan_id = request.GET.get("plan")
    if plan_id:
        plan = record_or_404(
            planning_selectors.plan_named,
            actor=request.user,
            pk=int(plan_id) if plan_id.isdigit() else -1,
        )
    else:
        plan = planning_selectors.plan_named(actor=request.user)
    route = request.GET.get("route", "")
    data_url = reverse("transit:map-data")
    params = []
    if plan is not None:
        params.append(f"plan={plan.pk}")
    if route:
        params.append(f"route={route}")
    if params:
        data_url += "?" + "&".join(params)
    return render(
        request,
        "transit/map.html",
        {"plan": plan, "data_url": data_url, "legend": mode_legend(), "route": route},
    )


@login_required
@require_GET
def map_data(request):
    plan = None
    if request.GET.get("plan", "").isdigit():
        plan = record_or_404(
            planning_selectors.plan_get, actor=request.user, pk=int(request.GET["plan"])
        )
    route = [c for c in request.GET.get("route", "").split(",") if c]
    return JsonResponse(selectors.network_geojson(actor=request.user, plan=plan, route=route))


@login_required
@require_GET
def charts_page(request):
    actor = request.user
    series = selectors.throughput_by_route(actor=actor)
    throughput = [
        {
            "route": s["route"] or _("(unnamed)"),
            "chart": charts.line_chart([(month, teu, False) for month, teu in s["points"]]),
        }
        for s in series
    ]
    costs = selectors.cost_per_teu_by_leg(actor=actor)
    cost_chart = charts.hbar_chart(
        [
            {
                "label": row["label"],
                "value": row["value"],
                "note": _("estimated") if row["estimated"] else _("sourced"),
                "url": reverse("transit:leg-detail", args=[row["code"]]),
            }
            for row in costs
        ],
        label_width=190,
    )
    return render(
        request,
        "transit/charts.html",
        {"throughput": throughput, "cost_chart": cost_chart, "scenario_day": SCENARIO_DAY},
    )
