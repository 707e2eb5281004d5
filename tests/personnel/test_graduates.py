"""Where graduates go: a person linked to the training certificate they hold, checked by the
training's public verification, and shown on the positions they held."""

from datetime import date

import pytest

from accord.audit.models import AuditEntry
from accord.errors import AccordError, Code
from accord.markings import Role
from accord.personnel import selectors, services
from accord.personnel.inputs import PersonValues
from accord.personnel.models import GraduateRecord
from accord.training import services as training
from tests.personnel.conftest import (
    SYSTEM,
    afg,
    person_make,
    position_make,
    slot_make,
    unit_make,
    user_make,
)
from tests.training.conftest import course_make, session_make
from tests.training.helpers import graduates

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(db):
    session = session_make(course_make("t-grad"), code="t-grad-1", quotas={"AFG": 2})
    passed = graduates(session, [("Test", "Soldier")])[0]
    return training.certificate_issue(actor=SYSTEM, nomination=passed)


def refused(code, **kwargs):
    before = (AuditEntry.objects.count(), GraduateRecord.objects.count())
    with pytest.raises(AccordError) as caught:
        services.graduate_link(**kwargs)
    assert caught.value.code == code
    entry = AuditEntry.objects.order_by("-pk").first()
    assert (entry.action, entry.outcome, entry.error_code) == ("graduate.link", "refused", code)
    assert (AuditEntry.objects.count(), GraduateRecord.objects.count()) == (
        before[0] + 1,
        before[1],
    )


def test_a_graduate_linked_shows_on_the_positions_they_held(certificate, client):
    hub = user_make("t-hub-grad", Role.HUB_STAFF)
    person = person_make()  # "Test Soldier N": initials T.S., as the certificate's holder
    position = position_make(unit_make())
    slot_make(person, position, date(2016, 3, 21))
    record = services.graduate_link(
        actor=hub, person=person, certificate_code=certificate.code.lower()
    )
    assert (record.certificate_code, record.course) == (certificate.code, "Mi-17 engines")
    assert [
        p for p, _slot, _records in selectors.position_graduates(actor=hub, position=position)
    ] == [person]
    client.force_login(hub)
    page = client.get(f"/personnel/positions/{position.pk}/").content.decode()
    assert "Graduates who held this position" in page
    assert "Mi-17 engines" in page
    assert certificate.code in client.get(f"/personnel/persons/{person.pk}/").content.decode()
    # A reader of the position who may not read persons sees no graduate in it.
    assert (
        selectors.position_graduates(
            actor=user_make("t-sec-x", Role.SECRETARIAT), position=position
        )
        == []
    )


def test_links_refused_for_unknown_other_or_revoked_certificates(certificate):
    person = person_make()
    refused(Code.CERTIFICATE_UNKNOWN, actor=SYSTEM, person=person, certificate_code="NOPE-1")
    other = services.person_create(
        actor=SYSTEM,
        values=PersonValues(
            number="T-WALI",
            biometric_id="BIO-WALI",
            given_name="Wali",
            family_name="Safi",
            nation=afg(),
        ),
    )
    refused(
        Code.CERTIFICATE_OTHER_PERSON,
        actor=SYSTEM,
        person=other,
        certificate_code=certificate.code,
    )
    training.certificate_revoke(actor=SYSTEM, certificate=certificate, reason="Test")
    refused(
        Code.CERTIFICATE_REVOKED, actor=SYSTEM, person=person, certificate_code=certificate.code
    )


def test_the_page_form_links_and_reports_a_bad_code(certificate, client):
    hub = user_make("t-hub-form", Role.HUB_STAFF)
    person = person_make()
    client.force_login(hub)
    url = f"/personnel/persons/{person.pk}/graduate/"
    bad = client.post(url, {"certificate_code": "NOPE-1"}, follow=True)
    assert "No certificate with the code NOPE-1" in bad.content.decode()
    client.post(url, {"certificate_code": certificate.code})
    assert GraduateRecord.objects.filter(person=person).count() == 1
