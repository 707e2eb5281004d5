"""Transit API, mounted at /api/v1/transit: one router gathering the sub-domains' routers.

Each sub-domain's ``api.py`` declares its own operations; this module mounts them in one place
and keeps their OpenAPI operation ids as they were when the transit API was one module
(``accord_transit_api_<function>``): clients generated from the document call them by those
names, so moving an endpoint between modules must not rename it.
"""

from ninja import Router

from accord.transit.agreements.api import router as agreements_router
from accord.transit.network.api import router as network_router
from accord.transit.overview.api import router as overview_router
from accord.transit.planning.api import router as planning_router
from accord.transit.routing.api import router as routing_router
from accord.transit.shipments.api import router as shipments_router

OPERATION_ID_PREFIX = "accord_transit_api_"

router = Router(tags=["transit"])

for part in (
    network_router,
    overview_router,
    agreements_router,
    planning_router,
    routing_router,
    shipments_router,
):
    for path_view in part.path_operations.values():
        for operation in path_view.operations:
            operation.operation_id = operation.operation_id or (
                OPERATION_ID_PREFIX + operation.view_func.__name__
            )
    router.add_router("", part)
