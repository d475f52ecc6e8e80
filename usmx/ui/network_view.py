"""The Network page's widgets: which relations to draw, what is chosen, the chart, the events.

What the reader chose (an actor or a relation) is one *pick* (`usmx.network_events`), held by
the picker's state: a click on the chart copies the clicked point's pick into it, a link seeds
it from `?node=` / `?edge=`, and it goes back into the URL, so the view can be shared. The
relations drawn follow `?relations=` the same way (absent: everything but "reports on").

The graph and its layout are built once per distinct set of filtered events, the figure once
per (events, language, relations, pick): reruns that change nothing else reuse them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import streamlit as st

from usmx import network_chart as NC
from usmx import network_events as NE
from usmx.i18n import label
from usmx.locale import number, parenthesized
from usmx.network import graph_from_tables, layout, relation_counts, with_relations
from usmx.relations import Relation
from usmx.tables import Tables
from usmx.ui import url
from usmx.ui.charts import BuiltChart, show_chart
from usmx.ui.context import PageContext
from usmx.ui.data import events_key

if TYPE_CHECKING:
    import networkx as nx

CHART_KEY = "network_chart"
PICK_KEY = "network_pick"
RELATIONS_KEY = "network_relations"
ALL_RELATIONS = tuple(r.value for r in Relation)
# "Reports on" says who disclosed what: it is about the sources, not between the two
# countries, and its lines would hide the others (docs/network.md). One click brings it back.
DEFAULT_RELATIONS = tuple(r for r in ALL_RELATIONS if r != Relation.reports_on)


@st.cache_resource(show_spinner=False, max_entries=16)
def _graph(
    digest: str, ids_key: str, _tables: Tables
) -> tuple[nx.MultiDiGraph, dict[str, tuple[float, float]]]:
    # Keyed on the dataset's content and the shown events; shared by sessions, never modified.
    graph = graph_from_tables(_tables)
    return graph, layout(graph)


def graph_for(ctx: PageContext, tables: Tables) -> tuple[nx.MultiDiGraph, dict]:
    """The network of `tables` (already cut to the filtered events) and its layout."""
    return _graph(ctx.loaded.digest, events_key(tables), tables)


def relation_pills(ctx: PageContext, graph: nx.MultiDiGraph) -> tuple[str, ...]:
    """The relations to draw, seeded from the URL and written back to it; each pill says
    how many lines of that relation the filtered network has."""
    counts = relation_counts(graph)
    if RELATIONS_KEY not in st.session_state:
        st.session_state[RELATIONS_KEY] = list(DEFAULT_RELATIONS)
    chosen = ctx.view.relations
    url.seed(RELATIONS_KEY, "relations", list(chosen) if chosen else None)
    picked = st.pills(
        ctx.t("network.relations"),
        options=list(ALL_RELATIONS),
        selection_mode="multi",
        format_func=lambda r: (
            label("relation", r, ctx.lang)
            + parenthesized(number(counts.get(r, 0), ctx.lang), ctx.lang)
        ),
        key=RELATIONS_KEY,
        help=ctx.t("network.relations_help"),
    )
    relations = tuple(r for r in ALL_RELATIONS if r in (picked or ()))
    url.update(relations=None if set(relations) == set(DEFAULT_RELATIONS) else relations)
    return relations


def _from_chart() -> None:
    """`on_select` of the chart: the clicked actor or line becomes the pick (none: cleared)."""
    state = st.session_state.get(CHART_KEY)
    points = state.selection.points if state is not None else []
    st.session_state[PICK_KEY] = NE.pick_from_points(points)


def picker(ctx: PageContext, shown: nx.MultiDiGraph) -> str | None:
    """The pick: an actor or relation of the drawn network, or None."""
    linked = NE.pick_from_view(ctx.view.node, ctx.view.edge)
    url.seed(PICK_KEY, "edge" if ctx.view.edge else "node", linked)
    options = NE.pick_options(shown)
    if st.session_state.get(PICK_KEY) not in (None, *options):
        if st.session_state[PICK_KEY] == linked:
            st.info(ctx.t("network.pick_gone"), icon=":material/link_off:")
        st.session_state[PICK_KEY] = None  # not drawn under this filter: nothing to show
    value = st.selectbox(
        ctx.t("network.pick"),
        options=options,
        index=None,
        format_func=lambda v: NE.pick_label(v, shown, ctx.lang),
        placeholder=ctx.t("network.pick_hint"),
        key=PICK_KEY,
    )
    url.update(**NE.view_values(value))
    return value


@st.cache_resource(show_spinner=False, max_entries=48)
def _built(
    digest: str,
    ids_key: str,
    lang: str,
    relations: tuple[str, ...],
    pick: str | None,
    _graph: nx.MultiDiGraph,
    _pos: dict,
    _tables: Tables,
) -> BuiltChart:
    shown = with_relations(_graph, relations)
    figure = NC.network_figure(
        _graph,
        lang,
        titles=NC.titles_from_tables(_tables, lang),
        pos=_pos,
        relations=relations,
        focus=NE.parse_pick(pick),
    )
    return BuiltChart(figure, NC.summary(shown, lang), NC.table(shown, lang))


def show_network(
    ctx: PageContext,
    tables: Tables,
    graph: nx.MultiDiGraph,
    pos: dict,
    relations: tuple[str, ...],
    pick: str | None,
) -> Any:
    """The chart with its summary, data table and PNG/SVG/HTML downloads; clicks pick."""
    built = _built(
        ctx.loaded.digest,
        events_key(tables),
        ctx.lang,
        relations,
        pick,
        graph,
        pos,
        tables,
    )
    return show_chart(
        built.figure,
        chart_id="network",
        ctx=ctx,
        key=CHART_KEY,
        alt=built.summary,
        table=built.table,
        on_select=_from_chart,
        selection_mode=("points",),
    )


def show_events(ctx: PageContext, graph: nx.MultiDiGraph, pick: str) -> None:
    """The pick's events with their evidence, linking to the Timeline and the Source."""
    st.html(
        NE.events_html(
            ctx.ds,
            graph,
            pick,
            ctx.lang,
            timeline_url=lambda event_id: ctx.url("timeline", event=event_id),
            source_url=lambda start, end: ctx.url("source", span=(start, end)),
        )
    )
