"""Tests for usmx.charts.count_bars: the page's HTML count charts say what the plotly ones say."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from usmx.charts.count_bars import LONGEST_PERCENT, actor_rows, count_chart_html, type_rows
from usmx.charts.counts import actor_role_counts, type_counts
from usmx.charts.frames import subset_tables
from usmx.i18n import LANGS, label, t


@pytest.mark.parametrize("lang", LANGS)
def test_type_bars_match_the_counts(tables, lang):
    rows = type_rows(tables, lang)
    counts = type_counts(tables.events)
    assert [r.total for r in rows] == counts.tolist()
    assert [r.name for r in rows] == [label("event_type", v, lang) for v in counts.index]
    assert rows[0].segments[0].percent == LONGEST_PERCENT
    assert all(0 < r.segments[0].percent <= LONGEST_PERCENT for r in rows)


def test_actor_bars_split_by_role(tables):
    rows, legend = actor_rows(tables, "en")
    counts = actor_role_counts(tables)
    assert [r.total for r in rows] == counts["events"].tolist()
    assert {"Initiator", "Target"} <= {entry["label"] for entry in legend}
    top = rows[0]
    assert sum(s.percent for s in top.segments) == pytest.approx(LONGEST_PERCENT, abs=0.05)
    assert all(s.tip.startswith(top.name + ": ") for s in top.segments)


@pytest.mark.parametrize("chart_id", ["events_by_type", "actor_involvement"])
def test_html_is_a_named_figure_with_escaped_text(tables, chart_id):
    actors = tables.actors.copy()
    actors.loc[actors["id"] == "sheinbaum", "name_en"] = "<img src=x onerror=alert(1)>"
    hostile = replace(tables, actors=actors)
    out = count_chart_html(chart_id, hostile, "en", alt='Sum "<b>"')
    assert out.startswith(f'<figure class="usmx-bars usmx-bars-{chart_id}"')
    assert 'aria-label="Sum &#34;&lt;b&gt;&#34;"' in out
    assert "<img" not in out
    assert t(f"chart.{chart_id}.title", "en") in out
    assert len(re.findall(r'<div class="row">', out)) >= 5


def test_no_events_says_nothing_matches(tables):
    out = count_chart_html("events_by_type", subset_tables(tables, []), "zh-Hant", alt="x")
    assert t("empty.no_match", "zh-Hant") in out
    assert '<div class="row">' not in out
    with pytest.raises(ValueError, match="network"):
        count_chart_html("network", tables, "en", alt="x")
