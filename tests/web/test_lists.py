"""List pages: rows per role, filters, sorting, pagination, HTMX rows and exports."""

import csv
import io

import pytest
from openpyxl import load_workbook

from accord.core.demo import PERSONAS
from accord.core.models import Nation, Organisation, Site, TroopContribution
from tests.conftest import ALL_PERSONAS

pytestmark = pytest.mark.django_db

# A public record each list shows, by the record it is named after: a reader sees its name in
# their language (Dari for the Afghan budget officer), in English where it has none.
LISTS = {
    "/nations/": lambda: Nation.objects.get(iso3="DEU"),
    "/organisations/": lambda: Organisation.objects.get(code="nato"),
    "/sites/": lambda: Site.objects.get(code="taac_north"),
    "/contributions/": lambda: Nation.objects.get(iso3="MNG"),
}
LANGUAGES = {persona.username: persona.language for persona in PERSONAS}


@pytest.mark.parametrize("url", list(LISTS))
@pytest.mark.parametrize("username", [None, *ALL_PERSONAS])
def test_every_list_page_renders_public_rows_for_every_role(client_as, username, url):
    response = client_as(username).get(url)
    assert response.status_code == 200
    language = LANGUAGES.get(username) or "en-gb"
    assert LISTS[url]().name_in(language) in response.text


@pytest.mark.parametrize("username", ["delegation-rus", None])
def test_a_nato_site_is_never_listed_for_readers_outside_nato(client_as, nato_site, username):
    client = client_as(username)
    assert "Allied Supply Depot" not in client.get("/sites/").text
    assert "Allied Supply Depot" not in client.get("/sites/?q=allied").text
    assert "Allied Supply Depot" not in client.get("/sites/?format=csv").getvalue().decode()
    assert client.get(f"/sites/{nato_site.code}/").status_code == 404


@pytest.mark.parametrize("username", ["delegation-usa", "spoke-north", "admin"])
def test_a_nato_site_is_listed_for_nato_readers(client_as, nato_site, username):
    client = client_as(username)
    assert "Allied Supply Depot" in client.get("/sites/").text
    assert client.get(f"/sites/{nato_site.code}/").status_code == 200


def test_the_kind_filter_returns_exactly_the_spokes(client_as, nato_site):
    response = client_as("spoke-north").get("/sites/", {"kind": "spoke", "format": "csv"})
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
    codes = sorted(r["Code"] for r in rows)
    assert codes == sorted(Site.objects.filter(kind="spoke").values_list("code", flat=True))
    assert nato_site.code in codes  # the test's own spoke, beside whatever spokes the demo has
    assert Site.objects.exclude(kind="spoke").exists()  # so the filter has something to leave out


def test_clicking_a_header_sorts_descending_then_ascending(client_as):
    client = client_as("auditor")
    page = client.get("/nations/", {"sort": "-name"}).text
    names = sorted(Nation.objects.values_list("name", flat=True))
    assert page.index(names[-1]) < page.index(names[0])
    # The header link now offers the ascending order.
    assert "sort=name" in page
    ascending = client.get("/nations/", {"sort": "name"}).text
    assert ascending.index(names[0]) < ascending.index(names[-1])


def test_pagination_splits_rows_by_the_page_size(client_as, settings):
    settings.ACCORD_PAGE_SIZE = 10
    client = client_as("admin")
    names = list(Nation.objects.order_by("name").values_list("name", flat=True))
    second = client.get("/nations/", {"page": 2}).text
    assert f"page 2 of {(len(names) + 9) // 10}" in second
    assert f">{names[10]}</a>" in second
    assert f">{names[0]}</a>" not in second


def test_htmx_filtering_answers_only_the_rows_partial(client_as):
    response = client_as("spoke-north").get(
        "/sites/", {"kind": "spoke"}, headers={"HX-Request": "true", "HX-Target": "rows"}
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="rows"')
    assert "<html" not in response.text
    assert "Train Advise Assist Command - West" in response.text
    assert "Bagram" not in response.text


def test_a_bad_filter_value_is_explained_not_a_500(client_as):
    response = client_as("spoke-north").get("/contributions/", {"as_of_after": "not-a-date"})
    assert response.status_code == 200
    assert "Correct the filter" in response.text


def test_csv_export_has_the_filtered_rows(client_as):
    response = client_as("delegation-usa").get(
        "/contributions/", {"nation": "USA", "format": "csv"}
    )
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(response.getvalue().decode())))
    assert len(rows) == TroopContribution.objects.filter(nation__iso3="USA").count()
    assert {r["Nation"] for r in rows} == {"United States"}


def test_xlsx_export_has_the_filtered_rows(client_as):
    response = client_as("spoke-north").get(
        "/contributions/", {"site": "taac_north", "format": "xlsx"}
    )
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[0][:3] == ("Nation", "Site", "As of")
    expected = TroopContribution.objects.filter(site__code="taac_north").count()
    assert len(rows) - 1 == expected
    assert {r[1] for r in rows[1:]} == {"Train Advise Assist Command - North"}


def test_export_is_capped(client_as, settings):
    settings.ACCORD_EXPORT_MAX_ROWS = 3
    response = client_as("admin").get("/nations/", {"format": "csv"})
    assert len(response.getvalue().decode().strip().splitlines()) == 1 + 3


def test_edit_links_only_where_the_user_may_change(client_as):
    page = client_as("spoke-north").get("/contributions/", {"site": "taac_west"}).text
    assert "/edit/" not in page
    own = client_as("spoke-north").get("/contributions/", {"site": "taac_north"}).text
    assert "/edit/" in own
