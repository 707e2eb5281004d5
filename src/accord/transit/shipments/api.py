"""The shipments API (shipments, their events, the carriers' CSV import), mounted by
``accord.transit.api`` at /api/v1/transit."""

from django.http import HttpResponse
from ninja import Router, Status
from ninja.pagination import paginate

from accord.jobs.schemas import BackgroundTaskOut, task_location
from accord.jobs.selectors import task_get
from accord.pagination import Pages
from accord.transit.shipments import selectors, services, tasks
from accord.transit.shipments.inputs import ShipmentValues
from accord.transit.shipments.schemas import (
    EventImportOut,
    EventIn,
    EventOut,
    ImportIn,
    ShipmentIn,
    ShipmentOut,
)

router = Router()


@router.get("/shipments", response=list[ShipmentOut])
@paginate(Pages)
def shipment_list(request, status: str | None = None, flagged: bool | None = None):
    return selectors.shipment_list(actor=request.user, status=status, flagged=flagged)


@router.post("/shipments", response={201: ShipmentOut})
def shipment_create(request, payload: ShipmentIn):
    values = ShipmentValues(**payload.dict())
    shipment = services.shipment_create(actor=request.user, values=values)
    # Read back through the selector, which flags what the answer may name.
    return Status(201, selectors.shipment_get(actor=request.user, reference=shipment.reference))


@router.post("/shipments/{reference}/acknowledge", response=ShipmentOut)
def shipment_acknowledge(request, reference: str, expected_version: int):
    """Clear the review flag set when an agreement or closure changed the route's verdict."""
    shipment = selectors.shipment_get(actor=request.user, reference=reference)
    services.shipment_acknowledge(
        actor=request.user, shipment=shipment, expected_version=expected_version
    )
    return selectors.shipment_get(actor=request.user, reference=reference)


@router.post("/shipments/events/import", response={200: EventImportOut, 202: BackgroundTaskOut})
def shipment_events_import(request, payload: ImportIn, response: HttpResponse):
    """Carrier status events from CSV: all or nothing, bad rows named by line.

    A file of up to ``ACCORD_SHIPMENT_EVENTS_BACKGROUND_ROWS`` rows is imported at once: 200
    with what was imported. A larger one is imported by the worker: 202 with the task at once
    (its address also in ``Location``); poll ``GET /api/v1/tasks/{id}`` until its status is
    ``SUCCESSFUL``, or ``FAILED`` with the bad rows in ``detail`` and nothing imported. Who may
    not import is refused at once either way (403).
    """
    result = tasks.shipment_events_import_submit(
        actor=request.user, text=payload.csv, filename=payload.filename
    )
    if isinstance(result, dict):
        return Status(200, result)
    response["Location"] = task_location(result)
    return Status(202, task_get(actor=request.user, task_id=result.pk))


@router.get("/shipments/{reference}", response=ShipmentOut)
def shipment_get(request, reference: str):
    return selectors.shipment_get(actor=request.user, reference=reference)


@router.get("/shipments/{reference}/events", response=list[EventOut])
def shipment_events(request, reference: str):
    shipment = selectors.shipment_get(actor=request.user, reference=reference)
    return list(selectors.shipment_events(actor=request.user, shipment=shipment))


@router.post("/shipments/{reference}/events", response={201: EventOut})
def shipment_event_record(request, reference: str, payload: EventIn):
    shipment = selectors.shipment_get(actor=request.user, reference=reference)
    event = services.shipment_event_record(
        actor=request.user,
        shipment=shipment,
        kind=payload.kind,
        at=payload.at,
        node=payload.node,
        delay_days=payload.delay_days,
        note=payload.note,
    )
    events = selectors.shipment_events(actor=request.user, shipment=shipment)
    return Status(201, events.get(pk=event.pk))
