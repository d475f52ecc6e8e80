"""usmx.maps.acled: the user's ACLED layer on the map (hexagons from SQL, locations zoomed in),
and how the deck and the legend take it. On the made-up fixture (tests/fixtures/acled/)."""

from __future__ import annotations

import math
from pathlib import Path

import numpy as np
import pytest

from usmx import maps
from usmx.acled_query import KM_PER_DEG_LAT, KM_PER_DEG_LON, AcledFilter, AcledLayer
from usmx.i18n import count, t
from usmx.maps import acled as A
from usmx.maps import style as S
from usmx.model import Dataset

FIXTURE = Path(__file__).parent / "fixtures" / "acled" / "made_up_acled.csv"


def km(dlon: float, dlat: float) -> tuple[float, float]:
    return dlon * KM_PER_DEG_LON, dlat * KM_PER_DEG_LAT


@pytest.mark.parametrize("size_km", [10.0, 25.0, 50.0])
def test_hexagon_corners_are_regular_in_the_bins_projection(size_km: float):
    corners = A.corner_offsets(size_km)
    assert corners.shape == (6, 2)
    for dlon, dlat in corners:
        assert math.hypot(*km(dlon, dlat)) == pytest.approx(size_km)
    # Pointy top, as the bins (usmx.acled_query.hex_bins): a corner due north.
    assert any(abs(dlon) < 1e-12 and dlat > 0 for dlon, dlat in corners)


@pytest.mark.parametrize("size_km", [5.0, 25.0, 50.0])
def test_each_event_lies_in_the_hexagon_drawn_for_its_bin(acled_layer: AcledLayer, size_km: float):
    # The drawn hexagons (centre + corner_offsets) are the cells of the centres' lattice: an
    # event lies in the hexagon of the nearest centre. So each bin's count must be the number
    # of events whose nearest centre is that bin's, and all within `size_km` of it.
    bins = acled_layer.hex_bins(size_km=size_km)
    centres = np.column_stack(km(bins["longitude"].to_numpy(), bins["latitude"].to_numpy()))
    found = np.zeros(len(bins), dtype=int)
    for lon, lat in acled_layer.points()[["longitude", "latitude"]].itertuples(index=False):
        distances = np.hypot(*(centres - km(lon, lat)).T)
        nearest = int(distances.argmin())
        assert distances[nearest] <= size_km + 1e-9
        found[nearest] += 1
    assert found.tolist() == bins["events"].astype(int).tolist()


def test_shading_goes_from_light_to_dark():
    colors = A.shade(np.array([1, 4, 16, 64]), 64)
    alphas = [c[3] for c in colors]
    greys = [c[0] for c in colors]
    assert alphas == sorted(alphas)
    assert greys == sorted(greys, reverse=True)
    assert colors[-1] == S.ACLED_HEX_DARK
    assert colors[0] != S.ACLED_HEX_DARK


@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
def test_hex_rows(acled_layer: AcledLayer, lang: str):
    frame = acled_layer.hex_bins(size_km=25)
    rows = A.hex_rows(frame, 25.0, lang)
    assert len(rows) == len(frame)
    total = int(frame["events"].sum())
    assert total == acled_layer.count()
    first = rows[0]  # the busiest
    assert len(first["polygon"]) == 6
    assert len(first["fill"]) == 4
    assert first["tooltip"].startswith(t("map.acled.tooltip", lang))
    assert count("events", int(frame["events"].iloc[0]), lang) in first["tooltip"]
    assert t("map.acled.zoom_hint", lang) in first["tooltip"]
    assert A.hex_rows(frame.iloc[0:0], 25.0, lang) == []


@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
def test_point_rows(acled_layer: AcledLayer, lang: str):
    frame = acled_layer.locations()
    rows = A.point_rows(frame, lang)
    assert len(rows) == len(frame)
    busiest = rows[0]
    assert busiest["radius"] == pytest.approx(S.ACLED_POINT_PX + S.ACLED_POINT_GROW_PX)
    assert all(r["radius"] >= S.ACLED_POINT_PX for r in rows)
    assert frame["location"].iloc[0] in busiest["tooltip"]
    assert frame["newest_type"].iloc[0] in busiest["tooltip"]
    assert count("fatalities", int(frame["fatalities"].iloc[0]), lang) in busiest["tooltip"]


def test_a_click_on_a_hexagon_zooms_in_there():
    selection = {"objects": {A.HEX_LAYER: [{"lon": -107.4, "lat": 24.8, "tooltip": "x"}]}}
    zoom = A.Zoom.from_selection(selection)
    assert zoom == A.Zoom(-107.4, 24.8)
    west, south, east, north = zoom.bbox
    assert west < -107.4 < east
    assert south < 24.8 < north
    assert zoom.view() == {"latitude": 24.8, "longitude": -107.4, "zoom": A.ZOOM}


@pytest.mark.parametrize(
    "selection",
    [
        {},
        {"objects": {}},
        {"objects": {"points": [{"id": "sinaloa"}]}},
        {"objects": {A.HEX_LAYER: []}},
        {"objects": {A.HEX_LAYER: [{"lon": "west"}]}},
        {"objects": {A.HEX_LAYER: ["not an object"]}},
    ],
)
def test_other_clicks_do_not_zoom(selection):
    assert A.Zoom.from_selection(selection) is None


def test_the_deck_draws_the_layer_under_the_events(ds: Dataset, acled_layer: AcledLayer):
    rows = A.hex_rows(acled_layer.hex_bins(size_km=25), 25.0, "en")
    points = maps.place_points(ds.events, ds.places, lang="en")
    arcs = maps.cross_border_arcs(ds.events, ds, lang="en")
    deck = maps.build_deck(points, arcs, lang="en", under=[A.hex_layer(rows)])
    ids = [lyr.id for lyr in deck.layers]
    assert ids.index("sinaloa") < ids.index(A.HEX_LAYER) < ids.index("arcs") < ids.index("points")
    zoom = A.Zoom(-107.4, 24.8)
    zoomed = maps.build_deck(
        points, arcs, lang="en", under=[A.point_layer([])], view_state=zoom.view()
    )
    assert zoomed.initial_view_state.zoom == A.ZOOM
    assert zoomed.initial_view_state.latitude == 24.8


@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
def test_the_legend_names_the_layer_only_when_shown(lang: str):
    plain = maps.legend_html(lang)
    shown = maps.legend_html(lang, acled=True)
    for key in ("map.legend.acled_hex", "map.legend.acled_point"):
        assert t(key, lang) not in plain
        assert t(key, lang) in shown


def test_a_filter_changes_the_hexagons(acled_layer: AcledLayer):
    everything = A.hex_rows(acled_layer.hex_bins(size_km=25), 25.0, "en")
    sinaloa = AcledFilter(place_admin1=("sinaloa",))
    fewer = A.hex_rows(acled_layer.hex_bins(sinaloa, size_km=25), 25.0, "en")
    assert 0 < len(fewer) < len(everything)
