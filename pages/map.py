"""The Map page: where the filtered events happened, cross-border actions, and the places table."""

from __future__ import annotations

import streamlit as st

from usmx import maps
from usmx.ui import context, map_view

ctx = context.current()
ds, lang = ctx.ds, ctx.lang
st.title(ctx.t("page.map"))
events = ctx.filters.events(ds)
context.filter_caption(ctx, len(events))

left, right = st.columns([3, 2], vertical_alignment="bottom")
view = left.segmented_control(
    ctx.t("map.view"),
    options=list(maps.VIEWS),
    format_func=lambda v: ctx.t(f"map.view.{v}"),
    default="border",
    required=True,
    key="map_view",
)
basemap = right.toggle(ctx.t("map.basemap"), value=False, key="map_basemap")
right.caption(ctx.t("map.basemap_note"))

points = maps.place_points(events, ds.places, lang=lang)
arcs = maps.cross_border_arcs(events, ds, lang=lang)
deck = maps.build_deck(points, arcs, lang=lang, view=view or "border", basemap=basemap)
if not points:
    st.info(ctx.t("empty.no_match"))
st.pydeck_chart(deck, key="map_deck", height=620, alt=maps.alt_text(points, arcs, lang))
if cell := maps.aggregation_cell(points):
    st.caption(ctx.t("map.aggregated", max=f"{maps.MAX_POINTS:,}", cell=f"{cell:g}"))
map_view.legend(lang)

st.subheader(ctx.t("map.places_header"))
st.dataframe(maps.places_frame(points, lang=lang), hide_index=True, key="map_places")
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
