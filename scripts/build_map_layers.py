"""Build the map's static boundary layers (static/geo/) from the shipped boundaries (data/geo/).

The Map page draws the land and its outlines from these files, which Streamlit serves once
(`server.enableStaticServing`, under `app/static/`) and the browser caches: a filter change then
sends only the points and arcs, and deck.gl never re-reads the boundaries (usmx.maps.boundaries).

They are cut for drawing, not for measuring (data/geo/ stays the reference):

- clipped to the Americas that any map view shows; Mexico's country polygon is left out (its
  states cover it), and a country's outline is drawn only where no state outline runs;
- states simplified to STATE_TOLERANCE (Sinaloa, the article's state, keeps data/geo's detail),
  countries to COUNTRY_TOLERANCE: below a pixel at the dashboard's zoom levels;
- outlines as straight segments for deck.gl's LineLayer. In software WebGL (SwiftShader: no
  GPU, as in CI and on many virtual desktops) every vertex costs: GeoJsonLayer's stroked paths
  cost ~0.8 s of CPU per frame for ~11,800 vertices; these segments ~0.1 s.

Deterministic (rebuilding gives identical bytes; tests/test_geo.py checks the files are current).
Shapely is needed here only.

Usage: .venv/bin/python scripts/build_map_layers.py [--out static/geo]
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import box, mapping, shape

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from usmx.geo import load_layer
from usmx.maps.boundaries import STATIC_DIR, STATIC_FILES

# Every view the app offers fits in here (usmx.maps.style.VIEWS at up to ~1,900 px wide);
# no land is cut along its edges (Alaska and Hawaii lie outside, off every view).
CLIP = box(-135.0, -5.0, -40.0, 52.0)
STATE_TOLERANCE = 0.03  # ~0.85 px at the border view (zoom 4.3), ~0.4 px at the wide view
SINALOA_TOLERANCE = 0.0  # data/geo's 0.01°: the state the article is about keeps its coast
COUNTRY_TOLERANCE = 0.1  # context only: ~3 px at the border view, where little of it shows
# A country's outline is dropped within this distance of a state (the states draw that edge).
STATE_EDGE_GAP = 0.06
DECIMALS = 3  # ~110 m, far below the simplification


class BuildError(Exception):
    pass


def _round(coords: Any) -> Any:
    """Round nested coordinates, dropping consecutive duplicates a ring or line gets from it."""
    if coords and isinstance(coords[0], int | float):
        return [round(float(c), DECIMALS) for c in coords[:2]]
    out = [_round(c) for c in coords]
    if out and isinstance(out[0][0], float):
        return [out[0], *(p for prev, p in itertools.pairwise(out) if p != prev)]
    return out


def _polygonal(geom: Any) -> dict[str, Any]:
    geom = shapely.make_valid(geom)
    if geom.geom_type == "GeometryCollection":
        geom = shapely.union_all([g for g in geom.geoms if g.geom_type.endswith("Polygon")])
    if geom.is_empty or geom.geom_type not in ("Polygon", "MultiPolygon"):
        raise BuildError(f"a land polygon collapsed to {geom.geom_type}")
    oriented = shapely.orient_polygons(geom, exterior_cw=False)
    data = mapping(oriented)
    return {"type": data["type"], "coordinates": _round(data["coordinates"])}


def _segments(lines: Any) -> list[dict[str, list[float]]]:
    """Straight segments {"s": [lon, lat], "t": [lon, lat]} of a (multi)line geometry."""
    parts = getattr(lines, "geoms", [lines])
    out = []
    for part in parts:
        if part.is_empty or part.geom_type != "LineString":
            continue
        coords = _round(list(part.coords))
        out += [{"s": a, "t": b} for a, b in itertools.pairwise(coords)]
    return out


def build_layers() -> dict[str, Any]:
    """The four static layers, by file name (see usmx.maps.boundaries.STATIC_FILES)."""
    states = [
        *load_layer("mexico_states")["features"],
        *load_layer("us_border_states")["features"],
    ]
    state_shapes = {}
    for f in sorted(states, key=lambda f: f["properties"]["iso_3166_2"]):
        tolerance = SINALOA_TOLERANCE if f["properties"]["is_sinaloa"] else STATE_TOLERANCE
        geom = shape(f["geometry"])
        state_shapes[f["properties"]["iso_3166_2"]] = (
            geom.simplify(tolerance, preserve_topology=True) if tolerance else geom
        )
    states_union = shapely.union_all(list(state_shapes.values()))
    near_states = states_union.buffer(STATE_EDGE_GAP)

    country_fill, country_lines = [], []
    for f in sorted(load_layer("countries")["features"], key=lambda f: f["properties"]["iso_a2"]):
        iso = f["properties"]["iso_a2"]
        if iso == "MX":
            continue
        geom = shape(f["geometry"]).intersection(CLIP)
        geom = geom.simplify(COUNTRY_TOLERANCE, preserve_topology=True)
        if geom.is_empty:
            continue
        country_fill.append(
            {"type": "Feature", "properties": {"iso": iso}, "geometry": _polygonal(geom)}
        )
        country_lines += _segments(shapely.line_merge(geom.boundary.difference(near_states)))

    state_fill, state_lines = [], []
    for iso, geom in state_shapes.items():
        state_fill.append(
            {"type": "Feature", "properties": {"iso": iso}, "geometry": _polygonal(geom)}
        )
        state_lines += _segments(shapely.line_merge(geom.boundary))

    layers = {
        "countries": {"type": "FeatureCollection", "features": country_fill},
        "states": {"type": "FeatureCollection", "features": state_fill},
        "country_lines": country_lines,
        "state_lines": state_lines,
    }
    return {STATIC_FILES[key]: value for key, value in layers.items()}


def dump(data: Any) -> bytes:
    return json.dumps(data, separators=(",", ":"), allow_nan=False).encode("utf-8")


def build(out: Path) -> dict[str, int]:
    """Write the layers into `out` (atomically, one file at a time); their sizes by name."""
    out.mkdir(parents=True, exist_ok=True)
    sizes = {}
    for name, data in build_layers().items():
        payload = dump(data)
        tmp = out / f".{name}.tmp"
        tmp.write_bytes(payload)
        tmp.replace(out / name)
        sizes[name] = len(payload)
    return sizes


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=STATIC_DIR)
    args = parser.parse_args(argv)
    for name, size in build(args.out).items():
        print(f"{args.out / name}: {size:,} bytes")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
