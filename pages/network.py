"""Network page: who does what to whom among the filtered events; a click lists the events."""

from __future__ import annotations

import streamlit as st

from usmx.charts.frames import subset_tables
from usmx.network import with_relations
from usmx.ui import context
from usmx.ui import network_view as NV

ctx = context.current()
events = ctx.filters.events(ctx.ds)
st.title(ctx.t("page.network"))
context.filter_caption(ctx, len(events))
st.caption(ctx.t("network.intro"))
tables = subset_tables(ctx.tables, [e.id for e in events])
graph, pos = NV.graph_for(ctx, tables)
relations = NV.relation_pills(ctx, graph)
shown = with_relations(graph, relations)
if shown.number_of_edges() == 0:
    st.info(ctx.t("network.empty"), icon=":material/hub:")
pick = NV.picker(ctx, shown)
NV.show_network(ctx, tables, graph, pos, relations, pick)
if pick is not None:
    NV.show_events(ctx, graph, pick)
