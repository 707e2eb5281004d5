"""The council's texts in its two working languages, English and Russian: each version kept as
given (never machine-filled), which are authentic, the reader's version first, a missing one said
to be missing, and the register and the API finding and carrying both."""

import json
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone, translation

from accord.audit.models import AuditEntry
from accord.core.models import User
from accord.core.services import api_token_create
from accord.council.models import Consultation, Decision, LegalBasis
from accord.council.selectors import consultation_list, decision_list, legal_basis_list
from accord.council.services import (
    consultation_circulate,
    consultation_create,
    consultation_revise,
    consultations_close_due,
    decision_record,
    silence_break,
)
from accord.errors import ValidationFailed

pytestmark = pytest.mark.django_db

TITLE_RU = "Соглашение о Транзите невоенных грузов"
TEXT_RU = "Совет Россия–НАТО одобряет транзит невоенных грузов МССБ."


def _bilingual(persona, nrc, **given):
    values = {
        "title": "Transit of non-military cargo",
        "title_ru": TITLE_RU,
        "text": "The NATO-Russia Council endorses the transit of non-military ISAF cargo.",
        "text_ru": TEXT_RU,
        "authentic_en": True,
        "authentic_ru": True,
        **given,
    }
    return consultation_create(actor=persona("secretariat"), body=nrc, **values)


def test_a_version_marked_authentic_must_be_given_and_nothing_is_written(persona, nrc):
    before = Consultation.objects.count()
    with pytest.raises(ValidationFailed) as refused:
        _bilingual(persona, nrc, text_ru="", authentic_ru=True)
    assert refused.value.code == "authentic_version_missing"
    assert "text_ru" in refused.value.errors
    assert Consultation.objects.count() == before
    entry = AuditEntry.objects.order_by("-pk").first()
    assert (entry.action, entry.outcome, entry.error_code) == (
        "consultation.create",
        "refused",
        "authentic_version_missing",
    )
    # A text in neither language is no text.
    with pytest.raises(ValidationFailed) as empty:
        _bilingual(persona, nrc, text="", text_ru=" ", authentic_en=False, authentic_ru=False)
    assert empty.value.code == "validation_failed"
    # Russian alone is a text: the English version is then missing, not filled in.
    russian_only = _bilingual(persona, nrc, text="", authentic_en=False)
    version = russian_only.versions.get()
    assert (version.text, version.text_ru, version.authentic_ru) == ("", TEXT_RU, True)


def test_both_versions_circulate_as_they_are_and_are_adopted_together(persona, nrc):
    secretariat = persona("secretariat")
    consultation = _bilingual(persona, nrc)
    start = timezone.now() - timedelta(days=10)
    consultation_circulate(
        actor=secretariat, consultation=consultation, deadline=start + timedelta(days=1), now=start
    )
    # A break refers to the version circulated (in both its languages).
    broken = silence_break(
        actor=persona("delegation-rus"),
        consultation=consultation,
        statement="Не сейчас.",
        now=start + timedelta(hours=1),
    )
    assert broken.circulation.version.number == 1
    entry = AuditEntry.objects.filter(action="silence.break", outcome="done").latest("pk")
    assert entry.changes["text_version"] == 1
    revised = consultation_revise(
        actor=secretariat,
        consultation=consultation,
        text="The Council endorses the transit of non-military cargo, reviewed yearly.",
        text_ru="",  # the Russian version of version 2 is not ready: it stays missing
        authentic_en=True,
        note="yearly review",
        now=start + timedelta(hours=2),
    )
    consultation_circulate(
        actor=secretariat,
        consultation=consultation,
        deadline=start + timedelta(days=2),
        now=start + timedelta(hours=3),
    )
    (decision,) = consultations_close_due(actor=secretariat)
    assert (decision.title, decision.title_ru) == (consultation.title, TITLE_RU)
    assert (decision.text, decision.text_ru) == (revised.text, "")
    assert (decision.authentic_en, decision.authentic_ru) == (True, False)
    # The row the INSERT copied from the tables is the decision the run handed back.
    fields = [f.attname for f in Decision._meta.concrete_fields]
    stored = Decision.objects.get(pk=decision.pk)
    assert [getattr(stored, f) for f in fields] == [getattr(decision, f) for f in fields]


@pytest.fixture
def pages(persona, nrc):
    """A decision with both versions and one with the English alone, and their pages."""
    secretariat = persona("secretariat")
    today = timezone.now().date()
    both = decision_record(
        actor=secretariat,
        body=nrc,
        title="Transit of non-military cargo",
        title_ru=TITLE_RU,
        text="The Council endorses the transit.",
        text_ru=TEXT_RU,
        authentic_en=True,
        authentic_ru=True,
        adopted_on=today,
    )
    english = decision_record(
        actor=secretariat,
        body=nrc,
        title="Helicopter maintenance",
        text="The Council launches the trust fund.",
        authentic_en=True,
        adopted_on=today,
    )
    return both, english


def _page(username, language, path):
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(User.objects.get(username=username))
    # The page activates its reader's language in this thread: the tests after it keep theirs.
    with translation.override(translation.get_language()):
        return client.get(path).content.decode()


def test_a_russian_delegate_reads_the_russian_version_first(pages):
    both, _english = pages
    page = _page("delegation-rus", "ru", f"/council/decisions/{both.reference}/")
    heading = page.split("<h1>", 1)[1].split("</h1>", 1)[0]
    assert f'<span lang="ru" dir="ltr">{TITLE_RU}</span>' in heading
    assert "Русский · аутентичный" in page
    assert "Оба языка рядом" in page  # and the English beside it on request
    assert 'lang="en" dir="ltr">The Council endorses the transit.' in page
    # An English reader is shown the English first, the Russian beside it.
    page = _page("delegation-usa", "en", f"/council/decisions/{both.reference}/")
    heading = page.split("<h1>", 1)[1].split("</h1>", 1)[0]
    assert '<span lang="en" dir="ltr">Transit of non-military cargo</span>' in heading
    assert "English · authentic" in page
    assert f'lang="ru" dir="ltr">{TEXT_RU}' in page


@pytest.mark.parametrize(
    ("language", "missing", "other"),
    [
        ("en", "No Russian version", "English · authentic"),
        ("ru", "Нет версии на русском языке", "Английский · аутентичный"),
        ("fa-af", "نسخه روسی موجود نیست", "انگلیسی · معتبر"),
    ],
)
def test_a_missing_version_is_said_to_be_missing(pages, language, missing, other):
    _both, english = pages
    page = _page("delegation-rus", language, f"/council/decisions/{english.reference}/")
    # Said to be missing, in the reader's language, and the English shown, labelled as such.
    assert missing in page
    assert other in page
    assert 'lang="en" dir="ltr">The Council launches the trust fund.' in page
    assert 'lang="ru"' not in page.split("<main", 1)[1]  # nothing pretends to be Russian


def test_the_register_finds_a_russian_title_whatever_its_case(persona, nrc, pages):
    both, english = pages
    consultation = _bilingual(persona, nrc)
    LegalBasis.objects.filter(code="nato_rus_land_2008").update(title_ru=TITLE_RU)
    reader = persona("delegation-rus")
    for query in ("транзит", "ТРАНЗИТ", "Транзите"):
        found = set(decision_list(actor=reader, params={"q": query}))
        assert both in found, query
        assert english not in found, query
        assert consultation in consultation_list(actor=reader, params={"q": query})
        codes = {b.code for b in legal_basis_list(actor=reader, params={"q": query})}
        assert "nato_rus_land_2008" in codes, query
    # In a version's text, too, and English still matches either case.
    assert consultation in consultation_list(actor=reader, params={"q": "НЕВОЕННЫХ"})
    assert english in decision_list(actor=reader, params={"q": "HELICOPTER"})


def _api(username):
    _, secret = api_token_create(actor=User.objects.get(username=username), name="t")
    client = Client()

    def call(method, path, payload=None):
        return client.generic(
            method,
            "/api/v1/council" + path,
            data=json.dumps(payload) if payload is not None else "",
            content_type="application/json",
            HTTP_AUTHORIZATION=f"Bearer {secret}",
        )

    return call


def test_both_versions_round_trip_through_the_api():
    secretariat = _api("secretariat")
    sent = {
        "body": "nrc",
        "title": "Transit of non-military cargo",
        "title_ru": TITLE_RU,
        "text": "",
        "text_ru": TEXT_RU,
        "authentic_ru": True,
    }
    created = secretariat("POST", "/consultations", sent)
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["title"], body["title_ru"]) == (sent["title"], TITLE_RU)
    (version,) = body["versions"]
    assert (version["text"], version["text_ru"]) == ("", TEXT_RU)
    assert (version["authentic_en"], version["authentic_ru"]) == (False, True)
    refused = secretariat("POST", "/consultations", {**sent, "authentic_en": True})
    assert refused.status_code == 422
    assert refused.json()["code"] == "authentic_version_missing"

    decision = secretariat(
        "POST",
        "/decisions",
        {
            "body": "nrc",
            "title": "Reverse transit",
            "title_ru": "Обратный транзит",
            "text": "Agreed.",
            "text_ru": "Согласовано.",
            "authentic_en": True,
            "authentic_ru": True,
            "adopted_on": "2031-01-05",
        },
    )
    assert decision.status_code == 201, decision.content
    read = secretariat("GET", f"/decisions/{decision.json()['reference']}").json()
    assert (read["title_ru"], read["text_ru"], read["authentic_ru"]) == (
        "Обратный транзит",
        "Согласовано.",
        True,
    )

    basis = secretariat("GET", "/legal-bases/nrc_rome").json()
    assert basis["title_ru"].startswith("Римская декларация")
    assert basis["authentic_ru"]
    patched = secretariat(
        "PATCH",
        "/legal-bases/nrc_rome",
        {"expected_version": basis["version"], "title_ru": "", "summary_ru": "Основание СРН."},
    )
    # A version marked authentic cannot be emptied: the change is refused whole.
    assert patched.json()["code"] == "authentic_version_missing"
    patched = secretariat(
        "PATCH",
        "/legal-bases/nrc_rome",
        {"expected_version": basis["version"], "summary_ru": "Основание СРН."},
    )
    assert patched.status_code == 200, patched.content
    assert patched.json()["summary_ru"] == "Основание СРН."
    assert Decision.objects.filter(title_ru="Обратный транзит").exists()
