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


class Measure(models.TextChoices):
    """What a UNODC narcotics figure measures (the Afghanistan Opium Survey's tables)."""

    CULTIVATION_HA = "cultivation_ha", _("Opium poppy cultivation (hectares)")
    ERADICATION_HA = "eradication_ha", _("Eradication (hectares)")
    PRODUCTION_T = "production_t", _("Potential opium production (tonnes)")
    PRODUCTION_SHARE = "production_share", _("Share of the country's production (%)")
    PRICE_USD_KG = "price_usd_kg", _("Farm-gate price of dry opium (USD a kilogram)")
    HEROIN_T = "heroin_t", _("Heroin made from Afghan opium (tonnes)")


class Drug(models.TextChoices):
    HEROIN = "heroin", _("Heroin")
    OPIUM = "opium", _("Opium")
    MORPHINE = "morphine", _("Morphine")
    HASHISH = "hashish", _("Hashish")
    PRECURSORS = "precursors", _("Precursor chemicals")


class IncidentKind(models.TextChoices):
    """Kinds of terrorist incident the NRC action plan on terrorism names or implies."""

    ARMED_ATTACK = "armed_attack", _("Armed attack")
    BOMBING = "bombing", _("Bombing or IED")
    SUICIDE_ATTACK = "suicide_attack", _("Suicide attack")
    ROCKET = "rocket", _("Rocket or mortar fire")
    KIDNAPPING = "kidnapping", _("Kidnapping or hostage taking")
    HIJACKING = "hijacking", _("Hijacking")
    CBRN = "cbrn", _("Chemical, biological, radiological or nuclear")
    OTHER = "other", _("Other")


class TaskStatus(models.TextChoices):
    OPEN = "open", _("Open")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")
