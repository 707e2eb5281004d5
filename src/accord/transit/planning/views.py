"""The planning pages: the month's flow plan (solve it, list the plans), a plan's page, and the
create pages of demands and leases. Thin over the selectors and services."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from accord.names import local
from accord.transit.models import FlowPlan, PeriodPlan, TransitDemand, TransitLease
from accord.transit.network import selectors as network_selectors
from accord.transit.pages import create_page, export, export_format, may_create, refused
from accord.transit.planning import selectors, services, tasks
from accord.transit.planning.explain import cap_unit_label, status_label, unmet_reason
from accord.transit.planning.forms import (
    DemandCreateForm,
    LeaseCreateForm,
    PeriodPlanForm,
    PlanForm,
)
from accord.transit.planning.inputs import DemandValues, LeaseValues
from accord.transit.routing.explain import Names
from accord.web.pages import forbidden, form_page, record_or_404


@login_required
@require_http_methods(["GET", "POST"])
def plans(request):
    actor = request.user
    can_plan = may_create(actor, FlowPlan)
    fmt = export_format(request) if request.method == "GET" else None
    if fmt:
        return _plans_export(request, fmt)
    if request.method == "POST":
        if not can_plan:
            return forbidden(request, _("Only logisticians run the flow plan."))
        form = PlanForm(request.POST)
    else:
        form = PlanForm(initial={"month": request.GET.get("month", "2013-06")})
    return form_page(
        request,
        form=form,
        run=lambda actor, data: tasks.flow_plan_request(
            actor=actor, month=data["month"], days_weight=data.get("days_weight") or 0.0
        ),
        template="transit/plans.html",
        # The solve runs in the background: the task's page follows it and links to the plan.
        success_url=lambda record: reverse("jobs:task", args=[record.pk]),
        success_message=lambda record: (
            _("The plan for %(month)s is being solved.") % {"month": record.subject}
        ),
        context={"plans": selectors.plan_list(actor=actor)[:50], "can_plan": can_plan},
    )


def _plans_export(request, fmt):
    return export(
        fmt,
        "transit-plans",
        (
            (_("Plan"), lambda p: p.pk),
            (_("Month"), lambda p: p.month),
            (_("Solved"), lambda p: p.created_at),
            (_("By"), lambda p: p.created_by),
            (_("Status"), lambda p: p.get_status_display()),
            (_("Cost (USD)"), lambda p: float(p.cost)),
            (_("Demand TEU"), lambda p: p.demand_teu),
            (_("Unmet TEU"), lambda p: p.unmet_teu),
        ),
        selectors.plan_list(actor=request.user),
    )


@login_required
@require_GET
def plan_detail(request, pk):
    actor = request.user
    plan = record_or_404(selectors.plan_get, actor=actor, pk=pk)
    # The stored codes as this reader may read them (see selectors.plan_shown).
    shown = selectors.plan_shown(actor=actor, plan=plan)
    result = shown["result"]
    arc_use = sorted(result.get("arc_use", []), key=lambda u: -u["share"])
    for use in arc_use:
        use["percent"] = round(100 * use["share"])
    demands = {d["code"]: d for d in shown["inputs"].get("demands", [])}
    names = Names.read_by(actor)
    # A demand by its two places (its code stays beside it, as secondary text).
    demand_paths = {
        code: names.path([d.get("origin", ""), d.get("destination", "")])
        for code, d in demands.items()
    }
    unmet = [
        {**u, "reason": unmet_reason(u.get("reason", ""), names)} for u in result.get("unmet", [])
    ]
    cap_use = [{**c, "unit": cap_unit_label(c.get("unit", ""))} for c in result.get("cap_use", [])]
    allocations = result.get("allocations", [])
    fmt = export_format(request)
    if fmt:
        return _movements_export(fmt, plan, allocations, demands, names)
    return render(
        request,
        "transit/plan_detail.html",
        {
            "plan": plan,
            "allocations": allocations,
            "printing": request.GET.get("view") == "print",
            "unmet": unmet,
            "arc_use": arc_use,
            "bottlenecks": [u for u in arc_use if u["bottleneck"]],
            "valued": sorted(
                [u for u in arc_use if u["value_per_teu"]], key=lambda u: -u["value_per_teu"]
            ),
            "lease_use": result.get("lease_use", []),
            "node_use": [
                {**u, "percent": round(100 * u["share"])} for u in result.get("node_use", [])
            ],
            "cap_use": cap_use,
            "demands": demands,
            "demand_paths": demand_paths,
            "names": names,
            "status": status_label(plan.status),
            "map_url": reverse("transit:map") + f"?plan={plan.pk}",
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def demand_create(request):
    if refusal := refused(request, TransitDemand):
        return refusal
    nodes = network_selectors.node_list(actor=request.user).order_by(local("name"))
    return create_page(
        request,
        DemandCreateForm(request.POST or None, nodes=nodes),
        lambda actor, data: services.demand_create(actor=actor, values=DemandValues(**data)),
        label="demand",
        cancel_url=reverse("transit:plans"),
        success_url=lambda demand: f"{reverse('transit:plans')}?month={demand.month:%Y-%m}",
        success_message=lambda demand: (
            _("Added demand %(code)s to %(month)s.")
            % {"code": demand.code, "month": f"{demand.month:%Y-%m}"}
        ),
    )


@login_required
@require_http_methods(["GET", "POST"])
def lease_create(request):
    if refusal := refused(request, TransitLease):
        return refusal
    legs = network_selectors.leg_list(actor=request.user)
    return create_page(
        request,
        LeaseCreateForm(request.POST or None, legs=legs),
        lambda actor, data: services.lease_create(actor=actor, values=LeaseValues(**data)),
        label="lease",
        cancel_url=reverse("transit:agreements"),
        success_url=reverse("transit:agreements"),
        success_message=lambda lease: _("Created lease %(code)s.") % {"code": lease.code},
    )


def _movements_export(fmt, plan, allocations, demands, names):
    """The plan's movement table (its allocations, as the reader may read them) as a file."""

    def place(code):
        return names.node(code) if code else ""

    return export(
        fmt,
        f"transit-plan-{plan.month:%Y-%m}-movements",
        (
            (_("Demand"), lambda a: a.get("demand", "")),
            (_("From"), lambda a: place(demands.get(a.get("demand"), {}).get("origin"))),
            (_("To"), lambda a: place(demands.get(a.get("demand"), {}).get("destination"))),
            (_("Cargo"), lambda a: demands.get(a.get("demand"), {}).get("cargo_class", "")),
            (_("Route"), lambda a: names.path(a.get("nodes", []))),
            (_("Legs"), lambda a: ", ".join(a.get("arcs", []))),
            (_("TEU"), lambda a: a.get("teu")),
            (_("Cost (USD)"), lambda a: a.get("cost")),
            (_("Days"), lambda a: a.get("days")),
            (
                _("Leased"),
                lambda a: ", ".join(f"{arc}: {lease}" for arc, lease in a.get("lease_arcs", [])),
            ),
        ),
        allocations,
    )


@login_required
@require_http_methods(["GET", "POST"])
def period_plans(request):
    """Plans over several months: ask for one (logisticians; solved in the background, the
    page goes to the task's page, which links to the plan when done) and the stored ones."""
    actor = request.user
    can_plan = may_create(actor, PeriodPlan)
    if request.method == "POST":
        if not can_plan:
            return forbidden(request, _("Only logisticians run the flow plan."))
        form = PeriodPlanForm(request.POST)
    else:
        form = PeriodPlanForm()
    return form_page(
        request,
        form=form,
        run=lambda actor, data: tasks.period_plan_request(
            actor=actor,
            first_month=data["first_month"],
            months=data["months"],
            holding_cost_per_teu_month=float(data["holding_cost"]),
            capacities=data["capacities"],
        ),
        template="transit/period_plans.html",
        success_url=lambda record: reverse("jobs:task", args=[record.pk]),
        success_message=lambda record: (
            _("The plan over several months (%(months)s) is being solved.")
            % {"months": record.subject}
        ),
        context={"plans": selectors.period_plan_list(actor=actor)[:50], "can_plan": can_plan},
    )


@login_required
@require_GET
def period_plan_detail(request, pk):
    actor = request.user
    plan = record_or_404(selectors.period_plan_get, actor=actor, pk=pk)
    shown = selectors.period_plan_shown(actor=actor, plan=plan)
    return render(
        request,
        "transit/period_plan_detail.html",
        {
            "plan": plan,
            **shown,
            "names": Names.read_by(actor),
            "status": status_label(plan.status),
            "total_cost": plan.transport_cost + plan.holding_cost,
        },
    )
