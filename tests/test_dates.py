"""Tests for usmx.dates: EDTF strings to inclusive day intervals and precisions."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from usmx.dates import PRECISIONS, parse_edtf

D = dt.date


@pytest.mark.parametrize(
    ("edtf", "start", "end", "precision"),
    [
        # single dates
        ("2026-01-12", D(2026, 1, 12), D(2026, 1, 12), "day"),
        ("2024-02-29", D(2024, 2, 29), D(2024, 2, 29), "day"),
        ("2026-01", D(2026, 1, 1), D(2026, 1, 31), "month"),
        ("2024-02", D(2024, 2, 1), D(2024, 2, 29), "month"),  # leap year
        ("2025-02", D(2025, 2, 1), D(2025, 2, 28), "month"),
        ("2100-02", D(2100, 2, 1), D(2100, 2, 28), "month"),  # century, not a leap year
        ("2000-02", D(2000, 2, 1), D(2000, 2, 29), "month"),  # 400-year rule: leap
        ("2025-04", D(2025, 4, 1), D(2025, 4, 30), "month"),
        ("2025-12", D(2025, 12, 1), D(2025, 12, 31), "month"),
        ("2025", D(2025, 1, 1), D(2025, 12, 31), "year"),
        ("1846", D(1846, 1, 1), D(1846, 12, 31), "year"),
        # weeks: exactly Monday to Sunday
        ("2026-01-05/2026-01-11", D(2026, 1, 5), D(2026, 1, 11), "week"),
        ("2024-12-30/2025-01-05", D(2024, 12, 30), D(2025, 1, 5), "week"),  # across a year
        ("2026-01-06/2026-01-12", D(2026, 1, 6), D(2026, 1, 12), "range"),  # Tue to Mon
        ("2026-01-05/2026-01-10", D(2026, 1, 5), D(2026, 1, 10), "range"),  # six days
        ("2026-01-05/2026-01-18", D(2026, 1, 5), D(2026, 1, 18), "range"),  # two weeks
        # other intervals: each end keeps its own precision
        ("2026-01-01/2026-01-10", D(2026, 1, 1), D(2026, 1, 10), "range"),
        ("2026-01-12/2026-01-12", D(2026, 1, 12), D(2026, 1, 12), "range"),
        ("1846/1848", D(1846, 1, 1), D(1848, 12, 31), "range"),
        ("1996/2026-01", D(1996, 1, 1), D(2026, 1, 31), "range"),
        ("2025/2026-01-16", D(2025, 1, 1), D(2026, 1, 16), "range"),
        ("2024-02/2024-02", D(2024, 2, 1), D(2024, 2, 29), "range"),
        ("2024-10-01/2026-01-16", D(2024, 10, 1), D(2026, 1, 16), "range"),
        # open start: known only to hold by that day
        ("../2026-01-16", None, D(2026, 1, 16), "open"),
        ("../2026-01", None, D(2026, 1, 31), "open"),
        ("../2025", None, D(2025, 12, 31), "open"),
    ],
)
def test_parse_edtf(edtf: str, start: dt.date | None, end: dt.date, precision: str) -> None:
    interval = parse_edtf(edtf)
    assert (interval.start, interval.end, interval.precision) == (start, end, precision)
    assert interval.edtf == edtf
    assert interval.precision in PRECISIONS
    assert interval.is_point == (precision == "day")


@pytest.mark.parametrize(
    ("edtf", "message"),
    [
        ("2026-02-30", "impossible date '2026-02-30'"),
        ("2025-02-29", "impossible date '2025-02-29'"),  # not a leap year
        ("2026-13", "impossible date '2026-13'"),
        ("2026-00", "impossible date '2026-00'"),
        ("2026-01-32", "impossible date '2026-01-32'"),
        ("0000", "impossible date '0000'"),
        ("2026-01-05/2026-01-01", "interval ends before it starts"),
        ("2027/2026", "interval ends before it starts"),
        ("", "empty date"),
        ("   ", "empty date"),
        (" 2026", "surrounding spaces"),
        ("2026 ", "surrounding spaces"),
        ("2026/2027/2028", "exactly one '/'"),
        ("yesterday", "not an EDTF date"),
        ("2026-1-5", "not an EDTF date"),
        ("26", "not an EDTF date"),
        ("2026-01-12T10:00", "not an EDTF date"),
        ("2026/", "not an EDTF date"),
        ("/2026", "not an EDTF date"),
        ("2026/..", "not an EDTF date"),  # open end is not supported
        ("../..", "not an EDTF date"),
        ("2026?", "not an EDTF date"),  # EDTF uncertainty markers are not supported
        ("２０２６", "not an EDTF date"),  # full-width digits: EDTF is ASCII
    ],
)
def test_parse_edtf_rejects(edtf: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_edtf(edtf)


@pytest.mark.parametrize("value", [None, 2026, ["2026"]])
def test_parse_edtf_rejects_non_strings(value: object) -> None:
    with pytest.raises(ValueError, match="empty date"):
        parse_edtf(value)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("edtf", "lo", "hi", "expected"),
    [
        ("2026-01", D(2026, 1, 31), D(2026, 2, 5), True),  # touches the last day
        ("2026-01", D(2026, 2, 1), None, False),
        ("2026-01", None, D(2025, 12, 31), False),
        ("2026-01", None, None, True),
        ("../2026-01-16", D(1900, 1, 1), D(1900, 1, 2), True),  # open start reaches back
        ("../2026-01-16", D(2026, 1, 17), None, False),
        ("2026-01-05/2026-01-11", D(2026, 1, 11), D(2026, 1, 11), True),
        ("2026-01-05/2026-01-11", D(2026, 1, 12), D(2026, 1, 20), False),
    ],
)
def test_overlaps(edtf: str, lo: dt.date | None, hi: dt.date | None, expected: bool) -> None:
    assert parse_edtf(edtf).overlaps(lo, hi) is expected
