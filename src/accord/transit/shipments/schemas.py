"""The shipments API's schemas: shipments, their carriers' events and the CSV import."""

from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from ninja import Field, Schema
from pydantic import ValidationInfo, field_validator

from accord import access
from accord.inputs import Input, no_nul
from accord.markings import Marking
from accord.transit.models import CargoClass, Direction, EventKind
from accord.transit.network.schemas import nation_codes
from accord.transit.shipments import selectors


def _shipments_read(context) -> selectors.ShipmentsRead:
    """The reader's legs and redactions, read once per request however many shipments the
    answer holds (a list would otherwise read them once a row)."""
    request = context["request"]
    read = getattr(request, "_accord_shipments_read", None)
    if read is None:
        read = request._accord_shipments_read = selectors.ShipmentsRead(request.user)
    return read


class ShipmentOut(Schema):
    reference: str
    cargo_class: CargoClass
    direction: Direction
    teu: int
    tonnes: Decimal
    origin: str = Field(alias="origin.code")
    destination: str = Field(alias="destination.code")
    route: list[str]
    shipper: list[str]
    departure: date
    planned_arrival: date
    eta: date
    status: str
    delayed: bool
    current_node: str | None = None
    route_ok: bool
    route_problems: list[str]
    flagged: bool
    # The planned movement it serves (``GET /plans/periods/{id}``'s ``movements[].id``), when
    # the reader may read it.
    allocation: int | None = None
    marking: Marking
    version: int

    @staticmethod
    def resolve_shipper(obj, context) -> list[str]:
        return nation_codes(obj.shipper, context)

    @staticmethod
    def resolve_route(obj, context) -> list[str]:
        # Only the legs the reader may read (a hidden leg names the places it joins).
        return _shipments_read(context).route(obj)

    @staticmethod
    def resolve_route_problems(obj, context) -> list[str]:
        # Written as the recorder read the network: redacted for this reader.
        return _shipments_read(context).problems.of(obj)

    @staticmethod
    def resolve_allocation(obj, context) -> int | None:
        if obj.allocation_id is None:
            return None
        movement = selectors.shipment_movement(actor=context["request"].user, shipment=obj)
        return movement.pk if movement is not None else None

    @staticmethod
    def resolve_current_node(obj) -> str | None:
        node = access.shown(obj, "current_node")  # flagged by the selector
        return node.code if node is not None else None


class ShipmentIn(Input):
    reference: str = Field(pattern=r"^[a-z0-9_-]{1,40}$")
    cargo_class: str = Field(max_length=20)
    direction: str = Field("to_afghanistan", max_length=20)
    teu: int = Field(ge=1, le=100_000)
    tonnes: Decimal = Field(gt=0, max_digits=10, decimal_places=1)
    origin: str = Field(max_length=40)
    destination: str = Field(max_length=40)
    route: list[str] = Field(min_length=1, max_length=50)
    shipper: list[str] = []
    departure: date
    notes: str = Field("", max_length=5000)
    allocation: int | None = Field(None, ge=1)  # a planned movement this shipment serves


class EventIn(Input):
    kind: EventKind
    at: datetime
    node: str | None = Field(None, max_length=40)
    delay_days: Decimal = Field(Decimal(0), ge=0, max_digits=6, decimal_places=1)
    note: str = Field("", max_length=300)


class EventOut(Schema):
    kind: str
    at: datetime
    node: str | None = None
    delay_days: Decimal
    note: str
    reported_by: str

    @staticmethod
    def resolve_node(obj) -> str | None:
        node = access.shown(obj, "node")  # flagged by the selector
        return node.code if node is not None else None


class ImportIn(Input):
    # The whole request body is capped by Django's DATA_UPLOAD_MAX_MEMORY_SIZE (413 beyond it),
    # so the schema states that limit rather than a larger one the server would never accept.
    csv: str = Field(
        max_length=settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
        description=(
            "the carrier's CSV file's text; the whole request body may be at most "
            f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / (1024 * 1024):g} MB"
        ),
    )
    filename: str = Field("events.csv", max_length=200)

    @field_validator("*", mode="before")
    @classmethod
    def _no_nul(cls, value, info: ValidationInfo):
        # The file's text is checked by the import itself, which names the line a NUL is on.
        return value if info.field_name == "csv" else no_nul(value)


class EventImportOut(Schema):
    events: int
    shipments: int
