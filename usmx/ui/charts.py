"""Showing a chart in the app: the figure, its words and data for screen readers, downloads.

`show_chart` is the one way pages put a registered chart on screen. Static images need
kaleido and Chromium, so `usmx.chart_export` is imported only inside the download callables:
the overview page starts without them, and nothing is rendered until someone clicks.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from usmx.charts.count_bars import count_chart_html
from usmx.charts.frame import ExportFrame, export_frame, framed
from usmx.charts.frames import subset_tables
from usmx.charts.registry import CHARTS
from usmx.filenames import export_filename
from usmx.html_table import frame_html
from usmx.tables import Tables
from usmx.ui.context import PageContext
from usmx.ui.data import events_key, ids_key
from usmx.ui.text import escape_markdown

DOWNLOAD_FORMATS = ("png", "svg", "html")
_MIME = {"png": "image/png", "svg": "image/svg+xml", "html": "text/html"}
_CACHE_ENTRIES = 24
# Built figures kept (all charts, all sessions). One is ~50 KB of plotly objects for the
# article, a few MB for a generated 10k-event dataset: bounded either way.
BUILT_ENTRIES = 48

# Rendered files by (chart id, hash of the figure's JSON, format): reruns and other sessions
# asking for the same picture get the bytes at once. Download callables run on their own
# threads, so the cache has a lock.
_rendered: OrderedDict[tuple[str, str, str], bytes] = OrderedDict()
_rendered_lock = threading.Lock()


def _filename(chart_id: str, ctx: PageContext, ext: str) -> str:
    return export_filename(chart_id, ctx.filters, ctx.lang, ext)


def render_bytes(
    chart_id: str, fig: go.Figure, fmt: str, frame: ExportFrame | None = None
) -> bytes:
    """The figure as `fmt` bytes, with the filter and source lines of `frame` under its title,
    rendered once per distinct figure (see `_rendered`)."""
    from usmx.chart_export import figure_to_bytes

    width = CHARTS[chart_id].width if chart_id in CHARTS else 1000
    if frame is not None:
        fig = framed(fig, frame, width)
    digest = hashlib.sha256(fig.to_json().encode()).hexdigest()
    key = (chart_id, digest, fmt)
    with _rendered_lock:
        if key in _rendered:
            _rendered.move_to_end(key)
            return _rendered[key]
    width, height = CHARTS[chart_id].export_size(fig) if chart_id in CHARTS else (1000, 500)
    data = figure_to_bytes(fig, fmt, width=width, height=height)
    with _rendered_lock:
        _rendered[key] = data
        while len(_rendered) > _CACHE_ENTRIES:
            _rendered.popitem(last=False)
    return data


def _lazy(
    chart_id: str, figure: Callable[[], go.Figure], fmt: str, frame: ExportFrame
) -> Callable[[], bytes]:
    return lambda: render_bytes(chart_id, figure(), fmt, frame)


def page_frame(ctx: PageContext) -> ExportFrame:
    """The filter and source lines of this view's exported charts."""
    return export_frame(ctx.ds, ctx.filters, ctx.lang)


def modebar_config() -> dict[str, Any]:
    # No camera button: its client-side PNG would lack the filter and source lines that
    # every exported chart carries; the download buttons under each chart have them.
    return {
        "displaylogo": False,
        "modeBarButtonsToRemove": ["lasso2d", "autoScale2d", "toImage"],
    }


def show_chart(
    fig: go.Figure,
    *,
    chart_id: str,
    ctx: PageContext,
    key: str,
    alt: str,
    table: pd.DataFrame | None = None,
    on_select: str | Callable[[], None] = "ignore",
    selection_mode: Iterable[str] = ("points", "box"),
    export: Callable[[], go.Figure] | None = None,
) -> Any:
    """Draw `fig` with its text alternative, data table and PNG/SVG/HTML downloads.

    `alt` is a one-sentence summary: the chart's accessible name and a visible caption.
    The downloads are `export()` (default: `fig`) with the view's filter and source lines.
    Returns what `st.plotly_chart` returns (the selection state when `on_select` is set).
    """
    state = show_figure(fig, key=key, alt=alt, on_select=on_select, selection_mode=selection_mode)
    table_and_downloads(chart_id, ctx, key=key, table=table, figure=export or (lambda: fig))
    return state


def table_and_downloads(
    chart_id: str,
    ctx: PageContext,
    *,
    key: str,
    table: pd.DataFrame | None,
    figure: Callable[[], go.Figure],
) -> None:
    """Under a chart: its data as a table (in an expander) and its PNG/SVG/HTML downloads,
    `figure()` with the view's filter and source lines, built when a button is pressed."""
    if table is not None:
        with st.expander(ctx.t("chart.data_table"), key=f"{key}_table"):
            # HTML, not st.dataframe: see usmx/html_table.py (values escaped there).
            st.html(frame_html(table, lang=ctx.lang))
    frame = page_frame(ctx)
    row = st.container(horizontal=True, key=f"dl_{chart_id}", gap="small")
    for fmt in DOWNLOAD_FORMATS:
        row.download_button(
            ctx.t(f"chart.download.{fmt}"),
            data=_lazy(chart_id, figure, fmt, frame),
            file_name=_filename(chart_id, ctx, fmt),
            mime=_MIME[fmt],
            key=f"dl_{chart_id}_{fmt}",
            help=ctx.t("chart.download.help"),
            on_click="ignore",
            icon=":material/download:",
        )


def show_figure(
    fig: go.Figure,
    *,
    key: str,
    alt: str,
    on_select: str | Callable[[], None] = "ignore",
    selection_mode: Iterable[str] = ("points", "box"),
    caption: bool = True,
) -> Any:
    """Draw `fig` with `alt` as its accessible name and (unless `caption=False`) a visible
    caption; no downloads."""
    kwargs: dict[str, Any] = {}
    if on_select != "ignore":
        kwargs = {"on_select": on_select, "selection_mode": tuple(selection_mode)}
    state = st.plotly_chart(
        fig,
        width="stretch",
        key=key,
        config=modebar_config(),
        alt=alt,
        theme=None,  # our own template, so the screen matches the exported files
        **kwargs,
    )
    if caption:
        st.caption(escape_markdown(alt))  # summaries name actors from the dataset
    return state


def selection_to_widget(chart_key: str, widget_key: str) -> Callable[[], None]:
    """An `on_select` callback copying the first selected event id into a selectbox's state.

    The selectbox stays the one place that says which event is shown, so clicking the chart
    and choosing from the list (the keyboard-friendly way) always agree.
    """
    from usmx.charts.frames import selected_event_ids

    def copy() -> None:
        state = st.session_state.get(chart_key)
        ids = selected_event_ids(state.selection if state is not None else None)
        st.session_state[f"{widget_key}_selected"] = ids
        if ids:
            st.session_state[widget_key] = ids[0]

    return copy


@dataclass(frozen=True)
class BuiltChart:
    figure: go.Figure
    summary: str
    table: pd.DataFrame


@st.cache_resource(show_spinner=False, max_entries=BUILT_ENTRIES)
def _subset(digest: str, key: str, _tables: Tables, _event_ids: tuple[str, ...]) -> Tables:
    return subset_tables(_tables, _event_ids)


def subset_for(ctx: PageContext, event_ids: Iterable[str]) -> Tables:
    """The dataset's frames cut to these events, once per distinct set of events (shared,
    never modified): a rerun of a view seen before does no pandas work for it."""
    ids = tuple(event_ids)
    return _subset(ctx.loaded.digest, ids_key(ids), ctx.tables, ids)


@dataclass(frozen=True)
class BuiltHtml:
    html: str
    summary: str
    table: pd.DataFrame


@st.cache_resource(show_spinner=False, max_entries=BUILT_ENTRIES)
def _built_html(chart_id: str, digest: str, key: str, lang: str, _tables: Tables) -> BuiltHtml:
    # Keyed like `_built`; shared by sessions, never modified.
    spec = CHARTS[chart_id]
    summary = spec.summary(_tables, lang)
    return BuiltHtml(
        count_chart_html(chart_id, _tables, lang, summary), summary, spec.table(_tables, lang)
    )


def show_count_chart(chart_id: str, ctx: PageContext, tables: Tables, *, key: str) -> None:
    """Registered count chart `chart_id` drawn as HTML (usmx.charts.count_bars: cheap to
    redraw), with its summary, table, and downloads of the registered plotly figure."""
    built = _built_html(chart_id, ctx.loaded.digest, events_key(tables), ctx.lang, tables)
    with st.container(key=key):
        st.html(built.html)
    st.caption(escape_markdown(built.summary))
    table_and_downloads(
        chart_id,
        ctx,
        key=key,
        table=built.table,
        figure=lambda: CHARTS[chart_id].figure(tables, lang=ctx.lang),
    )
