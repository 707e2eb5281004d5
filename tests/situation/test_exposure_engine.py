"""The exposure engine against brute force: the same pairs within the distance, the same
nearest distances, over random points; and a leg's cross-track distance (a hazard beside the
middle of a long leg is near the leg though far from both its ends)."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.situation.engine.exposure import (
    Asset,
    Hazard,
    arc_km,
    brute_force_km,
    exposed,
    point_km,
)


def _sites_and_hazards(seed: int, sites: int, hazards: int):
    rng = np.random.default_rng(seed)
    s = np.column_stack([rng.uniform(60.5, 75, sites), rng.uniform(29.5, 38.5, sites)])
    h = np.column_stack([rng.uniform(60.5, 75, hazards), rng.uniform(29.5, 38.5, hazards)])
    return s, h


@settings(max_examples=25, deadline=None)
@given(seed=st.integers(0, 10_000), km=st.floats(1, 300))
def test_sites_within_the_distance_are_those_brute_force_finds(seed, km):
    s, h = _sites_and_hazards(seed, 40, 200)
    assets = [Asset(f"site:{i}", ((lon, lat),)) for i, (lon, lat) in enumerate(s)]
    hazards = [Hazard(f"event:{j}", lon, lat) for j, (lon, lat) in enumerate(h)]
    found = {e.asset: e for e in exposed(assets, hazards, km)}
    matrix = brute_force_km(s, h)
    expected = {f"site:{i}" for i in range(len(s)) if matrix[i].min() <= km}
    assert set(found) == expected
    for key, exposure in found.items():
        i = int(key.split(":")[1])
        assert exposure.km == pytest.approx(matrix[i].min(), abs=0.06)
        assert exposure.hazards == int((matrix[i] <= km).sum())
        assert exposure.hazard == f"event:{int(matrix[i].argmin())}"


def test_a_hazard_beside_the_middle_of_a_long_leg_exposes_the_leg():
    # Termez (67.28, 37.22) to Kabul (69.21, 34.53): about 345 km. A point 20 km east of the
    # leg's middle is 170 km from each end, but 20 km from the leg.
    a, b = (67.28, 37.22), (69.21, 34.53)
    middle = ((a[0] + b[0]) / 2, (a[1] + b[1]) / 2)
    beside = Hazard("incident:1", middle[0] + 0.2, middle[1] + 0.1)
    far_from_ends = point_km(
        np.array([beside.lon]),
        np.array([beside.lat]),
        np.array([a[0], b[0]]),
        np.array([a[1], b[1]]),
    )
    assert far_from_ends.min() > 150
    found = exposed([Asset("leg:L13", (a, b))], [beside], 50)
    assert [e.asset for e in found] == ["leg:L13"]
    assert 5 < found[0].km < 30
    assert exposed([Asset("leg:L13", (a, b))], [beside], 3) == []


def test_a_point_past_a_legs_end_is_measured_to_that_end():
    a, b = (69.0, 34.0), (70.0, 34.0)
    p = (71.0, 34.0)  # on the arc's great circle, beyond b
    to_b = point_km(np.array([p[0]]), np.array([p[1]]), np.array([b[0]]), np.array([b[1]]))[0]
    unit = lambda lon, lat: np.array(  # noqa: E731
        [
            [
                np.cos(np.radians(lat)) * np.cos(np.radians(lon)),
                np.cos(np.radians(lat)) * np.sin(np.radians(lon)),
                np.sin(np.radians(lat)),
            ]
        ]
    )
    assert arc_km(unit(*p), unit(*a), unit(*b))[0] == pytest.approx(to_b, rel=1e-9)


def test_one_degree_of_latitude_is_111_km():
    assert point_km(np.array([69.0]), np.array([34.0]), np.array([69.0]), np.array([35.0]))[
        0
    ] == pytest.approx(111.19, abs=0.01)


def test_nothing_is_exposed_without_hazards_or_assets():
    assert exposed([], [Hazard("event:1", 69, 34)], 50) == []
    assert exposed([Asset("site:1", ((69, 34),))], [], 50) == []
