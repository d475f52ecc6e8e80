"""Count charts: events by type, the actors involved (split by role), events per month.

Each is a pure function of `Tables` already cut to the filtered events; the counting rules
(`type_counts`, `actor_role_counts`, `month_counts`) are shared with their summaries and data
tables in `usmx.charts.describe`.
"""

from __future__ import annotations

import datetime as dt
import weakref
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from usmx import months
from usmx.charts.frames import actor_names
from usmx.charts.style import GRID, base_layout, empty_figure, esc, shorten
from usmx.i18n import label, t
from usmx.months import DEFAULT_WINDOW, count_months
from usmx.palette import EVENT_TYPE_COLORS, ROLE_COLORS, STATUS_COLORS
from usmx.tables import Tables
from usmx.vocabulary import EventType, Role, Status


def _count_axis(fig: go.Figure, lang: str, axis: str = "x") -> None:
    update = fig.update_xaxes if axis == "x" else fig.update_yaxes
    update(
        title={"text": esc(t("chart.axis.events", lang))},
        rangemode="tozero",
        dtick=1 if _max_count(fig) <= 10 else None,
        gridcolor=GRID,
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


# The chart, its summary and its table each ask for these counts of the same subset: counted
# once per Tables object (a weak key: a dropped subset drops its counts).
_ROLE_COUNTS: weakref.WeakKeyDictionary[Tables, dict[int, pd.DataFrame]] = (
    weakref.WeakKeyDictionary()
)


def actor_role_counts(tables: Tables, top: int = TOP_ACTORS) -> pd.DataFrame:
    """Top actors by number of filtered events, with events per role (one row per actor).

    Columns: actor_id, events (distinct events), then one column per role. Ties keep the
    dataset's actor order. A copy: callers may change it.
    """
    memo = _ROLE_COUNTS.setdefault(tables, {})
    if top not in memo:
        memo[top] = _count_roles(tables, top)
    return memo[top].copy()


def _count_roles(tables: Tables, top: int) -> pd.DataFrame:
    links = tables.event_actors
    roles = [r.value for r in Role]
    if links.empty:
        return pd.DataFrame(columns=["actor_id", "events", *roles])
    # groupby + unstack, not pivot_table: the same counts in two thirds of the time.
    per_role = (
        links.drop_duplicates(["event_id", "actor_id", "role"])
        .groupby(["actor_id", "role"], sort=False)
        .size()
        .unstack(fill_value=0)
        .reindex(columns=roles, fill_value=0)
        .astype(int)
    )
    distinct = links.drop_duplicates(["event_id", "actor_id"]).groupby("actor_id").size()
    actor_rank = {a: i for i, a in enumerate(tables.actors["id"])}
    frame = per_role.assign(events=distinct).rename_axis(index="actor_id", columns=None)
    frame = frame.reset_index()
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
        gridcolor=GRID,
        dtick=1 if counts["total"].max() <= 6 else None,
    )
    return fig
