"""Where the actor network's lines run: bent curves between actors, and their arrowheads.

Pure geometry for `usmx.network_chart`, in the layout's coordinates (`usmx.network.layout`).
A lone edge between two bands is straight; edges sharing two actors are bent apart, and an
edge inside one band bulges towards the middle so it does not run over the actors between its
ends. Curves are quadratic Béziers; an arrowhead is a plotly annotation drawn along the curve
just before its target (an annotation keeps its direction when the chart is resized; a
marker's angle is in screen space and would skew).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

CURVE_POINTS = 16
BEND = 0.18  # how far apart two edges between the same actors are bent (share of length)
BAND_BEND = 0.35  # how far an edge inside one band bulges towards the middle
ARROW_AT = 0.8  # arrowheads sit before the target node, not under it


def bends(
    edges: list[tuple[str, str, str, dict[str, Any]]], pos: Mapping[str, tuple[float, float]]
) -> dict[tuple[str, str, str], float]:
    """A signed bend per edge: 0 for a lone edge between bands, spread apart for edges sharing
    two actors, and bulging towards the middle for edges inside one band."""
    by_pair: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for u, v, k, _ in edges:
        by_pair.setdefault((min(u, v), max(u, v)), []).append((u, v, k))
    out: dict[tuple[str, str, str], float] = {}
    for (a, b), members in by_pair.items():
        n = len(members)
        (xa, ya), (xb, yb) = pos[a], pos[b]
        base = 0.0
        if abs(xa - xb) < 0.7 and abs(ya - yb) > 1e-9:
            # Same band: the control point moves along (-dy, dx) of a -> b; pick the sign
            # that moves it towards x = 0 (or right, in the middle band).
            towards = -1.0 if (xa + xb) / 2 > 0.3 else 1.0
            base = BAND_BEND * towards * (1.0 if yb < ya else -1.0)
        for i, (u, v, k) in enumerate(members):
            offset = base + (i - (n - 1) / 2) * BEND
            out[(u, v, k)] = offset if u == a else -offset  # same side of the a→b line
    return out


def curve(
    p0: tuple[float, float], p2: tuple[float, float], bend: float
) -> Callable[[float], tuple[float, float]]:
    """A quadratic Bézier from p0 to p2 whose control point is pushed sideways by `bend`."""
    (x0, y0), (x2, y2) = p0, p2
    dx, dy = x2 - x0, y2 - y0
    cx, cy = (x0 + x2) / 2 - dy * bend, (y0 + y2) / 2 + dx * bend

    def at(s: float) -> tuple[float, float]:
        a, b, c = (1 - s) ** 2, 2 * (1 - s) * s, s**2
        return a * x0 + b * cx + c * x2, a * y0 + b * cy + c * y2

    return at


def arrow(at: Callable[[float], tuple[float, float]], colour: str) -> dict[str, Any]:
    (ax, ay), (x, y) = at(ARROW_AT - 0.08), at(ARROW_AT)
    return {
        "x": x,
        "y": y,
        "ax": ax,
        "ay": ay,
        "xref": "x",
        "yref": "y",
        "axref": "x",
        "ayref": "y",
        "showarrow": True,
        "arrowhead": 2,
        "arrowsize": 1.3,
        "arrowwidth": 1.6,
        "arrowcolor": colour,
        "text": "",
    }
