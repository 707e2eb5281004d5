"""The network's API (nodes and legs), mounted by ``accord.transit.api`` at /api/v1/transit."""

from ninja import Router, Status
from ninja.pagination import paginate

from accord.inputs import Values
from accord.names import names_given
from accord.pagination import Pages
from accord.transit.network import selectors, services
from accord.transit.network.inputs import LegValues, NodeValues
from accord.transit.network.schemas import LegIn, LegOut, LegPatch, NodeIn, NodeOut, NodePatch

router = Router()


def patch_values[V: Values](payload, values_class: type[V]) -> tuple[V, int]:
    """A ``<Entity>Patch`` as the service's input: only the fields that were sent (a partial
    update stays partial), and the version the caller read."""
    # The other languages' names ({"ru": ...}) become the columns the services take (name_ru...).
    data = names_given(payload.dict(exclude_unset=True), "name")
    version = data.pop("expected_version")
    return values_class(**data), version


@router.get("/nodes", response=list[NodeOut])
@paginate(Pages)
def node_list(request):
    return selectors.node_list(actor=request.user)


@router.post("/nodes", response={201: NodeOut})
def node_create(request, payload: NodeIn):
    values = NodeValues(**names_given(payload.dict(), "name"))
    return Status(201, services.node_create(actor=request.user, values=values))


@router.get("/nodes/{code}", response=NodeOut)
def node_get(request, code: str):
    return selectors.node_get(actor=request.user, code=code)


@router.patch("/nodes/{code}", response=NodeOut)
def node_update(request, code: str, payload: NodePatch):
    node = selectors.node_get(actor=request.user, code=code)
    values, version = patch_values(payload, NodeValues)
    return services.node_update(
        actor=request.user, node=node, values=values, expected_version=version
    )


@router.get("/legs", response=list[LegOut])
@paginate(Pages)
def leg_list(request, mode: str | None = None):
    return selectors.leg_list(actor=request.user, mode=mode)


@router.post("/legs", response={201: LegOut})
def leg_create(request, payload: LegIn):
    values = LegValues(**payload.dict())
    return Status(201, services.leg_create(actor=request.user, values=values))


@router.get("/legs/{code}", response=LegOut)
def leg_get(request, code: str):
    return selectors.leg_get(actor=request.user, code=code)


@router.patch("/legs/{code}", response=LegOut)
def leg_update(request, code: str, payload: LegPatch):
    leg = selectors.leg_get(actor=request.user, code=code)
    values, version = patch_values(payload, LegValues)
    return services.leg_update(actor=request.user, leg=leg, values=values, expected_version=version)


@router.delete("/legs/{code}", response={204: None})
def leg_delete(request, code: str, expected_version: int):
    leg = selectors.leg_get(actor=request.user, code=code)
    services.leg_delete(actor=request.user, leg=leg, expected_version=expected_version)
    return Status(204, None)
