"""The enumerations of attachments."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PreviewState(models.TextChoices):
    """Where an attachment's preview image stands (PDFs only)."""

    NONE = "none", _("no preview")
    PREPARING = "preparing", _("preparing")
    READY = "ready", _("ready")
    FAILED = "failed", _("could not be drawn")
