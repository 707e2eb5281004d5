"""Closing a circulation early when every member expressly agreed, withdrawing a text, and the
review date of a decision with its reminder: through the services, the API and the pages."""

import json
from datetime import date, timedelta

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from accord.audit.models import AuditEntry
from accord.core.models import Nation, User
from accord.core.services import api_token_create
from accord.council.models import Body, Decision
from accord.council.services import (
    body_members_sync,
    consultation_close_early,
    consultation_withdraw,
    consultations_close_due,
    decision_review_set,
    decisions_review_remind,
    silence_agree,
    silence_break,
)
from accord.errors import AccordError
from tests.council.conftest import SYSTEM

pytestmark = pytest.mark.django_db

TRIO = ("USA", "DEU", "RUS")


@pytest.fixture
def trio(db):
    """A committee whose three members each have a delegation persona."""
    body = Body.objects.create(
        code="trio", name="Trio committee", level="committee", number_prefix="TC", marking="NRC"
    )
    body_members_sync(
        actor=SYSTEM, body=body, members={Nation.objects.get(iso3=c): None for c in TRIO}
    )
    return body


def refused(code, service, **kwargs):
    with pytest.raises(AccordError) as exc:
        service(**kwargs)
    assert exc.value.code == code
    entry = AuditEntry.objects.order_by("-pk").first()
    assert (entry.outcome, entry.error_code) == ("refused", code)


def test_every_member_agrees_and_the_secretariat_closes_early(
    trio, circulating, persona, emails, django_capture_on_commit_callbacks
):
    consultation = circulating(body=trio)
    with django_capture_on_commit_callbacks(execute=True):
        for nation in ("usa", "deu"):
            silence_agree(actor=persona(f"delegation-{nation}"), consultation=consultation)
    assert any("2 of 3 members have agreed" in m.body for m in mail.outbox)
    secretariat = persona("secretariat")
    close = {"actor": secretariat, "consultation": consultation}
    refused("not_everyone_agreed", consultation_close_early, **close)
    refused(
        "already_agreed",
        silence_break,
        actor=persona("delegation-usa"),
        consultation=consultation,
        statement="Changed our mind.",
    )
    silence_agree(actor=persona("delegation-rus"), consultation=consultation)
    decision = consultation_close_early(actor=secretariat, consultation=consultation)
    assert decision.adopted_by == "agreed"
    assert decision.adopted_on == timezone.now().date()
    consultation.refresh_from_db()
    assert consultation.state == "adopted"
    refused(
        "consultation_adopted",
        consultation_withdraw,
        actor=secretariat,
        consultation=consultation,
        reason="Too late.",
    )


def test_a_withdrawn_text_is_never_adopted_and_members_are_told(
    circulating, persona, emails, django_capture_on_commit_callbacks
):
    consultation = circulating(hours=1)
    refused(
        "validation_failed",
        consultation_withdraw,
        actor=persona("secretariat"),
        consultation=consultation,
        reason=" ",
    )
    with django_capture_on_commit_callbacks(execute=True):
        consultation_withdraw(
            actor=persona("secretariat"), consultation=consultation, reason="Overtaken by events."
        )
    assert any("Text withdrawn" in m.subject for m in mail.outbox)
    consultation.refresh_from_db()
    assert (consultation.state, consultation.deadline) == ("withdrawn", None)
    assert consultation.circulations.get().outcome == "withdrawn"
    refused(
        "consultation_withdrawn",
        silence_break,
        actor=persona("delegation-rus"),
        consultation=consultation,
        statement="x",
    )
    later = timezone.now() + timedelta(hours=2)
    adopted = consultations_close_due(actor=SYSTEM, now=later, rehearsal=True)
    assert consultation.pk not in {d.consultation_id for d in adopted}


def test_a_review_date_is_reminded_once_and_must_follow_the_adoption(
    persona, emails, django_capture_on_commit_callbacks
):
    decision = Decision.objects.filter(adopted_by="meeting", rehearsal=False).first()
    secretariat = persona("secretariat")
    refused(
        "review_date_invalid",
        decision_review_set,
        actor=secretariat,
        decision=decision,
        review_on=decision.adopted_on,
    )
    refused(
        "permission_denied",
        decision_review_set,
        actor=persona("delegation-usa"),
        decision=decision,
        review_on=date.today() + timedelta(days=30),
    )
    soon = timezone.now().date() + timedelta(days=10)
    decision_review_set(actor=secretariat, decision=decision, review_on=soon, note="Renew?")
    with django_capture_on_commit_callbacks(execute=True):
        assert decisions_review_remind(actor=SYSTEM) == 1
        assert decisions_review_remind(actor=SYSTEM) == 0
    assert any(f"Review due: {decision.reference}" in m.subject for m in mail.outbox)
    decision.refresh_from_db()
    assert decision.review_reminded_at is not None
    # A new date is reminded of anew.
    decision_review_set(actor=secretariat, decision=decision, review_on=soon + timedelta(days=1))
    assert decisions_review_remind(actor=SYSTEM) == 1


def _api(username):
    _, secret = api_token_create(actor=User.objects.get(username=username), name="t")
    client = Client()

    def call(path, payload=None):
        return client.post(
            "/api/v1/council" + path,
            data=json.dumps(payload or {}),
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {secret}",
        )

    return call


def test_agree_close_early_withdraw_and_review_through_the_api(trio, circulating):
    consultation = circulating(body=trio)
    for nation in ("usa", "deu", "rus"):
        agreed = _api(f"delegation-{nation}")(f"/consultations/{consultation.pk}/agree")
        assert agreed.status_code == 200, agreed.content
    assert [a["nation"] for a in agreed.json()["circulations"][0]["agreements"]] == list(TRIO)
    secretariat = _api("secretariat")
    closed = secretariat(f"/consultations/{consultation.pk}/close-early")
    assert closed.json()["state"] == "adopted"
    reference = closed.json()["decision"]
    withdrawn = secretariat(f"/consultations/{consultation.pk}/withdraw", {"reason": "No."})
    assert (withdrawn.status_code, withdrawn.json()["code"]) == (409, "consultation_adopted")
    version = Decision.objects.get(reference=reference).version
    review_on = (timezone.now() + timedelta(days=365)).date().isoformat()
    reviewed = secretariat(
        f"/decisions/{reference}/review",
        {"review_on": review_on, "note": "Renew", "expected_version": version},
    )
    assert reviewed.json()["review_on"] == review_on
    stale = secretariat(
        f"/decisions/{reference}/review", {"review_on": None, "expected_version": version}
    )
    assert (stale.status_code, stale.json()["code"]) == (409, "stale_version")


def test_the_pages_offer_agreement_withdrawal_and_review(trio, circulating, client_as):
    consultation = circulating(body=trio)
    url = f"/council/consultations/{consultation.pk}/"
    usa = client_as("delegation-usa")
    assert b"Agree expressly" in usa.get(url).content
    usa.post(f"{url}agree/")
    assert b"Agree expressly" not in usa.get(url).content
    secretariat = client_as("secretariat")
    secretariat.post(f"{url}withdraw/", {"reason": "Superseded by the new draft."})
    page = secretariat.get(url).content.decode()
    assert "Superseded by the new draft." in page
    assert "Withdraw the text" not in page
    decision = Decision.objects.filter(adopted_by="meeting").first()
    detail = f"/council/decisions/{decision.reference}/"
    review_on = timezone.now().date() + timedelta(days=100)
    secretariat.post(
        f"{detail}review/",
        {"review_on": review_on.isoformat(), "note": "", "expected_version": decision.version},
    )
    decision.refresh_from_db()
    assert decision.review_on == review_on
    assert b"Save the review date" not in client_as("delegation-usa").get(detail).content
