"""History panels, node kinds and API errors in the reader's words (issue 15, §1 and §5): fields
by their labels, choices by theirs, linked records by their names as they were then, and never a
linked record the reader may not read."""

import json
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from accord.access import system_principal
from accord.budget.models import BudgetLine
from accord.core.models import Nation
from accord.funds.models import TrustFund
from accord.markings import Marking
from accord.transit.models import TransitNode
from accord.transit.network.inputs import LegValues, NodeValues
from accord.transit.network.services import leg_create, leg_update, node_create, node_update
from accord.web.pages import history_rows

pytestmark = pytest.mark.django_db

SYSTEM = system_principal("tests")
RU = {"HTTP_ACCEPT_LANGUAGE": "ru"}


def _node(code: str, name: str, marking: str = Marking.PUBLIC) -> TransitNode:
    owner = {"owner_nation": Nation.objects.get(iso3="USA")} if marking == Marking.NATIONAL else {}
    return node_create(
        actor=SYSTEM,
        values=NodeValues(
            code=code,
            name=name,
            country=Nation.objects.get(iso3="UZB"),
            kinds=["rail_terminal", "border_crossing"],
            latitude=Decimal("41.00000"),
            longitude=Decimal("64.00000"),
            marking=marking,
            **owner,
        ),
    )


def _leg(code: str, origin, destination):
    return leg_create(
        actor=SYSTEM,
        values=LegValues(
            code=code,
            origin=origin,
            destination=destination,
            mode="rail",
            distance_km=Decimal("120.0"),
            days=Decimal("1.00"),
            cost_per_teu=900,
            capacity_teu_month=400,
            countries=["UZB"],
            marking=Marking.PUBLIC,
        ),
    )


def _rows(entry) -> dict:
    return {row["field"]: (row["old"], row["new"]) for row in entry.change_rows}


def test_a_budget_lines_history_in_russian_names_its_year_and_sub_programme(client_as, persona):
    line = BudgetLine.objects.select_related("fiscal_year", "sub_programme").first()
    with translation.override("ru"):
        created = _rows(history_rows(persona("admin"), line)[-1])
        year = line.fiscal_year.display_name
    assert created["Финансовый год"] == (None, year)
    assert created["Подпрограмма"] == (None, line.sub_programme.name)
    assert created["Оценочно"][1] in ("да", "нет")
    assert "ID" not in created
    assert "fiscal_year" not in created
    page = client_as("admin").get(reverse("budget:line-detail", args=[line.pk]), **RU)
    assert "История" in page.text
    assert year in page.text


def test_a_funds_history_in_russian_names_its_legal_basis_and_sources(client_as):
    fund = TrustFund.objects.exclude(legal_basis=None).filter(sources__isnull=False).first()
    page = client_as("admin").get(reverse("funds:detail", args=[fund.code]), **RU)
    history = page.text[page.text.index('id="history"') :]
    assert "Правовая основа" in history
    assert fund.legal_basis.title in history
    source = fund.sources.first()
    # A source by its title and date, its code after it, never the code alone.
    assert source.display_name != source.code
    assert source.display_name in history
    assert "Статус" in history
    assert "Открыт" in history


def test_a_node_kind_and_its_history_in_russian(client_as):
    node = _node("namesyard", "Namesyard Terminal")
    page = client_as("logistician").get(reverse("transit:node-detail", args=[node.code]), **RU)
    assert "Железнодорожный терминал, Пограничный переход" in page.text
    assert "rail_terminal" not in page.text
    network = client_as("logistician").get(reverse("transit:network"), **RU)
    assert "Морской порт" in network.text
    with translation.override("ru"):
        created = _rows(history_rows(SYSTEM, node)[-1])
    assert sorted(created["Виды"][1]) == ["Железнодорожный терминал", "Пограничный переход"]
    assert created["Страна"] == (None, "Узбекистан")


def test_a_linked_record_is_named_as_it_was_then_and_a_hidden_one_not_at_all(client_as, persona):
    first, second = _node("thenyard", "Thenyard Old"), _node("otheryard", "Otheryard")
    hidden = _node("quietyard", "Quietyard Secret", Marking.NATIONAL)
    leg = _leg("thenyard-otheryard", first, second)
    renamed = NodeValues(name="Thenyard New")
    node_update(actor=SYSTEM, node=first, values=renamed, expected_version=1)
    leg = leg_update(
        actor=SYSTEM, leg=leg, values=LegValues(destination=hidden), expected_version=1
    )
    leg_update(actor=SYSTEM, leg=leg, values=LegValues(destination=second), expected_version=2)
    # Created before the rename: the origin as it was named then; the page names it as it is.
    created = _rows(history_rows(SYSTEM, leg)[-1])
    assert created["Origin"] == (None, "Thenyard Old")
    # Russia's delegation reads the leg (both its ends are public), not the United States' own
    # place it once led to: the history says so, and names it nowhere on the page.
    page = client_as("delegation-rus").get(reverse("transit:leg-detail", args=[leg.code]), **RU)
    assert page.status_code == 200
    assert "Thenyard New" in page.text
    assert "Quietyard" not in page.text
    assert "(запись, недоступная вам)" in page.text
    with translation.override("en"):
        changed = _rows(history_rows(persona("delegation-rus"), leg)[0])
    assert changed["Destination"] == ("(a record you may not read)", "Otheryard")


def test_api_errors_about_the_requests_shape_follow_accept_language(client_as):
    answer = client_as("admin").post(
        "/api/v1/funds/funds/hmtf/pledges",
        json.dumps({"amount": "abc", "currency": "EUR", "day": "2013-01-01", "nation": "DEU"}),
        content_type="application/json",
        **RU,
    )
    body = answer.json()
    assert (answer.status_code, body["code"]) == (422, "validation_failed")
    assert body["errors"]["amount"] == ["Введите число."]
    missing = Client().get("/api/v1/sites?page=0", **RU).json()
    assert missing["errors"]["query.page"] == ["Укажите значение не меньше 1."]
