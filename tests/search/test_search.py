"""The search: found in each working language (a Russian word in another form), under the access
policy (what a reader may not read is neither found nor counted), highlighted safely, and kept
current by the services' writes; the same through the page, the API and ``accord search``."""

from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse

from accord.access import system_principal
from accord.core.models import Nation
from accord.core.services import record_delete, record_update
from accord.council.inputs import LegalBasisValues
from accord.council.models import Body, LegalBasis
from accord.council.services import consultation_create, decision_record, legal_basis_update
from accord.errors import PermissionDenied
from accord.search import engine
from accord.search.models import SearchEntry
from accord.search.selectors import search
from accord.search.services import search_reindex

SYSTEM = system_principal("search tests")
RUSSIAN = "Совет одобряет программу подготовки вертолётных техников в Кворвексе."


@pytest.fixture
def decision(db, persona):
    return decision_record(
        actor=persona("secretariat"),
        body=Body.objects.get(code="nrc"),
        title="Training of helicopter technicians",
        text="The R&D Council endorses the training of <b>helicopter</b> technicians at Quorvex.",
        title_ru="Подготовка вертолётных техников",
        text_ru=RUSSIAN,
        adopted_on=date(2013, 3, 1),
    )


def _found(actor, query, kind="decision"):
    results = search(actor, query, kind)
    return [hit.title for group in results.groups for hit in group.hits], results


def test_a_decision_is_found_by_a_russian_word_in_another_form_and_by_english(decision, persona):
    reader = persona("delegation-rus")
    # "программа" (nominative) finds "программу" (accusative): both stem to "программ".
    titles, results = _found(reader, "программа")
    assert titles == ["Подготовка вертолётных техников"]
    assert results.groups[0].hits[0].url == reverse(
        "council:decision-detail", args=[decision.reference]
    )
    assert "<mark>программу</mark>" in results.groups[0].hits[0].snippet
    titles, _ = _found(reader, "technician")
    assert titles == ["Training of helicopter technicians"]
    # A consultation is found by its latest draft's Russian text.
    consultation_create(
        actor=persona("secretariat"),
        body=Body.objects.get(code="nrc"),
        title="Spare parts",
        text="Spare parts for the fleet.",
        text_ru="Запасные части для Кворвекса.",
    )
    assert _found(reader, "кворвексу", "consultation")[0] == ["Spare parts"]


def test_a_record_out_of_reach_is_neither_found_nor_counted(decision, persona):
    usa = Nation.objects.get(iso3="USA")
    record_update(
        actor=SYSTEM,
        obj=decision,
        data={"marking": "NATIONAL", "owner_nation": usa},
        expected_version=decision.version,
        action="decision.update",
    )
    for query in ("Кворвекс", "quorvex"):
        results = search(persona("delegation-rus"), query)
        assert results.groups == []
        assert results.total == 0
    assert _found(persona("delegation-usa"), "Кворвекс")[0] == ["Подготовка вертолётных техников"]


def test_the_snippet_escapes_the_text_and_marks_only_the_matches(decision, persona):
    _titles, results = _found(persona("admin"), "endorses")
    snippet = str(results.groups[0].hits[0].snippet)
    assert "R&amp;D" in snippet
    assert "<b>" not in snippet
    assert "<mark>endorses</mark>" in snippet
    assert engine.highlighted(f"a{engine.START}<i>{engine.STOP}{engine.START}") == (
        "a<mark>&lt;i&gt;</mark><mark></mark>"
    )


def test_the_index_follows_edits_and_deletions(db, decision, persona):
    basis = LegalBasis.objects.get(code="unscr_1386")
    legal_basis_update(
        actor=persona("admin"),
        legal_basis=basis,
        values=LegalBasisValues(title="Zanzibarian resolution"),
        expected_version=basis.version,
    )
    assert _found(persona("admin"), "zanzibarian", "legal-basis")[0] == ["Zanzibarian resolution"]
    record_delete(
        actor=SYSTEM, obj=decision, expected_version=decision.version, action="decision.delete"
    )
    assert not SearchEntry.objects.filter(kind="decision", record_id=decision.pk).exists()
    assert _found(persona("admin"), "Кворвекс")[0] == []


def test_reindex_rebuilds_the_index_and_is_for_administrators(decision, persona, capsys):
    SearchEntry.objects.filter(kind="decision").delete()
    call_command("search", "reindex", "--kind", "decision")
    assert "decision:" in capsys.readouterr().out
    assert _found(persona("admin"), "Кворвекс")[0] == ["Подготовка вертолётных техников"]
    with pytest.raises(PermissionDenied):
        search_reindex(actor=persona("secretariat"))


def test_the_page_and_the_api_answer_grouped_by_kind(decision, client_as):
    client = client_as("delegation-rus")
    page = client.get(reverse("search:search"), {"q": "кворвекс"})
    assert page.status_code == 200
    body = page.content.decode()
    assert 'data-kind="decision"' in body
    assert "<mark>" in body
    api = client.get("/api/v1/search", {"q": "quorvex technicians", "kind": "decision"})
    assert api.status_code == 200
    data = api.json()
    assert data["groups"][0]["kind"] == "decision"
    assert data["groups"][0]["count"] == 1
    assert client.get("/api/v1/search", {"q": "x", "kind": "nothing"}).status_code == 422
    assert client_as(None).get(reverse("search:search"), {"q": "x"}).status_code == 302
