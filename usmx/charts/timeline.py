"""The timeline figure (being rewritten for issue 9)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from usmx.charts.frames import actor_names, event_title
from usmx.charts.style import base_layout, empty_figure, esc, rgba
from usmx.i18n import label, t
from usmx.model import EventType
from usmx.months import DEFAULT_WINDOW
from usmx.palette import NEUTRAL, PALETTES
from usmx.tables import COUNTRY_LANES, Tables

LANES = ("country", "event_type")
COLOR_BY = ("status", "event_type")
DAY = pd.Timedelta(days=1)


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


def wrap(text: str, lang: str, width_en: int = 60, width_zh: int = 30) -> list[str]:
    import textwrap

    if lang == "zh-Hant" and " " not in text.strip():
        return [text[i : i + width_zh] for i in range(0, len(text), width_zh)] or [""]
    return textwrap.wrap(text, width_en) or [""]


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
