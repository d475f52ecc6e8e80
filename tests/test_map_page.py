"""AppTest of the Map page: the deck it sends, its controls, a click and "filter by this place".

Entered through harness/apptest_entry.py (see its docstring) so dashboard.py's router and
sidebar run as on the real server.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from streamlit.proto.WidgetStates_pb2 import WidgetStates
from streamlit.testing.v1 import AppTest

from tests.apptest import run_app
from usmx import maps
from usmx.filters import Filters
from usmx.i18n import backed_by, t
from usmx.ui import map_view


def map_page(**query: str | list[str]) -> AppTest:
    return run_app("pages/map.py", **query)


def chart(at: AppTest):
    [element] = at.get("deck_gl_json_chart")
    return element


def deck(at: AppTest) -> dict:
    return json.loads(chart(at).proto.json)


def layer(spec: dict, layer_id: str) -> dict:
    return next(lyr for lyr in spec["layers"] if lyr["id"] == layer_id)


def drawn_points(at: AppTest) -> list[dict]:
    return [r for r in layer(deck(at), "points")["data"] if r["radius"] > 0]


def click(at: AppTest, layer_id: str, object_id: str | None = None) -> AppTest:
    """What the browser sends when the user clicks an object of the deck (None: empty map).

    AppTest has no API for pydeck selections, so the test sends the widget state the frontend
    would: {"selection": {"indices": {layer: [i]}, "objects": {layer: [row]}}}.
    """
    element = chart(at)
    if object_id is None:
        value = {"selection": {"indices": {}, "objects": {}}}
    else:
        rows = layer(deck(at), layer_id)["data"]
        index = next(i for i, r in enumerate(rows) if r.get("id") == object_id)
        value = {
            "selection": {"indices": {layer_id: [index]}, "objects": {layer_id: [rows[index]]}}
        }
    states = WidgetStates()
    states.CopyFrom(at._tree.get_widget_states())
    widget = states.widgets.add()
    widget.id = element.proto.id
    widget.string_value = json.dumps(value)
    return at._run(widget_state=states)


def panel_html(at: AppTest) -> str:
    bodies = (el.proto.body for el in at.get("html"))
    return "".join(b for b in bodies if b.startswith('<section class="usmx-map-pick"'))


def events_listed(at: AppTest) -> int:
    return panel_html(at).count("<li>")


@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
def test_map_page_draws_the_offline_deck(lang):
    at = map_page(lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == t("page.map", lang)
    spec = deck(at)
    assert [lyr["id"] for lyr in spec["layers"]][:4] == [
        "countries",
        "states",
        "country-lines",
        "state-lines",
    ]
    assert spec["mapStyle"] == "__MAP_STYLE__"
    assert spec["initialViewState"] == maps.VIEWS["border"]
    assert json.loads(chart(at).proto.tooltip)["text"] == "{tooltip}"
    sinaloa_name = "錫那羅亞州" if lang == "zh-Hant" else "Sinaloa"
    assert [r["text"] for r in layer(spec, "sinaloa-label")["data"]] == [sinaloa_name]
    # Clicks are on: the chart is a widget with one selection mode.
    assert list(chart(at).proto.selection_mode) == [0]
    # The places table lists one row per drawn point.
    table = next(el.proto.body for el in at.get("html") if "usmx-table" in el.proto.body)
    assert table.count("<tr>") == len(drawn_points(at)) + 1


def test_boundaries_are_served_once_when_static_serving_is_on():
    # .streamlit/config.toml turns static serving on: the deck names the files by URL.
    at = map_page(lang="en")
    assert layer(deck(at), "countries")["data"] == "app/static/geo/countries.geojson"
    assert len(chart(at).proto.json) < 40_000


def test_actor_filter_reduces_points():
    at = map_page(lang="en")
    everything = drawn_points(at)
    at.sidebar.multiselect(key="actor").set_value(["sheinbaum"]).run()
    assert not at.exception
    fewer = drawn_points(at)
    assert 0 < len(fewer) < len(everything)
    # Same rows in the same order: a selection's index keeps meaning the same place.
    assert len(layer(deck(at), "points")["data"]) == len(layer(deck(at), "points")["data"])
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


# --- clicks -------------------------------------------------------------------------------------


def test_nothing_picked_says_how_to_pick():
    at = map_page(lang="en")
    assert t("map.pick.hint", "en") in [c.value for c in at.caption]
    assert panel_html(at) == ""
    assert "pick" not in at.query_params


def test_a_click_on_a_place_lists_its_events_and_filters_by_it(ds):
    at = click(map_page(lang="en"), "points", "sinaloa")
    assert not at.exception, [e.value for e in at.exception]
    at_sinaloa = [e for e in ds.events if "sinaloa" in e.place_ids]
    panel = panel_html(at)
    assert "<h4>Sinaloa</h4>" in panel
    assert events_listed(at) == len(at_sinaloa)
    for event in at_sinaloa:
        assert f"event={event.id}" in panel  # a link to its card on the Timeline
    assert at.query_params["pick"] == "place:sinaloa"
    assert len(layer(deck(at), "pick-ring")["data"]) == 1
    # "Filter by Sinaloa" puts the place into the sidebar's filter.
    at.button(key="map_pick_filter").click().run()
    assert not at.exception
    assert at.sidebar.multiselect(key="place").value == ["sinaloa"]
    assert at.query_params["place"] == "sinaloa"
    expected = Filters(places=("sinaloa",)).events(ds)
    assert f"{len(expected)} of {len(ds.events)} events" in at.caption[0].value
    assert at.button(key="map_pick_filter").disabled  # already in the filter
    assert at.query_params["pick"] == "place:sinaloa"  # still picked


def test_a_click_on_an_arc_lists_the_cross_border_events(ds):
    at = click(map_page(lang="zh-Hant"), "arcs", "US>venezuela")
    assert not at.exception
    [arc] = [a for a in maps.cross_border_arcs(ds.events, ds) if a.id == "US>venezuela"]
    assert "美國 → 委內瑞拉" in panel_html(at)
    assert events_listed(at) == arc.count
    assert at.query_params["pick"] == "arc:US>venezuela"
    assert "pick-arc" in [lyr["id"] for lyr in deck(at)["layers"]]


def test_a_click_on_the_empty_map_closes_the_pick():
    at = click(map_page(lang="en"), "points", "mexico")
    assert events_listed(at) > 0
    at = click(at, "points", None)
    assert panel_html(at) == ""
    assert "pick" not in at.query_params


def test_close_drops_the_pick_and_the_charts_own_selection():
    at = click(map_page(lang="en"), "points", "mexico")
    key = chart(at).proto.id
    at.button(key="map_pick_close").click().run()
    assert panel_html(at) == ""
    assert "pick" not in at.query_params
    assert chart(at).proto.id != key  # a new chart: the browser forgets its selection


def test_a_link_reopens_the_pick(ds):
    at = map_page(lang="en", pick="place:texas")
    assert not at.exception
    assert "<h4>Texas</h4>" in panel_html(at)
    assert events_listed(at) == sum("texas" in e.place_ids for e in ds.events)
    assert len(layer(deck(at), "pick-ring")["data"]) == 1


def test_a_pick_keeps_its_place_across_a_filter_change(ds):
    at = click(map_page(lang="en"), "points", "venezuela")
    at.sidebar.multiselect(key="actor").set_value(["sheinbaum"]).run()
    assert not at.exception
    assert at.query_params["pick"] == "place:venezuela"
    assert t("map.pick.none", "en") in panel_html(at)  # none of her events are there


def test_a_bad_pick_in_the_url_is_reported_not_raised():
    at = map_page(lang="en", pick="place:atlantis")
    assert not at.exception
    assert any("atlantis" in w.value for w in at.sidebar.warning)
    assert panel_html(at) == ""


def test_the_chart_keeps_its_identity_across_reruns():
    # Same key, same element id: the browser keeps the chart and its pan and zoom.
    at = map_page(lang="en")
    first = chart(at).proto.id
    at.sidebar.multiselect(key="actor").set_value(["trump"]).run()
    assert chart(at).proto.id == first
    assert first.endswith(map_view.DECK_KEY)


def test_a_long_list_is_cut_with_a_count(ds, monkeypatch):
    monkeypatch.setattr(map_view, "MAX_LISTED", 3)
    total = sum("mexico" in e.place_ids for e in ds.events)
    assert total > 3
    at = map_page(lang="en", pick="place:mexico")
    assert events_listed(at) == 3
    assert t("map.tooltip.more", "en", n=total - 3) in panel_html(at)


EVENT_MAP_APP = """
import streamlit as st
from usmx.ui import context, map_view

ctx = context.current()
event = ctx.ds.events_by_id[st.query_params["e"]]
if not map_view.event_map(ctx, event, key="story_map", height=300):
    st.caption("no place")
"""


@pytest.mark.parametrize("event_id", ["us_strike_on_venezuela", "sinaloa_crackdown"])
def test_event_map_draws_one_events_places(ds, event_id):
    # What a story step calls: usmx.ui.map_view.event_map.
    at = AppTest.from_string(EVENT_MAP_APP, default_timeout=60)
    at.query_params["e"] = event_id
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    spec = deck(at)
    event = ds.events_by_id[event_id]
    assert {r["id"] for r in layer(spec, "points")["data"]} == set(event.place_ids)
    assert len(layer(spec, "story-ring")["data"]) == len(set(event.place_ids))
    assert spec["initialViewState"] != maps.VIEWS["border"]  # fitted to the event


# --- how many sources back each event (issue 11) ---------------------------------------------

CORPUS = Path(__file__).parent / "fixtures" / "corpus"


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the made-up three-source corpus (one event, 3 sources, 2 outlets), served."""
    shutil.copytree(CORPUS, tmp_path / "corpus")
    monkeypatch.setenv("USMX_DATASET", str(tmp_path / "corpus" / "dataset.yaml"))
    monkeypatch.setenv("USMX_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "corpus"


@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
def test_tooltip_and_pick_panel_count_sources(corpus: Path, lang: str):
    at = map_page(lang=lang, pick="place:culiacan")
    assert not at.exception, [e.value for e in at.exception]
    backing = backed_by(3, 2, lang)
    [point] = drawn_points(at)
    assert point["tooltip"].endswith(f" · {backing}")
    panel = panel_html(at)
    assert f'<span class="backing corroborated">{backing}</span>' in panel


def test_the_shipped_dataset_counts_one_source(ds):
    at = map_page(lang="en", pick="place:sinaloa")
    assert all(
        line.endswith(" · 1 source, 1 outlet")
        for p in drawn_points(at)
        for line in p["tooltip"].split("\n")
        if line.startswith("• ")
    )
    assert '<span class="backing">1 source, 1 outlet</span>' in panel_html(at)
