"""AppTest: every page runs in both languages; the shared filter drives every page; URL I/O.

Streamlit's AppTest runs the real scripts in-process (no browser). Elements are found by
widget key. Page scripts in `pages/` run with the shared sidebar (see usmx.ui.context).
"""

from __future__ import annotations

import base64
import json
import re
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import page_from_entry, run_app
from usmx.dataset import load_dataset
from usmx.filters import Filters
from usmx.ui.navigation import PAGES

ROOT = Path(__file__).resolve().parent.parent
PAGE_SCRIPTS = [p.script for p in PAGES]
N_EVENTS = len(load_dataset().events)


def app(**query: str | list[str]) -> AppTest:
    return run_app(**query)


def on_page(script: str, **query) -> AppTest:
    return run_app(script, **query)


def captions(at: AppTest) -> list[str]:
    return [c.value for c in at.caption]


FILTER_CAPTION = re.compile(r"\d+ of \d+ events|\d+ / \d+ 個事件")


def filter_caption(at: AppTest) -> str:
    """The caption that states what the filter shows ("7 of 40 events involving ...")."""
    return next(c for c in captions(at) if FILTER_CAPTION.search(c))


def warnings(at: AppTest) -> list[str]:
    # As displayed: URL values are shown as code spans, whose backticks do not show.
    return [w.value.replace("`", "") for w in at.warning]


def figures(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def decks(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.json) for el in at.get("deck_gl_json_chart")]


@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
@pytest.mark.parametrize("script", [None, *PAGE_SCRIPTS])
def test_every_page_runs(script, lang):
    at = app(lang=lang) if script is None else on_page(script, lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    assert at.title, "every page has a title"
    # The sidebar filter is there on every page.
    assert at.sidebar.multiselect(key="actor") is not None


@pytest.mark.parametrize("script", [None, *PAGE_SCRIPTS])
def test_every_page_with_an_actor_filter(script):
    query = {"lang": "en", "actor": ["sheinbaum"]}
    at = app(**query) if script is None else on_page(script, **query)
    assert not at.exception
    assert at.sidebar.multiselect(key="actor").value == ["sheinbaum"]


def test_filter_round_trips_through_the_url():
    at = app(lang="en")
    at.sidebar.multiselect(key="actor").set_value(["trump", "maduro"]).run()
    at.sidebar.multiselect(key="status").set_value(["occurred"]).run()
    assert at.query_params["actor"] == ["trump", "maduro"]
    assert at.query_params["status"] == "occurred"
    assert at.query_params["lang"] == "en"
    # A new session opened at that address shows the same filter.
    again = app(**{k: v for k, v in at.query_params.items()})
    assert again.sidebar.multiselect(key="actor").value == ["trump", "maduro"]
    assert again.sidebar.multiselect(key="status").value == ["occurred"]
    assert filter_caption(again) == filter_caption(at)


def test_filter_survives_page_switch():
    at = app(lang="en")
    at.sidebar.multiselect(key="actor").set_value(["garcia_harfuch"]).run()
    for script in PAGE_SCRIPTS:
        at.switch_page(page_from_entry(script)).run()
        assert not at.exception
        assert at.sidebar.multiselect(key="actor").value == ["garcia_harfuch"]
        assert at.query_params["actor"] == "garcia_harfuch"


@pytest.mark.parametrize(
    ("query", "fragment"),
    [
        ({"actor": ["nobody"]}, "actor=nobody"),
        ({"dates": ["2026-02-30"]}, "2026-02-30"),
        ({"dates": ["2026-01-31", "2026-01-01"]}, "ends before it starts"),
        ({"type": ["<b>x</b>"]}, "type=<b>x</b>"),
        ({"lang": "klingon"}, "lang=klingon"),
    ],
)
def test_bad_url_parameter_gives_a_notice(query, fragment):
    at = app(**{"lang": "en", **query})
    assert not at.exception
    assert any(fragment in w for w in warnings(at)), warnings(at)


def test_notice_goes_once_the_filter_changes():
    at = app(lang="en", actor=["nobody"])
    assert warnings(at)
    at.sidebar.multiselect(key="actor").set_value(["trump"]).run()
    assert not warnings(at)


def test_clear_button_resets_the_filter():
    at = app(lang="en", actor=["trump"], type=["diplomacy"])
    at.sidebar.button(key="clear_filter").click().run()
    assert at.sidebar.multiselect(key="actor").value == []
    assert at.sidebar.multiselect(key="type").value == []
    assert "actor" not in at.query_params
    assert f"{N_EVENTS} of {N_EVENTS} events" in filter_caption(at)


def test_language_switch_changes_labels():
    at = app()
    assert "個事件" in filter_caption(at)
    at.sidebar.button_group(key="lang").set_value("en").run()
    assert f"of {N_EVENTS} events" in filter_caption(at)
    assert at.query_params["lang"] == "en"


def test_broken_dataset_shows_the_problem_not_a_traceback(tmp_path, monkeypatch):
    shutil.copytree(ROOT / "data" / "source", tmp_path / "source")
    text = (ROOT / "data" / "dataset.yaml").read_text(encoding="utf-8")
    broken = text.replace("name_en: Donald Trump", "name_en: [Donald Trump", 1)
    (tmp_path / "dataset.yaml").write_text(broken, encoding="utf-8")
    monkeypatch.setenv("USMX_DATASET", str(tmp_path / "dataset.yaml"))
    at = app(lang="en")
    assert not at.exception
    assert any("could not be loaded" in e.value for e in at.error)
    assert any("dataset.yaml" in c.value and "YAML syntax error" in c.value for c in at.code)


def _timeline_event_ids(at: AppTest) -> set[str]:
    """Event ids in the page's first chart, the timeline (each point carries its id first)."""
    timeline = figures(at)[0]
    return {
        item[0] if isinstance(item, list) else item
        for trace in timeline["data"]
        for item in trace.get("customdata") or []
    }


def test_actor_filter_changes_the_timeline():
    everything = _timeline_event_ids(on_page("pages/timeline.py", lang="en"))
    sheinbaum = _timeline_event_ids(on_page("pages/timeline.py", lang="en", actor=["sheinbaum"]))
    assert "us_strike_on_venezuela" in everything
    assert "sheinbaum_trump_call" in sheinbaum
    assert "us_strike_on_venezuela" not in sheinbaum
    assert sheinbaum < everything


def _map_points(at: AppTest) -> int:
    [deck] = decks(at)
    layers = {layer["id"]: layer for layer in deck["layers"]}
    points = [layer for layer_id, layer in layers.items() if "point" in layer_id]
    assert points, list(layers)
    # Rows with a radius: the layer keeps an empty row for every place without events.
    return sum(1 for layer in points for row in layer["data"] if row.get("radius", 1) > 0)


def test_actor_filter_changes_the_map():
    everything = _map_points(on_page("pages/map.py", lang="en"))
    maduro = _map_points(on_page("pages/map.py", lang="en", actor=["maduro"]))
    assert 0 < maduro < everything


def _quote_cards(at: AppTest) -> list[str]:
    return re.findall(r'id="quote-([a-z0-9_]+)"', "".join(el.proto.body for el in at.get("html")))


def test_actor_filter_changes_the_quote_list():
    everything = _quote_cards(on_page("pages/quotes.py", lang="en"))
    harfuch = _quote_cards(on_page("pages/quotes.py", lang="en", actor=["garcia_harfuch"]))
    assert len(everything) == len(load_dataset().quotes)
    assert sorted(harfuch) == ["q_harfuch_not_solved", "q_harfuch_what_use"]


def test_event_link_opens_its_card():
    at = on_page("pages/timeline.py", lang="en", event="sheinbaum_trump_call")
    assert at.selectbox(key="timeline_event").value == "sheinbaum_trump_call"
    at = on_page("pages/timeline.py", lang="en", event="no_such_event")
    assert not at.exception
    assert at.selectbox(key="timeline_event").value is None


def _overview_svg(at: AppTest) -> str:
    """The monthly chart's SVG, decoded from its <img> data URI."""
    bodies = "".join(el.proto.body for el in at.get("html"))
    [data] = re.findall(
        r'<img class="usmx-months" src="data:image/svg\+xml;base64,([^"]+)"', bodies
    )
    return base64.b64decode(data).decode()


def test_overview_is_light_and_follows_the_filter():
    everything = app(lang="en")
    trump = app(lang="en", actor=["trump"])
    # The monthly chart is inline SVG and the actor table plain HTML: no plotly, no grid.
    assert figures(everything) == []
    assert everything.get("arrow_data_frame") == []
    svg_all, svg_trump = _overview_svg(everything), _overview_svg(trump)
    assert svg_all.count("<rect") > svg_trump.count("<rect") > 0
    headline = re.findall(r"<dd>([\d,]+)</dd>", "".join(el.proto.body for el in trump.get("html")))
    ds = load_dataset()
    assert headline[0] == str(len(Filters(actors=("trump",)).events(ds)))
    html = "".join(el.proto.body for el in trump.get("html"))
    assert "./actors?" in html
    assert "profile=trump" in html
    assert "actor=trump" in html
    assert [b.proto.label for b in trump.get("download_button")][:3] == ["PNG", "SVG", "HTML"]
