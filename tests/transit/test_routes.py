"""The route planner: permitted routes with their permits, and why the others are excluded."""

import datetime as dt

import pytest

from accord.errors import ValidationFailed
from accord.transit.routing import services as routing_services
from tests.transit.conftest import OPEN_DAY

LETHAL_RIGA_KABUL = {
    "origin": "riga",
    "destination": "kabul",
    "cargo_class": "lethal",
    "direction": "to_afghanistan",
    "on_date": OPEN_DAY.isoformat(),
    "shipper": ["USA"],
}


def test_lethal_cargo_from_riga_to_kabul_flies_the_rail_route_through_russia_is_excluded(
    client_as,
):
    response = client_as("logistician").post(
        "/api/v1/transit/routes", LETHAL_RIGA_KABUL, content_type="application/json"
    )
    assert response.status_code == 200, response.content
    answer = response.json()
    assert answer["found"]
    air = [r for r in answer["pareto"] if r["modes"] == ["air"]]
    assert air, "an air route is offered"
    permits = {(p["country"], p["agreement"]) for p in air[0]["permits"]}
    assert ("RUS", "usa_rus_air_2009") in permits
    assert ("LVA", None) in permits  # a NATO member needs no transit agreement
    rail = [b for b in answer["blocked"] if b["arcs"][0] == "L10"]
    assert rail, "the rail route through Russia is listed as excluded"
    russia = [r for r in rail[0]["reasons"] if r["country"] == "RUS"]
    assert russia
    assert russia[0]["kind"] == "no_agreement"
    assert "lethal cargo by rail through RUS" in russia[0]["message"]


def test_every_pareto_route_is_undominated_and_sorted_by_cost(logistician):
    answer = routing_services.route_query(
        actor=logistician,
        origin="riga",
        destination="kabul",
        cargo_class="non_lethal",
        direction="to_afghanistan",
        on_date=OPEN_DAY,
        k=5,
        shipper=("USA",),
    )
    routes = answer.pareto
    assert routes
    assert [r.cost for r in routes] == sorted(r.cost for r in routes)
    for a in routes:
        for b in routes:
            assert not (b.cost < a.cost and b.days < a.days)
    for route in routes:
        assert route.nodes[0] == "riga"
        assert route.nodes[-1] == "kabul"


def test_after_the_2015_revocation_no_route_crosses_russia(logistician):
    answer = routing_services.route_query(
        actor=logistician,
        origin="riga",
        destination="kabul",
        cargo_class="non_lethal",
        direction="to_afghanistan",
        on_date=dt.date(2015, 6, 1),
        shipper=("USA",),
    )
    assert all("RUS" not in r.countries for r in answer.pareto)
    reasons = [reason for b in answer.blocked for reason in b.reasons]
    assert any(r.kind == "prohibited" and r.country == "RUS" for r in reasons)


def test_avoided_countries_and_modes_narrow_the_search(logistician):
    answer = routing_services.route_query(
        actor=logistician,
        origin="riga",
        destination="kabul",
        cargo_class="non_lethal",
        direction="to_afghanistan",
        on_date=OPEN_DAY,
        avoid_countries=("RUS",),
        modes=("rail", "road"),
        shipper=("USA",),
    )
    assert not answer.found
    kinds = {r.kind for b in answer.blocked for r in b.reasons}
    assert {"avoided_country", "mode_not_allowed"} <= kinds


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"origin": "atlantis"}, "unknown_node"),
        ({"cargo_class": "nuclear"}, "unknown_cargo_class"),
        ({"direction": "sideways"}, "unknown_direction"),
    ],
)
def test_bad_queries_are_refused_with_a_stable_code_and_audited(client_as, refusals, change, code):
    before = refusals("transit_route.query")
    response = client_as("logistician").post(
        "/api/v1/transit/routes", {**LETHAL_RIGA_KABUL, **change}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["code"] == code
    assert refusals("transit_route.query") == before + 1


def test_the_russian_delegation_plans_without_nato_marked_agreements(persona):
    russian = persona("delegation-rus")
    answer = routing_services.route_query(
        actor=russian,
        origin="riga",
        destination="kabul",
        cargo_class="lethal",
        direction="to_afghanistan",
        on_date=OPEN_DAY,
        shipper=("USA",),
    )
    # The air route needs the NATO-marked US-Kazakhstan and US-Uzbekistan agreements, which the
    # Russian delegation does not see: for it the route is not permitted.
    assert not any(r.modes == ("air",) for r in answer.pareto)
    mentioned = {r.record for b in answer.blocked for r in b.reasons if r.record}
    assert "usa_kaz_air" not in mentioned


def test_the_route_planner_page_shows_permits_and_reasons(client_as):
    query = "&".join(
        f"{k}={v}" for k, v in {**LETHAL_RIGA_KABUL, "shipper": "USA", "teu": 1, "k": 3}.items()
    )
    response = client_as("logistician").get(f"/transit/routes/?{query}")
    html = response.content.decode()
    assert response.status_code == 200
    assert "usa_rus_air_2009" in html
    assert "this cargo through RUS" in html
    assert "(lethal, rail, Towards Afghanistan)" in html


def test_a_bad_query_on_the_page_is_a_form_error(client_as):
    response = client_as("logistician").get(
        "/transit/routes/?origin=riga&destination=riga&cargo_class=lethal"
        "&direction=to_afghanistan&on_date=2013-06-01&shipper=USA&teu=1&k=3"
    )
    assert response.status_code == 200
    assert "origin is destination" in response.content.decode()


def test_unknown_cargo_class_is_refused_by_the_service(logistician):
    with pytest.raises(ValidationFailed) as caught:
        routing_services.route_query(
            actor=logistician,
            origin="riga",
            destination="kabul",
            cargo_class="fissile",
            direction="to_afghanistan",
            on_date=OPEN_DAY,
        )
    assert caught.value.code == "unknown_cargo_class"


def test_a_route_query_names_the_shipping_nation_or_is_refused_and_audited(client_as, refusals):
    client = client_as("logistician")
    before = refusals("transit_route.query")
    unnamed = {k: v for k, v in LETHAL_RIGA_KABUL.items() if k != "shipper"}
    response = client.post("/api/v1/transit/routes", unnamed, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["code"] == "shipper_missing"
    assert "Name the nation the cargo is shipped for" in response.json()["detail"]
    assert refusals("transit_route.query") == before + 1
    query = "&".join(f"{k}={v}" for k, v in {**unnamed, "teu": 1, "k": 3}.items())
    html = client.get(f"/transit/routes/?{query}").content.decode()
    assert "Name the nation the cargo is shipped for" in html
    assert 'id="pareto"' not in html


def test_the_answer_says_whose_agreements_each_route_rests_on(client_as):
    client = client_as("logistician")
    answer = client.post(
        "/api/v1/transit/routes", LETHAL_RIGA_KABUL, content_type="application/json"
    ).json()
    assert answer["shipper"] == ["USA", "NATO"]  # a member's cargo moves under NATO's too
    air = next(r for r in answer["pareto"] if r["arcs"] == ["L22"])
    assert {"agreement": "usa_rus_air_2009", "country": "RUS", "parties": ["USA"]} in air[
        "rests_on"
    ]
    assert air["nations"] == ["USA"]
    # Germany's cargo may not fly on the US agreements: no lethal route for it.
    germany = client.post(
        "/api/v1/transit/routes",
        {**LETHAL_RIGA_KABUL, "shipper": ["DEU"]},
        content_type="application/json",
    ).json()
    assert not any("USA" in r["nations"] for r in germany["pareto"])
    query = "&".join(f"{k}={v}" for k, v in {**LETHAL_RIGA_KABUL, "shipper": "USA"}.items())
    html = client.get(f"/transit/routes/?{query}").content.decode()
    assert "Rests on the agreements of" in html
    assert "Planned for" in html
