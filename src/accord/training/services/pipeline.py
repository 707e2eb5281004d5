"""The pipeline: a nominee matched or registered, accepted or waitlisted, withdrawn (the next in
line promoted and told), attended day by day, graded; a suggested match confirmed or rejected.

Seats are counted on the session and on the nation's quota (``seated``), changed only by
conditional updates under the session's row lock, and bounded by CHECK constraints: two
nominations at once can never seat more than the capacity or the quota.
"""

from __future__ import annotations

from datetime import date

from django.db import IntegrityError
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accord import access
from accord.audit.services import (
    audit_record,
    audited,
    audited_action,
    field_changes,
    snapshot,
)
from accord.core.services import record_create
from accord.errors import Code, Conflict, PermissionDenied, ValidationFailed
from accord.markings import Marking, Role
from accord.training.choices import SEATED, MatchState, NominationStatus
from accord.training.engine import names, seats
from accord.training.inputs import TraineeValues
from accord.training.models import (
    Attendance,
    Nomination,
    SeatQuota,
    Session,
    Trainee,
)
from accord.training.services.notify import tell_promoted


def _personal(nation) -> dict:
    # Personal data is marked as its nation's; who reads it is the kind's personal rule.
    return {"marking": Marking.NATIONAL, "owner_nation": nation}


def _known(values: TraineeValues) -> list[names.Person]:
    """The people of the nominee's nation born the same day (the index narrows it)."""
    rows = Trainee.objects.filter(nation=values.nation, date_of_birth=values.date_of_birth).exclude(
        match_state=MatchState.MERGED
    )
    return [
        names.person(
            t.pk,
            t.given_name,
            t.family_name,
            t.native_name,
            t.date_of_birth,
            values.nation.iso3,
            t.national_id,
        )
        for t in rows
    ]


def _nominee(values: TraineeValues) -> names.Person:
    given = values.given()
    return names.person(
        None,
        values.given_name,
        values.family_name,
        given.get("native_name") or "",
        values.date_of_birth,
        values.nation.iso3,
        given.get("national_id") or "",
    )


def _is_trainer(actor) -> bool:
    return access.principal_of(actor).has_role(Role.ADMINISTRATOR, Role.TRAINER)


def _trainee_create(actor, values: TraineeValues, *, suggested: Trainee | None) -> Trainee:
    data = {
        **values.given(),
        "name_key": names.name_key(values.given_name, values.family_name),
        **_personal(values.nation),
    }
    if suggested is not None:
        data.update(match_state=MatchState.SUGGESTED, matched=suggested)
    return record_create(actor=actor, model=Trainee, data=data, action=audited_action())


def _resolve_trainee(actor, values: TraineeValues, *, new_person: bool) -> Trainee:
    """The known trainee the nominee is, or a new record.

    A certain match (nation and national identifier) is taken as it is. A possible one (same
    birth date, a name that reads the same in another script) is never taken silently and never
    silently duplicated: without ``new_person`` the nomination is refused and names the known
    record to nominate instead; with it, a trainer's word settles it (a trainer nominating says
    so at once; a delegation's nominee is recorded with the suggestion for a trainer to confirm
    or reject).
    """
    for field in ("given_name", "family_name", "date_of_birth", "nation"):
        if not values.has(field) or getattr(values, field) in (None, ""):
            raise ValidationFailed(
                _("Give the nominee's given and family names, date of birth and nationality."),
                errors={field: [_("required")]},
            )
    found = names.matches(_nominee(values), _known(values))
    certain = [m for m in found if m.certain]
    if certain:
        return Trainee.objects.get(pk=certain[0].id)
    if not found:
        return _trainee_create(actor, values, suggested=None)
    if not new_person:
        known = Trainee.objects.filter(pk__in=[m.id for m in found])
        raise Conflict(
            _(
                "This person may be one already known (%(known)s): nominate the known record, "
                "or say they are a different person for a trainer to confirm."
            )
            % {"known": "; ".join(f"#{t.pk} {t} ({t.date_of_birth})" for t in known)},
            code=Code.DUPLICATE_UNCONFIRMED,
        )
    if _is_trainer(actor):
        trainee = _trainee_create(actor, values, suggested=None)
        Trainee.objects.filter(pk=trainee.pk).update(match_state=MatchState.REJECTED)
        trainee.match_state = MatchState.REJECTED
        return trainee
    return _trainee_create(actor, values, suggested=Trainee.objects.get(pk=found[0].id))


def _check_nation(actor, session: Session, nation) -> None:
    p = access.principal_of(actor)
    if not _is_trainer(p) and p.nation_id != nation.pk:
        raise PermissionDenied(
            _("A delegation nominates its own nation's people only, not %(nation)s's.")
            % {"nation": nation.name},
            code=Code.NOT_OWN_NATIONAL,
        )
    if not session.course.programme.beneficiaries.filter(pk=nation.pk).exists():
        raise ValidationFailed(
            _("%(nation)s is not a beneficiary of %(programme)s.")
            % {"nation": nation.name, "programme": session.course.programme.name},
            code=Code.NOT_A_BENEFICIARY,
            errors={"nation": [_("not a beneficiary")]},
        )


def _room(session: Session, nation_id: int) -> seats.Room:
    quota = SeatQuota.objects.filter(session=session, nation_id=nation_id).first()
    return seats.Room(
        capacity=session.capacity,
        seated=session.seated,
        quota=quota.seats if quota else 0,
        quota_seated=quota.seated if quota else 0,
        waitlist_open=session.waitlist_open,
    )


def _take_seat(session: Session, nation_id: int) -> bool:
    """Count one more seated nominee, if the session and the quota have room (conditional
    updates: the database refuses what the counts do not allow)."""
    quota = SeatQuota.objects.filter(
        session=session, nation_id=nation_id, seated__lt=F("seats")
    ).update(seated=F("seated") + 1)
    if not quota:
        return False
    if Session.objects.filter(pk=session.pk, seated__lt=F("capacity")).update(
        seated=F("seated") + 1
    ):
        return True
    SeatQuota.objects.filter(session=session, nation_id=nation_id).update(seated=F("seated") - 1)
    return False


def _free_seat(session: Session, nation_id: int) -> None:
    SeatQuota.objects.filter(session=session, nation_id=nation_id).update(seated=F("seated") - 1)
    Session.objects.filter(pk=session.pk).update(seated=F("seated") - 1)


def _locked(session: Session) -> Session:
    # One nomination at a time per session (PostgreSQL; SQLite serialises every writer).
    return (
        Session.objects.select_for_update().select_related("course__programme").get(pk=session.pk)
    )


@audited("nomination.create")
def nomination_create(
    *,
    actor,
    session: Session,
    person: TraineeValues | None = None,
    trainee: Trainee | None = None,
    new_person: bool = False,
    note: str = "",
    now=None,
) -> Nomination:
    """Nominate a person for a session: a known ``trainee``, or a ``person`` matched against the
    people already known (``_resolve_trainee``). The nominee is seated if the session and their
    nation's quota have room, else waitlisted (or refused, when the waitlist is closed)."""
    access.require_kind(actor, "create", Nomination)
    session = _locked(session)
    if not session.nominations_open:
        raise Conflict(
            _("%(session)s takes no more nominations.") % {"session": session.code},
            code=Code.NOMINATIONS_CLOSED,
        )
    if trainee is None and person is None:
        raise ValidationFailed(_("Name the person to nominate."), errors={"trainee": ["required"]})
    nation = (
        trainee.nation if trainee is not None else person.nation if person.has("nation") else None
    )
    if nation is None:
        raise ValidationFailed(
            _("Give the nominee's nationality."), errors={"nation": [_("required")]}
        )
    _check_nation(actor, session, nation)
    if trainee is None:
        trainee = _resolve_trainee(actor, person, new_person=new_person)
    if trainee.match_state == MatchState.MERGED:
        trainee = trainee.matched
    if (
        Nomination.objects.filter(session=session, trainee=trainee)
        .exclude(status=NominationStatus.WITHDRAWN)
        .exists()
    ):
        raise Conflict(
            _("%(trainee)s is nominated for %(session)s already.")
            % {"trainee": trainee, "session": session.code},
            code=Code.ALREADY_NOMINATED,
        )
    outcome = seats.place(_room(session, nation.pk))
    if outcome == seats.Outcome.SEAT and not _take_seat(session, nation.pk):
        outcome = seats.place(_room(_locked(session), nation.pk))  # taken meanwhile: wait
    if outcome == seats.Outcome.REFUSE:
        raise Conflict(
            _("%(session)s has no seat left for %(nation)s and its waitlist is closed.")
            % {"session": session.code, "nation": nation.name},
            code=Code.SESSION_FULL,
        )
    status = (
        NominationStatus.ACCEPTED
        if outcome == seats.Outcome.SEAT
        else (NominationStatus.WAITLISTED)
    )
    p = access.principal_of(actor)
    return record_create(
        actor=actor,
        model=Nomination,
        data={
            "session": session,
            "trainee": trainee,
            "nation": nation,
            "status": status,
            "nominated_at": now or timezone.now(),
            "nominated_by_id": p.user_id,
            "note": note,
            **_personal(nation),
        },
        action=audited_action(),
    )


def _set_status(actor, nomination: Nomination, **fields) -> Nomination:
    """Move a nomination on, conditional on the status it was read in (a concurrent move wins,
    this one is refused as stale)."""
    before = snapshot(nomination)
    updated = Nomination.objects.filter(
        pk=nomination.pk, status=nomination.status, version=nomination.version
    ).update(**fields, version=F("version") + 1)
    if not updated:
        raise Conflict(
            _("Someone changed this nomination after you opened it: reload it."),
            code=Code.STALE_VERSION,
        )
    nomination.refresh_from_db()
    changes = field_changes(before, snapshot(nomination))
    audit_record(actor=actor, action=audited_action(), obj=nomination, changes=changes)
    return nomination


def promote_waiting(actor, session: Session) -> list[Nomination]:
    """Seat the waiting nominees whose nation now has room, first in line first, and tell each.
    Called inside the service that freed or added the room."""
    session = _locked(session)
    promoted = []
    while True:
        waiting = list(
            Nomination.objects.filter(session=session, status=NominationStatus.WAITLISTED)
            .order_by("nominated_at", "pk")
            .values_list("pk", "nation_id")
        )
        rooms = {nation: _room(session, nation) for nation in {n for _pk, n in waiting}}
        chosen = seats.next_in_line(waiting, rooms)
        if chosen is None:
            return promoted
        nomination = Nomination.objects.select_related("trainee__user", "session").get(pk=chosen)
        if not _take_seat(session, nomination.nation_id):
            return promoted
        session.refresh_from_db(fields=["seated"])
        _set_status(actor, nomination, status=NominationStatus.ACCEPTED)
        tell_promoted(nomination)
        promoted.append(nomination)


@audited("nomination.withdraw")
def nomination_withdraw(*, actor, nomination: Nomination, expected_version: int) -> Nomination:
    """Withdraw an accepted or waitlisted nominee (their delegation, or a trainer); a freed
    seat goes to the next in line, who is told."""
    access.require_change(actor, nomination)
    if nomination.version != expected_version:
        raise Conflict(
            _("Someone changed this nomination after you opened it: reload it."),
            code=Code.STALE_VERSION,
        )
    if nomination.status not in (NominationStatus.ACCEPTED, NominationStatus.WAITLISTED):
        raise Conflict(
            _("Only an accepted or waitlisted nomination is withdrawn; this one is %(status)s.")
            % {"status": nomination.get_status_display()},
            code=Code.NOMINATION_STATE,
        )
    session = _locked(nomination.session)
    seated = nomination.status == NominationStatus.ACCEPTED
    nomination = _set_status(actor, nomination, status=NominationStatus.WITHDRAWN)
    if seated:
        _free_seat(session, nomination.nation_id)
        promote_waiting(actor, session)
    return nomination


def _require_trainer(actor, nomination: Nomination) -> None:
    access.require_view(actor, nomination)
    if not _is_trainer(actor):
        raise PermissionDenied(_("Trainers record attendance and grades."))


@audited("attendance.record")
def attendance_record(
    *, actor, nomination: Nomination, day: date, present: bool = True
) -> Attendance:
    """Record whether an accepted nominee was there on one day of the session."""
    _require_trainer(actor, nomination)
    session = nomination.session
    if not session.starts <= day <= session.ends:
        raise ValidationFailed(
            _("%(day)s is outside the session's dates (%(starts)s to %(ends)s).")
            % {"day": day, "starts": session.starts, "ends": session.ends},
            code=Code.ATTENDANCE_OUTSIDE_DATES,
            errors={"day": [_("outside the session's dates")]},
        )
    if nomination.status not in SEATED:
        raise Conflict(
            _("Attendance is recorded for seated nominees only."), code=Code.NOMINATION_STATE
        )
    row = Attendance.objects.filter(nomination=nomination, day=day).first()
    before = row.present if row else None
    try:
        row, _created = Attendance.objects.update_or_create(
            nomination=nomination, day=day, defaults={"present": present}
        )
    except IntegrityError as exc:
        raise Conflict(_("Reload the nomination and try again."), code=Code.CONFLICT) from exc
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=nomination,
        changes={f"attendance.{day.isoformat()}": [before, present]},
    )
    return row


@audited("nomination.grade")
def nomination_grade(*, actor, nomination: Nomination, grade: int) -> Nomination:
    """Record a seated nominee's grade (0 to 100): passed at the course's pass mark or above."""
    _require_trainer(actor, nomination)
    if isinstance(grade, bool) or not isinstance(grade, int) or not 0 <= grade <= 100:
        raise ValidationFailed(
            _("A grade is a whole number from 0 to 100, not %(grade)s.") % {"grade": grade},
            code=Code.GRADE_OUT_OF_RANGE,
            errors={"grade": [_("0 to 100")]},
        )
    if nomination.status not in SEATED:
        raise Conflict(_("Only a seated nominee is graded."), code=Code.NOMINATION_STATE)
    passed = grade >= nomination.session.course.pass_mark
    return _set_status(
        actor,
        nomination,
        grade=grade,
        status=NominationStatus.PASSED if passed else NominationStatus.FAILED,
    )


def _require_suggestion(actor, trainee: Trainee) -> None:
    access.require_view(actor, trainee)
    if not _is_trainer(actor):
        raise PermissionDenied(_("A trainer confirms or rejects a possible match."))
    if trainee.match_state != MatchState.SUGGESTED:
        raise Conflict(
            _("No possible match waits for a decision on %(trainee)s.") % {"trainee": trainee},
            code=Code.NO_MATCH_SUGGESTED,
        )


@audited("trainee.match_confirm")
def trainee_match_confirm(*, actor, trainee: Trainee) -> Trainee:
    """The suggested match is the same person: the trainee's nominations and certificates move
    to the known record, and this one is kept as merged into it (its history stays)."""
    _require_suggestion(actor, trainee)
    known = trainee.matched
    try:
        moved = Nomination.objects.filter(trainee=trainee).update(trainee=known)
    except IntegrityError as exc:
        raise Conflict(
            _("Both records are nominated for the same session: withdraw one first."),
            code=Code.ALREADY_NOMINATED,
        ) from exc
    trainee.certificates.update(trainee=known)
    Trainee.objects.filter(pk=trainee.pk).update(
        match_state=MatchState.MERGED, version=F("version") + 1
    )
    trainee.refresh_from_db()
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=trainee,
        changes={"match_state": [MatchState.SUGGESTED, MatchState.MERGED], "nominations": moved},
    )
    return trainee


@audited("trainee.match_reject")
def trainee_match_reject(*, actor, trainee: Trainee) -> Trainee:
    """The suggested match is a different person: the two records stay apart for good."""
    _require_suggestion(actor, trainee)
    matched = trainee.matched_id
    Trainee.objects.filter(pk=trainee.pk).update(
        match_state=MatchState.REJECTED, matched=None, version=F("version") + 1
    )
    trainee.refresh_from_db()
    audit_record(
        actor=actor,
        action=audited_action(),
        obj=trainee,
        changes={
            "match_state": [MatchState.SUGGESTED, MatchState.REJECTED],
            "matched": [matched, None],
        },
    )
    return trainee
