"""The enumerations of notifications."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EmailChoice(models.TextChoices):
    """How a user wants a kind of notification by e-mail."""

    AT_ONCE = "at_once", _("at once")
    DIGEST = "digest", _("in the daily digest")
    NEVER = "never", _("never")
