"""usmx.maps deck, labels and boundaries: the offline deck the Map page and a story step draw."""

from __future__ import annotations

import json

import pytest

from usmx import maps
from usmx.filters import Filters
from usmx.geo import border_line
from usmx.maps import boundaries, labels, style
from usmx.maps.selection import Pick

LAND = ["countries", "states", "country-lines", "state-lines"]
LAYER_IDS = [*LAND, "sinaloa", "border", "arcs", "points", "sinaloa-label", "place-labels"]
CLICKABLE = {"sinaloa", "border", "arcs", "points"}
# Chart widths on the Map page: ~940 px at a 1400 px window with the sidebar open, 1200 px and
# more on a wide screen; the deck is 620 px high.
WIDTHS = (940, 1200)
HEIGHT = 620


def deck_json(points=(), arcs=(), **kwargs) -> dict:
    kwargs.setdefault("lang", "en")
    return json.loads(maps.build_deck(list(points), list(arcs), **kwargs).to_json())


def layer(deck: dict, layer_id: str) -> dict:
    return next(lyr for lyr in deck["layers"] if lyr["id"] == layer_id)


def everything(ds, lang="en"):
    return (
        maps.place_points(ds.events, ds.places, lang=lang),
        maps.cross_border_arcs(ds.events, ds, lang=lang),
    )


# --- layers -----------------------------------------------------------------------------------


def test_deck_has_the_expected_layers(ds):
    points, arcs = everything(ds)
    deck = deck_json(points, arcs)
    assert [lyr["id"] for lyr in deck["layers"]] == LAYER_IDS
    types = {lyr["id"]: lyr["@@type"] for lyr in deck["layers"]}
    assert types["points"] == "ScatterplotLayer"
    assert types["arcs"] == "ArcLayer"
    assert types["state-lines"] == "LineLayer"
    assert types["sinaloa-label"] == "TextLayer"
    assert len(layer(deck, "points")["data"]) == len(points)
    assert len(layer(deck, "arcs")["data"]) == len(arcs)
    sinaloa = layer(deck, "sinaloa")["data"]["features"]
    assert [f["properties"]["iso_3166_2"] for f in sinaloa] == ["MX-SIN"]
    assert layer(deck, "sinaloa")["getFillColor"] == style.SINALOA_FILL
    assert layer(deck, "border")["getLineColor"] == style.BORDER_COLOR
    assert layer(deck, "border")["lineWidthMinPixels"] > layer(deck, "state-lines")["getWidth"]


@pytest.mark.parametrize("layer_id", LAYER_IDS)
def test_only_places_and_arcs_answer_clicks(ds, layer_id):
    lyr = layer(deck_json(*everything(ds)), layer_id)
    assert lyr.get("pickable", False) is (layer_id in CLICKABLE)


@pytest.mark.parametrize("key", list(boundaries.STATIC_FILES))
def test_boundaries_are_named_by_url_not_sent(ds, key):
    layer_id = key.replace("_", "-")
    url = layer(deck_json(*everything(ds)), layer_id)["data"]
    assert url == f"app/static/geo/{boundaries.STATIC_FILES[key]}"
    assert not url.startswith(("/", "http"))  # relative: the app's own host and base path
    inline = layer(deck_json(*everything(ds), inline=True), layer_id)["data"]
    assert inline == boundaries.static_data(key)


def test_a_filter_change_sends_a_small_deck(ds):
    sheinbaum = Filters(actors=("sheinbaum",)).events(ds)
    points = maps.place_points(sheinbaum, ds.places, lang="en")
    arcs = maps.cross_border_arcs(sheinbaum, ds, lang="en")
    text = maps.build_deck(points, arcs, lang="en").to_json()
    inline = maps.build_deck(points, arcs, lang="en", inline=True).to_json()
    assert "\n" not in text
    assert len(text.encode()) < 40_000  # was ~250 KB with the boundaries inside
    assert len(inline.encode()) > 5 * len(text.encode())


def test_deck_props_are_literals_not_accessors(ds):
    # pydeck turns bare strings into "@@=" accessor expressions; units and fonts must not be.
    deck = deck_json(*everything(ds))
    for lyr in deck["layers"]:
        for key in ("radiusUnits", "widthUnits", "sizeUnits", "lineWidthUnits", "characterSet"):
            if key in lyr:
                assert not lyr[key].startswith("@@="), (lyr["id"], key)
    assert layer(deck, "points")["radiusUnits"] == "pixels"
    assert layer(deck, "place-labels")["characterSet"] == "auto"
    assert layer(deck, "points")["getLineWidth"] == "@@=line_width"  # per point: its precision


def test_no_basemap_and_no_token_by_default(ds, monkeypatch):
    for var in ("CARTO_API_KEY", "MAPBOX_API_KEY", "MapboxAccessToken", "GOOGLE_MAPS_API_KEY"):
        monkeypatch.setenv(var, "secret-token-123")
    text = maps.build_deck(*everything(ds), lang="en").to_json()
    data = json.loads(text)
    # pydeck's sentinel: Streamlit removes it and draws no basemap. (map_style=None would make
    # Streamlit fall back to CARTO's style, fetched from the internet.)
    assert data["mapStyle"] == "__MAP_STYLE__"
    assert "mapProvider" not in data
    assert "secret-token-123" not in text
    assert not any(k.lower().endswith("key") for k in data)
    assert "cartocdn" not in text
    assert "mapbox" not in text.lower()


def test_basemap_switch_uses_keyless_carto(monkeypatch):
    monkeypatch.setenv("CARTO_API_KEY", "secret-token-123")
    deck = maps.build_deck([], [], lang="en", basemap=True)
    data = json.loads(deck.to_json())
    assert data["mapProvider"] == "carto"
    assert "positron" in data["mapStyle"]
    assert "secret-token-123" not in deck.to_json()
    # Over a basemap only the outlines are drawn, not the land.
    assert [lyr["id"] for lyr in data["layers"]][:2] == ["country-lines", "state-lines"]


def test_unknown_view_is_refused():
    with pytest.raises(ValueError, match="unknown map view"):
        maps.build_deck([], [], lang="en", view="moon")


# --- stable rows for clicks -------------------------------------------------------------------


@pytest.mark.parametrize("actors", [(), ("sheinbaum",), ("maduro",), ("nobody_at_all",)])
def test_slots_keep_each_place_and_arc_at_its_index(ds, actors):
    point_slots, arc_slots = maps.point_slots(ds.events, ds.places), maps.arc_slots(ds)
    events = Filters(actors=actors).events(ds)
    points = maps.place_points(events, ds.places, lang="en")
    arcs = maps.cross_border_arcs(events, ds, lang="en")
    deck = deck_json(points, arcs, point_slots=point_slots, arc_slots=arc_slots)
    rows = layer(deck, "points")["data"]
    assert [r["id"] for r in rows] == point_slots
    drawn = {r["id"] for r in rows if r["radius"] > 0}
    assert drawn == {p.id for p in points}
    assert all(r["fill"][3] == 0 and r["line_width"] == 0 for r in rows if r["id"] not in drawn)
    arc_rows = layer(deck, "arcs")["data"]
    assert [r["id"] for r in arc_rows] == arc_slots
    assert {r["id"] for r in arc_rows if r["width"] > 0} == {a.id for a in arcs}


def test_bigger_points_are_drawn_first_without_slots(ds):
    rows = layer(deck_json(*everything(ds)), "points")["data"]
    radii = [r["radius"] for r in rows]
    assert radii == sorted(radii, reverse=True)


@pytest.mark.parametrize(
    ("pick", "layer_id"),
    [(Pick("place", "sinaloa"), "pick-ring"), (Pick("arc", "US>venezuela"), "pick-arc")],
)
def test_a_pick_is_ringed(ds, pick, layer_id):
    deck = deck_json(*everything(ds), pick=pick)
    ids = [lyr["id"] for lyr in deck["layers"]]
    assert layer_id in ids
    marked = layer(deck, layer_id)
    assert not marked.get("pickable", False)
    assert len(marked["data"]) == 1
    # Under the clickable layer it marks, so it never takes the click.
    assert ids.index(layer_id) < ids.index("points" if pick.kind == "place" else "arcs")
    assert "pick-ring" not in [lyr["id"] for lyr in deck_json(*everything(ds))["layers"]]


def test_a_pick_without_events_under_the_filter_draws_no_ring(ds):
    deck = deck_json([], [], pick=Pick("place", "sinaloa"))
    assert "pick-ring" not in [lyr["id"] for lyr in deck["layers"]]


# --- views and labels -------------------------------------------------------------------------


def inside(bounds, lon, lat) -> bool:
    west, south, east, north = bounds
    return west < lon < east and south < lat < north


@pytest.mark.parametrize("width", WIDTHS)
def test_border_view_frames_sinaloa_and_the_whole_border(width):
    view = deck_json(view="border")["initialViewState"]
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
    view = deck_json(view="wide")["initialViewState"]
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
    deck = deck_json(*everything(ds, lang), lang=lang)
    area = layer(deck, "sinaloa-label")
    assert [row["text"] for row in area["data"]] == [sinaloa]
    assert mexico in [row["text"] for row in layer(deck, "place-labels")["data"]]
    tooltips = [f["properties"]["tooltip"] for f in layer(deck, "sinaloa")["data"]["features"]]
    assert tooltips == [sinaloa]
    for label_layer in (area, layer(deck, "place-labels")):
        # CJK needs glyphs built from the data and a font that has them.
        assert label_layer["characterSet"] == "auto"
        assert "Noto Sans CJK TC" in label_layer["fontFamily"]


@pytest.mark.parametrize(("lang", "length"), [("zh-Hant", "（2,640 km）"), ("en", " (2,640 km)")])
def test_border_tooltip_gives_its_length(lang, length):
    [feature] = boundaries.border(lang)["features"]
    assert feature["properties"]["tooltip"].endswith(length)


def test_sinaloa_label_makes_room_for_its_point(ds):
    points, _ = everything(ds)
    [label] = layer(deck_json(points), "sinaloa-label")["data"]
    assert label["anchor"] == "end"
    assert label["offset"][0] < -next(p for p in points if p.id == "sinaloa").radius
    # The state's point is not labelled a second time.
    assert "Sinaloa" not in [
        row["text"] for row in layer(deck_json(points), "place-labels")["data"]
    ]
    # Without events in Sinaloa the label sits centred on the state.
    [alone] = layer(deck_json([]), "sinaloa-label")["data"]
    assert (alone["anchor"], alone["offset"]) == ("middle", [0, 0])


def placed_boxes(rows, zoom, size):
    return [
        labels.label_box(
            labels.Label(r["text"], r["lon"], r["lat"], "place", size, 0, ()),
            r["offset"],
            r["anchor"],
            zoom,
        )
        for r in rows
    ]


@pytest.mark.parametrize("view", list(maps.VIEWS))
@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
def test_labels_overlap_neither_each_other_nor_other_points(ds, view, lang):
    points, _ = everything(ds, lang)
    zoom = maps.VIEWS[view]["zoom"]
    rows = layer(deck_json(points, view=view, lang=lang), "place-labels")["data"]
    boxes = placed_boxes(rows, zoom, style.PLACE_LABEL_PX)
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not labels.overlaps(a, b)
    for row, box in zip(rows, boxes, strict=True):
        for p in points:
            if (p.lon, p.lat) == (row["lon"], row["lat"]):
                continue
            x, y = labels.pixel(p.lon, p.lat, zoom)
            circle = (x - p.radius, y - p.radius, x + p.radius, y + p.radius)
            assert not labels.overlaps(box, circle), (row["text"], p.id)


def label(text, lon, priority):
    return labels.Label(
        text, lon, 20.0, "place", 13, priority, (((10, 0), "start"), ((-10, 0), "end"))
    )


@pytest.mark.parametrize(
    ("candidates", "kept", "anchors"),
    [
        ([label("Busy place", -100.0, 9)], ["Busy place"], ["start"]),
        (  # the quieter one moves to the left of its point
            [label("Quiet place", -99.9, 1), label("Busy place", -100.0, 9)],
            ["Busy place", "Quiet place"],
            ["start", "end"],
        ),
        (  # no room on either side: dropped
            [label("Quiet place", -99.9, 1), label("Busy place", -100.0, 9), label("T", -99.95, 0)],
            ["Busy place", "Quiet place"],
            ["start", "end"],
        ),
        (  # far apart: both keep their first spot
            [label("West", -110.0, 1), label("East", -90.0, 1)],
            ["East", "West"],
            ["start", "start"],
        ),
    ],
)
def test_declutter(candidates, kept, anchors):
    placed = labels.declutter(candidates, [], zoom=4)
    assert [lb.text for lb in placed] == kept
    assert [lb.anchor for lb in placed] == anchors


@pytest.mark.parametrize(
    ("text", "size", "width"), [("Texas", 10, 30), ("德州", 10, 20), ("A州", 13, 20.8)]
)
def test_text_width_counts_cjk_as_one_em(text, size, width):
    assert labels.text_px(text, size) == pytest.approx(width)


# --- the static boundary files ----------------------------------------------------------------


def test_static_boundaries_are_current(tmp_path):
    build = pytest.importorskip("scripts.build_map_layers")
    build.build(tmp_path)
    for name in boundaries.STATIC_FILES.values():
        assert (tmp_path / name).read_bytes() == (boundaries.STATIC_DIR / name).read_bytes(), name


def test_static_boundaries_stay_light():
    # In software WebGL each outline vertex costs on every frame: keep the budget visible.
    segments = sum(len(boundaries.static_data(k)) for k in ("country_lines", "state_lines"))
    assert 2_000 < segments < 6_000
    sizes = [(boundaries.STATIC_DIR / n).stat().st_size for n in boundaries.STATIC_FILES.values()]
    assert sum(sizes) < 400_000
    states = boundaries.static_data("states")["features"]
    assert {"MX-SIN", "US-TX", "MX-CHH"} <= {f["properties"]["iso"] for f in states}
    countries = {f["properties"]["iso"] for f in boundaries.static_data("countries")["features"]}
    assert "MX" not in countries  # its states cover it
    assert {"US", "VE"} <= countries


def test_a_missing_static_layer_names_the_file(monkeypatch, tmp_path):
    from usmx.geo import GeoDataError

    monkeypatch.setattr(boundaries, "STATIC_DIR", tmp_path)
    boundaries.static_data.cache_clear()
    try:
        with pytest.raises(GeoDataError, match=r"countries\.geojson.*build_map_layers"):
            boundaries.static_data("countries")
    finally:
        boundaries.static_data.cache_clear()


# --- one event's map (story mode) -------------------------------------------------------------


@pytest.mark.parametrize(
    ("event_id", "places"),
    [
        ("us_strike_on_venezuela", {"venezuela"}),
        ("sinaloa_crackdown", None),  # whatever places the dataset gives it
    ],
)
def test_event_deck_rings_the_events_places(ds, event_id, places):
    event = ds.events_by_id[event_id]
    places = places or set(event.place_ids)
    deck = json.loads(maps.event_deck(event, ds, lang="en").to_json())
    drawn = layer(deck, "points")["data"]
    assert {r["id"] for r in drawn} == places
    assert len(layer(deck, "story-ring")["data"]) == len(places)
    assert deck["mapStyle"] == "__MAP_STYLE__"
    assert not any(
        lyr.get("pickable") for lyr in deck["layers"] if lyr["id"] not in ("arcs", "points")
    )
    view = deck["initialViewState"]
    bounds = maps.visible_bounds(view, 480, 320)
    for pid in places:
        p = ds.places_by_id[pid]
        assert inside(bounds, p.lon, p.lat)


def test_event_deck_shows_a_cross_border_arc_and_both_ends(ds):
    event = ds.events_by_id["us_strike_on_venezuela"]
    deck = json.loads(maps.event_deck(event, ds, lang="zh-Hant", width=600, height=400).to_json())
    [arc] = layer(deck, "arcs")["data"]
    assert arc["id"] == "US>venezuela"
    bounds = maps.visible_bounds(deck["initialViewState"], 600, 400)
    us = ds.places_by_id["united_states"]
    assert inside(bounds, us.lon, us.lat)
    assert "委內瑞拉" in [r["text"] for r in layer(deck, "place-labels")["data"]]


@pytest.mark.parametrize(
    ("lonlats", "zoom_range"),
    [
        ([], (4.3, 4.3)),  # nothing: the border view
        ([(-108.0, 25.6)], (5.5, 5.5)),  # one place: as close as allowed
        ([(-77.0, 38.9), (-66.9, 10.5)], (2.0, 4.0)),
    ],
)
def test_fit_view(lonlats, zoom_range):
    view = maps.fit_view(lonlats, 480, 320)
    assert zoom_range[0] <= view["zoom"] <= zoom_range[1]
    bounds = maps.visible_bounds(view, 480, 320)
    for lon, lat in lonlats:
        assert inside(bounds, lon, lat)


@pytest.mark.parametrize(
    ("place_ids", "precision"),
    [(["sinaloa"], "region"), (["texas"], "region"), (["mexico"], "country")],
)
def test_event_deck_zooms_no_closer_than_its_vaguest_place(ds, place_ids, precision):
    from usmx.maps.event_map import STORY_MAX_ZOOM

    # A variant of a real event at one place, with no initiator (so no arc): a test variant,
    # not the article's data.
    event = ds.events_by_id["sinaloa_crackdown"].model_copy(
        update={"place_ids": place_ids, "actors": []}
    )
    assert {ds.places_by_id[p].precision.value for p in place_ids} == {precision}
    view = json.loads(maps.event_deck(event, ds, lang="en").to_json())["initialViewState"]
    assert view["zoom"] == STORY_MAX_ZOOM[precision]  # one place: as close as it allows
