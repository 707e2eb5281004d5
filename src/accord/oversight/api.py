"""Oversight API, mounted at /api/v1/oversight.

Findings and what hangs under them answer what the caller's markings let them read (a finding
out of reach is not found); a finding's citations list only what the caller may read of what
they point at. Auditors and administrators write. The chain's checkpoints are read by auditors
and administrators. Thin: each endpoint parses, reads through the selectors and calls one
service.
"""

from django.utils.translation import gettext as _
from ninja import Query, Router, Schema, Status
from ninja.pagination import paginate

from accord.core.apiauth import PUBLIC_AUTH
from accord.errors import PermissionDenied
from accord.oversight import selectors, services
from accord.oversight.inputs import CorrectiveActionValues, FindingValues, RecommendationValues
from accord.oversight.schemas import (
    ActionEvidenceIn,
    ActionIn,
    ActionOut,
    AuditCitationIn,
    ChainOut,
    CitationOut,
    CloseIn,
    DashboardOut,
    FindingDetailOut,
    FindingIn,
    FindingOut,
    RecommendationIn,
    RecommendationOut,
    RecordCitationIn,
)
from accord.pagination import Pages

router = Router(tags=["oversight"])


def _given(payload: Schema) -> dict:
    """The payload's fields the caller filled (an omitted date takes the service's default)."""
    return {k: v for k, v in payload.dict().items() if v is not None}


def _citation(c) -> dict:
    return {
        "kind": c.kind,
        "kind_name": c.kind_name,
        "ident": c.ident,
        "name": c.name,
        "url": c.url,
        "note": c.note,
    }


def _detail(actor, finding) -> dict:
    base = FindingOut.from_orm(finding).dict()
    return {
        **base,
        "citations": [_citation(c) for c in selectors.citations_of(actor=actor, finding=finding)],
        "recommendations": selectors.recommendations_of(actor=actor, finding=finding),
    }


def _recommendation(actor, rec):
    """A recommendation as its finding's page shows it: its actions, its closure's position."""
    shown = selectors.recommendations_of(actor=actor, finding=rec.finding)
    return next(r for r in shown if r.pk == rec.pk)


class FindingQuery(Schema):
    q: str | None = None
    severity: str | None = None
    module: str | None = None
    open: bool | None = None
    marking: str | None = None
    sort: str | None = None


@router.get("/findings", response=list[FindingOut], auth=PUBLIC_AUTH)
@paginate(Pages)
def finding_list(request, filters: Query[FindingQuery]):
    params = {k: v for k, v in filters.dict().items() if v not in (None, "")}
    return selectors.finding_list(actor=request.user, params=params)


@router.post("/findings", response={201: FindingDetailOut})
def finding_create(request, payload: FindingIn):
    finding = services.finding_create(actor=request.user, values=FindingValues(**_given(payload)))
    return Status(201, _detail(request.user, finding))


@router.get("/findings/{finding_id}", response=FindingDetailOut, auth=PUBLIC_AUTH)
def finding_get(request, finding_id: int):
    finding = selectors.finding_get(actor=request.user, pk=finding_id)
    return _detail(request.user, finding)


@router.post("/findings/{finding_id}/citations/audit", response={201: FindingDetailOut})
def cite_audit(request, finding_id: int, payload: AuditCitationIn):
    finding = selectors.finding_get(actor=request.user, pk=finding_id)
    services.finding_cite_audit(
        actor=request.user, finding=finding, position=payload.position, note=payload.note
    )
    return Status(201, _detail(request.user, finding))


@router.post("/findings/{finding_id}/citations/record", response={201: FindingDetailOut})
def cite_record(request, finding_id: int, payload: RecordCitationIn):
    finding = selectors.finding_get(actor=request.user, pk=finding_id)
    services.finding_cite_record(
        actor=request.user, finding=finding, kind=payload.kind, key=payload.key, note=payload.note
    )
    return Status(201, _detail(request.user, finding))


@router.get("/findings/{finding_id}/citations", response=list[CitationOut], auth=PUBLIC_AUTH)
def citation_list(request, finding_id: int):
    finding = selectors.finding_get(actor=request.user, pk=finding_id)
    return [_citation(c) for c in selectors.citations_of(actor=request.user, finding=finding)]


@router.post("/findings/{finding_id}/recommendations", response={201: RecommendationOut})
def recommendation_create(request, finding_id: int, payload: RecommendationIn):
    finding = selectors.finding_get(actor=request.user, pk=finding_id)
    rec = services.recommendation_create(
        actor=request.user, finding=finding, values=RecommendationValues(**_given(payload))
    )
    return Status(201, _recommendation(request.user, rec))


@router.get("/recommendations", response=list[RecommendationOut], auth=PUBLIC_AUTH)
@paginate(Pages)
def recommendation_list(request, status: str | None = None, module: str | None = None):
    params = {k: v for k, v in {"status": status, "module": module}.items() if v}
    return selectors.recommendation_list(actor=request.user, params=params)


@router.post("/recommendations/{recommendation_id}/close", response=RecommendationOut)
def recommendation_close(request, recommendation_id: int, payload: CloseIn):
    rec = selectors.recommendation_get(actor=request.user, pk=recommendation_id)
    closed = services.recommendation_close(
        actor=request.user,
        recommendation=rec,
        outcome=payload.outcome,
        accepted_by=payload.accepted_by,
        note=payload.note,
        expected_version=payload.expected_version,
    )
    return _recommendation(request.user, closed)


@router.post("/recommendations/{recommendation_id}/actions", response={201: ActionOut})
def action_create(request, recommendation_id: int, payload: ActionIn):
    rec = selectors.recommendation_get(actor=request.user, pk=recommendation_id)
    action = services.corrective_action_create(
        actor=request.user, recommendation=rec, values=CorrectiveActionValues(**_given(payload))
    )
    return Status(201, action)


@router.post("/actions/{action_id}/complete", response=ActionOut)
def action_complete(request, action_id: int, payload: ActionEvidenceIn):
    action = selectors.corrective_action_get(actor=request.user, pk=action_id)
    return services.corrective_action_complete(
        actor=request.user,
        action=action,
        evidence=payload.evidence,
        evidence_url=payload.evidence_url,
        done_on=payload.done_on,
        expected_version=payload.expected_version,
    )


@router.get("/dashboard", response=DashboardOut, auth=PUBLIC_AUTH)
def dashboard(request):
    """Open recommendations the caller reads, by the finding's module and by age in days."""
    return selectors.open_recommendations_by_module(actor=request.user)


@router.get("/chain", response=ChainOut)
def chain(request):
    """The audit chain's head and the signed checkpoints made of it (auditors and
    administrators)."""
    if not selectors.auditor_page_readable(request.user):
        raise PermissionDenied(_("The audit chain is read by auditors and administrators."))
    found = selectors.checkpoints_of_head(actor=request.user)
    return {**found["counts"], "head": found["head"], "checkpoints": found["checkpoints"]}
