"""Writes about meetings: scheduling, agenda proposals and objections, minutes; calendar feeds."""

from __future__ import annotations

import secrets
from datetime import datetime
from typing import TYPE_CHECKING

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accord import access
from accord.audit.services import audited, audited_action
from accord.core import selectors as core_selectors
from accord.council.engine import mandates
from accord.council.facts import feed_digest, member_ids
from accord.council.models import (
    AgendaItem,
    AgendaObjection,
    AgendaOutcome,
    AgendaState,
    Attendance,
    AttendanceLevel,
    Body,
    BodyLevel,
    CalendarFeed,
    Consultation,
    Decision,
    Meeting,
)
from accord.council.services.consultations import record
from accord.errors import Code, Conflict, PermissionDenied, ValidationFailed
from accord.markings import Role
from accord.times import in_utc

if TYPE_CHECKING:
    from accord.core.models import Nation

FEED_PREFIX = "cal_"


@audited("meeting.create")
def meeting_create(
    *, actor, body: Body, starts_at: datetime, level: str = "", chair: str = "", place: str = ""
) -> Meeting:
    """Schedule a meeting of a body (secretariat). It carries the body's marking."""
    access.require_view(actor, body)
    values = {"marking": body.marking, "owner_nation_id": body.owner_nation_id}
    access.require_create(actor, Meeting, values)
    meeting = Meeting.objects.create(
        body=body,
        starts_at=in_utc(starts_at, field="starts_at"),
        level=level or body.level,
        chair=chair.strip()[:200],
        place=place.strip()[:200],
        **values,
    )
    record(
        actor=actor,
        action=audited_action(),
        obj=meeting,
        changes={"body": [None, body.code], "starts_at": [None, meeting.starts_at]},
    )
    return meeting


def _acting_nation(actor, body: Body, nation: Nation | None) -> Nation:
    """The member nation an agenda move is for: a delegation's own, or one the secretariat names."""
    p = access.principal_of(actor)
    if p.has_role(Role.DELEGATION) and p.nation_id is not None:
        if nation is not None and nation.pk != p.nation_id:
            raise PermissionDenied(_("A delegation speaks for its own nation only."))
        nation = core_selectors.nation_of(actor=actor)
    elif not p.has_role(Role.SECRETARIAT, Role.ADMINISTRATOR):
        raise PermissionDenied(
            _("Only members' delegations and the secretariat move agenda items.")
        )
    if nation is None:
        raise ValidationFailed(_("Name the member nation."), errors={"nation": [_("required")]})
    if nation.pk not in member_ids(body):
        raise Conflict(
            _("%(nation)s is not a member of %(body)s.") % {"nation": nation, "body": body},
            code=Code.NOT_A_MEMBER,
        )
    return nation


@audited("agenda.propose")
def agenda_item_propose(
    *, actor, meeting: Meeting, title: str, nation: Nation | None = None
) -> AgendaItem:
    """Any member proposes an item; it is on the agenda unless a member objects."""
    access.require_view(actor, meeting)
    nation = _acting_nation(actor, meeting.body, nation)
    if not title.strip():
        raise ValidationFailed(_("Give the item a title."), errors={"title": [_("required")]})
    item = AgendaItem.objects.create(
        meeting=meeting,
        title=title.strip()[:300],
        proposed_by=nation,
        state=AgendaState.ADOPTED,
        position=meeting.agenda_items.count() + 1,
    )
    record(
        actor=actor,
        action=audited_action(),
        obj=meeting,
        changes={"agenda_item": [None, item.title], "proposed_by": nation.iso3},
    )
    return item


@audited("agenda.object")
def agenda_item_object(
    *,
    actor,
    item: AgendaItem,
    reason: str = "",
    nation: Nation | None = None,
    now: datetime | None = None,
) -> AgendaObjection:
    """A member objects to an item: consensus fails, the item stays off, the objection stays on
    record."""
    meeting = item.meeting
    access.require_view(actor, meeting)
    nation = _acting_nation(actor, meeting.body, nation)
    if (now or timezone.now()) > meeting.starts_at:
        raise Conflict(
            _("The meeting has opened and its agenda stands; raise the matter at the next one."),
            code=Code.MEETING_STARTED,
        )
    try:
        with transaction.atomic():
            objection = AgendaObjection.objects.create(
                item=item, nation=nation, reason=reason.strip(), recorded_at=now or timezone.now()
            )
    except IntegrityError as exc:
        raise Conflict(
            _("%(nation)s has already objected to this item.") % {"nation": nation},
            code=Code.ALREADY_OBJECTED,
        ) from exc
    count = item.objections.count()
    state = AgendaState.ADOPTED if mandates.agenda_item_adopted(count) else AgendaState.REFUSED
    AgendaItem.objects.filter(pk=item.pk).update(state=state)
    record(
        actor=actor,
        action=audited_action(),
        obj=meeting,
        changes={"agenda_item": item.title, "objection": nation.iso3, "state": [item.state, state]},
    )
    item.refresh_from_db()
    return objection


# The level members attend at when only the nations are named (the meeting's own level).
_LEVEL_OF_MEETING = {
    BodyLevel.SUMMIT: AttendanceLevel.HEAD,
    BodyLevel.MINISTER: AttendanceLevel.MINISTER,
    BodyLevel.AMBASSADOR: AttendanceLevel.AMBASSADOR,
    BodyLevel.COMMITTEE: AttendanceLevel.EXPERT,
}


def _attendance_rows(meeting, attendees, attendance) -> list[tuple]:
    """(nation, level) pairs, each once; nations named without a level attend at the meeting's."""
    rows = list(attendance or [])
    default = _LEVEL_OF_MEETING.get(meeting.level, AttendanceLevel.AMBASSADOR)
    rows += [(nation, default) for nation in attendees or []]
    members = member_ids(meeting.body, on=meeting.starts_at)  # members on the meeting's day
    seen, out = set(), []
    for nation, level in rows:
        if level not in AttendanceLevel.values:
            raise ValidationFailed(
                _("Choose the level each member attended at."), errors={"attendance": [level]}
            )
        if nation.pk not in members:
            raise Conflict(
                _("%(nation)s is not a member of %(body)s.")
                % {"nation": nation, "body": meeting.body},
                code=Code.NOT_A_MEMBER,
            )
        if (nation.pk, level) not in seen:
            seen.add((nation.pk, level))
            out.append((nation, level))
    return out


@audited("meeting.minute")
def meeting_minutes_record(
    *,
    actor,
    meeting: Meeting,
    minutes: str,
    expected_version: int,
    minutes_ru: str = "",
    attendees: list[Nation] | None = None,
    attendance: list[tuple[Nation, str]] | None = None,
) -> Meeting:
    """Record the minutes (English and Russian, either may be missing) and who attended at what
    level (secretariat). ``attendees`` attend at the meeting's own level."""
    access.require_change(actor, meeting)
    rows = _attendance_rows(meeting, attendees, attendance)
    updated = Meeting.objects.filter(pk=meeting.pk, version=expected_version).update(
        minutes=minutes.strip(), minutes_ru=minutes_ru.strip(), version=meeting.version + 1
    )
    if not updated:
        raise Conflict(_("Someone changed this meeting; reload it."), code=Code.STALE_VERSION)
    before = sorted(str(pk) for pk in meeting.attendees.values_list("pk", flat=True))
    meeting.attendance.all().delete()
    Attendance.objects.bulk_create(
        Attendance(meeting=meeting, nation=nation, level=level) for nation, level in rows
    )
    meeting.attendees.set({nation for nation, _level in rows})
    meeting.refresh_from_db()
    record(
        actor=actor,
        action=audited_action(),
        obj=meeting,
        # The nations as a pair of the attendees field (the history names only those the reader
        # may read), the levels without them.
        changes={
            "attendees": [before, sorted({str(n.pk) for n, _level in rows})],
            "levels": sorted({level for _n, level in rows}),
            "minutes": minutes[:500],
            "minutes_ru": minutes_ru[:500],
        },
    )
    return meeting


@audited("meeting.update")
def meeting_update(
    *,
    actor,
    meeting: Meeting,
    expected_version: int,
    starts_at: datetime,
    level: str = "",
    chair: str = "",
    place: str = "",
) -> Meeting:
    """Change a meeting's day, level, chair and place (secretariat)."""
    access.require_change(actor, meeting)
    if level and level not in BodyLevel.values:
        raise ValidationFailed(_("Choose a level."), errors={"level": [level]})
    values = {
        "starts_at": in_utc(starts_at, field="starts_at"),
        "level": level or meeting.level,
        "chair": chair.strip()[:200],
        "place": place.strip()[:200],
    }
    before = {k: getattr(meeting, k) for k in values}
    updated = Meeting.objects.filter(pk=meeting.pk, version=expected_version).update(
        **values, version=meeting.version + 1
    )
    if not updated:
        raise Conflict(_("Someone changed this meeting; reload it."), code=Code.STALE_VERSION)
    meeting.refresh_from_db()
    record(
        actor=actor,
        action=audited_action(),
        obj=meeting,
        changes={k: [before[k], v] for k, v in values.items() if before[k] != v},
    )
    return meeting


@audited("agenda.outcome")
def agenda_item_outcome(
    *,
    actor,
    item: AgendaItem,
    outcome: str,
    note: str = "",
    decisions: list[Decision] = (),
    consultations: list[Consultation] = (),
    now: datetime | None = None,
) -> AgendaItem:
    """Record what came of an item at the meeting: noted, agreed, deferred or still open, with the
    decisions and consultations it refers to (secretariat, once the meeting has been held)."""
    meeting = item.meeting
    access.require_change(actor, meeting)
    if outcome not in AgendaOutcome.values:
        raise ValidationFailed(_("Choose an outcome."), errors={"outcome": [outcome]})
    if item.state == AgendaState.REFUSED:
        raise Conflict(_("The item was kept off the agenda."), code=Code.ITEM_OFF_AGENDA)
    if (now or timezone.now()) < meeting.starts_at:
        raise Conflict(
            _("The meeting has not been held yet: record the outcome after it."),
            code=Code.MEETING_NOT_HELD,
        )
    for obj in [*decisions, *consultations]:
        access.require_view(actor, obj)
        if obj.body_id != meeting.body_id:
            raise ValidationFailed(
                _("Refer to decisions and consultations of this meeting's body only."),
                errors={"decisions": [str(obj)]},
            )
    before = item.outcome
    AgendaItem.objects.filter(pk=item.pk).update(outcome=outcome, outcome_note=note.strip())
    item.decisions.set(decisions)
    item.consultations.set(consultations)
    item.refresh_from_db()
    record(
        actor=actor,
        action=audited_action(),
        obj=meeting,
        changes={
            "agenda_item": item.title,
            "outcome": [before, outcome],
            "decisions": sorted(d.reference for d in decisions),
            "consultations": sorted(c.pk for c in consultations),
        },
    )
    return item


CARRIED = (AgendaOutcome.OPEN, AgendaOutcome.DEFERRED)


@audited("meeting.draft_next")
def meeting_draft_next(
    *,
    actor,
    meeting: Meeting,
    starts_at: datetime,
    chair: str = "",
    place: str = "",
    now: datetime | None = None,
) -> Meeting:
    """Schedule the body's next meeting with a draft agenda: every item of this one still open or
    deferred, carried over in order (each stays open to members' objections until it starts)."""
    access.require_change(actor, meeting)
    starts_at = in_utc(starts_at, field="starts_at")
    if (now or timezone.now()) < meeting.starts_at:
        raise Conflict(
            _("The meeting has not been held yet: draft the next one after it."),
            code=Code.MEETING_NOT_HELD,
        )
    if starts_at <= meeting.starts_at:
        raise ValidationFailed(
            _("The next meeting must come after this one: give a later day."),
            code=Code.MEETING_DATE_INVALID,
            errors={"starts_at": [_("after this meeting")]},
        )
    if Meeting.objects.filter(drafted_from=meeting).exists():
        raise Conflict(
            _("The next meeting was drafted from this one already."),
            code=Code.NEXT_MEETING_DRAFTED,
        )
    values = {"marking": meeting.marking, "owner_nation_id": meeting.owner_nation_id}
    access.require_create(actor, Meeting, values)
    try:
        with transaction.atomic():
            draft = Meeting.objects.create(
                body=meeting.body,
                starts_at=starts_at,
                level=meeting.level,
                chair=(chair or meeting.chair).strip()[:200],
                place=(place or meeting.place).strip()[:200],
                drafted_from=meeting,
                **values,
            )
    except IntegrityError as exc:  # a concurrent draft from the same meeting
        raise Conflict(
            _("The next meeting was drafted from this one already."),
            code=Code.NEXT_MEETING_DRAFTED,
        ) from exc
    carried = list(
        meeting.agenda_items.filter(
            state=AgendaState.ADOPTED, outcome__in=CARRIED
        ).prefetch_related("decisions", "consultations")
    )
    for position, item in enumerate(carried, start=1):
        new = AgendaItem.objects.create(
            meeting=draft,
            title=item.title,
            proposed_by_id=item.proposed_by_id,
            state=AgendaState.ADOPTED,
            position=position,
            carried_from=item,
        )
        new.consultations.set(item.consultations.all())
        new.decisions.set(item.decisions.all())
    record(
        actor=actor,
        action=audited_action(),
        obj=draft,
        changes={
            "drafted_from": [None, meeting.pk],
            "starts_at": [None, draft.starts_at],
            "agenda": [item.title for item in carried],
        },
    )
    return draft


@audited("calendar_feed.create")
def calendar_feed_create(*, actor) -> tuple[CalendarFeed, str]:
    """A new secret calendar URL for the acting user; the old one stops working."""
    p = access.principal_of(actor)
    if p.user_id is None:
        raise PermissionDenied(_("Sign in to get a calendar feed."))
    secret = FEED_PREFIX + secrets.token_urlsafe(24)
    CalendarFeed.objects.filter(user_id=p.user_id).delete()
    feed = CalendarFeed.objects.create(
        user_id=p.user_id, digest=feed_digest(secret), prefix=secret[:10], created_at=timezone.now()
    )
    record(
        actor=actor,
        action=audited_action(),
        object_label="council.calendarfeed",
        changes={"feed": [None, f"{feed.prefix}…"]},
    )
    return feed, secret
