"""Names in the server-drawn SVG charts are text, never markup: a nation or ministry renamed to a
fake "session expired, sign in" link shows escaped in the chart's labels and tooltips."""

import html

import pytest

from accord.budget.models import Ministry
from accord.core.models import Nation

pytestmark = pytest.mark.django_db

PAYLOAD = '<a href="https://evil.invalid/login" id="injected">session expired, sign in</a>'


def _assert_escaped(response) -> None:
    text = response.content.decode()
    assert response.status_code == 200
    assert "evil.invalid" in text, "the renamed record is not on the page: the test proves nothing"
    assert 'id="injected"' not in text
    assert '<a href="https://evil.invalid' not in text
    assert html.escape(PAYLOAD)[:40] in text


def test_the_dashboards_personnel_chart_shows_a_nation_name_as_text(client_as):
    Nation.objects.filter(iso3="DEU").update(name=PAYLOAD)
    _assert_escaped(client_as(None).get("/"))


def test_the_funds_charts_show_a_donor_name_as_text(client_as):
    Nation.objects.filter(iso3="DEU").update(name=PAYLOAD)
    _assert_escaped(client_as(None).get("/funds/nrc_hmtf/"))
    _assert_escaped(client_as(None).get("/funds/portal/"))


def test_the_budget_chart_shows_a_ministry_name_as_text(client_as):
    Ministry.objects.update(name=PAYLOAD, short_name="")
    _assert_escaped(client_as("hub-staff").get("/budget/"))
