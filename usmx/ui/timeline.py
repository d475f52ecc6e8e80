"""The Timeline page's focus + context: the window of days shown in detail, the overview
strip that moves it, and the labelled detail chart.

The window is view state: a date range widget (the keyboard's way), seeded from and written
to the URL as `focus=START/END` (usmx.ui.url); a horizontal box drawn on the overview strip
sets the same widget. Without a `focus` in the URL the window is the default for the filter
(`usmx.charts.timeline.default_window`), and follows the filter until the reader picks one.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from usmx.charts import timeline as T
from usmx.charts.describe import timeline_summary, timeline_table
from usmx.charts.registry import CHARTS
from usmx.charts.timeline_scale import Compressed
from usmx.i18n import t
from usmx.tables import Tables
from usmx.ui import url
from usmx.ui.charts import (
    BUILT_ENTRIES,
    selection_to_widget,
    show_figure,
    table_and_downloads,
)
from usmx.ui.context import PageContext
from usmx.ui.data import events_key
from usmx.urlstate import P_FOCUS

if TYPE_CHECKING:
    from streamlit.delta_generator import DeltaGenerator

FOCUS_KEY = "timeline_focus"
CONTEXT_KEY = "timeline_context"
CHART_KEY = "timeline_chart"
_DEFAULT_SEEN = "_timeline_focus_default"  # the default window the widget last showed
_LAST = "_timeline_focus_last"  # the last whole window (while a new one is half picked)


Window = tuple[dt.date, dt.date]


@dataclass(frozen=True)
class TimelineView:
    """Everything the page draws for one view (events, language, lanes, window), built once."""

    context: go.Figure
    detail: go.Figure
    legend: str  # HTML
    alt: str
    context_alt: str
    table: pd.DataFrame


@st.cache_resource(show_spinner=False, max_entries=BUILT_ENTRIES)
def _view(
    digest: str,
    events_key: str,
    lang: str,
    lanes: str,
    focus: Window,
    published: dt.date,
    extent: Window,
    _tables: Tables,
) -> TimelineView:
    # Keyed on the dataset's content, the events shown (`events_key` names `_tables`) and
    # the options. Shared by sessions: never modified after it is built.
    summary = T.window_summary(_tables, lang=lang, focus=focus, published=published)
    return TimelineView(
        context=T.context_figure(
            _tables, lang=lang, extent=extent, focus=focus, published=published
        ),
        detail=T.detail_figure(
            _tables, lang=lang, lanes=lanes, legend=False, focus=focus, published=published
        ),
        legend=T.legend_html(_tables, lang=lang, published=published),
        alt=f"{timeline_summary(_tables, lang)} {summary}",
        context_alt=t("chart.timeline.context_alt", lang, first=extent[0], last=extent[1]),
        table=timeline_table(_tables, lang),
    )


@st.cache_resource(show_spinner=False, max_entries=BUILT_ENTRIES)
def _windows(
    digest: str,
    events_key: str,
    published: dt.date,
    date_range: tuple[dt.date | None, dt.date | None],
    _tables: Tables,
    _all: Tables,
) -> tuple[Window, Window]:
    """The default window for these events and the dataset's extent (the widget's bounds)."""
    return T.default_window(_tables, published, date_range), T.extent_of(_all, published)


def focus_control(ctx: PageContext, tables: Tables, row: DeltaGenerator) -> Window:
    """The date range widget of the detail window in `row`, with a button back to the
    default; returns the window and writes it to the URL (left out while it is the default)."""
    published = ctx.ds.source.published
    date_range = (ctx.filters.date_from, ctx.filters.date_to)
    default, extent = _windows(
        ctx.loaded.digest, events_key(tables), published, date_range, tables, ctx.tables
    )
    # A window the reader did not choose follows the filter's default.
    if st.session_state.get(FOCUS_KEY) in (None, st.session_state.get(_DEFAULT_SEEN)):
        st.session_state[FOCUS_KEY] = default
    st.session_state[_DEFAULT_SEEN] = default
    url.seed(FOCUS_KEY, P_FOCUS, ctx.view.focus)
    st.session_state[FOCUS_KEY] = _clamped(st.session_state[FOCUS_KEY], extent, default)
    value: Any = row.date_input(
        ctx.t("timeline.focus"),
        min_value=extent[0],
        max_value=extent[1],
        format="YYYY-MM-DD",
        key=FOCUS_KEY,
        help=ctx.t("timeline.focus_help"),
    )

    def reset() -> None:
        st.session_state[FOCUS_KEY] = default

    row.button(
        ctx.t("timeline.focus_reset"),
        key="timeline_focus_reset",
        on_click=reset,
        disabled=tuple(value) == default,
        icon=":material/restart_alt:",
    )
    # While a range is being picked the widget holds one date: keep the last whole range.
    focus = tuple(value) if len(value) == 2 else st.session_state.get(_LAST)
    focus = focus or default
    st.session_state[_LAST] = focus
    url.update(focus=None if focus == default else focus)
    return focus[0], focus[1]


def _clamped(value, extent: Window, default: Window) -> tuple[dt.date, ...]:
    """A window inside the widget's bounds (a URL may name any dates)."""
    if not isinstance(value, tuple | list) or not value:
        return default
    lo, hi = extent
    return tuple(min(max(day, lo), hi) for day in value)


def _brush(extent: Window) -> Callable[[], None]:
    """An `on_select` callback: a box drawn across the overview strip becomes the window."""

    def apply() -> None:
        state = st.session_state.get(CONTEXT_KEY)
        boxes = (state.selection or {}).get("box") if state is not None else None
        xs = sorted((boxes or [{}])[0].get("x") or [])
        if len(xs) < 2:
            return
        scale = Compressed(*extent)
        st.session_state[FOCUS_KEY] = (scale.date_at(xs[0]), scale.date_at(xs[-1]))

    return apply


def show_timeline(
    ctx: PageContext,
    tables: Tables,
    *,
    lanes: str,
    focus: Window,
    below: Callable[[], None] | None = None,
) -> None:
    """The legend, the overview strip (brush it to move the window), the labelled detail,
    then `below()` (the ACLED band), then the detail's data table and downloads."""
    published = ctx.ds.source.published
    _, extent = _windows(
        ctx.loaded.digest, events_key(tables), published,
        (ctx.filters.date_from, ctx.filters.date_to), tables, ctx.tables,
    )  # fmt: skip
    view = _view(
        ctx.loaded.digest, events_key(tables), ctx.lang, lanes, focus, published, extent, tables
    )
    st.html(view.legend)
    show_figure(
        view.context,
        key=CONTEXT_KEY,
        alt=view.context_alt,
        on_select=_brush(extent),
        selection_mode=("box",),
        caption=False,  # the strip's subtitle says what it is; `alt` names it
    )
    show_figure(
        view.detail,
        key=CHART_KEY,
        alt=view.alt,
        on_select=selection_to_widget(CHART_KEY, "timeline_event"),
        selection_mode=("points",),
    )
    if below is not None:
        below()
    table_and_downloads(
        "timeline",
        ctx,
        key=CHART_KEY,
        table=view.table,
        figure=lambda: CHARTS["timeline"].figure(
            tables, lang=ctx.lang, lanes=lanes, extent=extent, focus=focus, published=published
        ),
    )
