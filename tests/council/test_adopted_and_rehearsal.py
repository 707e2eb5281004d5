"""close-due ahead of the clock, rehearsals, and the finality of an adopted text.

``close-due --now`` later than the real clock is refused unless ``--rehearsal`` says so; a
rehearsal's decisions say they were rehearsed in the register page, the API and the exports.
Once an adoption is recorded (rehearsed or not) every action on the text is refused with
``consultation_adopted``, on the page (which no longer offers them), in the API and through the
services, and each refusal is in the audit trail.
"""

import csv
import io
import json
from datetime import timedelta

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django.test import Client
from django.utils import timezone

from accord.audit.models import AuditEntry
from accord.core.models import User
from accord.core.services import api_token_create
from accord.council.models import Circulation, Consultation, Decision, SilenceBreak, TextVersion
from accord.council.services import (
    consultation_circulate,
    consultation_extend,
    consultation_revise,
    consultations_close_due,
    silence_break,
)
from accord.errors import AccordError
from tests.council.conftest import SYSTEM

pytestmark = pytest.mark.django_db


def _snapshot(consultation):
    """Everything an action on a consultation could change."""
    consultation.refresh_from_db()
    return (
        consultation.state,
        consultation.version,
        consultation.version_number,
        list(
            Circulation.objects.filter(consultation=consultation).values_list(
                "outcome", "deadline", "extensions"
            )
        ),
        SilenceBreak.objects.filter(circulation__consultation=consultation).count(),
        TextVersion.objects.filter(consultation=consultation).count(),
        list(
            Decision.objects.filter(consultation=consultation).values_list("reference", "rehearsal")
        ),
    )


def _last_refusal():
    return AuditEntry.objects.filter(outcome="refused").order_by("-pk").first()


@pytest.fixture
def rehearsed(circulating, capsys):
    """A text under silence for an hour, adopted by a rehearsal run two hours ahead."""
    consultation = circulating(hours=1)
    later = (timezone.now() + timedelta(hours=2)).isoformat()
    call_command("council", "close-due", "--now", later, "--rehearsal")
    assert "(rehearsal)" in capsys.readouterr().out
    consultation.refresh_from_db()
    return consultation


# --- the clock --------------------------------------------------------------------------------


def test_close_due_ahead_of_the_clock_is_refused_and_changes_nothing(circulating):
    consultation = circulating(hours=1)
    before, decisions = _snapshot(consultation), Decision.objects.count()
    later = (timezone.now() + timedelta(hours=2)).isoformat()
    with pytest.raises(CommandError) as exc:
        call_command("council", "close-due", "--now", later)
    message = str(exc.value)
    assert "ahead of the real clock" in message
    assert "--rehearsal" in message
    assert _snapshot(consultation) == before
    assert Decision.objects.count() == decisions
    refusal = _last_refusal()
    assert (refusal.action, refusal.error_code) == ("consultation.close_due", "now_in_future")


def test_the_service_refuses_a_future_time_without_a_rehearsal(circulating):
    consultation = circulating(hours=1)
    before = _snapshot(consultation)
    with pytest.raises(AccordError) as exc:
        consultations_close_due(actor=SYSTEM, now=timezone.now() + timedelta(hours=2))
    assert exc.value.code == "now_in_future"
    assert _snapshot(consultation) == before


def test_catching_up_with_a_past_time_records_a_real_adoption(circulating, capsys):
    start = timezone.now() - timedelta(hours=5)
    consultation = circulating(hours=1, now=start)
    call_command("council", "close-due", "--now", (start + timedelta(hours=2)).isoformat())
    out = capsys.readouterr().out
    assert "1 text(s) adopted." in out
    assert "(rehearsal)" not in out
    decision = Decision.objects.get(consultation=consultation)
    assert decision.rehearsal is False
    assert decision.adopted_on == (start + timedelta(hours=1)).date()


def test_remind_ahead_of_the_clock_is_refused(circulating):
    circulating(hours=30)
    later = (timezone.now() + timedelta(hours=10)).isoformat()
    with pytest.raises(CommandError, match="ahead of the real clock"):
        call_command("council", "remind", "--now", later)
    assert not Circulation.objects.filter(reminded_at__isnull=False).exists()


def test_a_rehearsal_sends_no_notices(circulating, emails, django_capture_on_commit_callbacks):
    circulating(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        decisions = consultations_close_due(
            actor=SYSTEM, now=timezone.now() + timedelta(hours=2), rehearsal=True
        )
    assert [d.rehearsal for d in decisions] == [True]
    assert not any("Adopted as" in m.subject for m in mail.outbox)


# --- a rehearsal says so everywhere -----------------------------------------------------------


def test_a_rehearsed_decision_says_so_in_the_register_the_api_and_the_export(rehearsed, client_as):
    decision = Decision.objects.get(consultation=rehearsed)
    assert decision.rehearsal is True
    entry = AuditEntry.objects.get(action="consultation.adopt", object_id=str(rehearsed.pk))
    assert entry.changes["rehearsal"] is True

    client = client_as("delegation-usa")
    register = client.get("/council/decisions/").content.decode()
    row = register[register.index(decision.reference) :]
    row = row[: row.index("</tr>")]
    assert "Rehearsal: not adopted" in row
    detail = client.get(f"/council/decisions/{decision.reference}/").content.decode()
    assert "this text has not been adopted" in detail
    page = client.get(f"/council/consultations/{rehearsed.pk}/").content.decode()
    assert "Rehearsal: not adopted" in page

    _, secret = api_token_create(actor=User.objects.get(username="delegation-usa"), name="t")
    got = Client().get(
        f"/api/v1/council/decisions/{decision.reference}",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert got.status_code == 200
    assert got.json()["rehearsal"] is True

    response = client.get("/council/decisions/", {"format": "csv"})
    exported = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = {row["Reference"]: row for row in csv.DictReader(io.StringIO(exported))}
    assert rows[decision.reference]["Rehearsal"] == "rehearsal"
    others = [r for ref, r in rows.items() if ref != decision.reference]
    assert others
    assert all(r["Rehearsal"] == "" for r in others)


# --- nothing more happens to an adopted text --------------------------------------------------


ACTIONS = {
    "break": (
        "delegation-rus",
        silence_break,
        {"statement": "Russia objects, too late."},
    ),
    "extend": ("secretariat", consultation_extend, {"deadline": "later"}),
    "circulate again": ("secretariat", consultation_circulate, {"deadline": "later"}),
    "revise": ("secretariat", consultation_revise, {"text": "An edit after the fact."}),
}


def _kwargs(kwargs):
    later = timezone.now() + timedelta(days=5)
    return {k: later if v == "later" else v for k, v in kwargs.items()}


@pytest.mark.parametrize("action", ACTIONS)
def test_every_action_on_a_rehearsed_adoption_is_refused(rehearsed, persona, action):
    username, service, kwargs = ACTIONS[action]
    before = _snapshot(rehearsed)
    with pytest.raises(AccordError) as exc:
        service(actor=persona(username), consultation=rehearsed, **_kwargs(kwargs))
    assert exc.value.code == "consultation_adopted"
    assert "adopted as decision" in exc.value.detail
    assert "open a new consultation" in exc.value.detail
    assert _snapshot(rehearsed) == before
    refusal = _last_refusal()
    assert refusal.error_code == "consultation_adopted"
    assert refusal.object_id == str(rehearsed.pk)


@pytest.mark.parametrize("action", ACTIONS)
def test_every_action_on_an_adoption_recorded_on_time_is_refused(circulating, persona, action):
    consultation = circulating(hours=1, now=timezone.now() - timedelta(hours=3))
    consultations_close_due(actor=SYSTEM)
    username, service, kwargs = ACTIONS[action]
    before = _snapshot(consultation)
    with pytest.raises(AccordError) as exc:
        service(actor=persona(username), consultation=consultation, **_kwargs(kwargs))
    assert exc.value.code == "consultation_adopted"
    assert _snapshot(consultation) == before


PAGE_ACTIONS = {
    "break": ("delegation-rus", "break", {"statement": "Too late.", "amendments": ""}),
    "extend": ("secretariat", "extend", {"deadline": "later"}),
    "circulate": ("secretariat", "circulate", {"deadline": "later"}),
    "revise": ("secretariat", "revise", {"text": "An edit after the fact.", "note": ""}),
}


def test_the_page_offers_no_action_on_an_adopted_text(rehearsed, client_as):
    for username in ("secretariat", "delegation-rus", "admin"):
        page = client_as(username).get(f"/council/consultations/{rehearsed.pk}/")
        assert page.status_code == 200
        html = page.content.decode()
        assert 'class="state-adopted"' in html
        for offered in (
            "Break silence</button>",
            "Extend the deadline",
            "Circulate version",
            "Save as version",
        ):
            assert offered not in html, (username, offered)


@pytest.mark.parametrize("action", PAGE_ACTIONS)
def test_posting_an_action_on_an_adopted_text_is_refused_with_a_message(
    rehearsed, client_as, action
):
    username, path, data = PAGE_ACTIONS[action]
    later = (timezone.now() + timedelta(days=5)).strftime("%Y-%m-%dT%H:%M")
    data = {k: later if v == "later" else v for k, v in data.items()}
    before = _snapshot(rehearsed)
    client = client_as(username)
    response = client.post(f"/council/consultations/{rehearsed.pk}/{path}/", data, follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "consultation_adopted" in html
    assert "open a new consultation" in html
    assert _snapshot(rehearsed) == before
    assert _last_refusal().error_code == "consultation_adopted"


@pytest.mark.parametrize("action", PAGE_ACTIONS)
def test_the_api_refuses_every_action_on_an_adopted_text(rehearsed, action):
    username, path, data = PAGE_ACTIONS[action]
    later = (timezone.now() + timedelta(days=5)).isoformat()
    data = {k: later if v == "later" else v for k, v in data.items()}
    _, secret = api_token_create(actor=User.objects.get(username=username), name="t")
    before = _snapshot(rehearsed)
    response = Client().post(
        f"/api/v1/council/consultations/{rehearsed.pk}/{path}",
        json.dumps(data),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {secret}",
    )
    assert response.status_code == 409
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "consultation_adopted"
    assert _snapshot(rehearsed) == before
    assert _last_refusal().error_code == "consultation_adopted"
    state = Client().get(
        f"/api/v1/council/consultations/{rehearsed.pk}", HTTP_AUTHORIZATION=f"Bearer {secret}"
    )
    assert state.json()["state"] == "adopted"


def test_close_due_again_leaves_an_adopted_text_alone(rehearsed):
    before = _snapshot(rehearsed)
    again = consultations_close_due(
        actor=SYSTEM, now=timezone.now() + timedelta(days=3), rehearsal=True
    )
    assert rehearsed.pk not in {d.consultation_id for d in again}
    assert _snapshot(rehearsed) == before
    assert Consultation.objects.get(pk=rehearsed.pk).state == "adopted"
