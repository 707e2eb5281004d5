"""Declared enumerations of the mission registry."""

from django.db import models


class Marking(models.TextChoices):
    """Who may read a record. Every record carries one (see docs/architecture.md, "Access")."""

    PUBLIC = "PUBLIC", "Public"
    NRC = "NRC", "NRC (NATO and Russia)"
    NATO = "NATO", "NATO"
    NATIONAL = "NATIONAL", "National (one nation)"


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", "Administrator"
    SECRETARIAT = "secretariat", "Council secretariat"
    DELEGATION = "delegation", "National delegation"
    FUND_MANAGER = "fund_manager", "Fund manager"
    LOGISTICIAN = "logistician", "Logistician"
    MAINTENANCE_OFFICER = "maintenance_officer", "Maintenance officer"
    TRAINER = "trainer", "Trainer"
    HUB_STAFF = "hub_staff", "Hub staff"
    SPOKE_STAFF = "spoke_staff", "Spoke staff"
    AUDITOR = "auditor", "Auditor"


# Roles whose holders work at one site and change only that site's records.
SITE_ROLES = frozenset({Role.HUB_STAFF, Role.SPOKE_STAFF})


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
