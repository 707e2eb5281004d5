"""The map's API, mounted by ``accord.transit.api`` at /api/v1/transit."""

from ninja import Router

from accord.transit.overview import selectors
from accord.transit.planning import selectors as planning_selectors

router = Router()


@router.get("/map", response=dict)
def network_map(request, plan: int | None = None):
    """The network, shipments and (with ``plan``) utilisation, as GeoJSON."""
    stored = planning_selectors.plan_get(actor=request.user, pk=plan) if plan else None
    return selectors.network_geojson(actor=request.user, plan=stored)
