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

import streamlit as st

from usmx.charts import timeline as T
from usmx.charts.describe import timeline_summary, timeline_table
from usmx.charts.registry import CHARTS
from usmx.charts.timeline_scale import Compressed
from usmx.tables import Tables
from usmx.ui import url
from usmx.ui.charts import memo_figure, selection_to_widget, show_chart, show_figure
from usmx.ui.context import PageContext
from usmx.urlstate import P_FOCUS

FOCUS_KEY = "timeline_focus"
CONTEXT_KEY = "timeline_context"
CHART_KEY = "timeline_chart"
_DEFAULT_SEEN = "_timeline_focus_default"  # the default window the widget last showed


def focus_control(ctx: PageContext, tables: Tables) -> tuple[dt.date, dt.date]:
    """The date range widget of the detail window, with a button back to the default;
    returns the window and writes it to the URL (left out while it is the default)."""
    published = ctx.ds.source.published
    extent = T.extent_of(ctx.tables, published)
    default = T.default_window(tables, published, (ctx.filters.date_from, ctx.filters.date_to))
    # A window the reader did not choose follows the filter's default.
    if st.session_state.get(FOCUS_KEY) in (None, st.session_state.get(_DEFAULT_SEEN)):
        st.session_state[FOCUS_KEY] = default
    st.session_state[_DEFAULT_SEEN] = default
    url.seed(FOCUS_KEY, P_FOCUS, ctx.view.focus)
    st.session_state[FOCUS_KEY] = _clamped(st.session_state[FOCUS_KEY], extent, default)
    row = st.container(horizontal=True, vertical_alignment="bottom", key="timeline_focus_row")
    value = row.date_input(
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
    focus = tuple(value) if len(value) == 2 else st.session_state.get("_timeline_focus_last")
    focus = focus or default
    st.session_state["_timeline_focus_last"] = focus
    url.update(focus=None if focus == default else focus)
    return focus[0], focus[1]


def _clamped(value, extent: tuple[dt.date, dt.date], default) -> tuple[dt.date, ...]:
    """A window inside the widget's bounds (a URL may name any dates)."""
    if not isinstance(value, tuple | list) or not value:
        return default
    lo, hi = extent
    return tuple(min(max(day, lo), hi) for day in value)


def _brush(extent: tuple[dt.date, dt.date]) -> Callable[[], None]:
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
    ctx: PageContext, tables: Tables, *, lanes: str, focus: tuple[dt.date, dt.date]
) -> None:
    """The overview strip (brush it to move the window), then the labelled detail."""
    published = ctx.ds.source.published
    extent = T.extent_of(ctx.tables, published)
    opts = {"focus": focus, "published": published}
    context = memo_figure("timeline_context", T.context_figure, ctx, tables, extent=extent, **opts)
    show_figure(
        context,
        key=CONTEXT_KEY,
        alt=ctx.t("chart.timeline.context_alt", first=extent[0], last=extent[1]),
        on_select=_brush(extent),
        selection_mode=("box",),
    )
    detail = memo_figure("timeline_detail", T.detail_figure, ctx, tables, lanes=lanes, **opts)
    summary = T.window_summary(tables, lang=ctx.lang, **opts)
    show_chart(
        detail,
        chart_id="timeline",
        ctx=ctx,
        key=CHART_KEY,
        alt=f"{timeline_summary(tables, ctx.lang)} {summary}",
        table=timeline_table(tables, ctx.lang),
        on_select=selection_to_widget(CHART_KEY, "timeline_event"),
        selection_mode=("points",),
        export=lambda: CHARTS["timeline"].figure(
            tables, lang=ctx.lang, lanes=lanes, extent=extent, **opts
        ),
    )
