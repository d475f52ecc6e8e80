"""Tests for usmx.charts.frame: every exported chart says what it shows and where it comes from."""

from __future__ import annotations

import pytest

from usmx import chart_export as X
from usmx.charts.frame import ExportFrame, export_frame, framed
from usmx.charts.registry import CHARTS
from usmx.filters import Filters, describe
from usmx.i18n import LANGS, t


@pytest.mark.parametrize(
    ("lang", "parts"),
    [
        ("en", ["2026-01-16", "The New York Times of 2026-01-15", "After Maduro's capture"]),
        ("zh-Hant", ["2026-01-16", "《紐約時報》2026-01-15", "繁體中文"]),
    ],
)
def test_export_frame_names_the_filter_and_the_source(ds, lang, parts):
    filters = Filters(actors=("sheinbaum",))
    frame = export_frame(ds, filters, lang)
    assert frame.caption == describe(filters, ds, len(filters.events(ds)), lang)
    for part in parts:
        assert part in frame.source


def test_framed_adds_lines_without_squeezing_the_plot(tables):
    fig = CHARTS["events_by_type"].figure(tables, lang="en")
    frame = ExportFrame("7 of 39 events <b>involving</b> someone", "Source: somewhere")
    out = framed(fig, frame, 900)
    assert fig.layout.title.subtitle.text is None  # the original is left alone
    extra = out.layout.height - fig.layout.height
    assert extra > 0
    assert out.layout.margin.t - (fig.layout.margin.t or 0) == extra
    text = out.layout.title.subtitle.text
    assert "&lt;b&gt;involving&lt;/b&gt;" in text  # escaped
    assert "Source: somewhere" in text
    assert out.layout.title.text == fig.layout.title.text


@pytest.mark.parametrize("lang", LANGS)
def test_every_exported_chart_has_title_filter_source_and_legend(ds, lang):
    filters = Filters(actors=("trump",))
    frame = export_frame(ds, filters, lang)
    figures = X.chart_figures(ds, filters, lang)
    assert set(figures) == set(CHARTS)
    for chart_id, fig in figures.items():
        assert fig.layout.title.text == t(CHARTS[chart_id].title_key, lang)
        subtitle = fig.layout.title.subtitle.text
        assert frame.caption.replace("&", "&amp;")[:20] in subtitle, chart_id
        assert frame.source[:40] in subtitle
        legend_names = [tr.name for tr in fig.data if tr.showlegend is not False and tr.name]
        if chart_id == "events_by_type":
            # One bar per type, coloured by it, each named on the axis.
            assert fig.data[0].y
        else:
            assert legend_names, chart_id
