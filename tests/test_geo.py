"""Tests for the shipped map boundaries (data/geo/) and the pure-Python helpers in usmx.geo."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from usmx.geo import (
    GEO_DIR,
    LAYERS,
    GeoDataError,
    border_line,
    feature_by_iso,
    haversine_km,
    line_length_km,
    load_layer,
    point_in_polygon,
)

REPO_ROOT = Path(__file__).resolve().parent.parent
BUILD_SCRIPT = REPO_ROOT / "scripts" / "build_geo.py"
STATE_LAYERS = ("mexico_states", "us_border_states")


def all_states() -> list[dict]:
    return [f for name in STATE_LAYERS for f in load_layer(name)["features"]]


def state(iso: str) -> dict:
    for name in STATE_LAYERS:
        feature = feature_by_iso(load_layer(name), iso)
        if feature is not None:
            return feature
    raise AssertionError(f"no state {iso}")


# Points are a few km inside the city, away from the coast or the border, because the shipped
# polygons are simplified by ~1 km.
CITIES = [
    ("Culiacán", -107.39, 24.80, "MX-SIN"),
    ("Mazatlán", -106.38, 23.26, "MX-SIN"),
    ("Los Mochis", -108.99, 25.79, "MX-SIN"),
    ("Tijuana", -117.00, 32.50, "MX-BCN"),
    ("Ciudad Juárez", -106.42, 31.69, "MX-CHH"),
    ("Monterrey", -100.31, 25.67, "MX-NLE"),
    ("Durango", -104.67, 24.02, "MX-DUR"),
    ("Mexico City", -99.13, 19.43, "MX-DIF"),
    ("San Diego", -117.10, 32.75, "US-CA"),
    ("El Paso", -106.44, 31.82, "US-TX"),
    ("Phoenix", -112.07, 33.45, "US-AZ"),
]


@pytest.mark.parametrize(("city", "lon", "lat", "iso"), CITIES)
def test_city_is_in_its_state_and_no_other(city: str, lon: float, lat: float, iso: str) -> None:
    hits = [
        f["properties"]["iso_3166_2"]
        for f in all_states()
        if point_in_polygon(lon, lat, f["geometry"])
    ]
    assert hits == [iso], city


@pytest.mark.parametrize(
    ("city", "lon", "lat", "inside"),
    [
        ("Culiacán", -107.39, 24.80, True),
        ("Mexico City", -99.13, 19.43, False),
        ("Durango", -104.67, 24.02, False),
    ],
)
def test_sinaloa_contains(city: str, lon: float, lat: float, inside: bool) -> None:
    assert point_in_polygon(lon, lat, state("MX-SIN")["geometry"]) is inside, city


@pytest.mark.parametrize(
    ("end", "index", "lon", "lat"),
    [
        ("west, Tijuana on the Pacific", 0, -117.12, 32.53),
        ("east, Matamoros on the Gulf", -1, -97.14, 25.96),
    ],
)
def test_border_endpoints(end: str, index: int, lon: float, lat: float) -> None:
    point = border_line()[index]
    assert haversine_km(*point, lon, lat) < 15, end


def test_border_length() -> None:
    # Not the quoted ~3,145 km: that follows every Rio Grande meander, which Natural Earth 10m
    # smooths, so its line measures ~2,640 km at full resolution (the section west of El Paso,
    # ~1,110 km, does match). The shipped line is simplified, so it is a little shorter still.
    props = load_layer("us_mexico_border")["features"][0]["properties"]
    shipped = line_length_km(border_line())
    assert 2_600 < props["length_km"] < 2_700
    assert 2_550 < shipped <= props["length_km"]
    assert shipped > 0.97 * props["length_km"]


def test_border_feature_properties() -> None:
    layer = load_layer("us_mexico_border")
    assert len(layer["features"]) == 1
    props = layer["features"][0]["properties"]
    assert props["name_en"] == "United States–Mexico border"
    assert props["name_es"] == "Frontera México–Estados Unidos"
    assert props["name_zht"] == "美墨邊境"
    assert props["length_km"] == round(props["length_km"], 1)


def test_data_geo_is_small() -> None:
    total = sum(p.stat().st_size for p in GEO_DIR.iterdir() if p.is_file())
    assert total < 1_000_000


@pytest.mark.parametrize(("layer", "count"), [("mexico_states", 32), ("us_border_states", 4)])
def test_state_counts(layer: str, count: int) -> None:
    assert len(load_layer(layer)["features"]) == count


def test_us_border_states_are_the_four() -> None:
    isos = [f["properties"]["iso_3166_2"] for f in load_layer("us_border_states")["features"]]
    assert isos == ["US-AZ", "US-CA", "US-NM", "US-TX"]


@pytest.mark.parametrize("layer", ["mexico_states", "us_border_states", "countries"])
def test_every_feature_has_three_names(layer: str) -> None:
    for feature in load_layer(layer)["features"]:
        props = feature["properties"]
        for field in ("name_en", "name_es", "name_zht"):
            assert isinstance(props[field], str), (props, field)
            assert props[field].strip(), (props, field)


def test_exactly_one_sinaloa() -> None:
    flagged = [f for f in all_states() if f["properties"]["is_sinaloa"]]
    assert len(flagged) == 1
    assert flagged[0]["properties"]["iso_3166_2"] == "MX-SIN"


@pytest.mark.parametrize(
    ("iso", "field", "name"),
    [
        ("MX-SIN", "name_zht", "錫那羅亞州"),
        # Fixed in the build: Natural Earth gives the capital city's name.
        ("MX-CHH", "name_zht", "奇瓦瓦州"),
        ("MX-NAY", "name_zht", "納亞里特州"),
        ("MX-OAX", "name_zht", "瓦哈卡州"),
        ("MX-SLP", "name_zht", "聖路易斯波托西州"),
        ("MX-DIF", "name_en", "Mexico City"),
        ("MX-DIF", "name_es", "Ciudad de México"),
    ],
)
def test_state_names(iso: str, field: str, name: str) -> None:
    assert state(iso)["properties"][field] == name


@pytest.mark.parametrize("layer", STATE_LAYERS)
def test_label_points_inside_their_state(layer: str) -> None:
    for feature in load_layer(layer)["features"]:
        props = feature["properties"]
        assert point_in_polygon(props["label_lon"], props["label_lat"], feature["geometry"]), props


@pytest.mark.parametrize(
    ("iso", "name_en"),
    [("MX", "Mexico"), ("USA", "United States"), ("VE", "Venezuela"), ("GTM", "Guatemala")],
)
def test_feature_by_iso_countries(iso: str, name_en: str) -> None:
    feature = feature_by_iso(load_layer("countries"), iso)
    assert feature is not None
    assert feature["properties"]["name_en"] == name_en


def test_feature_by_iso_missing() -> None:
    assert feature_by_iso(load_layer("mexico_states"), "MX-XXX") is None


@pytest.mark.parametrize(
    ("lon1", "lat1", "lon2", "lat2", "km"),
    [
        (0.0, 0.0, 0.0, 1.0, 111.195),  # one degree of latitude
        (0.0, 0.0, 1.0, 0.0, 111.195),  # one degree of longitude on the equator
        (-99.13, 19.43, -99.13, 19.43, 0.0),
    ],
)
def test_haversine_km(lon1: float, lat1: float, lon2: float, lat2: float, km: float) -> None:
    assert haversine_km(lon1, lat1, lon2, lat2) == pytest.approx(km, abs=0.01)


def test_line_length_km_sums_segments() -> None:
    assert line_length_km([(0, 0), (0, 1), (0, 2)]) == pytest.approx(2 * 111.195, abs=0.01)
    assert line_length_km([(0, 0)]) == 0


SQUARE_WITH_HOLE = {
    "type": "Polygon",
    "coordinates": [
        [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]],
        [[4, 4], [4, 6], [6, 6], [6, 4], [4, 4]],
    ],
}
TWO_SQUARES = {
    "type": "MultiPolygon",
    "coordinates": [
        [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]],
        [[[5, 5], [6, 5], [6, 6], [5, 6], [5, 5]]],
    ],
}


@pytest.mark.parametrize(
    ("geometry", "lon", "lat", "inside"),
    [
        (SQUARE_WITH_HOLE, 2, 2, True),
        (SQUARE_WITH_HOLE, 5, 5, False),  # in the hole
        (SQUARE_WITH_HOLE, 11, 5, False),
        (SQUARE_WITH_HOLE, 2, 4, True),  # ray passes through the hole's vertex row
        (TWO_SQUARES, 0.5, 0.5, True),
        (TWO_SQUARES, 5.5, 5.5, True),
        (TWO_SQUARES, 3, 3, False),
    ],
)
def test_point_in_polygon(geometry: dict, lon: float, lat: float, inside: bool) -> None:
    assert point_in_polygon(lon, lat, geometry) is inside


def test_point_in_polygon_rejects_lines() -> None:
    with pytest.raises(ValueError, match="LineString"):
        point_in_polygon(0, 0, {"type": "LineString", "coordinates": [[0, 0], [1, 1]]})


@pytest.mark.parametrize("layer", LAYERS)
def test_load_layer_missing_dir(tmp_path: Path, layer: str) -> None:
    with pytest.raises(GeoDataError, match=rf"{layer}\.geojson"):
        load_layer(layer, tmp_path / "nowhere")


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ('{"type": "FeatureCollection", "features": [', "not valid JSON"),
        ('{"type": "Feature", "properties": {}}', "not a GeoJSON FeatureCollection"),
        ('{"type": "FeatureCollection"}', "no 'features' list"),
        ('{"type": "FeatureCollection", "features": [{"type": "Feature"}]}', "geometry"),
    ],
)
def test_load_layer_corrupt_file(tmp_path: Path, content: str, problem: str) -> None:
    (tmp_path / "mexico_states.geojson").write_text(content, encoding="utf-8")
    with pytest.raises(GeoDataError, match=r"mexico_states\.geojson") as excinfo:
        load_layer("mexico_states", tmp_path)
    assert problem in str(excinfo.value)


def test_load_layer_unknown_name() -> None:
    with pytest.raises(ValueError, match="unknown geo layer"):
        load_layer("canada")


def test_build_is_deterministic_and_matches_committed(tmp_path: Path) -> None:
    pytest.importorskip("shapely")
    build_geo = pytest.importorskip("scripts.build_geo")
    if not build_geo.DEFAULT_SOURCE.is_dir():
        # Natural Earth's files live outside the repository (../shared/geo); without them
        # there is nothing to rebuild from. static/geo is checked from data/geo regardless
        # (tests/test_map_deck.py).
        pytest.skip(f"Natural Earth source not found at {build_geo.DEFAULT_SOURCE}")
    outputs = []
    for run in ("first", "second"):
        out = tmp_path / run
        subprocess.run(
            [sys.executable, str(BUILD_SCRIPT), "--out", str(out)],
            check=True,
            capture_output=True,
        )
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    first, second = outputs
    assert first == second
    committed = {p.name: p.read_bytes() for p in sorted(GEO_DIR.iterdir()) if p.is_file()}
    assert set(first) == set(committed)
    for name, payload in first.items():
        assert payload == committed[name], f"data/geo/{name} is stale: rerun scripts/build_geo.py"
