"""The route planner's API, mounted by ``accord.transit.api`` at /api/v1/transit."""

from ninja import Router

from accord.core import selectors as core_selectors
from accord.transit.routing import services
from accord.transit.routing.schemas import RouteAnswerOut, RouteIn

router = Router()


@router.post("/routes", response=RouteAnswerOut)
def route_query(request, payload: RouteIn):
    """The Pareto routes by cost and time, k alternatives, and why other candidates are blocked."""
    data = payload.dict()
    data["avoid_countries"] = tuple(c.upper() for c in data["avoid_countries"])
    data["modes"] = tuple(data["modes"]) if data["modes"] is not None else None
    data["shipper"] = tuple(data["shipper"])
    answer = services.route_query(actor=request.user, **data)
    return {
        "shipper": core_selectors.nation_codes_shown(
            answer.query.shipper, core_selectors.hidden_nations_of(request)
        ),
        "found": answer.found,
        "pareto": answer.pareto,
        "routes_by_cost": answer.routes_by_cost,
        "routes_by_time": answer.routes_by_time,
        "blocked": answer.blocked,
        "conflicts": answer.conflicts,
    }
