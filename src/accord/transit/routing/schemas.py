"""The route planner's API schemas: the query, the routes found and the candidates blocked."""

from datetime import date

from ninja import Field
from pydantic import model_validator

from accord.inputs import Input
from accord.transit.agreements.schemas import ConflictOut
from accord.transit.network.schemas import CodeShown, CodesShown, MessageRedacted, ReadOut


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


class PermitOut(ReadOut):
    arc: str
    # The planner needs a permit in every country a leg crosses, so a hidden nation is said in
    # its place: leaving it out would show the route needing fewer permits than it does.
    country: CodeShown
    agreement: str | None


class RestsOnOut(ReadOut):
    """One agreement a route needs: through which country, and whose agreement it is."""

    agreement: str
    country: CodeShown
    parties: CodesShown

    @model_validator(mode="before")
    @classmethod
    def _from_triple(cls, value):
        # The engine gives (agreement, country, parties).
        if isinstance(value, tuple):
            return dict(zip(("agreement", "country", "parties"), value, strict=True))
        return value


class RouteOut(ReadOut):
    arcs: list[str]
    nodes: list[str]
    modes: list[str]
    cost: float
    days: float
    distance_km: float
    countries: CodesShown
    permits: list[PermitOut]
    rests_on: list[RestsOnOut] = Field(
        description="the agreements the route rests on, with the transit country and the "
        "parties each was made for"
    )
    nations: CodesShown = Field(description="the parties whose agreements the route rests on")
    estimated: bool


class ReasonOut(ReadOut):
    kind: str
    arc: str
    country: CodeShown | None
    record: str | None
    message: MessageRedacted


class BlockedOut(ReadOut):
    arcs: list[str]
    nodes: list[str]
    cost: float
    days: float
    reasons: list[ReasonOut]


class RouteAnswerOut(ReadOut):
    shipper: CodesShown = Field(
        description="the parties the routes were planned for: the shipping nation, and NATO "
        "for a member"
    )
    found: bool
    pareto: list[RouteOut]
    routes_by_cost: list[RouteOut]
    routes_by_time: list[RouteOut]
    blocked: list[BlockedOut]
    conflicts: list[ConflictOut]
