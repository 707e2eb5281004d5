"""The situation's rules without a database: where a point lies, what a release changes, what
assessors say side by side."""

import json
from datetime import date, timedelta
from importlib import resources

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accord.situation.engine.control import STALE_AFTER, Claim, standing
from accord.situation.engine.places import Locator, swapped
from accord.situation.engine.releases import diff


@pytest.fixture(scope="module")
def districts():
    text = resources.files("accord.situation").joinpath("data", "af-districts.geojson")
    features = json.loads(text.read_text("utf-8"))["features"]
    names = {
        f["id"]: (f["properties"]["name_en"], f["properties"]["province_iso"]) for f in features
    }
    pairs = [(f["id"], json.dumps(f["geometry"])) for f in features]
    return Locator.build(pairs), names


def test_points_fall_in_the_districts_that_hold_them(districts):
    locator, names = districts
    # Kabul city, Lashkar Gah, Mazar-e Sharif (geoBoundaries spells it Mazari Sharif), the Pamirs.
    found = locator.locate([69.17, 64.36, 67.11, 73.5], [34.53, 31.59, 36.70, 37.1])
    assert [names[code] for code in found] == [
        ("Kabul", "AF-KAB"),
        ("Lashkar Gah", "AF-HEL"),
        ("Mazari Sharif", "AF-BAL"),
        ("Wakhan", "AF-BDS"),
    ]


def test_a_point_outside_afghanistan_lies_in_no_district(districts):
    locator, _names = districts
    assert locator.locate([67.0, 71.45], [39.6, 30.2]) == [None, None]  # Samarkand, Multan


def test_every_districts_label_point_lies_in_it(districts):
    locator, _names = districts
    text = resources.files("accord.situation").joinpath("data", "af-districts.geojson")
    features = json.loads(text.read_text("utf-8"))["features"]
    lons = [f["properties"]["label_lon"] for f in features]
    lats = [f["properties"]["label_lat"] for f in features]
    assert locator.locate(lons, lats) == [f["id"] for f in features]


def test_swapped_coordinates_are_recognised():
    assert swapped(34.5, 69.2)  # Kabul written latitude-first
    assert not swapped(69.2, 34.5)
    assert not swapped(13.4, 52.5)  # Berlin, either way round


def test_a_release_is_compared_by_id_and_content():
    result = diff({"1": "a", "2": "b", "3": "c"}, {"1": "a", "2": "B", "4": "d"})
    assert (result.added, result.modified, result.withdrawn, result.unchanged) == (
        ["4"],
        ["2"],
        ["3"],
        ["1"],
    )


@given(
    st.dictionaries(st.text(max_size=3), st.sampled_from("abc")),
    st.dictionaries(st.text(max_size=3), st.sampled_from("abc")),
)
def test_every_id_is_counted_once_in_a_diff(stored, incoming):
    result = diff(stored, incoming)
    assert sorted(result.added + result.modified + result.unchanged) == sorted(incoming)
    assert sorted(result.withdrawn + result.modified + result.unchanged) == sorted(stored)
    assert not diff(incoming, incoming).changes_anything


DAY = date(2017, 3, 31)


def test_assessors_side_by_side_disagree_and_go_stale():
    claims = [
        Claim("sangin", "lwj", "insurgent", DAY),
        Claim("sangin", "lwj", "contested", DAY - timedelta(days=90)),
        Claim("sangin", "rs", "contested", DAY - STALE_AFTER - timedelta(days=1)),
        Claim("nad-ali", "lwj", "contested", DAY),
        Claim("nad-ali", "rs", "unknown", DAY),
        Claim("nad-ali", "rs", "controlled", DAY + timedelta(days=1)),  # after the day asked
    ]
    found = standing(claims, as_of=DAY)
    sangin, nad_ali = found["sangin"], found["nad-ali"]
    assert sangin.latest["lwj"].status == "insurgent"
    assert sangin.disagree
    assert sangin.stale == {"rs"}
    assert nad_ali.latest["rs"].status == "unknown"
    assert not nad_ali.disagree  # "unknown" says nothing either way
    assert nad_ali.stale == set()


def test_a_point_without_finite_coordinates_lies_in_no_district(districts):
    locator, _names = districts
    assert locator.locate([float("nan"), float("inf"), 69.17], [34.5, 34.5, 34.53])[:2] == [
        None,
        None,
    ]
