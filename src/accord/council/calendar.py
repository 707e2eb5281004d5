"""The iCalendar feed: a user's silence deadlines and meetings, in the user's time zone, and
the events the apps above the council add to it (the fleet's due maintenance).

Calendar clients fetch without cookies, so the pages give each user a secret URL
(``/council/calendar/<secret>.ics``); systems may also use the API with a bearer token.

An app above the council adds its events by registering a source when it starts
(``FleetConfig.ready``): a function of the user and the moment that yields events (``uid``,
``summary``, ``start``, ``end``, ``description``, ``url``) read through that app's own selectors,
so under the user's access. The council cannot import those apps (ADR 0007).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accord.council import selectors

Source = Callable[..., Iterable[dict]]  # source(user, now=...) -> events

_sources: list[Source] = []


def provide(source: Source) -> None:
    """Called once by an app when it is ready."""
    if source not in _sources:
        _sources.append(source)


def user_zone(user) -> ZoneInfo:
    try:
        return ZoneInfo(getattr(user, "time_zone", "") or "UTC")
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo("UTC")


def calendar_ics(user, *, now: datetime, base_url: str = "") -> bytes:
    """The user's feed, in the user's own language (else the one the request asks for): a
    calendar client sends no cookie and rarely a language."""
    with translation.override(getattr(user, "language", "") or translation.get_language()):
        return _calendar(user, now=now, base_url=base_url)


def _calendar(user, *, now: datetime, base_url: str) -> bytes:
    # deferred: icalendar takes a few hundredths of a second to import and only a calendar
    # feed needs it, not every process that loads the council's pages.
    from icalendar import Calendar, Event

    zone = user_zone(user)
    cal = Calendar()
    cal.add("prodid", "-//Accord//Council deadlines and meetings//EN")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", _("Accord council"))
    cal.add("x-wr-timezone", zone.key)
    for item in selectors.calendar_events(actor=user, now=now):
        event = Event()
        event.add("uid", item["uid"])
        event.add("summary", item["summary"])
        event.add("dtstart", item["start"].astimezone(zone))
        event.add("dtend", item["end"].astimezone(zone))
        event.add("dtstamp", now)
        event.add("description", item["description"])
        name, pk = item["url_name"]
        event.add("url", base_url + reverse(name, args=[pk]))
        cal.add_component(event)
    for source in _sources:
        for item in source(user, now=now):
            event = Event()
            event.add("uid", item["uid"])
            event.add("summary", item["summary"])
            start, end = item["start"], item["end"]
            if isinstance(start, datetime):  # a day (all-day event) stays a day
                start, end = start.astimezone(zone), end.astimezone(zone)
            event.add("dtstart", start)
            event.add("dtend", end)
            event.add("dtstamp", now)
            event.add("description", item["description"])
            event.add("url", base_url + item["url"])
            cal.add_component(event)
    return cal.to_ical()
