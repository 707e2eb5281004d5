"""Every read of oversight that users see, always through the access policy.

``findings_visible_to(actor)`` is the door other apps use (advising links its ratings to
findings). A finding's citations are resolved for each reader: audit entries through the audit
trail's own reading rules, records through their models' access doors; what the reader may not
read is left out of the lists and the counts alike.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db.models import F, QuerySet
from django.utils import timezone

from accord.audit import selectors as audit_selectors
from accord.core.selectors import filtered, readable_get
from accord.oversight import engine
from accord.oversight.choices import Module, RecommendationStatus
from accord.oversight.citables import AUDIT_KIND_NAME, read_cited
from accord.oversight.filters import FindingFilter, RecommendationFilter
from accord.oversight.models import (
    AUDIT_POSITION,
    Citation,
    CorrectiveAction,
    Finding,
    Recommendation,
)


def findings_visible_to(actor) -> QuerySet:
    """The findings the actor may read (the door for apps above oversight)."""
    return Finding.objects.visible_to(actor)


def finding_list(*, actor, params=None) -> QuerySet:
    return filtered(FindingFilter, params, findings_visible_to(actor), actor)


def finding_get(*, actor, pk: int) -> Finding:
    return readable_get(Finding.objects.all(), actor, pk=pk)


def recommendation_list(*, actor, params=None) -> QuerySet:
    qs = Recommendation.objects.visible_to(actor).select_related("finding")
    return filtered(RecommendationFilter, params, qs, actor)


def recommendation_get(*, actor, pk: int) -> Recommendation:
    return readable_get(Recommendation.objects.select_related("finding"), actor, pk=pk)


def recommendations_of(*, actor, finding: Finding) -> list[Recommendation]:
    """The finding's recommendations the actor reads, each with its readable actions and, once
    closed, the closure's position in the chain (None while it awaits its seal)."""
    recs = list(Recommendation.objects.visible_to(actor).filter(finding=finding))
    actions = CorrectiveAction.objects.visible_to(actor).filter(recommendation__in=recs)
    by_rec: dict[int, list] = {}
    for action in actions:
        by_rec.setdefault(action.recommendation_id, []).append(action)
    positions = audit_selectors.audit_positions_of(
        [r.closure_entry_id for r in recs if r.closure_entry_id]
    )
    for rec in recs:
        rec.shown_actions = by_rec.get(rec.pk, [])
        rec.closure_position = positions.get(rec.closure_entry_id)
    return recs


def corrective_action_get(*, actor, pk: int) -> CorrectiveAction:
    return readable_get(CorrectiveAction.objects.select_related("recommendation"), actor, pk=pk)


@dataclass(frozen=True)
class ShownCitation:
    """A citation as one reader may see it: what it points at, named and linked."""

    pk: int
    kind: str  # the label stored
    kind_name: str
    ident: int
    name: str
    url: str | None
    note: str
    entry: object | None = None  # the audit entry, for a citation of the trail


def citations_of(*, actor, finding: Finding) -> list[ShownCitation]:
    """The finding's citations whose target the actor may read; the rest are left out."""
    rows = list(Citation.objects.visible_to(actor).filter(finding=finding))
    positions = [c.ident for c in rows if c.kind == AUDIT_POSITION]
    entries = audit_selectors.audit_entries_at(actor=actor, positions=positions)
    records = read_cited(actor, [(c.kind, c.ident) for c in rows if c.kind != AUDIT_POSITION])
    shown = []
    for c in rows:
        if c.kind == AUDIT_POSITION:
            entry = entries.get(c.ident)
            if entry is not None:
                name = f"{entry.action} · {entry.object_repr or entry.object_type}"
                shown.append(
                    ShownCitation(
                        c.pk, c.kind, str(AUDIT_KIND_NAME), c.ident, name, None, c.note, entry
                    )
                )
        elif (record := records.get((c.kind, c.ident))) is not None:
            shown.append(
                ShownCitation(c.pk, c.kind, record.kind, c.ident, record.name, record.url, c.note)
            )
    return shown


def audit_entry_at(*, actor, position: int):
    """The audit entry at a position of the chain if the actor may read it, else None."""
    return audit_selectors.audit_entries_at(actor=actor, positions=[position]).get(position)


def open_recommendations_by_module(*, actor, today: date | None = None) -> dict:
    """Open recommendations the actor reads, counted by the finding's module and by age bracket:
    ``{"brackets": [...], "rows": [{"module", "label", "counts": [...], "total"}], "total"}``."""
    today = today or timezone.localdate()
    keys = [key for _bound, key in engine.AGE_BRACKETS]
    counts: dict[str, dict[str, int]] = {}
    rows = (
        Recommendation.objects.visible_to(actor)
        .filter(status=RecommendationStatus.OPEN)
        .values_list("finding__module", "opened_on")
    )
    for module, opened_on in rows:
        bracket = engine.age_bracket(opened_on, today)
        counts.setdefault(module, dict.fromkeys(keys, 0))[bracket] += 1
    labels = dict(Module.choices)
    table = [
        {
            "module": module,
            "label": labels.get(module, module),
            "counts": [counts[module][k] for k in keys],
            "total": sum(counts[module].values()),
        }
        for module in Module.values
        if module in counts
    ]
    return {"brackets": keys, "rows": table, "total": sum(r["total"] for r in table)}


def checkpoints_of_head(*, actor, limit: int = 50) -> dict:
    """For the auditor's page: the chain's head, the trail's counts and the signed checkpoints
    made of the head, newest first, each with whether the chain still passes through it."""
    checkpoints = list(audit_selectors.audit_checkpoint_list(actor=actor)[:limit])
    standing = audit_selectors.audit_checkpoint_standing(checkpoints)
    for checkpoint in checkpoints:
        checkpoint.standing = standing[checkpoint.pk]
    return {
        "head": audit_selectors.audit_chain_head(),
        "counts": audit_selectors.audit_counts(),
        "checkpoints": checkpoints,
    }


def open_findings(*, actor) -> QuerySet:
    """The findings the actor reads with a recommendation still open (among those it reads),
    the earliest due first."""
    return finding_list(actor=actor, params={"open": "true"}).order_by(
        F("due").asc(nulls_last=True), "-found_on", "-pk"
    )


def checkpoint_latest(*, actor):
    """The chain's last checkpoint, with whether the chain still passes through it
    (``standing``), and how many were made: for auditors and administrators."""
    checkpoints = audit_selectors.audit_checkpoint_list(actor=actor)
    latest = checkpoints.first()
    if latest is None:
        return None, 0
    latest.standing = audit_selectors.audit_checkpoint_standing([latest])[latest.pk]
    return latest, checkpoints.count()


def auditor_page_readable(actor) -> bool:
    return audit_selectors.audit_trail_readable(actor)
