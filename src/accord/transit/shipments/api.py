"""The shipments API (shipments, their events, the carriers' CSV import), mounted by
``accord.transit.api`` at /api/v1/transit."""

from ninja import Router, Status
from ninja.pagination import paginate

from accord.pagination import Pages
from accord.transit.shipments import selectors, services
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


@router.post("/shipments/events/import", response=EventImportOut)
def shipment_events_import(request, payload: ImportIn):
    """Carrier status events from CSV: all or nothing, bad rows named by line."""
    return services.shipment_events_import(
        actor=request.user, text=payload.csv, filename=payload.filename
    )


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
