"""Oversight's rows of the access matrices: auditors and administrators record findings, cite,
recommend, close and record corrective actions; everyone reads what the marking allows. The
matrix's finding (with its recommendation and corrective action) is marked NATO: NATO's people
read it (the auditor among them, who also writes), others hear 404; a NATO reader who is not an
auditor hears 403 on a write. The chain's checkpoints are for auditors and administrators."""

from datetime import date

from accord.access import system_principal
from accord.oversight import services
from accord.oversight.inputs import CorrectiveActionValues, FindingValues, RecommendationValues
from tests.matrix import (
    AUDITORS,
    EVERYONE,
    NATO_READERS,
    api_rule,
    change_rule,
    everyone,
    page_change_rule,
    page_rule,
)

PAGE_ROOT = "/oversight"


def _finding(marking: str, title: str):
    actor = system_principal("matrix")
    finding = services.finding_create(
        actor=actor,
        values=FindingValues(
            title=title,
            severity="high",
            module="funds",
            owner="Matrix owner",
            root_cause="Matrix root cause",
            found_on=date(2024, 1, 15),
            marking=marking,
        ),
    )
    rec = services.recommendation_create(
        actor=actor,
        finding=finding,
        values=RecommendationValues(text=f"{title}: recommended", opened_on=date(2024, 2, 1)),
    )
    action = services.corrective_action_create(
        actor=actor,
        recommendation=rec,
        values=CorrectiveActionValues(description=f"{title}: action", owner="Matrix owner"),
    )
    return finding, rec, action


def records() -> dict:
    """A PUBLIC finding (what the canaries copy), citing the NATO one as a record of its own,
    and the NATO finding, its recommendation and action for the matrix's reads and writes."""
    public, _rec, _action = _finding("PUBLIC", "Matrix public finding")
    finding, rec, action = _finding("NATO", "Matrix finding")
    services.finding_cite_record(
        actor=system_principal("matrix"),
        finding=public,
        kind="oversight.finding",
        key=str(finding.pk),
        note="Matrix citation",
    )
    return {
        "oversight_finding": finding.pk,
        "oversight_public_finding": public.pk,
        "oversight_recommendation": rec.pk,
        "oversight_action": action.pk,
    }


A = "/oversight"
NATO_API = api_rule(NATO_READERS, 200, denied=404, anonymous=404)


def _read(path):
    return (path, None, api_rule(EVERYONE, 200, anonymous=200))


def _write(path, body, ok):
    return (path, body, change_rule(AUDITORS, NATO_READERS, ok))


API = {
    ("GET", "/api/v1/oversight/findings"): _read(f"{A}/findings?module=funds"),
    ("POST", "/api/v1/oversight/findings"): (
        f"{A}/findings",
        {"title": "Matrix new finding", "severity": "low", "module": "fleet", "owner": "Office"},
        api_rule(AUDITORS, 201),
    ),
    ("GET", "/api/v1/oversight/findings/{finding_id}"): (
        f"{A}/findings/{{oversight_finding}}",
        None,
        NATO_API,
    ),
    ("GET", "/api/v1/oversight/findings/{finding_id}/citations"): (
        f"{A}/findings/{{oversight_finding}}/citations",
        None,
        NATO_API,
    ),
    # A position no chain reaches: auditors hear 422, after the finding is found and changeable.
    ("POST", "/api/v1/oversight/findings/{finding_id}/citations/audit"): _write(
        f"{A}/findings/{{oversight_finding}}/citations/audit", {"position": 10**12}, 422
    ),
    ("POST", "/api/v1/oversight/findings/{finding_id}/citations/record"): _write(
        f"{A}/findings/{{oversight_finding}}/citations/record",
        {"kind": "funds.trustfund", "key": "nrc_hmtf"},
        201,
    ),
    ("POST", "/api/v1/oversight/findings/{finding_id}/recommendations"): _write(
        f"{A}/findings/{{oversight_finding}}/recommendations", {"text": "Matrix more"}, 201
    ),
    ("GET", "/api/v1/oversight/recommendations"): _read(f"{A}/recommendations?status=open"),
    ("POST", "/api/v1/oversight/recommendations/{recommendation_id}/close"): _write(
        f"{A}/recommendations/{{oversight_recommendation}}/close",
        {"outcome": "risk_accepted", "accepted_by": "Matrix official", "expected_version": 1},
        200,
    ),
    ("POST", "/api/v1/oversight/recommendations/{recommendation_id}/actions"): _write(
        f"{A}/recommendations/{{oversight_recommendation}}/actions",
        {"description": "Matrix further action"},
        201,
    ),
    ("POST", "/api/v1/oversight/actions/{action_id}/complete"): _write(
        f"{A}/actions/{{oversight_action}}/complete",
        {"evidence": "Matrix evidence", "expected_version": 1},
        200,
    ),
    ("GET", "/api/v1/oversight/dashboard"): _read(f"{A}/dashboard"),
    ("GET", "/api/v1/oversight/chain"): (f"{A}/chain", None, api_rule(AUDITORS, 200)),
}

NATO_PAGE = page_rule(NATO_READERS, denied=404, anonymous=404)
CHANGE_PAGE = page_change_rule(AUDITORS, NATO_READERS)

PAGES = {
    "oversight:dashboard": ("GET", f"{PAGE_ROOT}/", everyone()),
    "oversight:findings": ("GET", f"{PAGE_ROOT}/findings/", everyone()),
    "oversight:finding-create": ("GET", f"{PAGE_ROOT}/findings/new/", page_rule(AUDITORS)),
    "oversight:finding-detail": ("GET", f"{PAGE_ROOT}/findings/{{oversight_finding}}/", NATO_PAGE),
    "oversight:cite-audit": (
        "GET",
        f"{PAGE_ROOT}/findings/{{oversight_finding}}/cite/audit/",
        CHANGE_PAGE,
    ),
    "oversight:cite-record": (
        "GET",
        f"{PAGE_ROOT}/findings/{{oversight_finding}}/cite/record/",
        CHANGE_PAGE,
    ),
    "oversight:recommend": (
        "GET",
        f"{PAGE_ROOT}/findings/{{oversight_finding}}/recommend/",
        CHANGE_PAGE,
    ),
    "oversight:close": (
        "GET",
        f"{PAGE_ROOT}/recommendations/{{oversight_recommendation}}/close/",
        CHANGE_PAGE,
    ),
    "oversight:action-create": (
        "GET",
        f"{PAGE_ROOT}/recommendations/{{oversight_recommendation}}/actions/new/",
        CHANGE_PAGE,
    ),
    "oversight:action-complete": (
        "GET",
        f"{PAGE_ROOT}/actions/{{oversight_action}}/complete/",
        CHANGE_PAGE,
    ),
    "oversight:auditor": ("GET", f"{PAGE_ROOT}/auditor/", page_rule(AUDITORS)),
}
