"""Tests for the timeline figures (usmx.charts.timeline and its marks and panels).

The detail labels every event of its window on the chart; the overview strip shows all
events on a compressed scale; the registered chart stacks both; uncertainty stays drawn.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pandas as pd
import plotly.graph_objects as go
import pytest

from usmx.charts import timeline as T
from usmx.charts.frames import subset_tables
from usmx.charts.registry import CHARTS
from usmx.charts.timeline_density import MAX_TIMELINE_EVENTS
from usmx.charts.timeline_marks import EM_SPACE
from usmx.charts.timeline_scale import Compressed, Window
from usmx.filters import Filters
from usmx.i18n import LANGS, label, t
from usmx.model import Dataset
from usmx.palette import EVENT_TYPE_COLORS
from usmx.tables import Tables, build_tables

D = dt.date
PUBLISHED = D(2026, 1, 16)
ARTICLE_DAYS = (D(2026, 1, 1), D(2026, 1, 16))


def detail(tables: Tables, lang: str = "en", **opts) -> go.Figure:
    return T.detail_figure(tables, lang=lang, published=PUBLISHED, **opts)


def on_axis(fig: go.Figure, axis: str = "x") -> list:
    return [tr for tr in fig.data if (tr.xaxis or "x") == axis]


def points(fig: go.Figure, axis: str = "x") -> dict[str, tuple]:
    """event id -> (trace, index) of every drawn event mark on one panel."""
    out: dict[str, tuple] = {}
    for tr in on_axis(fig, axis):
        for i, event_id in enumerate(tr.customdata if tr.customdata is not None else ()):
            assert event_id not in out, f"{event_id} drawn twice"
            out[event_id] = (tr, i)
    return out


def label_of(fig: go.Figure, axis: str = "x") -> dict[str, str]:
    """event id -> the label written on one panel, as plain text (lines joined by spaces)."""
    return {
        event_id: text.replace("<br>", " ").replace(EM_SPACE, "").replace("&amp;", "&")
        for tr in on_axis(fig, axis)
        if tr.type == "scatter" and tr.mode == "text"
        for event_id, text in zip(tr.ids, tr.text, strict=True)
    }


def labels(fig: go.Figure, axis: str = "x") -> list[str]:
    return list(label_of(fig, axis).values())


def bare(label_text: str) -> str:
    """A label without a cut bar's true dates and without the ellipsis of a shortened one."""
    text = label_text.split(" → ", 1)[1] if label_text[:4].isdigit() else label_text
    return text.rsplit(" → ", 1)[0].removesuffix("…").replace(" ", "")


def touching(tables: Tables, window: tuple[dt.date, dt.date]) -> set[str]:
    ev = tables.events
    first = ev["start"].fillna(ev["end"])
    mask = (first <= pd.Timestamp(window[1])) & (ev["end"] >= pd.Timestamp(window[0]))
    return set(ev.loc[mask, "id"])


def subset(ds: Dataset, tables: Tables, **filters) -> Tables:
    return subset_tables(tables, [e.id for e in Filters(**filters).events(ds)])


@pytest.fixture(scope="module")
def every_precision(ds: Dataset) -> Tables:
    """The real events with one re-dated to a whole month (a test variant, not the article's
    data: the article dates nothing to a whole month), so every date precision is drawn."""
    variant = ds.model_copy(deep=True)
    k = next(i for i, e in enumerate(variant.events) if e.interval.precision == "year")
    variant.events[k] = variant.events[k].model_copy(update={"date": "2026-01"})
    return build_tables(variant)


# --- the detail: every event of the window, labelled -----------------------------------------


@pytest.mark.parametrize("lang", LANGS)
def test_every_event_of_the_window_is_drawn_once_and_labelled(tables, lang):
    fig = detail(tables, lang)
    shown = touching(tables, ARTICLE_DAYS)
    assert set(points(fig)) == shown
    written = label_of(fig)
    assert set(written) == shown
    titles = dict(zip(tables.events["id"], tables.events[f"title_{lang[:2]}"], strict=True))
    for event_id, text in written.items():
        assert len(bare(text)) >= 8, text
        assert titles[event_id].replace(" ", "").startswith(bare(text)), (text, event_id)


def test_window_follows_focus_and_says_what_is_outside(tables):
    focus = (D(2025, 1, 1), D(2025, 12, 31))
    fig = detail(tables, focus=focus)
    assert set(points(fig)) == touching(tables, focus)
    lo, hi = (pd.Timestamp(v) for v in fig.layout.xaxis.range)
    assert (lo, hi) == (pd.Timestamp("2025-01-01"), pd.Timestamp("2026-01-01"))
    outside = len(tables.events) - len(touching(tables, focus))
    subtitle = fig.layout.title.subtitle.text
    assert "2025-01-01 to 2025-12-31" in subtitle
    assert f"{outside} more outside it" in subtitle
    assert "publication" not in subtitle  # the article's day is outside this window


@pytest.mark.parametrize("lang", LANGS)
def test_subtitle_counts_and_publication_line(tables, lang):
    fig = detail(tables, lang)
    shown = len(touching(tables, ARTICLE_DAYS))
    sub = fig.layout.title.subtitle.text
    assert t("chart.timeline.window", lang, first=D(2026, 1, 1), last=PUBLISHED, shown=shown) in sub
    assert t("chart.published", lang, date="2026-01-16") in sub
    lines = [s for s in fig.layout.shapes if s.type == "line" and s.xref == "x"]
    assert len(lines) == 1
    assert lines[0].x0.startswith("2026-01-16T12:00")


def test_uncertainty_is_drawn_per_precision(every_precision):
    tables = every_precision
    fig = detail(tables, focus=(D(1846, 1, 1), D(2026, 1, 31)))
    drawn = points(fig)
    styles = {}
    for row in tables.events.to_dict("records"):
        trace, i = drawn[row["id"]]
        if row["precision"] == "day":
            assert (trace.type, trace.marker.symbol[i]) == ("scatter", "circle")
            assert pd.Timestamp(trace.x[i]).date() == row["end"].date()
        elif row["precision"] == "open":
            assert (trace.type, trace.marker.symbol[i]) == ("scatter", "triangle-left")
        else:
            assert trace.type == "bar"
            assert pd.Timestamp(trace.base[i]) == row["start"]
            end = pd.Timestamp(trace.base[i]) + pd.Timedelta(milliseconds=trace.x[i])
            assert end == row["end"] + pd.Timedelta(days=1)  # the last day is included
            alpha = float(trace.marker.color[i].rsplit(",", 1)[1].rstrip(")"))
            styles.setdefault(row["precision"], set()).add((trace.marker.pattern.shape[i], alpha))
    assert set(styles) == {"week", "month", "year", "range"}
    assert all(len(s) == 1 for s in styles.values())  # one look per precision
    looks = [next(iter(s)) for s in styles.values()]
    assert len(set(looks)) == len(looks)
    assert all(alpha < 1 for _, alpha in looks)  # pale: the dates are uncertain


def test_bars_cut_by_the_window_show_an_arrow_and_their_true_dates(tables):
    fig = detail(tables)
    arrows = next(tr for tr in fig.data if tr.type == "scatter" and tr.hoverinfo == "skip"
                  and tr.mode == "markers" and tr.showlegend is False)  # fmt: skip
    symbols = set(arrows.marker.symbol)
    assert symbols == {"arrow-left", "arrow-right"}
    written = labels(fig)
    # Begun 2024-10-01, cut by the window's first day; ends 2026-01-31, after its last.
    assert any(w.startswith("2024-10-01 → Sheinbaum steps up") for w in written)
    assert any("special forces now due" in w and w.endswith("→ 2026-01-31") for w in written)
    left = [x for x, s in zip(arrows.x, arrows.marker.symbol, strict=True) if s == "arrow-left"]
    assert all(pd.Timestamp(x) == pd.Timestamp("2026-01-01") for x in left)


def test_hover_has_title_dates_actors_roles_and_status(tables):
    fig = detail(tables)
    trace, i = points(fig)["sheinbaum_trump_call"]
    text = trace.hovertext[i]
    for part in ("Sheinbaum and Trump speak by phone", "1月12日", "2026-01-12", "Day"):
        assert part in text
    assert "Claudia Sheinbaum (" in text
    assert "Status: Occurred" in text
    zh = detail(tables, "zh-Hant")
    trace, i = points(zh)["sheinbaum_trump_call"]
    assert "辛鮑姆（" in trace.hovertext[i]
    assert "狀態：已發生" in trace.hovertext[i]
    open_ids = tables.events.loc[tables.events["precision"] == "open", "id"]
    for event_id in set(open_ids) & set(points(fig)):
        trace, i = points(fig)[event_id]
        assert "As of" in trace.hovertext[i]


@pytest.mark.parametrize(
    ("lang", "lanes", "first"),
    [
        ("en", "country", ["United States", "Mexico"]),
        ("zh-Hant", "country", ["美國", "墨西哥"]),
        ("en", "event_type", ["Military action", "Security cooperation"]),
    ],
)
def test_lane_names_head_their_rows(tables, lang, lanes, first):
    fig = detail(tables, lang, lanes=lanes)
    heads = [a.text.removeprefix("<b>").removesuffix("</b>") for a in fig.layout.annotations]
    assert heads[: len(first)] == first


@pytest.mark.parametrize(
    ("lang", "legend", "legend2"),
    [("en", "Status", "Date precision"), ("zh-Hant", "狀態", "日期精確度")],
)
def test_legends_are_translated(tables, lang, legend, legend2):
    fig = detail(tables, lang)
    assert fig.layout.legend.title.text == legend
    assert fig.layout.legend2.title.text == legend2
    names = {tr.name for tr in fig.data if tr.name}
    assert label("status", "refused", lang) in names
    assert label("date_precision", "open", lang) in names


def test_colour_by_event_type(tables):
    fig = detail(tables, color_by="event_type")
    assert fig.layout.legend.title.text == "Event type"
    trace, i = points(fig)["us_strike_on_venezuela"]
    assert trace.marker.color[i] == EVENT_TYPE_COLORS["military_action"]


def test_unknown_lanes_or_colour_are_refused(tables):
    with pytest.raises(ValueError, match="lanes"):
        detail(tables, lanes="planet")
    with pytest.raises(ValueError, match="color_by"):
        detail(tables, color_by="mood")


@pytest.mark.parametrize("figure", [T.detail_figure, T.context_figure, T.timeline_figure])
def test_plot_area_is_as_tall_as_the_layout(tables, figure):
    fig = figure(tables, lang="en", published=PUBLISHED)
    plot = fig.layout.height - fig.layout.margin.t - fig.layout.margin.b
    for axis in fig.select_yaxes():
        lo, hi = axis.domain
        assert (hi - lo) * plot == pytest.approx(axis.range[0], abs=0.01)  # 1 unit = 1 px
    assert fig.layout.xaxis.automargin is False


@pytest.mark.parametrize(
    ("actor", "present", "absent"),
    [
        ("sheinbaum", "sheinbaum_trump_call", "us_strike_on_venezuela"),
        ("trump", "trump_offers_help_sheinbaum_declines", "sheinbaum_takes_office"),
    ],
)
def test_actor_filter_changes_the_events_drawn(ds, tables, actor, present, absent):
    sub = subset(ds, tables, actors=(actor,))
    drawn = set(points(detail(sub, focus=(D(1846, 1, 1), D(2026, 1, 31)))))
    assert drawn == {e.id for e in Filters(actors=(actor,)).events(ds)}
    assert present in drawn
    assert absent not in drawn


@pytest.mark.parametrize("lang", LANGS)
def test_empty_filter_says_nothing_matches(tables, lang):
    empty = subset_tables(tables, [])
    for figure in (T.detail_figure, T.context_figure, T.timeline_figure):
        fig = figure(empty, lang=lang)
        assert [a.text for a in fig.layout.annotations] == [t("empty.no_match", lang)]


def test_a_window_without_events_says_so(tables):
    fig = detail(tables, focus=(D(1950, 1, 1), D(1950, 12, 31)))
    assert not points(fig)
    assert t("chart.timeline.none_in_window", "en") in [a.text for a in fig.layout.annotations]


# --- the overview strip, the registered chart, "where it sits" --------------------------------


def test_overview_strip_draws_all_events_and_the_window(tables):
    fig = T.context_figure(tables, lang="en", published=PUBLISHED)
    assert set(points(fig)) == set(tables.events["id"])
    scale = Compressed(*T.extent_of(tables, PUBLISHED))
    band = next(s for s in fig.layout.shapes if s.type == "rect" and s.xref == "x")
    assert band.x0 == pytest.approx(scale.fraction(D(2026, 1, 1)))
    assert band.x1 == pytest.approx(scale.fraction(PUBLISHED, 1.0))
    assert fig.layout.dragmode == "select"
    assert fig.layout.selectdirection == "h"
    written = " ".join(labels(fig))
    for outside in ("US invasions of Mexico", "CIA secretly flies drones", "takes office"):
        assert outside in written  # the long background is titled on the strip


@pytest.mark.parametrize("lang", LANGS)
def test_registered_chart_stacks_overview_and_detail(tables, lang):
    fig = CHARTS["timeline"].figure(tables, lang=lang, published=PUBLISHED)
    assert set(points(fig, "x")) == set(tables.events["id"])  # the overview, on top
    assert set(points(fig, "x2")) == touching(tables, ARTICLE_DAYS)  # the detail
    assert fig.layout.yaxis.domain[0] > fig.layout.yaxis2.domain[1]
    headings = [a.text for a in fig.layout.annotations if a.yref == "paper"]
    assert any(t("chart.timeline.context_export", lang) in h for h in headings)
    assert CHARTS["timeline"].export_size(fig)[0] == T.EXPORT_WIDTH


def test_event_position_and_where_it_sits(tables):
    extent = T.extent_of(tables, PUBLISHED)
    scale = Compressed(*extent)
    lo, hi = T.event_position(tables, "us_strike_on_venezuela", extent)
    assert lo == hi == pytest.approx(scale.fraction(D(2026, 1, 3), 0.5))
    lo, hi = T.event_position(tables, "cia_drone_flights_over_mexico", extent)
    assert (lo, hi) == pytest.approx(
        (scale.fraction(D(2021, 1, 20)), scale.fraction(D(2025, 1, 20), 1.0))
    )
    fig = T.position_figure(tables, "us_strike_on_venezuela", lang="zh-Hant", extent=extent)
    assert fig.layout.title.text == t("chart.timeline.position_title", "zh-Hant")
    assert list(label_of(fig)) == ["us_strike_on_venezuela"]  # the one titled event
    trace, i = points(fig)["us_strike_on_venezuela"]
    assert trace.marker.color[i] != "#BBBBBB"  # in colour; every other event grey
    other, j = points(fig)["sheinbaum_trump_call"]
    assert other.marker.color[j] == "#BBBBBB"
    with pytest.raises(KeyError):
        T.event_position(tables, "no_such_event", extent)


# --- thousands of events --------------------------------------------------------------------


def _copies(tables: Tables, count: int) -> Tables:
    """`count` events made by repeating the real ones under generated ids."""
    times = -(-count // len(tables.events))
    many = pd.concat([tables.events] * times, ignore_index=True).iloc[:count].copy()
    many["id"] = [f"gen_{i}" for i in range(len(many))]
    many["order"] = range(len(many))
    return replace(tables, events=many)


@pytest.mark.parametrize("lang", LANGS)
def test_thousands_of_events_in_the_window_draw_counts_per_month_and_say_so(tables, lang):
    everything = (D(1846, 1, 1), D(2026, 1, 31))
    big = _copies(tables, MAX_TIMELINE_EVENTS + 400)
    fig = detail(big, lang, focus=everything)
    bars = [tr for tr in fig.data if tr.type == "bar"]
    assert bars
    assert all(tr.customdata is None for tr in bars)  # counts, not events
    assert sum(sum(tr.y) for tr in bars) == len(big.events)
    assert f"{len(big.events):,}" in fig.layout.title.subtitle.text
    # At the limit every event is its own labelled mark.
    small = _copies(tables, MAX_TIMELINE_EVENTS)
    fig = detail(small, lang, focus=everything)
    assert set(points(fig)) == set(small.events["id"])
    assert len(labels(fig)) == MAX_TIMELINE_EVENTS


def test_window_helpers(tables):
    assert T.default_window(tables, PUBLISHED) == ARTICLE_DAYS
    assert T.default_window(tables, PUBLISHED, (D(2025, 1, 1), None)) == (
        D(2025, 1, 1),
        D(2026, 1, 31),
    )
    sentence = T.window_summary(tables, lang="en", focus=ARTICLE_DAYS)
    assert sentence.startswith("2026-01-01 to 2026-01-16")
    assert isinstance(Window(*ARTICLE_DAYS).days, int)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("figure", [T.detail_figure, T.context_figure, T.timeline_figure])
def test_figures_pass_plotly_validation(tables, lang, figure):
    # The figures are built without plotly's validation (usmx.charts.timeline_panels.stack):
    # validating them here catches a misspelt property.
    fig = figure(tables, lang=lang, published=PUBLISHED)
    go.Figure(fig.to_dict())
    position = T.position_figure(tables, "us_strike_on_venezuela", lang=lang)
    go.Figure(position.to_dict())


@pytest.mark.parametrize("lang", LANGS)
def test_overview_of_thousands_of_events_counts_them_and_says_so(tables, lang):
    big = _copies(tables, MAX_TIMELINE_EVENTS + 500)
    fig = T.context_figure(big, lang=lang, published=PUBLISHED)
    [bars] = [tr for tr in fig.data if tr.type == "bar"]
    assert sum(bars.y) == len(big.events)  # each event counted once
    assert bars.customdata is None
    note = t("chart.timeline.context_aggregated", lang, n=len(big.events), max=MAX_TIMELINE_EVENTS)
    assert note in fig.layout.title.subtitle.text
    assert fig.layout.dragmode == "select"  # still brushable
    assert any(s.type == "rect" for s in fig.layout.shapes)  # the window's band
    # The registered chart: counts above, the window's events labelled below.
    combined = T.timeline_figure(big, lang=lang, published=PUBLISHED, focus=(D(2025, 3, 1),
                                 D(2025, 3, 31)))  # fmt: skip
    assert any(tr.type == "bar" and tr.customdata is None for tr in on_axis(combined, "x"))
    assert len(label_of(combined, "x2")) == len(touching(big, (D(2025, 3, 1), D(2025, 3, 31))))
