"""AppTest of the Map page: the deck it sends, its own controls, and the shared filter.

Entered through harness/apptest_entry.py (see its docstring) so dashboard.py's router and
sidebar run as on the real server.
"""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import run_app
from usmx import maps
from usmx.i18n import t


def map_page(**query: str | list[str]) -> AppTest:
    return run_app("pages/map.py", **query)


def deck(at: AppTest) -> dict:
    [chart] = at.get("deck_gl_json_chart")
    return json.loads(chart.proto.json)


def layer(spec: dict, layer_id: str) -> dict:
    return next(lyr for lyr in spec["layers"] if lyr["id"] == layer_id)


@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
def test_map_page_draws_the_offline_deck(lang):
    at = map_page(lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == t("page.map", lang)
    spec = deck(at)
    assert [lyr["id"] for lyr in spec["layers"]][:4] == ["countries", "states", "sinaloa", "border"]
    assert spec["mapStyle"] == "__MAP_STYLE__"
    assert spec["initialViewState"] == maps.VIEWS["border"]
    [chart] = at.get("deck_gl_json_chart")
    assert json.loads(chart.proto.tooltip)["text"] == "{tooltip}"
    sinaloa_name = "錫那羅亞州" if lang == "zh-Hant" else "Sinaloa"
    assert [r["text"] for r in layer(spec, "sinaloa-label")["data"]] == [sinaloa_name]
    # The places table lists one row per point.
    [table] = at.dataframe
    assert len(table.value) == len(layer(spec, "points")["data"])


def test_actor_filter_reduces_points():
    at = map_page(lang="en")
    everything = layer(deck(at), "points")["data"]
    at.sidebar.multiselect(key="actor").set_value(["sheinbaum"]).run()
    assert not at.exception
    fewer = layer(deck(at), "points")["data"]
    assert 0 < len(fewer) < len(everything)
    assert len(at.dataframe[0].value) == len(fewer)
    assert "Claudia Sheinbaum" in at.caption[0].value


def test_view_switch_and_basemap_toggle():
    at = map_page(lang="en")
    at.button_group(key="map_view").set_value("wide").run()
    assert deck(at)["initialViewState"] == maps.VIEWS["wide"]
    assert "mapProvider" not in deck(at)
    at.toggle(key="map_basemap").set_value(True).run()
    spec = deck(at)
    assert spec["mapProvider"] == "carto"
    assert spec["initialViewState"] == maps.VIEWS["wide"]


def test_downloads_are_offered():
    at = map_page(lang="en")
    keys = {b.key for b in at.get("download_button")}
    assert {"map_download_geojson", "map_download_csv"} <= keys
