"""Oversight's canaries: findings, their citations, recommendations and corrective actions.
The PUBLIC templates are the matrix's PUBLIC finding and what hangs under it (tests/matrix/
oversight.py); its citation names the NATO finding, so its page shows a citation the crawl's
readers may not read, which must show nothing of it."""

from accord.oversight import services
from accord.oversight.inputs import FindingValues
from accord.oversight.models import Citation, CorrectiveAction, Finding, Recommendation
from tests.canary import ACTOR, Canary, route, serial


def _no_link(kind, template):
    return {"evidence_url": ""}  # a URL field: the token is no URL


def _another_target(kind, template):
    """A finding cites a target once: each copy cites a PUBLIC finding of its own, which every
    reader may read, so the copy's own marking alone decides who sees it (and its note)."""
    target = services.finding_create(
        actor=ACTOR,
        values=FindingValues(
            title=f"Cited by a canary {serial(f'citation-{kind}')}",
            severity="low",
            module="other",
            owner="Canary office",
            marking="PUBLIC",
        ),
    )
    return {"ident": target.pk}


CANARIES = {
    Finding: Canary(),
    # The kind is a model's label the registry resolves, not text a person wrote.
    Citation: Canary(keep=frozenset({"kind"}), overrides=_another_target),
    Recommendation: Canary(),
    CorrectiveAction: Canary(overrides=_no_link),
}

PAGES = {
    "oversight:finding-detail": route(Finding, pk="pk"),
    "oversight:cite-audit": route(Finding, pk="pk"),
    "oversight:cite-record": route(Finding, pk="pk"),
    "oversight:recommend": route(Finding, pk="pk"),
    "oversight:close": route(Recommendation, pk="pk"),
    "oversight:action-create": route(Recommendation, pk="pk"),
    "oversight:action-complete": route(CorrectiveAction, pk="pk"),
}

API = {
    "/api/v1/oversight/findings/{finding_id}": route(Finding, finding_id="pk"),
    "/api/v1/oversight/findings/{finding_id}/citations": route(Finding, finding_id="pk"),
}
