"""Uncertain dates: the EDTF (ISO 8601-2 / Library of Congress EDTF level 0-1) subset we use.

A record's date is written as EDTF and turned here into an inclusive interval of days plus a
precision, so that a timeline can draw "2025" as a bar over the whole year instead of a
misleading point on 1 January. Supported forms:

    2026-01-12                  a day              precision "day"
    2026-01                     a month            precision "month"
    2025                        a year             precision "year"
    2026-01-05/2026-01-11       an interval        "week" when it is one Monday-Sunday week,
                                                   otherwise "range" (ends may be years/months)
    ../2026-01-16               open start         "open": known only to hold by that day
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$", re.ASCII)  # no full-width digits
_MONTH = re.compile(r"^(\d{4})-(\d{2})$", re.ASCII)
_YEAR = re.compile(r"^(\d{4})$", re.ASCII)

PRECISIONS = ("day", "week", "month", "year", "range", "open")


@dataclass(frozen=True)
class DateInterval:
    """Inclusive interval of days; `start` is None for an open start ("../2026-01-16")."""

    edtf: str
    start: dt.date | None
    end: dt.date
    precision: str

    @property
    def is_point(self) -> bool:
        return self.precision == "day"

    def overlaps(self, lo: dt.date | None, hi: dt.date | None) -> bool:
        if hi is not None and self.start is not None and self.start > hi:
            return False
        return not (lo is not None and self.end < lo)


def _bounds(part: str) -> tuple[dt.date, dt.date, str]:
    """First and last day covered by one EDTF date, and its precision."""
    try:
        if m := _DAY.match(part):
            day = dt.date(int(m[1]), int(m[2]), int(m[3]))
            return day, day, "day"
        if m := _MONTH.match(part):
            year, month = int(m[1]), int(m[2])
            last = calendar.monthrange(year, month)[1] if 1 <= month <= 12 else 0
            return dt.date(year, month, 1), dt.date(year, month, last), "month"
        if m := _YEAR.match(part):
            year = int(m[1])
            return dt.date(year, 1, 1), dt.date(year, 12, 31), "year"
    except ValueError as exc:  # e.g. 2026-02-30, month 13
        raise ValueError(f"impossible date {part!r}: {exc}") from None
    raise ValueError(f"not an EDTF date (YYYY, YYYY-MM or YYYY-MM-DD): {part!r}")


def parse_edtf(text: str) -> DateInterval:
    """Parse the supported EDTF subset; raise ValueError with a readable message otherwise."""
    if not isinstance(text, str) or not text.strip():
        raise ValueError("empty date")
    if text != text.strip():
        raise ValueError(f"date has surrounding spaces: {text!r}")
    if "/" not in text:
        start, end, precision = _bounds(text)
        return DateInterval(text, start, end, precision)
    left, sep, right = text.partition("/")
    if "/" in right or not sep:
        raise ValueError(f"an interval has exactly one '/': {text!r}")
    end = _bounds(right)[1]
    if left == "..":
        return DateInterval(text, None, end, "open")
    start = _bounds(left)[0]
    if start > end:
        raise ValueError(f"interval ends before it starts: {text!r}")
    is_week = (
        _DAY.match(left) and _DAY.match(right) and start.weekday() == 0 and (end - start).days == 6
    )
    return DateInterval(text, start, end, "week" if is_week else "range")


def parse_range(text: str) -> tuple[dt.date | None, dt.date | None]:
    """A date range as EDTF: `2024-10-01/2026-01-10`, `../2026-01-10`, `2024-10/..`, `2026-01`.

    Each end is inclusive; `..` leaves that side open (None). A single date stands for every
    day it covers (`2026-01` is all of January). Raises ValueError with a readable message.
    """
    if not isinstance(text, str) or not text.strip():
        raise ValueError("empty date range")
    if "/" not in text:
        start, end, _ = _bounds(text)
        return start, end
    left, _, right = text.partition("/")
    if "/" in right:
        raise ValueError(f"a range has exactly one '/': {text!r}")
    if left == right == "..":
        raise ValueError(f"a range needs at least one date: {text!r}")
    lo = None if left == ".." else _bounds(left)[0]
    hi = None if right == ".." else _bounds(right)[1]
    if lo is not None and hi is not None and lo > hi:
        raise ValueError(f"range ends before it starts: {text!r}")
    return lo, hi


def format_range(start: dt.date | None, end: dt.date | None) -> str:
    """The EDTF interval for inclusive days `start`..`end`, `..` for an open side."""
    if start is None and end is None:
        raise ValueError("a range needs at least one date")
    left = start.isoformat() if start else ".."
    right = end.isoformat() if end else ".."
    return f"{left}/{right}"
