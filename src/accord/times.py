"""Times as Accord stores and compares them: always aware, always UTC."""

from datetime import UTC, datetime

from django.utils import timezone
from django.utils.translation import gettext as _

from accord.errors import Code, ValidationFailed


def in_utc(moment: datetime, *, field: str, code: Code = Code.VALIDATION_FAILED) -> datetime:
    """A time in UTC. One without a zone is read in Accord's time zone, as the pages read it;
    any offset is accepted (PostgreSQL refuses offsets beyond 15:59 that ISO 8601 allows)."""
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    try:
        return moment.astimezone(UTC)
    except OverflowError:
        raise ValidationFailed(
            _("That time is out of range."), code=code, errors={field: [_("out of range")]}
        ) from None
