"""The situation's enumerations: event sources, control statuses, assessors, confidence."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class EventSource(models.TextChoices):
    UCDP_GED = "ucdp_ged", _("UCDP GED")
    ACLED = "acled", _("ACLED")


class Control(models.TextChoices):
    """What an assessor says of a district (each assessor defines the words its own way)."""

    CONTROLLED = "controlled", _("Government controlled")
    CONTESTED = "contested", _("Contested")
    INSURGENT = "insurgent", _("Insurgent controlled")
    UNKNOWN = "unknown", _("Unknown")


class Assessor(models.TextChoices):
    RS_ASSESSMENT = "rs_assessment", _("Resolute Support district assessment")
    LONG_WAR_JOURNAL = "long_war_journal", _("Long War Journal")
    NATIONAL_ESTIMATE = "national_estimate", _("National estimate")
    INSURGENT_CLAIM = "insurgent_claim", _("Insurgents' own claims")


class Confidence(models.TextChoices):
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")
