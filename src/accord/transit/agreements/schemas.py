"""The agreements API's schemas: agreements, the conflicts between them, and closures."""

from datetime import date
from decimal import Decimal

from ninja import Field, Schema

from accord import access
from accord.inputs import Input
from accord.markings import Marking
from accord.transit.models import (
    CapUnit,
    CargoClass,
    ClosureTarget,
    Direction,
    Effect,
    Mode,
    TransitClosure,
)
from accord.transit.network.schemas import MessageRedacted, ReadOut, Version, nation_codes


class AgreementOut(Schema):
    code: str
    group: str
    title: str = Field(description="in English")
    title_ru: str = Field(description="in Russian; empty: no Russian version")
    authentic_en: bool
    authentic_ru: bool
    legal_basis: str | None = None
    country: str = Field(alias="country.iso3")
    mode: Mode
    cargo_class: CargoClass
    direction: Direction
    effect: Effect
    valid_from: date
    valid_to: date | None
    cap_amount: Decimal | None
    cap_unit: str
    parties: list[str]
    note: str
    note_ru: str
    estimated: bool
    marking: Marking
    version: int

    @staticmethod
    def resolve_parties(obj, context) -> list[str]:
        return nation_codes(obj.parties, context)

    @staticmethod
    def resolve_legal_basis(obj, context) -> str | None:
        # The council's register marks its legal bases: one the reader may not see is left out.
        basis = access.reachable(context["request"].user, obj.legal_basis)
        return basis.code if basis is not None else None


class AgreementIn(Input):
    code: str = Field(pattern=r"^[a-z0-9_-]{1,120}$")
    group: str = Field("", max_length=60)
    title: str = Field("", max_length=300, description="in English")
    title_ru: str = Field("", max_length=300, description="in Russian")
    authentic_en: bool = Field(False, description="the English version is authentic")
    authentic_ru: bool = Field(False, description="the Russian version is authentic")
    legal_basis: str = Field(max_length=60)
    country: str = Field(pattern=r"^[A-Z]{3}$")
    mode: str = Field(max_length=8)
    cargo_class: str = Field(max_length=12)
    direction: str = Field(max_length=16)
    effect: Effect = Effect.PERMIT
    valid_from: date
    valid_to: date | None = None
    cap_amount: Decimal | None = Field(None, gt=0, max_digits=12, decimal_places=2)
    cap_unit: CapUnit | None = None
    parties: list[str] = []
    note: str = Field("", max_length=5000)
    note_ru: str = Field("", max_length=5000)
    marking: Marking | None = None


class AgreementPatch(Input):
    expected_version: int = Version
    valid_from: date | None = None
    valid_to: date | None = None
    effect: Effect | None = None
    note: str | None = Field(None, max_length=5000)
    title_ru: str | None = Field(None, max_length=300, description="in Russian; empty: none")
    note_ru: str | None = Field(None, max_length=5000)
    authentic_en: bool | None = None
    authentic_ru: bool | None = None


class ConflictOut(ReadOut):
    first: str
    second: str
    country: str
    mode: str
    cargo_class: str
    direction: str
    start: date
    end: date | None
    kind: str
    message: MessageRedacted


class ClosureOut(Schema):
    code: str
    target_kind: ClosureTarget
    target: str = Field(alias="target_code")
    start: date
    end: date | None
    reason: str
    marking: Marking
    version: int


class ClosureIn(Input):
    code: str = Field(pattern=r"^[a-z0-9_-]{1,60}$")
    target_kind: ClosureTarget
    target: str = Field(max_length=40)
    start: date
    end: date | None = None
    reason: str = Field("", max_length=5000)
    marking: Marking = TransitClosure.default_marking


class ClosurePatch(Input):
    expected_version: int = Version
    start: date | None = None
    end: date | None = None
    reason: str | None = Field(None, max_length=5000)
