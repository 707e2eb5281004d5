"""Advising's enumerations: the kinds of counterpart, the ministries they answer to, the rating
scale and the markings an engagement report may carry."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from accord.markings import Marking


class CounterpartKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    CORPS = "corps", _("Corps")
    POLICE_ZONE = "police_zone", _("Police zone")


class Ministry(models.TextChoices):
    """The ministry a counterpart answers to: the trend charts are drawn per ministry."""

    MOD = "mod", _("Ministry of Defence")
    MOI = "moi", _("Ministry of Interior Affairs")


# The rating scale of a milestone (GAO-14-482 asked advisor teams to measure progress against
# milestones): 1, not started, to 5, achieved and sustained without advisors.
class Score(models.IntegerChoices):
    NOT_STARTED = 1, _("1 – not started")
    INITIATED = 2, _("2 – initiated")
    PARTIAL = 3, _("3 – partly capable")
    CAPABLE = 4, _("4 – capable with advice")
    SUSTAINED = 5, _("5 – sustained without advisors")


# An engagement report is the mission's (NATO) or one nation's own (NATIONAL): never PUBLIC.
REPORT_MARKINGS = (Marking.NATO, Marking.NATIONAL)
