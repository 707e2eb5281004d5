"""Plausible values, declared once on a model's field.

A field's validators run at every door (the forms, which take them from the model; the API and the
imports, whose services validate the record before saving it), so a figure or a date no one could
mean is refused the same way everywhere, with a message in the user's words.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accord.errors import Code, ValidationFailed
from accord.l10n import format_number

# UNSCR 1386 established ISAF on 20 December 2001: no figure of the mission is dated earlier.
MISSION_HISTORY_STARTS = date(2001, 12, 20)
# More personnel than ISAF ever had at its height (about 130,000 in 2011), with room to spare.
MOST_PERSONNEL = 200_000


class AtMost(MaxValueValidator):
    """Django's upper bound, its limit written as the reader writes numbers (200 000 in Russian,
    ۲۰۰٬۰۰۰ in Dari), not as Python prints it."""

    def __call__(self, value):
        if value is not None and value > self.limit_value:
            limit = format_number(self.limit_value)
            raise ValidationError(self.message, code=self.code, params={"limit_value": limit})


def today() -> date:
    return timezone.localdate()


def dated_of_record() -> list:
    """A day something was so (a figure as of a date): within the mission's history, not ahead."""
    return [
        MinValueValidator(
            MISSION_HISTORY_STARTS,
            message=_(
                "This date is before the mission's history begins (20 December 2001): "
                "check the year."
            ),
        ),
        MaxValueValidator(
            today,
            message=_("This date is in the future: a figure is recorded once it is known."),
        ),
    ]


def personnel_count() -> list:
    """A number of people serving: at most more than the mission ever had."""
    return [
        AtMost(
            MOST_PERSONNEL,
            message=_(
                "No contribution to the mission came near %(limit_value)s personnel: "
                "check the figure."
            ),
        )
    ]


def require_day_of_record(day: date | None, field: str = "day") -> None:
    """For a service whose day is an argument rather than a model's field (a ledger entry's
    value date): the same bounds as ``dated_of_record``, refused with the same words."""
    if day is None or MISSION_HISTORY_STARTS <= day <= today():
        # Within both bounds (the validators' own tests): nothing to say, and no validator
        # built with its translated message (every posting of the ledger passes here).
        return
    for validator in dated_of_record():
        try:
            validator(day)
        except ValidationError as error:
            code = Code.DATE_IN_FUTURE if isinstance(validator, MaxValueValidator) else None
            message = str(error.messages[0])
            raise ValidationFailed(
                message, code=code or Code.DATE_INVALID, errors={field: [message]}
            ) from None
