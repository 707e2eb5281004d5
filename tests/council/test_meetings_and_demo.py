"""Agendas by consensus, the demo's open consultation, and the scenario's meetings."""

from datetime import timedelta

import pytest
from django.utils import timezone

from accord.council.demo import DEMO_TITLE, open_consultation
from accord.council.models import AgendaItem, Consultation
from accord.council.selectors import consultation_view
from accord.council.services import agenda_item_object, agenda_item_propose, meeting_create
from accord.errors import Conflict, PermissionDenied
from tests.council.conftest import SYSTEM

pytestmark = pytest.mark.django_db


def test_an_item_one_member_objects_to_stays_off_the_agenda(nrc, persona):
    meeting = meeting_create(
        actor=persona("secretariat"), body=nrc, starts_at=timezone.now() + timedelta(days=3)
    )
    item = agenda_item_propose(
        actor=persona("delegation-rus"), meeting=meeting, title="Afghanistan"
    )
    assert item.proposed_by.iso3 == "RUS"
    assert item.state == "adopted"
    agenda_item_object(actor=persona("delegation-usa"), item=item, reason="Ukraine only today.")
    item.refresh_from_db()
    assert item.state == "refused"
    assert item.objections.get().reason == "Ukraine only today."
    with pytest.raises(Conflict) as exc:
        agenda_item_object(actor=persona("delegation-usa"), item=item)
    assert exc.value.code == "already_objected"


def test_objections_after_the_meeting_opened_are_refused(nrc, persona):
    meeting = meeting_create(
        actor=persona("secretariat"), body=nrc, starts_at=timezone.now() + timedelta(hours=1)
    )
    item = agenda_item_propose(actor=persona("delegation-deu"), meeting=meeting, title="Transit")
    with pytest.raises(Conflict) as exc:
        agenda_item_object(
            actor=persona("delegation-rus"), item=item, now=timezone.now() + timedelta(hours=2)
        )
    assert exc.value.code == "meeting_started"


def test_only_members_and_the_secretariat_move_agenda_items(nrc, persona):
    meeting = meeting_create(
        actor=persona("secretariat"), body=nrc, starts_at=timezone.now() + timedelta(days=1)
    )
    with pytest.raises(PermissionDenied):
        agenda_item_propose(actor=persona("trainer"), meeting=meeting, title="Courses")


def test_the_2014_meeting_kept_afghanistan_off_the_agenda():
    item = AgendaItem.objects.get(title="Afghanistan after 2014")
    assert item.proposed_by.iso3 == "RUS"
    assert item.state == "refused"
    assert item.objections.count() == 1


def test_the_demo_opens_one_consultation_with_a_future_deadline_once(persona):
    now = timezone.now()
    assert open_consultation(SYSTEM, now)
    assert open_consultation(SYSTEM, now) is None
    consultation = Consultation.objects.get(title=DEMO_TITLE)
    view = consultation_view(actor=persona("delegation-rus"), consultation=consultation)
    assert view.state.value == "circulating"
    assert view.deadline > now
