"""Personnel's enumerations: unit kinds, grades, the recruiting pipeline, attrition, and the
reasons a payroll line is a suspected ghost."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    MINISTRY = "ministry", _("Ministry")
    CORPS = "corps", _("Corps")
    POLICE_ZONE = "police_zone", _("Police zone")
    BRIGADE = "brigade", _("Brigade")
    KANDAK = "kandak", _("Kandak (battalion)")
    PROVINCIAL = "provincial", _("Provincial unit")


class Grade(models.TextChoices):
    GENERAL = "general", _("General officer")
    OFFICER = "officer", _("Officer")
    NCO = "nco", _("Non-commissioned officer")
    SOLDIER = "soldier", _("Soldier or patrolman")
    CIVILIAN = "civilian", _("Civilian")


class Stage(models.TextChoices):
    """The recruiting pipeline, in order: a person moves one stage at a time."""

    APPLIED = "applied", _("Applied")
    VETTED = "vetted", _("Vetted")
    TRAINED = "trained", _("Trained")
    ASSIGNED = "assigned", _("Assigned")


PIPELINE = [Stage.APPLIED, Stage.VETTED, Stage.TRAINED, Stage.ASSIGNED]


class AttritionKind(models.TextChoices):
    KILLED = "killed", _("Killed")
    WOUNDED = "wounded", _("Wounded")
    DESERTED = "deserted", _("Deserted")
    DISCHARGED = "discharged", _("Discharged")
    RETIRED = "retired", _("Retired")


# Attrition that ends service: the person leaves their position and is no longer paid. A
# wounded person stays on strength (and on the payroll) while they recover.
LEAVING = frozenset(
    {AttritionKind.KILLED, AttritionKind.DESERTED, AttritionKind.DISCHARGED, AttritionKind.RETIRED}
)


class Reason(models.TextChoices):
    """Why a payroll line is a suspected ghost; a line may have several."""

    NO_PERSON = "no_person", _("No such person")
    NOT_SLOTTED = "not_slotted", _("Not slotted in the position paid")
    DUPLICATE_ENROLMENT = "duplicate_enrolment", _("Duplicate biometric enrolment")
    SEPARATED = "separated", _("Left before the month")
    ABSENT = "absent", _("Absent from the roster")
    PAID_TWICE = "paid_twice", _("Paid twice")
