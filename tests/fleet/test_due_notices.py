"""Due maintenance told to maintenance officers once per item, and the due days in the council's
calendar feed under each reader's access."""

from django.utils import timezone

from accord.access import system_principal
from accord.council.calendar import calendar_ics
from accord.fleet.due_notices import due_soon_notify
from accord.fleet.models import DueNotice
from accord.notifications.models import Notification

SYSTEM = system_principal("due notices tests")


def test_items_falling_due_are_told_to_officers_once(persona, new_aircraft):
    plane = new_aircraft(marking="NATO")  # tracked since 2012, nothing done: items are due
    told = due_soon_notify(actor=SYSTEM)
    assert told >= 1
    officer = persona("maintenance")
    about = Notification.objects.filter(user=officer, kind="fleet.due", record_id=plane.pk)
    assert about.exists()
    assert about.first().url == f"/fleet/aircraft/{plane.tail_number}/"
    assert plane.tail_number in about.first().subject
    assert about.count() == 1  # one notice per aircraft, its items listed
    notices, notifications = DueNotice.objects.count(), Notification.objects.count()
    assert due_soon_notify(actor=SYSTEM) == 0  # the next day's run tells nothing twice
    assert (DueNotice.objects.count(), Notification.objects.count()) == (notices, notifications)


def test_the_calendar_feed_shows_due_days_of_the_aircraft_one_reads(persona, new_aircraft):
    plane = new_aircraft(marking="NATO")
    now = timezone.now()
    officer_feed = calendar_ics(persona("maintenance"), now=now).decode()
    assert f"{plane.tail_number}:" in officer_feed
    assert f"/fleet/aircraft/{plane.tail_number}/" in officer_feed
    assert plane.tail_number not in calendar_ics(persona("delegation-rus"), now=now).decode()
