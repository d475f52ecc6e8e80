"""usmx.months: the month rule, its agreement with the plotly chart, and the overview's SVG."""

from __future__ import annotations

import base64
import datetime as dt
import re
import xml.etree.ElementTree as ET

import pytest

from usmx import locale
from usmx import months as M
from usmx.charts.counts import month_counts
from usmx.charts.describe import events_by_month_summary
from usmx.charts.frames import subset_tables
from usmx.filters import Filters
from usmx.i18n import t
from usmx.palette import STATUS_COLORS
from usmx.render import stylesheet

COLORS = {s.value: c for s, c in STATUS_COLORS.items()}
SVG = "{http://www.w3.org/2000/svg}"
D = dt.date


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        (D(2025, 3, 5), D(2025, 3, 5), "2025-03"),  # a day
        (D(2025, 3, 1), D(2025, 3, 31), "2025-03"),  # a month
        (D(2025, 3, 27), D(2025, 4, 2), "2025-03"),  # a week, 5 days in March
        (D(2025, 3, 29), D(2025, 4, 4), "2025-04"),  # a week, 4 days in April
        (D(2025, 12, 29), D(2026, 1, 4), "2026-01"),  # across a year's end
        (D(2025, 3, 31), D(2025, 4, 1), "2025-03"),  # an even split goes to the earlier month
        (None, D(2026, 1, 16), "2026-01"),  # an open start counts at its known day
    ],
)
def test_month_of(start, end, expected):
    assert M.month_of(start, end) == expected


@pytest.mark.parametrize(
    ("first", "last", "expected"),
    [
        (D(2025, 11, 20), D(2026, 2, 1), ["2025-11", "2025-12", "2026-01", "2026-02"]),
        (D(2025, 1, 1), D(2025, 1, 31), ["2025-01"]),
        (D(2025, 2, 1), D(2025, 1, 1), []),
    ],
)
def test_months_between(first, last, expected):
    assert M.months_between(first, last) == expected


@pytest.mark.parametrize("actor", [None, "sheinbaum", "trump", "us_senate"])
@pytest.mark.parametrize(
    "window", [M.DEFAULT_WINDOW, (D(2025, 1, 1), D(2025, 6, 30)), (D(1990, 1, 1), D(2026, 12, 31))]
)
def test_counts_agree_with_the_plotly_chart(ds, tables, actor, window):
    events = Filters(actors=(actor,) if actor else ()).events(ds)
    light = M.count_events(events, window)
    frame = month_counts(subset_tables(tables, [e.id for e in events]).events, window)
    assert light.months == frame["month"].tolist()
    for status in M.STATUSES:
        assert light.by_status[status] == frame[status].tolist(), status
    assert light.totals == frame["total"].tolist()
    assert (light.longer, light.outside) == (frame.attrs["longer"], frame.attrs["outside"])
    assert light.precise + light.longer + light.outside == len(events)


def test_the_article_counts(ds):
    counts = M.count_events(ds.events, M.DEFAULT_WINDOW)
    assert counts.precise + counts.longer + counts.outside == len(ds.events)
    assert counts.precise > 0
    assert counts.longer > 0


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_summary_matches_the_plotly_chart_summary(ds, tables, lang):
    counts = M.count_events(ds.events, M.DEFAULT_WINDOW)
    assert M.summary(counts, lang) == events_by_month_summary(tables, lang)


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # well-formed XML, or this raises


@pytest.mark.parametrize("lang", ["en", "zh-Hant"])
def test_svg_draws_one_rect_per_month_and_status(ds, lang):
    counts = M.count_events(ds.events, M.DEFAULT_WINDOW)
    root = _parse(M.svg(counts, COLORS, lang, "alt text"))
    assert root.get("role") == "img"
    assert root.get("aria-label") == "alt text"
    rects = root.findall(f"{SVG}rect")
    pieces = sum(1 for s in M.STATUSES for n in counts.by_status[s] if n)
    assert len(rects) == pieces
    # Heights are proportional to the counts: the tallest column reaches the plot's top.
    assert {r.get("fill") for r in rects} <= set(COLORS.values())
    titles = [r.find(f"{SVG}title").text for r in rects]
    colon = locale.colon(lang)
    assert all(" · " in tip and tip.split(colon)[-1].isdigit() for tip in titles)
    assert sum(int(tip.split(colon)[-1]) for tip in titles) == counts.precise


def test_svg_escapes_its_text():
    counts = M.MonthCounts(["2025-01"], {s: [0] for s in M.STATUSES}, 0, 0)
    counts.by_status["occurred"][0] = 2
    evil = '"><script>alert(1)</script>'
    svg = M.svg(counts, COLORS, "en", evil)
    assert "<script>" not in svg
    root = _parse(svg)
    assert root.get("aria-label") == evil  # the attribute round-trips as text


def test_empty_counts_draw_an_axis_only():
    counts = M.count_events([], M.DEFAULT_WINDOW)
    root = _parse(M.svg(counts, COLORS, "en", "nothing"))
    assert root.findall(f"{SVG}rect") == []
    assert M.summary(counts, "en") == t("empty.no_match", "en")


@pytest.mark.parametrize(
    ("value", "top", "step"),
    [
        (0, 1, 1),
        (1, 1, 1),
        (5, 5, 1),
        (6, 6, 2),
        (11, 15, 5),
        (40, 40, 10),
        (41, 50, 10),
        (101, 125, 25),
    ],
)
def test_nice_top(value, top, step):
    assert M._nice_top(value) == (top, step)


def test_table_has_a_row_per_month(ds):
    counts = M.count_events(ds.events, M.DEFAULT_WINDOW)
    header, rows = M.table_rows(counts, "en")
    assert len(rows) == len(counts.months)
    assert header[0] == t("chart.axis.month", "en")
    assert [int(r[-1]) for r in rows] == counts.totals
    table = M.table_html(counts, "en")
    assert table.count("<tr>") == len(rows) + 1


def test_chart_html_is_an_image_with_the_summary_as_alt(ds):
    counts = M.count_events(ds.events, M.DEFAULT_WINDOW)
    out = M.chart_html(counts, COLORS, "en", 'alt "with" <quotes>')
    [data] = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', out)
    assert base64.b64decode(data).decode() == M.svg(counts, COLORS, "en", 'alt "with" <quotes>')
    assert 'alt="alt &#34;with&#34; &lt;quotes&gt;"' in out
    drawn = [s for s in M.STATUSES if any(counts.by_status[s])]
    assert re.findall(r'<li><span class="sw st-([a-z]+)">', out) == drawn
    css = stylesheet()
    for status in drawn:  # the legend's swatches take the chart's colours
        assert f".usmx-months-legend .sw.st-{status} {{ background: {COLORS[status]}; }}" in css
