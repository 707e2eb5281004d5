"""Amendments as text changes proposed with a break, accepted or rejected into the next version,
and the word-level difference between two versions (engine, services, page and API)."""

import pytest
from django.test import Client

from accord.audit.models import AuditEntry
from accord.core.models import User
from accord.core.services import api_token_create
from accord.council.engine import amendments
from accord.council.models import SilenceBreak
from accord.council.services import amendment_decide, silence_break
from accord.errors import AccordError

TEXT = "The Council agrees to train 300 officers in 2014."


def test_the_difference_is_word_by_word():
    runs = amendments.difference(TEXT, "The Council agrees to train 400 officers in 2014.")
    assert [(r.op, r.text.strip()) for r in runs if r.op != "equal"] == [
        ("delete", "300"),
        ("insert", "400"),
    ]
    assert "".join(r.text for r in runs if r.op != "insert") == TEXT


def test_an_amendment_applies_to_words_found_once():
    assert amendments.apply(TEXT, "300", "400") == TEXT.replace("300", "400")
    with pytest.raises(AccordError) as missing:
        amendments.apply(TEXT, "500", "400")
    assert missing.value.code == "amendment_not_found"
    with pytest.raises(AccordError) as twice:
        amendments.apply("the the", "the", "a")
    assert twice.value.code == "amendment_ambiguous"


@pytest.mark.django_db
def test_a_break_proposes_changes_the_secretariat_accepts_into_the_next_version(
    circulating, persona
):
    consultation = circulating()
    rus, secretariat = persona("delegation-rus"), persona("secretariat")
    with pytest.raises(AccordError) as refused:
        silence_break(
            actor=rus,
            consultation=consultation,
            statement="No.",
            proposals=[{"language": "en", "old": "not in the text", "new": "x"}],
        )
    assert refused.value.code == "amendment_not_found"
    assert not SilenceBreak.objects.filter(circulation__consultation=consultation).exists()
    assert AuditEntry.objects.order_by("-pk").first().error_code == "amendment_not_found"
    broken = silence_break(
        actor=rus,
        consultation=consultation,
        statement="Train more.",
        proposals=[
            {"language": "en", "old": "counter-narcotics officers", "new": "400 officers"},
            {"language": "en", "old": "welcomes", "new": "notes"},
        ],
    )
    first, second = broken.proposals.order_by("pk")
    accepted = amendment_decide(actor=secretariat, amendment=first, accept=True)
    assert accepted.applied_to.number == 2
    assert "400 officers" in accepted.applied_to.text
    rejected = amendment_decide(actor=secretariat, amendment=second, accept=False, note="Keep it.")
    assert rejected.state == "rejected"
    with pytest.raises(AccordError) as again:
        amendment_decide(actor=secretariat, amendment=second, accept=True)
    assert again.value.code == "amendment_decided"
    consultation.refresh_from_db()
    assert consultation.version_number == 2
    assert consultation.state == "draft"


@pytest.mark.django_db
def test_the_page_and_the_api_show_the_difference_escaped(circulating, persona, client_as):
    consultation = circulating()
    broken = silence_break(
        actor=persona("delegation-usa"),
        consultation=consultation,
        statement="Name the partner.",
        proposals=[{"old": "officers.", "new": "officers <b>of the ANP</b>."}],
    )
    amendment_decide(actor=persona("secretariat"), amendment=broken.proposals.get(), accept=True)
    page = client_as("delegation-rus").get(
        f"/council/consultations/{consultation.pk}/difference/?before=1&after=2"
    )
    html = page.content.decode()
    assert "&lt;b&gt;of the ANP&lt;/b&gt;" in html
    assert "<b>of the ANP</b>" not in html
    assert "<ins>" in html
    _, secret = api_token_create(actor=User.objects.get(username="delegation-rus"), name="t")
    api = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    answer = api.get(f"/api/v1/council/consultations/{consultation.pk}/difference?before=1&after=2")
    inserted = [r["text"] for r in answer.json()["text"] if r["op"] == "insert"]
    assert "<b>of the ANP</b>" in "".join(inserted)
    missing = api.get(
        f"/api/v1/council/consultations/{consultation.pk}/difference?before=1&after=9"
    )
    assert missing.status_code == 422
    detail = api.get(f"/api/v1/council/consultations/{consultation.pk}").json()
    proposal = detail["circulations"][0]["breaks"][0]["proposals"][0]
    assert (proposal["state"], proposal["accepted_into"]) == ("accepted", 2)
