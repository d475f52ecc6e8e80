"""The user's ACLED layer under the Timeline's detail: events per day, week or month, as a band.

A figure of its own, drawn under the labelled detail (usmx.ui.timeline), so the article's
label layout is untouched: the same days on the same linear axis, the same side margins
(`timeline_panels.SIDE_PX`), so a day here lies under the same day above. Light grey bars,
a title that says whose layer it is and that it is not from the article. The counts come
from SQL (`AcledLayer.counts_by_period`): one row per period, never per event.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from usmx.charts.style import FONT_FAMILY, FONT_PX, GRID, TEMPLATE, esc, pinned_title
from usmx.charts.timeline_panels import SIDE_PX, SUBTITLE_LINE_PX, TICKS_PX
from usmx.i18n import count, t

BAND_COLOR = "rgba(110, 110, 110, 0.45)"
BAND_LINE = "rgba(80, 80, 80, 0.9)"
PLOT_PX = 70
TITLE_PX = 40
MAX_DAYS_PER_DAY = 92  # a window up to about a quarter: a bar per day
MAX_DAYS_PER_WEEK = 3 * 366  # up to three years: a bar per week; beyond, per month


def unit_for(first: dt.date, last: dt.date) -> str:
    """The period of one bar for a window of days: day, week or month."""
    days = (last - first).days + 1
    if days <= MAX_DAYS_PER_DAY:
        return "day"
    return "week" if days <= MAX_DAYS_PER_WEEK else "month"


def _period_end(start: pd.Series, unit: str) -> pd.Series:
    if unit == "day":
        return start + pd.Timedelta(days=1)
    if unit == "week":
        return start + pd.Timedelta(days=7)
    return start + pd.offsets.MonthBegin(1)


def band_figure(
    counts: pd.DataFrame,
    window: tuple[dt.date, dt.date],
    *,
    unit: str,
    lang: str,
    file: str,
) -> go.Figure:
    """Bars of `counts` (period, events, fatalities) over `window` (inclusive days)."""
    first = pd.Timestamp(window[0])
    last = pd.Timestamp(window[1]) + pd.Timedelta(days=1)
    start = pd.to_datetime(counts["period"]).astype("datetime64[ns]")
    # A week or month that begins before the window is drawn from the window's edge.
    x0 = start.clip(lower=first)
    x1 = _period_end(start, unit).clip(upper=last)
    width_ms = (x1 - x0).dt.total_seconds() * 1000
    total = int(counts["events"].sum()) if not counts.empty else 0
    hover = [
        f"{s:%Y-%m-%d}: {count('events', int(e), lang)}, {count('fatalities', int(f), lang)}"
        for s, e, f in zip(start, counts["events"], counts["fatalities"].fillna(0), strict=True)
    ]
    trace: dict[str, Any] = {
        "type": "bar",
        "x": (x0 + (x1 - x0) / 2).dt.strftime("%Y-%m-%dT%H:%M:%S").tolist(),
        "y": counts["events"].tolist(),
        "width": (width_ms * 0.9).tolist(),
        "marker": {"color": BAND_COLOR, "line": {"color": BAND_LINE, "width": 0.5}},
        "hovertext": [esc(h) for h in hover],
        "hovertemplate": "%{hovertext}<extra></extra>",
        "showlegend": False,
    }
    title = t("chart.acled.title", lang, file=file, unit=t(f"acled.unit.{unit}", lang))
    subtitle = t("chart.acled.subtitle", lang, rows=count("events", total, lang))
    top = TITLE_PX + SUBTITLE_LINE_PX
    height = top + PLOT_PX + TICKS_PX
    layout: dict[str, Any] = {
        "template": TEMPLATE,
        "font": {"family": FONT_FAMILY, "size": FONT_PX},
        "title": pinned_title(title, [subtitle], height=height, from_top_px=10, size=14),
        "height": height,
        "margin": {"l": SIDE_PX, "r": SIDE_PX, "t": top, "b": TICKS_PX},
        "bargap": 0,
        "hovermode": "closest",
        "dragmode": False,
        "xaxis": {
            "type": "date",
            "range": [first.isoformat(), last.isoformat()],
            "showgrid": True,
            "gridcolor": GRID,
            "fixedrange": True,
            "automargin": False,
            "tickfont": {"size": 11},
            **_ticks(window, lang),
        },
        "yaxis": {
            "rangemode": "tozero",
            "side": "right",
            "ticklabelposition": "inside",
            "nticks": 3,
            "showgrid": True,
            "gridcolor": GRID,
            "fixedrange": True,
            "automargin": False,
            "tickfont": {"size": 10, "color": "#777777"},
        },
    }
    return go.Figure(data=[trace], layout=layout)


def _ticks(window: tuple[dt.date, dt.date], lang: str) -> dict[str, Any]:
    """The detail's tick marks (usmx.charts.timeline_panels.detail_panel), so the days line up."""
    days = (window[1] - window[0]).days + 1
    if days > 62:
        return {"tickformat": "%Y-%m", "ticklabelmode": "instant"}
    return {
        "tickformat": t("chart.tickformat.day", lang),
        "ticklabelmode": "period",
        "dtick": 86_400_000 * (1 if days <= 31 else 7),
    }


def band_alt(counts: pd.DataFrame, window: tuple[dt.date, dt.date], lang: str) -> str:
    """The band in words: its days, its total and its busiest period."""
    total = int(counts["events"].sum()) if not counts.empty else 0
    if not total:
        return t("chart.acled.subtitle", lang, rows=count("events", 0, lang))
    peak = counts.loc[counts["events"].idxmax()]
    return t(
        "chart.acled.alt",
        lang,
        first=window[0],
        last=window[1],
        rows=count("events", total, lang),
        peak=f"{pd.Timestamp(peak['period']):%Y-%m-%d}",
        most=count("events", int(peak["events"]), lang),
    )
