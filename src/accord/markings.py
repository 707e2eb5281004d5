"""Markings and roles: the vocabulary of the access policy (``accord.access``).

A base module, below every app: the policy, the audit trail and every app's models declare
records' markings and check roles with these names, so none of them depends on another app for it.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Marking(models.TextChoices):
    """Who may read a record. Every record carries one (see docs/architecture.md, "Access")."""

    PUBLIC = "PUBLIC", _("Public")
    NRC = "NRC", _("NRC (NATO and Russia)")
    NATO = "NATO", _("NATO")
    NATIONAL = "NATIONAL", _("National (one nation)")


class Role(models.TextChoices):
    ADMINISTRATOR = "administrator", _("Administrator")
    SECRETARIAT = "secretariat", _("Council secretariat")
    DELEGATION = "delegation", _("National delegation")
    FUND_MANAGER = "fund_manager", _("Fund manager")
    LOGISTICIAN = "logistician", _("Logistician")
    MAINTENANCE_OFFICER = "maintenance_officer", _("Maintenance officer")
    TRAINER = "trainer", _("Trainer")
    HUB_STAFF = "hub_staff", _("Hub staff")
    SPOKE_STAFF = "spoke_staff", _("Spoke staff")
    AUDITOR = "auditor", _("Auditor")


def names_its_nation(marking: str) -> bool:
    """Whether a record so marked belongs to one nation, which its label then names (a record
    of another marking may record an owner too, but is not read by that nation alone)."""
    return marking == Marking.NATIONAL


# Roles whose holders work at one site and change only that site's records.
SITE_ROLES = frozenset({Role.HUB_STAFF, Role.SPOKE_STAFF})
