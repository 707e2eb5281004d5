"""The route planner and the flow plan in words: places, legs and agreements by their names, and
why a route is excluded as a sentence in the reader's language (the code kept beside it)."""

from django.test import Client

CLOSED_KARACHI = (
    "/transit/routes/?origin=karachi&destination=kabul&cargo_class=non_lethal"
    "&direction=to_afghanistan&on_date=2012-01-15&teu=1&k=3"
)
LETHAL_RIGA = (
    "/transit/routes/?origin=riga&destination=kabul&cargo_class=lethal"
    "&direction=to_afghanistan&on_date=2012-01-15&shipper=USA&teu=1&k=3"
)


def page(persona, url: str, language: str = "en-gb") -> str:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(persona("logistician"))
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_closure_reads_as_a_sentence_with_the_legs_places(persona):
    html = page(persona, CLOSED_KARACHI)
    assert "Karachi port – Torkham" in html
    assert "PAK is closed from 26 Nov 2011 to 3 Jul 2012." in html
    assert "closure</strong>" not in html  # the kind's code is only a title now


def test_a_missing_agreement_names_the_nearest_by_its_title(persona):
    html = page(persona, LETHAL_RIGA)
    assert "No agreement permits this cargo through TJK on 15 Jan 2012" in html
    assert "The nearest, Transit agreement NATO - TJK (rail, road), covers only non-lethal" in html
    # A permit names its agreement, the code beside it as secondary text.
    assert "Transit agreement USA - RUS (air)" in html


def test_the_reasons_read_in_russian(persona):
    html = page(persona, CLOSED_KARACHI, "ru")
    # Days as Russian writes them (babel puts a narrow no-break space before "г.").
    assert "PAK: закрыто с 26 нояб. 2011\u202fг. по 3 июл. 2012\u202fг." in html
    assert "Закрыто" in html


def test_a_plans_unmet_demand_says_why_with_the_places_names(persona):
    client = Client(HTTP_ACCEPT_LANGUAGE="en-gb")
    client.force_login(persona("logistician"))
    response = client.post("/transit/plans/", {"month": "2013-06", "days_weight": "0"})
    html = client.get(response["Location"]).content.decode()
    assert "No permitted route from Poti port to Mazar-e-Sharif (Naibabad) rail terminal" in html
    assert "Karachi port → Torkham → Kabul (HKIA)" in html
    assert "optimal: the cheapest plan in whole containers" in html
