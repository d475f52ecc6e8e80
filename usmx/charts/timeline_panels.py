"""The timeline's plot areas ("panels") and how they stack into one figure, in exact pixels.

A panel's y axis counts pixels from its top, so a layout computed by
`usmx.charts.timeline_layout` is drawn exactly; a figure's height is its panels' heights plus
fixed margins, with automatic margins off (they would squeeze the plot and break the layout).
`detail_panel` draws a window of days on a linear axis with every event labelled, in lanes;
`context_panel` draws all events on the compressed scale of `usmx.charts.timeline_scale`.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np
import plotly.graph_objects as go

from usmx.charts import timeline_marks as M
from usmx.charts.style import FONT_FAMILY, FONT_PX, GRID, INK, TEMPLATE, esc, pinned_title
from usmx.charts.timeline_layout import MIN_PLOT_PX, Geometry, Item, layout
from usmx.charts.timeline_scale import Compressed, Window
from usmx.i18n import label, t
from usmx.palette import NEUTRAL

DETAIL = Geometry()
CONTEXT = Geometry(header_px=0, font_px=11, max_label_px=400, max_lines=1, mark_px=13, pad_px=2)
DENSITY_BINS = 160  # stretches of the overview strip counted past MAX_TIMELINE_EVENTS events
DENSITY_PX = 90
CONTEXT_ROWS = 7  # the overview strip's rows; past them, marks lose their labels, then share
SIDE_PX = 14  # left and right margins: room for the arrows of cut bars
TITLE_PX = 48  # the title, above the subtitle's lines
SUBTITLE_LINE_PX = 16
TICKS_PX = 26  # tick labels above the detail, below the overview
HEADING_PX = 30  # a heading line between two panels of one figure
MIRROR_PX = 500  # a panel at least this tall has its dates at its foot too
LEGEND_PX = 92  # two legends of up to two rows each, and the publication-day note


@dataclass
class Panel:
    """One plot area: traces, shapes and annotations in its own axes, and its pixel height."""

    traces: list[dict[str, Any]]
    xaxis: dict[str, Any]
    height: float
    shapes: list[dict[str, Any]] = field(default_factory=list)
    annotations: list[dict[str, Any]] = field(default_factory=list)
    yaxis: dict[str, Any] = field(default_factory=dict)  # over the default: pixels from top


def _axis_names(index: int) -> tuple[str, str]:
    return ("x", "y") if index == 0 else (f"x{index + 1}", f"y{index + 1}")


def detail_panel(
    spans: Sequence[M.Span],
    window: Window,
    *,
    lanes: str,
    lang: str,
    color_by: str,
    hover: dict[str, str] | None,
    published: dt.date | None,
    index: int = 0,
    width: float = MIN_PLOT_PX,
) -> Panel:
    """The window's events, labelled, in lanes; the publication day as a dotted line."""
    xa, ya = _axis_names(index)
    start = dt.datetime.combine(window.first, dt.time())
    span_ms = window.days * 86_400_000

    def to_x(fraction: float) -> str:
        # Whole milliseconds: a day's start is exactly its midnight, whatever the float.
        return (start + dt.timedelta(milliseconds=round(fraction * span_ms))).isoformat()

    shown = [s for s in spans if window.touches(s.first, s.last)]
    items = [M.span_item(s, window.fraction) for s in shown]
    order = [lane for lane in M.lane_order(lanes) if any(s.lane == lane for s in shown)]
    # Wider plots (files) allow longer single-line labels: fewer two-line rows.
    geometry = replace(DETAIL, width=width, max_label_px=max(DETAIL.max_label_px, 0.42 * width))
    placed = layout(items, order, geometry)
    traces = M.mark_traces(
        placed,
        {s.id: s for s in shown},
        to_x,
        lambda f0, f1: round((f1 - f0) * span_ms),
        color_by=color_by,
        hover=hover,
        font_px=DETAIL.font_px,
        axes=(xa, ya),
    )
    shapes, annotations = _lane_decor(placed.lanes, lanes, lang, xa, ya)
    if published is not None and window.first <= published <= window.last:
        x = to_x(window.fraction(published, 0.5))
        shapes.append(
            {
                "type": "line",
                "xref": xa,
                "yref": ya,
                "x0": x,
                "x1": x,
                "y0": 0,
                "y1": placed.height,
                "line": {"color": INK, "width": 1.5, "dash": "dot"},
                "layer": "below",
            }
        )
    days = window.days
    xaxis = {
        "type": "date",
        "range": [to_x(0), to_x(1)],
        "side": "top",
        "tickformat": t("chart.tickformat.day", lang) if days <= 62 else "%Y-%m",
        "ticklabelmode": "period" if days <= 62 else "instant",
        "dtick": 86_400_000 * (1 if days <= 31 else 7) if days <= 62 else None,
        "showgrid": True,
        "gridcolor": GRID,
        "fixedrange": True,
        "automargin": False,
        "tickfont": {"size": 11},
    }
    return Panel(traces, xaxis, max(placed.height, 40), shapes, annotations)


def _lane_decor(lane_bands, lanes: str, lang: str, xa: str, ya: str):
    """A name above each lane's rows, a rule between lanes, a faint band behind every other."""
    shapes, annotations = [], []
    for i, lane in enumerate(lane_bands):
        xref = f"{xa} domain"
        if i % 2:
            shapes.append(
                {
                    "type": "rect",
                    "xref": xref,
                    "yref": ya,
                    "x0": 0,
                    "x1": 1,
                    "y0": lane.top,
                    "y1": lane.bottom,
                    "fillcolor": "rgba(0,0,0,0.03)",
                    "line": {"width": 0},
                    "layer": "below",
                }
            )
        if i:
            shapes.append(
                {
                    "type": "line",
                    "xref": xref,
                    "yref": ya,
                    "x0": 0,
                    "x1": 1,
                    "y0": lane.top,
                    "y1": lane.top,
                    "line": {"color": "#BBBBBB", "width": 1},
                    "layer": "below",
                }
            )
        if lane.header_y is not None:
            annotations.append(
                {
                    "text": f"<b>{esc(M.lane_label(lanes, lane.key, lang))}</b>",
                    "xref": xref,
                    "yref": ya,
                    "x": 0,
                    "y": lane.header_y,
                    "xanchor": "left",
                    "yanchor": "middle",
                    "showarrow": False,
                    "font": {"size": 12, "color": INK},
                }
            )
    return shapes, annotations


def context_panel(
    spans: Sequence[M.Span],
    scale: Compressed,
    window: Window | None,
    *,
    lang: str,
    color_by: str,
    hover: dict[str, str] | None,
    highlight: str | None = None,
    index: int = 0,
    width: float = MIN_PLOT_PX,
) -> Panel:
    """Every event on the compressed scale; titled when outside the window (or highlighted)."""
    xa, ya = _axis_names(index)

    def labelled(s: M.Span) -> bool:
        if highlight is not None:
            return s.id == highlight
        return window is None or not window.touches(s.first, s.last)

    items: list[Item] = [
        replace(M.span_item(s, scale.fraction, labelled_=labelled(s)), lane="") for s in spans
    ]
    placed = layout(items, ("",), replace(CONTEXT, width=width), max_rows=CONTEXT_ROWS)
    traces = M.mark_traces(
        placed,
        {s.id: s for s in spans},
        lambda f: f,
        lambda f0, f1: max(f1 - f0, 0.004),
        color_by=color_by,
        hover=hover,
        font_px=CONTEXT.font_px,
        axes=(xa, ya),
    )
    return Panel(
        traces, _context_axis(scale, width), max(placed.height, 30), _band(scale, window, xa, ya)
    )


def _band(scale: Compressed, window: Window | None, xa: str, ya: str) -> list[dict[str, Any]]:
    """The detail's window, as a shaded band across the strip."""
    if window is None:
        return []
    return [
        {
            "type": "rect",
            "xref": xa,
            "yref": f"{ya} domain",
            "x0": scale.fraction(window.first),
            "x1": scale.fraction(window.last, 1.0),
            "y0": 0,
            "y1": 1,
            "fillcolor": "rgba(0,114,178,0.10)",
            "line": {"color": "#0072B2", "width": 1},
            "layer": "below",
        }
    ]


def _context_axis(scale: Compressed, width: float) -> dict[str, Any]:
    ticks = scale.ticks(width)
    return {
        "type": "linear",
        "range": [0, 1],
        "side": "bottom",
        "tickvals": [x for x, _ in ticks],
        "ticktext": [text for _, text in ticks],
        "showgrid": True,
        "gridcolor": GRID,
        "zeroline": False,
        "fixedrange": True,
        "automargin": False,
        "tickfont": {"size": 11},
    }


def density_panel(
    middles: np.ndarray,
    scale: Compressed,
    window: Window | None,
    *,
    index: int = 0,
    width: float = MIN_PLOT_PX,
) -> Panel:
    """Events counted per stretch of the strip (`middles`: where each mark's middle falls, as
    fractions of the strip), for more events than marks can show."""
    xa, ya = _axis_names(index)
    bins = np.clip((middles * DENSITY_BINS).astype(int), 0, DENSITY_BINS - 1)
    counts = np.bincount(bins, minlength=DENSITY_BINS).tolist()
    trace = {
        "type": "bar",
        "x": [(i + 0.5) / DENSITY_BINS for i in range(DENSITY_BINS)],
        "y": counts,
        "width": 1 / DENSITY_BINS,
        "marker": {"color": NEUTRAL, "line": {"width": 0}},
        "hovertemplate": "%{y}<extra></extra>",
        "showlegend": False,
        "xaxis": xa,
        "yaxis": ya,
    }
    yaxis = {"range": [0, max(counts) * 1.05 or 1]}
    axis = _context_axis(scale, width)
    return Panel([trace], axis, DENSITY_PX, _band(scale, window, xa, ya), [], yaxis)


def stack(
    panels: Sequence[Panel],
    *,
    title: str,
    subtitle: Sequence[str] | str | None,
    legends: list[dict[str, Any]],
    lang: str,
    color_by: str,
    headings: Sequence[str | None] = (),
    dragmode: str | bool = False,
) -> go.Figure:
    """Stack panels top to bottom with exact pixel heights, legends at the foot.

    `headings[i]` (None: none) is a line of bold text above panel i and its tick labels.
    """
    tick_top = [p.xaxis.get("side") == "top" for p in panels]
    heads = [bool(headings[i]) if i < len(headings) else False for i in range(len(panels))]
    gaps = []  # above each panel: the previous panel's ticks, a heading, its own ticks
    for i in range(len(panels)):
        below_previous = TICKS_PX if i and not tick_top[i - 1] else 0
        gaps.append(
            below_previous
            + (HEADING_PX if heads[i] else 8 if i else 0)
            + (TICKS_PX if tick_top[i] else 0)
        )
    lines = [subtitle] if isinstance(subtitle, str) else list(subtitle or ())
    top = TITLE_PX + SUBTITLE_LINE_PX * len(lines) + gaps[0]
    gaps[0] = 0
    # A tall last panel with its dates on top repeats them at its foot (MIRROR_PX or more).
    mirror = tick_top[-1] and panels[-1].height >= MIRROR_PX
    bottom_ticks = TICKS_PX if mirror or not tick_top[-1] else 0
    bottom: float = bottom_ticks + (LEGEND_PX if legends else 10)
    plot = sum(p.height for p in panels) + sum(gaps)
    bottom += math.ceil(top + plot + bottom) - (top + plot + bottom)  # whole pixels in all
    height = round(top + plot + bottom)
    layout: dict[str, Any] = {
        "template": TEMPLATE,
        "font": {"family": FONT_FAMILY, "size": FONT_PX},
        "title": pinned_title(title, lines, height=height, from_top_px=12, size=17),
        "height": height,
        "margin": {"l": SIDE_PX, "r": SIDE_PX, "t": top, "b": bottom},
        "hoverlabel": {"font": {"family": FONT_FAMILY}, "align": "left"},
        "hovermode": "closest",
        "barmode": "overlay",
        "dragmode": dragmode,
        "showlegend": bool(legends),
        "shapes": [],
        "annotations": [],
    }
    data: list[dict[str, Any]] = []
    y = plot  # the current panel's top, in pixels above the plot area's bottom
    for i, panel in enumerate(panels):
        xa, ya = _axis_names(i)
        y -= gaps[i]
        if heads[i]:
            layout["annotations"].append(
                {
                    "text": f"<b>{esc(headings[i])}</b>",
                    "xref": "paper",
                    "yref": "paper",
                    "x": 0,
                    "y": (y + (TICKS_PX if tick_top[i] else 0) + 4) / plot,
                    "xanchor": "left",
                    "yanchor": "bottom",
                    "showarrow": False,
                    "font": {"size": 13, "color": INK},
                }
            )
        lo, hi = (y - panel.height) / plot, y / plot
        layout[f"xaxis{i + 1 if i else ''}"] = {**panel.xaxis, "anchor": ya}
        layout[f"yaxis{i + 1 if i else ''}"] = {
            "range": [panel.height, 0],
            "domain": [max(lo, 0.0), min(hi, 1.0)],
            "visible": False,
            "fixedrange": True,
            "anchor": xa,
            **panel.yaxis,
        }
        data += panel.traces
        layout["shapes"] += panel.shapes
        layout["annotations"] += panel.annotations
        y -= panel.height
    if mirror:
        last = len(panels) - 1
        xa, ya = _axis_names(last)
        layout[f"xaxis{len(panels) + 1}"] = {
            **panels[-1].xaxis,
            "side": "bottom",
            "anchor": ya,
            "overlaying": xa,
            "showgrid": False,
        }
        # plotly draws an axis only for a subplot with a trace: an empty one anchors it.
        data.append(
            {
                "type": "scatter",
                "x": [None],
                "y": [None],
                "xaxis": f"x{len(panels) + 1}",
                "yaxis": ya,
                "hoverinfo": "skip",
                "showlegend": False,
            }
        )
    if legends:
        below = -(bottom_ticks + 8) / plot
        common = {"orientation": "h", "xref": "paper", "x": 0, "xanchor": "left"}
        common |= {"yref": "paper", "yanchor": "top", "font": {"size": 12}}
        layout["legend"] = {
            **common,
            "y": below,
            "title": {"text": esc(label("chart.legend", color_by, lang))},
        }
        layout["legend2"] = {
            **common,
            "y": below - 44 / plot,
            "title": {"text": esc(t("chart.legend.precision", lang))},
            "itemclick": False,
            "itemdoubleclick": False,
        }
        data += legends
    # Not validated: plotly's validation of thousands of points took most of a figure's build
    # time; the traces are plain dicts built here, and tests/test_timeline.py validates them.
    return go.Figure(data=data, layout=layout, _validate=False)
