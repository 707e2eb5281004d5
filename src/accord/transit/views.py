"""The transit pages: network, agreements and conflicts, map, route planner, flow plan,
shipments, CSV import and charts. Thin over the selectors and services."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods

from accord import access
from accord.audit.selectors import audit_history
from accord.audit.services import audit_refusal
from accord.core import selectors as core_selectors
from accord.errors import AccordError, NotFound, PermissionDenied, ValidationFailed
from accord.middleware import upload_refusal
from accord.transit import selectors, services
from accord.transit.forms import (
    SCENARIO_DAY,
    AgreementCreateForm,
    AgreementForm,
    ClosureForm,
    DemandCreateForm,
    EventForm,
    ImportForm,
    LeaseCreateForm,
    LegCreateForm,
    LegForm,
    NodeCreateForm,
    NodeForm,
    PlanForm,
    RouteForm,
    ShipmentCreateForm,
)
from accord.transit.models import (
    FlowPlan,
    Mode,
    Shipment,
    TransitAgreement,
    TransitClosure,
    TransitDemand,
    TransitLease,
    TransitLeg,
    TransitNode,
)
from accord.web import charts
from accord.web.views.common import (
    acting,
    apply_domain_error,
    change_rows,
    forbidden,
    success_redirect,
)


def _or_404(getter, **kwargs):
    try:
        return getter(**kwargs)
    except (NotFound, ValueError):
        raise Http404("No such record that you may read.") from None


def _history(actor, obj) -> list:
    entries = list(audit_history(actor=actor, obj=obj)[:100])
    problems = selectors.RouteProblems(actor)
    for entry in entries:
        changes = entry.changes
        if isinstance(changes, dict) and "route_problems" in changes:
            # A shipment's route-check messages, in its history as on its page: redacted for
            # the reader (see selectors.RouteProblems).
            changes = {
                **changes,
                "route_problems": [
                    [problems.message(str(p)) for p in side] if isinstance(side, list) else side
                    for side in changes["route_problems"]
                ],
            }
        entry.change_rows = change_rows(changes)
    return entries


def _legend():
    return [(label, selectors.MODE_COLOURS[value]) for value, label in Mode.choices]


# --- the network ---------------------------------------------------------------------------------


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
            "can_create": _may_create(actor),
        },
    )


@login_required
@require_GET
def node_detail(request, code):
    actor = request.user
    node = _or_404(selectors.node_get, actor=actor, code=code)
    legs = selectors.leg_list(actor=actor).filter(origin=node) | selectors.leg_list(
        actor=actor
    ).filter(destination=node)
    return render(
        request,
        "transit/node_detail.html",
        {
            "obj": node,
            "legs": legs,
            "history": _history(actor, node),
            "sources": node.sources.all(),
        },
    )


@login_required
@require_GET
def leg_detail(request, code):
    actor = request.user
    leg = _or_404(selectors.leg_get, actor=actor, code=code)
    return render(
        request,
        "transit/leg_detail.html",
        {
            "obj": leg,
            "leases": selectors.lease_list(actor=actor).filter(legs=leg),
            "closures": selectors.closure_list(actor=actor).filter(leg=leg),
            "history": _history(actor, leg),
            "can_change": access.can_change(actor, leg),
            "sources": leg.sources.all(),
        },
    )


def _edit(request, obj, form_class, save, detail_url: str, label: str):
    """A record's edit page: the form on a fresh copy, the service to save, a stale version
    or bad input answered as a form error."""
    actor = request.user
    try:
        access.require_change(actor, obj)
    except PermissionDenied as exc:
        return forbidden(request, exc.detail)
    form = form_class(request.POST or None, instance=type(obj).objects.get(pk=obj.pk))
    if request.method == "POST":
        try:
            version = int(request.POST.get("expected_version", ""))
        except ValueError:
            version = -1
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


@login_required
@require_http_methods(["GET", "POST"])
def leg_edit(request, code):
    leg = _or_404(selectors.leg_get, actor=request.user, code=code)
    return _edit(
        request,
        leg,
        LegForm,
        lambda actor, obj, data, version: services.leg_update(
            actor=actor, leg=obj, data=data, expected_version=version
        ),
        reverse("transit:leg-detail", args=[leg.code]),
        f"leg {leg.code}",
    )


@login_required
@require_http_methods(["GET", "POST"])
def node_edit(request, code):
    node = _or_404(selectors.node_get, actor=request.user, code=code)
    return _edit(
        request,
        node,
        NodeForm,
        lambda actor, obj, data, version: services.node_update(
            actor=actor, node=obj, data=data, expected_version=version
        ),
        reverse("transit:node-detail", args=[node.code]),
        f"node {node.name}",
    )


@login_required
@require_http_methods(["GET", "POST"])
def agreement_edit(request, code):
    agreement = _or_404(selectors.agreement_get, actor=request.user, code=code)
    return _edit(
        request,
        agreement,
        AgreementForm,
        lambda actor, obj, data, version: services.agreement_update(
            actor=actor, agreement=obj, data=data, expected_version=version
        ),
        reverse("transit:agreement-detail", args=[agreement.code]),
        f"agreement {agreement.code}",
    )


@login_required
@require_http_methods(["GET", "POST"])
def closure_create(request):
    actor = request.user
    try:
        access.require_create(actor, TransitClosure, {"marking": "NRC"})
    except PermissionDenied as exc:
        return forbidden(request, exc.detail)
    form = ClosureForm(
        request.POST or None,
        nodes=selectors.node_list(actor=actor).order_by("name"),
        legs=selectors.leg_list(actor=actor),
    )
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        kind = data["target_kind"]
        try:
            if kind == "node" and data["node"]:
                data["node"] = selectors.node_get(actor=actor, code=data["node"])
            elif kind == "leg" and data["leg"]:
                data["leg"] = selectors.leg_get(actor=actor, code=data["leg"])
            elif kind == "country" and data["country"]:
                data["country"] = core_selectors.nation_get(actor=actor, iso3=data["country"])
            data = {k: v for k, v in data.items() if v not in ("", None) or k == "end"}
            before = selectors.shipment_list(actor=actor, flagged=True).count()
            closure = services.closure_create(actor=acting(request), data=data)
        except NotFound:
            form.add_error(kind, "No such record that you may read.")
        except AccordError as exc:
            apply_domain_error(form, exc)
        else:
            flagged = selectors.shipment_list(actor=actor, flagged=True).count() - before
            message = f"Recorded closure {closure.code}; {flagged} shipment(s) flagged for review."
            return success_redirect(request, reverse("transit:agreements"), message)
    return render(request, "transit/closure_form.html", {"form": form})


def _may_create(actor) -> bool:
    """Whether the "New …" buttons show: logisticians and administrators create transit records."""
    return access.principal_of(actor).has_role("administrator", "logistician")


def _refused(request, model, marking: str):
    """The 403 page when the actor may not create such a record; None when they may."""
    try:
        access.require_create(request.user, model, {"marking": marking})
    except PermissionDenied as exc:
        return forbidden(request, exc.detail)
    return None


def _lookup(actor, action: str, field: str, getter, **kwargs):
    """A referenced record the actor may read; an unknown code is bad input on its field (the
    refused attempt audited, as the API does)."""
    try:
        return getter(actor=actor, **kwargs)
    except NotFound:
        error = ValidationFailed(
            f"{field}: no such record that you may read.",
            code="validation_failed",
            errors={field: ["No such record that you may read."]},
        )
        audit_refusal(actor=actor, action=action, error=error)
        raise error from None


def _nation(actor, action: str, field: str, iso3: str):
    return _lookup(actor, action, field, core_selectors.nation_get, iso3=iso3.strip().upper())


def _node(actor, action: str, field: str, code: str):
    return _lookup(actor, action, field, selectors.node_get, code=code)


def _create(request, form, save, label: str, cancel_url: str):
    """A record's create page: the form, the service to save (``save(actor, data)`` answers the
    page to go to and the message), bad input and domain errors shown on the form."""
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


@login_required
@require_http_methods(["GET", "POST"])
def node_create(request):
    if refused := _refused(request, TransitNode, "NRC"):
        return refused
    form = NodeCreateForm(request.POST or None)

    def save(actor, data):
        data.update(
            country=_nation(actor, "transit_node.create", "country", data["country"]), marking="NRC"
        )
        node = services.node_create(actor=actor, data=data)
        url = reverse("transit:node-detail", args=[node.code])
        return url, f"Created node {node.name}."

    return _create(request, form, save, "node", reverse("transit:network"))


@login_required
@require_http_methods(["GET", "POST"])
def leg_create(request):
    if refused := _refused(request, TransitLeg, "NRC"):
        return refused
    actor = request.user
    form = LegCreateForm(
        request.POST or None, nodes=selectors.node_list(actor=actor).order_by("name")
    )

    def save(actor, data):
        data.update(
            origin=_node(actor, "transit_leg.create", "origin", data["origin"]),
            destination=_node(actor, "transit_leg.create", "destination", data["destination"]),
            marking="NRC",
        )
        leg = services.leg_create(actor=actor, data=data)
        return reverse("transit:leg-detail", args=[leg.code]), f"Created leg {leg.code}."

    return _create(request, form, save, "leg", reverse("transit:network"))


@login_required
@require_http_methods(["GET", "POST"])
def agreement_create(request):
    if refused := _refused(request, TransitAgreement, "NRC"):
        return refused
    form = AgreementCreateForm(request.POST or None)

    def save(actor, data):
        data.update(
            country=_nation(actor, "transit_agreement.create", "country", data["country"]),
            legal_basis=_lookup(
                actor,
                "transit_agreement.create",
                "legal_basis",
                selectors.legal_basis_get,
                code=data["legal_basis"],
            ),
        )
        row = services.agreement_create(actor=actor, data=data)
        url = reverse("transit:agreement-detail", args=[row.code])
        return url, f"Created agreement {row.code}."

    return _create(request, form, save, "agreement", reverse("transit:agreements"))


@login_required
@require_http_methods(["GET", "POST"])
def lease_create(request):
    if refused := _refused(request, TransitLease, "NATO"):
        return refused
    form = LeaseCreateForm(request.POST or None, legs=selectors.leg_list(actor=request.user))

    def save(actor, data):
        action, participant = "transit_lease.create", data["participant"]
        data.update(
            participant=_nation(actor, action, "participant", participant) if participant else None,
            legs=[_lookup(actor, action, "legs", selectors.leg_get, code=c) for c in data["legs"]],
        )
        lease = services.lease_create(actor=actor, data=data)
        return reverse("transit:agreements"), f"Created lease {lease.code}."

    return _create(request, form, save, "lease", reverse("transit:agreements"))


@login_required
@require_http_methods(["GET", "POST"])
def demand_create(request):
    if refused := _refused(request, TransitDemand, "NATO"):
        return refused
    nodes = selectors.node_list(actor=request.user).order_by("name")
    form = DemandCreateForm(request.POST or None, nodes=nodes)

    def save(actor, data):
        data.update(
            origin=_node(actor, "transit_demand.create", "origin", data["origin"]),
            destination=_node(actor, "transit_demand.create", "destination", data["destination"]),
        )
        demand = services.demand_create(actor=actor, data=data)
        url = f"{reverse('transit:plans')}?month={demand.month:%Y-%m}"
        return url, f"Added demand {demand.code} to {demand.month:%Y-%m}."

    return _create(request, form, save, "demand", reverse("transit:plans"))


@login_required
@require_http_methods(["GET", "POST"])
def shipment_create(request):
    if refused := _refused(request, Shipment, "NATO"):
        return refused
    nodes = selectors.node_list(actor=request.user).order_by("name")
    form = ShipmentCreateForm(request.POST or None, nodes=nodes)

    def save(actor, data):
        data.update(
            origin=_node(actor, "shipment.create", "origin", data["origin"]),
            destination=_node(actor, "shipment.create", "destination", data["destination"]),
        )
        shipment = services.shipment_create(actor=actor, data=data)
        url = reverse("transit:shipment-detail", args=[shipment.reference])
        verdict = "" if shipment.route_ok else " Its route has problems: see below."
        return url, f"Recorded shipment {shipment.reference}.{verdict}"

    return _create(request, form, save, "shipment", reverse("transit:shipments"))


# --- agreements, conflicts, closures, leases -----------------------------------------------------


@login_required
@require_GET
def agreements(request):
    actor = request.user
    country = request.GET.get("country") or None
    rows = selectors.agreement_list(actor=actor, country=country)
    return render(
        request,
        "transit/agreements.html",
        {
            "agreements": rows,
            "closures": selectors.closure_list(actor=actor),
            "leases": selectors.lease_list(actor=actor),
            "conflict_count": len(selectors.conflict_report(actor=actor)),
            "can_close": _may_create(actor),
            "country": country or "",
        },
    )


@login_required
@require_GET
def agreement_detail(request, code):
    actor = request.user
    agreement = _or_404(selectors.agreement_get, actor=actor, code=code)
    return render(
        request,
        "transit/agreement_detail.html",
        {
            "obj": agreement,
            # The council's register marks its legal bases: one outside the reader's reach is
            # not named.
            "legal_basis": access.reachable(actor, agreement.legal_basis),
            "siblings": selectors.agreement_list(actor=actor, group=agreement.group),
            "history": _history(actor, agreement),
            "sources": agreement.sources.all(),
            "can_change": access.can_change(actor, agreement),
        },
    )


@login_required
@require_GET
def conflicts(request):
    return render(
        request,
        "transit/conflicts.html",
        {"conflicts": selectors.conflict_report(actor=request.user)},
    )


# --- the map -------------------------------------------------------------------------------------


@login_required
@require_GET
def network_map(request):
    plan = selectors.plan_latest(actor=request.user)
    plan_id = request.GET.get("plan")
    if plan_id:
        plan = _or_404(
            selectors.plan_get, actor=request.user, pk=int(plan_id) if plan_id.isdigit() else -1
        )
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
        {"plan": plan, "data_url": data_url, "legend": _legend(), "route": route},
    )


@login_required
@require_GET
def map_data(request):
    plan = None
    if request.GET.get("plan", "").isdigit():
        plan = _or_404(selectors.plan_get, actor=request.user, pk=int(request.GET["plan"]))
    route = [c for c in request.GET.get("route", "").split(",") if c]
    return JsonResponse(selectors.network_geojson(actor=request.user, plan=plan, route=route))


# --- the route planner ---------------------------------------------------------------------------


@login_required
@require_GET
def routes(request):
    actor = request.user
    nodes = list(selectors.node_list(actor=actor).order_by("name"))
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
    names = {n.code: n.name for n in nodes}
    return render(
        request,
        "transit/routes.html",
        {"form": form, "answer": answer, "error": error, "names": names},
    )


# --- the flow plan -------------------------------------------------------------------------------


@login_required
@require_http_methods(["GET", "POST"])
def plans(request):
    actor = request.user
    can_plan = True
    try:
        access.require_create(actor, FlowPlan, {"marking": "NATO"})
    except PermissionDenied:
        can_plan = False
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
    plan = _or_404(selectors.plan_get, actor=actor, pk=pk)
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


# --- shipments -----------------------------------------------------------------------------------


@login_required
@require_GET
def shipments(request):
    status = request.GET.get("status") or None
    flagged = {"1": True, "0": False}.get(request.GET.get("flagged", ""))
    rows = selectors.shipment_list(actor=request.user, status=status, flagged=flagged)
    return render(
        request,
        "transit/shipments.html",
        {"shipments": rows, "can_create": _may_create(request.user)},
    )


def _shipment_page(request, shipment, event_form=None, status=200):
    actor = request.user
    nodes = [shipment.origin, shipment.destination]
    # What the shipment only mentions (its joint action, its current place, the legs of its
    # route) is named only as far as the reader may read it; the selectors decide.
    route = selectors.shipment_route(actor=actor, shipment=shipment)
    return render(
        request,
        "transit/shipment_detail.html",
        {
            "obj": shipment,
            "joint_action": selectors.shipment_joint_action(actor=actor, shipment=shipment),
            "current_node": access.shown(shipment, "current_node"),
            "route": route,
            "problems": selectors.shipment_problems(actor=actor, shipment=shipment),
            "events": selectors.shipment_events(actor=actor, shipment=shipment),
            "history": _history(actor, shipment),
            "map_url": reverse("transit:map") + "?route=" + ",".join(route),
            "can_change": access.can_change(actor, shipment),
            "event_form": event_form
            or EventForm(
                nodes=selectors.node_list(actor=actor).filter(
                    code__in=_route_nodes(actor, shipment)
                )
            ),
            "nodes": nodes,
        },
        status=status,
    )


def _route_nodes(actor, shipment) -> set[str]:
    """The codes of the places on a shipment's route, from the legs the reader may read."""
    codes = {shipment.origin.code, shipment.destination.code}
    for leg in selectors.leg_list(actor=actor).filter(
        code__in=[c.removesuffix("/r") for c in shipment.route]
    ):
        codes |= {leg.origin.code, leg.destination.code}
    return codes


@login_required
@require_GET
def shipment_detail(request, reference):
    shipment = _or_404(selectors.shipment_get, actor=request.user, reference=reference)
    return _shipment_page(request, shipment)


@login_required
@require_http_methods(["POST"])
def shipment_event(request, reference):
    actor = request.user
    shipment = _or_404(selectors.shipment_get, actor=actor, reference=reference)
    try:
        access.require_change(actor, shipment)
    except PermissionDenied as exc:
        return forbidden(request, exc.detail)
    nodes = selectors.node_list(actor=actor).filter(code__in=_route_nodes(actor, shipment))
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
            return success_redirect(request, url, "Recorded the event; the ETA is recomputed.")
    return _shipment_page(request, shipment, event_form=form)


@login_required
@require_http_methods(["POST"])
def shipment_acknowledge(request, reference):
    actor = request.user
    shipment = _or_404(selectors.shipment_get, actor=actor, reference=reference)
    try:
        access.require_change(actor, shipment)
    except PermissionDenied as exc:
        return forbidden(request, exc.detail)
    try:
        version = int(request.POST.get("expected_version", ""))
    except ValueError:
        version = -1
    try:
        services.shipment_acknowledge(
            actor=acting(request), shipment=shipment, expected_version=version
        )
    except AccordError as exc:
        messages.error(request, exc.detail)
    else:
        messages.success(request, "Flag cleared.")
    return success_redirect(request, reverse("transit:shipment-detail", args=[reference]))


@login_required
@require_http_methods(["GET", "POST"])
def events_import(request):
    actor = request.user
    may = access.principal_of(actor).has_role("administrator", "logistician")
    if not may:
        return forbidden(request, "Only logisticians import carrier status events.")
    form = ImportForm(request.POST or None, request.FILES or None, refused=upload_refusal(request))
    result = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            form.add_error("file", "The file is not UTF-8 text; save it as CSV (UTF-8).")
        else:
            try:
                result = services.shipment_events_import(
                    actor=acting(request), text=text, filename=upload.name
                )
            except AccordError as exc:
                form.add_error(None, exc.detail)
                for line, problems in (exc.errors or {}).items():
                    if line.startswith("line"):
                        for problem in problems:
                            form.add_error(None, f"{line}: {problem}")
    return render(request, "transit/import.html", {"form": form, "result": result})


# --- charts --------------------------------------------------------------------------------------


@login_required
@require_GET
def charts_page(request):
    actor = request.user
    series = selectors.throughput_by_route(actor=actor)
    throughput = [
        {
            "route": s["route"] or "(unnamed)",
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
                "note": "estimated" if row["estimated"] else "sourced",
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
