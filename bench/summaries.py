"""Summaries and formatting of measured numbers, shared by every section of the report."""

from __future__ import annotations

import statistics
from collections.abc import Callable


def summary(values: list[float]) -> dict[str, float] | None:
    """Median, min, max and count of `values` (None when there are none)."""
    if not values:
        return None
    return {
        "median": statistics.median(values),
        "min": min(values),
        "max": max(values),
        "n": len(values),
    }


def fmt_s(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    if seconds < 1:
        return f"{seconds * 1000:.0f} ms" if seconds >= 0.01 else f"{seconds * 1000:.1f} ms"
    return f"{seconds:.2f} s"


def fmt_sum(s: dict[str, float] | None, unit: Callable[[float], str] = fmt_s) -> str:
    """`**median** (min – max, n=N)`, or a dash."""
    if not s:
        return "—"
    return f"**{unit(s['median'])}** ({unit(s['min'])} – {unit(s['max'])}, n={s['n']})"


def fmt_mb(v: float | None) -> str:
    return "—" if v is None else f"{v:.0f} MB"


def slope(values: list[float]) -> float:
    """Least-squares slope of values against their index."""
    n = len(values)
    if n < 2:
        return 0.0
    mx, my = (n - 1) / 2, statistics.fmean(values)
    num = sum((i - mx) * (v - my) for i, v in enumerate(values))
    return num / sum((i - mx) ** 2 for i in range(n))


def first_line(exc: BaseException, limit: int = 500) -> str:
    """`Type: first line of the message`, for an error reported as a result."""
    text = str(exc).splitlines()[0] if str(exc) else ""
    return f"{type(exc).__name__}: {text[:limit]}"


def last_line(text: str, limit: int = 300) -> str:
    """The last non-empty line of `text` (a traceback's exception), for a table cell."""
    lines = [line for line in text.splitlines() if line.strip()]
    return (lines[-1].strip() if lines else "no output")[:limit]


def table_cell(text: str, limit: int = 300) -> str:
    """`text` safe in a markdown table cell: one line, pipes escaped, cut at `limit`."""
    return " ".join(str(text).split())[:limit].replace("|", "\\|")
