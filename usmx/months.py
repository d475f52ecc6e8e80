"""Events per month: the counting rule, and the overview's light chart of it as inline SVG.

One rule, used by the plotly chart (`usmx.charts.counts.events_by_month_figure`, on screen in no page
but exported like every chart) and by the overview: an event dated to a day, week or month
counts once, in the month holding most of its days; events known only to a year or a longer
or open-ended period are not spread over months (that would invent precision).

The overview draws the counts as a small SVG made here, not as a plotly chart: the landing
page then needs neither plotly.js in the browser nor pandas on the server, and is drawn in
about half the time (bench/results.md, cold start). The SVG and its legend are templates
(months.svg.j2, months_chart.html.j2): every value is escaped.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from usmx import html_table
from usmx.i18n import count, label, t
from usmx.locale import labelled
from usmx.render import render
from usmx.vocabulary import Status

MONTH_PRECISIONS = ("day", "week", "month")
# The months around the article (published 2026-01-16): what the timeline shows first, and
# the months of the overview's chart.
DEFAULT_WINDOW = (dt.date(2024, 10, 1), dt.date(2026, 1, 31))
STATUSES = tuple(s.value for s in Status)


def months_between(first: dt.date, last: dt.date) -> list[str]:
    """ "YYYY-MM" of every month from `first`'s to `last`'s, inclusive."""
    out, year, month = [], first.year, first.month
    while (year, month) <= (last.year, last.month):
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def month_of(start: dt.date | None, end: dt.date) -> str:
    """The month ("YYYY-MM") holding most of the days `start`..`end` (inclusive).

    The midpoint of the covered days, minus a second: a week across a month's end goes where
    most of it lies, and an even split goes to the earlier month.
    """
    first = dt.datetime.combine(start or end, dt.time())
    stop = dt.datetime.combine(end, dt.time()) + dt.timedelta(days=1)
    mid = first + (stop - first) / 2 - dt.timedelta(seconds=1)
    return f"{mid.year:04d}-{mid.month:02d}"


@dataclass(frozen=True)
class MonthCounts:
    months: list[str]
    by_status: dict[str, list[int]]  # status -> count per month
    longer: int  # dated only to a year or a longer or open-ended period
    outside: int  # dated precisely, but outside the months counted

    @property
    def totals(self) -> list[int]:
        return [sum(col) for col in zip(*self.by_status.values(), strict=True)]

    @property
    def precise(self) -> int:
        return sum(self.totals)


def count_months(
    items: Iterable[tuple[dt.date | None, dt.date, str, str]], window: tuple[dt.date, dt.date]
) -> MonthCounts:
    """Count (start, end, precision, status) items per month of `window` and status."""
    months = months_between(*window)
    index = {m: i for i, m in enumerate(months)}
    by_status = {s: [0] * len(months) for s in STATUSES}
    longer = outside = 0
    for start, end, precision, status in items:
        if precision not in MONTH_PRECISIONS:
            longer += 1
            continue
        i = index.get(month_of(start, end))
        if i is None:
            outside += 1
        else:
            by_status[status][i] += 1
    return MonthCounts(months, by_status, longer, outside)


def count_events(events: Iterable, window: tuple[dt.date, dt.date]) -> MonthCounts:
    """`count_months` over dataset events (usmx.model.Event)."""
    return count_months(
        ((e.interval.start, e.interval.end, e.interval.precision, e.status.value) for e in events),
        window,
    )


def summary(counts: MonthCounts, lang: str) -> str:
    """One sentence for screen readers and captions: the overview's SVG and the plotly chart.

    The one implementation of this summary. With no event dated to a month in the window the
    sentence names no peak month (there is none).
    """
    totals = counts.totals
    if not counts.precise and not counts.longer:
        return t("empty.no_match", lang)
    peak = ""
    if counts.precise:
        top = max(range(len(totals)), key=lambda i: (totals[i], -i))
        peak = t("chart.events_by_month.peak", lang, peak=counts.months[top], count=totals[top])
    return t(
        "chart.events_by_month.alt",
        lang,
        first=counts.months[0],
        last=counts.months[-1],
        precise=count("events", counts.precise, lang),
        peak=peak,
        longer=counts.longer,
    )


def table_rows(counts: MonthCounts, lang: str) -> tuple[list[str], list[list[str]]]:
    """Header and rows of the chart's data table (month, one column per status, total)."""
    header = [
        t("chart.axis.month", lang),
        *(label("status", s, lang) for s in STATUSES),
        t("chart.col.total", lang),
    ]
    rows = [
        [month, *(str(counts.by_status[s][i]) for s in STATUSES), str(counts.totals[i])]
        for i, month in enumerate(counts.months)
    ]
    return header, rows


def table_html(counts: MonthCounts, lang: str) -> str:
    header, rows = table_rows(counts, lang)
    return html_table.table_html(header, rows, lang=lang)


# Drawing, in SVG user units (the SVG scales to the column's width).
WIDTH, HEIGHT = 1000, 230
LEFT, RIGHT, TOP, BOTTOM = 44, 10, 12, 46
TICK_EVERY = 3  # label every third month


def _nice_top(value: int) -> tuple[int, int]:
    """Axis top and step: whole events, at most about 5 gridlines."""
    value = max(value, 1)
    for step in (1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000):
        if value / step <= 5:
            return -(-value // step) * step, step
    step = 10 ** len(str(value))
    return -(-value // step) * step, step


@dataclass(frozen=True)
class _Gridline:
    x1: float
    x2: float
    y: float
    value: int
    stroke: str


@dataclass(frozen=True)
class _Piece:
    x: float
    y: float
    width: float
    height: float
    fill: str
    tip: str


@dataclass(frozen=True)
class _Tick:
    x: float
    y: float
    text: str


def svg(counts: MonthCounts, colors: Mapping[str, str], lang: str, alt: str) -> str:
    """Stacked columns per month, coloured by status; a <title> on each piece for hover
    (template months.svg.j2, which escapes every text)."""
    totals = counts.totals
    top, step = _nice_top(max(totals, default=0))
    plot_w, plot_h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(len(counts.months), 1)
    bar_w = slot * 0.7

    def y(v: float) -> float:
        return TOP + plot_h - plot_h * v / top

    gridlines = [
        _Gridline(LEFT, WIDTH - RIGHT, y(v), v, "#999999" if v == 0 else "#E5E5E5")
        for v in range(0, top + 1, step)
    ]
    pieces, ticks = [], []
    for i, month in enumerate(counts.months):
        x = LEFT + slot * i + (slot - bar_w) / 2
        base = 0
        for status in STATUSES:
            n = counts.by_status[status][i]
            if not n:
                continue
            tip = f"{month} · {labelled(label('status', status, lang), str(n), lang)}"
            pieces.append(_Piece(x, y(base + n), bar_w, y(base) - y(base + n), colors[status], tip))
            base += n
        if i % TICK_EVERY == 0 or i == len(counts.months) - 1:
            ticks.append(_Tick(x + bar_w / 2, HEIGHT - BOTTOM + 18, month))
    return render(
        "months.svg.j2",
        width=WIDTH,
        height=HEIGHT,
        alt=alt,
        gridlines=gridlines,
        pieces=pieces,
        ticks=ticks,
    )


def chart_html(counts: MonthCounts, colors: Mapping[str, str], lang: str, alt: str) -> str:
    """Legend and chart for st.html (template months_chart.html.j2): the SVG as an image
    (st.html's sanitiser drops inline SVG, and raw HTML in st.markdown would load a 190 KB
    parser into the browser). The image's alt text is the summary sentence; each column's
    count is in the data table. The legend's swatches take the stylesheet's status colours."""
    data = base64.b64encode(svg(counts, colors, lang, alt).encode()).decode()
    drawn = [s for s in STATUSES if any(counts.by_status[s])]
    return render("months_chart.html.j2", statuses=drawn, data=data, alt=alt, lang=lang)
