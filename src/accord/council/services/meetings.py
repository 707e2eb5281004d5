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
    AgendaState,
    Body,
    CalendarFeed,
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


@audited("meeting.minute")
def meeting_minutes_record(
    *, actor, meeting: Meeting, minutes: str, attendees: list[Nation], expected_version: int
) -> Meeting:
    """Record who attended and the minutes (secretariat)."""
    access.require_change(actor, meeting)
    updated = Meeting.objects.filter(pk=meeting.pk, version=expected_version).update(
        minutes=minutes.strip(), version=meeting.version + 1
    )
    if not updated:
        raise Conflict(_("Someone changed this meeting; reload it."), code=Code.STALE_VERSION)
    meeting.attendees.set(attendees)
    meeting.refresh_from_db()
    record(
        actor=actor,
        action=audited_action(),
        obj=meeting,
        changes={"attendees": sorted(n.iso3 for n in attendees), "minutes": minutes[:500]},
    )
    return meeting


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
