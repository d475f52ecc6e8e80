"""What the Network page lists for a chosen actor or relation: its events and their words.

A *pick* is one string naming what the reader chose, the same whether it came from a click on
the chart (a point's customdata: kind and key, see `usmx.network_chart`), from the picker that
keyboard users reach, or from a link (`?node=ID`, `?edge=FROM~TO~RELATION`):

    node:ACTOR_ID                 an actor: every chosen event it takes part in
    edge:FROM|TO|RELATION         one relation: the events that record it

`events_html` renders the listed events (title linking to the event's card on the Timeline,
date, status, type, and every evidence span in its sentence linking to the Source page)
through `usmx/templates/network_events.html.j2`. Pure: no Streamlit.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from usmx.evidence import MarkedSentence, marked_sentences
from usmx.i18n import count, label, stated_date, t, title
from usmx.model import Dataset, Evidence
from usmx.network import edge_event_ids, node_event_ids, ordered_edges
from usmx.network_chart import Focus, edge_key
from usmx.render import render

if TYPE_CHECKING:
    import networkx as nx

NODE, EDGE = "node", "edge"
MAX_LISTED = 50  # events listed for one pick; a node of a 100k-event dataset has thousands


def pick(kind: str, key: str) -> str:
    return f"{kind}:{key}"


def parse_pick(value: str | None) -> Focus | None:
    """("node", id) or ("edge", "from|to|relation"), or None for anything else."""
    kind, _, key = (value or "").partition(":")
    if kind == NODE and key:
        return NODE, key
    if kind == EDGE and len(key.split("|")) == 3:
        return EDGE, key
    return None


def pick_from_view(node: str | None, edge: tuple[str, str, str] | None) -> str | None:
    """The pick a URL names (an edge wins over a node: it is the narrower choice)."""
    if edge is not None:
        return pick(EDGE, edge_key(*edge))
    return pick(NODE, node) if node else None


def view_values(value: str | None) -> dict[str, Any]:
    """The URL's values for a pick: `node` and `edge` (see `usmx.urlstate.ViewState`)."""
    focus = parse_pick(value)
    if focus is None:
        return {"node": None, "edge": None}
    kind, key = focus
    if kind == NODE:
        return {"node": key, "edge": None}
    source, target, relation = key.split("|")
    return {"node": None, "edge": (source, target, relation)}


def pick_from_points(points: Iterable[Mapping[str, Any]]) -> str | None:
    """The pick of the first clicked point that is an actor or an edge (a chart selection)."""
    for point in points:
        data = point.get("customdata")
        if isinstance(data, list | tuple) and len(data) >= 2 and data[0] in (NODE, EDGE):
            return pick(str(data[0]), str(data[1]))
    return None


def pick_options(graph: nx.MultiDiGraph) -> list[str]:
    """Every actor (busiest first), then every relation in the order events record them."""
    nodes = sorted(graph.nodes, key=lambda n: -graph.nodes[n]["n_events"])
    edges = [pick(EDGE, edge_key(u, v, k)) for u, v, k, _ in ordered_edges(graph)]
    return [pick(NODE, n) for n in nodes] + edges


def _actor_name(graph: nx.MultiDiGraph, actor_id: str, lang: str) -> str:
    attrs = graph.nodes[actor_id] if actor_id in graph else {}
    return attrs.get("name_zh" if lang == "zh-Hant" else "name_en", actor_id)


def pick_label(value: str, graph: nx.MultiDiGraph, lang: str) -> str:
    """ "Donald Trump", or "Donald Trump → Claudia Sheinbaum · Proposal" (↔ for cooperation)."""
    focus = parse_pick(value)
    if focus is None:
        return value
    kind, key = focus
    if kind == NODE:
        return _actor_name(graph, key, lang)
    source, target, relation = key.split("|")
    mutual = graph.has_edge(source, target, relation) and graph.edges[source, target, relation].get(
        "mutual", False
    )
    arrow = "↔" if mutual else "→"
    return (
        f"{_actor_name(graph, source, lang)} {arrow} {_actor_name(graph, target, lang)}"
        f" · {label('relation', relation, lang)}"
    )


def pick_event_ids(graph: nx.MultiDiGraph, value: str | None) -> list[str]:
    focus = parse_pick(value)
    if focus is None:
        return []
    kind, key = focus
    if kind == NODE:
        return node_event_ids(graph, key)
    source, target, relation = key.split("|")
    return edge_event_ids(graph, source, target, relation)


# --- the listed events ------------------------------------------------------------------------


def spans(evidence: Iterable[Evidence]) -> list[tuple[int, int]]:
    """The resolved (start, end) of each evidence span (the loader resolves them all)."""
    return [(ev.start, ev.end) for ev in evidence if ev.start is not None and ev.end is not None]


@dataclass(frozen=True)
class EventItem:
    title: str
    url: str
    date: str
    status: str
    event_type: str
    evidence: tuple[MarkedSentence, ...]


def event_items(
    ds: Dataset,
    event_ids: Iterable[str],
    lang: str,
    *,
    timeline_url: Callable[[str], str],
) -> list[EventItem]:
    """The events as a template shows them, in the order given; unknown ids are skipped."""
    items = []
    for event_id in event_ids:
        event = ds.events_by_id.get(event_id)
        if event is None:
            continue
        evidence = tuple(marked_sentences(ds.article, spans(event.evidence)))
        items.append(
            EventItem(
                title(event, lang),
                timeline_url(event.id),
                stated_date(event, lang),
                label("status", event.status.value, lang),
                label("event_type", event.event_type.value, lang),
                evidence,
            )
        )
    return items


def events_html(
    ds: Dataset,
    graph: nx.MultiDiGraph,
    value: str,
    lang: str,
    *,
    timeline_url: Callable[[str], str],
    source_url: Callable[[int, int], str],
    limit: int = MAX_LISTED,
) -> str:
    """The pick's events under a heading ("Donald Trump: 12 events"), at most `limit`."""
    ids = pick_event_ids(graph, value)
    heading = t(
        "network.events_of",
        lang,
        what=pick_label(value, graph, lang),
        events=count("events", len(ids), lang),
    )
    note = t("network.listed", lang, shown=limit, total=len(ids)) if len(ids) > limit else None
    items = event_items(ds, ids[:limit], lang, timeline_url=timeline_url)
    return render(
        "network_events.html.j2",
        heading=heading,
        note=note,
        items=items,
        lang=lang,
        source_url=source_url,
    )
