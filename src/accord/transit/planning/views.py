"""The planning pages: the month's flow plan (solve it, list the plans), a plan's page, and the
create pages of demands and leases. Thin over the selectors and services."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from accord.errors import AccordError
from accord.transit.models import FlowPlan, TransitDemand, TransitLease
from accord.transit.network import selectors as network_selectors
from accord.transit.pages import create_page, may_create, or_404, refused
from accord.transit.planning import selectors, services
from accord.transit.planning.forms import DemandCreateForm, LeaseCreateForm, PlanForm
from accord.web.pages import acting, apply_domain_error, forbidden, success_redirect


@login_required
@require_http_methods(["GET", "POST"])
def plans(request):
    actor = request.user
    can_plan = may_create(actor, FlowPlan)
    if request.method == "POST":
        if not can_plan:
            return forbidden(request, "Only logisticians run the flow plan.")
        form = PlanForm(request.POST)
        if form.is_valid():
            try:
                plan = services.flow_plan_solve(
                    actor=acting(request),
                    month=form.cleaned_data["month"],
                    days_weight=form.cleaned_data.get("days_weight") or 0.0,
                )
            except AccordError as exc:
                apply_domain_error(form, exc)
            else:
                url = reverse("transit:plan-detail", args=[plan.pk])
                return success_redirect(request, url, f"Solved the plan for {plan.month:%Y-%m}.")
    else:
        form = PlanForm(initial={"month": request.GET.get("month", "2013-06")})
    return render(
        request,
        "transit/plans.html",
        {"form": form, "plans": selectors.plan_list(actor=actor)[:50], "can_plan": can_plan},
    )


@login_required
@require_GET
def plan_detail(request, pk):
    actor = request.user
    plan = or_404(selectors.plan_get, actor=actor, pk=pk)
    # The stored codes as this reader may read them (see selectors.plan_shown).
    shown = selectors.plan_shown(actor=actor, plan=plan)
    result = shown["result"]
    arc_use = sorted(result.get("arc_use", []), key=lambda u: -u["share"])
    for use in arc_use:
        use["percent"] = round(100 * use["share"])
    demands = {d["code"]: d for d in shown["inputs"].get("demands", [])}
    return render(
        request,
        "transit/plan_detail.html",
        {
            "plan": plan,
            "allocations": result.get("allocations", []),
            "unmet": result.get("unmet", []),
            "arc_use": arc_use,
            "bottlenecks": [u for u in arc_use if u["bottleneck"]],
            "valued": sorted(
                [u for u in arc_use if u["value_per_teu"]], key=lambda u: -u["value_per_teu"]
            ),
            "lease_use": result.get("lease_use", []),
            "cap_use": result.get("cap_use", []),
            "demands": demands,
            "map_url": reverse("transit:map") + f"?plan={plan.pk}",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def demand_create(request):
    if refusal := refused(request, TransitDemand):
        return refusal
    nodes = network_selectors.node_list(actor=request.user).order_by("name")
    form = DemandCreateForm(request.POST or None, nodes=nodes)

    def save(actor, data):
        demand = services.demand_create(actor=actor, data=data)
        url = f"{reverse('transit:plans')}?month={demand.month:%Y-%m}"
        return url, f"Added demand {demand.code} to {demand.month:%Y-%m}."

    return create_page(request, form, save, "demand", reverse("transit:plans"))


@login_required
@require_http_methods(["GET", "POST"])
def lease_create(request):
    if refusal := refused(request, TransitLease):
        return refusal
    legs = network_selectors.leg_list(actor=request.user)
    form = LeaseCreateForm(request.POST or None, legs=legs)

    def save(actor, data):
        lease = services.lease_create(actor=actor, data=data)
        return reverse("transit:agreements"), f"Created lease {lease.code}."

    return create_page(request, form, save, "lease", reverse("transit:agreements"))
