"""Council: bodies, meetings, consultations, decisions, legal bases, joint actions (storage).

Legal bases and joint actions are what the other modules point at: a trust fund serves a joint
action and rests on a legal basis, a transit agreement is recorded in the register of legal bases,
a shipment or a course belongs to a joint action.
"""

from django.db import models
from django.db.models import F, Q

from accord.core.access_rules import AccessRule
from accord.core.choices import Role
from accord.core.models import Marked


class LegalBasisKind(models.TextChoices):
    UNSCR = "unscr", "UN Security Council resolution"
    SOFA = "sofa", "Status-of-forces agreement"
    BSA = "bsa", "Bilateral security agreement"
    TRANSIT = "transit", "Transit agreement"
    FOUNDING = "founding", "Founding text"
    SUMMIT = "summit", "Summit declaration"
    COUNCIL = "council", "Council decision"
    MOU = "mou", "Memorandum of understanding"
    OTHER = "other", "Other instrument"


class LegalBasis(Marked):
    """An instrument that gives activities their legal footing, with its dates and scope.

    Scope is three lists that are empty when unrestricted: the kinds of activity it covers, the
    territories (ISO3 codes) it applies to and, for transit, the cargo classes it permits.
    """

    access_rule = AccessRule(change_roles={Role.ADMINISTRATOR, Role.SECRETARIAT})

    code = models.SlugField(max_length=60, unique=True)
    title = models.CharField(max_length=300)
    kind = models.CharField(max_length=12, choices=LegalBasisKind.choices)
    reference = models.CharField(
        max_length=200, blank=True, help_text="The instrument's own number, e.g. S/RES/1386."
    )
    parties = models.ManyToManyField("core.Nation", blank=True, related_name="legal_bases")
    party_organisations = models.ManyToManyField(
        "core.Organisation", blank=True, related_name="legal_bases"
    )
    signed = models.DateField(null=True, blank=True)
    ratified = models.DateField(null=True, blank=True)
    in_force = models.DateField(null=True, blank=True)
    expires = models.DateField(null=True, blank=True)
    revoked = models.DateField(null=True, blank=True)
    activity_kinds = models.JSONField(
        default=list, blank=True, help_text="Kinds of activity covered; empty means any."
    )
    territories = models.JSONField(
        default=list, blank=True, help_text="ISO3 codes of the territories; empty means any."
    )
    cargo_classes = models.JSONField(
        default=list, blank=True, help_text="For transit: cargo classes permitted."
    )
    summary = models.TextField(blank=True)
    sources = models.ManyToManyField("core.Source", blank=True, related_name="+")

    class Meta:
        ordering = ["signed", "code"]
        verbose_name_plural = "legal bases"
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(expires__isnull=True)
                | Q(in_force__isnull=True)
                | Q(expires__gte=F("in_force")),
                name="council_legalbasis_expires_after_in_force",
            ),
        ]

    def __str__(self):
        return self.title


class JointActionStatus(models.TextChoices):
    PROPOSED = "proposed", "Proposed"
    ACTIVE = "active", "Active"
    SUSPENDED = "suspended", "Suspended"
    COMPLETED = "completed", "Completed"
    CANCELLED = "cancelled", "Cancelled"


class JointAction(Marked):
    """A practical cooperation project: counter-narcotics training, the helicopter trust fund...

    Other modules link their records here (a trust fund, a shipment, an aircraft, a course) with
    a foreign key to ``council.JointAction``; the action's page lists what points at it.
    """

    access_rule = AccessRule(change_roles={Role.ADMINISTRATOR, Role.SECRETARIAT})

    code = models.SlugField(max_length=60, unique=True)
    name = models.CharField(max_length=300)
    area = models.CharField(
        max_length=40, blank=True, help_text="Area of cooperation, e.g. counter_narcotics."
    )
    status = models.CharField(
        max_length=12, choices=JointActionStatus.choices, default=JointActionStatus.PROPOSED
    )
    start = models.DateField(null=True, blank=True)
    end = models.DateField(null=True, blank=True)
    lead_nation = models.ForeignKey(
        "core.Nation", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    participants = models.ManyToManyField("core.Nation", blank=True, related_name="joint_actions")
    legal_bases = models.ManyToManyField(LegalBasis, blank=True, related_name="joint_actions")
    description = models.TextField(blank=True)
    sources = models.ManyToManyField("core.Source", blank=True, related_name="+")

    class Meta:
        ordering = ["start", "code"]
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(start__isnull=True) | Q(end__gte=F("start")),
                name="council_jointaction_end_after_start",
            ),
        ]

    def __str__(self):
        return self.name
