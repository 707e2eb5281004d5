"""The silence procedure as the secretariat and the delegations use it, through the services.

Every refusal has a stable code, changes nothing, and is in the audit trail.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from accord.audit.models import AuditEntry
from accord.audit.selectors import audit_verify
from accord.audit.services import audit_seal_pending
from accord.council.models import Circulation, Decision, SilenceBreak
from accord.council.selectors import consultation_list, consultation_view
from accord.council.services import (
    consultation_circulate,
    consultation_extend,
    consultation_revise,
    consultations_close_due,
    consultations_remind,
    silence_break,
)
from accord.errors import AccordError, NotFound, PermissionDenied
from accord.notifications.services import outbox_send
from tests.council.conftest import SYSTEM

pytestmark = pytest.mark.django_db


def _state(consultation):
    consultation.refresh_from_db()
    return (
        consultation.state,
        consultation.version,
        Circulation.objects.filter(consultation=consultation).count(),
        SilenceBreak.objects.filter(circulation__consultation=consultation).count(),
        Decision.objects.filter(consultation=consultation).count(),
    )


def refused(code, service, consultation, **kwargs):
    """The service refuses with ``code``, nothing changes, and the refusal is audited."""
    before = _state(consultation)
    with pytest.raises(AccordError) as exc:
        service(consultation=consultation, **kwargs)
    assert exc.value.code == code
    assert _state(consultation) == before
    entry = AuditEntry.objects.order_by("-pk").first()
    assert entry.outcome == "refused"
    assert entry.error_code == code
    return exc.value


def test_secretariat_circulates_and_members_are_told(
    draft, persona, emails, django_capture_on_commit_callbacks
):
    consultation = draft()
    deadline = timezone.now() + timedelta(days=2)
    with django_capture_on_commit_callbacks(execute=True):
        circulation = consultation_circulate(
            actor=persona("secretariat"), consultation=consultation, deadline=deadline
        )
    consultation.refresh_from_db()
    assert consultation.state == "circulating"
    assert consultation.deadline == deadline
    assert circulation.number == 1
    assert circulation.version.number == 1
    to = {m.to[0] for m in mail.outbox}
    assert {"delegation-usa@example.org", "delegation-rus@example.org"} <= to
    assert "Under silence until" in mail.outbox[0].subject
    assert AuditEntry.objects.filter(action="consultation.circulate", outcome="done").exists()


def test_nato_only_texts_are_not_mailed_to_russia(
    circulating, nac, persona, emails, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        circulating(body=nac)
    to = {m.to[0] for m in mail.outbox}
    assert "delegation-usa@example.org" in to
    assert "delegation-rus@example.org" not in to


def test_circulating_without_a_deadline_is_refused(draft, persona):
    refused(
        "deadline_missing",
        consultation_circulate,
        draft(),
        actor=persona("secretariat"),
        deadline=None,
    )


def test_circulating_with_a_past_deadline_is_refused(draft, persona):
    past = timezone.now() - timedelta(minutes=1)
    refused(
        "deadline_in_past",
        consultation_circulate,
        draft(),
        actor=persona("secretariat"),
        deadline=past,
    )


def test_only_the_secretariat_circulates(draft, persona):
    soon = timezone.now() + timedelta(days=1)
    refused(
        "permission_denied",
        consultation_circulate,
        draft(),
        actor=persona("delegation-usa"),
        deadline=soon,
    )


def test_a_member_breaks_silence_with_a_statement(
    circulating, persona, emails, django_capture_on_commit_callbacks
):
    consultation = circulating()
    with django_capture_on_commit_callbacks(execute=True):
        broken = silence_break(
            actor=persona("delegation-rus"),
            consultation=consultation,
            statement="Russia cannot accept paragraph 2.",
            amendments="Delete paragraph 2.",
        )
    consultation.refresh_from_db()
    assert consultation.state == "broken"
    assert consultation.deadline is None
    assert broken.nation.iso3 == "RUS"
    assert broken.circulation.outcome == "broken"
    assert any("Silence broken by Russian Federation" in m.subject for m in mail.outbox)
    # The deadline passing afterwards does not adopt it (other texts in the database may fall due).
    later = timezone.now() + timedelta(days=5)
    adopted = consultations_close_due(actor=SYSTEM, now=later, rehearsal=True)
    assert consultation.pk not in {d.consultation_id for d in adopted}
    consultation.refresh_from_db()
    assert consultation.state == "broken"


def test_breaking_twice_is_refused(circulating, persona):
    consultation = circulating()
    silence_break(actor=persona("delegation-rus"), consultation=consultation, statement="No.")
    refused(
        "silence_already_broken",
        silence_break,
        consultation,
        actor=persona("delegation-rus"),
        statement="Still no.",
    )


def test_every_break_before_the_deadline_is_on_record_and_everyone_is_told(
    circulating, persona, emails, django_capture_on_commit_callbacks
):
    """February 2003: three allies broke silence on the same text; all three are on record."""
    consultation = circulating(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        silence_break(actor=persona("delegation-rus"), consultation=consultation, statement="No.")
        silence_break(
            actor=persona("delegation-deu"), consultation=consultation, statement="Nor Germany."
        )
    assert any("also broke silence" in m.body for m in mail.outbox)
    circulation = consultation.circulations.get()
    assert [(b.nation.iso3, b.statement) for b in circulation.breaks.order_by("broken_at")] == [
        ("RUS", "No."),
        ("DEU", "Nor Germany."),
    ]
    entries = AuditEntry.objects.filter(
        action="silence.break", outcome="done", object_id=str(consultation.pk)
    ).order_by("pk")
    assert [e.changes["first_break"] for e in entries] == [True, False]
    consultation.refresh_from_db()
    assert consultation.state == "broken"
    view = consultation_view(actor=persona("delegation-usa"), consultation=consultation)
    assert view.breaks_until == circulation.deadline
    refused(
        "deadline_passed",
        silence_break,
        consultation,
        actor=persona("delegation-usa"),
        statement="Too late.",
        now=circulation.deadline,
    )


def test_breaking_after_the_deadline_is_refused(circulating, persona):
    consultation = circulating(hours=1)
    late = timezone.now() + timedelta(hours=2)
    refused(
        "deadline_passed",
        silence_break,
        consultation,
        actor=persona("delegation-usa"),
        statement="Too late.",
        now=late,
    )


def test_a_non_member_cannot_break_silence(circulating, small_body, persona):
    consultation = circulating(body=small_body)
    refused(
        "not_a_member",
        silence_break,
        consultation,
        actor=persona("delegation-deu"),
        statement="Germany objects.",
    )


def test_only_delegations_break_silence(circulating, persona):
    refused(
        "not_a_delegation",
        silence_break,
        circulating(),
        actor=persona("secretariat"),
        statement="The secretariat has no voice.",
    )


def test_russia_cannot_reach_a_nato_only_consultation(circulating, nac, persona):
    consultation = circulating(body=nac)
    with pytest.raises(NotFound):
        silence_break(actor=persona("delegation-rus"), consultation=consultation, statement="x")
    assert consultation not in consultation_list(actor=persona("delegation-rus"))
    assert consultation in consultation_list(actor=persona("delegation-usa"))


def test_revise_and_circulate_again_keeps_the_lineage(circulating, persona):
    consultation = circulating()
    silence_break(actor=persona("delegation-rus"), consultation=consultation, statement="No.")
    version = consultation_revise(
        actor=persona("secretariat"), consultation=consultation, text="Revised text.", note="p2 cut"
    )
    assert version.number == 2
    soon = timezone.now() + timedelta(hours=3)
    second = consultation_circulate(
        actor=persona("secretariat"), consultation=consultation, deadline=soon
    )
    assert second.number == 2
    assert second.version.number == 2
    view = consultation_view(actor=persona("delegation-usa"), consultation=consultation)
    assert [c.outcome for c in view.circulations] == ["broken", "open"]
    assert [v.number for v in view.versions] == [2, 1]


def test_revising_under_silence_is_refused(circulating, persona):
    refused(
        "text_under_silence",
        consultation_revise,
        circulating(),
        actor=persona("secretariat"),
        text="Sneaky edit.",
    )


def test_editing_an_adopted_text_is_refused(circulating, persona):
    consultation = circulating(hours=1)
    later = timezone.now() + timedelta(hours=2)
    consultations_close_due(actor=SYSTEM, now=later, rehearsal=True)
    refused(
        "consultation_adopted",
        consultation_revise,
        consultation,
        actor=persona("secretariat"),
        text="Too late to edit.",
        now=later,
    )


def test_the_state_is_adopted_on_read_before_any_job_runs(circulating, persona):
    consultation = circulating(hours=1)
    later = timezone.now() + timedelta(hours=2)
    view = consultation_view(actor=persona("delegation-usa"), consultation=consultation, now=later)
    assert view.state.value == "adopted"
    assert view.decision is None
    listed = consultation_list(
        actor=persona("delegation-usa"), params={"state": "adopted"}, now=later
    )
    assert consultation in listed
    consultation.refresh_from_db()
    assert consultation.state == "circulating"  # nothing was written by reading


def test_close_due_records_the_decision_with_the_next_number(
    circulating, persona, emails, django_capture_on_commit_callbacks
):
    # Circulated three hours ago, so both deadlines have passed on the real clock.
    start = timezone.now() - timedelta(hours=3)
    first, second = circulating(hours=1, now=start), circulating(hours=2, now=start)
    with django_capture_on_commit_callbacks(execute=True):
        decisions = consultations_close_due(actor=SYSTEM)
    # The run seals nothing between its batches: its entries wait for the worker's sealer.
    assert audit_verify().pending >= 2
    assert [d.consultation_id for d in decisions] == [first.pk, second.pk]
    assert [d.rehearsal for d in decisions] == [False, False]
    year = (start + timedelta(hours=1)).year
    numbers = [d.number for d in decisions]
    assert numbers[1] == numbers[0] + 1
    assert decisions[0].reference == f"NRC-{year}-{numbers[0]:03d}"
    assert decisions[0].adopted_by == "silence"
    assert decisions[0].text.startswith("The Council")
    first.refresh_from_db()
    assert first.state == "adopted"
    # Members are told by the worker's outbox, not by the run itself.
    assert not any(m.subject.startswith("[NRC] 2 texts adopted") for m in mail.outbox)
    with django_capture_on_commit_callbacks(execute=True):
        outbox_send(actor=SYSTEM)
    assert any(m.subject.startswith("[NRC] 2 texts adopted") for m in mail.outbox)
    assert AuditEntry.objects.filter(action="consultation.adopt", object_id=str(first.pk)).exists()
    # The adoptions, written in bulk, wait for the worker's sealer, which chains them; the
    # chain still verifies.
    audit_seal_pending()
    report = audit_verify()
    assert report.ok
    assert report.pending == 0


def test_close_due_twice_records_each_adoption_once(circulating):
    circulating(hours=1)
    later = timezone.now() + timedelta(hours=3)
    assert len(consultations_close_due(actor=SYSTEM, now=later, rehearsal=True)) == 1
    assert consultations_close_due(actor=SYSTEM, now=later, rehearsal=True) == []


def test_close_due_leaves_texts_still_under_silence(circulating):
    consultation = circulating(hours=10)
    assert (
        consultations_close_due(
            actor=SYSTEM, now=timezone.now() + timedelta(hours=9), rehearsal=True
        )
        == []
    )
    consultation.refresh_from_db()
    assert consultation.state == "circulating"


def test_delegations_cannot_close_deadlines(persona):
    with pytest.raises(PermissionDenied):
        consultations_close_due(actor=persona("delegation-usa"))


def test_extension_moves_the_deadline_and_tells_members(
    circulating, persona, emails, django_capture_on_commit_callbacks
):
    consultation = circulating(hours=1)
    new = timezone.now() + timedelta(hours=30)
    with django_capture_on_commit_callbacks(execute=True):
        circulation = consultation_extend(
            actor=persona("secretariat"), consultation=consultation, deadline=new
        )
    assert circulation.deadline == new
    assert circulation.extensions == 1
    assert any("Deadline extended" in m.subject for m in mail.outbox)
    # The old deadline passes: nothing is adopted.
    assert (
        consultations_close_due(
            actor=SYSTEM, now=timezone.now() + timedelta(hours=2), rehearsal=True
        )
        == []
    )


def test_an_extension_must_be_later(circulating, persona):
    consultation = circulating(hours=10)
    refused(
        "deadline_not_later",
        consultation_extend,
        consultation,
        actor=persona("secretariat"),
        deadline=timezone.now() + timedelta(hours=5),
    )


def test_reminders_go_out_once_within_24_hours(
    circulating, emails, django_capture_on_commit_callbacks
):
    circulating(hours=20)
    circulating(hours=60)
    with django_capture_on_commit_callbacks(execute=True):
        assert consultations_remind(actor=SYSTEM) == 1
    reminders = [m for m in mail.outbox if "Silence ends within 24 hours" in m.subject]
    assert reminders
    assert consultations_remind(actor=SYSTEM) == 0
