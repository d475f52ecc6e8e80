"""Tests for usmx.charts: every registered chart, the timeline's geometry, labels and escaping."""

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
from usmx.charts.timeline import (
    LANES,
    MAX_SUB_ROWS,
    MAX_TIMELINE_EVENTS,
    timeline_figure,
    timeline_items,
)
from usmx.filters import Filters
from usmx.html_table import frame_html
from usmx.i18n import LANGS, t
from usmx.model import Dataset
from usmx.months import DEFAULT_WINDOW
from usmx.palette import EVENT_TYPE_COLORS
from usmx.tables import Tables, build_tables

MS_PER_DAY = 86_400_000


@pytest.fixture(scope="module")
def empty(tables: Tables) -> Tables:
    return subset_tables(tables, [])


@pytest.fixture(scope="module")
def every_precision(ds: Dataset) -> Tables:
    """The real events with one re-dated to a whole month (a test variant, not the article's
    data: the article dates nothing to a whole month), so every date precision is drawn."""
    variant = ds.model_copy(deep=True)
    k = next(i for i, e in enumerate(variant.events) if e.interval.precision == "year")
    variant.events[k] = variant.events[k].model_copy(update={"date": "2026-01"})
    return build_tables(variant)


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


# --- timeline geometry ------------------------------------------------------------------------


def test_day_events_are_markers_and_intervals_are_bars(every_precision):
    tables = every_precision
    fig = timeline(tables, window=None)
    drawn = points(fig)
    assert set(drawn) == set(tables.events["id"])
    seen = set()
    for row in tables.events.to_dict("records"):
        trace, i = drawn[row["id"]]
        seen.add(row["precision"])
        if row["precision"] == "day":
            assert trace.type == "scatter"
            assert trace.mode == "markers"
            assert trace.marker.symbol == "circle"
            assert pd.Timestamp(trace.x[i]).date() == row["end"].date()
        elif row["precision"] == "open":
            assert trace.type == "scatter"
            assert trace.marker.symbol == "triangle-left"
            assert pd.Timestamp(trace.x[i]).date() == row["end"].date()
        else:
            assert trace.type == "bar"
            assert trace.orientation == "h"
            start = pd.Timestamp(trace.base[i])
            end = start + pd.Timedelta(milliseconds=trace.x[i])
            assert start == row["start"]
            assert end == row["end"] + pd.Timedelta(days=1)  # the last day is included
    assert {"day", "week", "month", "year", "range", "open"} <= seen


def test_uncertainty_styling_differs_per_precision(every_precision):
    tables = every_precision
    fig = timeline(tables)
    styles = {}
    for row in tables.events.to_dict("records"):
        trace, _ = points(fig)[row["id"]]
        if trace.type == "bar":
            alpha = float(trace.marker.color.rsplit(",", 1)[1].rstrip(")"))
            styles.setdefault(row["precision"], set()).add((trace.marker.pattern.shape, alpha))
        else:
            assert trace.marker.color.startswith("#")  # dots are solid
    assert set(styles) == {"week", "month", "year", "range"}
    assert all(len(s) == 1 for s in styles.values())  # one look per precision
    looks = [next(iter(s)) for s in styles.values()]
    assert len(set(looks)) == len(looks)
    assert all(alpha < 1 for _, alpha in looks)  # bars are see-through: dates are uncertain
    assert styles["year"] != styles["week"]


def test_open_start_hover_says_as_of(tables):
    fig = timeline(tables, lang="en")
    open_ids = tables.events.loc[tables.events["precision"] == "open", "id"]
    assert len(open_ids)
    for event_id in open_ids:
        trace, i = points(fig)[event_id]
        assert "As of" in trace.hovertext[i]


def test_hover_has_title_dates_actors_roles_and_status(tables):
    fig = timeline(tables, lang="en")
    trace, i = points(fig)["sheinbaum_trump_call"]
    text = trace.hovertext[i]
    for part in ("Sheinbaum and Trump speak by phone", "1月12日", "2026-01-12", "Day"):
        assert part in text
    assert "Claudia Sheinbaum (" in text
    assert "Donald Trump (" in text
    assert "Status: Occurred" in text
    zh = timeline(tables, lang="zh-Hant")
    trace, i = points(zh)["sheinbaum_trump_call"]
    assert "辛鮑姆" in trace.hovertext[i]
    assert "狀態：已發生" in trace.hovertext[i]


def test_items_in_one_lane_never_overlap(tables):
    for lanes in LANES:
        for window in (DEFAULT_WINDOW, None):
            items = timeline_items(tables.events, lanes=lanes, window=window)
            for _, row in items.groupby("y"):
                bars = row[~row["kind"].isin(["day", "open"])].sort_values("x0")
                assert (bars["x0"].iloc[1:].to_numpy() >= bars["x1"].iloc[:-1].to_numpy()).all()
                assert row["lane"].nunique() == 1  # a sub-row belongs to one lane


def test_stacking_is_deterministic(tables):
    a = timeline_items(tables.events)
    b = timeline_items(tables.events.sample(frac=1, random_state=3))
    merged = a.merge(b, on="id", suffixes=("_a", "_b"))
    assert (merged["y_a"] == merged["y_b"]).all()


@pytest.mark.parametrize(
    ("actor", "present", "absent"),
    [
        ("sheinbaum", "sheinbaum_trump_call", "fentanyl_designated_wmd"),
        ("trump", "trump_warns_mexico", "sheinbaum_takes_office"),
    ],
)
def test_actor_filter_changes_the_events_drawn(ds, tables, actor, present, absent):
    sub = subset(ds, tables, actors=(actor,))
    drawn = set(points(timeline(sub, window=None)))
    assert drawn == {e.id for e in Filters(actors=(actor,)).events(ds)}
    assert present in drawn
    assert absent not in drawn


def test_sheinbaum_and_trump_timelines_differ(ds, tables):
    a = set(points(timeline(subset(ds, tables, actors=("sheinbaum",)), window=None)))
    b = set(points(timeline(subset(ds, tables, actors=("trump",)), window=None)))
    assert a
    assert b
    assert a != b


@pytest.mark.parametrize(
    ("lang", "lanes", "expected"),
    [
        ("en", "country", ["United States", "Mexico"]),
        ("zh-Hant", "country", ["美國", "墨西哥"]),
        ("en", "event_type", ["Military action", "Security cooperation", "Intelligence"]),
        ("zh-Hant", "event_type", ["軍事行動", "安全合作", "情報"]),
    ],
)
def test_lanes_set_the_y_categories(tables, lang, lanes, expected):
    fig = timeline(tables, lang=lang, lanes=lanes)
    ticks = list(fig.layout.yaxis.ticktext)
    assert ticks[: len(expected)] == expected
    assert fig.layout.yaxis.title.text == t(f"chart.axis.lane_{lanes}", lang)
    assert len(ticks) == (
        tables.events["country_lane"].nunique()
        if lanes == "country"
        else tables.events["event_type"].nunique()
    )


def test_unknown_lanes_or_colour_are_refused(tables):
    with pytest.raises(ValueError, match="lanes"):
        timeline(tables, lanes="planet")
    with pytest.raises(ValueError, match="color_by"):
        timeline(tables, color_by="mood")


@pytest.mark.parametrize(
    ("lang", "x_title", "legend", "legend2"),
    [
        ("en", "Date", "Status", "Date precision"),
        ("zh-Hant", "日期", "狀態", "日期精確度"),
    ],
)
def test_axis_and_legend_titles_are_translated(tables, lang, x_title, legend, legend2):
    fig = timeline(tables, lang=lang)
    assert fig.layout.xaxis.title.text == x_title
    assert fig.layout.legend.title.text == legend
    assert fig.layout.legend2.title.text == legend2
    names = {tr.name for tr in fig.data if tr.showlegend is not False}
    assert t("status.refused", lang) in names
    assert t("date_precision.open", lang) in names


def test_colour_by_event_type_uses_the_type_legend(tables):
    fig = timeline(tables, color_by="event_type")
    assert fig.layout.legend.title.text == "Event type"
    trace, _ = points(fig)["us_strike_on_venezuela"]
    assert trace.marker.color == EVENT_TYPE_COLORS["military_action"]


def test_default_window_and_full_range(tables):
    fig = timeline(tables)
    lo, hi = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    assert pd.Timestamp("2024-09-15") < lo <= pd.Timestamp("2024-10-01")
    assert pd.Timestamp("2026-02-01") <= hi < pd.Timestamp("2026-02-15")
    assert "1846" in fig.layout.title.subtitle.text  # the invasions are outside, and said so
    full = timeline(tables, window=None)
    lo, hi = (pd.Timestamp(v) for v in full.layout.xaxis.range)
    assert lo <= pd.Timestamp("1846-01-01")
    assert hi >= pd.Timestamp("2026-02-01")
    assert not full.layout.title.subtitle.text
    # The whole range stays reachable from the default view through "All".
    steps = [b.step for b in fig.layout.xaxis.rangeselector.buttons]
    assert "all" in steps


def test_window_follows_the_filter_dates():
    assert window_for(None, None) == DEFAULT_WINDOW
    assert window_for(dt.date(2026, 1, 1), dt.date(2026, 1, 31)) == (
        dt.date(2026, 1, 1),
        dt.date(2026, 1, 31),
    )
    assert window_for(dt.date(1846, 1, 1), None) == (dt.date(1846, 1, 1), dt.date(2026, 1, 31))


@pytest.mark.parametrize("lang", LANGS)
def test_publication_day_is_marked(tables, lang):
    fig = timeline(tables, lang=lang, published=dt.date(2026, 1, 16))
    lines = [s for s in fig.layout.shapes if s.type == "line" and s.xref == "x"]
    assert len(lines) == 1
    assert lines[0].x0.startswith("2026-01-16")
    texts = [a.text for a in fig.layout.annotations]
    assert t("chart.published", lang, date="2026-01-16") in texts
    assert not [s for s in timeline(tables).layout.shapes if s.xref == "x"]


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
    fig = timeline(hostile, lang=lang)
    trace, i = points(fig)["sheinbaum_trump_call"]
    text = trace.hovertext[i]
    assert "<script>" not in text
    assert "&lt;script&gt;" in text
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


def test_the_article_never_reaches_the_sub_row_cap(tables):
    for lanes in LANES:
        for window in (DEFAULT_WINDOW, None):
            items = timeline_items(tables.events, lanes=lanes, window=window)
            assert items["sub_row"].max() < MAX_SUB_ROWS - 1, (lanes, window)


def test_thousands_of_overlapping_events_share_capped_sub_rows(tables):
    # 3,000 copies of real events: every lane fills its sub-rows, then items share the
    # sub-row that frees first; y stays within lanes x MAX_SUB_ROWS.
    many = pd.concat([tables.events] * 75, ignore_index=True)
    many["id"] = [f"gen_{i}" for i in range(len(many))]
    many["order"] = range(len(many))
    items = timeline_items(many, window=None)
    lanes = items["lane"].nunique()
    assert len(items) == len(many)
    assert items.groupby("lane")["sub_row"].max().max() == MAX_SUB_ROWS - 1
    assert items["y"].max() < lanes * MAX_SUB_ROWS
    for _, lane in items.groupby("lane"):  # lanes do not share y values
        assert lane["y"].max() - lane["y"].min() < MAX_SUB_ROWS
    assert set(items["id"]) == set(many["id"])


def _copies(tables, count: int):
    """`count` events made by repeating the real ones under generated ids."""
    times = -(-count // len(tables.events))
    many = pd.concat([tables.events] * times, ignore_index=True).iloc[:count].copy()
    many["id"] = [f"gen_{i}" for i in range(len(many))]
    many["order"] = range(len(many))
    return replace(tables, events=many)


@pytest.mark.parametrize("lang", LANGS)
def test_timeline_of_thousands_of_events_draws_counts_per_month(tables, lang):
    big = _copies(tables, MAX_TIMELINE_EVENTS + 400)
    assert len(big.events) > MAX_TIMELINE_EVENTS
    fig = timeline_figure(big, lang=lang, window=None)
    bars = [tr for tr in fig.data if tr.type == "bar"]
    assert bars
    assert all(tr.customdata is None for tr in bars)  # counts, not events
    assert sum(sum(tr.y) for tr in bars) == len(big.events)
    assert f"{len(big.events):,}" in fig.layout.title.subtitle.text
    # At or below the limit every event is its own mark.
    small = _copies(tables, MAX_TIMELINE_EVENTS)
    assert len(small.events) == MAX_TIMELINE_EVENTS
    drawn = {i for tr in timeline_figure(small, lang=lang).data for i in (tr.customdata or ())}
    assert drawn == set(small.events["id"])
