"""The one door of notifications: each member told as they chose (inbox, e-mail at once, the
daily digest on the real worker), a record out of reach shown by its kind alone, marking read."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accord.audit.models import AuditEntry
from accord.core.models import User
from accord.council.models import Body
from accord.council.services import consultation_circulate, consultation_create
from accord.errors import NotFound
from accord.jobs.services import periodic_enqueue_due
from accord.notifications.models import Notification
from accord.notifications.services import (
    notification_preferences_set,
    notification_read,
    notifications_read_all,
    notify,
    notify_gathered,
)
from tests.jobs import work_off

pytestmark = pytest.mark.django_db


@pytest.fixture
def emails(db):
    for user in User.objects.all():
        User.objects.filter(pk=user.pk).update(email=f"{user.username}@example.org")


def _circulate(persona, code="nrc"):
    now = timezone.now()
    consultation = consultation_create(
        actor=persona("secretariat"),
        body=Body.objects.get(code=code),
        title="Statement on counter-narcotics training",
        text="The Council welcomes the training of counter-narcotics officers.",
    )
    consultation_circulate(
        actor=persona("secretariat"), consultation=consultation, deadline=now + timedelta(days=2)
    )
    return consultation


def test_each_member_is_told_as_they_chose_and_the_digest_goes_out_once_on_the_worker(
    persona, emails, django_capture_on_commit_callbacks
):
    User.objects.filter(username="delegation-rus").update(language="ru")
    rus, deu = persona("delegation-rus"), persona("delegation-deu")
    notification_preferences_set(actor=rus, choices={"council.circulated": (False, "digest")})
    notification_preferences_set(actor=deu, choices={"council.circulated": (False, "never")})
    with django_capture_on_commit_callbacks(execute=True):
        consultation = _circulate(persona)
    usa = Notification.objects.get(
        user__username="delegation-usa", kind="council.circulated", record_id=consultation.pk
    )
    assert usa.in_app
    assert not usa.digest_pending
    assert usa.url == f"/council/consultations/{consultation.pk}/"
    assert "Under silence until" in usa.subject
    kept = Notification.objects.get(user=rus, kind="council.circulated", record_id=consultation.pk)
    assert (kept.in_app, kept.digest_pending) == (False, True)
    assert not Notification.objects.filter(
        user=deu, kind="council.circulated", record_id=consultation.pk
    ).exists()
    to = {m.to[0] for m in mail.outbox}
    assert "delegation-usa@example.org" in to
    assert not to & {"delegation-rus@example.org", "delegation-deu@example.org"}
    # Russia's notice is in Russian, written for its reader.
    assert any("\u0410" <= ch <= "\u044f" for ch in kept.subject)

    mail.outbox.clear()
    periodic_enqueue_due(now=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        work_off()
    digests = [m for m in mail.outbox if m.to == ["delegation-rus@example.org"]]
    assert len(digests) == 1
    assert kept.subject in digests[0].body
    assert not Notification.objects.filter(digest_pending=True).exists()
    assert AuditEntry.objects.filter(action="notification.digest", outcome="done").exists()
    mail.outbox.clear()
    periodic_enqueue_due(now=timezone.now() + timedelta(days=1, minutes=1))
    with django_capture_on_commit_callbacks(execute=True):
        work_off()
    assert not [m for m in mail.outbox if m.to == ["delegation-rus@example.org"]]


def test_gathered_notices_wait_in_the_outbox_and_the_worker_sends_one_message_each(
    persona, emails, django_capture_on_commit_callbacks
):
    usa = persona("delegation-usa")
    mail.outbox.clear()
    for run in ("run-1", "run-2", "run-2"):
        # The same run telling again rewrites its notice; another run adds one.
        with django_capture_on_commit_callbacks(execute=True):
            notify_gathered(
                recipients=[usa.pk],
                kind="council.adopted",
                key=run,
                compose=lambda language, zone, run=run: (f"Subject {run}", f"Message {run}"),
            )
    assert mail.outbox == []
    assert Notification.objects.filter(user=usa, email_pending=True).count() == 2

    periodic_enqueue_due(now=timezone.now())
    with django_capture_on_commit_callbacks(execute=True):
        work_off()
    (message,) = [m for m in mail.outbox if m.to == ["delegation-usa@example.org"]]
    assert message.subject == "Accord: 2 notifications"
    assert "Subject run-1" in message.body
    assert "Message run-2" in message.body
    assert not Notification.objects.filter(email_pending=True).exists()


def test_a_record_out_of_reach_shows_its_kind_alone_and_the_header_counts_unread(
    persona, client_as, django_capture_on_commit_callbacks
):
    # A NATO-only consultation: Russia reads it no longer (as if its reach had changed).
    hidden = _circulate(persona, code="nac")
    rus = persona("delegation-rus")
    notify(
        recipients=[rus.pk],
        kind="council.circulated",
        record=hidden,
        url=f"/council/consultations/{hidden.pk}/",
        compose=lambda language, zone: ("SECRET-TITLE", "SECRET-BODY"),
    )
    page = client_as("delegation-rus").get("/inbox/").content.decode()
    assert "SECRET-TITLE" not in page
    assert f"/council/consultations/{hidden.pk}/" not in page
    assert f'data-unread="{Notification.objects.filter(user=rus, read_at=None).count()}"' in page
    api = client_as("delegation-rus").get("/api/v1/notifications").json()
    assert api["items"][0]["subject"] == ""
    assert api["items"][0]["url"] == ""
    usa_page = client_as("delegation-usa").get("/inbox/").content.decode()
    assert "Under silence until" in usa_page


def test_marking_read_is_ones_own_and_audited(persona, client_as):
    usa, rus = persona("delegation-usa"), persona("delegation-rus")
    notification = Notification.objects.create(
        user=usa, kind="council.reminder", subject="Reminder", created_at=timezone.now()
    )
    with pytest.raises(NotFound):
        notification_read(actor=rus, pk=notification.pk)
    assert AuditEntry.objects.filter(action="notification.read", outcome="refused").exists()
    client = client_as("delegation-usa")
    response = client.post(f"/inbox/{notification.pk}/read/", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'id="rows"' in response.content.decode()
    notification.refresh_from_db()
    assert notification.read_at is not None
    notifications_read_all(actor=usa)
    assert client.get("/api/v1/notifications/unread").json() == {"unread": 0}


def test_the_headers_count_follows_each_notification_added_or_read(persona, client_as):
    usa = persona("delegation-usa")
    Notification.objects.filter(user=usa).delete()
    client = client_as("delegation-usa")

    def shown() -> int:
        found = re.search(r'data-unread="(\d+)"', client.get("/council/").text)
        return int(found.group(1)) if found else 0

    assert shown() == 0
    first = Notification.objects.create(
        user=usa, kind="council.reminder", subject="First", created_at=timezone.now()
    )
    Notification.objects.create(
        user=usa, kind="council.reminder", subject="Second", created_at=timezone.now()
    )
    assert shown() == 2
    notification_read(actor=usa, pk=first.pk)
    assert shown() == 1
    Notification.objects.create(  # another's notification leaves the count as it was
        user=persona("delegation-rus"),
        kind="council.reminder",
        subject="Theirs",
        created_at=timezone.now(),
    )
    assert shown() == 1
    notifications_read_all(actor=usa)
    assert shown() == 0
