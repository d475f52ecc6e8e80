"""usmx.charts.timeline_acled: the ACLED band under the Timeline's detail (made-up counts)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import plotly.graph_objects as go
import pytest

from usmx.charts import timeline as T
from usmx.charts import timeline_acled as B
from usmx.charts.timeline_panels import SIDE_PX
from usmx.i18n import count, t
from usmx.tables import Tables

D = dt.date
WINDOW = (D(2026, 1, 1), D(2026, 1, 16))


def counts(days: list[dt.date], events: list[int]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period": pd.to_datetime(days),
            "events": events,
            "fatalities": [e // 2 for e in events],
        }
    )


@pytest.mark.parametrize(
    ("first", "last", "unit"),
    [
        (D(2026, 1, 1), D(2026, 1, 16), "day"),
        (D(2026, 1, 1), D(2026, 4, 2), "day"),  # 92 days
        (D(2026, 1, 1), D(2026, 4, 3), "week"),
        (D(2023, 1, 1), D(2026, 1, 1), "week"),
        (D(2018, 1, 1), D(2026, 1, 16), "month"),
        (D(1846, 1, 1), D(2026, 1, 31), "month"),
    ],
)
def test_unit_for(first: dt.date, last: dt.date, unit: str):
    assert B.unit_for(first, last) == unit


@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
def test_the_band_lies_under_the_detail(tables: Tables, lang: str):
    detail = T.detail_figure(tables, lang=lang, focus=WINDOW, legend=False)
    band = B.band_figure(
        counts([D(2026, 1, 2), D(2026, 1, 5)], [3, 1]), WINDOW, unit="day", lang=lang,
        file="made_up.csv",
    )  # fmt: skip
    go.Figure(band.to_dict())  # valid plotly
    assert band.layout.xaxis.range == detail.layout.xaxis.range  # the same days, edge to edge
    assert band.layout.margin.l == band.layout.margin.r == SIDE_PX
    assert detail.layout.margin.l == detail.layout.margin.r == SIDE_PX
    [bars] = band.data
    assert list(bars.y) == [3, 1]
    assert list(bars.x) == ["2026-01-02T12:00:00", "2026-01-05T12:00:00"]  # mid-day
    assert "made_up.csv" in band.layout.title.text
    assert t("acled.unit.day", lang) in band.layout.title.text
    assert count("events", 4, lang) in band.layout.title.subtitle.text
    assert count("fatalities", 1, lang) in bars.hovertext[0]


def test_periods_cut_by_the_window_start_at_its_edge():
    # A week (from Monday 2025-12-29) that starts before the window: drawn from the window's
    # first day, as wide as the days it shares with the window.
    band = B.band_figure(
        counts([D(2025, 12, 29), D(2026, 1, 5)], [7, 7]), (D(2026, 1, 1), D(2026, 5, 1)),
        unit="week", lang="en", file="x.csv",
    )  # fmt: skip
    [bars] = band.data
    day_ms = 86_400_000
    assert bars.width[0] == pytest.approx(4 * day_ms * 0.9)  # Jan 1-4
    assert bars.width[1] == pytest.approx(7 * day_ms * 0.9)
    assert bars.x[0] == "2026-01-03T00:00:00"


def test_months_have_their_own_lengths():
    band = B.band_figure(
        counts([D(2025, 2, 1), D(2025, 3, 1)], [1, 1]), (D(2018, 1, 1), D(2026, 1, 16)),
        unit="month", lang="en", file="x.csv",
    )  # fmt: skip
    [bars] = band.data
    assert bars.width[0] / bars.width[1] == pytest.approx(28 / 31)


@pytest.mark.parametrize("lang", ["zh-Hant", "en"])
def test_an_empty_band_says_so(lang: str):
    empty = counts([], [])
    band = B.band_figure(empty, WINDOW, unit="day", lang=lang, file="x.csv")
    assert list(band.data[0].y) == []
    assert count("events", 0, lang) in B.band_alt(empty, WINDOW, lang)


def test_the_alt_names_the_busiest_day():
    alt = B.band_alt(counts([D(2026, 1, 2), D(2026, 1, 5)], [3, 9]), WINDOW, "en")
    assert "2026-01-05" in alt
    assert count("events", 12, "en") in alt
