"""Tests for usmx.charts.timeline_layout: boxes of labels and marks never intersect.

On the real events in both languages (every lane kind, several windows, the layout width and
wider), and on random event sets (hypothesis): no two labels' boxes intersect, no label
covers a mark, every item placed has a label, and labels stay inside the plot.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import replace
from itertools import combinations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from usmx.charts import timeline as T
from usmx.charts import timeline_marks as M
from usmx.charts.timeline_layout import MIN_PLOT_PX, Geometry, Item, Layout, layout
from usmx.charts.timeline_scale import Compressed, Window
from usmx.i18n import LANGS

WINDOWS = {
    "article": (dt.date(2026, 1, 1), dt.date(2026, 1, 16)),
    "year_2025": (dt.date(2025, 1, 1), dt.date(2025, 12, 31)),
    "all_time": (dt.date(1846, 1, 1), dt.date(2026, 1, 31)),
}


def collisions(placed: Layout, width: float | None = None) -> list[tuple]:
    """Pairs of intersecting boxes (marks of different items may not touch either)."""
    boxes = placed.boxes(width)
    return [
        (a[:2], b[:2])
        for a, b in combinations(boxes, 2)
        if a[2].intersects(b[2]) and not (a[1] == b[1] == "mark" and a[0] == b[0])
    ]


def outside_plot(placed: Layout, width: float) -> list[str]:
    return [
        key
        for key, kind, box in placed.boxes(width)
        if kind == "label" and (box.x0 < -0.01 or box.x1 > width + 0.01)
    ]


def detail_layout(tables, lang: str, lanes: str, window: Window) -> tuple[Layout, list]:
    spans = T.spans_of(tables, lang=lang, lanes=lanes)
    shown = [s for s in spans if window.touches(s.first, s.last)]
    items = [M.span_item(s, window.fraction) for s in shown]
    return layout(items, M.lane_order(lanes), Geometry()), shown


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("lanes", M.LANES)
@pytest.mark.parametrize("window", list(WINDOWS))
@pytest.mark.parametrize("scale", [1.0, 1.7])
def test_real_events_labels_never_overlap(tables, lang, lanes, window, scale):
    placed, shown = detail_layout(tables, lang, lanes, Window(*WINDOWS[window]))
    assert len(placed.placed) == len(shown) > 0
    width = MIN_PLOT_PX * scale
    assert not collisions(placed, width)
    assert not outside_plot(placed, width)
    for p in placed.placed:  # every visible event is labelled, with its title's start
        assert p.lines, p.item.key
        text = "".join(p.lines).replace(" ", "")
        assert text.removesuffix("…")[:4] in p.item.label.replace(" ", "")


@pytest.mark.parametrize("lang", LANGS)
def test_overview_strip_labels_never_overlap(tables, lang):
    spans = T.spans_of(tables, lang=lang)
    scale = Compressed(*T.extent_of(tables))
    focus = Window(*WINDOWS["article"])
    items = [
        replace(
            M.span_item(s, scale.fraction, labelled_=not focus.touches(s.first, s.last)), lane=""
        )
        for s in spans
    ]
    from usmx.charts.timeline_panels import CONTEXT, CONTEXT_ROWS

    placed = layout(items, ("",), CONTEXT, max_rows=CONTEXT_ROWS)
    labelled = {p.item.key for p in placed.placed if p.lines}
    # The long background (every event outside the window) is titled on the strip.
    assert labelled == {s.id for s in spans if not focus.touches(s.first, s.last)}
    boxes = placed.boxes()
    for (ka, kind_a, a), (kb, kind_b, b) in combinations(boxes, 2):
        if "label" in (kind_a, kind_b) and ka != kb:
            assert not a.intersects(b), (ka, kind_a, kb, kind_b)


def test_labels_sit_above_bars_and_beside_points(tables):
    placed, _ = detail_layout(tables, "en", "country", Window(*WINDOWS["article"]))
    g = placed.geometry
    for p in placed.placed:
        mark, label = p.mark_box(g), p.label_box(g)
        if p.item.point:
            assert label.x0 >= mark.x1 or label.x1 <= mark.x0  # beside, an em away
            assert label.y0 < p.mark_y < label.y1
        else:
            assert label.y1 <= mark.y0  # above
            assert label.x0 >= mark.x0 - 0.01 or label.x1 <= mark.x1 + 0.01


def test_rows_start_with_the_earliest_and_are_deterministic(tables):
    window = Window(*WINDOWS["article"])
    a, _ = detail_layout(tables, "en", "country", window)
    b, _ = detail_layout(tables.__class__(**{**tables.__dict__, "events": tables.events[::-1]}),
                         "en", "country", window)  # fmt: skip
    assert {p.item.key: p.row for p in a.placed} == {p.item.key: p.row for p in b.placed}


# --- random event sets ----------------------------------------------------------------------

WORDS = st.sampled_from(
    ["Sheinbaum", "and", "Trump", "speak", "by", "phone", "US", "strike", "Mexico", "joint",
     "辛鮑姆", "與", "特朗普", "通話", "美軍", "襲擊", "委內瑞拉", "「協助」", "，", "WWWWW"]
)  # fmt: skip
LABELS = st.lists(WORDS, min_size=1, max_size=14).map(" ".join)


@st.composite
def items(draw) -> list[Item]:
    n = draw(st.integers(min_value=1, max_value=40))
    out = []
    for i in range(n):
        point = draw(st.booleans())
        start = draw(st.floats(min_value=-0.3, max_value=1.0, allow_nan=False))
        if point:
            start = min(max(start, 0.0), 1.0)
            end = start
        else:
            end = start + draw(st.floats(min_value=0.0, max_value=1.2, allow_nan=False))
            if end < 0:
                continue
        out.append(
            Item(
                key=f"e{i}",
                start=start,
                end=end,
                point=point,
                label=draw(LABELS),
                lane=draw(st.sampled_from(["a", "b"])),
                radius_px=draw(st.sampled_from([5.5, 7.0])) if point else 0.0,
                order=i,
            )
        )
    return out


@settings(max_examples=150, deadline=None)
@given(items(), st.floats(min_value=1.0, max_value=3.0))
def test_random_events_never_overlap_at_the_layout_width_or_wider(its, stretch):
    placed = layout(its, ("a", "b"))
    assert {p.item.key for p in placed.placed} == {it.key for it in its}
    assert all(p.lines for p in placed.placed)
    for width in (MIN_PLOT_PX, MIN_PLOT_PX * stretch):
        assert not collisions(placed, width)
        assert not outside_plot(placed, width)


@settings(max_examples=100, deadline=None)
@given(items(), st.integers(min_value=1, max_value=6))
def test_capped_strips_keep_labels_clear(its, max_rows):
    unlabelled = {it.key for it in its[::2]}
    its = [replace(it, label=None, lane="a") if it.key in unlabelled else replace(it, lane="a")
           for it in its]  # fmt: skip
    placed = layout(its, ("a",), max_rows=max_rows)
    assert {p.item.key for p in placed.placed} == {it.key for it in its}
    boxes = placed.boxes()
    for (ka, kind_a, a), (kb, kind_b, b) in combinations(boxes, 2):
        if ka != kb and "label" in (kind_a, kind_b):
            assert not a.intersects(b)
    # Labelled rows never exceed the cap (marks past it share rows or lose labels).
    assert all(p.row < max_rows for p in placed.placed if p.lines)


@pytest.mark.parametrize(("n", "budget_s"), [(40, 0.05), (2_000, 2.0)])
def test_layout_time(n, budget_s):
    its = [
        Item(f"e{i}", (i * 7919 % n) / n, (i * 7919 % n) / n, True, "Trump warns Mexico " * 2,
             order=i)
        for i in range(n)
    ]  # fmt: skip
    start = time.perf_counter()
    placed = layout(its)
    elapsed = time.perf_counter() - start
    assert len(placed.placed) == n
    assert elapsed < budget_s  # generous: the bench (bench/timeline.py) reports the real time
