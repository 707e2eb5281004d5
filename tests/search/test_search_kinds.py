"""The kinds registered after the first ones: persons and trainees (personal data, found only by
their readers under the personal rule), meetings and joint actions, training sessions and conflict
events (found under their marking); each rebuilt by ``accord search reindex``."""

import pytest
from django.core.management import call_command

from accord.core.models import Nation
from accord.council.models import JointAction, Meeting
from accord.markings import Marking
from accord.personnel.models import Person
from accord.search.selectors import search
from accord.situation.models import ConflictEvent
from accord.training.models import Session, Trainee

WORD = "Zorbulanqa"


def _hits(actor, kind):
    results = search(actor, WORD, kind)
    return [hit.url for group in results.groups for hit in group.hits], results.total


def _reindexed(*kinds):
    call_command("search", "reindex", *[arg for kind in kinds for arg in ("--kind", kind)])


def _national(model, usa, **texts):
    """The first stored record of a kind, given the word and made the USA's alone."""
    record = model.objects.order_by("pk").first()
    assert record is not None, f"the scenario has no {model.__name__}"
    model.objects.filter(pk=record.pk).update(marking=Marking.NATIONAL, owner_nation=usa, **texts)
    return record


@pytest.fixture
def usa(db):
    return Nation.objects.get(iso3="USA")


def test_persons_and_trainees_are_found_only_by_their_readers(db, persona):
    afghanistan = Nation.objects.get(iso3="AFG")
    person = Person.objects.order_by("pk").first()
    Person.objects.filter(pk=person.pk).update(family_name=WORD, nation=afghanistan)
    trainee = Trainee.objects.order_by("pk").first()
    Trainee.objects.filter(pk=trainee.pk).update(
        family_name=WORD, nation=Nation.objects.get(iso3="RUS")
    )
    _reindexed("person", "trainee")
    # A person: auditors and the person's own nation's hub staff; a USA hub officer is not.
    for reader in ("auditor", "afg-budget"):
        assert _hits(persona(reader), "person")[0] == [f"/personnel/persons/{person.pk}/"]
    # A trainee: trainers and the trainee's own delegation.
    for reader in ("trainer", "delegation-rus"):
        assert _hits(persona(reader), "trainee")[0] == [f"/training/trainees/{trainee.pk}/"]
    # Neither found nor counted for anyone else, in any kind.
    for reader in ("hub-staff", "delegation-usa", "logistician"):
        assert _hits(persona(reader), None) == ([], 0)


def test_meetings_and_joint_actions_are_found_under_their_marking(db, persona, usa):
    meeting = _national(Meeting, usa, place=WORD, minutes_ru=f"Совещание в {WORD}е.")
    action = _national(JointAction, usa, description=f"Training at {WORD}.")
    _reindexed("meeting", "joint-action")
    reader = persona("delegation-usa")
    assert _hits(reader, "meeting")[0] == [f"/council/meetings/{meeting.pk}/"]
    assert _hits(reader, "joint-action")[0] == [f"/council/joint-actions/{action.code}/"]
    assert _hits(persona("delegation-rus"), None) == ([], 0)


def test_sessions_and_conflict_events_are_found_under_their_marking(db, persona, usa):
    session = _national(Session, usa, notes=f"Held at {WORD}.")
    event = _national(ConflictEvent, usa, where_description=WORD)
    _reindexed("session", "conflict-event")
    reader = persona("delegation-usa")
    assert _hits(reader, "session")[0] == [f"/training/sessions/{session.code}/"]
    assert _hits(reader, "conflict-event")[0] == [f"/situation/events/{event.pk}/"]
    assert _hits(persona("delegation-rus"), None) == ([], 0)
