"""The actor network: a directed multigraph of the relations events record, and its layout.

Nodes are actors, sized by how many of the chosen events they take part in (any role). Edges
are `usmx.relations` links merged per (from, to, relation): one edge per relation between two
actors, keyed by the relation, carrying every event id that records it (in dataset order), each
event's status, and the evidence spans of those events. Merging keeps the graph the size of the
cast, not of the events: 100,000 generated events still give a few dozen edges to draw.

The graph is built from the events a page shows (the sidebar's `Filters.events(ds)`), or from
frames already cut to them (`graph_from_tables`, what the chart registry passes).

This is the only module that imports networkx (0.6 s to import): pages that do not draw the
network never load it.

Layout (`layout`): deterministic, readable with ~30 nodes. Actors are placed in vertical bands
by side — United States on the left, Mexico on the right, everyone else (Venezuela, unnamed
sources) in the middle — and spread within their band by networkx's spring layout with a fixed
seed, started from those bands, so that related actors sit near each other. Same input, same
picture: nodes and edges are added in dataset order and the seed is fixed.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import networkx as nx

from usmx.model import Dataset, Event
from usmx.relations import EventRoles, event_links, event_roles, sides_of
from usmx.vocabulary import ActorKind

SEED = 20260116  # the article's publication day: any fixed number would do
BAND_CENTRES = {"US": -1.0, "MX": 1.0}  # every other side: 0.0 (the middle band)
BAND_HALF_WIDTH = 0.3
MIDDLE_HALF_WIDTH = 0.2


@dataclass(frozen=True)
class ActorInfo:
    """What the graph shows of an actor (names in both languages for the labels)."""

    id: str
    name_en: str
    name_zh: str
    kind: str
    country: str | None
    parent_id: str | None
    order: int


@dataclass(frozen=True)
class NetworkInput:
    """Everything a graph is built from: events as roles, the cast, and each event's spans."""

    events: tuple[EventRoles, ...]
    actors: Mapping[str, ActorInfo]
    evidence: Mapping[str, tuple[dict[str, Any], ...]]


def input_from_dataset(ds: Dataset, events: Iterable[Event] | None = None) -> NetworkInput:
    """The input for `events` (default: all), with every evidence span of each event."""
    chosen = list(ds.events if events is None else events)
    order = {e.id: i for i, e in enumerate(ds.events)}
    chosen.sort(key=lambda e: order.get(e.id, len(order)))
    actors = {
        a.id: ActorInfo(a.id, a.name_en, a.name_zh, a.kind.value, a.country, a.parent_id, i)
        for i, a in enumerate(ds.actors)
    }
    evidence = {
        e.id: tuple({"exact": ev.exact, "start": ev.start, "end": ev.end} for ev in e.evidence)
        for e in chosen
    }
    return NetworkInput(tuple(event_roles(e) for e in chosen), actors, evidence)


def input_from_tables(tables: Any) -> NetworkInput:
    """The input from `usmx.tables.Tables` (already cut to the shown events): first spans only."""
    events_frame = tables.events.sort_values("order")
    roles: dict[str, list[tuple[str, str]]] = {}
    for event_id, actor_id, role in tables.event_actors[
        ["event_id", "actor_id", "role"]
    ].itertuples(index=False):
        roles.setdefault(event_id, []).append((actor_id, role))
    events = tuple(
        EventRoles(row.id, row.event_type, row.status, tuple(roles.get(row.id, ())))
        for row in events_frame.itertuples(index=False)
    )
    evidence = {
        row.id: (
            {"exact": row.evidence_exact, "start": row.evidence_start, "end": row.evidence_end},
        )
        for row in events_frame.itertuples(index=False)
    }
    actors = {
        row.id: ActorInfo(
            row.id,
            row.name_en,
            row.name_zh,
            row.kind,
            row.country or None,
            row.parent_id or None,
            i,
        )
        for i, row in enumerate(tables.actors.itertuples(index=False))
    }
    return NetworkInput(events, actors, evidence)


def build_graph(data: NetworkInput) -> nx.MultiDiGraph:
    """The network of `data` (see the module docstring for what nodes and edges carry)."""
    sides = sides_of(
        (a.id, a.country, a.parent_id, a.kind == ActorKind.media) for a in data.actors.values()
    )
    involved: dict[str, list[str]] = {}
    for event in data.events:
        for actor_id in dict.fromkeys(a for a, _ in event.roles):
            involved.setdefault(actor_id, []).append(event.event_id)
    merged: dict[tuple[str, str, str], dict[str, Any]] = {}
    for event in data.events:
        for link in event_links(event, sides):
            key = (link.source, link.target, link.relation.value)
            edge = merged.setdefault(
                key,
                {"relation": link.relation.value, "mutual": link.mutual, "event_ids": []},
            )
            edge["event_ids"].append(link.event_id)
            edge.setdefault("statuses", []).append(link.status)
    graph = nx.MultiDiGraph()
    in_edges = {a for s, t, _ in merged for a in (s, t)}
    for actor in sorted(data.actors.values(), key=lambda a: a.order):
        if actor.id not in in_edges:
            continue
        graph.add_node(
            actor.id,
            name_en=actor.name_en,
            name_zh=actor.name_zh,
            kind=actor.kind,
            side=sides[actor.id].side,
            event_ids=involved.get(actor.id, []),
            n_events=len(involved.get(actor.id, [])),
        )
    for order, ((source, target, relation), edge) in enumerate(merged.items()):
        edge["order"] = order
        edge["evidence"] = [
            {"event_id": event_id, **span}
            for event_id in edge["event_ids"]
            for span in data.evidence.get(event_id, ())
        ]
        graph.add_edge(source, target, key=relation, **edge)
    return graph


def graph_from_dataset(ds: Dataset, events: Iterable[Event] | None = None) -> nx.MultiDiGraph:
    return build_graph(input_from_dataset(ds, events))


def graph_from_tables(tables: Any) -> nx.MultiDiGraph:
    return build_graph(input_from_tables(tables))


# --- reading the graph ------------------------------------------------------------------------


def node_event_ids(graph: nx.MultiDiGraph, actor_id: str) -> list[str]:
    """The chosen events an actor takes part in (what a click on its node lists)."""
    return list(graph.nodes[actor_id]["event_ids"]) if actor_id in graph else []


def edge_event_ids(graph: nx.MultiDiGraph, source: str, target: str, relation: str) -> list[str]:
    """The events recording one relation (what a click on its edge lists)."""
    if not graph.has_edge(source, target, key=relation):
        return []
    return list(graph.edges[source, target, relation]["event_ids"])


def with_relations(graph: nx.MultiDiGraph, relations: Iterable[str] | None) -> nx.MultiDiGraph:
    """The graph keeping only edges of `relations` (None: all), and the actors they join.

    A view, not a copy: node attributes (events, sizes) still count every chosen event, and
    `layout` of the whole graph places the kept actors where they were, so switching a
    relation off and on does not move anyone.
    """
    if relations is None:
        return graph
    wanted = set(relations)
    edges = [(u, v, k) for u, v, k in graph.edges(keys=True) if k in wanted]
    nodes = {a for u, v, _ in edges for a in (u, v)}
    return graph.edge_subgraph(edges) if nodes else graph.subgraph(())


def relation_counts(graph: nx.MultiDiGraph) -> dict[str, int]:
    """Number of edges per relation, largest first (ties in relation order)."""
    counts: dict[str, int] = {}
    for _, _, relation in graph.edges(keys=True):
        counts[relation] = counts.get(relation, 0) + 1
    return dict(sorted(counts.items(), key=lambda kv: -kv[1]))


# --- layout -----------------------------------------------------------------------------------


def _band(side: str) -> float:
    return BAND_CENTRES.get(side, 0.0)


def layout(graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    """Node positions in [-1.45, 1.45] x [-1, 1]: bands by side, seeded spring layout within."""
    nodes = list(graph.nodes)
    if not nodes:
        return {}
    bands: dict[float, list[str]] = {}
    for n in nodes:
        bands.setdefault(_band(graph.nodes[n]["side"]), []).append(n)
    # Start from tidy columns (busiest actors in the middle of their column).
    start: dict[str, tuple[float, float]] = {}
    for x, members in bands.items():
        ranked = sorted(members, key=lambda n: -graph.nodes[n]["n_events"])
        for i, n in enumerate(ranked):
            offset = (i + 1) // 2 * (1 if i % 2 else -1)
            start[n] = (x, offset / max(len(ranked), 1))
    simple = nx.Graph()
    simple.add_nodes_from(nodes)
    simple.add_edges_from((u, v) for u, v in graph.edges() if u != v)
    spring = nx.spring_layout(
        simple, pos=start, seed=SEED, iterations=200, k=1.6 / math.sqrt(len(nodes))
    )
    # Pull every node back into its band, keeping the spring layout's order inside it: x
    # spread across the band, y evenly spaced in the spring's vertical order (no overlaps).
    pos: dict[str, tuple[float, float]] = {}
    for x, members in bands.items():
        xs = [float(spring[n][0]) for n in members]
        x_lo, x_hi = min(xs), max(xs)
        by_y = sorted(members, key=lambda n: (float(spring[n][1]), n))
        for rank, n in enumerate(by_y):
            fx = (float(spring[n][0]) - x_lo) / (x_hi - x_lo) if x_hi > x_lo else 0.5
            fy = rank / (len(by_y) - 1) if len(by_y) > 1 else 0.5
            half = BAND_HALF_WIDTH if x else MIDDLE_HALF_WIDTH
            pos[n] = (round(x + (fx - 0.5) * 2 * half, 6), round(fy * 2 - 1, 6))
    return pos


def ordered_edges(graph: nx.MultiDiGraph) -> Sequence[tuple[str, str, str, dict[str, Any]]]:
    """Edges in the order events first record them, as (from, to, relation, attributes)."""
    edges = [(u, v, k, d) for u, v, k, d in graph.edges(keys=True, data=True)]
    return sorted(edges, key=lambda e: e[3]["order"])
