"""The network's API (nodes and legs), mounted by ``accord.transit.api`` at /api/v1/transit."""

from ninja import Router, Status
from ninja.pagination import paginate

from accord.pagination import Pages
from accord.transit.network import selectors, services
from accord.transit.network.schemas import LegIn, LegOut, LegPatch, NodeIn, NodeOut, NodePatch

router = Router()


def patch_values(payload) -> tuple[dict, int]:
    """A ``<Entity>Patch``'s fields that were sent, and the version the caller read."""
    data = payload.dict(exclude_unset=True)
    return data, data.pop("expected_version")


@router.get("/nodes", response=list[NodeOut])
@paginate(Pages)
def node_list(request):
    return selectors.node_list(actor=request.user)


@router.post("/nodes", response={201: NodeOut})
def node_create(request, payload: NodeIn):
    return Status(201, services.node_create(actor=request.user, data=payload.dict()))


@router.get("/nodes/{code}", response=NodeOut)
def node_get(request, code: str):
    return selectors.node_get(actor=request.user, code=code)


@router.patch("/nodes/{code}", response=NodeOut)
def node_update(request, code: str, payload: NodePatch):
    node = selectors.node_get(actor=request.user, code=code)
    data, version = patch_values(payload)
    return services.node_update(actor=request.user, node=node, data=data, expected_version=version)


@router.get("/legs", response=list[LegOut])
@paginate(Pages)
def leg_list(request, mode: str | None = None):
    return selectors.leg_list(actor=request.user, mode=mode)


@router.post("/legs", response={201: LegOut})
def leg_create(request, payload: LegIn):
    return Status(201, services.leg_create(actor=request.user, data=payload.dict()))


@router.get("/legs/{code}", response=LegOut)
def leg_get(request, code: str):
    return selectors.leg_get(actor=request.user, code=code)


@router.patch("/legs/{code}", response=LegOut)
def leg_update(request, code: str, payload: LegPatch):
    leg = selectors.leg_get(actor=request.user, code=code)
    data, version = patch_values(payload)
    return services.leg_update(actor=request.user, leg=leg, data=data, expected_version=version)


@router.delete("/legs/{code}", response={204: None})
def leg_delete(request, code: str, expected_version: int):
    leg = selectors.leg_get(actor=request.user, code=code)
    services.leg_delete(actor=request.user, leg=leg, expected_version=expected_version)
    return Status(204, None)
