"""Tests for usmx.charts: every registered chart (builds, words, tables, escaping) and the counts.

The timeline has its own files: test_timeline.py, test_timeline_layout.py, test_timeline_scale.py."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go
import pytest

from usmx.charts.counts import TOP_ACTORS, actor_role_counts, month_counts, type_counts
from usmx.charts.frames import chronological_ids, selected_event_ids, subset_tables, window_for
from usmx.charts.registry import CHARTS
from usmx.charts.style import FONT_FAMILY, esc
from usmx.charts.timeline import detail_figure
from usmx.filters import Filters
from usmx.html_table import frame_html
from usmx.i18n import LANGS, t
from usmx.model import Dataset
from usmx.months import DEFAULT_WINDOW
from usmx.palette import EVENT_TYPE_COLORS
from usmx.tables import Tables

MS_PER_DAY = 86_400_000


@pytest.fixture(scope="module")
def empty(tables: Tables) -> Tables:
    return subset_tables(tables, [])


def timeline(tables: Tables, lang: str = "en", **opts) -> go.Figure:
    return CHARTS["timeline"].figure(tables, lang=lang, **opts)


def data_traces(fig: go.Figure) -> list:
    """Traces that draw events (legend-only entries have no customdata)."""
    return [tr for tr in fig.data if tr.customdata is not None and len(tr.customdata)]


def points(fig: go.Figure) -> dict[str, tuple]:
    """event id -> (trace, index in trace) for every drawn event."""
    out = {}
    for tr in data_traces(fig):
        for i, event_id in enumerate(tr.customdata):
            assert event_id not in out, f"{event_id} drawn twice"
            out[event_id] = (tr, i)
    return out


def subset(ds: Dataset, tables: Tables, **filters) -> Tables:
    return subset_tables(tables, [e.id for e in Filters(**filters).events(ds)])


# --- every chart ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("chart_id", list(CHARTS))
def test_chart_builds_for_full_and_empty_data(chart_id, lang, ds, tables, empty):
    spec = CHARTS[chart_id]
    fig = spec.figure(tables, lang=lang, published=ds.source.published)
    assert data_traces(fig) or any(len(tr.y or ()) for tr in fig.data)
    assert fig.layout.title.text == esc(t(spec.title_key, lang))
    assert fig.layout.font.family == FONT_FAMILY
    assert fig.layout.template.layout.paper_bgcolor == "white"  # plotly_white
    width, height = spec.export_size(fig)
    assert width >= 800
    assert height >= 300

    blank = spec.figure(empty, lang=lang)
    assert not blank.data
    assert [a.text for a in blank.layout.annotations] == [esc(t("empty.no_match", lang))]
    assert spec.summary(empty, lang) == t("empty.no_match", lang)
    assert spec.table(empty, lang).empty


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("chart_id", list(CHARTS))
def test_chart_summary_and_table_describe_the_data(chart_id, lang, tables):
    spec = CHARTS[chart_id]
    summary = spec.summary(tables, lang)
    assert summary != t("empty.no_match", lang)
    assert "{" not in summary
    table = spec.table(tables, lang)
    assert len(table) > 0
    if chart_id in ("timeline", "events_by_type"):
        # Both count every event, one row per event or per type.
        assert str(len(tables.events)) in summary


def test_registry_options_are_accepted_by_builders(tables):
    for spec in CHARTS.values():
        for option in spec.options:
            assert option in spec.build.__code__.co_varnames, (spec.id, option)
    # Options a chart does not take are dropped, not passed on.
    CHARTS["events_by_type"].figure(tables, lang="en", lanes="country", window=None)


def test_window_follows_the_filter_dates():
    assert window_for(None, None) == DEFAULT_WINDOW
    assert window_for(dt.date(2026, 1, 1), dt.date(2026, 1, 31)) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 1, 31),
    )
    assert window_for(dt.date(1846, 1, 1), None) == (dt.date(1846, 1, 1), dt.date(2026, 1, 31))


def test_selection_maps_back_to_event_ids():
    selection = {
        "points": [
            {"customdata": "us_strike_on_venezuela", "x": "2026-01-03"},
            {"customdata": ["maduro_captured"]},
            {"customdata": "us_strike_on_venezuela"},
            {"x": 3},
        ]
    }
    assert selected_event_ids(selection) == ["us_strike_on_venezuela", "maduro_captured"]
    assert selected_event_ids(None) == []
    assert selected_event_ids({"points": []}) == []


# --- escaping ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile(tables: Tables) -> Tables:
    """The tables with markup in an event title, its date text and an actor's names."""
    events = tables.events.copy()
    first = events.index[events["id"] == "sheinbaum_trump_call"][0]
    events.loc[first, "title_en"] = "<script>alert(1)</script> & co"
    events.loc[first, "title_zh"] = "<script>alert(2)</script>"
    events.loc[first, "date_text"] = "<b>bold</b>"
    actors = tables.actors.copy()
    row = actors.index[actors["id"] == "sheinbaum"][0]
    actors.loc[row, "name_en"] = "<img src=x onerror=alert(3)>"
    actors.loc[row, "name_zh"] = "<i>辛</i>"
    return replace(tables, events=events, actors=actors)


@pytest.mark.parametrize("lang", LANGS)
def test_dataset_text_is_escaped_in_hover_and_ticks(hostile, lang):
    fig = detail_figure(hostile, lang=lang)
    trace, i = points(fig)["sheinbaum_trump_call"]
    text = trace.hovertext[i]
    assert "<script>" not in text
    assert "&lt;script&gt;" in text
    labels = " ".join(
        x for tr in fig.data if tr.type == "scatter" and tr.mode == "text" for x in tr.text
    )
    assert "<script>" not in labels  # the label written on the chart
    assert "&lt;script&gt;" in labels
    assert "<b>bold" not in text
    assert "&lt;b&gt;bold" in text
    assert "<img" not in text
    assert "<i>" not in text
    actors = CHARTS["actor_involvement"].figure(hostile, lang=lang)
    ticks = " ".join(actors.layout.yaxis.ticktext)
    assert "<img" not in ticks
    assert "<i>" not in ticks
    assert "&lt;" in ticks


def test_chart_table_keeps_plain_text(hostile):
    # Tables hold plain text (also for the CSV); usmx.html_table escapes it exactly once.
    table = CHARTS["timeline"].table(hostile, "en")
    assert "<script>alert(1)</script> & co" in table.iloc[:, 0].tolist()
    out = frame_html(table)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; co" in out
    assert "<script>alert" not in out


# --- counts -----------------------------------------------------------------------------------


def test_type_counts_add_up(tables):
    counts = type_counts(tables.events)
    assert counts.sum() == len(tables.events)
    assert list(counts) == sorted(counts, reverse=True)
    fig = CHARTS["events_by_type"].figure(tables, lang="zh-Hant")
    assert "安全合作" in fig.data[0].y
    colours = dict(zip(fig.data[0].customdata, fig.data[0].marker.color, strict=True))
    assert colours["military_action"] == EVENT_TYPE_COLORS["military_action"]


def test_actor_involvement_is_sorted_and_split_by_role(tables):
    counts = actor_role_counts(tables)
    assert len(counts) == TOP_ACTORS
    assert list(counts["events"]) == sorted(counts["events"], reverse=True)
    links = tables.event_actors
    top = counts.iloc[0]
    assert top["events"] == links.loc[links["actor_id"] == top["actor_id"], "event_id"].nunique()
    fig = CHARTS["actor_involvement"].figure(tables, lang="en")
    assert fig.layout.barmode == "stack"
    assert {tr.name for tr in fig.data} >= {"Initiator", "Target"}
    assert fig.layout.legend.title.text == "Role"


def test_actor_involvement_follows_the_filter(ds, tables):
    counts = actor_role_counts(subset(ds, tables, actors=("sheinbaum",)))
    assert "sheinbaum" in set(counts["actor_id"])
    mine = {e.id for e in Filters(actors=("sheinbaum",)).events(ds)}
    row = counts.set_index("actor_id").loc["sheinbaum"]
    assert row["events"] == len(mine)


def test_actor_involvement_is_counted_once_per_subset(ds, tables):
    """The chart, its summary and its table share one count; each caller gets its own copy,
    and a subset that is dropped drops its counts."""
    import gc

    from usmx.charts import counts as C

    mine = subset(ds, tables, actors=("sheinbaum",))
    first = actor_role_counts(mine)
    first.loc[0, "events"] = -1  # a caller's copy: the next caller does not see it
    second = actor_role_counts(mine)
    assert second.loc[0, "events"] > 0
    assert mine in C._ROLE_COUNTS
    before = len(C._ROLE_COUNTS)
    del mine
    gc.collect()
    assert len(C._ROLE_COUNTS) == before - 1


def test_month_counts_count_each_event_once(tables):
    counts = month_counts(tables.events)
    assert counts["month"].iloc[0] == "2024-10"
    assert counts["month"].iloc[-1] == "2026-01"
    total = counts["total"].sum() + counts.attrs["longer"] + counts.attrs["outside"]
    assert total == len(tables.events)
    precise = tables.events["precision"].isin(["day", "week", "month"])
    assert counts.attrs["longer"] == (~precise).sum()
    jan = counts.set_index("month").loc["2026-01"]
    assert jan["total"] == counts["total"].max()


def test_month_counts_put_a_week_where_most_of_it_lies():
    events = pd.DataFrame(
        [
            {
                "precision": "week",
                "start": pd.Timestamp("2025-03-31"),
                "end": pd.Timestamp("2025-04-06"),
                "status": "occurred",
            }
        ]
    )
    counts = month_counts(events).set_index("month")
    assert counts.loc["2025-04", "total"] == 1
    assert counts.loc["2025-03", "total"] == 0


def test_compact_timeline_notes_the_longer_periods(tables):
    fig = CHARTS["events_by_month"].figure(tables, lang="en")
    n_longer = int((~tables.events["precision"].isin(["day", "week", "month"])).sum())
    assert f"{n_longer} more events" in fig.layout.title.subtitle.text
    assert fig.layout.barmode == "stack"


def test_chronological_ids_sort_by_first_day(tables):
    ids = chronological_ids(tables.events)
    assert ids[0] == "us_invasions_of_mexico"
    assert sorted(ids) == sorted(tables.events["id"])
    assert chronological_ids(tables.events.iloc[0:0]) == []
