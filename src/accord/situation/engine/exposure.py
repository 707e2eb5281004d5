"""Exposure: which of the mission's sites and routes lie within a distance of a hazard (an
incident or a conflict event). Pure Python over plain data: numpy and shapely, no Django.

Distances are great-circle distances on a sphere of the Earth's mean radius (6,371.0088 km,
IUGG), within 0.5 % of the WGS 84 geodesic: far closer than the sources' own precision (a GED
event placed "exactly" is placed to a village). A route's leg is the great-circle arc between its
two ends, so the distance from a hazard to a leg is the cross-track distance when the foot of the
perpendicular falls on the arc, and the distance to the nearer end otherwise. No projection: the
network runs from the Baltic to Karachi, farther than any one projection keeps distances true.

Speed: a shapely ``STRtree`` over the hazards in plain longitude and latitude finds the
candidate pairs inside a box that is never narrower than the distance asked for (a degree of
longitude is shortest at the highest latitude involved), and only those pairs are measured
exactly, vectorised. Brute force would measure every pair.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import shapely

EARTH_RADIUS_KM = 6371.0088
KM_PER_DEGREE = math.pi * EARTH_RADIUS_KM / 180  # along a meridian: 111.2 km
STEP_KM = 100.0


@dataclass(frozen=True)
class Hazard:
    key: str  # "incident:12", "event:345"
    lon: float
    lat: float


@dataclass(frozen=True)
class Asset:
    """A site (one point) or a leg (two points, the arc between them)."""

    key: str
    points: tuple[tuple[float, float], ...]  # (lon, lat)


@dataclass(frozen=True)
class Exposure:
    asset: str
    hazard: str  # the nearest hazard
    km: float
    hazards: int  # how many hazards lie within the distance


def _unit(lon, lat) -> np.ndarray:
    """Unit vectors on the sphere for arrays of longitudes and latitudes (degrees)."""
    lon, lat = np.radians(lon), np.radians(lat)
    return np.stack([np.cos(lat) * np.cos(lon), np.cos(lat) * np.sin(lon), np.sin(lat)], axis=-1)


def _angle(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The angle between unit vectors, row by row (atan2: exact at small and large angles)."""
    return np.arctan2(np.linalg.norm(np.cross(a, b), axis=-1), np.einsum("ij,ij->i", a, b))


def point_km(p_lon, p_lat, q_lon, q_lat) -> np.ndarray:
    """Great-circle distances between points p and q, element by element."""
    return EARTH_RADIUS_KM * _angle(_unit(p_lon, p_lat), _unit(q_lon, q_lat))


def arc_km(p: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Distances from points ``p`` to the great-circle arcs ``a``–``b`` (unit vectors, row by
    row): the cross-track distance when the foot lies on the arc, else the nearer end's."""
    normal = np.cross(a, b)
    length = np.linalg.norm(normal, axis=-1, keepdims=True)
    degenerate = length[:, 0] < 1e-12  # both ends at one place
    normal = normal / np.where(length == 0, 1, length)
    sine = np.einsum("ij,ij->i", p, normal)
    foot = p - sine[:, None] * normal
    on_arc = (np.einsum("ij,ij->i", np.cross(a, foot), normal) >= 0) & (
        np.einsum("ij,ij->i", np.cross(foot, b), normal) >= 0
    )
    across = np.abs(np.arcsin(np.clip(sine, -1, 1)))
    ends = np.minimum(_angle(p, a), _angle(p, b))
    return EARTH_RADIUS_KM * np.where(on_arc & ~degenerate, across, ends)


def _search_degrees(km: float, lats: np.ndarray) -> float:
    """A box half-width in degrees that holds every point within ``km`` (longitude degrees
    shrink with latitude; beyond 85° the box is the whole circle)."""
    top = min(float(np.abs(lats).max(initial=0.0)) + km / KM_PER_DEGREE, 85.0)
    return km / (KM_PER_DEGREE * math.cos(math.radians(top)))


def exposed(assets: list[Asset], hazards: list[Hazard], km: float) -> list[Exposure]:
    """Each asset within ``km`` of a hazard, with its nearest hazard, the distance to it and
    how many hazards lie within ``km``; nearest first."""
    if not assets or not hazards or km <= 0:
        return []
    h_lon = np.array([h.lon for h in hazards])
    h_lat = np.array([h.lat for h in hazards])
    tree = shapely.STRtree(shapely.points(h_lon, h_lat))
    geoms = [
        shapely.Point(a.points[0]) if len(a.points) == 1 else shapely.LineString(_arc_line(a))
        for a in assets
    ]
    lats = np.concatenate([h_lat, [lat for a in assets for _, lat in a.points]])
    # The arcs are drawn through a point every 100 km at most: between two of them the arc
    # strays from the straight line in degrees by far less than the 0.1° added.
    margin = _search_degrees(km, lats) + 0.1
    asset_idx, hazard_idx = tree.query(geoms, predicate="dwithin", distance=margin)
    if len(asset_idx) == 0:
        return []
    km_all = _measure(assets, asset_idx, hazard_idx, h_lon, h_lat)
    within = km_all <= km
    return _nearest(assets, hazards, asset_idx[within], hazard_idx[within], km_all[within])


def _arc_line(asset: Asset) -> np.ndarray:
    """Points along the great-circle arc of a leg, at most ``STEP_KM`` apart, as (lon, lat)."""
    (lon1, lat1), (lon2, lat2) = asset.points[0], asset.points[-1]
    a, b = _unit(np.array([lon1]), np.array([lat1])), _unit(np.array([lon2]), np.array([lat2]))
    angle = float(_angle(a, b)[0])
    steps = max(1, math.ceil(angle * EARTH_RADIUS_KM / STEP_KM))
    t = np.linspace(0.0, 1.0, steps + 1)[:, None]
    if angle < 1e-9:
        return np.array([[lon1, lat1], [lon2, lat2]])
    # Spherical linear interpolation between the two ends' unit vectors.
    v = (np.sin((1 - t) * angle) * a + np.sin(t * angle) * b) / math.sin(angle)
    lon = np.degrees(np.arctan2(v[:, 1], v[:, 0]))
    lat = np.degrees(np.arcsin(np.clip(v[:, 2], -1, 1)))
    return np.stack([lon, lat], axis=-1)


def _measure(assets, asset_idx, hazard_idx, h_lon, h_lat) -> np.ndarray:
    ends = np.array([(*a.points[0], *a.points[-1]) for a in assets])[asset_idx]
    p = _unit(h_lon[hazard_idx], h_lat[hazard_idx])
    a, b = _unit(ends[:, 0], ends[:, 1]), _unit(ends[:, 2], ends[:, 3])
    return arc_km(p, a, b)  # a site's arc has both ends at the site: the point distance


def _nearest(assets, hazards, asset_idx, hazard_idx, km_all) -> list[Exposure]:
    """Per asset, its nearest hazard and how many lie within: one sort, no loop over pairs."""
    if len(asset_idx) == 0:
        return []
    order = np.lexsort((km_all, asset_idx))  # by asset, nearest first
    first = order[np.r_[True, asset_idx[order][1:] != asset_idx[order][:-1]]]
    counts = np.bincount(asset_idx, minlength=len(assets))
    found = [
        Exposure(assets[i].key, hazards[j].key, round(float(d), 1), int(counts[i]))
        for i, j, d in zip(
            asset_idx[first].tolist(), hazard_idx[first].tolist(), km_all[first], strict=True
        )
    ]
    return sorted(found, key=lambda e: (e.km, e.asset))


def brute_force_km(points: np.ndarray, hazards: np.ndarray) -> np.ndarray:
    """The full matrix of great-circle distances (haversine) between ``points`` and ``hazards``
    (arrays of (lon, lat)): the benchmark's anchor, and the tests' check of the engine."""
    lon1, lat1 = np.radians(points[:, 0])[:, None], np.radians(points[:, 1])[:, None]
    lon2, lat2 = np.radians(hazards[:, 0])[None, :], np.radians(hazards[:, 1])[None, :]
    h = (
        np.sin((lat2 - lat1) / 2) ** 2
        + np.cos(lat1) * np.cos(lat2) * np.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(h, 0, 1)))
