"""Every write of oversight: one audited function per use case.

Who writes: auditors and administrators (``FINDING_RULE``); everyone else reads what the
markings let them read. Every record under a finding (citation, recommendation, corrective
action) takes the finding's marking, so it is read by the finding's readers and no one else.
A citation is refused unless the writer may read what it cites: an audit position that is not
sealed, or whose entry the writer may not read, is refused with the same words as one that does
not exist, so a refusal tells nothing of the trail beyond the writer's reach.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError as DjangoValidationError
from django.core.validators import URLValidator
from django.utils import timezone
from django.utils.translation import gettext as _

from accord import access
from accord.audit.services import audit_record, audited, audited_action, field_changes, snapshot
from accord.core.services import record_create
from accord.errors import Code, Conflict, ValidationFailed
from accord.oversight import engine, selectors
from accord.oversight.choices import RecommendationStatus
from accord.oversight.citables import citable, find_record
from accord.oversight.inputs import CorrectiveActionValues, FindingValues, RecommendationValues
from accord.oversight.models import (
    AUDIT_POSITION,
    Citation,
    CorrectiveAction,
    Finding,
    Recommendation,
)


def _required_text(value, field: str, message: str) -> str:
    text = str(value or "").strip()
    if not text:
        raise ValidationFailed(message, errors={field: [message]})
    return text


def _under(finding: Finding) -> dict:
    """What a record under the finding copies from it: its marking and owner nation."""
    return {
        "finding": finding,
        "marking": finding.marking,
        "owner_nation": finding.owner_nation,
    }


@audited("finding.create")
def finding_create(*, actor, values: FindingValues) -> Finding:
    """Record a finding; the auditor who records it is kept beside it."""
    access.require_kind(actor, "create", Finding)
    data = values.given()
    data["title"] = _required_text(
        data.get("title"), "title", _("Give the finding a title that says what is wrong.")
    )
    data["owner"] = _required_text(
        data.get("owner"), "owner", _("Name the office or person who must put it right.")
    )
    data.setdefault("found_on", timezone.localdate())
    if data["found_on"] > timezone.localdate():
        message = _("A finding cannot be found after today: check the date.")
        raise ValidationFailed(message, errors={"found_on": [message]})
    if data.get("due") and data["due"] < data["found_on"]:
        message = _("The due date comes before the day it was found: check both dates.")
        raise ValidationFailed(message, errors={"due": [message]})
    data["recorded_by"] = access.principal_of(actor).username
    return record_create(actor=actor, model=Finding, data=data, action=audited_action())


@audited("finding.cite_audit")
def finding_cite_audit(*, actor, finding: Finding, position: int, note: str = "") -> Citation:
    """Cite the audit entry at a position of the chain (the writer must be able to read it)."""
    access.require_change(actor, finding)
    if selectors.audit_entry_at(actor=actor, position=position) is None:
        raise ValidationFailed(
            _("No audit entry that you may read sits at position %(position)s of the chain.")
            % {"position": position},
            code=Code.AUDIT_POSITION_UNKNOWN,
            errors={"position": [str(Code.AUDIT_POSITION_UNKNOWN.message)]},
        )
    return _cite(actor, finding, AUDIT_POSITION, position, note)


@audited("finding.cite_record")
def finding_cite_record(
    *, actor, finding: Finding, kind: str, key: str, note: str = ""
) -> Citation:
    """Cite a record of any module, named by the kind's key (a reference, a number, an id)."""
    access.require_change(actor, finding)
    found_kind = citable(kind)
    if found_kind is None:
        raise ValidationFailed(
            code=Code.CITATION_KIND_UNKNOWN,
            errors={"kind": [str(Code.CITATION_KIND_UNKNOWN.message)]},
        )
    record = find_record(actor, found_kind, key)
    if record is None:
        raise ValidationFailed(
            _("No %(kind)s that you may read is named %(key)s.")
            % {"kind": found_kind.name, "key": str(key)[:60]},
            code=Code.CITED_RECORD_UNKNOWN,
            errors={"key": [str(Code.CITED_RECORD_UNKNOWN.message)]},
        )
    return _cite(actor, finding, found_kind.label, record.pk, note)


def _cite(actor, finding: Finding, kind: str, ident: int, note: str) -> Citation:
    if Citation.objects.filter(finding=finding, kind=kind, ident=ident).exists():
        raise Conflict(_("The finding cites this already."), code=Code.DUPLICATE)
    data = {**_under(finding), "kind": kind, "ident": ident, "note": str(note or "").strip()}
    return record_create(actor=actor, model=Citation, data=data, action=audited_action())


@audited("recommendation.create")
def recommendation_create(
    *, actor, finding: Finding, values: RecommendationValues
) -> Recommendation:
    """Add an open recommendation to a finding."""
    access.require_change(actor, finding)
    data = values.given()
    data["text"] = _required_text(
        data.get("text"), "text", _("Say what should be done to put the finding right.")
    )
    data.setdefault("opened_on", timezone.localdate())
    data.update(_under(finding), status=RecommendationStatus.OPEN)
    return record_create(actor=actor, model=Recommendation, data=data, action=audited_action())


@audited("recommendation.close")
def recommendation_close(
    *,
    actor,
    recommendation: Recommendation,
    outcome: str,
    accepted_by: str = "",
    note: str = "",
    expected_version: int,
) -> Recommendation:
    """Close a recommendation as remediated (its actions done, with evidence) or as
    risk-accepted (naming who accepted the risk). The closure is an entry of the audit chain,
    whose id the recommendation keeps."""
    rec = Recommendation.objects.select_for_update().get(pk=recommendation.pk)
    access.require_change(actor, rec)
    _check_version(rec, expected_version)
    actions = [(a.is_done, bool(a.evidence)) for a in rec.actions.all()]
    problem = engine.closure_problem(
        outcome=outcome, is_open=rec.is_open, accepted_by=accepted_by, actions=actions
    )
    _refuse_closure(problem)
    before = snapshot(rec)
    rec.status = outcome
    rec.closed_on = timezone.localdate()
    rec.closed_by = access.principal_of(actor).username
    rec.accepted_by = accepted_by.strip() if outcome == engine.RISK_ACCEPTED else ""
    rec.closure_note = str(note or "").strip()
    rec.version += 1
    rec.save()
    entry = audit_record(
        actor=actor,
        action=audited_action(),
        obj=rec,
        changes=field_changes(before, snapshot(rec)),
    )
    Recommendation.objects.filter(pk=rec.pk).update(closure_entry_id=entry.pk)
    rec.closure_entry_id = entry.pk
    return rec


def _refuse_closure(problem: str | None) -> None:
    if problem is None:
        return
    if problem == "closed":
        raise Conflict(code=Code.RECOMMENDATION_CLOSED)
    if problem == "acceptor":
        raise ValidationFailed(
            code=Code.RISK_ACCEPTOR_MISSING,
            errors={"accepted_by": [str(Code.RISK_ACCEPTOR_MISSING.message)]},
        )
    if problem == "outcome":
        message = _("Close it as remediated or as risk-accepted.")
        raise ValidationFailed(message, errors={"outcome": [message]})
    raise ValidationFailed(code=Code.REMEDIATION_WITHOUT_EVIDENCE)


def _check_link(url: str) -> None:
    if not url:
        return
    try:
        URLValidator(schemes=["http", "https"])(url)
    except DjangoValidationError:
        message = _("Give the evidence's link as a web address starting with https://.")
        raise ValidationFailed(message, errors={"evidence_url": [message]}) from None


def _check_version(obj, expected_version: int) -> None:
    if obj.version != expected_version:
        raise Conflict(code=Code.STALE_VERSION)


@audited("corrective_action.create")
def corrective_action_create(
    *, actor, recommendation: Recommendation, values: CorrectiveActionValues
) -> CorrectiveAction:
    """Assign a corrective action to an open recommendation."""
    access.require_change(actor, recommendation)
    if not recommendation.is_open:
        raise Conflict(code=Code.RECOMMENDATION_CLOSED)
    data = values.given()
    data["description"] = _required_text(
        data.get("description"), "description", _("Say what action is to be taken.")
    )
    data.update(_under(recommendation.finding), recommendation=recommendation)
    return record_create(actor=actor, model=CorrectiveAction, data=data, action=audited_action())


@audited("corrective_action.complete")
def corrective_action_complete(
    *,
    actor,
    action: CorrectiveAction,
    evidence: str,
    evidence_url: str = "",
    done_on: date | None = None,
    expected_version: int,
) -> CorrectiveAction:
    """Record a corrective action as done, with the evidence that it was."""
    row = CorrectiveAction.objects.select_for_update().get(pk=action.pk)
    access.require_change(actor, row)
    _check_version(row, expected_version)
    if row.is_done:
        raise Conflict(code=Code.ACTION_DONE_ALREADY)
    if not str(evidence or "").strip():
        raise ValidationFailed(
            code=Code.EVIDENCE_MISSING, errors={"evidence": [str(Code.EVIDENCE_MISSING.message)]}
        )
    done_on = done_on or timezone.localdate()
    if done_on > timezone.localdate():
        message = _("An action cannot be done after today: check the date.")
        raise ValidationFailed(message, errors={"done_on": [message]})
    before = snapshot(row)
    row.evidence = str(evidence).strip()
    row.evidence_url = str(evidence_url or "").strip()
    row.done_on = done_on
    row.version += 1
    _check_link(row.evidence_url)
    row.save()
    audit_record(
        actor=actor, action=audited_action(), obj=row, changes=field_changes(before, snapshot(row))
    )
    return row
