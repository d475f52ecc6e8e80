"""The count charts as light HTML for the page: events by type, actors by role.

On screen, two bar charts of a dozen bars do not need plotly: drawn as HTML (a template, every
value escaped by it) they cost the browser next to nothing to redraw on a filter change, where
two plotly charts cost about as much as the timeline itself (bench/timeline.md). The files
(PNG/SVG/HTML downloads, `usmx export-charts`) are the registered plotly figures of
`usmx.charts.counts`, built from the same counting functions, so both say the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from usmx.charts.counts import actor_role_counts, type_counts
from usmx.charts.frames import actor_names
from usmx.i18n import label, t
from usmx.locale import labelled
from usmx.palette import EVENT_TYPE_COLORS, ROLE_COLORS
from usmx.render import render
from usmx.tables import Tables
from usmx.vocabulary import EventType


@dataclass(frozen=True)
class Segment:
    color: str
    percent: float  # of the track's width (the longest bar leaves room for its number)
    tip: str  # what hovering the segment says


@dataclass(frozen=True)
class Row:
    name: str
    total: int
    segments: tuple[Segment, ...]


LONGEST_PERCENT = 88  # of the row's width: the number is written after the bar


def _percent(value: int, longest: int) -> float:
    return round(LONGEST_PERCENT * value / longest, 2) if longest else 0.0


def type_rows(tables: Tables, lang: str) -> list[Row]:
    """One bar per event type shown, most events first."""
    counts = type_counts(tables.events)
    longest = int(counts.max()) if len(counts) else 0
    rows = []
    for value, n in counts.items():
        name = label("event_type", value, lang)
        color = EVENT_TYPE_COLORS[EventType(value)]
        tip = labelled(name, str(int(n)), lang)
        rows.append(Row(name, int(n), (Segment(color, _percent(int(n), longest), tip),)))
    return rows


def actor_rows(tables: Tables, lang: str) -> tuple[list[Row], list[dict[str, str]]]:
    """One bar per actor in the most events, split by role; and the roles' legend."""
    counts = actor_role_counts(tables)
    names = actor_names(tables, lang)
    roles = [(role, color) for role, color in ROLE_COLORS.items() if counts[role.value].any()]
    longest = int(counts[[r.value for r, _ in roles]].sum(axis=1).max()) if len(counts) else 0
    rows = []
    for record in counts.to_dict("records"):
        who = names.get(record["actor_id"], record["actor_id"])
        segments = tuple(
            Segment(
                color,
                _percent(int(record[role.value]), longest),
                f"{who}: {labelled(label('role', role.value, lang), str(record[role.value]), lang)}",
            )
            for role, color in roles
            if record[role.value]
        )
        rows.append(Row(who, int(record["events"]), segments))
    legend = [{"color": color, "label": label("role", role.value, lang)} for role, color in roles]
    return rows, legend


def bars_html(
    chart_id: str,
    rows: list[Row],
    *,
    title: str,
    alt: str,
    lang: str,
    legend: list[dict[str, str]] | None = None,
    legend_title: str | None = None,
) -> str:
    """A titled list of horizontal bars (a figure named by `alt`), or a note if empty."""
    return render(
        "count_bars.html.j2",
        chart_id=chart_id,
        title=title,
        alt=alt,
        rows=rows,
        legend=legend or [],
        legend_title=legend_title,
        empty=t("empty.no_match", lang),
        unit=t("chart.axis.events", lang),
    )


def count_chart_html(chart_id: str, tables: Tables, lang: str, alt: str) -> str:
    """The page's HTML version of registered count chart `chart_id`."""
    title = t(f"chart.{chart_id}.title", lang)
    if chart_id == "events_by_type":
        return bars_html(chart_id, type_rows(tables, lang), title=title, alt=alt, lang=lang)
    if chart_id == "actor_involvement":
        rows, legend = actor_rows(tables, lang)
        return bars_html(
            chart_id, rows, title=title, alt=alt, lang=lang, legend=legend,
            legend_title=t("word.role", lang),
        )  # fmt: skip
    raise ValueError(f"no HTML version of chart {chart_id!r}")
