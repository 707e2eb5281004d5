"""A certificate about to expire is told to its readers once per lead (60, then 14 days before),
never twice, and never to a user who may not read it; the kind is on every user's preferences."""

from datetime import timedelta

from accord.notifications import selectors as notification_selectors
from accord.notifications.models import Notification
from accord.training import services
from accord.training.certificate_notices import KIND, certificate_expiry_notify
from accord.training.models import CertificateNotice
from tests.training.conftest import ENDS, SYSTEM, course_make, session_make
from tests.training.helpers import graduates


def _told(user, certificate) -> int:
    return Notification.objects.filter(user=user, kind=KIND, record_id=certificate.pk).count()


def test_an_expiring_certificate_is_told_once_per_lead_to_its_readers_only(persona, afg_delegation):
    session = session_make(course_make())
    (nomination,) = graduates(session, [("Ahmad", "Karimi")])
    certificate = services.certificate_issue(actor=SYSTEM, nomination=nomination, issued_on=ENDS)
    day = certificate.expires_on - timedelta(days=50)
    trainer, usa = persona("trainer"), persona("delegation-usa")

    assert certificate_expiry_notify(actor=SYSTEM, day=day) >= 1
    assert _told(trainer, certificate) == 1
    assert _told(afg_delegation, certificate) == 1  # the holder's own nation's delegation
    assert _told(usa, certificate) == 0  # a delegate of another nation may not read it
    told = Notification.objects.get(user=trainer, kind=KIND, record_id=certificate.pk)
    assert certificate.code in told.subject
    assert told.url == f"/training/certificates/{certificate.code}/"

    # The next day's run tells nothing twice; 14 days before, once more, then never again.
    counted = Notification.objects.count()
    assert certificate_expiry_notify(actor=SYSTEM, day=day + timedelta(days=1)) == 0
    assert Notification.objects.count() == counted
    late = certificate.expires_on - timedelta(days=10)
    assert certificate_expiry_notify(actor=SYSTEM, day=late) >= 1
    assert certificate_expiry_notify(actor=SYSTEM, day=late) == 0
    assert _told(trainer, certificate) == 2
    assert _told(usa, certificate) == 0
    assert sorted(
        CertificateNotice.objects.filter(certificate=certificate).values_list(
            "lead_days", flat=True
        )
    ) == [14, 60]
    # Every user may choose how they hear of it.
    kinds = [row.kind for row in notification_selectors.preferences(usa)]
    assert KIND in kinds
