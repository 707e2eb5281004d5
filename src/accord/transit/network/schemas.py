"""The network API's schemas (``<Entity>Out`` reads, ``<Entity>In`` writes, ``<Entity>Patch``
changes), and the fields every transit schema shares."""

from decimal import Decimal
from typing import Annotated

from ninja import Field, Schema
from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationInfo

from accord.core import selectors as core_selectors
from accord.inputs import Input
from accord.markings import Marking
from accord.names import OtherNames
from accord.transit.models import Mode, TransitLeg, TransitNode

Version = Field(ge=1, description="the version you read; a stale one is refused")


def hidden_nations(context) -> frozenset[str]:
    """The nations the request's reader may not read."""
    return core_selectors.hidden_nations_of(context["request"])


def nation_codes(codes, context) -> list[str]:
    """A stored list of nation codes for the reader: a hidden nation is said, not left out
    (see HIDDEN_NATION)."""
    return core_selectors.nation_codes_shown(codes, hidden_nations(context))


# The same for the answers read by pydantic's own models (``ReadOut``): a field's type says how
# the reader reads it, and the request comes in the validation's context (ninja passes it).


def _codes_shown(codes, info: ValidationInfo) -> list[str]:
    return nation_codes(codes, info.context)


def _code_shown(code, info: ValidationInfo):
    return nation_codes([code], info.context)[0] if code else code


def _message_redacted(message: str, info: ValidationInfo) -> str:
    return core_selectors.nation_codes_redacted(message, hidden_nations(info.context))


#: Nation codes as the reader may read them: each hidden nation said, in its place.
CodesShown = Annotated[list[str], AfterValidator(_codes_shown)]
CodeShown = Annotated[str, AfterValidator(_code_shown)]
#: A message of the planner's, naming countries by code, each hidden one said instead.
MessageRedacted = Annotated[str, AfterValidator(_message_redacted)]


class ReadOut(BaseModel):
    """An answer read from the engine's dataclasses by attribute, by pydantic's core: where an
    answer holds dozens of objects (routes, permits, reasons), a ninja ``Schema`` wraps each in
    a getter of Python's, which cost more than the planning itself."""

    model_config = ConfigDict(from_attributes=True)


class NodeOut(Schema):
    code: str
    name: str
    names: dict[str, str | None] = Field(
        description='every language\'s name: {"en", "ru", "fa-af", "ps"}, null where none is given'
    )
    local_name: str = Field(description="the name in the requested language, else the English one")
    country: str = Field(alias="country.iso3")
    kinds: list[str]
    latitude: Decimal
    longitude: Decimal
    coords_estimated: bool
    capacity_teu_day: Decimal | None = Field(
        description="TEU a day the place handles, a limit on every route through it; null: none"
    )
    capacity_estimated: bool
    notes: str
    marking: Marking
    version: int


class NodeIn(Input):
    code: str = Field(pattern=r"^[a-z0-9_-]{1,40}$")
    name: str = Field(min_length=1, max_length=200)
    names: OtherNames | None = Field(None, description='{"ru", "fa-af", "ps"}: other languages')
    country: str = Field(pattern=r"^[A-Z]{3}$")
    kinds: list[str] = []
    latitude: Decimal = Field(ge=-90, le=90, decimal_places=5)
    longitude: Decimal = Field(ge=-180, le=180, decimal_places=5)
    coords_estimated: bool = False
    capacity_teu_day: Decimal | None = Field(None, gt=0, le=1_000_000, decimal_places=1)
    capacity_estimated: bool = False
    notes: str = Field("", max_length=5000)
    marking: Marking = TransitNode.default_marking


class NodePatch(Input):
    expected_version: int = Version
    name: str | None = Field(None, min_length=1, max_length=200)
    names: OtherNames | None = Field(None, description='{"ru", "fa-af", "ps"}: other languages')
    latitude: Decimal | None = Field(None, ge=-90, le=90, decimal_places=5)
    longitude: Decimal | None = Field(None, ge=-180, le=180, decimal_places=5)
    capacity_teu_day: Decimal | None = Field(
        None, gt=0, le=1_000_000, decimal_places=1, description="null in the body: no limit"
    )
    capacity_estimated: bool = False
    notes: str | None = Field(None, max_length=5000)


class LegOut(Schema):
    code: str
    route: str
    origin: str = Field(alias="origin.code")
    destination: str = Field(alias="destination.code")
    mode: Mode
    distance_km: Decimal
    days: Decimal
    cost_per_teu: int
    cost_per_tonne: Decimal
    capacity_teu_month: int
    capacity_tonnes_month: Decimal | None
    operator: str
    two_way: bool
    countries: list[str]
    estimated: list[str]
    marking: Marking
    version: int

    @staticmethod
    def resolve_countries(obj, context) -> list[str]:
        return nation_codes(obj.countries, context)


class LegIn(Input):
    code: str = Field(pattern=r"^[A-Za-z0-9_-]{1,40}$")
    route: str = Field("", max_length=40)
    origin: str = Field(max_length=40)
    destination: str = Field(max_length=40)
    mode: str = Field(max_length=8)
    distance_km: Decimal = Field(max_digits=8, decimal_places=1)
    days: Decimal = Field(max_digits=6, decimal_places=2)
    cost_per_teu: int = Field(0, ge=-(10**9), le=10**9)
    cost_per_tonne: Decimal = Field(Decimal(0), max_digits=10, decimal_places=2)
    capacity_teu_month: int = Field(ge=-(10**9), le=10**9)
    capacity_tonnes_month: Decimal | None = Field(None, max_digits=10, decimal_places=1)
    operator: str = Field("", max_length=200)
    two_way: bool = True
    countries: list[str] = []
    marking: Marking = TransitLeg.default_marking


class LegPatch(Input):
    expected_version: int = Version
    days: Decimal | None = Field(None, max_digits=6, decimal_places=2)
    cost_per_teu: int | None = Field(None, ge=-(10**9), le=10**9)
    cost_per_tonne: Decimal | None = Field(None, max_digits=10, decimal_places=2)
    capacity_teu_month: int | None = Field(None, ge=-(10**9), le=10**9)
    capacity_tonnes_month: Decimal | None = Field(None, max_digits=10, decimal_places=1)
    operator: str | None = Field(None, max_length=200)
    countries: list[str] | None = None
