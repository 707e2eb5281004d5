"""The audit trail: append-only entries, and the seals that chain them.

An entry is written by a service in the same transaction as the change it records, with an HMAC
of its content (``digest``) so that a row inserted or edited without Accord's key is told apart.
Writers never touch a shared chain head: a sealer chains committed entries afterwards, in seal
order, one ``AuditSeal`` per entry (see docs/adr/0002-audit-chain-sealed-after-commit.md).
Database triggers refuse UPDATE and DELETE on entries, seals and checkpoints.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from accord.audit.engine import CanonicalJSONEncoder
from accord.markings import Marking


class Outcome(models.TextChoices):
    DONE = "done", _("Done")
    REFUSED = "refused", _("Refused")


class AuditEntry(models.Model):
    """One write (or refused attempt): who, when, what, which object, which fields changed."""

    occurred_at = models.DateTimeField(db_index=True, verbose_name=_("occurred at"))
    actor_id = models.BigIntegerField(
        null=True, blank=True, db_index=True, verbose_name=_("actor id")
    )
    actor_name = models.CharField(max_length=150, verbose_name=_("actor"))
    action = models.CharField(max_length=80, db_index=True, verbose_name=_("action"))
    outcome = models.CharField(
        max_length=8, choices=Outcome.choices, default=Outcome.DONE, verbose_name=_("outcome")
    )
    error_code = models.CharField(max_length=60, blank=True, verbose_name=_("error code"))
    object_type = models.CharField(max_length=60, blank=True, verbose_name=_("object type"))
    object_id = models.CharField(max_length=64, blank=True, verbose_name=_("object id"))
    object_repr = models.CharField(max_length=200, blank=True, verbose_name=_("object"))
    # Encoded as in the canonical bytes, so that the verifier can compare the two as text.
    changes = models.JSONField(
        default=dict, blank=True, encoder=CanonicalJSONEncoder, verbose_name=_("changes")
    )
    # The record's marking when the entry was written: the trail is read under the same policy.
    marking = models.CharField(max_length=8, verbose_name=_("marking"))
    owner_nation_id = models.BigIntegerField(null=True, blank=True, verbose_name=_("owner nation"))
    via = models.CharField(
        max_length=8, blank=True, help_text=_("web, api or cli"), verbose_name=_("via")
    )
    digest = models.CharField(max_length=64, verbose_name=_("digest"))
    # The exact bytes the digest was computed over, kept from the write: the verifier checks the
    # digest over them and the fields against them instead of encoding every entry again.
    # Nullable only for the column's addition; an entry without them fails verification.
    canonical = models.BinaryField(null=True, verbose_name=_("canonical content"))

    class Meta:
        verbose_name = _("audit entry")
        ordering = ["-id"]
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["object_type", "object_id", "id"], name="audit_object")]
        constraints = [
            models.CheckConstraint(
                condition=Q(outcome__in=Outcome.values), name="auditentry_outcome_valid"
            ),
        ]

    def __str__(self):
        return f"#{self.pk} {self.action} by {self.actor_name}"


class AuditSeal(models.Model):
    """The link of the chain for one entry: ``chain_hash = sha256(prev_hash, entry id, digest)``."""

    seq = models.BigIntegerField(primary_key=True, verbose_name=_("sequence number"))
    entry_id = models.BigIntegerField(unique=True, verbose_name=_("entry"))
    prev_hash = models.CharField(max_length=64, verbose_name=_("previous hash"))
    chain_hash = models.CharField(max_length=64, verbose_name=_("chain hash"))
    sealed_at = models.DateTimeField(verbose_name=_("sealed at"))

    class Meta:
        verbose_name = _("audit seal")
        verbose_name_plural = _("audit seals")
        ordering = ["seq"]
        constraints = [models.CheckConstraint(condition=Q(seq__gte=1), name="auditseal_seq_pos")]

    def __str__(self):
        return f"seal {self.seq} of entry {self.entry_id}"


class AuditPending(models.Model):
    """Entries written but not yet sealed: the sealer's queue (not part of the trail)."""

    entry_id = models.BigIntegerField(primary_key=True, verbose_name=_("entry"))

    class Meta:
        verbose_name = _("entry awaiting its seal")
        verbose_name_plural = _("entries awaiting their seals")

    def __str__(self):
        return f"entry {self.entry_id} awaiting its seal"


class AuditCheckpoint(models.Model):
    """A signed statement of the chain's head, published outside the database.

    The chain shows that nothing inside it was changed, but not that its newest entries were not
    cut off. A checkpoint (head seal, its hash, the number of sealed entries, when, an HMAC under
    the audit key) is written to a file or a URL elsewhere; ``accord audit verify --against``
    then fails when the chain no longer passes through it. This table is the list of checkpoints
    made, for the auditors' page; the copy that counts is the one outside.
    """

    # Checkpoints carry the chain's head only, nothing of any record: the audit entry recording
    # one is read under PUBLIC, as operations.md recommends publishing the head anyway.
    marking = Marking.PUBLIC
    owner_nation_id = None

    made_at = models.DateTimeField(db_index=True, verbose_name=_("made at"))
    head_seq = models.BigIntegerField(verbose_name=_("head seal"))
    head_hash = models.CharField(max_length=64, verbose_name=_("head hash"))
    entries = models.BigIntegerField(
        help_text=_("sealed entries up to and including the head"), verbose_name=_("entries")
    )
    signature = models.CharField(max_length=64, verbose_name=_("signature"))
    destination = models.CharField(
        max_length=500, help_text=_("the file or URL it was sent to"), verbose_name=_("destination")
    )
    actor_name = models.CharField(max_length=150, verbose_name=_("actor"))

    class Meta:
        verbose_name = _("audit checkpoint")
        verbose_name_plural = _("audit checkpoints")
        ordering = ["-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(head_seq__gte=0, entries__gte=0), name="auditcheckpoint_counts"
            ),
        ]

    def __str__(self):
        return f"checkpoint of seal {self.head_seq} made {self.made_at:%Y-%m-%d %H:%M:%S} UTC"
