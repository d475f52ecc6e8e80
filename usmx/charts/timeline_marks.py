"""The timeline's marks: events as layout items, and a placed layout as plotly traces.

Uncertainty is drawn, not hidden: a day is a dot; a week, month, year or longer period is a
pale bar over the whole interval, hatched differently per precision (the denser the hatching,
the shorter the interval, so a year never reads as precisely as a week); an open start
("../2026-01-16") is a left-pointing triangle at the day it is known to hold by. A bar cut by
the visible window ends in an arrow at the cut edge, and its label names its true start or
end. Every label is drawn where `usmx.charts.timeline_layout` placed it, as text on the
chart, so the picture (and its PNG/SVG/HTML export) says what happened without hovering.

The traces are few and flat (one for all bars, one for all dots and triangles, one for the
cut arrows, one for the labels, with per-point colours and patterns) because plotly's redraw
time grows with the number of traces: see bench/timeline.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import Enum
from typing import Any, NamedTuple, cast

import pandas as pd

from usmx.charts.frames import event_title
from usmx.charts.style import INK, esc, rgba
from usmx.charts.timeline_layout import Item, Layout, Placed
from usmx.i18n import label, t
from usmx.palette import NEUTRAL, PALETTES
from usmx.tables import COUNTRY_LANES
from usmx.vocabulary import EventType

LANES = ("country", "event_type")
COLOR_BY = ("status", "event_type")
PRECISION_ORDER = ("day", "week", "month", "year", "range", "open")
BAR_PRECISIONS = ("week", "month", "year", "range")


class BarStyle(NamedTuple):
    fill_alpha: float
    pattern: str  # plotly's marker.pattern.shape


BAR_STYLE = {
    "week": BarStyle(0.55, ""),
    "month": BarStyle(0.35, "/"),
    "year": BarStyle(0.25, "x"),
    "range": BarStyle(0.15, "."),
}
MARKER_STYLE = {
    "day": {"symbol": "circle", "size": 11},
    "open": {"symbol": "triangle-left", "size": 12},
}
# Half the drawn extent of each point symbol, for the layout (plotly draws a triangle of size
# s as 2/sqrt(3) * s/2 to each side of its centre; a circle as s/2).
POINT_RADIUS = {"day": 5.5, "open": 7.0}
MUTED, MUTED_COLOR = "", "#BBBBBB"  # the colour key and colour of events drawn only as context
ARROW = {"symbol_left": "arrow-left", "symbol_right": "arrow-right", "size": 11}
# An event backed by two or more independent outlets (usmx.sources.support) gets a dark
# outline: subtle, and in the legend only when one is shown.
CORROBORATED = {"color": INK, "width": 2.0}


def palette_of(color_by: str) -> dict[str, str]:
    """Vocabulary value -> colour, for the vocabulary `color_by` names."""
    palette = cast("dict[Enum, str]", PALETTES[color_by])
    return {key.value: color for key, color in palette.items()}


@dataclass(frozen=True)
class Span:
    """One event as the timeline needs it: lane, precision, first and last day, colour key."""

    id: str
    lane: str
    kind: str  # a precision of PRECISION_ORDER
    first: dt.date  # an open start's first day is its last (the day it holds by)
    last: dt.date
    color: str  # the vocabulary value the colour stands for
    title: str
    edtf: str
    order: int
    corroborated: bool = False  # two or more independent outlets back it

    @property
    def point(self) -> bool:
        return self.kind in MARKER_STYLE


def lane_order(lanes: str) -> tuple[str, ...]:
    if lanes == "country":
        return COUNTRY_LANES
    if lanes == "event_type":
        return tuple(e.value for e in EventType)
    raise ValueError(f"unknown lanes {lanes!r}; expected one of {LANES}")


def lane_label(lanes: str, lane: str, lang: str) -> str:
    return t(f"country.{lane}", lang) if lanes == "country" else label("event_type", lane, lang)


def check_options(lanes: str, color_by: str) -> None:
    """Refuse an unknown kind of lanes or of colours (a ValueError naming the choices)."""
    lane_order(lanes)
    if color_by not in PALETTES:
        raise ValueError(f"unknown color_by {color_by!r}; expected one of {COLOR_BY}")


def event_spans(events: pd.DataFrame, *, lanes: str, color_by: str, lang: str) -> list[Span]:
    """The events as spans, in dataset order."""
    check_options(lanes, color_by)
    column = "country_lane" if lanes == "country" else "event_type"
    needed = ["id", column, "precision", "start", "end", color_by, "title_zh", "title_en"]
    needed = list(dict.fromkeys([*needed, "date", "order"]))  # column may be color_by
    needed += [c for c in ("n_outlets",) if c in events.columns]
    spans = []
    for row in events[needed].to_dict("records"):
        last = pd.Timestamp(row["end"]).date()
        first = last if pd.isna(row["start"]) else pd.Timestamp(row["start"]).date()
        kind = row["precision"] if row["precision"] in PRECISION_ORDER else "range"
        spans.append(
            Span(
                id=row["id"],
                lane=row[column],
                kind=kind,
                first=first,
                last=last,
                color=row[color_by],
                title=event_title(row, lang),
                edtf=row["date"],
                order=int(row["order"]),
                corroborated=int(row.get("n_outlets", 1)) > 1,
            )
        )
    return spans


def span_item(
    span: Span, fraction: Callable[[dt.date, float], float], *, labelled_: bool = True
) -> Item:
    """The layout item of a span on an axis (`fraction(day, part)`), labelled with its title,
    and for a bar cut by the axis' ends, the true start or end it continues to."""
    if span.point:
        x = fraction(span.last, 0.5)
        start = end = x
    else:
        start, end = fraction(span.first, 0.0), fraction(span.last, 1.0)
    text = None
    if labelled_:
        text = span.title
        edges = span.edtf.split("/")
        if not span.point and start < 0:
            text = f"{edges[0]} → {text}"
        if not span.point and end > 1:
            text = f"{text} → {edges[-1]}"
    return Item(
        key=span.id,
        start=start,
        end=end,
        point=span.point,
        label=text,
        lane=span.lane,
        radius_px=POINT_RADIUS.get(span.kind, 0.0),
        order=span.order,
    )


def mark_traces(
    layout: Layout,
    spans: Mapping[str, Span],
    to_x: Callable[[float], Any],
    length: Callable[[float, float], Any],
    *,
    color_by: str,
    hover: Mapping[str, str] | None,
    font_px: float,
    axes: tuple[str, str] = ("x", "y"),
) -> list[dict[str, Any]]:
    """Plotly traces (plain dicts) drawing a placed layout: bars, points, cut arrows, labels.

    `to_x(fraction)` gives the axis value at a fraction of the width, `length(f0, f1)` a
    bar's length in axis units (plotly's bars need a base and a length).
    """
    palette = palette_of(color_by) | {MUTED: MUTED_COLOR}
    xa, ya = axes
    bars = [p for p in layout.placed if not p.item.point]
    points = [p for p in layout.placed if p.item.point]
    traces: list[dict[str, Any]] = []

    def hover_of(group: Sequence[Placed]) -> dict[str, Any]:
        if hover is None:
            return {"hoverinfo": "skip"}
        return {
            "hovertext": [hover[p.item.key] for p in group],
            "hovertemplate": "%{hovertext}<extra></extra>",
        }

    if bars:
        colors = [palette[spans[p.item.key].color] for p in bars]
        styles = [BAR_STYLE[spans[p.item.key].kind] for p in bars]
        traces.append(
            {
                "type": "bar",
                "orientation": "h",
                "base": [to_x(p.bar_start) for p in bars],
                "x": [length(p.bar_start, p.bar_end) for p in bars],
                "y": [p.mark_y for p in bars],
                "width": layout.geometry.bar_px,
                "marker": {
                    "color": [rgba(c, s.fill_alpha) for c, s in zip(colors, styles, strict=True)],
                    "line": _outline(bars, spans, colors, 1.0),
                    "pattern": {
                        "shape": [s.pattern for s in styles],
                        "fgcolor": colors,
                        "size": 6,
                        "solidity": 0.3,
                        "fillmode": "overlay",
                    },
                },
                "customdata": [p.item.key for p in bars],
                "showlegend": False,
                "xaxis": xa,
                "yaxis": ya,
                **hover_of(bars),
            }
        )
    if points:
        kinds = [spans[p.item.key].kind for p in points]
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": [to_x(p.item.start) for p in points],
                "y": [p.mark_y for p in points],
                "marker": {
                    "symbol": [MARKER_STYLE[k]["symbol"] for k in kinds],
                    "size": [MARKER_STYLE[k]["size"] for k in kinds],
                    "color": [palette[spans[p.item.key].color] for p in points],
                    "line": _outline(points, spans, ["white"] * len(points), 1.0),
                },
                "customdata": [p.item.key for p in points],
                "cliponaxis": False,
                "showlegend": False,
                "xaxis": xa,
                "yaxis": ya,
                **hover_of(points),
            }
        )
    cut = [(p, 0.0, ARROW["symbol_left"]) for p in bars if p.cut_left]
    cut += [(p, 1.0, ARROW["symbol_right"]) for p in bars if p.cut_right]
    if cut:
        traces.append(
            {
                "type": "scatter",
                "mode": "markers",
                "x": [to_x(x) for _, x, _ in cut],
                "y": [p.mark_y for p, _, _ in cut],
                "marker": {
                    "symbol": [symbol for _, _, symbol in cut],
                    "size": ARROW["size"],
                    "color": [palette[spans[p.item.key].color] for p, _, _ in cut],
                },
                "cliponaxis": False,
                "hoverinfo": "skip",
                "showlegend": False,
                "xaxis": xa,
                "yaxis": ya,
            }
        )
    labelled = [p for p in layout.placed if p.lines]
    if labelled:
        traces.append(
            {
                "type": "scatter",
                "mode": "text",
                "x": [to_x(p.anchor) for p in labelled],
                "y": [p.label_y for p in labelled],
                "text": [_label_text(p) for p in labelled],
                "ids": [p.item.key for p in labelled],  # which event each label names
                "textposition": [f"middle {p.side}" for p in labelled],
                "textfont": {"size": font_px, "color": INK},
                "cliponaxis": False,
                "hoverinfo": "skip",
                "showlegend": False,
                "xaxis": xa,
                "yaxis": ya,
            }
        )
    return traces


def _outline(
    group: Sequence[Placed], spans: Mapping[str, Span], colors: list[str], width: float
) -> dict[str, Any]:
    """Marks' outlines: `colors` at `width`, dark and wider for corroborated events."""
    strong = [spans[p.item.key].corroborated for p in group]
    return {
        "color": [CORROBORATED["color"] if s else c for s, c in zip(strong, colors, strict=True)],
        "width": [CORROBORATED["width"] if s else width for s in strong],
    }


EM_SPACE = "\u2003"  # plotly anchors text at the point: this keeps a point's label off its mark


def _label_text(p: Placed) -> str:
    """A placed label as plotly text: escaped lines, a point's label an em from its mark."""
    lines = [esc(line) for line in p.lines]
    if p.item.point:
        lines = [EM_SPACE + x if p.side == "right" else x + EM_SPACE for x in lines]
    return "<br>".join(lines)


def shown_keys(events: pd.DataFrame, color_by: str) -> tuple[set[str], set[str]]:
    """The colour keys and the date precisions (as drawn) of these events: what a legend lists."""
    kinds = {p if p in PRECISION_ORDER else "range" for p in events["precision"].unique()}
    return set(events[color_by].unique()), kinds


def legend_entries(
    present: set[str], kinds: set[str], *, color_by: str, lang: str
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The colours and the date precisions shown (`shown_keys`), in vocabulary order, for a
    legend drawn outside plotly (the page's): ({color, label}...), ({kind, label}...)."""
    colors = [
        {"color": color, "label": label(color_by, value, lang)}
        for value, color in palette_of(color_by).items()
        if value in present
    ]
    precisions = [
        {"kind": kind, "label": label("date_precision", kind, lang)}
        for kind in PRECISION_ORDER
        if kind in kinds
    ]
    return colors, precisions


def legend_traces(
    colors: set[str], kinds: set[str], *, color_by: str, lang: str
) -> list[dict[str, Any]]:
    """Legend entries only (no data): a swatch per colour shown, then a grey key per date
    precision shown (`shown_keys`), in a second legend titled "Date precision"."""
    traces: list[dict[str, Any]] = []
    for value, color in palette_of(color_by).items():
        if value in colors:
            traces.append(
                {
                    "type": "scatter",
                    "x": [None],
                    "y": [None],
                    "mode": "markers",
                    "marker": {"symbol": "square", "size": 12, "color": color},
                    "name": esc(label(color_by, value, lang)),
                    "legendgroup": value,
                    "hoverinfo": "skip",
                }
            )
    for kind in PRECISION_ORDER:
        if kind not in kinds:
            continue
        common = {
            "x": [None],
            "y": [None],
            "name": esc(label("date_precision", kind, lang)),
            "legend": "legend2",
            "hoverinfo": "skip",
        }
        if kind in MARKER_STYLE:
            traces.append(
                {
                    "type": "scatter",
                    "mode": "markers",
                    "marker": {**MARKER_STYLE[kind], "color": NEUTRAL},
                    **common,
                }
            )
        else:
            style = BAR_STYLE[kind]
            traces.append(
                {
                    "type": "bar",
                    "orientation": "h",
                    "marker": {
                        "color": rgba(NEUTRAL, style.fill_alpha),
                        "line": {"color": NEUTRAL, "width": 1},
                        "pattern": {
                            "shape": style.pattern,
                            "fgcolor": NEUTRAL,
                            "size": 6,
                            "solidity": 0.3,
                        },
                    },
                    **common,
                }
            )
    return traces
