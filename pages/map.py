"""The Map page: where the filtered events happened, cross-border actions, and the places table.

A click on a place or an arc lists the events there and offers to filter by that place. With
the toggle on (only when one is stored), the user's ACLED layer is drawn under the events.
"""

from __future__ import annotations

import streamlit as st

from usmx import maps
from usmx.locale import number
from usmx.ui import acled_map_overlay, acled_overlay, context, map_view

ctx = context.current()
ds, lang = ctx.ds, ctx.lang
st.title(ctx.t("page.map"))
events = ctx.filters.events(ds)
context.filter_caption(ctx, len(events))

view, basemap = map_view.controls(ctx)
layer = acled_overlay.toggle(ctx, "map_acled")
acled = acled_map_overlay.map_overlay(ctx, layer, view) if layer else None
pick = map_view.current_pick(ctx)
points, arcs = map_view.points_and_arcs(ctx, events)
map_view.deck_chart(ctx, points, arcs, view=view, basemap=basemap, pick=pick, acled=acled)
# After the chart, so the chart keeps its place (and its pan and zoom) when these come and go.
if layer is not None and acled is not None:
    acled_map_overlay.map_caption(ctx, layer, acled)
if not points:
    st.info(ctx.t("empty.no_match"))
if cell := maps.aggregation_cell(points):
    st.caption(ctx.t("map.aggregated", max=number(maps.MAX_POINTS, lang), cell=f"{cell:g}"))
map_view.pick_panel(ctx, events, pick)
map_view.legend(lang, acled=acled is not None)

st.subheader(ctx.t("map.places_header"))
map_view.places_table(points, lang)
cols = st.columns(2)
cols[0].download_button(
    ctx.t("map.download_geojson"),
    data=lambda: maps.places_geojson_bytes(ds, events),
    file_name="usmx-places.geojson",
    mime="application/geo+json",
    key="map_download_geojson",
    icon=":material/download:",
    on_click="ignore",
)
cols[1].download_button(
    ctx.t("map.download_csv"),
    data=lambda: maps.places_csv_bytes(ds, events),
    file_name="usmx-places.csv",
    mime="text/csv",
    key="map_download_csv",
    icon=":material/download:",
    on_click="ignore",
)
