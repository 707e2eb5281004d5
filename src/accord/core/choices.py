"""Declared enumerations of the mission registry."""

from django.db import models


class SiteKind(models.TextChoices):
    HUB = "hub", "Hub"
    HUB_ELEMENT = "hub_element", "Hub element"
    SPOKE = "spoke", "Spoke"
    FUNCTIONAL_COMMAND = "functional_command", "Functional command"
    TRAINING_CENTRE = "training_centre", "Training centre"
    AIRBASE = "airbase", "Airbase"
    PORT = "port", "Port"
    BORDER_CROSSING = "border_crossing", "Border crossing"


class OrganisationKind(models.TextChoices):
    ALLIANCE = "alliance", "Alliance or council"
    MISSION = "mission", "Mission or command"
    UN_BODY = "un_body", "UN body"
    AGENCY = "agency", "Agency"
    MINISTRY = "ministry", "Ministry"
    FORCE = "force", "Force or corps"
    COMPANY = "company", "Company"
