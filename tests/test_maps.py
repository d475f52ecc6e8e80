"""Tests for usmx.maps: event points, cross-border arcs, the offline deck, binning, downloads."""

from __future__ import annotations

import csv
import html
import io
import json
import time

import pandas as pd
import pytest

from usmx import maps
from usmx.filters import Filters
from usmx.geo import border_line
from usmx.i18n import count, t
from usmx.model import Dataset
from usmx.tables import Tables

LAYER_IDS = [
    "countries",
    "states",
    "sinaloa",
    "border",
    "arcs",
    "points",
    "sinaloa-label",
    "place-labels",
]
# Chart widths on the Map page: ~940 px at a 1400 px window with the sidebar open, 1200 px and
# more on a wide screen; the deck is 620 px high.
WIDTHS = (940, 1200)
HEIGHT = 620


def deck_json(points, arcs=(), **kwargs) -> dict:
    kwargs.setdefault("lang", "en")
    return json.loads(maps.build_deck(points, list(arcs), **kwargs).to_json())


def layer(deck: dict, layer_id: str) -> dict:
    return next(lyr for lyr in deck["layers"] if lyr["id"] == layer_id)


def expected_counts(ds: Dataset, events) -> dict[str, int]:
    counts: dict[str, int] = {}
    for e in events:
        for pid in set(e.place_ids):
            counts[pid] = counts.get(pid, 0) + 1
    return counts


# --- points -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "actors", [(), ("sheinbaum",), ("trump",), ("us_military",), ("mexican_senate",)]
)
def test_points_count_the_filtered_events_per_place(ds, actors):
    events = Filters(actors=actors).events(ds)
    points = maps.place_points(events, ds.places, lang="en")
    assert {p["id"]: p["count"] for p in points} == expected_counts(ds, events)
    for p in points:
        assert sorted(p["event_ids"]) == sorted(e.id for e in events if p["id"] in e.place_ids)


def test_actor_filter_reduces_points_and_counts(ds):
    everything = {p["id"]: p for p in maps.place_points(ds.events, ds.places, lang="en")}
    events = Filters(actors=("sheinbaum",)).events(ds)
    sheinbaum = {p["id"]: p for p in maps.place_points(events, ds.places, lang="en")}
    assert "sinaloa" in sheinbaum  # she launched the Sinaloa crackdown
    assert "venezuela" not in sheinbaum
    assert "venezuela" in everything
    assert sheinbaum["mexico"]["count"] < everything["mexico"]["count"]
    assert set(sheinbaum) < set(everything)


def test_no_events_no_points(ds):
    assert maps.place_points([], ds.places, lang="en") == []


def test_frames_give_the_same_points_as_records(ds, tables: Tables):
    events = Filters(actors=("trump",)).events(ds)
    frame = tables.events[tables.events["id"].isin([e.id for e in events])]
    for lang in ("en", "zh-Hant"):
        from_models = maps.place_points(events, ds.places, lang=lang)
        from_frames = maps.place_points(frame, tables.places, lang=lang)
        assert from_frames == from_models


def test_point_fields_in_each_language(ds):
    zh = {p["id"]: p for p in maps.place_points(ds.events, ds.places, lang="zh-Hant")}
    en = {p["id"]: p for p in maps.place_points(ds.events, ds.places, lang="en")}
    assert zh["mexico"]["name"] == "墨西哥"
    assert en["mexico"]["name"] == "Mexico"
    assert zh["mexico"]["precision"] == "country"
    assert zh["mexico"]["precision_label"] == t("map.precision.country", "zh-Hant")
    assert en["sinaloa"]["precision_label"] == t("map.precision.region", "en")
    assert en["mexico"]["point_basis"].startswith("Mexico City")
    # Country stand-ins are drawn differently from region points.
    assert en["mexico"]["color"] != en["sinaloa"]["color"]
    assert en["mexico"]["color"] == maps.PRECISION_COLORS["country"]


def test_radius_grows_with_count(ds):
    points = maps.place_points(ds.events, ds.places, lang="en")
    by_count = sorted(points, key=lambda p: p["count"])
    radii = [p["radius"] for p in by_count]
    assert radii == sorted(radii)
    assert by_count[-1]["radius"] > by_count[0]["radius"]
    assert all(maps.MIN_RADIUS_PX < r <= maps.MAX_RADIUS_PX for r in radii)


@pytest.mark.parametrize(
    ("small", "large", "max_count"),
    [(1, 2, 2), (1, 4, 30), (9, 16, 30), (10, 1000, 100_000), (90_000, 100_000, 100_000)],
)
def test_point_radius_is_monotonic_and_bounded(small, large, max_count):
    r_small = maps.point_radius(small, max_count)
    r_large = maps.point_radius(large, max_count)
    assert r_small < r_large <= maps.MAX_RADIUS_PX
    assert r_small >= maps.MIN_RADIUS_PX


def test_radius_area_follows_count_for_small_numbers():
    # sqrt scaling: 4 events have twice the radius increment of 1 event.
    one = maps.point_radius(1, 30) - maps.MIN_RADIUS_PX
    four = maps.point_radius(4, 30) - maps.MIN_RADIUS_PX
    assert four == pytest.approx(2 * one, abs=0.02)


def test_tooltip_lists_events_newest_first_and_caps_the_list(ds):
    points = {p["id"]: p for p in maps.place_points(ds.events, ds.places, lang="en")}
    mexico = points["mexico"]
    lines = mexico["tooltip"].split("\n")
    event_lines = [ln for ln in lines if ln.startswith("• ")]
    assert len(event_lines) == maps.TOOLTIP_EVENTS
    assert lines[-1] == t("map.tooltip.more", "en", n=mexico["count"] - maps.TOOLTIP_EVENTS)
    assert lines[0] == "Mexico"
    venezuela = points["venezuela"]  # fewer events than the cap: all listed, no "more"
    listed = [ln for ln in venezuela["tooltip"].split("\n") if ln.startswith("• ")]
    assert len(listed) == venezuela["count"]
    assert "Caracas" in venezuela["tooltip"]  # the point basis, in English
    by_id = ds.events_by_id
    newest = max(venezuela["event_ids"], key=lambda i: by_id[i].interval.end)
    assert by_id[newest].title_en in listed[0]  # newest first


def test_tooltip_in_chinese_uses_chinese_titles(ds):
    points = {p["id"]: p for p in maps.place_points(ds.events, ds.places, lang="zh-Hant")}
    strike = ds.events_by_id["us_strike_on_venezuela"]
    assert strike.title_zh in points["venezuela"]["tooltip"]
    assert strike.title_en not in points["venezuela"]["tooltip"]


def test_hostile_titles_stay_plain_text(ds):
    strike = ds.events_by_id["us_strike_on_venezuela"]
    hostile = strike.model_copy(
        update={"title_en": '<script>alert("x")</script> & <img src=x onerror=alert(1)>\nnext'}
    )
    [point, *_] = maps.place_points([hostile], ds.places, lang="en")
    # The title arrives exactly as written, on one line: deck.gl shows a text tooltip with
    # innerText, so nothing in it can become markup.
    assert '• 2026-01-03  <script>alert("x")</script> & <img src=x onerror=alert(1)> next' in (
        point["tooltip"].split("\n")
    )
    deck = maps.build_deck([point], [], lang="en")
    assert deck._tooltip == maps.TOOLTIP
    assert set(maps.TOOLTIP) == {"text", "style"}  # no "html" template
    assert maps.TOOLTIP["text"] == "{tooltip}"


@pytest.mark.parametrize(
    ("edtf", "shown"),
    [
        ("2026-01-03", "2026-01-03"),
        ("2026-01", "2026-01"),
        ("2025-01-20/2026-01-16", "2025-01-20 – 2026-01-16"),
        ("../2026-01-15", "… – 2026-01-15"),
    ],
)
def test_format_date(edtf, shown):
    assert maps.format_date(edtf) == shown


# --- arcs -------------------------------------------------------------------------------------


def arcs_by_id(ds, events=None, lang="en") -> dict[str, dict]:
    events = ds.events if events is None else events
    return {a["id"]: a for a in maps.cross_border_arcs(events, ds, lang=lang)}


def test_strike_on_venezuela_is_an_arc_from_washington_to_caracas(ds):
    arcs = arcs_by_id(ds)
    arc = arcs["US>venezuela"]
    assert "us_strike_on_venezuela" in arc["event_ids"]
    assert "maduro_captured" in arc["event_ids"]
    us, ve = ds.places_by_id["united_states"], ds.places_by_id["venezuela"]
    assert (arc["source_lon"], arc["source_lat"]) == (us.lon, us.lat)
    assert (arc["target_lon"], arc["target_lat"]) == (ve.lon, ve.lat)


def test_us_proposals_are_arcs_to_mexico(ds):
    arc = arcs_by_id(ds)["US>mexico"]
    for event_id in (
        "us_proposes_drone_strikes_on_labs",
        "us_proposes_joint_raids_with_cia",
        "us_presses_mexico_joint_operations",
        "trump_admin_pushes_us_troops_in_mexico",
    ):
        assert event_id in arc["event_ids"]


def test_arcs_only_cross_borders(ds):
    arcs = arcs_by_id(ds)
    places = ds.places_by_id
    for arc in arcs.values():
        assert maps.place_country(places[arc["target_id"]]) != arc["source_country"]
        assert arc["source_id"] != arc["target_id"]
    # Washington acting at home (designations, statements) draws no arc.
    all_ids = {e for a in arcs.values() for e in a["event_ids"]}
    assert "fentanyl_designated_wmd" not in all_ids
    # Nor does Mexico's own crackdown in Sinaloa.
    assert "sinaloa_crackdown" not in all_ids
    # Events with no initiator (a phone call between equals) have no direction: no arc.
    assert "sheinbaum_trump_call" not in all_ids
    # Nothing ends on the border point, which belongs to both countries.
    assert all(a["target_id"] != "us_mexico_border" for a in arcs.values())


def test_mexican_initiative_on_us_soil_goes_the_other_way(ds):
    arc = arcs_by_id(ds)["MX>united_states"]
    assert arc["event_ids"] == ["drugs_smuggled_across_border"]
    mx = ds.places_by_id["mexico"]
    assert (arc["source_lon"], arc["source_lat"]) == (mx.lon, mx.lat)


def test_arcs_are_aggregated_by_endpoints(ds):
    arcs = maps.cross_border_arcs(ds.events, ds, lang="en")
    keys = [(a["source_id"], a["target_id"]) for a in arcs]
    assert len(keys) == len(set(keys))
    for a in arcs:
        assert a["count"] == len(a["event_ids"]) == len(set(a["event_ids"]))
    by_count = sorted(arcs, key=lambda a: a["count"])
    assert by_count[-1]["count"] > 1
    assert by_count[-1]["width"] > by_count[0]["width"]
    assert all(maps.MIN_ARC_WIDTH_PX < a["width"] <= maps.MAX_ARC_WIDTH_PX for a in arcs)


def test_arc_tooltip_names_both_ends_in_each_language(ds):
    zh = arcs_by_id(ds, lang="zh-Hant")["US>venezuela"]["tooltip"]
    en = arcs_by_id(ds, lang="en")["US>venezuela"]["tooltip"]
    assert zh.split("\n")[0].startswith("美國 → 委內瑞拉")
    assert en.split("\n")[0].startswith("United States → Venezuela")
    assert ds.events_by_id["us_strike_on_venezuela"].title_zh in zh


def test_arcs_follow_the_filter(ds, tables: Tables):
    events = Filters(actors=("sheinbaum",)).events(ds)
    arcs = arcs_by_id(ds, events)
    assert "US>venezuela" not in arcs
    ids = {e.id for e in events}
    assert all(set(a["event_ids"]) <= ids for a in arcs.values())
    frame = tables.events[tables.events["id"].isin(ids)]
    assert maps.cross_border_arcs(frame, ds, lang="en") == list(arcs.values())


@pytest.mark.parametrize(
    ("place_id", "country"),
    [
        ("mexico", "MX"),
        ("sinaloa", "MX"),
        ("texas", "US"),
        ("venezuela", "VE"),
        ("mexican_seaports", "MX"),  # no ISO code: found from its point (Manzanillo)
        ("us_mexico_border", None),  # belongs to both sides
    ],
)
def test_place_country(ds, place_id, country):
    assert maps.place_country(ds.places_by_id[place_id]) == country


# --- the deck ---------------------------------------------------------------------------------


def test_deck_has_the_expected_layers(ds):
    points = maps.place_points(ds.events, ds.places, lang="en")
    arcs = maps.cross_border_arcs(ds.events, ds, lang="en")
    deck = deck_json(points, arcs)
    assert [lyr["id"] for lyr in deck["layers"]] == LAYER_IDS
    types = {lyr["id"]: lyr["@@type"] for lyr in deck["layers"]}
    assert types["points"] == "ScatterplotLayer"
    assert types["arcs"] == "ArcLayer"
    assert types["border"] == "GeoJsonLayer"
    assert types["sinaloa-label"] == "TextLayer"
    assert len(layer(deck, "points")["data"]) == len(points)
    assert len(layer(deck, "arcs")["data"]) == len(arcs)
    sinaloa = layer(deck, "sinaloa")["data"]["features"]
    assert [f["properties"]["iso_3166_2"] for f in sinaloa] == ["MX-SIN"]
    assert layer(deck, "sinaloa")["getFillColor"] == maps.SINALOA_FILL
    assert layer(deck, "border")["getLineColor"] == maps.BORDER_COLOR
    assert layer(deck, "border")["lineWidthMinPixels"] > layer(deck, "states")["lineWidthMinPixels"]
    states = {f["properties"]["iso_3166_2"] for f in layer(deck, "states")["data"]["features"]}
    assert {"MX-SIN", "MX-CHH", "US-TX", "US-CA"} <= states


def test_deck_props_are_literals_not_accessors(ds):
    # pydeck turns bare strings into "@@=" accessor expressions; units and fonts must not be.
    deck = deck_json(maps.place_points(ds.events, ds.places, lang="en"))
    for lyr in deck["layers"]:
        for key in ("radiusUnits", "widthUnits", "sizeUnits", "lineWidthUnits", "characterSet"):
            if key in lyr:
                assert not lyr[key].startswith("@@="), (lyr["id"], key)
    assert layer(deck, "points")["radiusUnits"] == "pixels"
    assert layer(deck, "place-labels")["characterSet"] == "auto"


def test_no_basemap_and_no_token_by_default(ds, monkeypatch):
    for var in ("CARTO_API_KEY", "MAPBOX_API_KEY", "MapboxAccessToken", "GOOGLE_MAPS_API_KEY"):
        monkeypatch.setenv(var, "secret-token-123")
    points = maps.place_points(ds.events, ds.places, lang="en")
    deck = maps.build_deck(points, [], lang="en")
    text = deck.to_json()
    data = json.loads(text)
    # pydeck's sentinel: Streamlit removes it and draws no basemap. (map_style=None would make
    # Streamlit fall back to CARTO's style, fetched from the internet.)
    assert data["mapStyle"] == "__MAP_STYLE__"
    assert "mapProvider" not in data
    assert "secret-token-123" not in text
    assert not any(k.lower().endswith("key") for k in data)
    assert "cartocdn" not in text
    assert "mapbox" not in text.lower()


def test_basemap_switch_uses_keyless_carto(ds, monkeypatch):
    monkeypatch.setenv("CARTO_API_KEY", "secret-token-123")
    deck = maps.build_deck([], [], lang="en", basemap=True)
    data = json.loads(deck.to_json())
    assert data["mapProvider"] == "carto"
    assert "positron" in data["mapStyle"]
    assert "secret-token-123" not in deck.to_json()
    # Over a basemap the land is not painted over.
    assert layer(data, "countries")["getFillColor"][3] == 0


def test_deck_json_is_compact(ds):
    points = maps.place_points(ds.events, ds.places, lang="en")
    text = maps.build_deck(points, [], lang="en").to_json()
    assert "\n" not in text
    assert len(text.encode()) < 600_000  # the boundaries are ~245 KB of GeoJSON


def test_unknown_view_is_refused():
    with pytest.raises(ValueError, match="unknown map view"):
        maps.build_deck([], [], lang="en", view="moon")


def inside(bounds, lon, lat) -> bool:
    west, south, east, north = bounds
    return west < lon < east and south < lat < north


@pytest.mark.parametrize("width", WIDTHS)
def test_border_view_frames_sinaloa_and_the_whole_border(width):
    deck = deck_json([], view="border")
    view = deck["initialViewState"]
    assert view == maps.VIEWS["border"]
    bounds = maps.visible_bounds(view, width, HEIGHT)
    (west_lon, west_lat), (east_lon, east_lat) = border_line()[0], border_line()[-1]
    for lon, lat in [
        (-107.4, 24.8),  # Culiacán, Sinaloa's capital
        (-108.0, 25.6),  # Sinaloa's label point
        (west_lon, west_lat),  # the border at the Pacific
        (east_lon, east_lat),  # the border at the Gulf
        (-99.13, 19.43),  # Mexico City, where the Mexico point stands
    ]:
        assert inside(bounds, lon, lat), (lon, lat, bounds)


@pytest.mark.parametrize("width", WIDTHS)
def test_wide_view_shows_washington_and_caracas(ds, width):
    view = deck_json([], view="wide")["initialViewState"]
    assert view == maps.VIEWS["wide"]
    bounds = maps.visible_bounds(view, width, HEIGHT)
    for place_id in ("united_states", "venezuela", "mexico", "california", "sinaloa"):
        p = ds.places_by_id[place_id]
        assert inside(bounds, p.lon, p.lat), (place_id, bounds)
    assert not inside(maps.visible_bounds(maps.VIEWS["border"], width, HEIGHT), -77.04, 38.9)


def test_visible_bounds_match_web_mercator():
    # At zoom 0 the 512-px world spans 360° of longitude and ±85.05° of latitude.
    west, south, east, north = maps.visible_bounds(
        {"longitude": 0, "latitude": 0, "zoom": 0}, 512, 512
    )
    assert (west, east) == (-180, 180)
    assert north == pytest.approx(85.0511, abs=1e-3)
    assert south == pytest.approx(-85.0511, abs=1e-3)


@pytest.mark.parametrize(
    ("lang", "sinaloa", "mexico"),
    [("zh-Hant", "錫那羅亞州", "墨西哥"), ("en", "Sinaloa", "Mexico")],
)
def test_labels_in_the_chosen_language(ds, lang, sinaloa, mexico):
    points = maps.place_points(ds.events, ds.places, lang=lang)
    deck = deck_json(points, lang=lang)
    area = layer(deck, "sinaloa-label")
    assert [row["text"] for row in area["data"]] == [sinaloa]
    assert mexico in [row["text"] for row in layer(deck, "place-labels")["data"]]
    tooltips = [f["properties"]["tooltip"] for f in layer(deck, "sinaloa")["data"]["features"]]
    assert tooltips == [sinaloa]
    for label_layer in (area, layer(deck, "place-labels")):
        # CJK needs glyphs built from the data and a font that has them.
        assert label_layer["characterSet"] == "auto"
        assert "Noto Sans CJK TC" in label_layer["fontFamily"]


def test_sinaloa_label_makes_room_for_its_point(ds):
    points = maps.place_points(ds.events, ds.places, lang="en")
    deck = deck_json(points)
    [label] = layer(deck, "sinaloa-label")["data"]
    assert label["anchor"] == "end"
    assert label["offset"][0] < -next(p for p in points if p["id"] == "sinaloa")["radius"]
    # The state's point is not labelled a second time.
    assert "Sinaloa" not in [row["text"] for row in layer(deck, "place-labels")["data"]]
    # Without events in Sinaloa the label sits centred on the state.
    [alone] = layer(deck_json([]), "sinaloa-label")["data"]
    assert (alone["anchor"], alone["offset"]) == ("middle", [0, 0])


def label_boxes(labels, zoom, size):
    boxes = []
    for lb in labels:
        x, y = maps._pixel(lb["lon"], lb["lat"], zoom)
        x += lb["offset"][0]
        width = maps._text_px(lb["text"], size)
        left = {"start": x, "end": x - width}.get(lb["anchor"], x - width / 2)
        boxes.append((left, y - size / 2, left + width, y + size / 2))
    return boxes


def test_label_layers_take_offset_and_anchor_from_each_label(ds):
    deck = deck_json(maps.place_points(ds.events, ds.places, lang="en"), view="wide")
    for layer_id in ("sinaloa-label", "place-labels"):
        assert layer(deck, layer_id)["getTextAnchor"] == "@@=anchor"
        assert layer(deck, layer_id)["getPixelOffset"] == "@@=offset"
    anchors = {row["text"]: row["anchor"] for row in layer(deck, "place-labels")["data"]}
    assert anchors["Mexican seaports"] == "end"  # the Mexico point takes its right side


@pytest.mark.parametrize("view", list(maps.VIEWS))
def test_labels_do_not_overlap(ds, view):
    points = maps.place_points(ds.events, ds.places, lang="en")
    deck = deck_json(points, view=view)
    zoom = maps.VIEWS[view]["zoom"]
    boxes = label_boxes(layer(deck, "place-labels")["data"], zoom, maps.PLACE_LABEL_PX)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not maps._overlaps(a, b)


def test_declutter_keeps_the_busier_place_and_moves_the_other(ds):
    def label(text, lon, priority):
        return {
            "text": text,
            "lon": lon,
            "lat": 20.0,
            "kind": "place",
            "size": 13,
            "priority": priority,
            "places": [([10, 0], "start"), ([-10, 0], "end")],
        }

    busy, quiet = label("Busy place", -100.0, 9), label("Quiet place", -99.9, 1)
    kept = maps.declutter([quiet, busy], [], zoom=4)
    assert [lb["text"] for lb in kept] == ["Busy place", "Quiet place"]
    assert [lb["anchor"] for lb in kept] == ["start", "end"]  # the quiet one went left
    third = label("Third", -99.95, 0)  # no room on either side
    assert [lb["text"] for lb in maps.declutter([quiet, busy, third], [], zoom=4)] == [
        "Busy place",
        "Quiet place",
    ]


# --- scale ------------------------------------------------------------------------------------


def synthetic_points(n: int) -> list[dict]:
    """n places on a 0.1° grid over Mexico, each with a few events."""
    side = int(n**0.5) + 1
    return [
        {
            "id": f"p{i}",
            "lon": -115 + (i % side) * 0.1,
            "lat": 15 + (i // side) * 0.1,
            "count": 1 + i % 5,
            "radius": 8.0,
            "name": f"Place {i}",
            "iso_3166": "",
            "precision": "exact",
            "color": maps.PRECISION_COLORS["exact"],
            "line_color": maps.PRECISION_LINE_COLORS["exact"],
            "tooltip": f"Place {i}",
        }
        for i in range(n)
    ]


def test_few_points_are_not_aggregated():
    points = synthetic_points(maps.MAX_POINTS)
    assert maps.aggregation_cell(points) == 0
    assert maps.aggregate_points(points, lang="en") == points


def test_many_points_are_binned_below_the_threshold():
    points = synthetic_points(maps.MAX_POINTS + 2_000)
    cell = maps.aggregation_cell(points)
    assert cell >= maps.FIRST_CELL_DEG
    binned = maps.aggregate_points(points, lang="en")
    assert len(binned) <= maps.MAX_POINTS
    assert sum(b["count"] for b in binned) == sum(p["count"] for p in points)
    assert sum(b["places"] for b in binned) == len(points)
    assert {b["precision"] for b in binned} == {"aggregate"}
    assert all(b["cell_deg"] == cell for b in binned)
    biggest = max(binned, key=lambda b: b["count"])
    assert biggest["tooltip"].startswith(
        t(
            "map.tooltip.cell",
            "en",
            places=count("places", biggest["places"], "en"),
            events=count("events", biggest["count"], "en"),
        )
    )
    deck = deck_json(points)
    assert len(layer(deck, "points")["data"]) == len(binned)
    assert layer(deck, "place-labels")["data"] == []  # no names for binned cells


def test_a_benchmark_sized_dataset_stays_usable():
    # 100,000 events at 20,000 places, given as frames like usmx.tables builds them.
    n_places, n_events = 20_000, 100_000
    places = pd.DataFrame(
        {
            "id": [f"p{i}" for i in range(n_places)],
            "name_en": [f"Place {i}" for i in range(n_places)],
            "name_zh": [f"地點{i}" for i in range(n_places)],
            "kind": "city",
            "lat": [14.5 + (i // 200) * 0.18 for i in range(n_places)],
            "lon": [-117 + (i % 200) * 0.15 for i in range(n_places)],
            "precision": "exact",
            "point_basis": "",
            "iso_3166": "",
        }
    )
    day = pd.Timestamp("2026-01-03")
    events = pd.DataFrame(
        {
            "id": [f"e{i}" for i in range(n_events)],
            "title_en": [f"Event {i}" for i in range(n_events)],
            "title_zh": [f"事件{i}" for i in range(n_events)],
            "date": "2026-01-03",
            "start": day,
            "end": day,
            "place_ids": [(f"p{(i * 7) % n_places}",) for i in range(n_events)],
        }
    )
    started = time.perf_counter()
    points = maps.place_points(events, places, lang="zh-Hant")
    text = maps.build_deck(points, [], lang="zh-Hant").to_json()
    elapsed = time.perf_counter() - started
    assert len(points) == n_places
    assert sum(p["count"] for p in points) == n_events
    deck = json.loads(text)
    assert len(layer(deck, "points")["data"]) <= maps.MAX_POINTS
    assert len(text.encode()) < 5_000_000
    assert elapsed < 20, f"{elapsed:.1f} s"


# --- page helpers -----------------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
def test_places_frame_sorted_with_translated_headers(ds, lang):
    points = maps.place_points(ds.events, ds.places, lang=lang)
    frame = maps.places_frame(points, lang=lang)
    events_col = t("map.col.events", lang)
    assert list(frame.columns)[:2] == [t("map.col.place", lang), events_col]
    assert len(frame) == len(points)
    assert list(frame[events_col]) == sorted((p["count"] for p in points), reverse=True)
    assert frame.iloc[0][t("map.col.place", lang)] == ("墨西哥" if lang == "zh-Hant" else "Mexico")


def test_places_frame_of_nothing_is_empty_with_headers():
    frame = maps.places_frame([], lang="en")
    assert frame.empty
    assert t("map.col.place", "en") in frame.columns


def test_places_csv_has_the_filtered_places_and_counts(ds):
    events = Filters(actors=("sheinbaum",)).events(ds)
    data = maps.places_csv_bytes(ds, events)
    assert data.startswith(b"\xef\xbb\xbf")  # BOM, for Excel
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert {r["id"]: int(r["event_count"]) for r in rows} == expected_counts(ds, events)
    assert rows[0]["name_zh"]  # Chinese survives


def test_places_geojson_has_places_and_filtered_events(ds):
    events = Filters(actors=("trump",)).events(ds)
    data = json.loads(maps.places_geojson_bytes(ds, events))
    kinds = [f["properties"]["feature_type"] for f in data["features"]]
    assert kinds.count("place") == len(ds.places)
    assert kinds.count("event") == sum(len(set(e.place_ids)) for e in events)
    counts = {
        f["properties"]["id"]: f["properties"]["event_count"]
        for f in data["features"]
        if f["properties"]["feature_type"] == "place"
    }
    assert {k: v for k, v in counts.items() if v} == expected_counts(ds, events)


@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
def test_alt_text_describes_the_map(ds, lang):
    points = maps.place_points(ds.events, ds.places, lang=lang)
    arcs = maps.cross_border_arcs(ds.events, ds, lang=lang)
    text = maps.alt_text(points, arcs, lang)
    assert str(len(points)) in text
    assert str(len(arcs)) in text
    assert ("墨西哥" if lang == "zh-Hant" else "Mexico") in text


@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
def test_legend_explains_every_mark(lang):
    legend = maps.legend_html(lang)
    for key in (
        "map.precision.exact",
        "map.precision.region",
        "map.precision.country",
        "map.legend.size",
        "map.legend.arc",
        "map.legend.border",
        "map.legend.sinaloa",
    ):
        assert html.escape(t(key, lang)) in legend
    assert "<script" not in legend
