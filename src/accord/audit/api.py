"""The audit trail's API: the trail for auditors, one record's history, and verification."""

from datetime import datetime

from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema
from ninja.pagination import paginate

from accord.audit import selectors
from accord.errors import PermissionDenied
from accord.inputs import Input
from accord.pagination import Pages

router = Router(tags=["audit"])


class EntryOut(Schema):
    id: int
    occurred_at: datetime
    actor: str = Field(alias="actor_name")
    action: str
    outcome: str
    error_code: str
    object_type: str
    object_id: str
    object_repr: str
    changes: dict
    via: str
    digest: str


class EntryQuery(Input):
    action: str | None = None
    actor: str | None = None
    object_type: str | None = None
    outcome: str | None = None
    since: datetime | None = None
    until: datetime | None = None


class VerifyOut(Schema):
    intact: bool
    sealed_checked: int
    pending: int
    head_hash: str
    first_break: str | None


@router.get("/entries", response=list[EntryOut])
@paginate(Pages)
def entry_list(request, filters: Query[EntryQuery]):
    return selectors.audit_entry_list(
        actor=request.user, filters={k: v for k, v in filters.dict().items() if v is not None}
    )


@router.get("/verify", response=VerifyOut)
def verify(request):
    if not selectors.audit_trail_readable(request.user):
        raise PermissionDenied(_("Verification is for auditors and administrators."))
    report = selectors.audit_verify()
    return {
        "intact": report.ok,
        "sealed_checked": report.sealed_checked,
        "pending": report.pending,
        "head_hash": report.head_hash,
        "first_break": report.first_break.said(_) if report.first_break else None,
    }
