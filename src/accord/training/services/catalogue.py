"""Writes to the catalogue: qualifications, programmes, courses, sessions with their seats per
nation and their funding per donor."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from django.db import IntegrityError
from django.utils.translation import gettext as _

from accord import access
from accord.audit.services import audit_record, audited, audited_action
from accord.core.services import record_create, record_update
from accord.errors import Code, Conflict, ValidationFailed
from accord.funds import selectors as fund_selectors
from accord.funds import services as funds
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
    if SessionFunding.objects.filter(
        session=session, donor=donor, commitment__isnull=False
    ).exists():
        # The fund's commitment holds the amount: changing it here would part them.
        raise Conflict(
            _("%(nation)s's share of %(session)s is committed from a fund already.")
            % {"nation": donor.name, "session": session.code},
            code=Code.FUNDING_COMMITTED,
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


@audited("session.funding_commit")
def session_funding_commit(
    *, actor, session: Session, fund, donor, amount_minor: int, day: date
) -> SessionFunding:
    """Pay ``donor``'s share of the session from a trust fund it gives to: the fund commits the
    money (refused beyond what it has available, ``insufficient_funds``), its statement shows the
    session as the payee, and the statistics count the donor's cost per graduate from it."""
    access.require_change(actor, session)
    if amount_minor <= 0:
        raise ValidationFailed(
            _("A donor's funding is an amount above zero."),
            code=Code.AMOUNT_NOT_POSITIVE,
            errors={"amount": [_("above zero")]},
        )
    if not fund_selectors.fund_donors(actor=actor, fund=fund).filter(pk=donor.pk).exists():
        raise ValidationFailed(
            _("%(nation)s gives nothing to %(fund)s: choose one of the fund's donors.")
            % {"nation": donor.name, "fund": fund.local_name},
            code=Code.FUNDING_NOT_A_DONOR,
            errors={"donor": [_("not a donor of the fund")]},
        )
    if SessionFunding.objects.filter(
        session=session, donor=donor, commitment__isnull=False
    ).exists():
        raise Conflict(
            _("%(nation)s's share of %(session)s is committed from a fund already.")
            % {"nation": donor.name, "session": session.code},
            code=Code.FUNDING_COMMITTED,
        )
    commitment = funds.purchase_commit(
        actor=actor,
        fund=fund,
        amount_minor=amount_minor,
        day=day,
        payee=f"Training session {session.code}"[:200],
        note=f"{donor.iso3} share of training session {session.code} ({session.course.code})",
        estimated=session.estimated,
    )
    funding, _created = SessionFunding.objects.update_or_create(
        session=session,
        donor=donor,
        defaults={
            "amount_minor": amount_minor,
            "currency": fund.currency,
            "fund": fund,
            "commitment": commitment,
        },
    )
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=session,
        changes={
            f"funding.{donor.iso3}": [None, f"{amount_minor} {fund.currency}"],
            "fund": fund.code,
        },
    )
    return funding
