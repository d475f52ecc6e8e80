"""The actor network as a plotly figure, exportable as PNG, SVG and HTML like every chart.

`network_figure(graph, lang, titles=...)` draws a `usmx.network` graph at its deterministic
layout: one coloured line trace per relation (the legend names them), an arrowhead on each
directed edge near its target (cooperation goes both ways: a round marker at its middle), and
the actors as circles sized by their number of events, coloured by side (the legend names the
sides too), labelled in the chosen language, under a heading per band (United States left,
Mexico right). Two edges between the same actors, and edges inside one band, are bent so they
do not run over the actors between them.

Where lines run and arrowheads sit is `usmx.network_geometry`. Each arrowhead (an annotation)
has an invisible marker on top of it: that marker, and the round one of a mutual edge, is the
edge's hover and click target.

Options, for the Network page: `relations` draws only those relations (the actors keep their
places: the layout is the whole graph's), and `focus` — ("node", actor id) or ("edge",
"from|to|relation") — keeps the chosen actor's or edge's lines in colour and greys the rest,
so a click shows at once who does what to whom around it.

Clicks: every clickable point carries `customdata = [kind, key, event ids]` — kind "node" with
the actor id, or "edge" with "from|to|relation" — so a page lists exactly those events.

`figure_from_tables`, `summary_from_tables` and `table_from_tables` are what the chart registry
(`usmx.charts.registry.CHARTS["network"]`) calls, lazily, so networkx is imported only when the network
is drawn.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from typing import Any

import networkx as nx
import pandas as pd
import plotly.graph_objects as go

from usmx import network_geometry as G
from usmx.charts.style import base_layout, empty_figure, esc
from usmx.i18n import count, label, t
from usmx.network import (
    BAND_CENTRES,
    graph_from_tables,
    layout,
    ordered_edges,
    relation_counts,
    with_relations,
)
from usmx.palette import FADED, NEUTRAL, RELATION_COLORS, SIDE_COLORS
from usmx.relations import Relation

HEIGHT = 720
WIDTH = 1300
MAX_HOVER_EVENTS = 8  # titles listed in one hover label; the click lists them all
SIDE_KEYS = ("US", "other", "MX")  # legend order: as the bands read, left to right
X_RANGE = (-2.15, 2.15)
Y_RANGE = (-1.08, 1.2)  # room above the top actors for the band headings

Focus = tuple[str, str]  # ("node", actor id) or ("edge", "from|to|relation")


def _name(attrs: Mapping[str, Any], lang: str) -> str:
    return attrs["name_zh"] if lang == "zh-Hant" else attrs["name_en"]


def _side_key(side: str) -> str:
    return side if side in SIDE_COLORS else "other"


def edge_key(source: str, target: str, relation: str) -> str:
    return f"{source}|{target}|{relation}"


def _event_lines(event_ids: list[str], titles: Mapping[str, str], lang: str) -> list[str]:
    shown = [esc(titles.get(e, e)) for e in event_ids[:MAX_HOVER_EVENTS]]
    if len(event_ids) > MAX_HOVER_EVENTS:
        shown.append(esc(t("chart.network.more", lang, count=len(event_ids) - MAX_HOVER_EVENTS)))
    return shown


def _in_focus(focus: Focus | None, u: str, v: str, k: str) -> bool:
    if focus is None:
        return True
    kind, key = focus
    return key in (u, v) if kind == "node" else key == edge_key(u, v, k)


def _edge_traces(
    graph: nx.MultiDiGraph,
    edges: list[tuple[str, str, str, dict[str, Any]]],
    pos: Mapping[str, tuple[float, float]],
    bends: Mapping[tuple[str, str, str], float],
    *,
    name: str,
    colour: str,
    width: float,
    legend: bool,
    group: str,
    lang: str,
    titles: Mapping[str, str],
    arrows: list[dict[str, Any]],
) -> list[go.Scatter]:
    """The lines of `edges` and one marker per edge (on the arrowhead, which goes into
    `arrows`, or round and visible at the middle of a mutual edge)."""
    xs: list[float | None] = []
    ys: list[float | None] = []
    mark_x, mark_y, opacity, custom, hover = [], [], [], [], []
    for u, v, k, d in edges:
        at = G.curve(pos[u], pos[v], bends[(u, v, k)])
        for i in range(G.CURVE_POINTS + 1):
            x, y = at(i / G.CURVE_POINTS)
            xs.append(x)
            ys.append(y)
        xs.append(None)
        ys.append(None)
        where = 0.5 if d["mutual"] else G.ARROW_AT
        mx, my = at(where)
        mark_x.append(mx)
        mark_y.append(my)
        opacity.append(1.0 if d["mutual"] else 0.0)
        if not d["mutual"]:
            arrows.append(G.arrow(at, colour))
        custom.append(["edge", edge_key(u, v, k), " ".join(d["event_ids"])])
        arrow = "↔" if d["mutual"] else "→"
        head = (
            f"<b>{esc(_name(graph.nodes[u], lang))} {arrow} "
            f"{esc(_name(graph.nodes[v], lang))}</b><br>{esc(label('relation', k, lang))} · "
            f"{esc(t('chart.network.events', lang, count=len(d['event_ids'])))}"
        )
        hover.append("<br>".join([head, *_event_lines(d["event_ids"], titles, lang)]))
    lines = go.Scatter(
        x=xs,
        y=ys,
        mode="lines",
        line={"color": colour, "width": width},
        name=esc(name),
        legendgroup=group,
        showlegend=legend,
        hoverinfo="skip",
    )
    marks = go.Scatter(
        x=mark_x,
        y=mark_y,
        mode="markers",
        # Invisible markers still take hover and clicks: the arrowhead is the target.
        marker={"color": colour, "size": 12, "opacity": opacity, "line": {"width": 0}},
        customdata=custom,
        hovertext=hover,
        hoverinfo="text",
        name=esc(name),
        legendgroup=group,
        showlegend=False,
    )
    return [lines, marks]


def network_figure(
    graph: nx.MultiDiGraph,
    lang: str,
    *,
    titles: Mapping[str, str] | None = None,
    pos: Mapping[str, tuple[float, float]] | None = None,
    relations: Iterable[str] | None = None,
    focus: Focus | None = None,
) -> go.Figure:
    """The network drawn at `pos` (default: the whole graph's `usmx.network.layout`);
    `titles` names events; `relations` and `focus` as in the module docstring."""
    title = t("chart.network.title", lang)
    pos = pos or layout(graph)
    shown = with_relations(graph, relations)
    if shown.number_of_edges() == 0:
        return empty_figure(title, lang)
    titles = titles or {}
    edges = list(ordered_edges(shown))
    bends = G.bends(edges, pos)
    fig = go.Figure()
    arrows: list[dict[str, Any]] = []
    common: dict[str, Any] = {"lang": lang, "titles": titles, "arrows": arrows}
    background = [e for e in edges if not _in_focus(focus, *e[:3])]
    if background:
        for trace in _edge_traces(
            shown, background, pos, bends, name="", colour=FADED, width=1.2, legend=False,
            group="faded", **common,
        ):  # fmt: skip
            fig.add_trace(trace)
    for relation in Relation:
        mine = [e for e in edges if e[2] == relation.value and _in_focus(focus, *e[:3])]
        if mine:
            traces = _edge_traces(
                shown, mine, pos, bends, name=label("relation", relation.value, lang),
                colour=RELATION_COLORS[relation.value], width=1.8 if focus is None else 2.6,
                legend=True, group=relation.value, **common,
            )  # fmt: skip
            fig.add_traces(traces)
    labels = _add_nodes(fig, shown, pos, lang, focus)
    _add_side_legend(fig, shown, lang)
    base_layout(fig, title, height=HEIGHT)
    fig.update_layout(
        annotations=[*arrows, *labels, *_band_headings(shown, pos, lang)],
        legend={"orientation": "h", "y": -0.02, "x": 0, "font": {"size": 12}},
        margin={"l": 20, "r": 20, "t": 60, "b": 70},
        hovermode="closest",
    )
    fig.update_xaxes(visible=False, range=list(X_RANGE))
    fig.update_yaxes(visible=False, range=list(Y_RANGE))
    return fig


def _touches(focus: Focus | None, graph: nx.MultiDiGraph, node: str) -> bool:
    if focus is None:
        return True
    kind, key = focus
    if kind == "node":
        return node == key or graph.has_edge(node, key) or graph.has_edge(key, node)
    return node in key.split("|")[:2]


def _in_middle(x: float) -> bool:
    return -0.4 <= x <= 0.4


def _add_nodes(
    fig: go.Figure,
    graph: nx.MultiDiGraph,
    pos: Mapping[str, tuple[float, float]],
    lang: str,
    focus: Focus | None,
) -> list[dict[str, Any]]:
    """The actors' trace; returns the labels of the middle band as annotations (a white
    backing keeps them readable where the lines between the two countries cross)."""
    nodes = list(graph.nodes)
    counts = [graph.nodes[n]["n_events"] for n in nodes]
    lit = [_touches(focus, graph, n) for n in nodes]
    names = [esc(_name(graph.nodes[n], lang)) for n in nodes]
    middle = [_in_middle(pos[n][0]) for n in nodes]
    fig.add_trace(
        go.Scatter(
            x=[pos[n][0] for n in nodes],
            y=[pos[n][1] for n in nodes],
            mode="markers+text",
            text=["" if mid else label for label, mid in zip(names, middle, strict=True)],
            textposition=[_text_position(pos[n][0]) for n in nodes],
            textfont={"size": 12, "color": [NEUTRAL if on else "#AAAAAA" for on in lit]},
            marker={
                "size": [12 + 6 * math.sqrt(c) for c in counts],
                "color": [SIDE_COLORS[_side_key(graph.nodes[n]["side"])] for n in nodes],
                "opacity": [1.0 if on else 0.35 for on in lit],
                "line": {"color": NEUTRAL, "width": 1},
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
    return [
        {
            "text": label,
            "x": pos[n][0],
            "y": pos[n][1],
            "xref": "x",
            "yref": "y",
            "yshift": 6 + 3 * math.sqrt(c),
            "yanchor": "bottom",
            "showarrow": False,
            "bgcolor": "rgba(255,255,255,0.85)",
            "borderpad": 1,
            "font": {"size": 12, "color": NEUTRAL if on else "#AAAAAA"},
        }
        for n, label, c, on, mid in zip(nodes, names, counts, lit, middle, strict=True)
        if mid
    ]


def _add_side_legend(fig: go.Figure, graph: nx.MultiDiGraph, lang: str) -> None:
    """Legend entries for the actors' colours (points drawn nowhere: legend only)."""
    present = {_side_key(graph.nodes[n]["side"]) for n in graph.nodes}
    for key in SIDE_KEYS:
        if key in present:
            fig.add_trace(
                go.Scatter(
                    x=[None],
                    y=[None],
                    mode="markers",
                    marker={"size": 12, "color": SIDE_COLORS[key], "line": {"color": NEUTRAL}},
                    name=esc(t(f"country.{key}", lang)),
                    hoverinfo="skip",
                )
            )


def _band_headings(
    graph: nx.MultiDiGraph, pos: Mapping[str, tuple[float, float]], lang: str
) -> list[dict[str, Any]]:
    """A heading over each band that has actors: the reader knows who stands where."""
    headings = []
    present = {_side_key(graph.nodes[n]["side"]) for n in graph.nodes}
    for key in SIDE_KEYS:
        if key not in present:
            continue
        headings.append(
            {
                "text": f"<b>{esc(t(f'country.{key}', lang))}</b>",
                "x": BAND_CENTRES.get(key, 0.0),
                "y": Y_RANGE[1],
                "xref": "x",
                "yref": "y",
                "yanchor": "top",
                "showarrow": False,
                "font": {"size": 14, "color": NEUTRAL},
            }
        )
    return headings


def _text_position(x: float) -> str:
    # Labels point away from the middle so they do not run into the edges between the sides.
    if x < -0.4:
        return "middle left"
    if x > 0.4:
        return "middle right"
    return "top center"  # (drawn as an annotation instead: see _add_nodes)


# --- the chart registry's entry points (frames already cut to the shown events) ---------------


def titles_from_tables(tables: Any, lang: str) -> dict[str, str]:
    col = "title_zh" if lang == "zh-Hant" else "title_en"
    return dict(zip(tables.events["id"], tables.events[col], strict=True))


def figure_from_tables(tables: Any, *, lang: str) -> go.Figure:
    return network_figure(graph_from_tables(tables), lang, titles=titles_from_tables(tables, lang))


def summary(graph: nx.MultiDiGraph, lang: str) -> str:
    """One sentence: how many relations between how many actors, and the most common one."""
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


def table(graph: nx.MultiDiGraph, lang: str) -> pd.DataFrame:
    """One row per edge: from, relation, to, number of events and their ids."""
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


def summary_from_tables(tables: Any, lang: str) -> str:
    return summary(graph_from_tables(tables), lang)


def table_from_tables(tables: Any, lang: str) -> pd.DataFrame:
    return table(graph_from_tables(tables), lang)
