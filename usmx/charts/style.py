"""How every plotly chart looks: the slim template, the font, escaping, titles, empty charts.

Dataset text goes into titles, hover labels, tick labels and annotations, which plotly renders
as a subset of HTML, so every such string passes through `esc` (the one escaping helper of
the charts) before it reaches a figure.
"""

from __future__ import annotations

import html
from typing import Any

import plotly.graph_objects as go

from usmx.i18n import t
from usmx.palette import NEUTRAL

# Noto Sans CJK first: the font CI installs (fonts-noto-cjk) and the one the label layout's
# width table was measured with (usmx.charts.text_width).
FONT_FAMILY = "Noto Sans CJK TC, Noto Sans CJK SC, Noto Sans, sans-serif"
FONT_PX = 13
GRID = "#EEEEEE"
INK = "#333333"
# plotly_white, cut to what bar and scatter charts on cartesian axes use, built once. Naming
# "plotly_white" deep-copied and validated its 7 KB (colour scales for 3-D, polar and geo
# traces we never draw) on every figure: a third of a chart's build time, and sent to every
# browser. A plain dict would be validated on every figure too.
_AXIS = {
    "gridcolor": "#EBF0F8",
    "linecolor": "#EBF0F8",
    "ticks": "",
    "title": {"standoff": 15},
    "zerolinecolor": "#EBF0F8",
    "automargin": True,
    "zerolinewidth": 2,
}
TEMPLATE = go.layout.Template(
    data={
        "bar": [
            {
                "marker": {
                    "line": {"color": "white", "width": 0.5},
                    "pattern": {"fillmode": "overlay", "size": 10, "solidity": 0.2},
                }
            }
        ],
        "scatter": [{"fillpattern": {"fillmode": "overlay", "size": 10, "solidity": 0.2}}],
    },
    layout={
        "annotationdefaults": {"arrowcolor": "#2a3f5f", "arrowhead": 0, "arrowwidth": 1},
        "autotypenumbers": "strict",
        "font": {"color": "#2a3f5f"},
        "hoverlabel": {"align": "left"},
        "hovermode": "closest",
        "paper_bgcolor": "white",
        "plot_bgcolor": "white",
        "shapedefaults": {"line": {"color": "#2a3f5f"}},
        "title": {"x": 0.05},
        "xaxis": _AXIS,
        "yaxis": _AXIS,
    },
)


def esc(text: Any) -> str:
    """Escape dataset text for plotly labels (they render a subset of HTML)."""
    return html.escape(str(text), quote=False)


def shorten(text: str, limit: int) -> str:
    """At most `limit` characters, the cut marked with an ellipsis (for axis labels)."""
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def rgba(hex_color: str, alpha: float) -> str:
    r, g, b = (int(hex_color[i : i + 2], 16) for i in (1, 3, 5))
    return f"rgba({r},{g},{b},{alpha})"


def base_layout(fig: go.Figure, title: str, *, height: int, subtitle: str | None = None) -> None:
    """Template, font, an escaped left-aligned title (and subtitle), height and margins."""
    fig.update_layout(
        template=TEMPLATE,
        font={"family": FONT_FAMILY, "size": FONT_PX},
        title={
            "text": esc(title),
            "x": 0,
            "xanchor": "left",
            "font": {"size": 17},
            **({"subtitle": {"text": esc(subtitle), "font": {"size": 12}}} if subtitle else {}),
        },
        height=height,
        margin={"l": 10, "r": 10, "t": 80 if subtitle else 60, "b": 50},
        hoverlabel={"font": {"family": FONT_FAMILY}, "align": "left"},
    )


def pinned_title(
    title: str, subtitle_lines: list[str], *, height: float, from_top_px: float, size: int
) -> dict[str, Any]:
    """A layout's `title`: escaped, left-aligned and pinned `from_top_px` below the top of a
    chart `height` pixels tall (so a stack of charts lines up), with its subtitle lines."""
    return {
        "text": esc(title),
        "x": 0,
        "xanchor": "left",
        "xref": "container",
        "y": 1 - from_top_px / height,
        "yref": "container",
        "yanchor": "top",
        "font": {"size": size},
        "subtitle": {"text": "<br>".join(esc(x) for x in subtitle_lines), "font": {"size": 12}},
    }


def empty_figure(title: str, lang: str, height: int = 320) -> go.Figure:
    """A blank chart that says nothing matches, so an empty filter never raises."""
    fig = go.Figure()
    base_layout(fig, title, height=height)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.add_annotation(
        text=esc(t("empty.no_match", lang)),
        x=0.5,
        y=0.5,
        xref="paper",
        yref="paper",
        showarrow=False,
        font={"size": 15, "color": NEUTRAL},
    )
    return fig
