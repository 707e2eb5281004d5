"""Training's enumerations."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ProgrammeKind(models.TextChoices):
    COUNTER_NARCOTICS = "counter_narcotics", _("Counter-narcotics officers")
    TECHNICIANS = "technicians", _("Helicopter technicians")
    PILOTS = "pilots", _("Pilots")


class Language(models.TextChoices):
    RUSSIAN = "ru", _("Russian")
    ENGLISH = "en", _("English")


class NominationStatus(models.TextChoices):
    # In context: a nomination («кандидатура») takes the feminine in Russian.
    ACCEPTED = "accepted", pgettext_lazy("nomination", "Accepted")
    WAITLISTED = "waitlisted", pgettext_lazy("nomination", "Waitlisted")
    WITHDRAWN = "withdrawn", pgettext_lazy("nomination", "Withdrawn")
    PASSED = "passed", pgettext_lazy("nomination", "Passed")
    FAILED = "failed", pgettext_lazy("nomination", "Failed")


# The nominations that hold a seat: the ones a session's capacity and quotas count.
SEATED = (NominationStatus.ACCEPTED, NominationStatus.PASSED, NominationStatus.FAILED)


class MatchState(models.TextChoices):
    """Whether a trainee may be a person already known under another record."""

    NONE = "none", _("No other record suggested")
    SUGGESTED = "suggested", _("Possible match: a trainer to confirm or reject")
    REJECTED = "rejected", _("Confirmed as a different person")
    MERGED = "merged", _("Merged into the known record")


class TargetKind(models.TextChoices):
    """Whether a programme's figure is what it set out to train or what it reported trained."""

    PLANNED = "planned", _("Planned")
    REPORTED = "reported", _("Reported")


class OutcomeKind(models.TextChoices):
    """What a beneficiary agency reports of a graduate after the course (seizures are the
    situation module's narcotics records, not outcomes of one person)."""

    PROMOTION = "promotion", _("Promotion")
    POSTING = "posting", _("Posted to a new duty")
    COMMENDATION = "commendation", _("Commendation")
    INSTRUCTOR = "instructor", _("Teaching others what the course taught")
    OTHER = "other", _("Other outcome")
