"""A meeting's record: attendance by member and level, the minutes in both working languages, each
agenda item's outcome with the decisions and consultations it refers to, and the next meeting's
draft agenda carrying the items left open or deferred."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from accord.audit.models import AuditEntry
from accord.core.models import Nation
from accord.council.models import AgendaItem, Meeting
from accord.council.selectors import meeting_referenced_decisions
from accord.council.services import (
    agenda_item_object,
    agenda_item_outcome,
    agenda_item_propose,
    decision_record,
    meeting_create,
    meeting_draft_next,
    meeting_minutes_record,
    meeting_update,
)
from accord.errors import Conflict, PermissionDenied, ValidationFailed
from tests.council.test_api_and_pages import api

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(nrc, persona):
    """An NRC meeting held yesterday with three items: one kept off by an objection."""
    secretariat = persona("secretariat")
    meeting = meeting_create(
        actor=secretariat, body=nrc, starts_at=timezone.now() + timedelta(days=2), place="Brussels"
    )
    items = [
        agenda_item_propose(actor=persona(who), meeting=meeting, title=title)
        for who, title in [
            ("delegation-usa", "Counter-narcotics training"),
            ("delegation-deu", "Transit through Russia"),
            ("delegation-rus", "Missile defence"),
            ("delegation-deu", "Helicopter maintenance"),
        ]
    ]
    agenda_item_object(actor=persona("delegation-usa"), item=items[2], reason="Not today.")
    Meeting.objects.filter(pk=meeting.pk).update(starts_at=timezone.now() - timedelta(days=1))
    meeting.refresh_from_db()
    return meeting, items


def test_attendance_is_kept_by_member_and_level_with_minutes_in_both_languages(held, persona):
    meeting, _items = held
    usa, rus, afg = (Nation.objects.get(iso3=c) for c in ("USA", "RUS", "AFG"))
    meeting = meeting_minutes_record(
        actor=persona("secretariat"),
        meeting=meeting,
        minutes="The Council met.",
        minutes_ru="Совет собрался.",
        attendance=[(usa, "minister"), (usa, "expert"), (rus, "ambassador")],
        expected_version=meeting.version,
    )
    assert sorted((a.nation.iso3, a.level) for a in meeting.attendance.all()) == [
        ("RUS", "ambassador"),
        ("USA", "expert"),
        ("USA", "minister"),
    ]
    assert set(meeting.attendees.values_list("iso3", flat=True)) == {"USA", "RUS"}
    assert meeting.minutes_ru == "Совет собрался."
    with pytest.raises(Conflict) as exc:  # not a member of the NRC: nothing changes
        meeting_minutes_record(
            actor=persona("secretariat"),
            meeting=meeting,
            minutes="",
            attendance=[(afg, "minister")],
            expected_version=meeting.version,
        )
    assert exc.value.code == "not_a_member"
    assert meeting.attendance.count() == 3
    assert AuditEntry.objects.filter(action="meeting.minute", outcome="refused").exists()


def test_a_meeting_changes_at_its_version_only(held, persona):
    meeting, _items = held
    secretariat = persona("secretariat")
    version = meeting.version
    changed = meeting_update(
        actor=secretariat,
        meeting=meeting,
        expected_version=version,
        starts_at=meeting.starts_at,
        level="minister",
        place="Rome",
    )
    assert (changed.place, changed.level, changed.version) == ("Rome", "minister", version + 1)
    with pytest.raises(Conflict) as exc:
        meeting_update(
            actor=secretariat,
            meeting=meeting,
            expected_version=version,
            starts_at=meeting.starts_at,
        )
    assert exc.value.code == "stale_version"
    with pytest.raises(PermissionDenied):
        meeting_update(
            actor=persona("delegation-usa"),
            meeting=meeting,
            expected_version=version + 1,
            starts_at=meeting.starts_at,
        )


def test_outcomes_refer_to_decisions_after_the_meeting_only(held, nrc, persona):
    meeting, items = held
    secretariat = persona("secretariat")
    decision = decision_record(
        actor=secretariat,
        body=nrc,
        meeting=meeting,
        title="Training continues",
        text="The Council agrees.",
        adopted_on=date.today(),
    )
    item = agenda_item_outcome(
        actor=secretariat, item=items[0], outcome="agreed", decisions=[decision]
    )
    assert item.outcome == "agreed"
    assert list(item.decisions.all()) == [decision]
    assert list(meeting_referenced_decisions(actor=persona("delegation-rus"), meeting=meeting)) == [
        decision
    ]
    with pytest.raises(Conflict) as exc:
        agenda_item_outcome(actor=secretariat, item=items[2], outcome="noted")
    assert exc.value.code == "item_off_agenda"
    with pytest.raises(Conflict) as exc:
        agenda_item_outcome(
            actor=secretariat, item=items[1], outcome="noted", now=meeting.starts_at - timedelta(1)
        )
    assert exc.value.code == "meeting_not_held"
    with pytest.raises(PermissionDenied):
        agenda_item_outcome(actor=persona("delegation-usa"), item=items[1], outcome="noted")


def test_the_next_agenda_carries_the_open_and_deferred_items_once(held, persona):
    meeting, items = held
    secretariat = persona("secretariat")
    agenda_item_outcome(actor=secretariat, item=items[0], outcome="agreed")
    agenda_item_outcome(actor=secretariat, item=items[1], outcome="deferred", note="In June.")
    # items[3] stays open; items[2] was kept off the agenda.
    with pytest.raises(ValidationFailed) as exc:
        meeting_draft_next(actor=secretariat, meeting=meeting, starts_at=meeting.starts_at)
    assert exc.value.code == "meeting_date_invalid"
    draft = meeting_draft_next(
        actor=secretariat, meeting=meeting, starts_at=timezone.now() + timedelta(days=30)
    )
    carried = list(draft.agenda_items.all())
    assert [(i.title, i.outcome, i.carried_from_id) for i in carried] == [
        ("Transit through Russia", "open", items[1].pk),
        ("Helicopter maintenance", "open", items[3].pk),
    ]
    assert draft.drafted_from == meeting
    assert (draft.body, draft.marking, draft.place) == (meeting.body, meeting.marking, "Brussels")
    with pytest.raises(Conflict) as exc:
        meeting_draft_next(
            actor=secretariat, meeting=meeting, starts_at=timezone.now() + timedelta(days=31)
        )
    assert exc.value.code == "next_meeting_drafted"
    assert Meeting.objects.filter(drafted_from=meeting).count() == 1
    # A carried item is open to members' objections until the new meeting starts.
    agenda_item_object(actor=persona("delegation-rus"), item=carried[0])
    assert AgendaItem.objects.get(pk=carried[0].pk).state == "refused"


def test_the_meeting_page_records_outcomes_and_drafts_the_next_agenda(held, client_as):
    meeting, items = held
    client = client_as("secretariat")
    response = client.post(
        f"/council/meetings/{meeting.pk}/outcome/", {"item": items[3].pk, "outcome": "deferred"}
    )
    assert response.status_code == 302
    response = client.post(
        f"/council/meetings/{meeting.pk}/draft-next/",
        {"starts_at": (timezone.now() + timedelta(days=20)).strftime("%Y-%m-%dT%H:%M")},
    )
    draft = Meeting.objects.get(drafted_from=meeting)
    assert response["Location"] == f"/council/meetings/{draft.pk}/"
    page = client.get(response["Location"]).content.decode()
    assert "Helicopter maintenance" in page
    assert "(carried over)" in page
    assert "Missile defence" not in page
    page = client_as("delegation-rus").get(f"/council/meetings/{meeting.pk}/").content.decode()
    assert "Deferred" in page
    assert "Draft the next agenda" not in page  # the secretariat's form only


def test_the_api_records_an_outcome_with_a_decision_and_drafts_the_next_meeting(held, nrc, persona):
    meeting, items = held
    decision = decision_record(
        actor=persona("secretariat"),
        body=nrc,
        title="Transit",
        text="Agreed.",
        adopted_on=date.today(),
    )
    secretariat = api("secretariat")
    response = secretariat(
        "POST",
        f"/agenda-items/{items[1].pk}/outcome",
        {"outcome": "noted", "decisions": [decision.reference]},
    )
    assert response.status_code == 200, response.content
    assert response.json()["decisions"] == [decision.reference]
    response = secretariat(
        "POST",
        f"/meetings/{meeting.pk}/draft-next",
        {"starts_at": (timezone.now() + timedelta(days=9)).isoformat()},
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["drafted_from"] == meeting.pk
    assert [i["title"] for i in body["agenda"]] == [
        "Counter-narcotics training",
        "Helicopter maintenance",
    ]
