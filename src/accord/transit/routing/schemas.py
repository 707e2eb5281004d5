"""The route planner's API schemas: the query, the routes found and the candidates blocked."""

from datetime import date

from ninja import Field, Schema

from accord.core import selectors as core_selectors
from accord.inputs import Input
from accord.transit.agreements.schemas import ConflictOut
from accord.transit.network.schemas import hidden_nations, nation_codes


class RouteIn(Input):
    origin: str = Field(max_length=40)
    destination: str = Field(max_length=40)
    cargo_class: str = Field(max_length=20)
    direction: str = Field("to_afghanistan", max_length=20)
    on_date: date
    latest_arrival: date | None = None
    avoid_countries: list[str] = []
    modes: list[str] | None = None
    k: int = Field(3, ge=1, le=50)
    teu: int = Field(1, ge=1, le=100_000)
    tonnes: float | None = Field(None, gt=0, le=10**7)
    shipper: list[str] = Field(
        [],
        description="the shipping nation (ISO3), required; NATO or ANSF may be added. A NATO "
        "member's cargo also moves under NATO's agreements.",
    )


class PermitOut(Schema):
    arc: str
    country: str
    agreement: str | None

    @staticmethod
    def resolve_country(obj, context) -> str:
        # The planner needs a permit in every country a leg crosses, so a hidden nation is said
        # in its place: leaving it out would show the route needing fewer permits than it does.
        return nation_codes([obj.country], context)[0]


class RestsOnOut(Schema):
    """One agreement a route needs: through which country, and whose agreement it is."""

    agreement: str
    country: str
    parties: list[str]

    @staticmethod
    def resolve_agreement(obj, context) -> str:
        return obj[0]

    @staticmethod
    def resolve_country(obj, context) -> str:
        return nation_codes([obj[1]], context)[0]

    @staticmethod
    def resolve_parties(obj, context) -> list[str]:
        return nation_codes(obj[2], context)


class RouteOut(Schema):
    arcs: list[str]
    nodes: list[str]
    modes: list[str]
    cost: float
    days: float
    distance_km: float
    countries: list[str]
    permits: list[PermitOut]
    rests_on: list[RestsOnOut] = Field(
        description="the agreements the route rests on, with the transit country and the "
        "parties each was made for"
    )
    nations: list[str] = Field(description="the parties whose agreements the route rests on")
    estimated: bool

    @staticmethod
    def resolve_nations(obj, context) -> list[str]:
        return nation_codes(obj.nations, context)

    @staticmethod
    def resolve_countries(obj, context) -> list[str]:
        return nation_codes(obj.countries, context)


class ReasonOut(Schema):
    kind: str
    arc: str
    country: str | None
    record: str | None
    message: str

    @staticmethod
    def resolve_country(obj, context) -> str | None:
        return nation_codes([obj.country], context)[0] if obj.country else obj.country

    @staticmethod
    def resolve_message(obj, context) -> str:
        return core_selectors.nation_codes_redacted(obj.message, hidden_nations(context))


class BlockedOut(Schema):
    arcs: list[str]
    nodes: list[str]
    cost: float
    days: float
    reasons: list[ReasonOut]


class RouteAnswerOut(Schema):
    shipper: list[str] = Field(
        description="the parties the routes were planned for: the shipping nation, and NATO "
        "for a member"
    )
    found: bool
    pareto: list[RouteOut]
    routes_by_cost: list[RouteOut]
    routes_by_time: list[RouteOut]
    blocked: list[BlockedOut]
    conflicts: list[ConflictOut]
