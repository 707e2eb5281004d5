"""Every read of the transit records users see, through the access policy; the engine's inputs.

The route planner and the flow plan see the network *as the actor may read it*: a Russian
delegate's planner knows no NATO-marked agreement, so the pages, the API and the map agree.

A record is only as visible as the places it joins. A leg joins two nodes: a PUBLIC leg whose
end the reader may not see is left out of the reader's network entirely (its list, its page, the
map, the charts and the route planner), as if it did not exist, rather than shown with one end
blank: a leg with a missing end is no route at all, its geometry and its name would place the
hidden node anyway, and a reader must never be routed through a place they cannot see. The same
holds for what names a place or a leg as its subject: a demand from or to a hidden node, a
closure of a hidden node or leg, a shipment from or to a hidden node. What only mentions a place
in passing keeps its row and loses the mention: a lease's legs are cut to those the reader sees,
a shipment's current place and an event's place are not named (``<field>_shown``), the planned
route lists only the legs the reader sees, and the joint action a shipment serves is named only
when the council's selectors give it to the reader.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from itertools import product

from django.db.models import BooleanField, Case, Prefetch, Q, QuerySet, Value, When

from accord import access
from accord.core import selectors as core_selectors
from accord.core.models import Nation
from accord.errors import NotFound, ValidationFailed
from accord.transit.engine.agreements import agreement_conflicts
from accord.transit.engine.model import (
    Agreement,
    Cap,
    Closure,
    Lease,
    Leg,
    Network,
    Node,
    TransitInputError,
)
from accord.transit.models import (
    FlowPlan,
    Shipment,
    TransitAgreement,
    TransitClosure,
    TransitDemand,
    TransitLease,
    TransitLeg,
    TransitNode,
)

MODE_COLOURS = {
    "rail": "#b5453a",
    "road": "#c98b1c",
    "sea": "#2a6fb0",
    "ferry": "#3f9fb5",
    "air": "#6b4fa8",
}


def engine_error(exc: TransitInputError) -> ValidationFailed:
    """The engine's bad-input error as the API and the pages answer it (422, stable code)."""
    return ValidationFailed(
        exc.message, code=exc.code, errors={exc.field or "__all__": [exc.message]}
    )


def _get(queryset: QuerySet, actor, what: str, **lookup):
    obj = access.visible(queryset, actor).filter(**lookup).first()
    if obj is None:
        raise NotFound(f"No {what} {next(iter(lookup.values()))!r} that you may read.")
    return obj


# --- lists and records -------------------------------------------------------------------------


def _node_q(actor, prefix: str = "") -> Q:
    """The places at ``prefix`` the actor may read: the place and the nation it lies in.

    Nations are marked records too. A place names its country (its page, the map's tooltip, the
    planner's permits through it), so a place in a nation the reader may not read is no place on
    the reader's network, exactly like a place marked beyond the reader's reach.
    """
    return access.visible_q(actor, prefix) & access.visible_q(actor, f"{prefix}country__")


def _leg_q(actor, prefix: str = "") -> Q:
    """The legs at ``prefix`` the actor may read: the leg itself and both of its ends."""
    return (
        access.visible_q(actor, prefix)
        & _node_q(actor, f"{prefix}origin__")
        & _node_q(actor, f"{prefix}destination__")
    )


def _ends_q(actor) -> Q:
    """Records (demands, shipments) whose origin and destination the actor may read."""
    return _node_q(actor, "origin__") & _node_q(actor, "destination__")


def _node_flag(actor, prefix: str):
    """``visible_flag`` for a place mentioned in passing: the place and its nation."""
    if access.principal_of(actor).is_administrator:
        return access.visible_flag(actor, prefix)
    return Case(
        When(_node_q(actor, prefix), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )


def _legs(actor) -> QuerySet:
    return TransitLeg.objects.select_related("origin", "destination").filter(_leg_q(actor))


def _nodes(actor) -> QuerySet:
    return TransitNode.objects.select_related("country").filter(_node_q(actor))


def node_list(*, actor) -> QuerySet:
    return access.visible(_nodes(actor), actor)


def node_get(*, actor, code: str) -> TransitNode:
    return _get(_nodes(actor), actor, "transit node", code=code)


def leg_list(*, actor, mode: str | None = None) -> QuerySet:
    """The legs the actor may read, both ends included (see the module's note)."""
    qs = _legs(actor)
    return qs.filter(mode=mode) if mode else qs


def leg_get(*, actor, code: str) -> TransitLeg:
    """A leg the actor may read with both its ends; any other answers as a missing one."""
    return _get(_legs(actor), actor, "transit leg", code=code)


def agreement_list(*, actor, country: str | None = None, group: str | None = None) -> QuerySet:
    # ``legal_basis_shown``: whether the reader may see the council's legal basis it names.
    qs = access.visible(
        _agreements(actor).annotate(legal_basis_shown=access.visible_flag(actor, "legal_basis__")),
        actor,
    )
    if country:
        qs = qs.filter(country__iso3=country.upper())
    if group:
        qs = qs.filter(group=group)
    return qs


def _agreements(actor) -> QuerySet:
    # An agreement is one country's permit: the country is its subject, so an agreement of a
    # nation the reader may not read is left out (as a closure of a hidden place is).
    return TransitAgreement.objects.select_related("country", "legal_basis").filter(
        access.visible_q(actor, "country__")
    )


def agreement_get(*, actor, code: str) -> TransitAgreement:
    return _get(_agreements(actor), actor, "transit agreement", code=code)


def _closures(actor) -> QuerySet:
    # A closure is about its target: closing a node or a leg the reader may not see would
    # reveal it (its code, its dates, the reason), so such a closure is left out, as in the
    # planner's network.
    target = (
        (Q(target_kind="country") & access.visible_q(actor, "country__"))
        | (Q(target_kind="node") & _node_q(actor, "node__"))
        | (Q(target_kind="leg") & _leg_q(actor, "leg__"))
    )
    return TransitClosure.objects.select_related(
        "node", "leg", "country", "leg__origin", "leg__destination"
    ).filter(target)


def closure_list(*, actor) -> QuerySet:
    return access.visible(_closures(actor), actor)


def closure_get(*, actor, code: str) -> TransitClosure:
    return _get(_closures(actor), actor, "transit closure", code=code)


def _leases(actor) -> QuerySet:
    # A lease is a contract of its own: it stays, its legs cut to those the reader may read
    # (``shown_legs``); ``lease.legs`` itself stays whole for the services that write it.
    return TransitLease.objects.select_related("participant").prefetch_related(
        Prefetch("legs", queryset=leg_list(actor=actor), to_attr="shown_legs")
    )


def lease_list(*, actor) -> QuerySet:
    return access.visible(_leases(actor), actor)


def lease_get(*, actor, code: str) -> TransitLease:
    return _get(_leases(actor), actor, "transit lease", code=code)


def demand_list(*, actor, month: dt.date | None = None) -> QuerySet:
    """The demands the actor may read from and to places the actor may read: cargo to move
    from or to a hidden place is no demand on the reader's network."""
    qs = access.visible(
        TransitDemand.objects.select_related("origin", "destination").filter(_ends_q(actor)), actor
    )
    return qs.filter(month=month) if month else qs


def _shipments(actor) -> QuerySet:
    # A shipment moves from its origin to its destination: one from or to a hidden place is
    # left out. Its current place and its joint action are only mentioned, so they are flagged
    # (``current_node_shown``; the joint action through ``shipment_joint_action``).
    return (
        Shipment.objects.select_related("origin", "destination", "current_node")
        .filter(_ends_q(actor))
        .annotate(current_node_shown=_node_flag(actor, "current_node__"))
    )


def shipment_list(*, actor, status: str | None = None, flagged: bool | None = None) -> QuerySet:
    qs = access.visible(_shipments(actor), actor)
    if status:
        qs = qs.filter(status=status)
    if flagged is not None:
        qs = qs.filter(flagged=flagged)
    return qs


def shipment_get(*, actor, reference: str) -> Shipment:
    return _get(_shipments(actor), actor, "shipment", reference=reference)


def shipment_route(*, actor, shipment: Shipment) -> list[str]:
    """The shipment's planned arcs on legs the actor may read; the others are left out."""
    codes = {arc.removesuffix("/r") for arc in shipment.route}
    readable = set(leg_list(actor=actor).filter(code__in=codes).values_list("code", flat=True))
    return [arc for arc in shipment.route if arc.removesuffix("/r") in readable]


HIDDEN_RECORD = "(a record you may not see)"
HIDDEN_CLOSURE = "a closure you may not see blocks this route"
_CLOSED = re.compile(
    r"^(?P<arc>\S+): (?P<kind>node|leg|country) (?P<target>\S+) closed (?P<start>\d{4}-\d{2}-\d{2})"
    r" to (?P<until>\d{4}-\d{2}-\d{2}|further notice)(?: \((?P<reason>.*)\))?$",
    re.S,
)


class RouteProblems:
    """A shipment's stored route-check messages as one reader may read them.

    The messages are written when the shipment is recorded (or re-checked), as the network was
    read then, and they name legs (and their reverse arcs), places, agreements (by code or
    group), closures and nations. They are kept as written -- no stored row is rewritten -- and
    redacted for each reader when read: every code in a message that names a transit record or
    nation the reader may not read is replaced by ``HIDDEN_RECORD``. A closure's message also
    carries the closure's reason (free text), so it is shown only when the reader may read a
    closure of that target with those dates and that reason; otherwise it says only that a
    closure the reader may not see blocks the route. Built once per request (the sets are
    small: the transit network).
    """

    def __init__(self, actor):
        self.actor = actor
        self._hidden: set[str] | None = None

    @property
    def hidden(self) -> set[str]:
        if self._hidden is None:
            actor = self.actor
            every, seen = set(), set()
            for queryset, fields in (
                (TransitLeg.objects.all(), ("code",)),
                (TransitNode.objects.all(), ("code",)),
                (TransitAgreement.objects.all(), ("code", "group")),
                (TransitClosure.objects.all(), ("code",)),
            ):
                every |= {v for row in queryset.values_list(*fields) for v in row if v}
            seen |= set(leg_list(actor=actor).values_list("code", flat=True))
            seen |= set(node_list(actor=actor).values_list("code", flat=True))
            for row in agreement_list(actor=actor).values_list("code", "group"):
                seen |= {v for v in row if v}
            seen |= set(closure_list(actor=actor).values_list("code", flat=True))
            nations = core_selectors.nation_list(actor=actor, params={})
            readable = set(nations.values_list("iso3", flat=True))
            every |= set(Nation.objects.values_list("iso3", flat=True))
            self._hidden = every - seen - readable
        return self._hidden

    def _token(self, match) -> str:
        code = match.group(0)
        base = code.removesuffix("/r").split("#")[0]
        return HIDDEN_RECORD if base in self.hidden or code in self.hidden else code

    def _closure_seen(self, match) -> bool:
        """Whether the reader may read a closure that wrote this message: its target, its
        dates and its reason (two closures may close one target from one day)."""
        kind, target = match.group("kind"), match.group("target")
        lookup = {"country": "country__iso3", "node": "node__code", "leg": "leg__code"}[kind]
        until = match.group("until")
        end = {"end__isnull": True} if until == "further notice" else {"end": until}
        return (
            closure_list(actor=self.actor)
            .filter(
                target_kind=kind,
                start=match.group("start"),
                reason=match.group("reason") or "",
                **end,
                **{lookup: target},
            )
            .exists()
        )

    def message(self, text: str) -> str:
        closed = _CLOSED.match(text)
        if closed is not None and not self._closure_seen(closed):
            arc = _CODE.sub(self._token, closed.group("arc"))
            return f"{arc}: {HIDDEN_CLOSURE}"
        return _CODE.sub(self._token, text)

    def of(self, shipment: Shipment) -> list[str]:
        return [self.message(str(p)) for p in shipment.route_problems or []]


def shipment_problems(*, actor, shipment: Shipment) -> list[str]:
    """The shipment's route-check messages as ``actor`` may read them (see RouteProblems)."""
    return RouteProblems(actor).of(shipment)


def shipment_joint_action(*, actor, shipment: Shipment):
    """The joint action the shipment serves, if the council's register lets the actor read it."""
    if shipment.joint_action_id is None:
        return None
    from accord.council import selectors as council_selectors

    return (
        council_selectors.joint_action_list(actor=actor).filter(pk=shipment.joint_action_id).first()
    )


def shipment_events(*, actor, shipment: Shipment) -> QuerySet:
    """The shipment's events, each place flagged ``node_shown`` if the actor may read it."""
    access.require_view(actor, shipment)
    return (
        shipment.events.select_related("node")
        .annotate(node_shown=_node_flag(actor, "node__"))
        .order_by("at", "pk")
    )


def plan_list(*, actor, month: dt.date | None = None) -> QuerySet:
    qs = access.visible(FlowPlan.objects.all(), actor)
    return qs.filter(month=month) if month else qs


def plan_get(*, actor, pk: int) -> FlowPlan:
    return _get(FlowPlan.objects.all(), actor, "flow plan", pk=pk)


def plan_latest(*, actor, month: dt.date | None = None) -> FlowPlan | None:
    return plan_list(actor=actor, month=month).order_by("-created_at", "-pk").first()


# What a plan row names that the reader may not see is shown under this one label.
HIDDEN = "(a place you may not see)"
_CODE = re.compile(r"[A-Za-z0-9_#-]+(?:/r)?")


def _redact(text: str, hidden: set[str]) -> str:
    return _CODE.sub(lambda m: HIDDEN if m.group(0) in hidden else m.group(0), text)


def plan_shown(*, actor, plan: FlowPlan) -> dict:
    """The plan's stored inputs and result as ``actor`` may read them.

    A plan keeps the codes of the places, legs, leases, agreements and demands it was solved
    with, as its solver read the network; a later reader may read the plan but not all of them.
    Rows whose figures add up to the plan's own totals (allocations, unmet demand) are not left
    out but gathered into one row labelled ``HIDDEN`` with their figures summed: the cost, demand
    and unmet TEU at the top of the plan are the plan's own and stay true, so its rows must still
    add up to them, and one row for all of them says neither what nor how many they are. Facts
    about one leg, lease or agreement (utilisation, sorties, caps) are left out: they describe
    the hidden record alone and a sum of them would mean nothing.
    """
    result, inputs = plan.result or {}, plan.inputs or {}
    demand_codes = {d.get("code") for d in inputs.get("demands", [])}
    demand_codes |= {a.get("demand") for a in result.get("allocations", [])}
    demand_codes |= {u.get("demand") for u in result.get("unmet", [])}
    arcs = {
        arc.removesuffix("/r") for a in result.get("allocations", []) for arc in a.get("arcs", [])
    } | {u["arc"].removesuffix("/r") for u in result.get("arc_use", [])}
    nodes = {n for a in result.get("allocations", []) for n in a.get("nodes", [])}
    leases = {u.get("lease") for u in result.get("lease_use", [])}
    leases |= {lease for a in result.get("allocations", []) for _, lease in a.get("lease_arcs", [])}
    caps = {u.get("agreement") for u in result.get("cap_use", [])}
    groups = {c.split("#")[0] for c in caps if c}
    seen_demands = set(
        demand_list(actor=actor).filter(code__in=demand_codes).values_list("code", flat=True)
    )
    seen_legs = set(leg_list(actor=actor).filter(code__in=arcs).values_list("code", flat=True))
    seen_nodes = set(node_list(actor=actor).filter(code__in=nodes).values_list("code", flat=True))
    seen_leases = set(
        lease_list(actor=actor).filter(code__in=leases).values_list("code", flat=True)
    )
    seen_groups = set()
    for code, group in (
        agreement_list(actor=actor)
        .filter(Q(code__in=groups) | Q(group__in=groups))
        .values_list("code", "group")
    ):
        seen_groups |= {code, group}
    hidden = (
        (demand_codes - seen_demands)
        | (nodes - seen_nodes)
        | (leases - seen_leases)
        | (arcs - seen_legs)
        | {f"{a}/r" for a in arcs - seen_legs}
    )

    def leg_seen(arc: str) -> bool:
        return arc.removesuffix("/r") in seen_legs

    allocations, gathered = [], None
    for a in result.get("allocations", []):
        whole = (
            a.get("demand") in seen_demands
            and all(leg_seen(arc) for arc in a.get("arcs", []))
            and all(n in seen_nodes for n in a.get("nodes", []))
            and all(lease in seen_leases for _, lease in a.get("lease_arcs", []))
        )
        if whole:
            allocations.append(a)
            continue
        if gathered is None:
            gathered = {"demand": HIDDEN, "arcs": [], "nodes": [], "teu": 0, "tonnes": 0.0}
            gathered |= {"cost": 0.0, "days": None, "lease_arcs": [], "hidden": True}
        for key in ("teu", "tonnes", "cost"):
            gathered[key] += a.get(key) or 0
    if gathered is not None:
        allocations.append(gathered)
    unmet, short = [], None
    for u in result.get("unmet", []):
        if u.get("demand") in seen_demands:
            unmet.append({**u, "reason": _redact(u.get("reason") or "", hidden)})
            continue
        if short is None:
            short = {"demand": HIDDEN, "teu": 0, "tonnes": 0.0, "reason": "", "hidden": True}
        short["teu"] += u.get("teu") or 0
        short["tonnes"] += u.get("tonnes") or 0
    if short is not None:
        unmet.append(short)
    lease_use = [
        {**u, "sorties": [pair for pair in u.get("sorties", []) if leg_seen(pair[0])]}
        for u in result.get("lease_use", [])
        if u.get("lease") in seen_leases
    ]
    shown_result = {
        **result,
        "allocations": allocations,
        "unmet": unmet,
        "arc_use": [u for u in result.get("arc_use", []) if leg_seen(u["arc"])],
        "lease_use": lease_use,
        "cap_use": [
            u
            for u in result.get("cap_use", [])
            if u.get("agreement", "").split("#")[0] in seen_groups
        ],
    }
    shown_inputs = {
        **inputs,
        "demands": [d for d in inputs.get("demands", []) if d.get("code") in seen_demands],
        "leases": [lease for lease in inputs.get("leases", []) if lease.get("code") in seen_leases],
    }
    return {"inputs": shown_inputs, "result": shown_result}


# --- the engine's view of the network ----------------------------------------------------------


def engine_node(row: TransitNode) -> Node:
    return Node(
        code=row.code,
        name=row.name,
        country=row.country.iso3,
        kinds=tuple(row.kinds or ()),
        lat=float(row.latitude),
        lon=float(row.longitude),
    )


def engine_leg(row: TransitLeg) -> Leg:
    return Leg(
        code=row.code,
        origin=row.origin.code,
        destination=row.destination.code,
        mode=row.mode,
        distance_km=float(row.distance_km),
        days=float(row.days),
        cost_per_teu=int(row.cost_per_teu),
        capacity_teu_month=int(row.capacity_teu_month),
        countries=tuple(row.countries or ()),
        cost_per_tonne=float(row.cost_per_tonne),
        capacity_tonnes_month=(
            None if row.capacity_tonnes_month is None else float(row.capacity_tonnes_month)
        ),
        operator=row.operator,
        two_way=row.two_way,
        estimated=tuple(row.estimated or ()),
    )


def _cap(row: TransitAgreement) -> Cap | None:
    if row.cap_amount is None:
        return None
    tpf = float(row.tonnes_per_flight) if row.tonnes_per_flight is not None else None
    return Cap(float(row.cap_amount), row.cap_unit, tpf)


def engine_agreements(rows) -> tuple[Agreement, ...]:
    """Rows regrouped into engine agreements: one per ``group`` when its rows form the full
    country × mode × class × direction product with the same terms (so a cap is counted once),
    else one per row."""
    buckets: dict[tuple, list[TransitAgreement]] = defaultdict(list)
    for row in rows:
        key = (
            row.group,
            row.effect,
            row.valid_from,
            row.valid_to,
            row.cap_amount,
            row.cap_unit,
            row.tonnes_per_flight,
            tuple(row.parties or ()),
            row.legal_basis.code if row.legal_basis_id else None,
        )
        buckets[key].append(row)
    agreements = []
    for key, members in buckets.items():
        axes = [
            tuple(sorted({getattr(m, attr) for m in members}))
            for attr in ("country_iso3", "mode", "cargo_class", "direction")
        ]
        scope = {(m.country_iso3, m.mode, m.cargo_class, m.direction) for m in members}
        whole = len(scope) == len(members) and scope == set(product(*axes))
        groups = (
            [(key[0], members, axes)]
            if whole
            else [
                (m.code, [m], [(m.country_iso3,), (m.mode,), (m.cargo_class,), (m.direction,)])
                for m in members
            ]
        )
        for code, group_rows, (countries, modes, classes, directions) in groups:
            first = group_rows[0]
            agreements.append(
                Agreement(
                    code=code,
                    countries=countries,
                    modes=modes,
                    cargo_classes=classes,
                    directions=directions,
                    valid_from=first.valid_from,
                    valid_to=first.valid_to,
                    effect=first.effect,
                    cap=_cap(first),
                    legal_basis=key[8],
                    parties=tuple(first.parties or ()),
                    note=first.note,
                    estimated=any(m.estimated for m in group_rows),
                )
            )
    codes = [a.code for a in agreements]
    if len(codes) != len(set(codes)):  # the same group split by different terms: name by row
        agreements = [
            Agreement(**{**a.__dict__, "code": f"{a.code}#{n}"}) if codes.count(a.code) > 1 else a
            for n, a in enumerate(agreements, start=1)
        ]
    return tuple(sorted(agreements, key=lambda a: a.code))


def _agreement_rows(actor) -> list[TransitAgreement]:
    rows = list(access.visible(_agreements(actor), actor))
    for row in rows:
        row.country_iso3 = row.country.iso3
    return rows


def engine_closure(row: TransitClosure) -> Closure:
    return Closure(
        code=row.code,
        target_kind=row.target_kind,
        target=row.target_code,
        start=row.start,
        end=row.end,
        reason=row.reason,
    )


def engine_lease(row: TransitLease, hours_used: float = 0.0) -> Lease:
    quota = float(row.quota_hours_year)
    return Lease(
        code=row.code,
        provider=row.provider,
        mode=row.mode,
        legs=tuple(sorted(leg.code for leg in row.shown_legs)),
        teu_per_sortie=row.teu_per_sortie,
        tonnes_per_sortie=float(row.tonnes_per_sortie),
        cost_per_sortie=row.cost_per_sortie,
        hours_per_sortie=float(row.hours_per_sortie),
        period_start=row.period_start,
        period_end=row.period_end,
        availability=row.availability,
        notice_days=row.notice_days,
        quota_hours_year=quota,
        quota_hours_left=max(quota - hours_used, 0.0),
        max_sorties_month=row.max_sorties_month,
        quota_group=row.quota_group,
    )


def exempt_countries(actor) -> frozenset[str]:
    """NATO members and Afghanistan need no transit agreement (see the engine's rule)."""
    nations = core_selectors.nation_list(actor=actor, params={"nato": True})
    return frozenset(set(nations.values_list("iso3", flat=True)) | {"AFG"})


def network_for(actor) -> Network:
    """The network as ``actor`` may read it, in the engine's terms."""
    # leg_list and closure_list already leave out what touches a place the actor may not see.
    nodes = [engine_node(n) for n in node_list(actor=actor)]
    legs = [engine_leg(leg) for leg in leg_list(actor=actor)]
    closures = [engine_closure(c) for c in closure_list(actor=actor)]
    try:
        return Network(
            nodes=tuple(nodes),
            legs=tuple(legs),
            agreements=engine_agreements(_agreement_rows(actor)),
            closures=tuple(closures),
            exempt_countries=exempt_countries(actor),
        )
    except TransitInputError as exc:
        raise engine_error(exc) from None


def conflict_report(*, actor) -> list:
    """Pairs of agreements (as the actor reads them) that contradict each other."""
    return list(agreement_conflicts(engine_agreements(_agreement_rows(actor))))


def lease_hours_used(*, actor, year: int, before_month: dt.date) -> dict[str, float]:
    """Flying hours each lease's quota group already drew in ``year`` by the latest plan of each
    earlier month (a re-solved month replaces its earlier plan)."""
    used: dict[str, float] = defaultdict(float)
    latest: dict[dt.date, FlowPlan] = {}
    for plan in plan_list(actor=actor).filter(month__year=year, month__lt=before_month):
        if plan.month not in latest or plan.created_at > latest[plan.month].created_at:
            latest[plan.month] = plan
    groups = {lease.code: lease.quota_group or lease.code for lease in lease_list(actor=actor)}
    for plan in latest.values():
        for use in plan.result.get("lease_use", []):
            used[groups.get(use["lease"], use["lease"])] += float(use["hours"])
    return dict(used)


# --- the map and the charts ----------------------------------------------------------------------


def network_geojson(*, actor, plan: FlowPlan | None = None, route: list[str] | None = None):
    """Nodes and legs as GeoJSON, legs coloured by mode, with utilisation from ``plan``."""
    use = {}
    if plan is not None:
        for item in plan.result.get("arc_use", []):
            leg = item["arc"].removesuffix("/r")
            share = max(use.get(leg, {}).get("share", 0.0), float(item["share"]))
            use[leg] = {
                "share": share,
                "bottleneck": item["bottleneck"] or use.get(leg, {}).get("bottleneck", False),
            }
    on_route = {code.removesuffix("/r") for code in route or ()}
    features = []
    for leg in leg_list(actor=actor):
        props = {
            "type": "leg",
            "code": leg.code,
            "name": str(leg),
            "mode": leg.mode,
            "colour": MODE_COLOURS.get(leg.mode, "#555"),
            "capacity": leg.capacity_teu_month,
            "days": float(leg.days),
            "cost_per_teu": leg.cost_per_teu,
            "on_route": leg.code in on_route,
        }
        if leg.code in use:
            props["utilisation"] = round(use[leg.code]["share"], 3)
            props["bottleneck"] = use[leg.code]["bottleneck"]
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "LineString",
                    "coordinates": [
                        [float(leg.origin.longitude), float(leg.origin.latitude)],
                        [float(leg.destination.longitude), float(leg.destination.latitude)],
                    ],
                },
                "properties": props,
            }
        )
    for node in node_list(actor=actor):
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [float(node.longitude), float(node.latitude)],
                },
                "properties": {
                    "type": "node",
                    "code": node.code,
                    "name": node.name,
                    "country": node.country.iso3,
                    "kinds": node.kinds,
                },
            }
        )
    for shipment in shipment_list(actor=actor).exclude(status="arrived"):
        if shipment.current_node_id is not None and not shipment.current_node_shown:
            continue  # its last reported place is one the reader may not see: not placed
        where = shipment.current_node or shipment.origin
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [float(where.longitude), float(where.latitude)],
                },
                "properties": {
                    "type": "shipment",
                    "code": shipment.reference,
                    "name": f"{shipment.reference}: {shipment.get_status_display()}",
                    "delayed": shipment.delayed,
                    "eta": shipment.eta.isoformat(),
                },
            }
        )
    return {"type": "FeatureCollection", "features": features}


def throughput_by_route(*, actor) -> list[dict]:
    """TEU a month per named route, summed from the latest stored plan of each month."""
    latest: dict[dt.date, FlowPlan] = {}
    for plan in plan_list(actor=actor).order_by("created_at", "pk"):
        latest[plan.month] = plan
    # A route is named by its legs the reader may read; cargo whose first leg the reader may
    # not read is counted under no name (never under the hidden leg's code).
    routes = {
        code: route or code for code, route in leg_list(actor=actor).values_list("code", "route")
    }
    series: dict[str, dict[dt.date, float]] = defaultdict(dict)
    for month, plan in sorted(latest.items()):
        totals: dict[str, float] = defaultdict(float)
        for alloc in plan.result.get("allocations", []):
            first = alloc["arcs"][0].removesuffix("/r") if alloc["arcs"] else ""
            totals[routes.get(first, "")] += alloc["teu"]
        for route, teu in totals.items():
            series[route][month] = teu
    return [
        {"route": route, "points": sorted(points.items())}
        for route, points in sorted(series.items())
    ]


def cost_per_teu_by_leg(*, actor) -> list[dict]:
    """Each surface leg's price per TEU (air legs: per tonne x 10 t), for the chart."""
    rows = []
    for leg in leg_list(actor=actor):
        value = leg.cost_per_teu or float(leg.cost_per_tonne) * 10
        rows.append(
            {
                "label": f"{leg.code} {leg.origin.code}–{leg.destination.code}",
                "value": round(value),
                "estimated": "cost" in (leg.estimated or []),
                "code": leg.code,
            }
        )
    return sorted(rows, key=lambda r: -r["value"])


def legal_basis_get(*, actor, code: str):
    """A legal basis of the council's register the actor may read (for linking agreements)."""
    from accord.council import selectors as council_selectors

    return council_selectors.legal_basis_get(actor, code)
