"""The timeline past MAX_TIMELINE_EVENTS events: stacked counts per month, and it says so.

One labelled mark per event stops being readable (and drawable in a browser) long before
100,000 events; like the map's grid cells, the view switches to an aggregate and the chart's
subtitle states it. Each event counts in the month holding most of its days
(`usmx.months.month_of`, the rule of the months chart).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go

from usmx.charts.style import INK, base_layout, esc
from usmx.charts.timeline_marks import palette_of
from usmx.i18n import label, t
from usmx.tables import Tables

MAX_TIMELINE_EVENTS = 2_000
DAY = pd.Timedelta(days=1)


def density_figure(
    tables: Tables,
    *,
    lang: str,
    window: tuple[dt.date, dt.date] | None,
    color_by: str = "status",
    published: dt.date | None = None,
    shown: int | None = None,
) -> go.Figure:
    """Counts per month and colour of `tables.events`, over `window` (None: all of them).

    `shown` is how many events the view holds (the subtitle's number; default: all).
    """
    events = tables.events
    x1 = pd.to_datetime(events["end"]) + DAY
    x0 = pd.to_datetime(events["start"]).fillna(x1 - DAY)
    mid = x0 + (x1 - x0) / 2 - pd.Timedelta(seconds=1)
    frame = pd.DataFrame({"month": mid.dt.to_period("M").dt.start_time, "key": events[color_by]})
    counts = frame.groupby(["month", "key"]).size().unstack(fill_value=0)
    fig = go.Figure()
    for value, color in palette_of(color_by).items():
        if value not in counts.columns:
            continue
        name = esc(label(color_by, value, lang))
        fig.add_trace(
            go.Bar(
                x=[m.date().isoformat() for m in counts.index],
                y=counts[value].tolist(),
                name=name,
                marker={"color": color},
                hovertemplate=f"%{{x|%Y-%m}} · {name}: %{{y}}<extra></extra>",
                xperiod="M1",
                xperiodalignment="start",
            )
        )
    n = len(events) if shown is None else shown
    subtitle = t("chart.timeline.aggregated", lang, n=n, max=MAX_TIMELINE_EVENTS)
    base_layout(fig, t("chart.timeline.title", lang), height=420, subtitle=subtitle)
    if window is None:
        first, last = x0.min(), x1.max()
    else:
        first, last = pd.Timestamp(window[0]), pd.Timestamp(window[1]) + DAY
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
            line={"color": INK, "width": 1.5, "dash": "dot"},
        )
    return fig
