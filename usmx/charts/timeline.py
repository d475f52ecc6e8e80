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
from collections.abc import Sequence
from dataclasses import replace

import plotly.graph_objects as go

from usmx.charts import timeline_marks as M
from usmx.charts.frames import subset_tables
from usmx.charts.hover import event_hovertext
from usmx.charts.style import empty_figure
from usmx.charts.timeline_density import MAX_TIMELINE_EVENTS, density_figure
from usmx.charts.timeline_layout import MIN_PLOT_PX
from usmx.charts.timeline_panels import SIDE_PX, context_panel, detail_panel, stack
from usmx.charts.timeline_scale import Compressed, Window, focus_for
from usmx.i18n import label, t
from usmx.render import render
from usmx.tables import Tables

LANES = M.LANES
COLOR_BY = M.COLOR_BY
EXPORT_WIDTH = 1400  # pixels: the registered chart's file width


def extent_of(tables: Tables, published: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """First and last day of all events (and the publication day): the overview's scale.

    Pages pass the whole dataset's extent, so the strip keeps its scale under any filter.
    """
    ev = tables.events
    if ev.empty:
        day = published or dt.date.today()
        return day, day
    first = ev["start"].fillna(ev["end"]).min().date()
    last = ev["end"].max().date()
    return first, max(last, published) if published else last


def spans_of(tables: Tables, *, lang: str, lanes: str = "country", color_by: str = "status"):
    """The filtered events as `timeline_marks.Span`s (checks `lanes` and `color_by`)."""
    return M.event_spans(tables.events, lanes=lanes, color_by=color_by, lang=lang)


def window_of(
    spans: Sequence[M.Span],
    focus: tuple[dt.date, dt.date] | None,
    published: dt.date | None,
    date_range: tuple[dt.date | None, dt.date | None] = (None, None),
) -> Window:
    """The detail's window: `focus` if given, else the default for these events."""
    pub = published or max((s.last for s in spans), default=dt.date.today())
    first, last = focus_for(focus, pub, ((s.first, s.last) for s in spans), *date_range)
    return Window(first, last)


def _first_last(tables: Tables) -> list[tuple[dt.date, dt.date]]:
    ev = tables.events
    firsts = ev["start"].fillna(ev["end"])
    return [(a.date(), b.date()) for a, b in zip(firsts, ev["end"], strict=True)]


def default_window(
    tables: Tables,
    published: dt.date | None,
    date_range: tuple[dt.date | None, dt.date | None] = (None, None),
) -> tuple[dt.date, dt.date]:
    """The detail's window when the reader chose none (`timeline_scale.focus_for`)."""
    spans = _first_last(tables)
    pub = published or max((last for _, last in spans), default=dt.date.today())
    return focus_for(None, pub, spans, *date_range)


def window_summary(
    tables: Tables,
    *,
    lang: str,
    focus: tuple[dt.date, dt.date],
    published: dt.date | None = None,
) -> str:
    """One sentence: the window, how many events touch it, how many lie outside."""
    window = Window(*focus)
    spans = _first_last(tables)
    shown = sum(window.touches(first, last) for first, last in spans)
    return _subtitle(shown, len(spans) - shown, window, lang)[0]


def _in_window(spans: Sequence[M.Span], window: Window) -> list[M.Span]:
    return [s for s in spans if window.touches(s.first, s.last)]


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


def detail_figure(
    tables: Tables,
    *,
    lang: str,
    lanes: str = "country",
    focus: tuple[dt.date, dt.date] | None = None,
    color_by: str = "status",
    published: dt.date | None = None,
    date_range: tuple[dt.date | None, dt.date | None] = (None, None),
    legend: bool = True,
) -> go.Figure:
    """The labelled detail of the window's events (the page's main chart). `legend=False`
    leaves plotly's legends out (the page draws `legend_html` instead: cheaper to redraw)."""
    title = t("chart.timeline.title", lang)
    spans = spans_of(tables, lang=lang, lanes=lanes, color_by=color_by)
    if not spans:
        return empty_figure(title, lang)
    window = window_of(spans, focus, published, date_range)
    shown = _in_window(spans, window)
    if len(shown) > MAX_TIMELINE_EVENTS:
        sub = subset_tables(tables, [s.id for s in shown])
        return density_figure(
            sub, lang=lang, window=(window.first, window.last), color_by=color_by,
            published=published,
        )  # fmt: skip
    hover = event_hovertext(subset_tables(tables, [s.id for s in shown]), lang)
    panel = detail_panel(
        shown, window, lanes=lanes, lang=lang, color_by=color_by, hover=hover,
        published=published,
    )  # fmt: skip
    if not shown:
        panel.annotations.append(_note(t("chart.timeline.none_in_window", lang)))
    return stack(
        [panel],
        title=title,
        subtitle=_subtitle(len(shown), len(spans) - len(shown), window, lang, published),
        legends=M.legend_traces(shown, color_by=color_by, lang=lang) if legend else [],
        lang=lang,
        color_by=color_by,
    )


def legend_html(
    tables: Tables, *, lang: str, color_by: str = "status", published: dt.date | None = None
) -> str:
    """The legend of the page's two timeline charts as escaped HTML (usmx/templates)."""
    spans = spans_of(tables, lang=lang, color_by=color_by)
    colors, precisions = M.legend_entries(spans, color_by=color_by, lang=lang)
    return render(
        "timeline_legend.html.j2",
        title=t("chart.legend.title", lang),
        color_title=label("chart.legend", color_by, lang),
        colors=colors,
        precision_title=t("chart.legend.precision", lang),
        precisions=precisions,
        published=t("chart.legend.published", lang, date=published) if published else None,
    )


def _note(text: str) -> dict:
    from usmx.charts.style import esc

    return {
        "text": esc(text),
        "xref": "paper",
        "yref": "paper",
        "x": 0.5,
        "y": 0.5,
        "showarrow": False,
        "font": {"size": 14},
    }


def context_figure(
    tables: Tables,
    *,
    lang: str,
    focus: tuple[dt.date, dt.date] | None = None,
    color_by: str = "status",
    published: dt.date | None = None,
    extent: tuple[dt.date, dt.date] | None = None,
    date_range: tuple[dt.date | None, dt.date | None] = (None, None),
) -> go.Figure:
    """The overview strip: every event on the compressed scale, the window as a band; a
    horizontal box selection on it (dragmode "select") chooses a new window."""
    title = t("chart.timeline.context_title", lang)
    spans = spans_of(tables, lang=lang, color_by=color_by)
    if not spans:
        return empty_figure(title, lang, height=200)
    window = window_of(spans, focus, published, date_range)
    scale = Compressed(*(extent or extent_of(tables, published)))
    hover = event_hovertext(tables, lang)
    panel = context_panel(spans, scale, window, lang=lang, color_by=color_by, hover=hover)
    fig = stack(
        [panel],
        title=title,
        subtitle=t("chart.timeline.context_hint", lang),
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
    focus: tuple[dt.date, dt.date] | None = None,
    color_by: str = "status",
    published: dt.date | None = None,
    extent: tuple[dt.date, dt.date] | None = None,
    date_range: tuple[dt.date | None, dt.date | None] = (None, None),
    width: int = EXPORT_WIDTH,
) -> go.Figure:
    """Overview and detail in one picture, laid out for `width` pixels: the registered
    chart, which downloads and `usmx export-charts` write."""
    title = t("chart.timeline.title", lang)
    spans = spans_of(tables, lang=lang, lanes=lanes, color_by=color_by)
    if not spans:
        return empty_figure(title, lang)
    window = window_of(spans, focus, published, date_range)
    shown = _in_window(spans, window)
    if len(shown) > MAX_TIMELINE_EVENTS:
        return detail_figure(
            tables, lang=lang, lanes=lanes, focus=(window.first, window.last),
            color_by=color_by, published=published,
        )  # fmt: skip
    hover = event_hovertext(tables, lang)
    plot_px = max(width - 2 * SIDE_PX, MIN_PLOT_PX)
    scale = Compressed(*(extent or extent_of(tables, published)))
    context = context_panel(
        spans, scale, window, lang=lang, color_by=color_by, hover=hover, width=plot_px
    )
    detail = detail_panel(
        shown, window, lanes=lanes, lang=lang, color_by=color_by, hover=hover,
        published=published, index=1, width=plot_px,
    )  # fmt: skip
    return stack(
        [context, detail],
        title=title,
        subtitle=_subtitle(len(shown), len(spans) - len(shown), window, lang, published),
        legends=M.legend_traces(spans, color_by=color_by, lang=lang),
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
    spans = {s.id: s for s in spans_of(tables, lang="en")}
    if event_id not in spans:
        raise KeyError(f"no event {event_id!r} in these tables")
    scale = Compressed(*(extent or extent_of(tables)))
    item = M.span_item(spans[event_id], scale.fraction, labelled_=False)
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
