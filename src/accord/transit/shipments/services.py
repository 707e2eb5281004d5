"""Writes to the shipments: a consignment recorded with its route checked, a carrier's status
event recorded (its ETA recomputed), the review flag cleared, and the re-check of every shipment
on the road after an agreement or closure changed. The carrier's CSV import is
``accord.transit.shipments.events_import``; a shipment's progress from its events is
``accord.transit.shipments.progress``.

The re-check after an agreement or closure changed runs in a short transaction of its own once
the change is committed; a re-check that fails is repaired by the next one, since it compares
every open shipment with the network as it then is (``accord transit recheck`` runs one).
"""

from __future__ import annotations

import datetime as dt

from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accord import access
from accord.audit.services import (
    audit_record,
    audit_record_many,
    audited,
    audited_action,
    refusals_audited,
)
from accord.core.services import record_create, record_update
from accord.errors import Code, Conflict, ValidationFailed
from accord.transit.common import CHUNK
from accord.transit.engine.agreements import AgreementIndex
from accord.transit.engine.model import REVERSE_SUFFIX
from accord.transit.models import PeriodAllocation, Shipment, ShipmentEvent, ShipmentStatus
from accord.transit.planning import selectors as planning_selectors
from accord.transit.references import reference, references_resolved
from accord.transit.routing.selectors import network_for

# The carriers' CSV import is a service of its own module (it is long); it is named here too, so
# that every shipment service is found in this one place.
from accord.transit.shipments.events_import import shipment_events_import
from accord.transit.shipments.explain import NO_ROUTE
from accord.transit.shipments.inputs import ShipmentValues
from accord.transit.shipments.progress import (
    eta_problem,
    event_checked,
    leg_ends,
    progress,
    progress_before,
    progress_changes,
)

__all__ = [
    "route_check",
    "shipment_acknowledge",
    "shipment_create",
    "shipment_event_record",
    "shipment_events_import",
    "shipments_recheck",
]

# Key of the PostgreSQL advisory lock that lets one shipments re-check run at a time.
_RECHECK_LOCK_KEY = 0x7A4_5EC4


def route_check(network, shipment_values: dict, index=None) -> tuple[list[str], float]:
    """Problems of a planned route for its dates (empty when permitted) and its total days.

    ``index``: the network's :class:`AgreementIndex`, when one is checking many routes.
    """
    arcs = list(shipment_values.get("route") or [])
    origin = shipment_values["origin"].code
    destination = shipment_values["destination"].code
    problems: list[str] = []
    if not arcs:
        return [NO_ROUTE], 0.0
    at = origin
    day = shipment_values["departure"]
    total_days = 0.0
    index = index or AgreementIndex(network)
    origin_country = shipment_values["origin"].country.iso3
    destination_country = shipment_values["destination"].country.iso3
    for code in arcs:
        arc = network.arc_by_code.get(code)
        if arc is None:
            raise ValidationFailed(
                _("The route names %(code)s, which is no leg (or direction) you may read.")
                % {"code": repr(code)},
                code=Code.UNKNOWN_LEG,
                errors={"route": [_("unknown leg %(code)s") % {"code": code}]},
            )
        if arc.origin != at:
            raise ValidationFailed(
                _("The route breaks at %(code)s: it starts at %(start)s, not at %(at)s.")
                % {"code": code, "start": arc.origin, "at": at},
                code=Code.ROUTE_NOT_CONNECTED,
                errors={
                    "route": [_("%(code)s does not start at %(at)s") % {"code": code, "at": at}]
                },
            )
        verdict = index.verdict(
            arc,
            shipment_values["cargo_class"],
            shipment_values["direction"],
            day,
            origin_country=origin_country,
            destination_country=destination_country,
            shipper=tuple(shipment_values.get("shipper") or ()),
        )
        problems.extend(r.message for r in verdict.reasons)
        total_days += arc.leg.days
        day = shipment_values["departure"] + dt.timedelta(days=int(total_days))
        at = arc.destination
    if at != destination:
        raise ValidationFailed(
            _("The route ends at %(at)s, not at the destination %(destination)s.")
            % {"at": at, "destination": destination},
            code=Code.ROUTE_NOT_CONNECTED,
            errors={"route": [_("ends at %(at)s") % {"at": at}]},
        )
    return problems, total_days


@refusals_audited("shipment.create")
def shipment_create(*, actor, values: ShipmentValues) -> Shipment:
    """Record a consignment with its planned route, checked against agreements and closures;
    ``origin`` and ``destination`` may be node codes.

    The network is read and the route checked with no transaction open; only the record and
    its audit entry are written, in one short transaction.
    """
    access.require_kind(actor, "create", Shipment)
    values = references_resolved(actor, values, origin="node", destination="node")
    data = {"marking": Shipment.default_marking, **values.given()}
    access.require_create(actor, Shipment, {"marking": data["marking"]})
    for field in ("origin", "destination", "departure", "cargo_class", "direction"):
        if data.get(field) in (None, ""):
            raise ValidationFailed(
                _("%(field)s: required.") % {"field": field},
                code=Code.VALIDATION_FAILED,
                errors={field: [_("required")]},
            )
    network = network_for(actor)
    known = network.cargo_classes_known()
    if data["cargo_class"] not in known:
        raise ValidationFailed(
            _("No agreement knows cargo class %(cargo_class)s.")
            % {"cargo_class": repr(data["cargo_class"])},
            code=Code.UNKNOWN_CARGO_CLASS,
            errors={"cargo_class": [_("no agreement knows it")]},
        )
    if data.get("allocation") is not None:
        data["allocation"] = _allocation_served(actor, data["allocation"], data.get("route"))
    problems, days = route_check(network, data)
    planned = data["departure"] + dt.timedelta(days=max(1, round(days + 0.49)))
    data.setdefault("planned_arrival", planned)
    data["planned_arrival"] = data["planned_arrival"] or planned
    data.update(eta=data["planned_arrival"], route_ok=not problems, route_problems=problems)
    with transaction.atomic():
        return record_create(actor=actor, model=Shipment, data=data, action=audited_action())


def _allocation_served(actor, allocation, route) -> PeriodAllocation:
    """The planned movement a new shipment serves: one of a plan the actor may read, over a leg
    of the shipment's route."""
    if not isinstance(allocation, PeriodAllocation):
        allocation = planning_selectors.period_allocation_get(actor=actor, pk=int(allocation))
    legs = {str(arc).removesuffix("/r") for arc in route or ()}
    if allocation.leg not in legs:
        raise ValidationFailed(
            _("The planned movement is over leg %(leg)s, which the shipment's route does not take.")
            % {"leg": allocation.leg},
            code=Code.ALLOCATION_NOT_ON_ROUTE,
            errors={"allocation": [_("not on the shipment's route")]},
        )
    return allocation


def shipments_recheck(*, actor, cause: str) -> int:
    """Re-check every shipment not yet arrived; flag those whose verdict changed. Returns count.

    Runs in a short transaction of its own, after the change that caused it is committed, over
    the whole network as the system reads it (a shipment's permit does not depend on who changed
    the agreement). The open shipments are locked first (one re-check at a time, and no event
    recorded meanwhile changes one under it), then the network is read, so the verdicts are
    those of the latest committed network; the flags are written and audited in bulk.
    """
    system = access.system_principal("transit-recheck")
    with transaction.atomic():
        _lock_for_recheck()
        shipments = list(
            Shipment.objects.select_for_update(of=("self",))
            .exclude(status=ShipmentStatus.ARRIVED)
            .select_related("origin__country", "destination__country")
            .order_by("pk")
        )
        network = network_for(system)
        index = AgreementIndex(network)
        flagged: list[tuple[Shipment, dict]] = []
        for shipment in shipments:
            values = {
                "route": shipment.route,
                "origin": shipment.origin,
                "destination": shipment.destination,
                "departure": shipment.departure,
                "cargo_class": shipment.cargo_class,
                "direction": shipment.direction,
                "shipper": shipment.shipper,
            }
            try:
                problems, _days = route_check(network, values, index)
            except ValidationFailed as exc:
                problems = [exc.detail]
            if problems == list(shipment.route_problems or []):
                continue
            shipment.route_ok = not problems
            shipment.route_problems = problems
            shipment.flagged = True
            shipment.version += 1
            changes = {"route_problems": [None, problems], "cause": [None, cause]}
            flagged.append((shipment, changes))
        Shipment.objects.bulk_update(
            [s for s, _changes in flagged],
            ["route_ok", "route_problems", "flagged", "version"],
            batch_size=CHUNK,
        )
        audit_record_many(actor=actor, action="shipment.flag", records=flagged)
    return len(flagged)


def _lock_for_recheck() -> None:
    """One re-check at a time on PostgreSQL (SQLite's IMMEDIATE transactions queue already)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_RECHECK_LOCK_KEY])


@audited("shipment.acknowledge")
def shipment_acknowledge(*, actor, shipment: Shipment, expected_version: int) -> Shipment:
    """Clear a shipment's flag after a logistician has looked at the changed verdict."""
    return record_update(
        actor=actor,
        obj=shipment,
        data={"flagged": False},
        expected_version=expected_version,
        action=audited_action(),
    )


@refusals_audited("shipment.event")
def shipment_event_record(
    *, actor, shipment: Shipment, kind: str, at: dt.datetime, node=None, delay_days=0, note=""
) -> ShipmentEvent:
    """Record one carrier status event and recompute the shipment's ETA and delay; ``node`` may
    be the place's code.

    The event is checked and the network read with no transaction open; the event, the
    shipment's new progress and the audit entry are written in one short transaction.
    """
    access.require_change(actor, shipment)
    node = reference(actor, "node", "node", node)
    if timezone.is_naive(at):
        at = at.replace(tzinfo=dt.UTC)
    ends = leg_ends({c.removesuffix(REVERSE_SUFFIX) for c in shipment.route})
    checked = event_checked(shipment, kind, node, delay_days, ends, at=at, note=note)
    if checked["errors"]:
        _field, message = next(iter(checked["errors"].items()))
        raise ValidationFailed(
            message, code=Code.BAD_EVENT, errors={k: [v] for k, v in checked["errors"].items()}
        )
    # The ETA is computed over the whole network as Accord reads it, whoever reports.
    network = network_for(access.system_principal("transit-eta"))
    event = ShipmentEvent(
        shipment=shipment,
        kind=kind,
        at=at.astimezone(dt.UTC),
        node=node,
        delay_days=checked["delay"],
        note=note[:300],
        reported_by=access.principal_of(actor).username,
    )
    with transaction.atomic():
        _event_write(actor, event, network)
    return event


def _event_write(actor, event: ShipmentEvent, network) -> None:
    """The event stored, the shipment's progress recomputed from all its events and saved,
    with its audit entry; refused whole if the event is recorded already or its delays push
    the ETA years out."""
    shipment = event.shipment
    before = progress_before(shipment)
    if ShipmentEvent.objects.filter(shipment=shipment, kind=event.kind, at=event.at).exists():
        raise Conflict(
            _("%(reference)s already has a %(kind)s event at %(at)s.")
            % {"reference": shipment.reference, "kind": event.kind, "at": event.at.isoformat()},
            code=Code.DUPLICATE_EVENT,
        )
    event.save(force_insert=True)
    _recompute(shipment, network)
    if problem := eta_problem(shipment, shipment.eta):
        raise ValidationFailed(
            problem[0].upper() + problem[1:] + ".",
            code=Code.IMPLAUSIBLE_ETA,
            errors={"delay_days": [problem]},
        )
    _save_recomputed(actor, shipment, before)


def _recompute(shipment: Shipment, network) -> None:
    """Set the shipment's status, position, ETA and delay flag from its stored events."""
    events = list(shipment.events.select_related("node").order_by("at", "pk"))
    fields = progress(shipment, events, network)
    if fields is not None:
        for name, value in fields.items():
            setattr(shipment, name, value)


def _save_recomputed(actor, shipment: Shipment, before: dict) -> None:
    """Store the recomputed progress, audited under the running service's action."""
    fields = {
        "status": shipment.status,
        "current_node": shipment.current_node,
        "eta": shipment.eta,
        "delayed": shipment.delayed,
    }
    Shipment.objects.filter(pk=shipment.pk).update(**fields, version=models.F("version") + 1)
    shipment.refresh_from_db()
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=shipment,
        changes=progress_changes(before, shipment),
    )
