"""The timeline's two time axes, as pure functions: the detail's window and the overview's scale.

The detail view shows a window of days on a linear axis; by default the days of the article's
month up to its publication day, where most events happen. The overview strip shows every
event on one compressed scale, so 1846 and the last week of January 2026 fit on one line
without the recent weeks shrinking to a sliver: position is the logarithm of the time left
before the end of the data, `1 - log1p(days_before_end / TAU) / log1p(total_days / TAU)`.
A day near the end is some 40 px wide on a 760 px strip, a year in the 1800s a few tenths
of a pixel. The mapping is monotonic, so a range brushed on the strip maps back to dates.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

DAY = dt.timedelta(days=1)
TAU_DAYS = 7.0  # the compression's knee: about the last week is close to linear
MIN_FOCUS_DAYS = 14


def default_focus(published: dt.date) -> tuple[dt.date, dt.date]:
    """The article's days: from the first of its month (at least two weeks back) to its date."""
    start = published.replace(day=1)
    if (published - start).days + 1 < MIN_FOCUS_DAYS:
        start = published - dt.timedelta(days=MIN_FOCUS_DAYS - 1)
    return start, published


def focus_for(
    requested: tuple[dt.date, dt.date] | None,
    published: dt.date,
    extent: tuple[dt.date, dt.date] | None,
    touches: Callable[[dt.date, dt.date], bool],
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
) -> tuple[dt.date, dt.date]:
    """The detail window to show: the requested one (from the URL or the overview strip);
    else the filter's date range; else the article's days, or, when none of the shown events
    touches them, all the days of those events.

    `extent` is the shown events' first and last day (None: no event shown); `touches(lo,
    hi)` says whether any of them touches the days lo..hi (callers answer it for thousands
    of events at once).
    """
    if requested is not None:
        return requested
    if date_from or date_to:
        lo = date_from or (extent[0] if extent else published)
        hi = date_to or (extent[1] if extent else published)
        if lo <= hi:
            return lo, hi
    lo, hi = default_focus(published)
    if extent is None or touches(lo, hi):
        return lo, hi
    return extent


@dataclass(frozen=True)
class Window:
    """A linear axis over whole days: `first` to `last` inclusive."""

    first: dt.date
    last: dt.date

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    def fraction(self, day: dt.date, part: float = 0.0) -> float:
        """Where `day` (plus `part` of it: 0.5 its middle, 1 its end) falls, 0 to 1."""
        return ((day - self.first).days + part) / self.days

    def touches(self, first: dt.date, last: dt.date) -> bool:
        return first <= self.last and last >= self.first


@dataclass(frozen=True)
class Compressed:
    """The overview's scale from `first` to `last` (inclusive days), see the module doc."""

    first: dt.date
    last: dt.date
    tau: float = TAU_DAYS

    @property
    def _total(self) -> float:
        return math.log1p(((self.last - self.first).days + 1) / self.tau)

    def fraction(self, day: dt.date, part: float = 0.0) -> float:
        before_end = (self.last - day).days + 1 - part
        before_end = min(max(before_end, 0.0), (self.last - self.first).days + 1)
        return 1 - math.log1p(before_end / self.tau) / self._total

    def fractions(self, days: np.ndarray, part: float = 0.0) -> np.ndarray:
        """`fraction` of many days at once (a numpy datetime64[D] array)."""
        last = np.datetime64(self.last, "D")
        span = (self.last - self.first).days + 1
        before_end = np.clip((last - days).astype("int64") + 1 - part, 0.0, span)
        return 1 - np.log1p(before_end / self.tau) / self._total

    def date_at(self, fraction: float) -> dt.date:
        """The day at `fraction` of the strip (clamped to the scale's days)."""
        fraction = min(max(fraction, 0.0), 1.0)
        before_end = self.tau * math.expm1((1 - fraction) * self._total)
        day = self.last - dt.timedelta(days=math.floor(before_end - 1e-9))
        return min(max(day, self.first), self.last)

    def ticks(self, width_px: float, min_gap_px: float = 64) -> list[tuple[float, str]]:
        """(fraction, label) of tick marks at least `min_gap_px` apart on a `width_px` strip:
        centuries first, then decades, years, quarters, months, weeks, as room allows."""
        chosen: list[tuple[float, str]] = []
        for day, text in self._candidates():
            x = self.fraction(day)
            if all(abs(x - c) * width_px >= min_gap_px for c, _ in chosen):
                chosen.append((x, text))
        return sorted(chosen)

    def _candidates(self) -> Iterable[tuple[dt.date, str]]:
        first, last = self.first, self.last
        years = range(first.year + 1, last.year + 1)
        for step in (100, 50, 10, 5, 1):
            for year in reversed(years):
                if year % step == 0 and (step > 1 or year > last.year - 10):
                    yield dt.date(year, 1, 1), f"{year}"
        months = [
            dt.date(y, m, 1)
            for y in range(max(first.year, last.year - 1), last.year + 1)
            for m in range(1, 13)
            if first < dt.date(y, m, 1) <= last
        ]
        for step in (3, 1):
            for day in reversed(months):
                if (day.month - 1) % step == 0:
                    yield day, f"{day:%Y-%m}"
        for offset in range(63):
            day = last - dt.timedelta(days=offset)
            if day.day in (8, 15, 22) and day > first:
                yield day, f"{day:%m-%d}"
