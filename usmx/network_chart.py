"""The actor network as a plotly figure, exportable as PNG, SVG and HTML like every chart.

`network_figure(graph, lang, titles=...)` draws a `usmx.network` graph at its deterministic
layout: one coloured line trace per relation (the legend names them), an arrowhead near the
target of each directed edge (cooperation goes both ways, so it has none), a marker at the
middle of each edge to hover and click, and the actors as circles sized by their number of
events, labelled in the chosen language. Two edges between the same actors are bent apart.

Clicks: every clickable point carries `customdata = [kind, key, event ids]` — kind "node" with
the actor id, or "edge" with "from|to|relation" — so a page lists exactly those events.

`figure_from_tables`, `summary_from_tables` and `table_from_tables` are what the chart registry
(`usmx.charts.registry.CHARTS["network"]`) calls, lazily, so networkx is imported only when the network
is drawn.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from usmx.charts.style import base_layout, empty_figure, esc
from usmx.i18n import count, label, t
from usmx.network import graph_from_tables, layout, ordered_edges, relation_counts
from usmx.palette import NEUTRAL, RELATION_COLORS, SIDE_COLORS
from usmx.relations import Relation

HEIGHT = 680
WIDTH = 1300
MAX_HOVER_EVENTS = 8  # titles listed in one hover label; the click lists them all
CURVE_POINTS = 16
BEND = 0.18  # how far apart two edges between the same actors are bent (share of length)
ARROW_AT = 0.82  # arrowheads sit before the target node, not under it


def _name(attrs: Mapping[str, Any], lang: str) -> str:
    return attrs["name_zh"] if lang == "zh-Hant" else attrs["name_en"]


def _side_key(side: str) -> str:
    return side if side in SIDE_COLORS else "other"


def _bends(edges: list[tuple[str, str, str, dict[str, Any]]]) -> dict[tuple[str, str, str], float]:
    """A signed bend per edge: 0 for a lone edge, spread apart for edges sharing two actors."""
    by_pair: dict[tuple[str, str], list[tuple[str, str, str]]] = {}
    for u, v, k, _ in edges:
        by_pair.setdefault((min(u, v), max(u, v)), []).append((u, v, k))
    bends: dict[tuple[str, str, str], float] = {}
    for (a, _b), members in by_pair.items():
        n = len(members)
        for i, (u, v, k) in enumerate(members):
            offset = (i - (n - 1) / 2) * BEND
            bends[(u, v, k)] = offset if u == a else -offset  # same side of the a→b line
    return bends


def _curve(
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


def _event_lines(event_ids: list[str], titles: Mapping[str, str], lang: str) -> list[str]:
    shown = [esc(titles.get(e, e)) for e in event_ids[:MAX_HOVER_EVENTS]]
    if len(event_ids) > MAX_HOVER_EVENTS:
        shown.append(esc(t("chart.network.more", lang, count=len(event_ids) - MAX_HOVER_EVENTS)))
    return shown


def network_figure(
    graph: nx.MultiDiGraph,
    lang: str,
    *,
    titles: Mapping[str, str] | None = None,
    pos: Mapping[str, tuple[float, float]] | None = None,
) -> go.Figure:
    """The network drawn at `pos` (default: `usmx.network.layout`); `titles` names events."""
    title = t("chart.network.title", lang)
    if graph.number_of_edges() == 0:
        return empty_figure(title, lang)
    titles = titles or {}
    pos = pos or layout(graph)
    edges = list(ordered_edges(graph))
    bends = _bends(edges)
    fig = go.Figure()
    arrows: list[dict[str, Any]] = []
    for relation in Relation:
        mine = [e for e in edges if e[2] == relation.value]
        if not mine:
            continue
        colour = RELATION_COLORS[relation.value]
        name = label("relation", relation.value, lang)
        xs: list[float | None] = []
        ys: list[float | None] = []
        mid_x, mid_y, custom, hover = [], [], [], []
        for u, v, k, d in mine:
            at = _curve(pos[u], pos[v], bends[(u, v, k)])
            for i in range(CURVE_POINTS + 1):
                x, y = at(i / CURVE_POINTS)
                xs.append(x)
                ys.append(y)
            xs.append(None)
            ys.append(None)
            mx, my = at(0.5)
            mid_x.append(mx)
            mid_y.append(my)
            custom.append(["edge", f"{u}|{v}|{k}", " ".join(d["event_ids"])])
            arrow = "↔" if d["mutual"] else "→"
            head = (
                f"<b>{esc(_name(graph.nodes[u], lang))} {arrow} "
                f"{esc(_name(graph.nodes[v], lang))}</b><br>{esc(name)} · "
                f"{esc(t('chart.network.events', lang, count=len(d['event_ids'])))}"
            )
            hover.append("<br>".join([head, *_event_lines(d["event_ids"], titles, lang)]))
            if not d["mutual"]:
                (ax, ay), (x, y) = at(ARROW_AT - 0.08), at(ARROW_AT)
                arrows.append(
                    {
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
                )
        width = 1.8
        fig.add_trace(
            go.Scatter(
                x=xs,
                y=ys,
                mode="lines",
                line={"color": colour, "width": width},
                name=esc(name),
                legendgroup=relation.value,
                hoverinfo="skip",
            )
        )
        fig.add_trace(
            go.Scatter(
                x=mid_x,
                y=mid_y,
                mode="markers",
                marker={"color": colour, "size": 9, "line": {"color": "#FFFFFF", "width": 1}},
                customdata=custom,
                hovertext=hover,
                hoverinfo="text",
                name=esc(name),
                legendgroup=relation.value,
                showlegend=False,
            )
        )
    nodes = list(graph.nodes)
    counts = [graph.nodes[n]["n_events"] for n in nodes]
    fig.add_trace(
        go.Scatter(
            x=[pos[n][0] for n in nodes],
            y=[pos[n][1] for n in nodes],
            mode="markers+text",
            text=[esc(_name(graph.nodes[n], lang)) for n in nodes],
            textposition=[_text_position(pos[n][0]) for n in nodes],
            textfont={"size": 12, "color": NEUTRAL},
            marker={
                "size": [12 + 6 * math.sqrt(c) for c in counts],
                "color": [SIDE_COLORS[_side_key(graph.nodes[n]["side"])] for n in nodes],
                "line": {"color": "#FFFFFF", "width": 1.5},
            },
            customdata=[["node", n, " ".join(graph.nodes[n]["event_ids"])] for n in nodes],
            hovertext=[
                f"<b>{esc(_name(graph.nodes[n], lang))}</b><br>"
                + esc(t("chart.network.events", lang, count=graph.nodes[n]["n_events"]))
                for n in nodes
            ],
            hoverinfo="text",
            showlegend=False,
            cliponaxis=False,
        )
    )
    base_layout(fig, title, height=HEIGHT)
    fig.update_layout(
        annotations=arrows,
        legend={"orientation": "h", "y": -0.04, "x": 0, "font": {"size": 12}},
        margin={"l": 20, "r": 20, "t": 70, "b": 60},
        hovermode="closest",
    )
    fig.update_xaxes(visible=False, range=[-2.25, 2.25])
    fig.update_yaxes(visible=False, range=[-1.12, 1.12])
    return fig


def _text_position(x: float) -> str:
    # Labels point away from the middle so they do not run into the edges between the sides.
    if x < -0.4:
        return "middle left"
    if x > 0.4:
        return "middle right"
    return "top center"


# --- the chart registry's entry points (frames already cut to the shown events) ---------------


def _titles(tables: Any, lang: str) -> dict[str, str]:
    col = "title_zh" if lang == "zh-Hant" else "title_en"
    return dict(zip(tables.events["id"], tables.events[col], strict=True))


def figure_from_tables(tables: Any, *, lang: str) -> go.Figure:
    return network_figure(graph_from_tables(tables), lang, titles=_titles(tables, lang))


def summary_from_tables(tables: Any, lang: str) -> str:
    graph = graph_from_tables(tables)
    counts = relation_counts(graph)
    if not counts:
        return t("empty.no_match", lang)
    top, top_count = next(iter(counts.items()))
    return t(
        "chart.network.alt",
        lang,
        actors=count("actors", graph.number_of_nodes(), lang),
        relations=count("relations", graph.number_of_edges(), lang),
        top=label("relation", top, lang),
        count=top_count,
    )


def table_from_tables(tables: Any, lang: str) -> pd.DataFrame:
    """One row per edge: from, relation, to, number of events and their ids."""
    graph = graph_from_tables(tables)
    columns = [
        t(f"chart.network.col.{c}", lang) for c in ("from", "relation", "to", "events", "event_ids")
    ]
    rows = [
        [
            _name(graph.nodes[u], lang),
            label("relation", k, lang),
            _name(graph.nodes[v], lang),
            len(d["event_ids"]),
            " ".join(d["event_ids"]),
        ]
        for u, v, k, d in ordered_edges(graph)
    ]
    return pd.DataFrame(rows, columns=columns)
