"""Oversight's enumerations: how severe a finding is, which module it concerns, where a
recommendation stands, how a closure ended."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Severity(models.TextChoices):
    CRITICAL = "critical", _("Critical")
    HIGH = "high", _("High")
    MEDIUM = "medium", _("Medium")
    LOW = "low", _("Low")


class Module(models.TextChoices):
    """The part of the mission a finding concerns (the dashboard counts by it)."""

    REGISTRY = "registry", _("Registry")
    COUNCIL = "council", _("Council")
    FUNDS = "funds", _("Trust funds")
    BUDGET = "budget", _("Budget")
    TRANSIT = "transit", _("Transit")
    FLEET = "fleet", _("Fleet")
    TRAINING = "training", _("Training")
    PERSONNEL = "personnel", _("Personnel")
    SITUATION = "situation", _("Situation")
    OTHER = "other", _("Other")


class RecommendationStatus(models.TextChoices):
    OPEN = "open", _("Open")
    REMEDIATED = "remediated", _("Closed: remediated")
    RISK_ACCEPTED = "risk_accepted", _("Closed: risk accepted")


class Closure(models.TextChoices):
    """How an open recommendation may be closed."""

    REMEDIATED = "remediated", _("Remediated")
    RISK_ACCEPTED = "risk_accepted", _("Risk accepted")
