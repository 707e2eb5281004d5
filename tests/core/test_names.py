"""Registry names in the reader's language: Russian, Dari and Pashto beside the English name,
the English one where a record has none; searched in every language; carried by the API, the
maps, the route planner's words and the IATI file."""

import pytest
from django.test import Client
from django.utils import translation

from accord.core.models import Nation
from accord.funds import iati
from accord.names import in_language, local

pytestmark = pytest.mark.django_db

RIGA_TO_MAZAR = (
    "/transit/routes/?origin=riga&destination=mazar_rail&cargo_class=non_lethal"
    "&direction=to_afghanistan&on_date=2013-06-01&shipper=USA&teu=1&k=1"
)
MAZAR_RU = "Мазари-Шариф (Наибабад), железнодорожный терминал"
RS_HQ = {
    "en": "Resolute Support Headquarters",
    "ru": "Штаб миссии «Решительная поддержка»",
    "fa-af": "مقر ماموریت حمایت قاطع",
    "ps": "د قاطع ملاتړ ماموریت مرکزي دفتر",
}


def reader(persona, username: str | None, language: str = "en-gb") -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    if username is not None:
        client.force_login(persona(username))
    return client


def _feature(collection: dict, code: str) -> dict:
    return next(f for f in collection["features"] if f["properties"]["code"] == code)


def test_a_russian_reader_reads_the_registry_the_route_and_the_maps_in_russian(persona):
    delegate = reader(persona, "delegation-rus", "ru")
    assert "Германия" in delegate.get("/nations/DEU/").text
    sites = delegate.get("/sites/").text
    assert RS_HQ["ru"] in sites
    assert RS_HQ["en"] not in sites
    # The map's label, and the transit map's, in Russian.
    assert (
        _feature(delegate.get("/map/sites.geojson").json(), "rs_hq_kabul")["properties"]["name"]
        == (RS_HQ["ru"])
    )
    logistician = reader(persona, "logistician", "ru")
    nodes = logistician.get("/transit/map/network.geojson").json()
    assert _feature(nodes, "mazar_rail")["properties"]["name"] == MAZAR_RU
    # The route planner names the places of a route in Russian: Riga → … Mazar-e Sharif.
    route = logistician.get(RIGA_TO_MAZAR).text
    assert "Рижский свободный порт → " in route
    assert f"→ {MAZAR_RU}" in route


def test_a_dari_reader_reads_afghan_places_in_dari_and_the_english_where_none_is_given(persona):
    officer = reader(persona, "afg-budget")  # reads Dari (the account's language)
    sites = officer.get("/sites/").text
    assert RS_HQ["fa-af"] in sites
    assert "افغانستان" in officer.get("/nations/AFG/").text
    # Albania has no Dari name in the scenario: the English one, never an empty cell.
    assert "Albania" in officer.get("/nations/").text
    technician = reader(persona, "afg-technician")  # reads Pashto
    assert RS_HQ["ps"] in technician.get("/sites/").text
    # The helper and its database expression agree, fallback included.
    assert in_language(_nation("MNG"), "name", "ps") == "Mongolia"
    assert _nation("MNG").name_in("fa-af") == "مغولستان"
    with translation.override("ps"):
        assert _nations_shown(["MNG", "AFG"]) == {"AFG": "افغانستان", "MNG": "Mongolia"}


def _nation(iso3):
    return Nation.objects.get(iso3=iso3)


def _nations_shown(codes) -> dict:
    rows = Nation.objects.filter(iso3__in=codes).annotate(shown=local("name"))
    return dict(rows.values_list("iso3", "shown"))


def test_a_search_by_name_matches_every_language(persona):
    delegate = reader(persona, "delegation-rus", "ru")
    found = delegate.get("/sites/", {"q": "Решительная", "format": "csv"}).getvalue().decode()
    assert "rs_hq_kabul" in found
    nations = delegate.get("/api/v1/nations", {"q": "Германия"}).json()["items"]
    assert [n["iso3"] for n in nations] == ["DEU"]
    dari = reader(persona, "admin").get("/api/v1/organisations", {"q": "اردوی ملی"}).json()
    assert "ana" in [o["code"] for o in dari["items"]]
    # A list sorts by the name the reader reads: Азербайджан first in Russian, Afghanistan in
    # English; and the other way round when asked.
    russian = delegate.get("/api/v1/nations", {"page_size": 500}).json()["items"]
    assert russian[0]["local_name"] == "Азербайджан"
    assert russian[-1]["local_name"] != "Азербайджан"
    backwards = delegate.get("/api/v1/nations", {"page_size": 500, "sort": "-name"}).json()
    assert backwards["items"][-1]["local_name"] == "Азербайджан"
    english = reader(persona, "delegation-rus").get("/api/v1/nations").json()["items"]
    assert english[0]["local_name"] == "Afghanistan"


def test_the_api_carries_every_name_and_writes_them(persona):
    admin = reader(persona, "admin", "fa-AF")
    site = admin.get("/api/v1/sites/rs_hq_kabul").json()
    assert site["names"] == RS_HQ
    assert (site["name"], site["local_name"]) == (RS_HQ["en"], RS_HQ["fa-af"])
    albania = admin.get("/api/v1/nations/ALB").json()
    assert albania["names"] == {"en": "Albania", "ru": "Албания", "fa-af": None, "ps": None}
    changed = admin.patch(
        "/api/v1/nations/ALB",
        {"expected_version": albania["version"], "names": {"fa-af": "آلبانیا", "ru": None}},
        content_type="application/json",
    )
    assert changed.status_code == 200, changed.content
    assert changed.json()["names"] == {"en": "Albania", "ru": None, "fa-af": "آلبانیا", "ps": None}
    assert changed.json()["local_name"] == "آلبانیا"
    # The change is in the record's history, under the field's name in the reader's language.
    history = reader(persona, "admin").get("/nations/ALB/").text
    assert "Name (Dari)" in history
    assert "آلبانیا" in history
    refused = admin.patch(
        "/api/v1/nations/ALB",
        {"expected_version": changed.json()["version"], "names": {"de": "Albanien"}},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert admin.get("/api/v1/nations/ALB").json()["version"] == changed.json()["version"]


def test_the_edit_form_takes_the_other_languages_names(persona):
    admin = reader(persona, "admin")
    form = admin.get("/nations/ALB/edit/").text
    assert 'name="name_fa"' in form
    assert 'dir="rtl"' in form
    data = {
        "name": "Albania",
        "name_ru": "Албания",
        "name_fa": "",
        "name_ps": "البانیا",
        "nrc_member": "on",
        "nato_accession": "2009-04-01",
        "marking": "PUBLIC",
        "expected_version": str(_nation("ALB").version),
    }
    response = admin.post("/nations/ALB/edit/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    assert _nation("ALB").name_in("ps") == "البانیا"


def test_the_iati_file_carries_russian_narratives_that_validate(client_as):
    xml = client_as(None).get("/funds/nrc_hmtf/iati.xml").content
    assert iati.validate(xml) == []
    text = xml.decode()
    assert (
        '<narrative xml:lang="ru">Целевой фонд Совета Россия–НАТО по обслуживанию вертолётов'
        "</narrative>"
    ) in text
    assert '<narrative xml:lang="ru">Германия</narrative>' in text  # a donor, in Russian too
    activity = iati.import_activities(xml).activities[0]
    assert dict(activity.title_translations)["ru"].startswith("Целевой фонд Совета Россия–НАТО")
    assert iati.export_activities(iati.import_activities(xml)) == xml
