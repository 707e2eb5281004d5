"""Places: the scenario's provinces and districts, a reload that changes nothing, locating."""

import pytest

from accord.access import system_principal
from accord.audit.models import AuditEntry
from accord.core.management.commands.load_scenario import packaged_scenario
from accord.core.services import scenario_load
from accord.situation import selectors
from accord.situation.models import District, Province

pytestmark = pytest.mark.django_db


def test_the_scenario_holds_34_provinces_and_398_districts_with_their_sources():
    assert Province.objects.count() == 34
    assert District.objects.count() == 398
    kandahar = selectors.province_get(code="AF-KAN")
    assert (kandahar.name, kandahar.name_fa, kandahar.name_ps) == ("Kandahar", "قندهار", "کندهار")
    assert {s.code for s in kandahar.sources.all()} == {"S-201", "S-203"}
    assert selectors.district_list(province=kandahar).count() == 16


def test_a_reload_that_changes_nothing_writes_nothing():
    text, filename = packaged_scenario()
    before = AuditEntry.objects.count()
    counts = scenario_load(actor=system_principal("tests"), text=text, filename=filename)
    assert counts["created"] == counts["changed"] == 0
    assert AuditEntry.objects.count() == before


def test_a_point_is_located_in_its_district():
    found = selectors.locate(longitude=64.83, latitude=32.07)
    assert (found.name, found.province.code) == ("Sangin", "AF-HEL")
    assert selectors.locate(longitude=13.4, latitude=52.5) is None


def test_the_places_map_layer_names_every_district():
    layer = selectors.places_geojson()
    assert len(layer["features"]) == 398
    assert {f["geometry"]["type"] for f in layer["features"]} <= {"Polygon", "MultiPolygon"}
