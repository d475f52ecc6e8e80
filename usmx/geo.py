"""Offline map boundaries for the dashboard: load the shipped GeoJSON layers and do small geometry.

The layers in ``data/geo/`` are built ahead of time by ``scripts/build_geo.py`` from Natural Earth
10m (public domain). This module reads them at runtime using only the standard library. Shapely is
a build-time dependency only, so point-in-polygon and lengths are computed here in pure Python.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

GEO_DIR = Path(__file__).resolve().parent.parent / "data" / "geo"

LAYERS = ("mexico_states", "us_border_states", "us_mexico_border", "countries")

# IUGG mean Earth radius; the build script uses this same function, so the shipped length_km and
# anything computed at runtime agree.
EARTH_RADIUS_KM = 6371.0088


class GeoDataError(Exception):
    """A shipped GeoJSON layer is missing or is not a valid FeatureCollection."""


def load_layer(name: str, geo_dir: Path = GEO_DIR) -> dict[str, Any]:
    """Read one layer (``mexico_states``, ``us_border_states``, ``us_mexico_border``, ``countries``).

    Raises ``GeoDataError`` naming the file when it is missing, unreadable, not JSON, or not a
    GeoJSON FeatureCollection of Features with geometries.
    """
    if name not in LAYERS:
        raise ValueError(f"unknown geo layer {name!r}; expected one of {', '.join(LAYERS)}")
    path = Path(geo_dir) / f"{name}.geojson"
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError as exc:
        raise GeoDataError(
            f"{path}: geo layer file not found (run scripts/build_geo.py to build data/geo/)"
        ) from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise GeoDataError(f"{path}: cannot read geo layer file: {exc}") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise GeoDataError(f"{path}: not valid JSON: {exc}") from exc
    _check_feature_collection(data, path)
    return data


def _check_feature_collection(data: Any, path: Path) -> None:
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise GeoDataError(f"{path}: not a GeoJSON FeatureCollection")
    features = data.get("features")
    if not isinstance(features, list):
        raise GeoDataError(f"{path}: FeatureCollection has no 'features' list")
    for i, feature in enumerate(features):
        if not isinstance(feature, dict) or feature.get("type") != "Feature":
            raise GeoDataError(f"{path}: features[{i}] is not a GeoJSON Feature")
        geometry = feature.get("geometry")
        if not isinstance(geometry, dict) or not isinstance(geometry.get("coordinates"), list):
            raise GeoDataError(f"{path}: features[{i}] has no geometry coordinates")
        if not isinstance(feature.get("properties"), dict):
            raise GeoDataError(f"{path}: features[{i}] has no properties object")


def border_line(geo_dir: Path = GEO_DIR) -> list[tuple[float, float]]:
    """The US–Mexico land border as (lon, lat) pairs, west (Pacific) to east (Gulf of Mexico)."""
    layer = load_layer("us_mexico_border", geo_dir)
    features = layer["features"]
    path = Path(geo_dir) / "us_mexico_border.geojson"
    if len(features) != 1 or features[0]["geometry"].get("type") != "LineString":
        raise GeoDataError(f"{path}: expected exactly one Feature with a LineString")
    return [(float(lon), float(lat)) for lon, lat, *_ in features[0]["geometry"]["coordinates"]]


def haversine_km(lon1: float, lat1: float, lon2: float, lat2: float) -> float:
    """Great-circle distance in km between two lon/lat points (degrees), on a spherical Earth."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlmb = math.radians(lon2 - lon1)
    h = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlmb / 2) ** 2
    # min() guards against h creeping past 1.0 by rounding for near-antipodal points.
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


def line_length_km(coords: Iterable[Sequence[float]]) -> float:
    """Haversine length in km of a polyline given as (lon, lat) pairs."""
    points = [(float(p[0]), float(p[1])) for p in coords]
    return sum(
        haversine_km(lon1, lat1, lon2, lat2)
        for (lon1, lat1), (lon2, lat2) in itertools.pairwise(points)
    )


def _ring_crossings(lon: float, lat: float, ring: Sequence[Sequence[float]]) -> bool:
    """Even-odd ray cast: True if a ray from the point towards +lon crosses the ring an odd
    number of times."""
    inside = False
    n = len(ring)
    if n == 0:
        return False
    x1, y1 = ring[-1][0], ring[-1][1]
    for point in ring:
        x2, y2 = point[0], point[1]
        # Half-open test on y so a vertex lying exactly on the ray is counted once, not twice.
        if (y2 > lat) != (y1 > lat):
            x_cross = x1 + (lat - y1) * (x2 - x1) / (y2 - y1)
            if lon < x_cross:
                inside = not inside
        x1, y1 = x2, y2
    return inside


def _in_polygon_rings(lon: float, lat: float, rings: Sequence[Sequence[Sequence[float]]]) -> bool:
    if not rings or not _ring_crossings(lon, lat, rings[0]):
        return False
    # Inside the exterior ring; a hit in any hole puts the point outside.
    return not any(_ring_crossings(lon, lat, hole) for hole in rings[1:])


def point_in_polygon(lon: float, lat: float, geometry: dict[str, Any]) -> bool:
    """Whether (lon, lat) lies inside a GeoJSON Polygon or MultiPolygon (holes excluded).

    Points exactly on an edge may go either way; that is fine at map scale.
    """
    kind = geometry.get("type")
    coords = geometry.get("coordinates") or []
    if kind == "Polygon":
        return _in_polygon_rings(lon, lat, coords)
    if kind == "MultiPolygon":
        return any(_in_polygon_rings(lon, lat, polygon) for polygon in coords)
    raise ValueError(f"point_in_polygon needs a Polygon or MultiPolygon, got {kind!r}")


def feature_by_iso(layer: dict[str, Any], iso: str) -> dict[str, Any] | None:
    """The feature whose ``iso_3166_2`` (states) or ``iso_a2``/``iso_a3`` (countries) is ``iso``."""
    for feature in layer.get("features", []):
        props = feature.get("properties") or {}
        if iso in (props.get("iso_3166_2"), props.get("iso_a2"), props.get("iso_a3")):
            return feature
    return None
