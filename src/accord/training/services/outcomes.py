"""Where graduates go, and what the programmes aimed for: outcomes a beneficiary agency reports
of a graduate (a promotion, a new post), and the programmes' targets the statistics compare
the trained count with."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.utils.translation import gettext as _

from accord import access
from accord.audit.services import audited, audited_action
from accord.core.services import record_create
from accord.errors import Code, Conflict, ValidationFailed
from accord.l10n import format_day
from accord.markings import Marking
from accord.training.choices import NominationStatus, OutcomeKind, TargetKind
from accord.training.models import Nomination, Outcome, Target, Trainee


@dataclass(frozen=True, kw_only=True)
class OutcomeValues:
    """What an agency reports of a graduate."""

    agency: object  # a core Organisation the actor may read
    day: date
    kind: str
    description: str


def _first_pass(trainee: Trainee) -> date | None:
    return (
        Nomination.objects.filter(trainee=trainee, status=NominationStatus.PASSED)
        .order_by("session__ends")
        .values_list("session__ends", flat=True)
        .first()
    )


@audited("outcome.record")
def outcome_record(*, actor, graduate: Trainee, values: OutcomeValues) -> Outcome:
    """Record what a beneficiary agency reports of one of its graduates: trainers for anyone,
    a delegation for its own nation's graduates. Refused for someone who never passed a course
    (``outcome_not_graduate``) and for a day before they did (``outcome_before_graduation``)."""
    access.require_view(actor, graduate)
    access.require_view(actor, values.agency)
    description = (values.description or "").strip()
    if values.kind not in OutcomeKind.values:
        raise ValidationFailed(
            _("Choose what happened from the list."), errors={"kind": [_("choose one")]}
        )
    if not description:
        raise ValidationFailed(_("Say what happened."), errors={"description": [_("required")]})
    passed = _first_pass(graduate)
    if passed is None:
        raise Conflict(
            _("%(name)s has passed no course yet: outcomes are reported for graduates.")
            % {"name": graduate},
            code=Code.OUTCOME_NOT_GRADUATE,
        )
    if values.day < passed:
        raise ValidationFailed(
            _("%(name)s graduated on %(day)s: report what happened on that day or later.")
            % {"name": graduate, "day": format_day(passed)},
            code=Code.OUTCOME_BEFORE_GRADUATION,
            errors={"day": [_("on or after graduation")]},
        )
    data = {
        "graduate": graduate,
        "nation": graduate.nation,
        "agency": values.agency,
        "day": values.day,
        "kind": values.kind,
        "description": description,
        "reported_by_id": access.principal_of(actor).user_id,
        # Personal data, like the graduate it is about: read by role and nation.
        "marking": Marking.NATIONAL,
        "owner_nation": graduate.nation,
    }
    return record_create(actor=actor, model=Outcome, data=data, action=audited_action())


@dataclass(frozen=True, kw_only=True)
class TargetValues:
    code: str
    kind: str
    due: date
    value: int
    nation: object | None = None
    since: date | None = None
    note: str = ""


@audited("target.create")
def target_create(*, actor, programme, values: TargetValues) -> Target:
    """A figure the programme set out to reach (or reported) by a day; it carries the
    programme's marking."""
    access.require_view(actor, programme)
    if values.kind not in TargetKind.values or values.value <= 0:
        raise ValidationFailed(
            _("A target is a number of people above zero, planned or reported."),
            errors={"value": [_("above zero")]},
        )
    data = {
        "programme": programme,
        "code": values.code,
        "kind": values.kind,
        "due": values.due,
        "value": values.value,
        "nation": values.nation,
        "since": values.since,
        "note": values.note,
        "marking": programme.marking,
        "owner_nation": programme.owner_nation,
    }
    return record_create(actor=actor, model=Target, data=data, action=audited_action())
