"""A user's notifications and their preferences per kind.

A notification belongs to one user and is read by that user only: it is not a marked record.
What it says was written for its recipient when they could read the record it is about; the
inbox shows its subject and link again only while they still can (``selectors``).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.notifications.choices import EmailChoice


class Notification(models.Model):
    """Something that happened that concerns one user: a circulation, a broken silence, an
    adoption, a due maintenance item, a place come free."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notifications",
        db_index=False,  # notif_user_unread leads with it
    )
    kind = models.CharField(_("kind"), max_length=64)
    subject = models.CharField(_("subject"), max_length=300)
    body = models.TextField(_("message"), blank=True)
    # The record it is about, by its model's label ("council.consultation") and id, and the page
    # that shows it; both shown again only while the recipient may read the record.
    record_type = models.CharField(_("record type"), max_length=100, blank=True)
    record_id = models.BigIntegerField(_("record id"), null=True, blank=True)
    url = models.CharField(_("link"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"))
    read_at = models.DateTimeField(_("read at"), null=True, blank=True)
    # Kept for the recipient's daily digest: its e-mail has not gone yet.
    digest_pending = models.BooleanField(_("kept for the digest"), default=False)
    # In the outbox: an e-mail "at once" that the worker sends (``outbox_send``), gathered with the
    # recipient's others into one message per run; nothing is sent by the write that told them.
    email_pending = models.BooleanField(_("in the outbox"), default=False)
    # What gathers several events into this one notice (a run of close-due adopting many texts of
    # one body): a later part of the same run rewrites it instead of adding another. Empty for a
    # notice about one event.
    gather_key = models.CharField(_("gathered under"), max_length=64, blank=True)
    in_app = models.BooleanField(_("shown in the inbox"), default=True)

    class Meta:
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["user", "read_at"], name="notif_user_unread"),
            models.Index(
                fields=["user"],
                name="notif_digest_pending",
                condition=models.Q(digest_pending=True),
            ),
            models.Index(
                fields=["user"],
                name="notif_email_pending",
                condition=models.Q(email_pending=True),
            ),
            models.Index(
                fields=["gather_key", "user"],
                name="notif_gathered",
                condition=~models.Q(gather_key=""),
            ),
        ]

    def __str__(self) -> str:
        return self.subject


class Preference(models.Model):
    """How one user wants one kind of notification; no row means the default (in the inbox and
    by e-mail at once)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_preferences",
        db_index=False,  # notif_pref_one_per_kind leads with it
    )
    kind = models.CharField(_("kind"), max_length=64)
    in_app = models.BooleanField(_("in the inbox"), default=True)
    email = models.CharField(
        _("by e-mail"), max_length=8, choices=EmailChoice.choices, default=EmailChoice.AT_ONCE
    )

    class Meta:
        verbose_name = _("notification preference")
        verbose_name_plural = _("notification preferences")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="notif_pref_one_per_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.kind}"
