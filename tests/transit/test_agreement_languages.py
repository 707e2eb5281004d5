"""A transit agreement in the council's two working languages: its title and note in English and
Russian, which are authentic, through the API and on its page."""

import json

import pytest
from django.utils import translation

pytestmark = pytest.mark.django_db

CODE = "uzb_transit-uzb-rail-non_lethal-to_afghanistan"
TITLE_RU = "Соглашение о транзите через Узбекистан"


def _patch(client, payload):
    return client.patch(
        f"/api/v1/transit/agreements/{CODE}",
        data=json.dumps(payload),
        content_type="application/json",
    )


def test_both_versions_round_trip_and_an_authentic_one_must_be_given(client_as):
    client = client_as("logistician")
    before = client.get(f"/api/v1/transit/agreements/{CODE}").json()
    changed = _patch(
        client,
        {
            "expected_version": before["version"],
            "title_ru": TITLE_RU,
            "note_ru": "Только невоенные грузы.",
            "authentic_ru": True,
        },
    )
    assert changed.status_code == 200, changed.content
    after = client.get(f"/api/v1/transit/agreements/{CODE}").json()
    assert (after["title"], after["title_ru"]) == (before["title"], TITLE_RU)
    assert (after["note_ru"], after["authentic_ru"]) == ("Только невоенные грузы.", True)
    # Emptying the Russian title while it is marked authentic is refused, and nothing changes.
    refused = _patch(client, {"expected_version": after["version"], "title_ru": ""})
    assert refused.status_code == 422
    assert refused.json()["code"] == "authentic_version_missing"
    assert client.get(f"/api/v1/transit/agreements/{CODE}").json()["title_ru"] == TITLE_RU

    page = client_as("logistician")
    page.defaults["HTTP_ACCEPT_LANGUAGE"] = "ru"
    # The page activates its reader's language in this thread: the tests after it keep theirs.
    with translation.override(translation.get_language()):
        html = page.get(f"/transit/agreements/{CODE}/").content.decode()
    # A Russian reader reads the Russian title, marked as Russian, and is told it is authentic.
    assert f'lang="ru" dir="ltr">{TITLE_RU}<' in html
    assert "Русский · аутентичный" in html
