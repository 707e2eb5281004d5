"""Writes to the catalogue: qualifications, programmes, courses, sessions with their seats per
nation and their funding per donor."""

from __future__ import annotations

from dataclasses import replace

from django.db import IntegrityError
from django.utils.translation import gettext as _

from accord import access
from accord.audit.services import audit_record, audited, audited_action
from accord.core.services import record_create, record_update
from accord.errors import Code, Conflict, ValidationFailed
from accord.money import exponent
from accord.training.inputs import CourseValues, ProgrammeValues, QualificationValues, SessionValues
from accord.training.models import (
    Course,
    Programme,
    Qualification,
    SeatQuota,
    Session,
    SessionFunding,
)
from accord.training.services.pipeline import promote_waiting


@audited("qualification.create")
def qualification_create(*, actor, values: QualificationValues) -> Qualification:
    return record_create(
        actor=actor, model=Qualification, data=values.given(), action=audited_action()
    )


@audited("programme.create")
def programme_create(*, actor, values: ProgrammeValues) -> Programme:
    return record_create(actor=actor, model=Programme, data=values.given(), action=audited_action())


@audited("programme.update")
def programme_update(
    *, actor, programme: Programme, values: ProgrammeValues, expected_version: int
) -> Programme:
    return record_update(
        actor=actor,
        obj=programme,
        data=values.given(),
        expected_version=expected_version,
        action=audited_action(),
    )


@audited("course.create")
def course_create(*, actor, values: CourseValues) -> Course:
    """A course of a programme; it carries the programme's marking unless given its own."""
    if values.has("programme") and not values.marking:
        programme = values.programme
        values = replace(values, marking=programme.marking, owner_nation=programme.owner_nation)
    return record_create(actor=actor, model=Course, data=values.given(), action=audited_action())


@audited("course.update")
def course_update(*, actor, course: Course, values: CourseValues, expected_version: int) -> Course:
    return record_update(
        actor=actor,
        obj=course,
        data=values.given(),
        expected_version=expected_version,
        action=audited_action(),
    )


def _check_session(values: SessionValues) -> None:
    if values.has("currency"):
        exponent(values.currency)  # unknown_currency
    if values.has("cost_minor") and values.cost_minor < 0:
        raise ValidationFailed(
            _("A session's cost is zero or more."),
            code=Code.AMOUNT_NOT_POSITIVE,
            errors={"cost": [_("zero or more")]},
        )


@audited("session.create")
def session_create(
    *, actor, course: Course, values: SessionValues, quotas: dict | None = None
) -> Session:
    """A session of ``course`` with its seats per nation (``{nation: seats}``); it carries the
    course's marking unless given its own."""
    access.require_kind(actor, "create", Session)
    _check_session(values)
    if not values.marking:
        values = replace(values, marking=course.marking, owner_nation=course.owner_nation)
    data = {**values.given(), "course": course}
    session = record_create(actor=actor, model=Session, data=data, action=audited_action())
    for nation, seats in (quotas or {}).items():
        _quota_set(actor, session, nation, seats)
    return session


@audited("session.update")
def session_update(
    *, actor, session: Session, values: SessionValues, expected_version: int
) -> Session:
    """Change a session (dates, capacity, whether it takes nominations...); a capacity below
    the seats already taken is refused. More room lets the waitlist in."""
    _check_session(values)
    if values.has("capacity") and values.capacity < session.seated:
        raise ValidationFailed(
            _("%(seated)s seats are taken: the capacity cannot go below that.")
            % {"seated": session.seated},
            errors={"capacity": [_("too small")]},
        )
    session = record_update(
        actor=actor,
        obj=session,
        data=values.given(),
        expected_version=expected_version,
        action=audited_action(),
    )
    promote_waiting(actor, session)
    return session


def _quota_set(actor, session: Session, nation, seats: int) -> SeatQuota:
    if seats < 0:
        raise ValidationFailed(_("Seats are zero or more."), errors={"seats": [_("zero or more")]})
    quota, created = SeatQuota.objects.get_or_create(
        session=session, nation=nation, defaults={"seats": seats}
    )
    before = None if created else quota.seats
    if not created:
        if seats < quota.seated:
            raise ValidationFailed(
                _("%(nation)s holds %(seated)s seats already: its quota cannot go below that.")
                % {"nation": nation.name, "seated": quota.seated},
                errors={"seats": [_("too small")]},
            )
        SeatQuota.objects.filter(pk=quota.pk).update(seats=seats)
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=session,
        changes={f"quota.{nation.iso3}": [before, seats]},
    )
    return quota


@audited("session.quota_set")
def session_quota_set(*, actor, session: Session, nation, seats: int) -> SeatQuota:
    """Set aside ``seats`` of the session for ``nation``; more seats let its waitlist in."""
    access.require_change(actor, session)
    quota = _quota_set(actor, session, nation, seats)
    promote_waiting(actor, session)
    return quota


@audited("session.funding_set")
def session_funding_set(
    *, actor, session: Session, donor, amount_minor: int, currency: str
) -> SessionFunding:
    """Record what ``donor`` gives towards the session (its trust-fund commitment is recorded
    in the fund, for now by hand)."""
    access.require_change(actor, session)
    exponent(currency)
    if amount_minor <= 0:
        raise ValidationFailed(
            _("A donor's funding is an amount above zero."),
            code=Code.AMOUNT_NOT_POSITIVE,
            errors={"amount": [_("above zero")]},
        )
    try:
        funding, _created = SessionFunding.objects.update_or_create(
            session=session,
            donor=donor,
            defaults={"amount_minor": amount_minor, "currency": currency},
        )
    except IntegrityError as exc:  # a concurrent first funding by the same donor
        raise Conflict(_("Reload the session and try again."), code=Code.CONFLICT) from exc
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=session,
        changes={f"funding.{donor.iso3}": [None, f"{amount_minor} {currency}"]},
    )
    return funding
