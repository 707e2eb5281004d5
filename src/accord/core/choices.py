"""Declared enumerations of the mission registry."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SiteKind(models.TextChoices):
    HUB = "hub", _("Hub")
    HUB_ELEMENT = "hub_element", _("Hub element")
    SPOKE = "spoke", _("Spoke")
    FUNCTIONAL_COMMAND = "functional_command", _("Functional command")
    TRAINING_CENTRE = "training_centre", _("Training centre")
    AIRBASE = "airbase", _("Airbase")
    PORT = "port", _("Port")
    BORDER_CROSSING = "border_crossing", _("Border crossing")


class OrganisationKind(models.TextChoices):
    ALLIANCE = "alliance", _("Alliance or council")
    MISSION = "mission", _("Mission or command")
    UN_BODY = "un_body", _("UN body")
    AGENCY = "agency", _("Agency")
    MINISTRY = "ministry", _("Ministry")
    FORCE = "force", _("Force or corps")
    COMPANY = "company", _("Company")
