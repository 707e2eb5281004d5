"""The agreements API (agreements, their conflicts, closures), mounted by
``accord.transit.api`` at /api/v1/transit."""

from ninja import Router, Status
from ninja.pagination import paginate

from accord.pagination import Pages
from accord.transit.agreements import selectors, services
from accord.transit.agreements.inputs import AgreementValues, ClosureValues
from accord.transit.agreements.schemas import (
    AgreementIn,
    AgreementOut,
    AgreementPatch,
    ClosureIn,
    ClosureOut,
    ClosurePatch,
    ConflictOut,
)
from accord.transit.network.api import patch_values

router = Router()


@router.get("/agreements", response=list[AgreementOut])
@paginate(Pages)
def agreement_list(request, country: str | None = None, group: str | None = None):
    return selectors.agreement_list(actor=request.user, country=country, group=group)


@router.post("/agreements", response={201: AgreementOut})
def agreement_create(request, payload: AgreementIn):
    data = payload.dict()
    data["cap_unit"] = data.get("cap_unit") or ""
    if data.get("marking") is None:
        data.pop("marking")  # the service's default: by the transit country
    values = AgreementValues(**data)
    return Status(201, services.agreement_create(actor=request.user, values=values))


@router.get("/agreements/conflicts", response=list[ConflictOut])
def agreement_conflicts(request):
    """Agreements that contradict each other for the same scope: listed, never resolved."""
    return selectors.conflict_report(actor=request.user)


@router.get("/agreements/{code}", response=AgreementOut)
def agreement_get(request, code: str):
    return selectors.agreement_get(actor=request.user, code=code)


@router.patch("/agreements/{code}", response=AgreementOut)
def agreement_update(request, code: str, payload: AgreementPatch):
    agreement = selectors.agreement_get(actor=request.user, code=code)
    values, version = patch_values(payload, AgreementValues)
    return services.agreement_update(
        actor=request.user, agreement=agreement, values=values, expected_version=version
    )


@router.delete("/agreements/{code}", response={204: None})
def agreement_delete(request, code: str, expected_version: int):
    agreement = selectors.agreement_get(actor=request.user, code=code)
    services.agreement_delete(
        actor=request.user, agreement=agreement, expected_version=expected_version
    )
    return Status(204, None)


@router.get("/closures", response=list[ClosureOut])
def closure_list(request):
    return list(selectors.closure_list(actor=request.user))


@router.post("/closures", response={201: ClosureOut})
def closure_create(request, payload: ClosureIn):
    values = ClosureValues(**payload.dict())
    return Status(201, services.closure_create(actor=request.user, values=values))


@router.patch("/closures/{code}", response=ClosureOut)
def closure_update(request, code: str, payload: ClosurePatch):
    closure = selectors.closure_get(actor=request.user, code=code)
    values, version = patch_values(payload, ClosureValues)
    return services.closure_update(
        actor=request.user, closure=closure, values=values, expected_version=version
    )


@router.delete("/closures/{code}", response={204: None})
def closure_delete(request, code: str, expected_version: int):
    closure = selectors.closure_get(actor=request.user, code=code)
    services.closure_delete(actor=request.user, closure=closure, expected_version=expected_version)
    return Status(204, None)
