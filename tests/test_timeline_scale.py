"""Tests for usmx.charts.timeline_scale: the detail's window and the compressed overview scale."""

from __future__ import annotations

import datetime as dt
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from usmx.charts.timeline_scale import Compressed, Window, default_focus, focus_for

D = dt.date
PUBLISHED = D(2026, 1, 16)


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (D(2026, 1, 16), (D(2026, 1, 1), D(2026, 1, 16))),  # the article's month so far
        (D(2026, 1, 31), (D(2026, 1, 1), D(2026, 1, 31))),
        (D(2026, 1, 3), (D(2025, 12, 21), D(2026, 1, 3))),  # at least two weeks
    ],
)
def test_default_focus(published, expected):
    assert default_focus(published) == expected


SPANS = [(D(2024, 10, 1), D(2026, 1, 16)), (D(2026, 1, 3), D(2026, 1, 3))]


@pytest.mark.parametrize(
    ("requested", "spans", "date_range", "expected"),
    [
        ((D(2025, 1, 1), D(2025, 2, 1)), SPANS, (None, None), (D(2025, 1, 1), D(2025, 2, 1))),
        (None, SPANS, (None, None), (D(2026, 1, 1), D(2026, 1, 16))),
        # The filter's date range, open ends filled from the events.
        (None, SPANS, (D(2025, 3, 1), D(2025, 4, 1)), (D(2025, 3, 1), D(2025, 4, 1))),
        (None, SPANS, (None, D(2025, 4, 1)), (D(2024, 10, 1), D(2025, 4, 1))),
        # No shown event touches the article's days: all of the shown events instead.
        (None, [(D(2021, 1, 20), D(2025, 1, 20))], (None, None), (D(2021, 1, 20), D(2025, 1, 20))),
        (None, [], (None, None), (D(2026, 1, 1), D(2026, 1, 16))),
        # Events before and after the article's days, none touching them.
        (
            None,
            [(D(2021, 1, 1), D(2021, 12, 31)), (D(2026, 2, 1), D(2026, 2, 2))],
            (None, None),
            (D(2021, 1, 1), D(2026, 2, 2)),
        ),
    ],
)
def test_focus_for(requested, spans, date_range, expected):
    extent = (min(s for s, _ in spans), max(e for _, e in spans)) if spans else None

    def touches(lo, hi):
        return any(s <= hi and e >= lo for s, e in spans)

    assert focus_for(requested, PUBLISHED, extent, touches, *date_range) == expected


def test_window_fractions():
    w = Window(D(2026, 1, 1), D(2026, 1, 16))
    assert w.days == 16
    assert w.fraction(D(2026, 1, 1)) == 0
    assert w.fraction(D(2026, 1, 16), 1.0) == 1
    assert w.fraction(D(2026, 1, 3), 0.5) == pytest.approx(2.5 / 16)
    assert w.touches(D(2024, 10, 1), D(2026, 1, 1))
    assert not w.touches(D(2025, 1, 1), D(2025, 12, 31))


SCALE = Compressed(D(1846, 1, 1), D(2026, 1, 31))


def test_compressed_scale_keeps_the_last_weeks_wide_and_the_1800s_visible():
    jan = SCALE.fraction(D(2026, 1, 31), 1.0) - SCALE.fraction(D(2026, 1, 1))
    year_1900s = SCALE.fraction(D(1901, 1, 1)) - SCALE.fraction(D(1900, 1, 1))
    assert SCALE.fraction(D(1846, 1, 1)) == pytest.approx(0)
    assert SCALE.fraction(D(2026, 1, 31), 1.0) == pytest.approx(1)
    assert jan > 0.12  # January 2026 gets more than an eighth of the strip
    assert 0 < year_1900s < 0.005
    # The war of 1846-48 (71 years of invasions to 1917) is still a visible bar.
    assert (SCALE.fraction(D(1917, 12, 31), 1.0) - SCALE.fraction(D(1846, 1, 1))) * 760 > 20


@given(st.dates(min_value=D(1846, 1, 1), max_value=D(2026, 1, 31)))
def test_compressed_scale_round_trips_days(day):
    assert SCALE.date_at(SCALE.fraction(day, 0.5)) == day


@given(
    st.dates(min_value=D(1846, 1, 1), max_value=D(2026, 1, 30)),
    st.integers(min_value=1, max_value=5000),
)
def test_compressed_scale_is_monotonic(day, days):
    later = min(day + dt.timedelta(days=days), D(2026, 1, 31))
    assert SCALE.fraction(later) > SCALE.fraction(day)


def test_ticks_are_apart_and_name_recent_months():
    ticks = SCALE.ticks(760)
    xs = [x for x, _ in ticks]
    assert xs == sorted(xs)
    assert all((b - a) * 760 >= 64 for a, b in pairwise(xs))
    labels = [text for _, text in ticks]
    assert "1900" in labels
    assert "2026" in labels
    assert any(label.startswith("2025-") for label in labels)


@given(st.lists(st.dates(min_value=D(1846, 1, 1), max_value=D(2026, 1, 31)), max_size=20))
def test_compressed_fractions_of_many_days_agree_with_one_by_one(days):
    import numpy as np

    array = np.array(days, dtype="datetime64[D]")
    assert SCALE.fractions(array, 0.5).tolist() == pytest.approx(
        [SCALE.fraction(day, 0.5) for day in days]
    )
