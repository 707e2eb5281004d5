"""The route planner and the flow plan in words: places, legs and agreements by their names, and
why a route is excluded as a sentence in the reader's language (the code kept beside it)."""

from django.test import Client

from tests.jobs import result_page

CLOSED_KARACHI = (
    "/transit/routes/?origin=karachi&destination=kabul&cargo_class=non_lethal"
    "&direction=to_afghanistan&on_date=2012-01-15&shipper=USA&teu=1&k=3"
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
    html = client.get(result_page(client, response["Location"])).content.decode()
    assert "No permitted route from Poti port to Mazar-e-Sharif (Naibabad) rail terminal" in html
    assert "Karachi port → Torkham → Kabul (HKIA)" in html
    assert "optimal: the cheapest plan in whole containers" in html


def _blocked_reasons(logistician, **query):
    from accord.transit.routing import services as routing_services

    answer = routing_services.route_query(actor=logistician, **query)
    return [r for b in answer.blocked for r in b.reasons]


def test_a_stored_route_problem_reads_back_into_the_reason_it_was_written_from(logistician):
    """A shipment keeps the engine's messages; read back, each gives the reason's own facts,
    so a stored problem is said as the planner says it."""
    import datetime as dt

    from accord.transit.shipments.explain import reason_of

    reasons = _blocked_reasons(
        logistician,
        origin="riga",
        destination="kabul",
        cargo_class="lethal",
        direction="to_afghanistan",
        on_date=dt.date(2012, 1, 15),
        shipper=("USA",),
    ) + _blocked_reasons(
        logistician,
        origin="karachi",
        destination="kabul",
        cargo_class="non_lethal",
        direction="to_afghanistan",
        on_date=dt.date(2012, 1, 15),
        shipper=("USA",),
    )
    kinds = {r.kind for r in reasons}
    assert {"closure", "no_agreement"} <= kinds
    for reason in reasons:
        read = reason_of(reason.message)
        assert read is not None, reason.message
        assert (read.kind, read.arc, read.country) == (reason.kind, reason.arc, reason.country)
        if reason.kind != "closure":  # a closure's message does not name the closure's code
            assert read.record == reason.record
        assert dict(read.facts) == dict(reason.facts), reason.message


def test_a_message_of_another_form_is_shown_as_it_stands(logistician):
    from accord.transit.routing.explain import Names
    from accord.transit.shipments.explain import problems_explained

    shown = problems_explained(
        ["no route planned", "L01: (a record you may not see) prohibits it"],
        Names.read_by(logistician),
        frozenset(),
    )
    assert [p.sentence for p in shown] == [
        "no route planned",
        "L01: (a record you may not see) prohibits it",
    ]


def test_a_shipments_route_problems_read_as_the_planners_reasons(persona):
    from accord.transit.models import Shipment

    blocked = next(
        s
        for s in Shipment.objects.filter(route_ok=False).order_by("pk")
        if any("no agreement permits" in p for p in s.route_problems)
    )
    html = page(persona, f"/transit/shipments/{blocked.reference}/")
    assert "No agreement permits this cargo through" in html
    # The stored English form is kept for the record's history, not shown as the check.
    route_check = html.split("Route check")[1].split("Status events")[0]
    assert "no agreement permits" not in route_check
    russian = page(persona, f"/transit/shipments/{blocked.reference}/", "ru")
    assert "Ни одно соглашение не разрешает этот груз через" in russian


def test_conflicting_agreements_are_named_by_their_titles(persona):
    html = page(persona, "/transit/agreements/conflicts/")
    assert "Permit against prohibition" in html
    assert "prohibits what" in html
    russian = page(persona, "/transit/agreements/conflicts/", "ru")
    assert "Разрешение против запрета" in russian
