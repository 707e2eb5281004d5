"""close-due over several texts: decisions numbered in a row, an audit entry per adoption, one
notice per member for the whole run, nothing e-mailed by the run itself; the worker's outbox
then sends each recipient one message. The decisions are found by the search."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from accord.audit.models import AuditEntry
from accord.council.facts import consultation_path, decision_path, member_ids
from accord.council.models import (
    Circulation,
    Consultation,
    Decision,
    DecisionCounter,
)
from accord.council.services import consultations_close_due
from accord.council.services.notify import recipients
from accord.notifications.models import Notification
from accord.notifications.services import notification_preferences_set, outbox_send
from accord.search.models import SearchEntry
from accord.search.selectors import search
from tests.council.conftest import SYSTEM

pytestmark = pytest.mark.django_db


def test_a_run_numbers_audits_and_tells_each_member_once_and_the_outbox_mails_them(
    circulating, nrc, persona, emails, django_capture_on_commit_callbacks
):
    start = timezone.now() - timedelta(hours=3)
    texts = [circulating(hours=1, now=start) for _ in range(3)]
    rus = persona("delegation-rus")
    notification_preferences_set(actor=rus, choices={"council.adopted": (True, "never")})
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        # Two texts a batch: the run's second batch rewrites the notices of its first.
        decisions = consultations_close_due(actor=SYSTEM, batch=2)

    numbers = [d.number for d in decisions]
    assert numbers == list(range(numbers[0], numbers[0] + 3))
    adopted = AuditEntry.objects.filter(
        action="consultation.adopt", object_id__in=[str(t.pk) for t in texts]
    )
    assert sorted(adopted.values_list("object_id", flat=True)) == sorted(str(t.pk) for t in texts)
    assert mail.outbox == []

    told = recipients(nrc, member_ids(nrc))
    notices = Notification.objects.filter(kind="council.adopted").exclude(gather_key="")
    assert sorted(notices.values_list("user_id", flat=True)) == sorted(told)
    usa = notices.get(user__username="delegation-usa")
    assert usa.subject == "[NRC] 3 texts adopted under silence"
    assert all(d.reference in usa.body for d in decisions)
    assert (usa.email_pending, notices.get(user=rus).email_pending) == (True, False)

    with django_capture_on_commit_callbacks(execute=True):
        sent = outbox_send(actor=SYSTEM)
    addressed = [m.to[0] for m in mail.outbox]
    assert sent == len(addressed) == len(set(addressed)) == len(told) - 1
    assert "delegation-rus@example.org" not in addressed
    to_usa = next(m for m in mail.outbox if m.to == ["delegation-usa@example.org"])
    assert to_usa.subject == usa.subject
    assert all(d.reference in to_usa.body for d in decisions)
    assert AuditEntry.objects.filter(action="notification.outbox", outcome="done").exists()
    # Sent once: the outbox is empty now.
    assert outbox_send(actor=SYSTEM) == 0


def test_a_run_of_one_text_names_it_and_a_second_run_adopts_nothing(
    circulating, emails, django_capture_on_commit_callbacks
):
    text = circulating(hours=1, now=timezone.now() - timedelta(hours=3))
    with django_capture_on_commit_callbacks(execute=True):
        (decision,) = consultations_close_due(actor=SYSTEM)
        assert consultations_close_due(actor=SYSTEM) == []
    told = Notification.objects.filter(kind="council.adopted", user__username="delegation-usa")
    (usa,) = told.exclude(gather_key="")
    assert usa.subject.startswith(f"[NRC] Adopted as {decision.reference}")
    assert usa.url == f"/council/consultations/{text.pk}/"
    assert usa.email_pending


def test_a_run_indexes_the_decisions_it_adopts_for_the_search(circulating, persona):
    texts = [circulating(hours=1, now=timezone.now() - timedelta(hours=3)) for _ in range(2)]
    decisions = consultations_close_due(actor=SYSTEM, batch=1)

    results = search(persona("delegation-usa"), "counter-narcotics", "decision")
    hits = {hit.url: hit.title for group in results.groups for hit in group.hits}
    adopted = {reverse("council:decision-detail", args=[d.reference]) for d in decisions}
    assert {url: hits.get(url) for url in adopted} == dict.fromkeys(adopted, texts[0].title)
    indexed = SearchEntry.objects.filter(kind="decision", record_id__in=[d.pk for d in decisions])
    # English and Russian rows each (the Russian one found by the reference alone).
    assert sorted(indexed.values_list("record_id", "language")) == sorted(
        (d.pk, language) for d in decisions for language in ("en", "ru")
    )
    # The consultations' own rows were not rewritten: their texts did not change.
    assert SearchEntry.objects.filter(kind="consultation", record_id=texts[0].pk).count() == 1


def test_the_council_pages_written_without_reverse_are_the_ones_reverse_gives(db):
    for reference in ("NRC-2026-001", "SC-2026-1234", "odd ref é"):
        assert decision_path(reference) == reverse("council:decision-detail", args=[reference])
    assert consultation_path(42) == reverse("council:consultation-detail", args=[42])


def test_a_batch_that_fails_midway_leaves_nothing_of_itself_written(circulating):
    """A batch is one transaction: when a text of it cannot be adopted (here its open
    circulation is gone, a row no service writes so), nothing of the batch stays: no text
    claimed, no circulation closed, no decision, number, audit entry or search row."""
    texts = [circulating(hours=1, now=timezone.now() - timedelta(hours=3)) for _ in range(3)]
    Circulation.objects.filter(consultation=texts[1], outcome="open").update(outcome="broken")
    counters = list(DecisionCounter.objects.values_list("body_id", "year", "last_number"))
    with pytest.raises(RuntimeError, match="no open circulation"):
        consultations_close_due(actor=SYSTEM, batch=10)

    stored = Consultation.objects.filter(pk__in=[t.pk for t in texts])
    assert sorted(stored.values_list("state", "version")) == sorted(
        (t.state, t.version) for t in texts
    )
    still_open = Circulation.objects.filter(consultation__in=[texts[0], texts[2]], outcome="open")
    assert still_open.count() == 2
    assert not Decision.objects.filter(consultation__in=texts).exists()
    assert list(DecisionCounter.objects.values_list("body_id", "year", "last_number")) == counters
    assert not AuditEntry.objects.filter(
        action="consultation.adopt", object_id__in=[str(t.pk) for t in texts]
    ).exists()
    assert (
        not SearchEntry.objects.filter(kind="decision")
        .exclude(record_id__in=Decision.objects.values("pk"))
        .exists()
    )
