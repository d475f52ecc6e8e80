"""The timeline figures: a labelled detail of a window of days, an overview strip of all time.

Focus + context. The detail (`detail_figure`) shows the events touching a window of days (by
default the article's month up to its publication day, see `timeline_scale.focus_for`) on a
linear axis, each with its title written next to it; the overview (`context_figure`) shows
every event on a compressed scale from the first event to the last, the window as a shaded
band, and the titles of the events outside the window. The page links the two (brushing the
strip moves the window); the registered chart (`timeline_figure`, what downloads and
`usmx export-charts` write) stacks both in one picture. `position_figure` is the strip with
one event highlighted: where it sits on the timeline (for the story mode).

Past MAX_TIMELINE_EVENTS events in the window the detail draws counts per month
(`timeline_density`) and says so.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from usmx.charts import timeline_marks as M
from usmx.charts.frames import subset_tables
from usmx.charts.hover import event_hovertext
from usmx.charts.style import empty_figure, esc
from usmx.charts.timeline_density import MAX_TIMELINE_EVENTS, density_figure
from usmx.charts.timeline_layout import MIN_PLOT_PX
from usmx.charts.timeline_panels import (
    SIDE_PX,
    Panel,
    context_panel,
    density_panel,
    detail_panel,
    stack,
)
from usmx.charts.timeline_scale import Compressed, Window, focus_for
from usmx.i18n import label, t
from usmx.palette import NEUTRAL
from usmx.render import render
from usmx.tables import Tables

LANES = M.LANES
COLOR_BY = M.COLOR_BY
EXPORT_WIDTH = 1400  # pixels: the registered chart's file width
Days = tuple[dt.date, dt.date]


def extent_of(tables: Tables, published: dt.date | None = None) -> Days:
    """First and last day of all events (and the publication day): the overview's scale.

    Pages pass the whole dataset's extent, so the strip keeps its scale under any filter.
    """
    first, last = _days(tables)
    if first.empty:
        day = published or dt.date.today()
        return day, day
    lo, hi = first.min().date(), last.max().date()
    return lo, max(hi, published) if published else hi


def spans_of(tables: Tables, *, lang: str, lanes: str = "country", color_by: str = "status"):
    """The events as `timeline_marks.Span`s (checks `lanes` and `color_by`)."""
    return M.event_spans(tables.events, lanes=lanes, color_by=color_by, lang=lang)


def _days(tables: Tables) -> tuple[pd.Series, pd.Series]:
    """Each event's first and last day (an open start's first day is its last)."""
    ev = tables.events
    return ev["start"].fillna(ev["end"]), ev["end"]


def _touching(tables: Tables, window: Window) -> pd.Series:
    """Which events touch the window's days (vectorised: thousands at once)."""
    first, last = _days(tables)
    return (first <= pd.Timestamp(window.last)) & (last >= pd.Timestamp(window.first))


def default_window(
    tables: Tables,
    published: dt.date | None,
    date_range: tuple[dt.date | None, dt.date | None] = (None, None),
) -> Days:
    """The detail's window when the reader chose none (`timeline_scale.focus_for`)."""
    first, last = _days(tables)
    extent = None if first.empty else (first.min().date(), last.max().date())
    pub = published or (extent[1] if extent else dt.date.today())

    def touches(lo: dt.date, hi: dt.date) -> bool:
        return bool(_touching(tables, Window(lo, hi)).any())

    return focus_for(None, pub, extent, touches, *date_range)


def _window(
    tables: Tables,
    focus: Days | None,
    published: dt.date | None,
    date_range: tuple[dt.date | None, dt.date | None],
) -> Window:
    return Window(*(focus or default_window(tables, published, date_range)))


def window_summary(
    tables: Tables, *, lang: str, focus: Days, published: dt.date | None = None
) -> str:
    """One sentence: the window, how many events touch it, how many lie outside."""
    window = Window(*focus)
    shown = int(_touching(tables, window).sum())
    return _subtitle(shown, len(tables.events) - shown, window, lang)[0]


def _subtitle(
    shown: int, outside: int, window: Window, lang: str, published: dt.date | None = None
) -> list[str]:
    """The detail's subtitle lines: the window and its counts; what the dotted line is."""
    text = t("chart.timeline.window", lang, first=window.first, last=window.last, shown=shown)
    if outside:
        text += t("chart.timeline.window_outside", lang, n=outside)
    lines = [text]
    if published is not None and window.first <= published <= window.last:
        lines.append(t("chart.published", lang, date=published.isoformat()))
    return lines


def _in(tables: Tables, mask: pd.Series) -> Tables:
    """The events where `mask` holds; with their actor and place links unless they are more
    than MAX_TIMELINE_EVENTS (then only counted: the links are not needed)."""
    if int(mask.sum()) > MAX_TIMELINE_EVENTS:
        return replace(tables, events=tables.events[mask].reset_index(drop=True))
    return subset_tables(tables, tables.events.loc[mask, "id"])


def detail_figure(
    tables: Tables,
    *,
    lang: str,
    lanes: str = "country",
    focus: Days | None = None,
    color_by: str = "status",
    published: dt.date | None = None,
    date_range: tuple[dt.date | None, dt.date | None] = (None, None),
    legend: bool = True,
) -> go.Figure:
    """The labelled detail of the window's events (the page's main chart). `legend=False`
    leaves plotly's legends out (the page draws `legend_html` instead: cheaper to redraw)."""
    title = t("chart.timeline.title", lang)
    if tables.events.empty:
        return empty_figure(title, lang)
    M.check_options(lanes, color_by)  # fails here, whatever the window holds
    window = _window(tables, focus, published, date_range)
    shown = _in(tables, _touching(tables, window))
    n = len(shown.events)
    if n > MAX_TIMELINE_EVENTS:
        return density_figure(
            shown, lang=lang, window=(window.first, window.last), color_by=color_by,
            published=published,
        )  # fmt: skip
    spans = spans_of(shown, lang=lang, lanes=lanes, color_by=color_by)
    panel = detail_panel(
        spans, window, lanes=lanes, lang=lang, color_by=color_by,
        hover=event_hovertext(shown, lang), published=published,
    )  # fmt: skip
    if not spans:
        panel.annotations.append(_note(t("chart.timeline.none_in_window", lang)))
    return stack(
        [panel],
        title=title,
        subtitle=_subtitle(n, len(tables.events) - n, window, lang, published),
        legends=_legend_traces(shown, color_by=color_by, lang=lang) if legend else [],
        lang=lang,
        color_by=color_by,
    )


def legend_html(
    tables: Tables, *, lang: str, color_by: str = "status", published: dt.date | None = None
) -> str:
    """The legend of the page's two timeline charts as escaped HTML (usmx/templates)."""
    colors, precisions = M.legend_entries(
        *M.shown_keys(tables.events, color_by), color_by=color_by, lang=lang
    )
    return render(
        "timeline_legend.html.j2",
        title=t("chart.legend.title", lang),
        color_title=label("chart.legend", color_by, lang),
        colors=colors,
        precision_title=t("chart.legend.precision", lang),
        precisions=precisions,
        corroborated=t("chart.legend.corroborated_short", lang) if corroborated(tables) else None,
        published=t("chart.legend.published", lang, date=published) if published else None,
        lang=lang,
    )


def corroborated(tables: Tables) -> bool:
    """Whether any of the events is backed by two or more independent outlets."""
    events = tables.events
    return "n_outlets" in events.columns and bool((events["n_outlets"] > 1).any())


def _legend_traces(tables: Tables, *, color_by: str, lang: str) -> list[dict]:
    """The exported figure's legends: colours, date precisions and, if any is shown, the
    outline of events backed by two or more independent outlets."""
    traces = M.legend_traces(*M.shown_keys(tables.events, color_by), color_by=color_by, lang=lang)
    if corroborated(tables):
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": [None],
                "y": [None],
                "marker": {"symbol": "circle", "size": 11, "color": NEUTRAL,
                           "line": M.CORROBORATED},
                "name": esc(t("chart.legend.corroborated", lang)),
                "legend": "legend2",
                "hoverinfo": "skip",
            }
        )  # fmt: skip
    return traces


def _note(text: str) -> dict:
    return {
        "text": esc(text),
        "xref": "paper",
        "yref": "paper",
        "x": 0.5,
        "y": 0.5,
        "showarrow": False,
        "font": {"size": 14},
    }


def _overview(
    tables: Tables,
    scale: Compressed,
    window: Window | None,
    *,
    lang: str,
    color_by: str,
    index: int = 0,
    width: float = MIN_PLOT_PX,
) -> tuple[Panel, bool]:
    """The overview strip's panel, and whether it counts events instead of drawing them."""
    if len(tables.events) > MAX_TIMELINE_EVENTS:
        first, last = (d.to_numpy("datetime64[D]") for d in _days(tables))
        lo = np.maximum(scale.fractions(first), 0.0)
        hi = np.minimum(scale.fractions(last, 1.0), 1.0)
        return density_panel((lo + hi) / 2, scale, window, index=index, width=width), True
    spans = spans_of(tables, lang=lang, color_by=color_by)
    hover = event_hovertext(tables, lang)
    panel = context_panel(
        spans, scale, window, lang=lang, color_by=color_by, hover=hover, index=index,
        width=width,
    )  # fmt: skip
    return panel, False


def context_figure(
    tables: Tables,
    *,
    lang: str,
    focus: Days | None = None,
    color_by: str = "status",
    published: dt.date | None = None,
    extent: Days | None = None,
    date_range: tuple[dt.date | None, dt.date | None] = (None, None),
) -> go.Figure:
    """The overview strip: every event on the compressed scale, the window as a band; a
    horizontal box selection on it (dragmode "select") chooses a new window. Past
    MAX_TIMELINE_EVENTS events it counts them per stretch of time, and says so."""
    title = t("chart.timeline.context_title", lang)
    if tables.events.empty:
        return empty_figure(title, lang, height=200)
    window = _window(tables, focus, published, date_range)
    scale = Compressed(*(extent or extent_of(tables, published)))
    panel, counted = _overview(tables, scale, window, lang=lang, color_by=color_by)
    subtitle = [t("chart.timeline.context_hint", lang)]
    if counted:
        n = len(tables.events)
        subtitle.append(t("chart.timeline.context_aggregated", lang, n=n, max=MAX_TIMELINE_EVENTS))
    fig = stack(
        [panel],
        title=title,
        subtitle=subtitle,
        legends=[],
        lang=lang,
        color_by=color_by,
        dragmode="select",
    )
    fig.update_layout(selectdirection="h")
    return fig


def timeline_figure(
    tables: Tables,
    *,
    lang: str,
    lanes: str = "country",
    focus: Days | None = None,
    color_by: str = "status",
    published: dt.date | None = None,
    extent: Days | None = None,
    date_range: tuple[dt.date | None, dt.date | None] = (None, None),
    width: int = EXPORT_WIDTH,
) -> go.Figure:
    """Overview and detail in one picture, laid out for `width` pixels: the registered
    chart, which downloads and `usmx export-charts` write."""
    title = t("chart.timeline.title", lang)
    if tables.events.empty:
        return empty_figure(title, lang)
    window = _window(tables, focus, published, date_range)
    shown = _in(tables, _touching(tables, window))
    n = len(shown.events)
    if n > MAX_TIMELINE_EVENTS:
        return detail_figure(
            tables, lang=lang, lanes=lanes, focus=(window.first, window.last),
            color_by=color_by, published=published,
        )  # fmt: skip
    plot_px = max(width - 2 * SIDE_PX, MIN_PLOT_PX)
    scale = Compressed(*(extent or extent_of(tables, published)))
    context, _ = _overview(tables, scale, window, lang=lang, color_by=color_by, width=plot_px)
    spans = spans_of(shown, lang=lang, lanes=lanes, color_by=color_by)
    detail = detail_panel(
        spans, window, lanes=lanes, lang=lang, color_by=color_by,
        hover=event_hovertext(shown, lang), published=published, index=1, width=plot_px,
    )  # fmt: skip
    return stack(
        [context, detail],
        title=title,
        subtitle=_subtitle(n, len(tables.events) - n, window, lang, published),
        legends=_legend_traces(tables, color_by=color_by, lang=lang),
        lang=lang,
        color_by=color_by,
        headings=[
            t("chart.timeline.context_export", lang),
            t("chart.timeline.detail_heading", lang, first=window.first, last=window.last),
        ],
    )


def event_position(
    tables: Tables, event_id: str, extent: tuple[dt.date, dt.date] | None = None
) -> tuple[float, float]:
    """Where an event sits on the overview's compressed scale: its mark's left and right,
    as fractions of the strip's width (equal for a day or an open start)."""
    row = tables.events[tables.events["id"] == event_id]
    if row.empty:
        raise KeyError(f"no event {event_id!r} in these tables")
    [span] = M.event_spans(row, lanes="country", color_by="status", lang="en")
    scale = Compressed(*(extent or extent_of(tables)))
    item = M.span_item(span, scale.fraction, labelled_=False)
    return item.start, item.end


def position_figure(
    tables: Tables,
    event_id: str,
    *,
    lang: str,
    color_by: str = "status",
    extent: tuple[dt.date, dt.date] | None = None,
) -> go.Figure:
    """A small strip of all events in grey with `event_id` in colour and titled: where one
    event sits among the others (the story mode's "where it sits")."""
    spans = spans_of(tables, lang=lang, color_by=color_by)
    if event_id not in {s.id for s in spans}:
        raise KeyError(f"no event {event_id!r} in these tables")
    spans = [s if s.id == event_id else replace(s, color=M.MUTED) for s in spans]
    target = next(s for s in spans if s.id == event_id)
    scale = Compressed(*(extent or extent_of(tables)))
    hover = event_hovertext(tables, lang)
    panel = context_panel(
        spans, scale, Window(target.first, target.last), lang=lang, color_by=color_by,
        hover=hover, highlight=event_id,
    )  # fmt: skip
    return stack(
        [panel],
        title=t("chart.timeline.position_title", lang),
        subtitle=None,
        legends=[],
        lang=lang,
        color_by=color_by,
    )
