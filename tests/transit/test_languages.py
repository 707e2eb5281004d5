"""Transit's pages read in the reader's language: Russian, Dari and Pashto from the app's own
catalogues, figures and days written as the reader writes them."""

import pytest
from django.test import Client

from accord.transit.models import FlowPlan, Shipment

ROUTE_QUERY = (
    "/transit/routes/?origin=riga&destination=kabul&cargo_class=lethal"
    "&direction=to_afghanistan&on_date=2013-06-01&shipper=USA&teu=1&k=3"
)
PAGES = [
    "/transit/",
    "/transit/agreements/",
    "/transit/agreements/conflicts/",
    "/transit/map/",
    ROUTE_QUERY,
    "/transit/plans/",
    "/transit/shipments/",
    "/transit/charts/",
    "/transit/closures/new/",
    "/transit/legs/new/",
]
# A word of each page's frame and of the route planner, in each language.
READERS = {
    "ru": ("Транзитная сеть", "Исключённые варианты", "Железнодорожный"),
    "fa-af": ("شبکهٔ ترانزیت", "گزینه‌های کنارگذاشته‌شده", "راه‌آهن"),
    "ps": ("د ترانزیټ شبکه", "ایستل شوي بدیلونه", "اورګاډی"),
}


def reader(persona, language: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    client.force_login(persona("logistician"))
    return client


@pytest.mark.parametrize("language", sorted(READERS))
def test_every_transit_page_answers_in_the_readers_language(persona, language):
    client = reader(persona, language)
    plan = FlowPlan.objects.order_by("-pk").first()
    shipment = Shipment.objects.order_by("pk").first()
    pages = [*PAGES]
    if plan is not None:
        pages.append(f"/transit/plans/{plan.pk}/")
    if shipment is not None:
        pages.append(f"/transit/shipments/{shipment.reference}/")
    for url in pages:
        response = client.get(url)
        assert response.status_code == 200, url
        assert f'lang="{language}"' in response.content.decode(), url


@pytest.mark.parametrize(("language", "words"), sorted(READERS.items()))
def test_the_network_and_the_route_planner_read_in_the_readers_language(persona, language, words):
    client = reader(persona, language)
    network, excluded, rail = words
    network_page = client.get("/transit/").content.decode()
    assert network in network_page
    assert rail in network_page
    assert excluded in client.get(ROUTE_QUERY).content.decode()


def test_a_success_message_reads_in_the_readers_language(persona):
    client = reader(persona, "ru")
    response = client.post("/transit/plans/", {"month": "2013-06", "days_weight": "0"}, follow=True)
    assert response.status_code == 200
    page = response.content.decode()
    assert "План на 2013-06 рассчитывается." in page
    assert "Ждёт обработчика" in page


def test_the_maps_script_is_handed_its_texts_in_the_readers_language(persona):
    page = reader(persona, "ru").get("/transit/map/").content.decode()
    assert 'data-text-legs="Показано участков: %(legs)s."' in page
    legs = reader(persona, "ru").get("/transit/map/network.geojson").json()["features"]
    assert any(f["properties"].get("mode_label") == "Железнодорожный" for f in legs)
