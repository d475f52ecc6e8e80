"""Every chart of the dashboard, as pure functions of the dataset's frames, in ONE registry.

`CHARTS` maps a chart id to a `ChartSpec`; pages show `spec.build(tables, lang=...)` and the
command line exports the same figures, so a chart looks the same on screen and in a file. The
input is always a `Tables` already cut to the filtered events (`subset_tables`), so every view
of one filter draws the same records. Nothing here imports Streamlit or kaleido.

Design choices a reader may ask about:
- The timeline draws uncertainty instead of hiding it: a day is a dot; a week, month, year or
  longer period is a pale bar over the whole interval, hatched differently per precision; an
  open start ("../2026-01-16") is a left-pointing triangle at the day it is known to hold by.
- Colours come from the Okabe–Ito palette (safe for the common colour-vision deficiencies),
  extended with Paul Tol's muted colours where a vocabulary has more than seven values.
- Dataset text goes into hover labels and tick labels, which plotly renders as a subset of
  HTML, so it is always `html.escape`d first.
"""

from __future__ import annotations

import datetime as dt
import html
import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from usmx import months
from usmx.i18n import count, label, t
from usmx.model import EventType, Role, Status
from usmx.months import DEFAULT_WINDOW, count_months
from usmx.palette import (  # noqa: F401 - re-exported: charts.STATUS_COLORS etc.
    EVENT_TYPE_COLORS,
    NEUTRAL,
    OKABE_ITO,
    PALETTES,
    ROLE_COLORS,
    STATUS_COLORS,
)
from usmx.tables import COUNTRY_LANES, Tables

FONT_FAMILY = "Noto Sans CJK TC, Noto Sans CJK SC, Noto Sans, sans-serif"
# plotly_white, cut to what bar and scatter charts on cartesian axes use, built once. Naming
# "plotly_white" deep-copied and validated its 7 KB (colour scales for 3-D, polar and geo
# traces we never draw) on every figure: a third of a chart's build time, and sent to every
# browser. A plain dict would be validated on every figure too.
_AXIS = {
    "gridcolor": "#EBF0F8",
    "linecolor": "#EBF0F8",
    "ticks": "",
    "title": {"standoff": 15},
    "zerolinecolor": "#EBF0F8",
    "automargin": True,
    "zerolinewidth": 2,
}
TEMPLATE = go.layout.Template(
    data={
        "bar": [
            {
                "marker": {
                    "line": {"color": "white", "width": 0.5},
                    "pattern": {"fillmode": "overlay", "size": 10, "solidity": 0.2},
                }
            }
        ],
        "scatter": [{"fillpattern": {"fillmode": "overlay", "size": 10, "solidity": 0.2}}],
    },
    layout={
        "annotationdefaults": {"arrowcolor": "#2a3f5f", "arrowhead": 0, "arrowwidth": 1},
        "autotypenumbers": "strict",
        "font": {"color": "#2a3f5f"},
        "hoverlabel": {"align": "left"},
        "hovermode": "closest",
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "shapedefaults": {"line": {"color": "#2a3f5f"}},
        "title": {"x": 0.05},
        "xaxis": _AXIS,
        "yaxis": _AXIS,
    },
)
LANES = ("country", "event_type")
COLOR_BY = ("status", "event_type")
DAY = pd.Timedelta(days=1)
MS_PER_DAY = 86_400_000


# How each precision is drawn. Bars are pale (fill_alpha) and hatched: the denser the
# hatching, the shorter the interval, so a year never reads as precisely as a week.
BAR_PRECISIONS = ("week", "month", "year", "range")
BAR_STYLE = {
    "week": {"fill_alpha": 0.55, "pattern": ""},
    "month": {"fill_alpha": 0.35, "pattern": "/"},
    "year": {"fill_alpha": 0.25, "pattern": "x"},
    "range": {"fill_alpha": 0.15, "pattern": "."},
}
MARKER_STYLE = {
    "day": {"symbol": "circle", "size": 11},
    "open": {"symbol": "triangle-left", "size": 13},
}
PRECISION_ORDER = ("day", "week", "month", "year", "range", "open")
ROW_PX = 20  # height of one sub-row of the timeline
MAX_SUB_ROWS = 40  # per lane (see timeline_items); the article needs 24 at most
# Past this many events the timeline draws counts per month (timeline_density_figure).
MAX_TIMELINE_EVENTS = 2_000
BAR_WIDTH = 0.7  # in sub-rows


# --- shared helpers ---------------------------------------------------------------------------


def esc(text: Any) -> str:
    """Escape dataset text for plotly labels (they render a subset of HTML)."""
    return html.escape(str(text), quote=False)


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, the cut marked with an ellipsis (for axis labels)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def rgba(hex_color: str, alpha: float) -> str:
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def wrap(text: str, lang: str, width_en: int = 60, width_zh: int = 30) -> list[str]:
    """Lines short enough for a hover label; Chinese has no spaces, so it wraps by characters."""
    if lang == "zh-Hant" and " " not in text.strip():
        return [text[i : i + width_zh] for i in range(0, len(text), width_zh)] or [""]
    return textwrap.wrap(text, width_en) or [""]


def base_layout(fig: go.Figure, title: str, *, height: int, subtitle: str | None = None) -> None:
    fig.update_layout(
        template=TEMPLATE,
        font={"family": FONT_FAMILY, "size": 13},
        title={
            "text": esc(title),
            "x": 0,
            "xanchor": "left",
            "font": {"size": 17},
            **({"subtitle": {"text": esc(subtitle), "font": {"size": 12}}} if subtitle else {}),
        },
        height=height,
        margin={"l": 10, "r": 10, "t": 80 if subtitle else 60, "b": 50},
        hoverlabel={"font": {"family": FONT_FAMILY}, "align": "left"},
    )


def empty_figure(title: str, lang: str, height: int = 320) -> go.Figure:
    """A blank chart that says nothing matches, so an empty filter never raises."""
    fig = go.Figure()
    base_layout(fig, title, height=height)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.add_annotation(
        text=esc(t("empty.no_match", lang)),
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        font={"size": 15, "color": NEUTRAL},
    )
    return fig


def subset_tables(tables: Tables, event_ids: Iterable[str]) -> Tables:
    """The frames cut to these events (in dataset order); actors and places stay whole."""
    ids = set(event_ids)
    ev = tables.events
    return replace(
        tables,
        events=ev[ev["id"].isin(ids)].reset_index(drop=True),
        event_actors=tables.event_actors[tables.event_actors["event_id"].isin(ids)].reset_index(
            drop=True
        ),
        event_places=tables.event_places[tables.event_places["event_id"].isin(ids)].reset_index(
            drop=True
        ),
    )


def actor_names(tables: Tables, lang: str) -> dict[str, str]:
    col = "name_zh" if lang == "zh-Hant" else "name_en"
    return dict(zip(tables.actors["id"], tables.actors[col], strict=True))


def event_title(row: Mapping[str, Any], lang: str) -> str:
    return row["title_zh"] if lang == "zh-Hant" else row["title_en"]


def window_for(
    date_from: dt.date | None, date_to: dt.date | None
) -> tuple[dt.date, dt.date] | None:
    """The timeline's window for a filter's date range: the range itself, else the default."""
    if date_from is None and date_to is None:
        return DEFAULT_WINDOW
    lo = date_from or DEFAULT_WINDOW[0]
    hi = date_to or DEFAULT_WINDOW[1]
    return (lo, hi) if lo <= hi else DEFAULT_WINDOW


def selected_event_ids(selection: Mapping[str, Any] | None) -> list[str]:
    """Event ids from a plotly selection (Streamlit's `state.selection`), in click order."""
    points = (selection or {}).get("points") or []
    ids: list[str] = []
    for point in points:
        value = point.get("customdata")
        if isinstance(value, list | tuple):
            value = value[0] if value else None
        if isinstance(value, str) and value not in ids:
            ids.append(value)
    return ids


# --- timeline ---------------------------------------------------------------------------------


def _interval(row: Mapping[str, Any]) -> tuple[pd.Timestamp, pd.Timestamp]:
    """Start and exclusive end of the days an event covers; an open start is its end day."""
    end = pd.Timestamp(row["end"]) + DAY
    start = row["start"]
    return (end - DAY if pd.isna(start) else pd.Timestamp(start)), end


def lane_order(lanes: str) -> tuple[str, ...]:
    if lanes == "country":
        return COUNTRY_LANES
    if lanes == "event_type":
        return tuple(e.value for e in EventType)
    raise ValueError(f"unknown lanes {lanes!r}; expected one of {LANES}")


def lane_label(lanes: str, lane: str, lang: str) -> str:
    return t(f"country.{lane}", lang) if lanes == "country" else label("event_type", lane, lang)


def timeline_items(
    events: pd.DataFrame,
    *,
    lanes: str = "country",
    window: tuple[dt.date, dt.date] | None = DEFAULT_WINDOW,
) -> pd.DataFrame:
    """Where each event goes: its lane, its sub-row within the lane and its y position.

    Items that overlap in time (a dot counts as a few days either side, at the window's
    scale) go on separate sub-rows, first come first served in (start, dataset order), so
    the same input always gives the same picture and no bar hides another. A lane has at
    most MAX_SUB_ROWS sub-rows: past that (thousands of events at once, only in generated
    data) an item shares the sub-row that frees up first, so the chart keeps a readable
    height and is built in linear time.
    """
    order = lane_order(lanes)
    column = "country_lane" if lanes == "country" else "event_type"
    if events.empty:
        return pd.DataFrame()
    items = events.copy()
    x1 = pd.to_datetime(items["end"]) + DAY
    x0 = pd.to_datetime(items["start"])
    items["lane"] = items[column]
    items["kind"] = items["precision"].where(items["precision"].isin(PRECISION_ORDER), "range")
    items["x0"] = x0.where(x0.notna(), x1 - DAY)
    items["x1"] = x1
    first, last = _full_range(items) if window is None else _window_range(window)
    pad = (last - first) * 0.008  # a dot's half width, about 5 px on a 900 px axis
    marker = items["kind"].isin(list(MARKER_STYLE))
    mid = items["x1"] - DAY / 2
    occ0 = items["x0"].where(~marker, mid - pad).to_numpy("datetime64[ns]").astype("int64")
    occ1 = items["x1"].where(~marker, mid + pad).to_numpy("datetime64[ns]").astype("int64")
    rank = {lane: i for i, lane in enumerate(order)}
    lane_rank = items["lane"].map(lambda v: rank.get(v, len(order))).to_numpy()
    # Sorted by (lane, occupied start, dataset order): the packing below is deterministic.
    sequence = sorted(
        range(len(items)), key=lambda i: (lane_rank[i], occ0[i], items["order"].iat[i])
    )
    gap = int(pad.value) // 2
    sub_row = [0] * len(items)
    lane_rows: dict[int, int] = {}  # lane rank -> sub-rows used
    ends: list[int] = []  # per sub-row of the current lane, where its last item stops
    current = None
    for i in sequence:
        if lane_rank[i] != current:
            if current is not None:
                lane_rows[current] = len(ends)
            current, ends = lane_rank[i], []
        start = occ0[i]
        free = next((r for r, stop in enumerate(ends) if stop + gap <= start), None)
        if free is None:
            if len(ends) < MAX_SUB_ROWS:
                ends.append(0)
                free = len(ends) - 1
            else:
                free = min(range(len(ends)), key=ends.__getitem__)
        ends[free] = max(ends[free], occ1[i])
        sub_row[i] = free
    if current is not None:
        lane_rows[current] = len(ends)
    offsets, offset = {}, 0
    for r in sorted(lane_rows):
        offsets[r] = offset
        offset += lane_rows[r]
    items["sub_row"] = sub_row
    items["y"] = [offsets[r] + s for r, s in zip(lane_rank, sub_row, strict=True)]
    return items.sort_values("order").reset_index(drop=True)


def _window_range(window: tuple[dt.date, dt.date]) -> tuple[pd.Timestamp, pd.Timestamp]:
    return pd.Timestamp(window[0]), pd.Timestamp(window[1]) + DAY


def _full_range(items: pd.DataFrame) -> tuple[pd.Timestamp, pd.Timestamp]:
    return items["x0"].min(), items["x1"].max()


def _date_line(row: Mapping[str, Any], lang: str) -> str:
    precision = label("date_precision", row["precision"], lang)
    if row["precision"] == "open":
        return f"EDTF {esc(row['date'])} · {esc(precision)} {pd.Timestamp(row['end']):%Y-%m-%d}"
    return f"EDTF {esc(row['date'])} · {esc(precision)}"


def event_hovertext(tables: Tables, lang: str) -> dict[str, str]:
    """Per event id, the escaped hover label: title, dates, actors with roles, status."""
    names = actor_names(tables, lang)
    sep = "、" if lang == "zh-Hant" else ", "
    colon = "：" if lang == "zh-Hant" else ": "
    roles: dict[str, list[str]] = {}
    for link in tables.event_actors.itertuples():
        who = esc(names.get(link.actor_id, link.actor_id))
        role = esc(label("role", link.role, lang))
        text = f"{who}（{role}）" if lang == "zh-Hant" else f"{who} ({role})"
        roles.setdefault(link.event_id, []).append(text)
    out = {}
    for row in tables.events.to_dict("records"):
        title_lines = "<br>".join(esc(line) for line in wrap(event_title(row, lang), lang))
        stated = row["date_text"] or t("chart.hover.no_date_text", lang)
        actors = roles.get(row["id"], [])
        actor_lines = "<br>".join(sep.join(actors[i : i + 3]) for i in range(0, len(actors), 3))
        out[row["id"]] = (
            f"<b>{title_lines}</b><br>"
            f"{esc(t('word.as_stated', lang))}{colon}{esc(stated)}<br>"
            f"{_date_line(row, lang)}<br>"
            f"{esc(t('word.actors', lang))}{colon}{actor_lines}<br>"
            f"{esc(t('word.status', lang))}{colon}{esc(label('status', row['status'], lang))}"
        )
    return out


def _legend_swatch(name: str, color: str, group: str) -> go.Scatter:
    """A legend entry only (no data): one per colour, so the legend lists each colour once."""
    return go.Scatter(
        x=[None],
        y=[None],
        mode="markers",
        marker={"symbol": "square", "size": 12, "color": color},
        name=esc(name),
        legendgroup=group,
        showlegend=True,
        hoverinfo="skip",
    )


def _precision_key(kind: str, lang: str) -> go.Scatter | go.Bar:
    """A grey entry in the second legend showing how one date precision is drawn."""
    text = esc(label("date_precision", kind, lang))
    if kind in MARKER_STYLE:
        return go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            marker={**MARKER_STYLE[kind], "color": NEUTRAL},
            name=text,
            legend="legend2",
            hoverinfo="skip",
        )
    style = BAR_STYLE[kind]
    return go.Bar(
        x=[None],
        y=[None],
        orientation="h",
        marker={
            "color": rgba(NEUTRAL, style["fill_alpha"]),
            "line": {"color": NEUTRAL, "width": 1},
            "pattern": {"shape": style["pattern"], "fgcolor": NEUTRAL, "size": 6, "solidity": 0.3},
        },
        name=text,
        legend="legend2",
        hoverinfo="skip",
    )


def timeline_figure(
    tables: Tables,
    *,
    lang: str,
    lanes: str = "country",
    window: tuple[dt.date, dt.date] | None = DEFAULT_WINDOW,
    color_by: str = "status",
    published: dt.date | None = None,
) -> go.Figure:
    """The main timeline: lanes by initiating country or event type, uncertainty drawn.

    `window` is the date range shown first (None: every event's full range, back to 1846);
    zooming out or "autoscale" in the chart still reaches every event. `published` draws the
    article's publication day as a vertical line.
    """
    title = t("chart.timeline.title", lang)
    if color_by not in PALETTES:
        raise ValueError(f"unknown color_by {color_by!r}; expected one of {COLOR_BY}")
    if len(tables.events) > MAX_TIMELINE_EVENTS:
        return timeline_density_figure(
            tables, lang=lang, window=window, color_by=color_by, published=published
        )
    items = timeline_items(tables.events, lanes=lanes, window=window)
    if items.empty:
        return empty_figure(title, lang)
    hover = event_hovertext(tables, lang)
    palette = PALETTES[color_by]
    fig = go.Figure()
    groups = dict(iter(items.groupby(["kind", color_by], sort=False)))
    # Bars first, dots on top; within each, colours in vocabulary order: a stable drawing.
    for kind in (*BAR_PRECISIONS, "open", "day"):
        for key, color in palette.items():
            group = groups.get((kind, key.value))
            if group is None:
                continue
            common = {
                "y": group["y"].tolist(),
                "customdata": group["id"].tolist(),
                "hovertext": [hover[i] for i in group["id"]],
                "hovertemplate": "%{hovertext}<extra></extra>",
                "legendgroup": key.value,
                "showlegend": False,
                "name": esc(label(color_by, key.value, lang)),
            }
            if kind in MARKER_STYLE:
                mid = group["x1"] - DAY / 2
                fig.add_trace(
                    go.Scatter(
                        x=[ts.isoformat() for ts in mid],
                        mode="markers",
                        marker={
                            **MARKER_STYLE[kind],
                            "color": color,
                            "line": {"color": "white", "width": 1},
                        },
                        cliponaxis=False,
                        **common,
                    )
                )
            else:
                style = BAR_STYLE[kind]
                fig.add_trace(
                    go.Bar(
                        base=[ts.date().isoformat() for ts in group["x0"]],
                        x=((group["x1"] - group["x0"]) / pd.Timedelta(milliseconds=1)).tolist(),
                        orientation="h",
                        width=BAR_WIDTH,
                        marker={
                            "color": rgba(color, style["fill_alpha"]),
                            "line": {"color": color, "width": 1},
                            "pattern": {
                                "shape": style["pattern"],
                                "fgcolor": color,
                                "size": 6,
                                "solidity": 0.3,
                                "fillmode": "overlay",
                            },
                        },
                        **common,
                    )
                )
    shown_keys = [k for k in palette if k.value in set(items[color_by])]
    for key in shown_keys:
        fig.add_trace(_legend_swatch(label(color_by, key.value, lang), palette[key], key.value))
    for kind in PRECISION_ORDER:
        if kind in set(items["kind"]):
            fig.add_trace(_precision_key(kind, lang))

    # Lanes: a label at each lane's middle, a rule between lanes.
    lanes_present = [lane for lane in lane_order(lanes) if lane in set(items["lane"])]
    tickvals, ticktext, shapes = [], [], []
    for i, lane in enumerate(lanes_present):
        ys = items.loc[items["lane"] == lane, "y"]
        tickvals.append((ys.min() + ys.max()) / 2)
        ticktext.append(esc(lane_label(lanes, lane, lang)))
        if i % 2:  # a faint band behind every other lane
            shapes.append(
                {
                    "type": "rect",
                    "xref": "paper",
                    "x0": 0,
                    "x1": 1,
                    "y0": ys.min() - 0.5,
                    "y1": ys.max() + 0.5,
                    "fillcolor": "rgba(0,0,0,0.035)",
                    "line": {"width": 0},
                    "layer": "below",
                }
            )
        if i:
            shapes.append(
                {
                    "type": "line",
                    "xref": "paper",
                    "x0": 0,
                    "x1": 1,
                    "y0": ys.min() - 0.5,
                    "y1": ys.min() - 0.5,
                    "line": {"color": "#BBBBBB", "width": 1},
                    "layer": "below",
                }
            )
    n_rows = int(items["y"].max()) + 1

    first, last = _full_range(items) if window is None else _window_range(window)
    pad = (last - first) * 0.01
    outside = 0
    subtitle = None
    if window is not None:
        lo, hi = _window_range(window)
        out = items[(items["x1"] <= lo) | (items["x0"] >= hi)]
        outside = len(out)
        if outside:
            subtitle = t(
                "chart.timeline.outside",
                lang,
                n=outside,
                first=f"{out['x0'].min():%Y}",
                last=f"{(out['x1'].max() - DAY):%Y}",
            )
    base_layout(fig, title, height=max(360, 150 + ROW_PX * n_rows), subtitle=subtitle)
    fig.update_layout(
        barmode="overlay",  # sub-rows already keep items apart; never shift bars sideways
        shapes=shapes,
        hovermode="closest",
        dragmode="zoom",
        legend={
            "title": {"text": esc(label("chart.legend", color_by, lang))},
            "x": 1.01,
            "y": 1,
            "yanchor": "top",
            "xanchor": "left",
            "tracegroupgap": 2,
        },
        legend2={
            "title": {"text": esc(t("chart.legend.precision", lang))},
            "x": 1.01,
            "y": 0,
            "yanchor": "bottom",
            "xanchor": "left",
            "itemclick": False,
            "itemdoubleclick": False,
        },
        margin={"r": 10, "b": 60, "t": 115 if subtitle else 95},
    )
    fig.update_xaxes(
        type="date",
        range=[(first - pad).isoformat(), (last + pad).isoformat()],
        rangeselector={
            # Steps back from the right edge of the current view; "all" reaches 1846.
            "buttons": [
                {
                    "count": 1,
                    "step": "month",
                    "stepmode": "backward",
                    "label": esc(t("chart.range.month", lang)),
                },
                {
                    "count": 6,
                    "step": "month",
                    "stepmode": "backward",
                    "label": esc(t("chart.range.half_year", lang)),
                },
                {"step": "all", "label": esc(t("chart.range.all", lang))},
            ],
            "x": 0,
            "xanchor": "left",
            "y": 1.0,
            "yanchor": "bottom",
            "font": {"size": 11},
        },
        title={"text": esc(t("word.date", lang))},
        tickformat="%Y-%m" if window is not None else "%Y",
        showgrid=True,
        gridcolor="#EEEEEE",
        zeroline=False,
    )
    fig.update_yaxes(
        range=[n_rows - 0.5, -0.5],  # first lane on top
        tickvals=tickvals,
        ticktext=ticktext,
        title={"text": esc(t(f"chart.axis.lane_{lanes}", lang))},
        showgrid=False,
        zeroline=False,
        fixedrange=True,  # zoom in time only; lanes stay put
    )
    if published is not None:
        day = pd.Timestamp(published) + DAY / 2
        fig.add_shape(
            type="line",
            x0=day.isoformat(),
            x1=day.isoformat(),
            xref="x",
            yref="paper",
            y0=0,
            y1=1,
            line={"color": "#333333", "width": 1.5, "dash": "dot"},
        )
        fig.add_annotation(
            x=day.isoformat(),
            y=1,
            xref="x",
            yref="paper",
            yanchor="bottom",
            xanchor="right",
            showarrow=False,
            text=esc(t("chart.published", lang, date=published.isoformat())),
            font={"size": 11, "color": "#333333"},
        )
    return fig


def timeline_density_figure(
    tables: Tables,
    *,
    lang: str,
    window: tuple[dt.date, dt.date] | None = DEFAULT_WINDOW,
    color_by: str = "status",
    published: dt.date | None = None,
) -> go.Figure:
    """The timeline for more than MAX_TIMELINE_EVENTS events: stacked counts per month.

    One mark per event stops being readable (and drawable in a browser) long before 100,000
    events; like the map's grid cells, the view switches to an aggregate and says so.
    Each event counts in the month holding most of its days (`usmx.months.month_of`).
    """
    events = tables.events
    x1 = pd.to_datetime(events["end"]) + DAY
    x0 = pd.to_datetime(events["start"]).fillna(x1 - DAY)
    mid = x0 + (x1 - x0) / 2 - pd.Timedelta(seconds=1)
    frame = pd.DataFrame({"month": mid.dt.to_period("M").dt.start_time, "key": events[color_by]})
    counts = frame.groupby(["month", "key"]).size().unstack(fill_value=0)
    palette = PALETTES[color_by]
    fig = go.Figure()
    for key, color in palette.items():
        if key.value not in counts.columns:
            continue
        name = esc(label(color_by, key.value, lang))
        fig.add_trace(
            go.Bar(
                x=[m.date().isoformat() for m in counts.index],
                y=counts[key.value].tolist(),
                name=name,
                marker={"color": color},
                hovertemplate=f"%{{x|%Y-%m}} · {name}: %{{y}}<extra></extra>",
                xperiod="M1",
                xperiodalignment="start",
            )
        )
    subtitle = t("chart.timeline.aggregated", lang, n=len(events), max=MAX_TIMELINE_EVENTS)
    base_layout(fig, t("chart.timeline.title", lang), height=420, subtitle=subtitle)
    first, last = (x0.min(), x1.max()) if window is None else _window_range(window)
    fig.update_layout(
        barmode="stack",
        bargap=0.1,
        legend={"title": {"text": esc(label("chart.legend", color_by, lang))}},
        margin={"t": 110},
    )
    fig.update_xaxes(
        type="date",
        range=[first.isoformat(), last.isoformat()],
        title={"text": esc(t("word.date", lang))},
        tickformat="%Y-%m",
    )
    fig.update_yaxes(title={"text": esc(t("chart.axis.events", lang))}, rangemode="tozero")
    if published is not None:
        day = (pd.Timestamp(published) + DAY / 2).isoformat()
        fig.add_shape(
            type="line",
            x0=day,
            x1=day,
            xref="x",
            yref="paper",
            y0=0,
            y1=1,
            line={"color": "#333333", "width": 1.5, "dash": "dot"},
        )
    return fig


# --- counts -----------------------------------------------------------------------------------


def _count_axis(fig: go.Figure, lang: str, axis: str = "x") -> None:
    update = fig.update_xaxes if axis == "x" else fig.update_yaxes
    update(
        title={"text": esc(t("chart.axis.events", lang))},
        rangemode="tozero",
        dtick=1 if _max_count(fig) <= 10 else None,
        gridcolor="#EEEEEE",
    )


def _max_count(fig: go.Figure) -> float:
    totals: dict[Any, float] = {}
    for trace in fig.data:
        values = trace.x if trace.orientation == "h" else trace.y
        cats = trace.y if trace.orientation == "h" else trace.x
        for cat, value in zip(cats or (), values or (), strict=False):
            totals[cat] = totals.get(cat, 0) + (value or 0)
    return max(totals.values(), default=0)


def type_counts(events: pd.DataFrame) -> pd.Series:
    """Events per type, most first; ties in the taxonomy's order."""
    order = [e.value for e in EventType]
    counts = events["event_type"].value_counts() if not events.empty else pd.Series(dtype=int)
    present = [v for v in order if counts.get(v, 0)]
    return pd.Series({v: int(counts[v]) for v in present}).sort_values(
        ascending=False, kind="stable"
    )


def events_by_type_figure(tables: Tables, *, lang: str) -> go.Figure:
    """Horizontal bars: how many filtered events there are of each type."""
    title = t("chart.events_by_type.title", lang)
    counts = type_counts(tables.events)
    if counts.empty:
        return empty_figure(title, lang)
    counts = counts.iloc[::-1]  # plotly draws the first category at the bottom
    labels = [esc(label("event_type", v, lang)) for v in counts.index]
    fig = go.Figure(
        go.Bar(
            x=counts.tolist(),
            y=labels,
            orientation="h",
            marker={"color": [EVENT_TYPE_COLORS[EventType(v)] for v in counts.index]},
            text=counts.tolist(),
            textposition="outside",
            cliponaxis=False,
            customdata=list(counts.index),
            hovertemplate="%{y}: %{x}<extra></extra>",
            showlegend=False,
        )
    )
    base_layout(fig, title, height=max(300, 110 + 30 * len(counts)))
    fig.update_layout(margin={"r": 30})
    _count_axis(fig, lang, "x")
    return fig


TOP_ACTORS = 10
TICK_CHARS = 22  # longer actor names are cut on the axis, so the bars keep their room


def actor_role_counts(tables: Tables, top: int = TOP_ACTORS) -> pd.DataFrame:
    """Top actors by number of filtered events, with events per role (one row per actor).

    Columns: actor_id, events (distinct events), then one column per role. Ties keep the
    dataset's actor order.
    """
    links = tables.event_actors
    roles = [r.value for r in Role]
    if links.empty:
        return pd.DataFrame(columns=["actor_id", "events", *roles])
    per_role = (
        links.drop_duplicates(["event_id", "actor_id", "role"])
        .pivot_table(index="actor_id", columns="role", values="event_id", aggfunc="count")
        .reindex(columns=roles)
        .fillna(0)
        .astype(int)
    )
    distinct = links.drop_duplicates(["event_id", "actor_id"]).groupby("actor_id").size()
    actor_rank = {a: i for i, a in enumerate(tables.actors["id"])}
    frame = per_role.assign(events=distinct).reset_index()
    frame["rank"] = frame["actor_id"].map(lambda a: actor_rank.get(a, len(actor_rank)))
    frame = frame.sort_values(["events", "rank"], ascending=[False, True]).head(top)
    return frame[["actor_id", "events", *roles]].reset_index(drop=True)


def actor_involvement_figure(tables: Tables, *, lang: str, top: int = TOP_ACTORS) -> go.Figure:
    """Stacked horizontal bars: the actors in the most filtered events, split by role."""
    title = t("chart.actor_involvement.title", lang)
    counts = actor_role_counts(tables, top)
    if counts.empty:
        return empty_figure(title, lang)
    names = actor_names(tables, lang)
    counts = counts.iloc[::-1]  # most involved on top
    ids = counts["actor_id"].tolist()
    fig = go.Figure()
    for role, color in ROLE_COLORS.items():
        values = counts[role.value]
        if not values.any():
            continue
        role_label = esc(label("role", role.value, lang))
        fig.add_trace(
            go.Bar(
                x=values.tolist(),
                y=ids,
                orientation="h",
                name=role_label,
                marker={"color": color},
                customdata=ids,
                hovertext=[esc(names.get(a, a)) for a in ids],
                hovertemplate=f"%{{hovertext}}<br>{role_label}: %{{x}}<extra></extra>",
            )
        )
    base_layout(fig, title, height=max(360, 240 + 26 * len(ids)))
    fig.update_layout(
        barmode="stack",
        legend={
            # At the figure's foot (not the plot's), so wrapping in a narrow column never
            # reaches the axis title or the chart title.
            "title": {"text": esc(t("word.role", lang))},
            "orientation": "h",
            "xref": "container",
            "yref": "container",
            "x": 0.01,
            "y": 0.01,
            "yanchor": "bottom",
            "traceorder": "normal",
        },
        margin={"b": 150},
    )
    fig.update_yaxes(
        tickvals=ids,
        ticktext=[esc(shorten(names.get(a, a), TICK_CHARS)) for a in ids],  # full in hover
        categoryorder="array",
        categoryarray=ids,
    )
    _count_axis(fig, lang, "x")
    return fig


def _month_counts(events: pd.DataFrame, window: tuple[dt.date, dt.date]) -> months.MonthCounts:
    return count_months(
        (
            (
                None if pd.isna(row["start"]) else pd.Timestamp(row["start"]).date(),
                pd.Timestamp(row["end"]).date(),
                row["precision"],
                row["status"],
            )
            for row in events[["start", "end", "precision", "status"]].to_dict("records")
        ),
        window,
    )


def month_counts(
    events: pd.DataFrame, window: tuple[dt.date, dt.date] = DEFAULT_WINDOW
) -> pd.DataFrame:
    """Events dated to a day, week or month, per month of the window and status.

    The rule is `usmx.months.count_months` (shared with the overview's light chart). Rows:
    one per month ("YYYY-MM"); columns: one per status, then "total". `frame.attrs` holds
    "longer" (events dated only to a year or a longer or open-ended period, which no single
    month can stand for) and "outside" (precisely dated events before or after the window).
    """
    statuses = [s.value for s in Status]
    counts = _month_counts(events, window)
    frame = pd.DataFrame(
        {"month": counts.months, **{s: counts.by_status[s] for s in statuses}},
        columns=["month", *statuses],
    )
    frame["total"] = frame[statuses].sum(axis=1)
    frame.attrs.update(longer=counts.longer, outside=counts.outside)
    return frame


def events_by_month_figure(
    tables: Tables, *, lang: str, window: tuple[dt.date, dt.date] | None = DEFAULT_WINDOW
) -> go.Figure:
    """The compact timeline: precisely dated events per month around the article.

    Events known only to a year or a longer period are not spread over months (that would
    invent precision); the subtitle counts them and points to the full timeline.
    """
    window = window or DEFAULT_WINDOW
    title = t("chart.events_by_month.title", lang)
    if tables.events.empty:
        return empty_figure(title, lang, height=300)
    counts = month_counts(tables.events, window)
    notes = []
    if counts.attrs["longer"]:
        notes.append(t("chart.events_by_month.longer", lang, n=counts.attrs["longer"]))
    if counts.attrs["outside"]:
        notes.append(t("chart.events_by_month.outside", lang, n=counts.attrs["outside"]))
    fig = go.Figure()
    for status, color in STATUS_COLORS.items():
        values = counts[status.value]
        if not values.any():
            continue
        name = esc(label("status", status.value, lang))
        fig.add_trace(
            go.Bar(
                x=counts["month"].tolist(),
                y=values.tolist(),
                name=name,
                marker={"color": color},
                hovertemplate=f"%{{x}} · {name}: %{{y}}<extra></extra>",
            )
        )
    base_layout(fig, title, height=340, subtitle=" ".join(notes) or None)
    fig.update_layout(
        barmode="stack",
        bargap=0.3,
        legend={
            "title": {"text": esc(t("chart.legend.status", lang))},
            "orientation": "h",
            "x": 0,
            "y": 1.0,
            "yanchor": "bottom",
            "traceorder": "normal",
        },
        margin={"t": 120 if notes else 100},
    )
    fig.update_xaxes(
        type="category",
        title={"text": esc(t("chart.axis.month", lang))},
        tickangle=-45,
        categoryorder="array",
        categoryarray=counts["month"].tolist(),
    )
    fig.update_yaxes(
        title={"text": esc(t("chart.axis.events", lang))},
        rangemode="tozero",
        gridcolor="#EEEEEE",
        dtick=1 if counts["total"].max() <= 6 else None,
    )
    return fig


# --- text alternatives ------------------------------------------------------------------------


def _span_text(events: pd.DataFrame) -> tuple[str, str]:
    starts = events["start"].fillna(events["end"])
    return f"{starts.min():%Y-%m}", f"{events['end'].max():%Y-%m}"


def timeline_summary(tables: Tables, lang: str) -> str:
    ev = tables.events
    if ev.empty:
        return t("empty.no_match", lang)
    first, last = _span_text(ev)
    return t("chart.timeline.alt", lang, n=len(ev), first=first, last=last)


def timeline_table(tables: Tables, lang: str) -> pd.DataFrame:
    ev = tables.events
    return pd.DataFrame(
        {
            t("word.title", lang): [event_title(r, lang) for r in ev.to_dict("records")],
            "EDTF": ev["date"].tolist(),
            t("chart.col.precision", lang): [
                label("date_precision", p, lang) for p in ev["precision"]
            ],
            t("word.as_stated", lang): ev["date_text"].tolist(),
            t("word.type", lang): [label("event_type", v, lang) for v in ev["event_type"]],
            t("word.status", lang): [label("status", v, lang) for v in ev["status"]],
        }
    )


def events_by_type_summary(tables: Tables, lang: str) -> str:
    counts = type_counts(tables.events)
    if counts.empty:
        return t("empty.no_match", lang)
    return t(
        "chart.events_by_type.alt",
        lang,
        events=count("events", int(counts.sum()), lang),
        types=count("event_types", len(counts), lang),
        top=label("event_type", counts.index[0], lang),
        count=int(counts.iloc[0]),
    )


def events_by_type_table(tables: Tables, lang: str) -> pd.DataFrame:
    counts = type_counts(tables.events)
    return pd.DataFrame(
        {
            t("word.type", lang): [label("event_type", v, lang) for v in counts.index],
            t("word.count", lang): counts.tolist(),
        }
    )


def actor_involvement_summary(tables: Tables, lang: str) -> str:
    counts = actor_role_counts(tables)
    if counts.empty:
        return t("empty.no_match", lang)
    names = actor_names(tables, lang)
    top = counts.iloc[0]
    return t(
        "chart.actor_involvement.alt",
        lang,
        top=names.get(top["actor_id"], top["actor_id"]),
        events=count("events", int(top["events"]), lang),
    )


def actor_involvement_table(tables: Tables, lang: str) -> pd.DataFrame:
    counts = actor_role_counts(tables)
    names = actor_names(tables, lang)
    out = pd.DataFrame(
        {
            t("word.actors", lang): [names.get(a, a) for a in counts["actor_id"]],
            t("word.events", lang): counts["events"].tolist(),
        }
    )
    for role in Role:
        out[label("role", role.value, lang)] = counts[role.value].tolist()
    return out


def events_by_month_summary(tables: Tables, lang: str) -> str:
    if tables.events.empty:
        return t("empty.no_match", lang)
    return months.summary(_month_counts(tables.events, DEFAULT_WINDOW), lang)


def events_by_month_table(tables: Tables, lang: str) -> pd.DataFrame:
    counts = month_counts(tables.events)
    out = pd.DataFrame({t("chart.axis.month", lang): counts["month"].tolist()})
    for status in Status:
        out[label("status", status.value, lang)] = counts[status.value].tolist()
    out[t("chart.col.total", lang)] = counts["total"].tolist()
    return out if not tables.events.empty else out.iloc[0:0]


# --- actor network (drawn by usmx.network_chart; imported on first use: networkx is slow) -----


def network_figure(tables: Tables, *, lang: str) -> go.Figure:
    from usmx.network_chart import figure_from_tables

    return figure_from_tables(tables, lang=lang)


def network_summary(tables: Tables, lang: str) -> str:
    from usmx.network_chart import summary_from_tables

    return summary_from_tables(tables, lang)


def network_table(tables: Tables, lang: str) -> pd.DataFrame:
    from usmx.network_chart import table_from_tables

    return table_from_tables(tables, lang)


# --- registry ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class ChartSpec:
    """One chart: how to build it, describe it in words, tabulate it, and its export size.

    `build(tables, *, lang, **opts)` takes frames already cut to the filtered events;
    `height=None` exports at the figure's own height (the timeline grows with its rows).
    """

    id: str
    title_key: str
    build: Callable[..., go.Figure]
    summary: Callable[[Tables, str], str]
    table: Callable[[Tables, str], pd.DataFrame]
    width: int = 1000
    height: int | None = None
    options: Sequence[str] = ()  # keyword options `build` accepts besides `lang`

    def export_size(self, fig: go.Figure) -> tuple[int, int]:
        return self.width, self.height or int(fig.layout.height or 500)

    def figure(self, tables: Tables, *, lang: str, **opts: Any) -> go.Figure:
        """Build with only the options this chart takes (callers may pass a shared set)."""
        return self.build(tables, lang=lang, **{k: v for k, v in opts.items() if k in self.options})


CHARTS: dict[str, ChartSpec] = {
    spec.id: spec
    for spec in (
        ChartSpec(
            "timeline",
            "chart.timeline.title",
            timeline_figure,
            timeline_summary,
            timeline_table,
            width=1400,
            options=("lanes", "window", "color_by", "published"),
        ),
        ChartSpec(
            "events_by_type",
            "chart.events_by_type.title",
            events_by_type_figure,
            events_by_type_summary,
            events_by_type_table,
            width=900,
        ),
        ChartSpec(
            "actor_involvement",
            "chart.actor_involvement.title",
            actor_involvement_figure,
            actor_involvement_summary,
            actor_involvement_table,
            width=900,
            options=("top",),
        ),
        ChartSpec(
            "events_by_month",
            "chart.events_by_month.title",
            events_by_month_figure,
            events_by_month_summary,
            events_by_month_table,
            width=1000,
            options=("window",),
        ),
        ChartSpec(
            "network",
            "chart.network.title",
            network_figure,
            network_summary,
            network_table,
            width=1300,
        ),
    )
}


def chronological_ids(events: pd.DataFrame) -> list[str]:
    """Event ids by first day (an open start counts from its end), then dataset order."""
    if events.empty:
        return []
    first = events["start"].fillna(events["end"])
    return events.assign(_first=first).sort_values(["_first", "order"])["id"].tolist()


def event_option(row: Mapping[str, Any], lang: str) -> str:
    """How an event is listed in a chooser: its EDTF date, then its title."""
    return f"{row['date']} · {event_title(row, lang)}"
