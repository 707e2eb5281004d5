"""Attachments: files kept beside the records of every app that registers a kind of record."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accord.access_rules import AccessRule
from accord.documents.choices import PreviewState
from accord.marked import Marked


class Attachment(Marked):
    """A file attached to one record (a decision's minutes, a fund's agreement as signed, a
    shipment's waybill). Read only by those who read both its record and its own marking, which
    is the record's or a narrower one. The content is kept in the storage named ``documents``,
    under ``stored_name``; ``sha256`` is the content's hash, also written in the audit trail.
    Its content is never changed once kept: a new version is a new attachment that ``replaces``
    it (the old one stays, as history), and a removed attachment is withdrawn from its record's
    panel (``removed_at``, by whom and why) but kept in the storage for the audit trail."""

    # Nobody changes an attachment: it is added to a record by whoever may change the record.
    access_rule = AccessRule()

    kind = models.CharField(_("kind of record"), max_length=40)
    record_id = models.CharField(pgettext_lazy("attached to", "record"), max_length=64)
    name = models.CharField(_("file name"), max_length=200)
    media_type = models.CharField(_("type"), max_length=120)
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256 of the content"), max_length=64)
    stored_name = models.CharField(_("stored as"), max_length=255, unique=True)
    preview_state = models.CharField(
        _("preview"), max_length=10, choices=PreviewState.choices, default=PreviewState.NONE
    )
    preview_name = models.CharField(_("preview stored as"), max_length=255, blank=True)
    uploaded_by = models.ForeignKey(
        "core.User",
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    replaces = models.OneToOneField(
        "self",
        verbose_name=_("replaces"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="replaced_by",
    )
    removed_at = models.DateTimeField(_("removed at"), null=True, blank=True)
    removed_by = models.ForeignKey(
        "core.User",
        verbose_name=_("removed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    removal_reason = models.TextField(_("reason for removal"), blank=True)

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["-uploaded_at", "-pk"]
        indexes = [models.Index(fields=["kind", "record_id"], name="documents_attachment_record")]
        constraints = [
            *Marked.Meta.constraints,
            models.CheckConstraint(condition=Q(size__gt=0), name="documents_attachment_size"),
            models.CheckConstraint(
                condition=Q(preview_state__in=PreviewState.values),
                name="documents_attachment_preview_state",
            ),
        ]

    def __str__(self) -> str:
        return self.name
