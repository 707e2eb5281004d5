"""The registry's side doors: references to records outside the reader's reach, and filters.

A readable record never names, codes or links a related record the reader may not see (a PUBLIC
contribution at a NATO-only site shows no site to Russia's delegation), and a filter on a code the
reader may not see answers exactly as one on a code that does not exist.
"""

import json
import re
from datetime import date

import pytest

from accord.access import system_principal
from accord.core.inputs import SiteValues
from accord.core.models import Nation, Organisation, Site, TroopContribution
from accord.core.services import site_create
from accord.markings import Marking

pytestmark = pytest.mark.django_db

OUTSIDERS = [None, "delegation-rus"]  # anonymous, and Russia's delegation: neither reads NATO


@pytest.fixture
def hidden():
    """A NATO-only site with a PUBLIC contribution at it, a NATIONAL (US) nation leading a PUBLIC
    site and parenting nothing, and a PUBLIC organisation whose parent is NATO-only."""
    system = system_principal("tests")
    site = site_create(
        actor=system,
        values=SiteValues(
            code="canary_site",
            name="Canary NATO airfield",
            kind="airbase",
            latitude="34.1",
            longitude="69.1",
            marking=Marking.NATO,
        ),
    )
    usa = Nation.objects.get(iso3="USA")
    nation = Nation.objects.create(
        iso3="XQZ",
        name="Canary Republic",
        marking=Marking.NATIONAL,
        owner_nation=usa,
    )
    contribution = TroopContribution.objects.create(
        nation=Nation.objects.get(iso3="DEU"), site=site, as_of=date(2001, 1, 1), personnel=7
    )
    led = Site.objects.create(
        code="canary_led",
        name="Public site with a hidden lead",
        kind="airbase",
        latitude="34.2",
        longitude="69.2",
        lead_nation=nation,
    )
    parent = Organisation.objects.create(
        code="canary_parent", name="Canary NATO command", kind="force", marking=Marking.NATO
    )
    child = Organisation.objects.create(
        code="canary_child", name="Public unit", kind="force", parent=parent, nation=nation
    )
    return {
        "site": site,
        "nation": nation,
        "contribution": contribution,
        "led": led,
        "child": child,
        "parent": parent,
    }


def _text(response) -> str:
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def _page(response) -> str:
    """A page's text without what changes on every request (script nonces, CSRF tokens)."""
    text = re.sub(r'nonce="[^"]*"', 'nonce=""', _text(response))
    text = re.sub(r'data-csrf="[^"]*"', "", text)
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)


@pytest.mark.parametrize("who", OUTSIDERS)
def test_a_public_contribution_does_not_name_a_site_the_reader_may_not_see(client_as, hidden, who):
    client = client_as(who)
    one = client.get(f"/api/v1/contributions/{hidden['contribution'].pk}")
    assert one.status_code == 200
    assert one.json()["site"] is None
    assert one.json()["nation"] == "DEU"
    listed = client.get("/api/v1/contributions?nation=DEU")
    by_site = client.get("/api/v1/contributions/by-site")
    page = client.get("/contributions/?nation=DEU")
    export = client.get("/contributions/?nation=DEU&format=csv")
    for response in (listed, by_site, page, export):
        assert response.status_code == 200
        assert "canary_site" not in _text(response)
        assert "Canary NATO airfield" not in _text(response)


def test_a_reader_of_the_site_sees_it_named(client_as, hidden):
    client = client_as("delegation-usa")
    one = client.get(f"/api/v1/contributions/{hidden['contribution'].pk}")
    assert one.json()["site"] == "canary_site"
    assert "Canary NATO airfield" in _text(client.get("/contributions/?nation=DEU"))
    sites = {row["site"] for row in client.get("/api/v1/contributions/by-site").json()}
    assert "canary_site" in sites


@pytest.mark.parametrize("who", OUTSIDERS)
def test_sites_and_organisations_do_not_name_hidden_nations_or_parents(client_as, hidden, who):
    client = client_as(who)
    site = client.get("/api/v1/sites/canary_led")
    assert site.status_code == 200
    assert site.json()["lead_nation"] is None
    child = client.get("/api/v1/organisations/canary_child")
    assert child.status_code == 200
    assert child.json()["parent"] is None
    assert child.json()["nation"] is None
    for url in ("/api/v1/sites", "/sites/", "/organisations/", "/organisations/?format=csv"):
        response = client.get(url)
        assert response.status_code == 200
        for secret in ("XQZ", "Canary Republic", "canary_parent", "Canary NATO command"):
            assert secret not in _text(response), (url, secret)


def test_the_owner_nation_sees_its_references(client_as, hidden):
    client = client_as("delegation-usa")
    assert client.get("/api/v1/sites/canary_led").json()["lead_nation"] == "XQZ"
    child = client.get("/api/v1/organisations/canary_child").json()
    assert (child["nation"], child["parent"]) == ("XQZ", "canary_parent")


# --- filters: a hidden code answers as an unknown one -------------------------------------------

# (url with {code}, the hidden code, a code that does not exist)
REGISTRY_FILTERS = [
    ("/api/v1/contributions?site={code}", "canary_site", "no_such_site"),
    ("/api/v1/contributions?nation={code}", "XQZ", "XQQ"),
    ("/api/v1/organisations?nation={code}", "XQZ", "XQQ"),
    ("/api/v1/sites?lead_nation={code}", "XQZ", "XQQ"),
]


@pytest.mark.parametrize("who", OUTSIDERS)
@pytest.mark.parametrize(("url", "hidden_code", "unknown_code"), REGISTRY_FILTERS)
def test_a_hidden_code_in_a_registry_filter_answers_as_an_unknown_one(
    client_as, hidden, who, url, hidden_code, unknown_code
):
    client = client_as(who)
    secret = client.get(url.format(code=hidden_code))
    missing = client.get(url.format(code=unknown_code))
    assert (secret.status_code, secret.content) == (missing.status_code, missing.content)
    assert secret.status_code == 422
    assert json.loads(secret.content)["code"] == "invalid_filter"


def test_a_reader_of_the_site_filters_by_it(client_as, hidden):
    answer = client_as("delegation-usa").get("/api/v1/contributions?site=canary_site")
    assert answer.status_code == 200
    assert [row["id"] for row in answer.json()["items"]] == [hidden["contribution"].pk]


@pytest.mark.parametrize("who", OUTSIDERS)
def test_the_list_pages_refuse_a_hidden_filter_code_as_an_unknown_one(client_as, hidden, who):
    client = client_as(who)
    secret = client.get("/contributions/?site=canary_site")
    missing = client.get("/contributions/?site=no_such_site")
    assert secret.status_code == missing.status_code
    # The pages echo the code the reader typed; beyond that, they say the same thing.
    assert _page(secret).replace("canary_site", "X") == _page(missing).replace("no_such_site", "X")
    assert "Canary NATO airfield" not in _text(secret)
    csv_secret = client.get("/contributions/?site=canary_site&format=csv")
    csv_missing = client.get("/contributions/?site=no_such_site&format=csv")
    assert csv_secret.status_code == csv_missing.status_code


def test_a_site_sums_each_nation_latest_figure_the_reader_may_read(client_as):
    """By site: each nation's latest figure there, summed; a newer figure the reader may not read
    leaves the one before it standing (Russia's delegation reads no NATO figure)."""
    site = Site.objects.create(
        code="sum_site", name="Summed airfield", kind="airbase", latitude="34.3", longitude="69.3"
    )

    def figure(iso3, day, personnel, marking=Marking.PUBLIC):
        TroopContribution.objects.create(
            nation=Nation.objects.get(iso3=iso3),
            site=site,
            as_of=date(2003, 1, day),
            personnel=personnel,
            marking=marking,
        )

    figure("DEU", 1, 100)
    figure("DEU", 8, 120)
    figure("TUR", 1, 50)
    figure("TUR", 8, 70, marking=Marking.NATO)

    def summed(who):
        rows = client_as(who).get("/api/v1/contributions/by-site").json()
        return [row["personnel"] for row in rows if row["site"] == "sum_site"]

    assert summed("delegation-usa") == [190]
    assert summed("delegation-rus") == [170]
