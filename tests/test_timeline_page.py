"""AppTest of the Timeline page: the detail window as view state (focus=START/END in the URL).

The page draws the overview strip first, then the labelled detail; the window comes from the
URL, else from the filter's default, and goes back into the URL when the reader picks one.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.apptest import run_app
from usmx.charts.style import INK
from usmx.charts.timeline_marks import CORROBORATED
from usmx.i18n import backed_by, t

D = dt.date
ARTICLE_DAYS = (D(2026, 1, 1), D(2026, 1, 16))
PAGE = "pages/timeline.py"


def charts(at: AppTest) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("plotly_chart")]


def detail(at: AppTest) -> dict:
    """The detail chart (the one titled like the registered timeline, after the strip)."""
    [overview, main, *_] = charts(at)
    assert overview["layout"]["dragmode"] == "select"
    return main


def labelled_ids(spec: dict) -> set[str]:
    return {i for tr in spec["data"] if tr.get("mode") == "text" for i in tr.get("ids", [])}


def focus_widget(at: AppTest):
    return at.date_input(key="timeline_focus")


def test_default_window_is_the_articles_days_and_stays_out_of_the_url():
    at = run_app(PAGE, lang="en")
    assert not at.exception
    assert tuple(focus_widget(at).value) == ARTICLE_DAYS
    assert "focus" not in at.query_params
    spec = detail(at)
    assert spec["layout"]["xaxis"]["range"][0].startswith("2026-01-01")
    assert "sheinbaum_trump_call" in labelled_ids(spec)
    assert "us_invasions_of_mexico" not in labelled_ids(spec)


def test_focus_in_the_url_opens_that_window_and_survives_reruns():
    at = run_app(PAGE, lang="en", focus="2021-01-01/2024-12-31")
    assert not at.exception
    assert tuple(focus_widget(at).value) == (D(2021, 1, 1), D(2024, 12, 31))
    spec = detail(at)
    assert "cia_drone_flights_over_mexico" in labelled_ids(spec)
    assert "sheinbaum_trump_call" not in labelled_ids(spec)
    at.selectbox(key="timeline_event").set_value("sheinbaum_takes_office").run()
    assert at.query_params["focus"] == "2021-01-01/2024-12-31"
    assert tuple(focus_widget(at).value) == (D(2021, 1, 1), D(2024, 12, 31))


def test_picking_a_window_writes_it_and_reset_removes_it():
    at = run_app(PAGE, lang="en")
    focus_widget(at).set_value((D(2025, 1, 1), D(2025, 12, 31))).run()
    assert at.query_params["focus"] == "2025-01-01/2025-12-31"
    assert "fentanyl_designated_wmd" in labelled_ids(detail(at))
    at.button(key="timeline_focus_reset").click().run()
    assert "focus" not in at.query_params
    assert tuple(focus_widget(at).value) == ARTICLE_DAYS


def test_a_half_picked_range_keeps_the_last_window():
    at = run_app(PAGE, lang="en", focus="2025-01-01/2025-12-31")
    focus_widget(at).set_value((D(2025, 3, 1),)).run()
    assert not at.exception
    assert at.query_params["focus"] == "2025-01-01/2025-12-31"


@pytest.mark.parametrize("value", ["2026-13-01/2026-01-02", "soon", "2026-01-10/2026-01-01"])
def test_unusable_focus_is_a_notice_not_an_error(value):
    at = run_app(PAGE, lang="en", focus=value)
    assert not at.exception
    assert tuple(focus_widget(at).value) == ARTICLE_DAYS
    assert any(f"focus=`{value}`" in w.value for w in at.warning)


def test_focus_beyond_the_data_is_clamped():
    at = run_app(PAGE, lang="en", focus="1700-01-01/2030-01-01")
    assert not at.exception
    lo, hi = focus_widget(at).value
    assert lo == D(1846, 1, 1)
    assert hi >= D(2026, 1, 16)


def test_default_window_follows_the_filters_dates_until_one_is_picked():
    at = run_app(PAGE, lang="en", dates="2025-01-01/2025-06-30")
    assert tuple(focus_widget(at).value) == (D(2025, 1, 1), D(2025, 6, 30))
    assert "focus" not in at.query_params


def test_actor_filter_and_event_card_keep_working():
    at = run_app(PAGE, lang="zh-Hant", actor=["sheinbaum"], event="sheinbaum_trump_call")
    assert not at.exception
    assert at.selectbox(key="timeline_event").value == "sheinbaum_trump_call"
    ids = labelled_ids(detail(at))
    assert "sheinbaum_trump_call" in ids
    assert "us_strike_on_venezuela" not in ids
    assert any("辛鮑姆與特朗普通話" in el.proto.body for el in at.get("html"))


# --- how many sources back each event (issue 11) ---------------------------------------------

CORPUS = Path(__file__).parent / "fixtures" / "corpus"


@pytest.fixture
def corpus(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the made-up three-source corpus (one event, 3 sources, 2 outlets), served."""
    shutil.copytree(CORPUS, tmp_path / "corpus")
    monkeypatch.setenv("USMX_DATASET", str(tmp_path / "corpus" / "dataset.yaml"))
    monkeypatch.setenv("USMX_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "corpus"


def page_html(at: AppTest) -> str:
    return "".join(el.proto.body for el in at.get("html"))


def marks(spec: dict) -> list[dict]:
    return [tr for tr in spec["data"] if tr.get("customdata")]


@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
def test_a_corpus_shows_sources_and_outlets(corpus: Path, lang: str):
    at = run_app(PAGE, lang=lang)
    assert not at.exception, [e.value for e in at.exception]
    backing = backed_by(3, 2, lang)
    spec = detail(at)
    [dot] = marks(spec)
    assert backing in dot["hovertext"][0]
    # Two independent outlets: the dark outline, explained in the legend.
    assert dot["marker"]["line"] == {"color": [INK], "width": [CORROBORATED["width"]]}
    html = page_html(at)
    assert t("chart.legend.corroborated_short", lang) in html
    assert f"<td>{backing}</td>" in html  # the chart's data table


def test_a_single_source_dataset_only_counts():
    at = run_app(PAGE, lang="en")
    spec = detail(at)
    assert all(backed_by(1, 1, "en") in text for tr in marks(spec) for text in tr["hovertext"])
    assert all(w == 1.0 for tr in marks(spec) for w in tr["marker"]["line"]["width"])
    html = page_html(at)
    assert t("chart.legend.corroborated_short", "en") not in html
    assert "<td>1 source, 1 outlet</td>" in html
