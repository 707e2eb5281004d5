"""Oversight: findings, what they cite, recommendations and corrective actions. Persistence only.

A finding is what an auditor found (title, severity, root cause, owner, due date), marked like
every record users read. It cites the evidence it rests on: audit entries by their position in
the chain (the seal's sequence number, which never changes once sealed) and records of any
module (by the model's label and the record's id). A citation stores only the address; what it
points at is read for each reader through the access policy (``accord.oversight.citables``), so
a citation of something the reader may not read shows nothing, not even that it exists.

Recommendations belong to a finding and are tracked from open to closed, either remediated (with
corrective actions done and their evidence) or risk-accepted (naming who accepted the risk); the
closure is itself an entry of the audit trail, whose id the recommendation keeps.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accord.access_rules import AccessRule
from accord.marked import Marked
from accord.markings import Role
from accord.oversight.choices import Module, RecommendationStatus, Severity

AUDITORS = {Role.ADMINISTRATOR, Role.AUDITOR}
# Auditors and administrators record findings and everything under them; everyone else reads
# what the markings let them read.
FINDING_RULE = AccessRule(change_roles=AUDITORS)
# The records under a finding carry its marking and are read through its current one too, so a
# re-marked finding takes its citations, recommendations and actions with it.
UNDER_FINDING = AccessRule(change_roles=AUDITORS, read_through="finding")
# The kind of citation that names an audit entry by its place in the chain.
AUDIT_POSITION = "audit.position"


class Finding(Marked):
    """What an audit found: what is wrong, how badly, why, who must put it right and by when."""

    access_rule = FINDING_RULE

    title = models.CharField(_("title"), max_length=200)
    severity = models.CharField(_("severity"), max_length=8, choices=Severity.choices)
    module = models.CharField(_("module"), max_length=12, choices=Module.choices)
    root_cause = models.TextField(_("root cause"), blank=True)
    owner = models.CharField(
        _("owner"), max_length=150, help_text=_("The office or person who must put it right.")
    )
    due = models.DateField(_("due date"), null=True, blank=True)
    found_on = models.DateField(_("found on"))
    recorded_by = models.CharField(_("recorded by"), max_length=150, blank=True)

    class Meta:
        ordering = ["-found_on", "-pk"]
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(condition=~Q(title=""), name="oversight_finding_has_title"),
            models.CheckConstraint(
                condition=Q(severity__in=Severity.values), name="oversight_finding_severity_valid"
            ),
            models.CheckConstraint(
                condition=Q(module__in=Module.values), name="oversight_finding_module_valid"
            ),
        ]

    def __str__(self):
        return self.title


class Citation(Marked):
    """One piece of evidence a finding cites: an audit entry by its position in the chain
    (``kind`` is ``audit.position``, ``ident`` the position) or a record of any module (``kind``
    is the model's label, ``ident`` its id)."""

    access_rule = UNDER_FINDING

    finding = models.ForeignKey(
        Finding,
        on_delete=models.CASCADE,
        related_name="citations",
        verbose_name=_("finding"),
        db_index=False,  # oversight_citation_unique leads with it
    )
    kind = models.CharField(_("kind"), max_length=60)
    ident = models.BigIntegerField(_("identifier"))
    note = models.CharField(_("note"), max_length=500, blank=True)

    class Meta:
        ordering = ["kind", "ident"]
        verbose_name = _("citation")
        verbose_name_plural = _("citations")
        constraints = [
            *Marked.Meta.constraints,
            models.UniqueConstraint(
                fields=["finding", "kind", "ident"], name="oversight_citation_unique"
            ),
            models.CheckConstraint(condition=Q(ident__gte=1), name="oversight_citation_ident"),
        ]

    def __str__(self):
        return f"{self.kind} {self.ident}"


class Recommendation(Marked):
    """What the auditor recommends to put a finding right, tracked from open to closed."""

    access_rule = UNDER_FINDING

    finding = models.ForeignKey(
        Finding,
        on_delete=models.CASCADE,
        related_name="recommendations",
        verbose_name=_("finding"),
    )
    text = models.TextField(_("recommendation"))
    owner = models.CharField(_("owner"), max_length=150, blank=True)
    due = models.DateField(_("due date"), null=True, blank=True)
    opened_on = models.DateField(_("opened on"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=RecommendationStatus.choices,
        default=RecommendationStatus.OPEN,
    )
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    closed_by = models.CharField(_("closed by"), max_length=150, blank=True)
    accepted_by = models.CharField(
        _("risk accepted by"),
        max_length=150,
        blank=True,
        help_text=_("The official who accepted the risk of leaving it unremedied."),
    )
    closure_note = models.TextField(_("closure note"), blank=True)
    # The audit entry that records the closure: the closure is in the chain itself.
    closure_entry_id = models.BigIntegerField(_("closure's audit entry"), null=True, blank=True)

    class Meta:
        ordering = ["opened_on", "pk"]
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        indexes = [models.Index(fields=["status", "opened_on"], name="oversight_rec_open")]
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(condition=~Q(text=""), name="oversight_rec_has_text"),
            models.CheckConstraint(
                condition=Q(status__in=RecommendationStatus.values),
                name="oversight_rec_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(status=RecommendationStatus.OPEN) | Q(closed_on__isnull=False),
                name="oversight_rec_closed_dated",
            ),
            models.CheckConstraint(
                condition=~Q(status=RecommendationStatus.RISK_ACCEPTED) | ~Q(accepted_by=""),
                name="oversight_rec_risk_has_acceptor",
            ),
        ]

    def __str__(self):
        return self.text[:80]

    @property
    def is_open(self) -> bool:
        return self.status == RecommendationStatus.OPEN


class CorrectiveAction(Marked):
    """A step taken to carry out a recommendation; done once its evidence is recorded."""

    access_rule = UNDER_FINDING

    finding = models.ForeignKey(
        Finding, on_delete=models.CASCADE, related_name="+", verbose_name=_("finding")
    )
    recommendation = models.ForeignKey(
        Recommendation,
        on_delete=models.CASCADE,
        related_name="actions",
        verbose_name=_("recommendation"),
    )
    description = models.TextField(_("action"))
    owner = models.CharField(_("owner"), max_length=150, blank=True)
    due = models.DateField(_("due date"), null=True, blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    evidence = models.TextField(_("evidence"), blank=True)
    evidence_url = models.URLField(_("evidence link"), max_length=500, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("corrective action")
        verbose_name_plural = _("corrective actions")
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(condition=~Q(description=""), name="oversight_action_text"),
            models.CheckConstraint(
                condition=Q(done_on__isnull=True) | ~Q(evidence=""),
                name="oversight_action_done_has_evidence",
            ),
        ]

    def __str__(self):
        return self.description[:80]

    @property
    def is_done(self) -> bool:
        return self.done_on is not None
