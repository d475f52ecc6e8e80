"""The Map's share of the user's ACLED layer: hexagons counted in SQL, until a click on one
zooms in there; then the places in a box around it where ACLED puts events, as dots sized by
them (usmx.maps.acled). The toggle, filter and caption come from usmx.ui.acled_overlay."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

import streamlit as st

from usmx.acled_query import AcledFilter, AcledLayer
from usmx.i18n import count
from usmx.maps import acled as acled_map
from usmx.ui.acled_overlay import BUILT, ZOOM_KEY, caption, scope
from usmx.ui.context import PageContext
from usmx.ui.text import escape_markdown

if TYPE_CHECKING:
    import pydeck as pdk

_ZOOM_VIEW = "_map_acled_zoom_view"  # the map view the zoom was made from


@dataclass(frozen=True)
class MapOverlay:
    """What the Map draws of the layer: its deck layers, and the view when zoomed in."""

    layers: tuple[pdk.Layer, ...]
    view_state: dict[str, float] | None
    zoom: acled_map.Zoom | None
    shown: int  # hexagons, or places drawn
    rows: int  # rows matching (in the box when zoomed in)
    size_km: float


@st.cache_resource(show_spinner=False, max_entries=BUILT)
def _hex_rows(version: str, f_key: str, size_km: float, lang: str,
              _layer: AcledLayer, _f: AcledFilter) -> list[dict[str, Any]]:  # fmt: skip
    frame = _layer.cached("hex_bins", _f, size_km=size_km)
    return acled_map.hex_rows(frame, size_km, lang)


@st.cache_resource(show_spinner=False, max_entries=BUILT)
def _point_rows(version: str, f_key: str, lang: str,
                _layer: AcledLayer, _f: AcledFilter) -> list[dict[str, Any]]:  # fmt: skip
    frame = _layer.cached("locations", _f, limit=acled_map.MAX_MAP_POINTS)
    return acled_map.point_rows(frame, lang)


def take_zoom(selection: Mapping[str, Any]) -> None:
    """From the map's click handler: a click on a hexagon zooms in there (anything else
    leaves the zoom as it is: only "back to hexagons" or another view zooms out)."""
    zoom = acled_map.Zoom.from_selection(selection)
    if zoom is not None:
        st.session_state[ZOOM_KEY] = (zoom.lon, zoom.lat)


def _zoom_out() -> None:
    st.session_state[ZOOM_KEY] = None


def map_overlay(ctx: PageContext, layer: AcledLayer, view: str) -> MapOverlay:
    """The layer's share of the map for the current filter, view and zoom."""
    if st.session_state.get(_ZOOM_VIEW) != view:  # another view: back to hexagons
        st.session_state[ZOOM_KEY] = None
    st.session_state[_ZOOM_VIEW] = view
    f = scope(ctx)
    size = acled_map.hex_size(view)
    centre = st.session_state.get(ZOOM_KEY)
    if centre:
        zoom = acled_map.Zoom(*centre)
        boxed = replace(f, bbox=zoom.bbox)
        rows = _point_rows(layer.version, repr(boxed), ctx.lang, layer, boxed)
        layers = (acled_map.point_layer(rows),)
        matching = layer.cached("count", boxed)
        return MapOverlay(layers, zoom.view(), zoom, len(rows), matching, size)
    rows = _hex_rows(layer.version, repr(f), size, ctx.lang, layer, f)
    matching = layer.cached("count", f)
    return MapOverlay((acled_map.hex_layer(rows),), None, None, len(rows), matching, size)


def map_caption(ctx: PageContext, layer: AcledLayer, overlay: MapOverlay) -> None:
    """Under the map: hexagons or the zoomed-in dots, a way back, and the layer's caption."""
    lang = ctx.lang
    if overlay.zoom is None:
        text = ctx.t(
            "acled.overlay.hexagons",
            km=f"{overlay.size_km:g}",
            hexagons=count("hexagons", overlay.shown, lang),
        )
        st.caption(escape_markdown(text))
    else:
        capped = overlay.shown >= acled_map.MAX_MAP_POINTS
        text = ctx.t(
            "acled.overlay.zoomed_capped" if capped else "acled.overlay.zoomed",
            rows=count("rows", overlay.rows, lang),
            places=count("places", overlay.shown, lang),
        )
        left, right = st.columns([4, 1], vertical_alignment="center")
        left.caption(escape_markdown(text))
        right.button(ctx.t("acled.overlay.back"), key="map_acled_back", on_click=_zoom_out,
                     icon=":material/hexagon:")  # fmt: skip
    caption(ctx, layer, scope(ctx))
