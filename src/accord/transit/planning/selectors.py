"""Reads of the flow planning -- the month's demands, the leased planes and trains, the stored
flow plans -- through the access policy, and the plans' stored codes as each reader may read
them.

Leases live here because what a lease is for is the flow plan: its sorties, flying-hour quota
and lead time are the plan's inputs. A lease is a contract of its own: it stays on the reader's
lists, its legs cut to those the reader may read.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Prefetch, Q, QuerySet
from django.utils.translation import gettext, gettext_noop

from accord import access, money
from accord.errors import NotFound
from accord.kept import KeptRecent, kept_for
from accord.transit.agreements.selectors import agreement_list
from accord.transit.common import CODE, CURRENCY, NOT_FOUND, get_visible, usd_minor
from accord.transit.engine.model import Lease
from accord.transit.models import (
    FlowPlan,
    PeriodAllocation,
    PeriodPlan,
    Shipment,
    TransitDemand,
    TransitLease,
)
from accord.transit.network.selectors import ends_q, leg_list, node_list

# What a plan row names that the reader may not see is shown under this one label.
# (Marked for the catalogue; translated where it is shown, in the reader's language.)
HIDDEN = gettext_noop("(a place you may not see)")

# --- demands and leases --------------------------------------------------------------------------


def demand_list(*, actor, month: dt.date | None = None) -> QuerySet:
    """The demands the actor may read from and to places the actor may read: cargo to move
    from or to a hidden place is no demand on the reader's network."""
    qs = access.visible(
        TransitDemand.objects.select_related("origin", "destination").filter(ends_q(actor)), actor
    )
    return qs.filter(month=month) if month else qs


def _leases(actor) -> QuerySet:
    # A lease is a contract of its own: it stays, its legs cut to those the reader may read
    # (``shown_legs``); ``lease.legs`` itself stays whole for the services that write it.
    return TransitLease.objects.select_related("participant").prefetch_related(
        Prefetch("legs", queryset=leg_list(actor=actor), to_attr="shown_legs")
    )


def lease_list(*, actor) -> QuerySet:
    return access.visible(_leases(actor), actor)


def lease_get(*, actor, code: str) -> TransitLease:
    return get_visible(_leases(actor), actor, "transit lease", code=code)


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


# --- flow plans ----------------------------------------------------------------------------------


def plan_list(*, actor, month: dt.date | None = None) -> QuerySet:
    qs = access.visible(FlowPlan.objects.all(), actor)
    return qs.filter(month=month) if month else qs


def plan_get(*, actor, pk: int) -> FlowPlan:
    return get_visible(FlowPlan.objects.all(), actor, "flow plan", pk=pk)


def plan_latest(*, actor, month: dt.date | None = None) -> FlowPlan | None:
    return plan_list(actor=actor, month=month).order_by("-created_at", "-pk").first()


#: The latest plan each visibility class reads, as the map names it (``plan_named``).
_latest_named: KeptRecent[FlowPlan] = KeptRecent(size=16)


def plan_named(*, actor, pk: int | None = None) -> FlowPlan | None:
    """The plan ``pk`` (else the latest) as a page names it, by its number and month only: a
    plan's inputs and result are JSON of up to megabytes, read and decoded for nothing else.
    The latest is kept per visibility class until a plan is written (the topic ``transit``)."""
    if pk is not None:
        return get_visible(FlowPlan.objects.only("pk", "month"), actor, "flow plan", pk=pk)

    def latest() -> FlowPlan | None:
        ordered = plan_list(actor=actor).order_by("-created_at", "-pk")
        return ordered.only("pk", "month").first()

    return kept_for(_latest_named, None, access.marking_class(actor), ("transit",), latest)


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
    seen = _Seen.of(actor, _PlanCodes.of(result, inputs))
    shown_result = {
        **result,
        "allocations": _shown_allocations(result, seen),
        "unmet": _shown_unmet(result, seen),
        "arc_use": [u for u in result.get("arc_use", []) if seen.leg(u["arc"])],
        "lease_use": [
            {**u, "sorties": [pair for pair in u.get("sorties", []) if seen.leg(pair[0])]}
            for u in result.get("lease_use", [])
            if u.get("lease") in seen.leases
        ],
        "cap_use": [
            u
            for u in result.get("cap_use", [])
            if u.get("agreement", "").split("#")[0] in seen.groups
        ],
    }
    if "node_use" in result:  # plans stored before places had a throughput have none
        shown_result["node_use"] = [u for u in result["node_use"] if u.get("node") in seen.nodes]
    shown_inputs = {
        **inputs,
        "demands": [d for d in inputs.get("demands", []) if d.get("code") in seen.demands],
        "leases": [lease for lease in inputs.get("leases", []) if lease.get("code") in seen.leases],
    }
    return {"inputs": shown_inputs, "result": shown_result}


@dataclass(frozen=True)
class _PlanCodes:
    """Every code a stored plan names, by kind (legs without their reverse suffix)."""

    demands: set[str]
    arcs: set[str]
    nodes: set[str]
    leases: set[str]
    groups: set[str]

    @classmethod
    def of(cls, result: dict, inputs: dict) -> _PlanCodes:
        allocations = result.get("allocations", [])
        demands = {d.get("code") for d in inputs.get("demands", [])}
        demands |= {a.get("demand") for a in allocations}
        demands |= {u.get("demand") for u in result.get("unmet", [])}
        arcs = {arc.removesuffix("/r") for a in allocations for arc in a.get("arcs", [])}
        arcs |= {u["arc"].removesuffix("/r") for u in result.get("arc_use", [])}
        leases = {u.get("lease") for u in result.get("lease_use", [])}
        leases |= {lease for a in allocations for _, lease in a.get("lease_arcs", [])}
        caps = {u.get("agreement") for u in result.get("cap_use", [])}
        return cls(
            demands=demands,
            arcs=arcs,
            nodes={n for a in allocations for n in a.get("nodes", [])}
            | {u.get("node") for u in result.get("node_use", [])},
            leases=leases,
            groups={c.split("#")[0] for c in caps if c},
        )


@dataclass(frozen=True)
class _Seen:
    """Which of a plan's codes the reader may read, and the codes to redact in its messages."""

    demands: set[str]
    legs: set[str]
    nodes: set[str]
    leases: set[str]
    groups: set[str]
    hidden: set[str]

    @classmethod
    def of(cls, actor, codes: _PlanCodes) -> _Seen:
        def readable(queryset, wanted) -> set[str]:
            return set(queryset.filter(code__in=wanted).values_list("code", flat=True))

        demands = readable(demand_list(actor=actor), codes.demands)
        legs = readable(leg_list(actor=actor), codes.arcs)
        nodes = readable(node_list(actor=actor), codes.nodes)
        leases = readable(lease_list(actor=actor), codes.leases)
        groups = set()
        for code, group in (
            agreement_list(actor=actor)
            .filter(Q(code__in=codes.groups) | Q(group__in=codes.groups))
            .values_list("code", "group")
        ):
            groups |= {code, group}
        hidden = (
            (codes.demands - demands)
            | (codes.nodes - nodes)
            | (codes.leases - leases)
            | (codes.arcs - legs)
            | {f"{a}/r" for a in codes.arcs - legs}
        )
        return cls(demands, legs, nodes, leases, groups, hidden)

    def leg(self, arc: str) -> bool:
        return arc.removesuffix("/r") in self.legs

    def redacted(self, text: str) -> str:
        return CODE.sub(
            lambda m: gettext(HIDDEN) if m.group(0) in self.hidden else m.group(0), text
        )


def _shown_allocations(result: dict, seen: _Seen) -> list[dict]:
    """The allocations the reader may read whole; the others gathered into one ``HIDDEN`` row."""
    allocations, gathered, gathered_cents = [], None, 0
    for a in result.get("allocations", []):
        whole = (
            a.get("demand") in seen.demands
            and all(seen.leg(arc) for arc in a.get("arcs", []))
            and all(n in seen.nodes for n in a.get("nodes", []))
            and all(lease in seen.leases for _, lease in a.get("lease_arcs", []))
        )
        if whole:
            allocations.append(a)
            continue
        if gathered is None:
            gathered = {"demand": gettext(HIDDEN), "arcs": [], "nodes": [], "teu": 0, "tonnes": 0.0}
            gathered |= {"cost": 0.0, "days": None, "lease_arcs": [], "hidden": True}
        for key in ("teu", "tonnes"):
            gathered[key] += a.get(key) or 0
        gathered_cents += usd_minor(a.get("cost") or 0)  # summed in cents, so it adds up exactly
    if gathered is not None:
        # Stored like the solver's other costs (a float in the result's JSON), from exact cents.
        gathered["cost"] = float(money.from_minor(gathered_cents, CURRENCY))
        allocations.append(gathered)
    return allocations


def _shown_unmet(result: dict, seen: _Seen) -> list[dict]:
    """Unmet demand the reader may read, its reason redacted; the rest in one ``HIDDEN`` row."""
    unmet, short = [], None
    for u in result.get("unmet", []):
        if u.get("demand") in seen.demands:
            unmet.append({**u, "reason": seen.redacted(u.get("reason") or "")})
            continue
        if short is None:
            short = {
                "demand": gettext(HIDDEN),
                "teu": 0,
                "tonnes": 0.0,
                "reason": "",
                "hidden": True,
            }
        short["teu"] += u.get("teu") or 0
        short["tonnes"] += u.get("tonnes") or 0
    if short is not None:
        unmet.append(short)
    return unmet


# --- plans over several months -------------------------------------------------------------------


def period_plan_list(*, actor) -> QuerySet:
    return access.visible(PeriodPlan.objects.all(), actor)


def period_plan_get(*, actor, pk: int) -> PeriodPlan:
    return get_visible(PeriodPlan.objects.all(), actor, "plan over several months", pk=pk)


def period_allocation_get(*, actor, pk: int) -> PeriodAllocation:
    """A planned movement of a plan the actor may read, naming only what the actor may read
    (a movement over a hidden leg, place or demand is not found, as an unknown one)."""
    movement = (
        PeriodAllocation.objects.select_related("plan")
        .filter(pk=pk, plan__in=period_plan_list(actor=actor))
        .first()
    )
    if movement is None or not _PeriodSeen.of(actor, [movement]).movement(movement):
        raise NotFound(NOT_FOUND["planned movement"] % {"code": repr(pk)})
    return movement


@dataclass(frozen=True)
class _PeriodSeen:
    demands: set[str]
    legs: set[str]
    nodes: set[str]

    @classmethod
    def of(cls, actor, movements, stocks=()) -> _PeriodSeen:
        demands = {m.demand for m in movements} | {s["demand"] for s in stocks}
        legs = {m.leg for m in movements}
        nodes = {m.origin for m in movements} | {m.destination for m in movements}
        nodes |= {s["node"] for s in stocks}
        return cls(
            set(demand_list(actor=actor).filter(code__in=demands).values_list("code", flat=True)),
            set(leg_list(actor=actor).filter(code__in=legs).values_list("code", flat=True)),
            set(node_list(actor=actor).filter(code__in=nodes).values_list("code", flat=True)),
        )

    def movement(self, m) -> bool:
        return (
            m.demand in self.demands
            and m.leg in self.legs
            and m.origin in self.nodes
            and m.destination in self.nodes
        )


@dataclass
class PeriodRow:
    """A row of a plan's tables as the reader may read it (``hidden``: the gathered row)."""

    month: dt.date
    demand: str = ""
    leg: str = ""
    origin: str = ""
    destination: str = ""
    teu: int = 0
    cost: float = 0.0
    shipped_teu: int = 0
    pk: int | None = None
    hidden: bool = False


def period_plan_shown(*, actor, plan: PeriodPlan) -> dict:
    """A plan over several months as ``actor`` may read it: the movements month by month, what
    waits at each transfer point at each month's end, and plan against actual by leg and month.

    As for the month's plan (``plan_shown``), rows naming a demand, leg or place the reader may
    not read are gathered, per month, into one row labelled ``HIDDEN``, their figures summed, so
    the tables still add up to the plan's totals. Shipped TEU count only the shipments the
    reader may read.
    """
    movements = list(plan.allocations.all())
    stocks = (plan.result or {}).get("stocks", [])
    seen = _PeriodSeen.of(actor, movements, stocks)
    hidden_label = gettext(HIDDEN)
    months = [_month_after(plan.first_month, i) for i in range(plan.months)]

    rows: list[PeriodRow] = []
    gathered: dict[dt.date, PeriodRow] = {}
    for m in movements:
        if seen.movement(m):
            rows.append(
                PeriodRow(m.month, m.demand, m.leg, m.origin, m.destination, m.teu, float(m.cost),
                          pk=m.pk)
            )  # fmt: skip
            continue
        row = gathered.setdefault(m.month, PeriodRow(m.month, hidden_label, hidden=True))
        row.teu += m.teu
        row.cost = float(money.from_minor(usd_minor(row.cost) + usd_minor(m.cost), CURRENCY))
    rows += gathered.values()
    rows.sort(key=lambda r: (r.month, r.hidden, r.leg, r.demand))

    # Inventory: place -> month -> TEU waiting at the month's end (hidden places in one row).
    inventory: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for s in stocks:
        place = s["node"] if s["node"] in seen.nodes and s["demand"] in seen.demands else ""
        inventory[place][s["month"]] += s["teu"]
    stock_rows = [
        {
            "node": place,
            "hidden": not place,
            "teu": [inventory[place].get(m.isoformat(), 0) for m in months],
        }
        for place in sorted(inventory, key=lambda p: (not p, p))
    ]

    # Plan against actual: planned TEU by leg and month, shipped TEU of the reader's shipments.
    shipped: dict[int, int] = defaultdict(int)
    for allocation, teu in access.visible(
        Shipment.objects.filter(allocation__plan=plan), actor
    ).values_list("allocation", "teu"):
        shipped[allocation] += teu
    by_leg: dict[tuple[dt.date, str], PeriodRow] = {}
    for m in movements:
        leg = m.leg if seen.movement(m) else ""
        row = by_leg.setdefault(
            (m.month, leg), PeriodRow(m.month, leg=leg or hidden_label, hidden=not leg)
        )
        row.teu += m.teu
        row.shipped_teu += shipped.get(m.pk, 0)
    actual = sorted(by_leg.values(), key=lambda r: (r.month, r.hidden, r.leg))
    unmet = [u for u in (plan.result or {}).get("unmet", []) if u["demand"] in seen.demands]
    hidden_unmet = sum(u["teu"] for u in (plan.result or {}).get("unmet", [])) - sum(
        u["teu"] for u in unmet
    )
    if hidden_unmet:
        unmet.append({"demand": hidden_label, "teu": hidden_unmet, "hidden": True})
    return {
        "months": months,
        "movements": rows,
        "inventory": stock_rows,
        "actual": actual,
        "unmet": unmet,
    }


def _month_after(first: dt.date, n: int) -> dt.date:
    index = first.year * 12 + first.month - 1 + n
    return dt.date(index // 12, index % 12 + 1, 1)
